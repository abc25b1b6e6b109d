/**
 * `explainPaper` against the real bot: listings served by the fake arXiv, digests posted (or refused) by the fake
 * Discord, the real SQLite ledger. Every outcome is produced by a real run, then explained from what was stored.
 */
import { describe, expect, it } from 'vitest';
import { explainPaper, describeDelivery, describeMatch, type WhyReport } from '../../src/digest/why.js';
import { FIXTURE, subscription, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';
import { LIBRARY, MONDAY, TUESDAY, paper, postDay } from '../commands/paper-digest-world.js';
import { apiFeedXml, type FakePaper } from '../fakes/fake-arxiv.js';

const start = useBotWorld();

const PAUSED = { reason: 'the bot lost Send Messages there', at: '2026-11-20T00:00:00.000Z', notified: true };

/** Contrastive (cap 1) in the text channel, graphs in the announcement channel, contrastive paused in the forum. */
function seed(guildId: string) {
  return {
    topics: [
      topic(guildId, {
        slug: 'contrastive',
        name: 'Contrastive learning',
        query: '"contrastive learning" OR contrastive',
      }),
      topic(guildId, { slug: 'graphs', name: 'Graph learning', query: '(graph OR graphs) -survey', updates: true }),
    ],
    subscriptions: [
      subscription(guildId, { topicSlug: 'contrastive', channelId: FIXTURE.text, maxPapers: 1 }),
      subscription(guildId, { topicSlug: 'graphs', channelId: FIXTURE.announcement }),
      subscription(guildId, { topicSlug: 'contrastive', channelId: FIXTURE.forum, paused: PAUSED }),
    ],
  };
}

const id = (p: FakePaper): string => p.id.replace(/v\d+$/, '');

function explain(world: BotWorld, paperId: string): Promise<WhyReport> {
  const app = world.bot.app;
  return explainPaper(
    {
      store: app.store,
      lookUp: async (wanted) =>
        (await app.arxiv.fetchPapers([wanted])).find((r) => r.paper.id === wanted)?.paper ?? null,
    },
    FIXTURE.guildId,
    paperId,
  );
}

/** The explanation for one subscription, by channel. */
function at(report: WhyReport, channelId: string) {
  const found = report.subscriptions.find((s) => s.channelId === channelId);
  if (!found) throw new Error(`no subscription in ${channelId}`);
  return found;
}

/** Monday: the library is posted; Discord refuses the graphs digest's message. */
async function monday(): Promise<BotWorld> {
  const world = await start({ now: MONDAY.noon, seed });
  world.discord.fail({
    method: 'POST',
    path: `/channels/${FIXTURE.announcement}/messages`,
    status: 400,
    code: 50035,
    message: 'Invalid Form Body',
  });
  await postDay(world, MONDAY, LIBRARY);
  return world;
}

describe('explainPaper', () => {
  it('explains posted, capped, refused, not matched and paused from one real run', async () => {
    const world = await monday();
    const [posted] = world.discord.messages(FIXTURE.text);
    expect(posted).toBeDefined();
    const requestsBefore = world.arxiv.requests.length;

    // Papers 3 and 4 both match contrastive, whose cap is 1: one is posted, the other left out.
    const three = await explain(world, id(LIBRARY[2]!));
    const four = await explain(world, id(LIBRARY[3]!));
    const outcomes = [at(three, FIXTURE.text).delivery, at(four, FIXTURE.text).delivery];
    const postedOne = outcomes.find((d) => d.status === 'posted');
    const cappedOne = outcomes.find((d) => d.status === 'capped');
    expect(postedOne).toEqual({
      status: 'posted',
      date: MONDAY.date,
      topicSlug: 'contrastive',
      messageUrl: `https://discord.com/channels/${FIXTURE.guildId}/${FIXTURE.text}/${posted!.id}`,
    });
    expect(cappedOne).toEqual({ status: 'capped', date: MONDAY.date, topicSlug: 'contrastive', rank: 2, cap: 1 });
    expect(describeDelivery(cappedOne!)).toBe(
      `Left out by the cap of the ${MONDAY.date} digest of contrastive: it ranked 2, and the digest took 1.`,
    );

    expect(three.source).toBe('archive');
    expect(three.listing).toEqual({ announced: MONDAY.date, announceType: 'new', version: 1 });
    expect(at(three, FIXTURE.text).match).toEqual({
      matched: true,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
      score: expect.any(Number),
      terms: ['"contrastive learning"', 'contrastive'],
    });

    // Paper 2 matched graphs, whose only message Discord refused.
    const two = await explain(world, id(LIBRARY[1]!));
    expect(at(two, FIXTURE.announcement).delivery).toMatchObject({ status: 'refused', date: MONDAY.date });
    expect(at(two, FIXTURE.announcement).match).toMatchObject({ matched: true, terms: ['graph', 'graphs'] });
    expect(at(two, FIXTURE.text).delivery).toEqual({ status: 'not-matched' });
    expect(at(two, FIXTURE.text).match).toEqual({
      matched: false,
      reason: 'query',
      found: [],
      missing: ['"contrastive learning"', 'contrastive'],
      excluded: [],
    });
    expect(describeMatch(at(two, FIXTURE.text).match)).toBe(
      'Did not match the query (not found: "contrastive learning", contrastive).',
    );

    // The paused forum subscription: a matching paper waits, with the reason.
    expect(at(three, FIXTURE.forum).delivery).toEqual({
      status: 'paused',
      reason: PAUSED.reason,
      since: PAUSED.at,
    });
    expect(describeDelivery(at(three, FIXTURE.forum).delivery)).toContain(PAUSED.reason);

    // Everything above came from the store: arXiv was not asked.
    expect(world.arxiv.requests.length).toBe(requestsBefore);
  });

  it('explains an excluded term and a category the topic does not take', async () => {
    const world = await monday();
    const survey = paper(7, {
      title: 'A survey of graph neural networks',
      abstract: 'We survey graph networks.',
      categories: ['cs.LG'],
    });
    const physics = paper(8, {
      title: 'Graph states in quantum optics',
      abstract: 'Graph states for contrastive imaging.',
      categories: ['quant-ph'],
    });
    await postDay(world, TUESDAY, [survey, physics]);
    const surveyed = await explain(world, id(survey));
    expect(at(surveyed, FIXTURE.announcement).match).toEqual({
      matched: false,
      reason: 'query',
      found: ['graph'],
      missing: ['graphs'],
      excluded: ['survey'],
    });
    const quantum = await explain(world, id(physics));
    expect(at(quantum, FIXTURE.text).match).toEqual({
      matched: false,
      reason: 'categories',
      topicCategories: ['cs.LG'],
      paperCategories: ['quant-ph'],
      crossLists: true,
    });
    expect(at(quantum, FIXTURE.text).delivery).toEqual({ status: 'not-matched' });
  });

  it('explains a paper waiting for its digest, then posted, then a new version skipped as already posted', async () => {
    const world = await monday();
    const fresh = paper(5, { title: 'Contrastive learning for audio', abstract: 'Contrastive learning of sounds.' });
    // Tuesday's listing is ingested but not yet run.
    world.clock.set(TUESDAY.noon);
    world.serveListing('cs.LG', TUESDAY.pubDate, [fresh]);
    await world.bot.app.ingest.refresh();
    expect(at(await explain(world, id(fresh)), FIXTURE.text).delivery).toEqual({
      status: 'waiting',
      lastDigestDate: MONDAY.date,
    });
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(at(await explain(world, id(fresh)), FIXTURE.text).delivery).toMatchObject({
      status: 'posted',
      date: TUESDAY.date,
    });

    // Wednesday: version 2 of the paper is announced; contrastive has updates off.
    const v2 = { ...fresh, id: fresh.id.replace(/v1$/, 'v2'), announceType: 'replace' as const };
    await postDay(world, { pubDate: 'Wed, 25 Nov 2026 00:00:00 -0500', noon: '2026-11-25T17:00:00Z' }, [v2]);
    const report = await explain(world, id(fresh));
    expect(report.listing).toEqual({ announced: '2026-11-25', announceType: 'replace', version: 2 });
    const text = at(report, FIXTURE.text);
    expect(text.match).toEqual({ matched: false, reason: 'update' });
    expect(text.delivery).toMatchObject({
      status: 'old-version',
      postedOn: TUESDAY.date,
      version: 2,
      announced: '2026-11-25',
    });
    expect(describeDelivery(text.delivery)).toMatch(/^Not posted again: an earlier version was posted on 2026-11-24/);
  });

  it('looks a paper the archive lacks up on arXiv, and says when arXiv does not know it either', async () => {
    const world = await monday();
    const elsewhere = paper(9, { title: 'Contrastive learning elsewhere', abstract: 'Never listed here.' });
    world.arxiv.api((q) => q.get('id_list') === id(elsewhere), { body: apiFeedXml([elsewhere]) });
    const before = world.arxiv.requests.length;

    const known = await explain(world, id(elsewhere));
    expect(known.source).toBe('arxiv');
    expect(known.paper?.title).toBe(elsewhere.title);
    expect(known.listing).toBeNull();
    expect(at(known, FIXTURE.text).delivery).toEqual({ status: 'not-listed' });
    expect(at(known, FIXTURE.text).match).toMatchObject({ matched: true });

    const unknown = await explain(world, '2611.09999');
    expect(unknown).toEqual({ id: '2611.09999', source: 'unknown', paper: null, listing: null, subscriptions: [] });
    // Only id lookups of the two papers (the client asks again when arXiv answers an id with nothing).
    const asked = world.arxiv.requests.slice(before).map((r) => r.query.get('id_list'));
    expect(new Set(asked)).toEqual(new Set([id(elsewhere), '2611.09999']));
    // Nothing was written to the archive by asking.
    expect(await world.bot.app.store.archive.get(id(elsewhere))).toBeNull();
  });
});
