/**
 * Follows end to end, through the real bot and the fake Discord: members follow an author or a query with
 * `/follow add`, the server's scheduled run DMs each of them what matched (once, however often it runs), a member
 * whose DMs Discord refuses is paused without retries and told on their next command, `/follow` answers are
 * the member's alone, and an author followed alone is searched on arXiv, whatever the category, once for all.
 */
import { describe, expect, it } from 'vitest';
import { dmPapers } from '../helpers/crash-world.js';
import { FIXTURE, FIXTURE_GUILD, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';
import { run } from '../commands/moderation-harness.js';
import type { FakePaper } from '../fakes/fake-arxiv.js';
import { apiSearch } from '../fakes/fake-arxiv-search.js';

const start = useBotWorld();
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';
const ALICE = { id: '430000000000000001', username: 'alice' };
const BOB = { id: '430000000000000002', username: 'bob' };
const CAROL = { id: '430000000000000003', username: 'carol' };

function paper(n: number, extra: Partial<FakePaper>): FakePaper {
  return {
    id: `2611.0${1000 + n}v1`,
    title: `Paper ${n}`,
    abstract: `An abstract about topic ${n}.`,
    authors: ['Someone Else'],
    categories: ['cs.LG'],
    published: '2026-11-23T18:00:00Z',
    ...extra,
  };
}

/** A listing: two by LeCun (one in q-bio, which no topic reads), two on contrastive learning, one on neither. */
const LISTING: FakePaper[] = [
  paper(0, { authors: ['Y. LeCun', 'A. Author'], title: 'Energy-based models' }),
  paper(1, { authors: ['Yann LeCun'], categories: ['q-bio.NC'], title: 'Brains and nets' }),
  paper(2, { title: 'Contrastive learning of views', abstract: 'We study contrastive learning.' }),
  paper(3, { title: 'More contrastive learning', abstract: 'Contrastive learning again.' }),
  paper(4, { title: 'Segmentation', abstract: 'Supervised segmentation.' }),
];

/** The server has a topic on cs.LG (no channel subscribed): follows without categories read what it reads. */
async function world(): Promise<BotWorld> {
  const w = await start({
    seed: (guildId) => ({ topics: [topic(guildId, { categories: ['cs.LG'] })] }),
    discord: {
      guilds: [
        {
          ...FIXTURE_GUILD,
          members: [ALICE, BOB, { ...CAROL, acceptsDms: false }],
        },
      ],
    },
  });
  // The listing the bot asks for depends on what is followed: with and without q-bio.NC.
  w.serveListing('cs.LG+q-bio.NC', LISTING_DATE, LISTING);
  w.serveListing(
    'cs.LG',
    LISTING_DATE,
    LISTING.filter((p) => p.categories.includes('cs.LG')),
  );
  return w;
}

describe('follows delivered by direct message', () => {
  it('sends each member what their follows match, once, however many runs and follows match a paper', async () => {
    const w = await world();
    const added = await run(
      w,
      'follow',
      'add',
      { author: 'Yann LeCun', categories: 'cs.LG q-bio.NC' },
      { user: ALICE },
    );
    expect(added.ephemeral).toBe(true);
    expect(added.content).toContain('Following `f1`: author Yann LeCun · in cs.LG, q-bio.NC');
    await run(w, 'follow', 'add', { query: '"contrastive learning"' }, { user: ALICE });
    await run(w, 'follow', 'add', { query: 'contrastive' }, { user: BOB });

    // The server only learns who follows something, never what.
    const state = await w.bot.app.store.state.getGuild(FIXTURE.guildId);
    expect(state.followers?.sort()).toEqual([ALICE.id, BOB.id]);
    expect(JSON.stringify(state)).not.toContain('LeCun');

    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(dmPapers(w.discord, ALICE.id).sort()).toEqual(['2611.01000', '2611.01001', '2611.01002', '2611.01003']);
    expect(dmPapers(w.discord, BOB.id).sort()).toEqual(['2611.01002', '2611.01003']);
    // One DM per member per run (four papers fit one message), nothing in the server's channels.
    expect(w.discord.directMessages(ALICE.id)).toHaveLength(1);
    expect(w.discord.messages(FIXTURE.text)).toEqual([]);
    const dm = w.discord.directMessages(ALICE.id)[0]!;
    expect(dm.content).toContain('Your follows');
    // Each paper says which follow brought it: the author as the paper names them, or the query's terms.
    const descriptions = (dm.embeds as Array<{ url?: string; description?: string }>).map(
      (e) => `${e.url ?? ''} ${e.description ?? ''}`,
    );
    expect(descriptions.find((d) => d.includes('2611.01000'))).toContain('matched: author Y. LeCun');
    expect(descriptions.find((d) => d.includes('2611.01002'))).toContain('matched: "contrastive learning"');

    // Run again (a restart, a second firing): nothing is sent twice.
    await w.bot.app.runGuild(FIXTURE.guildId);
    await w.restart();
    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(dmPapers(w.discord, ALICE.id)).toHaveLength(4);
    expect(dmPapers(w.discord, BOB.id)).toHaveLength(2);
    expect(w.discord.violations).toEqual([]);
  });

  it('pauses a member whose DMs are refused, without retries, and tells them on their next command', async () => {
    const w = await world();
    await run(w, 'follow', 'add', { query: 'contrastive' }, { user: CAROL });
    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(w.discord.directMessages(CAROL.id)).toEqual([]);
    const refused = w.discord.dmRequests(CAROL.id).length;
    expect(refused).toBe(1);
    const member = await w.bot.app.store.state.getMember(CAROL.id);
    expect(member.dm.paused).toMatchObject({
      reason: 'Discord does not let the bot send you direct messages',
      told: false,
    });

    // No retry storm: later runs do not try again.
    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(w.discord.dmRequests(CAROL.id)).toHaveLength(refused);

    // Her next command (any command) tells her once, privately.
    const handle = await w.discord.command({ channelId: FIXTURE.text, name: 'topic', subcommand: 'list', user: CAROL });
    await handle.response(3000);
    const told = await handle.waitForFollowup(1, 3000);
    expect(told.content).toContain('your follows are paused');
    expect(told.ephemeral).toBe(true);
    expect((await w.bot.app.store.state.getMember(CAROL.id)).dm.paused?.told).toBe(true);
    const list = await run(w, 'follow', 'list', {}, { user: CAROL });
    expect(JSON.stringify(list.embeds)).toContain('paused: Discord does not let the bot send you direct messages');

    // She opens her DMs and resumes: the papers come with the next run.
    w.discord.setAcceptsDms(CAROL.id, true);
    const resumed = await run(w, 'follow', 'resume', {}, { user: CAROL });
    expect(resumed.content).toContain('Direct messages are on');
    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(dmPapers(w.discord, CAROL.id).sort()).toEqual(['2611.01002', '2611.01003']);
  });

  it('keeps follows private, refuses bad input and duplicates, removes and pauses', async () => {
    const w = await world();
    const bad = await run(w, 'follow', 'add', { categories: 'cs.LG nope.XX' }, { user: ALICE });
    expect(bad.content).toContain('Not arXiv categories: `nope.XX`');
    expect(await w.bot.app.store.state.listMemberIds()).toEqual([]);
    await run(w, 'follow', 'add', { author: 'Y. LeCun' }, { user: ALICE });
    const again = await run(w, 'follow', 'add', { author: 'y.  lecun' }, { user: ALICE });
    expect(again.content).toContain('You already follow that (`f1`');

    // Bob sees only his own (nothing), and cannot remove Alice's.
    const bobList = await run(w, 'follow', 'list', {}, { user: BOB });
    expect(JSON.stringify(bobList.embeds)).not.toContain('LeCun');
    const bobRemove = await run(w, 'follow', 'remove', { follow: 'f1' }, { user: BOB });
    expect(bobRemove.content).toContain('You follow nothing yet');
    expect((await w.bot.app.store.state.getMember(ALICE.id)).follows).toHaveLength(1);

    const paused = await run(w, 'follow', 'pause', {}, { user: ALICE });
    expect(paused.content).toContain('Direct messages are off; your 1 follow are kept');
    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(w.discord.directMessages(ALICE.id)).toEqual([]);

    const removed = await run(w, 'follow', 'remove', { follow: 'f1' }, { user: ALICE });
    expect(removed.content).toContain('Stopped following `f1`');
    expect((await w.bot.app.store.state.getGuild(FIXTURE.guildId)).followers).toEqual([]);
  });

  it('brings the new papers of an author followed alone from any category, once, with one search for all', async () => {
    const w = await world();
    // arXiv as the API's author search sees it: the listing, and what no topic reads.
    const arxiv: FakePaper[] = [
      ...LISTING,
      paper(5, { authors: ['Yann LeCun', 'B. Writer'], categories: ['astro-ph.GA'], title: 'Galaxies' }),
      // The API's search is loose: another author it finds, whom the follow rule tells apart.
      paper(6, { authors: ['Yann Lecun Ortega'], categories: ['math.AG'], title: 'Not his' }),
      // Submitted long before the listing: outside the window searched.
      paper(7, { authors: ['Yann LeCun'], categories: ['hep-th'], published: '2026-10-01T10:00:00Z' }),
    ];
    w.arxiv.api((query) => query.has('search_query'), apiSearch(arxiv));
    await run(w, 'follow', 'add', { author: 'Yann LeCun' }, { user: ALICE });
    await run(w, 'follow', 'add', { author: 'LeCun, Yann' }, { user: BOB });

    await w.bot.app.runGuild(FIXTURE.guildId);
    const searches = () => w.arxiv.apiRequests.filter((r) => r.query.has('search_query'));
    // Two members, one author: one query, newest first, bounded to the recent submissions.
    expect(searches()).toHaveLength(1);
    const [search] = searches();
    expect(search!.query.get('search_query')).toBe(
      '(au:"yann lecun") AND submittedDate:[202611200000 TO 202611241200]',
    );
    expect(search!.query.get('sortBy')).toBe('submittedDate');
    expect(search!.query.get('sortOrder')).toBe('descending');
    // The listing's LeCun paper (cs.LG), and his papers in q-bio.NC and astro-ph.GA, which no topic reads.
    expect(dmPapers(w.discord, ALICE.id).sort()).toEqual(['2611.01000', '2611.01001', '2611.01005']);
    expect(dmPapers(w.discord, BOB.id).sort()).toEqual(['2611.01000', '2611.01001', '2611.01005']);
    const archived = await w.bot.app.store.archive.getMany(['2611.01001', '2611.01005', '2611.01006', '2611.01007']);
    expect([...archived.keys()].sort()).toEqual(['2611.01001', '2611.01005']);
    expect(archived.get('2611.01005')).toMatchObject({ announced: '2026-11-24', categories: ['astro-ph.GA'] });

    // Again, and after a restart: the author was searched for this listing, and nothing is sent twice.
    await w.bot.app.runGuild(FIXTURE.guildId);
    await w.restart();
    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(searches()).toHaveLength(1);
    expect(dmPapers(w.discord, ALICE.id)).toHaveLength(3);

    // The next listing: searched again; what was sent stays sent, the new paper comes.
    w.clock.set('2026-11-25T12:00:00Z');
    w.serveListing('cs.LG', 'Wed, 25 Nov 2026 00:00:00 -0500', [paper(9, { published: '2026-11-24T16:00:00Z' })]);
    // (Served after the listing, whose id lookups answer every other API query.)
    w.arxiv.api((query) => query.has('search_query'), apiSearch(arxiv));
    arxiv.push(
      paper(8, { authors: ['Yann LeCun'], categories: ['cs.CV'], title: 'Vision', published: '2026-11-24T17:00:00Z' }),
    );
    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(searches()).toHaveLength(2);
    expect(searches()[1]!.query.get('search_query')).toBe(
      '(au:"yann lecun") AND submittedDate:[202611200000 TO 202611251200]',
    );
    expect(dmPapers(w.discord, ALICE.id).sort()).toEqual(['2611.01000', '2611.01001', '2611.01005', '2611.01008']);
    expect(dmPapers(w.discord, BOB.id)).toHaveLength(4);
    expect(w.discord.violations).toEqual([]);
    expect(w.arxiv.violations).toEqual([]);
  });
});
