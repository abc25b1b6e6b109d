/**
 * One member flooding `/paper search`: past the per-member limit every further search is refused
 * at once with how long to wait, before the archive is searched or anything is saved, while other
 * members keep searching. The limit lives in the bot process (src/search/rate-limit.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARES_PER_MINUTE } from '../../commands/paper/show.js';
import { SlidingWindowLimiter } from '../../src/search/rate-limit.js';
import type { FakePaper } from '../fakes/fake-arxiv.js';
import type { FakeMessage } from '../fakes/fake-discord.js';
import { startBotWorld, subscription, topic, type BotWorld } from '../helpers/bot.js';
import { seededRandom } from '../helpers/random.js';
import { FIXTURE, GUILD_B, MEMBER, OTHER_MEMBER, answer, dispatch, registerAll, slash, twoGuilds } from './world.js';

const MONDAY = { pubDate: 'Mon, 23 Nov 2026 00:00:00 -0500', noon: '2026-11-23T17:00:00Z' } as const;
const LIMIT = 5;
const BURST = 16;
const SLOW_DOWN = /^You are searching faster than Paperboy allows\. Slow down: try again in (\d+) s\.$/;

const PAPERS: FakePaper[] = Array.from({ length: 8 }, (_, i) => ({
  id: `2611.0${5000 + i}v1`,
  title: `Contrastive flood study ${i}`,
  abstract: 'Contrastive learning.',
  authors: [`Author ${i}`],
  categories: ['cs.LG'],
  published: '2026-11-22T18:00:00Z',
}));

let world: BotWorld;
/** How many times the archive was searched. */
let searches = 0;

beforeAll(async () => {
  world = await startBotWorld({
    ...twoGuilds,
    now: MONDAY.noon,
    seed: (guildId) => ({ topics: [topic(guildId, { query: 'contrastive' })], subscriptions: [subscription(guildId)] }),
  });
  await registerAll(world);
  const { app } = world.bot;
  app.defaults = { ...app.defaults, search: { ...app.defaults.search, perUserPerMinute: LIMIT } };
  world.serveListing('cs.LG', MONDAY.pubDate, PAPERS);
  await app.runGuild(FIXTURE.guildId);
  // Count searches on the real archive, as the search service calls it.
  const archive = app.store.archive;
  const search = archive.search.bind(archive);
  archive.search = (...args) => {
    searches += 1;
    return search(...args);
  };
}, 60_000);
afterAll(async () => {
  await world.stop();
});

const savedKeys = async (userId: string): Promise<unknown[]> =>
  ((await world.bot.app.store.state.getValue(`search-index:${FIXTURE.guildId}:${userId}`)) as unknown[] | undefined) ??
  [];

describe('a burst of /paper search from one member', () => {
  it(`answers the first ${LIMIT}, refuses the rest at once with a retry time, and does not search for them`, async () => {
    const random = seededRandom(3);
    const queries = Array.from(
      { length: BURST },
      () => ['contrastive', 'flood', 'study', 'learning'][Math.floor(random() * 4)] ?? 'contrastive',
    );
    const before = searches;
    // All at once, interleaved with another member's searches.
    const handles = await Promise.all([
      ...queries.map((query) => dispatch(world, 'paper', 'search', { query }, { user: MEMBER })),
      ...['contrastive', 'flood', 'study'].map((query) =>
        dispatch(world, 'paper', 'search', { query }, { user: OTHER_MEMBER }),
      ),
    ]);
    const replies: FakeMessage[] = await Promise.all(handles.map((h) => answer(world, h)));
    const mine = replies.slice(0, BURST);
    const theirs = replies.slice(BURST);

    const served = mine.filter((r) => r.embeds.length > 0);
    const refused = mine.filter((r) => SLOW_DOWN.test(r.content));
    expect(served).toHaveLength(LIMIT);
    expect(refused).toHaveLength(BURST - LIMIT);
    for (const reply of refused) {
      expect(reply.ephemeral).toBe(true);
      const seconds = Number(SLOW_DOWN.exec(reply.content)?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
    }
    // Refusals are answered straight away (no "thinking…" first).
    const types = await Promise.all(handles.slice(0, BURST).map(async (h) => (await h.response()).type));
    expect(types.filter((t) => t === 4)).toHaveLength(BURST - LIMIT);
    // The other member is untouched.
    expect(theirs.every((r) => r.embeds.length > 0)).toBe(true);
    // The archive was searched once per answered search only, and only those were saved.
    expect(searches - before).toBe(LIMIT + theirs.length);
    expect(await savedKeys(MEMBER.id)).toHaveLength(LIMIT);
    expect(world.discord.violations).toEqual([]);
  });

  it('keeps refusing paging and searching in another server until the window has passed, then serves again', async () => {
    const before = searches;
    const again = await answer(
      world,
      await dispatch(world, 'paper', 'search', { query: 'contrastive' }, { user: MEMBER, channelId: GUILD_B.text }),
    );
    expect(again.content).toMatch(SLOW_DOWN);
    expect(searches).toBe(before);

    world.clock.advance(61_000);
    const served = await answer(
      world,
      await dispatch(world, 'paper', 'search', { query: 'contrastive' }, { user: MEMBER }),
    );
    expect(served.embeds.length).toBeGreaterThan(0);
    expect(searches).toBe(before + 1);
  });
});

describe('a burst of "Post in channel" from one member', () => {
  const SHARED = /^Shared by <@/;
  const SLOW_SHARE = /^You are posting papers faster than Paperboy allows\. Slow down: try again in (\d+) s\.$/;

  it(`posts the first ${SHARES_PER_MINUTE} publicly, refuses the rest privately with a retry time, and serves another member`, async () => {
    const shown = await slash(world, 'paper', 'show', { id: PAPERS[0]!.id }, { user: MEMBER });
    const share = (shown.components as Array<{ components?: Array<{ custom_id?: string }> }>)
      .flatMap((row) => row.components ?? [])
      .map((c) => c.custom_id)
      .find((id) => id?.startsWith('paper:s:'));
    expect(share).toBeDefined();
    const click = async (user: typeof MEMBER) =>
      answer(
        world,
        await world.discord.button({ channelId: FIXTURE.text, messageId: shown.id, customId: share!, user }),
      );
    const mine: FakeMessage[] = [];
    for (let i = 0; i < SHARES_PER_MINUTE + 4; i++) mine.push(await click(MEMBER));
    const posted = mine.filter((m) => SHARED.test(m.content));
    const refused = mine.filter((m) => SLOW_SHARE.test(m.content));
    expect(posted).toHaveLength(SHARES_PER_MINUTE);
    expect(posted.every((m) => m.ephemeral !== true)).toBe(true);
    expect(refused).toHaveLength(4);
    expect(refused.every((m) => m.ephemeral === true)).toBe(true);
    expect(SHARED.test((await click(OTHER_MEMBER)).content)).toBe(true);

    world.clock.advance(61_000);
    expect(SHARED.test((await click(MEMBER)).content)).toBe(true);
    expect(world.discord.violations).toEqual([]);
  });
});

describe('SlidingWindowLimiter', () => {
  it('never lets more than the limit through in any window, for any order of events', () => {
    const random = seededRandom(21);
    const limiter = new SlidingWindowLimiter(LIMIT, 60_000);
    const passed: Record<string, number[]> = {};
    let now = 0;
    for (let i = 0; i < 5000; i++) {
      now += Math.floor(random() * 3000);
      const key = `user${Math.floor(random() * 4)}`;
      const verdict = limiter.take(key, now);
      if (verdict.ok) (passed[key] ??= []).push(now);
      else expect(verdict.retryAfterMs).toBeGreaterThan(0);
    }
    for (const times of Object.values(passed)) {
      for (let i = LIMIT; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - LIMIT] ?? 0)).toBeGreaterThanOrEqual(60_000);
    }
    expect(Object.keys(passed)).toHaveLength(4);
  });

  it('says exactly when the next event will pass', () => {
    const limiter = new SlidingWindowLimiter(2, 60_000);
    limiter.take('u', 1000);
    limiter.take('u', 5000);
    const refused = limiter.take('u', 30_000);
    expect(refused).toEqual({ ok: false, retryAfterMs: 31_000 });
    expect(limiter.take('u', 30_000 + 31_000 - 1).ok).toBe(false);
    expect(limiter.take('u', 30_000 + 31_000).ok).toBe(true);
  });
});
