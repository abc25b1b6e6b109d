import { describe, expect, it } from 'vitest';
import { pauseChannel, markPauseNotified } from '../../src/digest/pause.js';
import { DeliveryError, type ChannelKind, type MessageBody, type Poster } from '../../src/digest/poster.js';
import { DigestRunner } from '../../src/digest/runner.js';
import { renderPlan } from '../../src/discord/render-plan.js';
import { renderVenueUpdate } from '../../src/discord/render/venue-updates.js';
import { silentLogger } from '../../src/log.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { memberGuild } from '../../src/members/digests.js';
import type { DigestRecord, Follow, Store, Subscription } from '../../src/store/types.js';
import { subscription, topic } from '../helpers/bot.js';
import { makeRecord } from '../store/papers.js';

const GUILD = '210000000000000001';
const DATE = '2025-01-07';
const channel = (n: number): string => `3100000000000000${String(n).padStart(2, '0')}`;

/**
 * A Discord stand-in at the Poster edge: each post stays open until `gate` channels are posting at once (or
 * a second has passed), so that the highest number seen is what the runner allows, not an accident of timing.
 */
class GatedPoster implements Poster {
  readonly posts: Array<{ channelId: string; body: MessageBody }> = [];
  readonly notices: string[] = [];
  maxInFlight = 0;
  private readonly inFlight = new Set<string>();
  private waiting: Array<() => void> = [];

  constructor(
    private readonly gate: number,
    private readonly gone: ReadonlySet<string> = new Set(),
  ) {}

  channelKind(_guildId: string, channelId: string): Promise<ChannelKind> {
    if (this.gone.has(channelId)) return Promise.reject(new DeliveryError('Unknown Channel', 'channel', 10003));
    return Promise.resolve('text');
  }

  async postMessage(channelId: string, body: MessageBody): Promise<string> {
    this.inFlight.add(channelId);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.size);
    if (this.inFlight.size >= this.gate) for (const release of this.waiting.splice(0)) release();
    else
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        setTimeout(resolve, 1000);
      });
    this.inFlight.delete(channelId);
    this.posts.push({ channelId, body });
    return String(900000000000000000n + BigInt(this.posts.length));
  }

  startThread(): Promise<string> {
    return Promise.reject(new Error('no threads in these tests'));
  }
  createForumPost(): Promise<string> {
    return Promise.reject(new Error('no forums in these tests'));
  }
  findForumPost(): Promise<string | null> {
    return Promise.resolve(null);
  }
  openDm(): Promise<string> {
    return Promise.reject(new Error('no direct messages in these tests'));
  }
  notifyModerators(_guildId: string, text: string): Promise<boolean> {
    this.notices.push(text);
    return Promise.resolve(true);
  }
}

async function guildWith(channels: number): Promise<Store> {
  const store = createMemoryStore();
  await store.archive.upsert(
    ['2501.00001', '2501.00002', '2501.00003'].map((id) =>
      makeRecord({ id, title: `Contrastive learning ${id}`, announced: DATE }),
    ),
  );
  await store.state.updateGuild(GUILD, (state) => {
    state.topics.push(topic(GUILD, { query: 'contrastive' }));
    for (let n = 0; n < channels; n++) state.subscriptions.push(subscription(GUILD, { channelId: channel(n) }));
  });
  return store;
}

function runner(store: Store, poster: Poster, channelConcurrency?: number): DigestRunner {
  return new DigestRunner({
    store,
    poster,
    render: renderPlan,
    renderUpdate: renderVenueUpdate,
    settingsFor: (guildId, stored) =>
      stored ?? { guildId, schedule: '0 8 * * *', timezone: 'UTC', abstractLength: 300, maxPapers: 25, changed: null },
    now: () => new Date('2025-01-07T12:00:00Z'),
    log: silentLogger,
    ...(channelConcurrency === undefined ? {} : { channelConcurrency }),
  });
}

describe('DigestRunner.runGuild', () => {
  it.each<[string, number | undefined, number, number]>([
    ['four channels at a time by default', undefined, 10, 4],
    ['one at a time', 1, 5, 1],
    ['every channel at once when fewer than allowed', 16, 6, 6],
  ])('%s', async (_name, concurrency, channels, expected) => {
    const store = await guildWith(channels);
    const poster = new GatedPoster(expected);
    const outcomes = await runner(store, poster, concurrency).runGuild(GUILD, DATE);

    expect(poster.maxInFlight).toBe(expected);
    // Results in subscription order, each channel's digest posted once.
    expect([...outcomes.keys()]).toEqual(Array.from({ length: channels }, (_, n) => channel(n)));
    expect([...outcomes.values()].map((o) => o.map((x) => x.status))).toEqual(
      Array.from({ length: channels }, () => ['posted']),
    );
    expect(poster.posts.map((p) => p.channelId).sort()).toEqual(Array.from({ length: channels }, (_, n) => channel(n)));
    const state = await store.state.getGuild(GUILD);
    expect(state.subscriptions.map((s) => s.lastDigestDate)).toEqual(Array.from({ length: channels }, () => DATE));
  });

  it('pauses a channel that is gone, tells the moderators once, and posts in the others', async () => {
    const store = await guildWith(3);
    const poster = new GatedPoster(1, new Set([channel(1)]));
    const outcomes = await runner(store, poster).runGuild(GUILD, DATE);
    expect(outcomes.get(channel(1))?.[0]).toMatchObject({ status: 'failed', reason: 'Unknown Channel' });
    expect(poster.posts.map((p) => p.channelId).sort()).toEqual([channel(0), channel(2)]);
    const paused = (await store.state.getGuild(GUILD)).subscriptions.map((s) => s.paused);
    expect(paused).toEqual([null, { reason: 'Unknown Channel', at: '2025-01-07T12:00:00.000Z', notified: true }, null]);
    expect(poster.notices).toHaveLength(1);
    expect(poster.notices[0]).toContain(`paused its digests for <#${channel(1)}>`);

    // A second run skips the paused channel and tells no one again.
    const again = await runner(store, poster).runGuild(GUILD, DATE);
    expect(again.has(channel(1))).toBe(false);
    expect(poster.notices).toHaveLength(1);
  });
});

/** Direct messages at the Poster edge: DM channels opened and messages sent, by channel. */
class DmPoster implements Poster {
  readonly opened: string[] = [];
  readonly posts: Array<{ channelId: string; body: MessageBody }> = [];

  channelKind(): Promise<ChannelKind> {
    return Promise.resolve('text');
  }
  openDm(userId: string): Promise<string> {
    this.opened.push(userId);
    return Promise.resolve(`dm-${userId}`);
  }
  postMessage(channelId: string, body: MessageBody): Promise<string> {
    this.posts.push({ channelId, body });
    return Promise.resolve(String(900000000000000000n + BigInt(this.posts.length)));
  }
  startThread(): Promise<string> {
    return Promise.reject(new Error('no threads in these tests'));
  }
  createForumPost(): Promise<string> {
    return Promise.reject(new Error('no forums in these tests'));
  }
  findForumPost(): Promise<string | null> {
    return Promise.resolve(null);
  }
  notifyModerators(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** A digest left pending by an earlier run (a crash, an outage): one message carrying `paperIds`. */
function pendingDigest(guildId: string, channelId: string, paperIds: string[]): DigestRecord {
  return {
    key: `${guildId}:${channelId}:${GUILD}:${DATE}:1`,
    guildId,
    channelId,
    topicSlug: GUILD,
    date: DATE,
    paperIds,
    skippedIds: [],
    messages: [{ index: 0, nonce: 'left-pending', paperIds, body: { content: 'left pending' }, messageId: null }],
    threadName: 'left pending',
    openThread: false,
    threadId: null,
    status: 'pending',
    attempts: 1,
    error: 'Discord is unavailable',
    createdAt: '2025-01-07T08:00:00.000Z',
    finishedAt: null,
  };
}

describe('DigestRunner.runFollowers', () => {
  const follow = (query: string | null, author: string | null = null): Follow => ({
    id: 'f1',
    guildId: GUILD,
    author,
    query,
    categories: [],
    createdAt: '2025-01-01T00:00:00.000Z',
  });
  const [ANN, BOB, CY] = ['430000000000000001', '430000000000000002', '430000000000000003'];
  const carried = (posts: DmPoster['posts'], channelId: string): string[] =>
    posts
      .filter((p) => p.channelId === channelId)
      .flatMap((p) =>
        (p.body.embeds ?? []).map((e) => /(\d{4}\.\d{5})/.exec((e as { url?: string }).url ?? '')?.[1] ?? '?'),
      );

  it('opens a DM only for a member with something to send, and resumes a DM left pending first', async () => {
    const store = await guildWith(0);
    await store.state.updateGuild(GUILD, (state) => {
      state.followers = [ANN, BOB, CY];
    });
    await store.state.updateMember(ANN, (m) => {
      m.follows = [follow('contrastive')];
    });
    // Bob follows someone who published nothing today.
    await store.state.updateMember(BOB, (m) => {
      m.follows = [follow(null, 'Grace Hopper')];
    });
    // Cy's DM of one paper was left pending, as was a digest of another server's channel.
    await store.state.updateMember(CY, (m) => {
      m.follows = [follow('contrastive')];
      m.dm.channelId = `dm-${CY}`;
    });
    await store.delivery.planDigest(pendingDigest(memberGuild(CY), `dm-${CY}`, ['2501.00001']));
    const elsewhere = pendingDigest('220000000000000001', '320000000000000001', ['2501.00001']);
    await store.delivery.planDigest(elsewhere);

    const poster = new DmPoster();
    const outcomes = await runner(store, poster).runFollowers(GUILD, DATE);

    expect(Object.fromEntries([...outcomes].map(([id, o]) => [id, o.status]))).toEqual({
      [ANN]: 'posted',
      [BOB]: 'nothing-new',
      [CY]: 'posted',
    });
    expect(poster.opened).toEqual([ANN]);
    expect((await store.state.getMember(BOB)).dm.channelId).toBeNull();
    expect((await store.state.getMember(BOB)).dmDates[GUILD]).toBe(DATE);
    expect(carried(poster.posts, `dm-${ANN}`).sort()).toEqual(['2501.00001', '2501.00002', '2501.00003']);
    // Cy's pending DM went first; the new one carries the other two papers only.
    expect(poster.posts.filter((p) => p.channelId === `dm-${CY}`)[0]?.body.content).toBe('left pending');
    expect(carried(poster.posts, `dm-${CY}`).sort()).toEqual(['2501.00002', '2501.00003']);
    // Another server's pending digest is not a member's run's business.
    expect(poster.posts.some((p) => p.channelId === elsewhere.channelId)).toBe(false);
    expect((await store.delivery.getDigest(elsewhere.key))?.status).toBe('pending');
  });
});

describe('DigestRunner.batch', () => {
  const OTHER = '210000000000000002';

  /** Two guilds of two channels each, and a count of the archive reads for candidates. */
  async function twoGuilds(): Promise<{ store: Store; reads: () => number }> {
    const store = await guildWith(2);
    await store.state.updateGuild(OTHER, (state) => {
      state.topics.push(topic(OTHER, { query: 'contrastive' }));
      for (const n of [10, 11]) state.subscriptions.push(subscription(OTHER, { channelId: channel(n) }));
    });
    let reads = 0;
    const announcedBetween = store.archive.announcedBetween.bind(store.archive);
    store.archive.announcedBetween = (...args) => {
      reads += 1;
      return announcedBetween(...args);
    };
    return { store, reads: () => reads };
  }

  const postedPapers = (poster: GatedPoster, channelId: string): number =>
    poster.posts.filter((p) => p.channelId === channelId).flatMap((p) => p.body.embeds ?? []).length;

  it('reads the archive once for the guild runs of a batch, once per guild run outside one', async () => {
    const alone = await twoGuilds();
    const first = runner(alone.store, new GatedPoster(1));
    await first.runGuild(GUILD, DATE);
    await first.runGuild(OTHER, DATE);
    expect(alone.reads()).toBe(2);

    const batched = await twoGuilds();
    const poster = new GatedPoster(1);
    const second = runner(batched.store, poster);
    await second.batch(() => Promise.all([second.runGuild(GUILD, DATE), second.runGuild(OTHER, DATE)]));
    expect(batched.reads()).toBe(1);
    for (const n of [0, 1, 10, 11]) expect(postedPapers(poster, channel(n))).toBe(3);
    // The batch is over: the next run reads again.
    await second.runGuild(GUILD, DATE);
    expect(batched.reads()).toBe(2);
  });

  it('reads again after forgetReads: a listing stored during the batch reaches the later guild runs', async () => {
    const { store, reads } = await twoGuilds();
    const poster = new GatedPoster(1);
    const run = runner(store, poster);
    await run.batch(async () => {
      await run.runGuild(GUILD, DATE);
      await store.archive.upsert([makeRecord({ id: '2501.00004', title: 'Contrastive views', announced: DATE })]);
      run.forgetReads();
      await run.runGuild(OTHER, DATE);
    });
    expect(reads()).toBe(2);
    expect(postedPapers(poster, channel(0))).toBe(3);
    expect(postedPapers(poster, channel(10))).toBe(4);
  });
});

describe('pauseChannel', () => {
  const at = new Date('2026-11-22T00:00:00Z');
  const sub = (channelId: string, paused: Subscription['paused'] = null, topicSlug = 'contrastive') =>
    subscription(GUILD, { channelId, topicSlug, paused });
  const earlier = { reason: 'missing access', at: '2026-11-01T00:00:00.000Z', notified: true };
  const now = { reason: 'the channel was deleted', at: at.toISOString(), notified: false };

  // Case, subscriptions, how many the call pauses, their `paused` after it, their `notified` after markPauseNotified.
  it.each<[string, Subscription[], number, Array<Subscription['paused']>, Array<boolean | null>]>([
    [
      'every subscription of the channel',
      [sub('1'), sub('1', null, 'other'), sub('2')],
      2,
      [now, now, null],
      [true, true, null],
    ],
    [
      'one already paused keeps its reason',
      [sub('1', earlier), sub('1', null, 'other')],
      1,
      [earlier, now],
      [true, true],
    ],
    ['none in that channel', [sub('2')], 0, [null], [null]],
    ['another channel paused is not marked told', [sub('2', { ...now, notified: false })], 0, [now], [false]],
    ['no subscriptions at all', [], 0, [], []],
  ])('%s', async (_name, subscriptions, count, expected, told) => {
    const store = createMemoryStore();
    await store.state.updateGuild(GUILD, (state) => {
      state.subscriptions = subscriptions;
    });
    expect(await pauseChannel(store.state, GUILD, '1', 'the channel was deleted', at)).toBe(count);
    expect((await store.state.getGuild(GUILD)).subscriptions.map((s) => s.paused)).toEqual(expected);
    await markPauseNotified(store.state, GUILD, '1');
    const after = (await store.state.getGuild(GUILD)).subscriptions.map((s) => s.paused?.notified ?? null);
    expect(after).toEqual(told);
  });
});
