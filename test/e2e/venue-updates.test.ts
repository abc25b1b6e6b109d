/**
 * Venue updates through the real bot: the fake arXiv lists a paper, then a later version of it with a venue in
 * its comment or journal reference; the channel that got the paper hears it once, linked to where it was posted.
 */
import { describe, expect, it } from 'vitest';
import { apiById, rssFeedXml, type FakePaper } from '../fakes/fake-arxiv.js';
import type { FakeMessage } from '../fakes/fake-discord-types.js';
import { commandData } from '../../commands/index.js';
import { run } from '../commands/moderation-harness.js';
import { answer, customIds } from '../commands/paper-digest-world.js';
import { FIXTURE, FIXTURE_GUILD, subscription, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';

const start = useBotWorld();
const G = FIXTURE.guildId;
const DAY = {
  tue: { pub: 'Tue, 24 Nov 2026 00:00:00 -0500', at: '2026-11-24T12:00:00Z', date: '2026-11-24' },
  wed: { pub: 'Wed, 25 Nov 2026 00:00:00 -0500', at: '2026-11-25T12:00:00Z', date: '2026-11-25' },
  thu: { pub: 'Thu, 26 Nov 2026 00:00:00 -0500', at: '2026-11-26T12:00:00Z', date: '2026-11-26' },
};

/** Paper `n`, version `v`: a replacement from v2 on. Papers 0–3 are about contrastive learning, 1 also self-supervised. */
function paper(n: number, v = 1, extra: Partial<FakePaper> = {}): FakePaper {
  const titles = [
    'Contrastive learning of representations',
    'Self-supervised contrastive pretraining',
    'Contrastive objectives revisited',
    'Contrastive learning for audio',
  ];
  return {
    id: `2611.0${1000 + n}v${v}`,
    title: titles[n] ?? `Supervised segmentation study ${n}`,
    abstract: n < titles.length ? 'We study contrastive learning for images.' : 'We train a supervised model.',
    authors: [`Author ${n} One`],
    categories: ['cs.LG'],
    published: '2026-11-23T18:00:00Z',
    updated: v === 1 ? '2026-11-23T18:00:00Z' : `2026-11-2${3 + v}T18:00:00Z`,
    ...(v > 1 ? { announceType: 'replace' as const } : {}),
    ...extra,
  };
}

const HEADER = '🎓 **Now accepted** — papers posted here';
const link = (channelOrThread: string, messageId: string) =>
  `https://discord.com/channels/${G}/${channelOrThread}/${messageId}`;

/** The message of a channel (or thread) whose embed links paper `n`. */
function postedIn(world: BotWorld, channelId: string, n: number): FakeMessage {
  const url = `https://arxiv.org/abs/2611.0${1000 + n}`;
  const found = world.discord
    .messages(channelId)
    .find((m) => m.embeds.some((e) => typeof e['url'] === 'string' && e['url'].startsWith(url)));
  if (!found) throw new Error(`paper ${n} was not posted in ${channelId}`);
  return found;
}

const updatesIn = (world: BotWorld, channelId: string) =>
  world.discord.messages(channelId).filter((m) => m.content.startsWith(HEADER));

async function day(world: BotWorld, which: keyof typeof DAY, papers: FakePaper[]): Promise<void> {
  world.clock.set(DAY[which].at);
  world.serveListing('cs.LG', DAY[which].pub, papers);
  await world.bot.app.runGuild(G);
}

function seed(extra: { venueUpdates?: boolean } = {}) {
  return (guildId: string) => ({
    topics: [topic(guildId), topic(guildId, { slug: 'ssl', name: 'Self-supervised', query: '"self-supervised"' })],
    subscriptions: [
      subscription(guildId),
      subscription(guildId, { topicSlug: 'ssl', channelId: FIXTURE.forum, channelKind: 'forum' }),
    ],
    ...(extra.venueUpdates === undefined
      ? {}
      : {
          settings: {
            guildId,
            schedule: '30 1 * * 1-5',
            timezone: 'America/New_York',
            abstractLength: 600,
            maxPapers: 25,
            venueUpdates: extra.venueUpdates,
            changed: null,
          },
        }),
  });
}

describe('venue updates through the real bot', () => {
  it('tells each channel once, linked to the message that posted the paper, in one message a day', async () => {
    const world = await start({ seed: seed(), now: DAY.tue.at });
    await day(world, 'tue', [paper(0), paper(1), paper(2), paper(5)]);
    const textDigest = world.discord.messages(FIXTURE.text);
    expect(textDigest.flatMap((m) => m.embeds)).toHaveLength(3);
    const [forumPost] = world.discord.threads(FIXTURE.forum);
    const forumThread = String(forumPost?.['id']);

    // Wednesday: paper 0 comes back as v2 accepted at NeurIPS; paper 5 (archived, never posted) at CVPR; paper 7
    // (never archived) is a replacement nobody needs, so not even asked of the API.
    await day(world, 'wed', [
      paper(3),
      paper(0, 2, { comment: 'Accepted at NeurIPS 2026' }),
      paper(5, 2, { comment: 'Accepted to CVPR 2027' }),
      paper(7, 2, { comment: 'Accepted at ICLR 2027' }),
    ]);
    const apiIds = world.arxiv.apiRequests.flatMap((r) => (r.query.get('id_list') ?? '').split(','));
    expect(apiIds).toContain('2611.01000');
    expect(apiIds).not.toContain('2611.01007');
    const wed = updatesIn(world, FIXTURE.text);
    expect(wed.map((m) => m.content)).toEqual([
      `${HEADER} · 2026-11-25\n**Contrastive learning of representations** — now accepted at **NeurIPS 2026** (v2) — [posted here](${link(FIXTURE.text, postedIn(world, FIXTURE.text, 0).id)})`,
    ]);
    expect(wed[0]?.allowedMentions).toEqual({ parse: [] });
    expect(wed[0]?.embeds).toEqual([]);
    // The new version is not posted again as a paper (the topic has updates off); paper 3 is Wednesday's.
    const papers = world.discord.messages(FIXTURE.text).flatMap((m) => m.embeds.map((e) => String(e['url'])));
    expect(papers.filter((u) => u.includes('2611.01000'))).toHaveLength(1);
    expect(papers.some((u) => u.includes('2611.01003'))).toBe(true);
    // The forum posted neither paper 0 nor 5: nothing to tell it.
    expect(world.discord.threads(FIXTURE.forum)).toHaveLength(1);

    // Later the same day the feed changes again: paper 1 is published in TMLR. The text channel had its update
    // today, so it waits; the forum, which posted paper 1, had none yet and gets one, as a post of its own linked
    // to the post that carried the paper.
    const tmlr = paper(1, 2, { journalRef: 'Transactions on Machine Learning Research (2026)' });
    world.clock.advance(10 * 60_000);
    world.arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', DAY.wed.pub, [tmlr]), etag: '"wed-2"' });
    world.arxiv.api(null, apiById([tmlr]));
    await world.bot.app.runGuild(G);
    expect(updatesIn(world, FIXTURE.text)).toHaveLength(1);
    const posts = world.discord.threads(FIXTURE.forum);
    expect(posts.map((p) => p['name'])).toEqual([expect.stringContaining('2026-11-24'), 'Now accepted · 2026-11-25']);
    const tmlrLine = (where: string) =>
      `**Self-supervised contrastive pretraining** — now accepted at **TMLR 2026** (v2) — [posted here](${link(where, postedIn(world, where, 1).id)})`;
    expect(world.discord.messages(String(posts[1]?.['id'])).map((m) => m.content)).toEqual([
      `${HEADER} · 2026-11-25\n${tmlrLine(forumThread)}`,
    ]);

    // Thursday: the text channel hears of paper 1, and of paper 0 at another venue; the forum, told already, nothing.
    await day(world, 'thu', [paper(4), paper(0, 3, { comment: 'Camera-ready, ICML 2027' }), tmlr]);
    const thu = updatesIn(world, FIXTURE.text);
    expect(thu).toHaveLength(2);
    expect(thu[1]?.content.split('\n')).toEqual([
      `${HEADER} · 2026-11-26`,
      tmlrLine(FIXTURE.text),
      `**Contrastive learning of representations** — now accepted at **ICML 2027** (v3) — [posted here](${link(FIXTURE.text, postedIn(world, FIXTURE.text, 0).id)})`,
    ]);
    expect(world.discord.threads(FIXTURE.forum)).toHaveLength(2);

    // Friday, nothing new of these papers: nothing more, whatever the listing says again.
    world.clock.set('2026-11-27T12:00:00Z');
    world.serveListing('cs.LG', 'Fri, 27 Nov 2026 00:00:00 -0500', [
      paper(0, 4, { comment: 'Camera-ready, ICML 2027' }),
    ]);
    await world.bot.app.runGuild(G);
    expect(updatesIn(world, FIXTURE.text)).toHaveLength(2);
    expect(world.discord.violations).toEqual([]);
    expect(world.arxiv.violations).toEqual([]);
  });

  it('tells nothing of a paper its topic posts again as a new version: that post shows the venue', async () => {
    const world = await start({
      seed: (guildId) => ({ topics: [topic(guildId, { updates: true })], subscriptions: [subscription(guildId)] }),
      now: DAY.tue.at,
    });
    await day(world, 'tue', [paper(0), paper(1)]);
    await day(world, 'wed', [paper(0, 2, { comment: 'Accepted at NeurIPS 2026' })]);
    const embeds = world.discord.messages(FIXTURE.text).flatMap((m) => m.embeds.map((e) => JSON.stringify(e)));
    expect(embeds.filter((e) => e.includes('2611.01000'))).toHaveLength(2);
    expect(embeds.at(-1)).toContain('NeurIPS 2026');
    expect(updatesIn(world, FIXTURE.text)).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });

  it('tells a member who saved the paper, in a DM of its own after their follow DM, once', async () => {
    const reader = { id: '440000000000000001', username: 'reader' };
    const world = await start({
      seed: seed(),
      now: DAY.tue.at,
      discord: { guilds: [{ ...FIXTURE_GUILD, members: [reader] }] },
    });
    await world.bot.client.application?.commands.set(commandData(), G);
    // Following something from this server is what gives the member a DM schedule.
    await run(world, 'follow', 'add', { query: 'segmentation' }, { user: reader });
    await day(world, 'tue', [paper(0), paper(1), paper(5)]);
    // The follow's DM (paper 5), then the member saves paper 0 from the channel's digest.
    expect(world.discord.directMessages(reader.id)).toHaveLength(1);
    const digest = world.discord.messages(FIXTURE.text).find((m) => m.embeds.length > 0)!;
    const saving = await world.discord.select({
      messageId: digest.id,
      customId: customIds(digest)[0] ?? '',
      values: ['2611.01000'],
      strict: true,
      user: reader,
    });
    expect((await answer(world, saving)).content).toContain('Saved');

    await day(world, 'wed', [paper(3), paper(0, 2, { comment: 'Accepted at NeurIPS 2026' })]);
    const dms = world.discord.directMessages(reader.id);
    expect(dms.map((m) => m.content).slice(1)).toEqual([
      '🎓 **Now accepted** — papers you saved · 2026-11-25\n' +
        '**Contrastive learning of representations** — now accepted at **NeurIPS 2026** (v2) — ' +
        '[arXiv](<https://arxiv.org/abs/2611.01000>)',
    ]);
    // The channel heard of it too, in its own update.
    expect(updatesIn(world, FIXTURE.text)).toHaveLength(1);

    // Thursday: v3 at the same venue, and a paper the follow matches: a follow DM, no second update.
    await day(world, 'thu', [paper(4), paper(0, 3, { comment: 'Accepted at NeurIPS 2026' })]);
    const updates = world.discord.directMessages(reader.id).filter((m) => m.content.startsWith('🎓'));
    expect(updates).toHaveLength(1);
    expect(world.discord.directMessages(reader.id)).toHaveLength(3);
    expect(world.discord.violations).toEqual([]);
  });

  it('sends nothing, and fetches no replacements, when the server turned venue updates off', async () => {
    const world = await start({ seed: seed({ venueUpdates: false }), now: DAY.tue.at });
    await day(world, 'tue', [paper(0), paper(1)]);
    const before = world.discord.messages(FIXTURE.text).length;
    await day(world, 'wed', [paper(3), paper(0, 2, { comment: 'Accepted at NeurIPS 2026' })]);
    expect(updatesIn(world, FIXTURE.text)).toEqual([]);
    // Wednesday's digest (paper 3) is all that was posted.
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(before + 1);
    expect((await world.bot.app.store.archive.get('2611.01000'))?.version).toBe(1);
    expect(world.discord.violations).toEqual([]);
  });
});
