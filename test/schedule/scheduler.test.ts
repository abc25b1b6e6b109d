import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { lastFiring } from '../../src/schedule/cron.js';
import { Scheduler, lastRunKey, sinceKey } from '../../src/schedule/scheduler.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { GuildSettings, Store } from '../../src/store/types.js';

describe('lastFiring', () => {
  it.each([
    // 07:30 Berlin on weekdays; Friday 2026-11-27 06:30 UTC = 07:30 CET.
    ['30 7 * * 1-5', 'Europe/Berlin', '2026-11-27T06:00:00Z', '2026-11-27T12:00:00Z', '2026-11-27T06:30:00.000Z'],
    // Not yet fired today, and the window starts after yesterday's firing.
    ['30 7 * * 1-5', 'Europe/Berlin', '2026-11-26T07:00:00Z', '2026-11-27T06:00:00Z', null],
    // Weekend: the last weekday firing is Friday's.
    ['30 1 * * 1-5', 'America/New_York', '2026-11-20T00:00:00Z', '2026-11-29T12:00:00Z', '2026-11-27T06:30:00.000Z'],
    // Across a DST change (New York leaves EDT on 2026-11-01).
    ['0 9 * * *', 'America/New_York', '2026-10-31T12:00:00Z', '2026-11-01T20:00:00Z', '2026-11-01T14:00:00.000Z'],
    // A firing at `now` itself counts; one at `after` itself does not.
    ['0 13 * * *', 'UTC', '2026-11-24T12:00:00Z', '2026-11-24T13:00:00Z', '2026-11-24T13:00:00.000Z'],
    ['0 13 * * *', 'UTC', '2026-11-24T13:00:00Z', '2026-11-24T13:30:00Z', null],
    // Day of month and weekday both given: both must match, as node-cron fires (Friday the 13th, not every Friday).
    ['0 0 13 * 5', 'UTC', '2026-11-20T00:00:00Z', '2026-11-29T12:00:00Z', null],
    ['0 0 13 * 5', 'UTC', '2026-11-01T00:00:00Z', '2026-11-14T12:00:00Z', '2026-11-13T00:00:00.000Z'],
    // Weekday 7 is Sunday too.
    ['0 6 * * 7', 'UTC', '2026-11-20T00:00:00Z', '2026-11-24T00:00:00Z', '2026-11-22T06:00:00.000Z'],
  ])('%s in %s after %s, at %s → %s', (expression, timezone, after, now, expected) => {
    const fired = lastFiring(expression, timezone, new Date(after), new Date(now));
    expect(fired?.toISOString() ?? null).toBe(expected);
  });

  it('never looks back more than a week', () => {
    const fired = lastFiring('0 0 1 1 *', 'UTC', new Date('2020-01-01T00:00:00Z'), new Date('2026-11-27T00:00:00Z'));
    expect(fired).toBeNull();
  });
});

const settings = (guildId: string, schedule = '0 8 * * *'): GuildSettings => ({
  guildId,
  schedule,
  timezone: 'UTC',
  abstractLength: 600,
  maxPapers: 25,
  changed: null,
});

async function subscribe(store: Store, guildId: string, at: string): Promise<void> {
  await store.state.updateGuild(guildId, (state) => {
    state.subscriptions.push({
      guildId,
      channelId: 'c',
      topicSlug: 't',
      mentionRoleId: null,
      maxPapers: 25,
      thread: false,
      paused: null,
      lastDigestDate: null,
      changed: { by: 'u', at },
    });
  });
}

/**
 * One store, and schedulers started on it one after another as the bot process would be: each start is a
 * new Scheduler (nothing kept in memory), at the time the clock shows.
 */
function world() {
  const store = createMemoryStore();
  const runs: Array<{ guildId: string; at: string }> = [];
  let time = 0;
  const started: Scheduler[] = [];
  const boot = async (at: string): Promise<Scheduler> => {
    time = Date.parse(at);
    const scheduler = new Scheduler({
      store,
      settingsFor: (guildId, stored) => stored ?? settings(guildId),
      runGuild: (guildId) => {
        runs.push({ guildId, at: new Date(time).toISOString() });
        return Promise.resolve();
      },
      now: () => new Date(time),
      log: silentLogger,
    });
    started.push(scheduler);
    await scheduler.start();
    return scheduler;
  };
  const setNow = (iso: string) => (time = Date.parse(iso));
  return { store, runs, boot, setNow, started };
}

const worlds: Array<ReturnType<typeof world>> = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.started) await s.stop();
});
function newWorld() {
  const w = world();
  worlds.push(w);
  return w;
}

describe('Scheduler', () => {
  async function setup(now: string) {
    const w = newWorld();
    for (const guildId of ['g1', 'g2']) await subscribe(w.store, guildId, now);
    return w;
  }

  it('does not run a guild it has never run before; runs missed firings later, once', async () => {
    const { boot, runs, setNow, store } = await setup('2026-11-27T07:00:00Z');
    const scheduler = await boot('2026-11-27T07:00:00Z');
    expect(runs).toEqual([]);
    // Scheduled from its first start on; not marked as run.
    expect(await store.state.getValue(sinceKey('g1'))).toEqual({
      key: '0 8 * * *|UTC',
      at: '2026-11-27T07:00:00.000Z',
      changed: false,
    });
    expect(await store.state.getValue(lastRunKey('g1'))).toBeUndefined();

    setNow('2026-11-27T09:00:00Z');
    expect(await scheduler.catchUp()).toEqual(['g1', 'g2']);
    expect(await scheduler.catchUp()).toEqual([]);
    expect(runs.map((r) => r.guildId)).toEqual(['g1', 'g2']);
  });

  it('runs the guilds a tick finds due in one batch, in guild order (tick mode)', async () => {
    const w = newWorld();
    for (const guildId of ['g1', 'g2', 'g3']) await subscribe(w.store, guildId, '2026-11-27T07:00:00Z');
    let time = Date.parse('2026-11-27T07:00:00Z');
    const batches: string[][] = [];
    let batch: string[] | null = null;
    const scheduler = new Scheduler({
      store: w.store,
      settingsFor: (guildId, stored) => stored ?? settings(guildId),
      runGuild: (guildId) => {
        if (batch === null) return Promise.reject(new Error(`${guildId} ran outside a batch`));
        batch.push(guildId);
        return Promise.resolve();
      },
      now: () => new Date(time),
      log: silentLogger,
      mode: 'tick',
      batch: async (work) => {
        batch = [];
        try {
          return await work();
        } finally {
          batches.push(batch);
          batch = null;
        }
      },
    });
    w.started.push(scheduler);
    await scheduler.start();
    // The first tick only marks the guilds as scheduled from now on.
    expect(await scheduler.tick()).toEqual([]);
    time = Date.parse('2026-11-27T09:00:00Z');
    expect(await scheduler.tick()).toEqual(['g1', 'g2', 'g3']);
    expect(await scheduler.tick()).toEqual([]);
    expect(batches).toEqual([['g1', 'g2', 'g3']]);
  });

  it('drops the task of a guild without subscriptions and follows schedule changes', async () => {
    const { boot, store, runs, setNow } = await setup('2026-11-27T07:00:00Z');
    const scheduler = await boot('2026-11-27T07:00:00Z');
    await store.state.updateGuild('g2', (state) => {
      state.subscriptions = [];
    });
    await scheduler.sync('g2');
    await store.state.updateGuild('g1', (state) => {
      state.settings = settings('g1', '0 12 * * *');
    });
    await scheduler.sync('g1');
    setNow('2026-11-27T09:00:00Z');
    expect(await scheduler.catchUp()).toEqual([]);
    setNow('2026-11-27T12:01:00Z');
    expect(await scheduler.catchUp()).toEqual(['g1']);
    expect(runs.map((r) => r.guildId)).toEqual(['g1']);
  });
});

/** What a moderator does while the bot runs: the store changes, then the command syncs the scheduler. */
type Change = { at: string } & ({ subscribe: true } | { unsubscribe: true } | { schedule: string });

interface DowntimeCase {
  name: string;
  /** Where the guild stands before the first start. */
  lastRun?: string;
  subscribedBefore?: boolean;
  /** The first start, with the changes made while it runs, and when it stops. */
  start: string;
  changes: Change[];
  stop: string;
  /** Runs the first start makes at once (default none). */
  atFirstStart?: number;
  /** The next start, after the downtime: the runs it makes at once. */
  restart: string;
  caughtUp: number;
}

describe('catch-up after downtime (each start a new Scheduler on the same store)', () => {
  it.each<DowntimeCase>([
    {
      name: 'subscribed, then down across the first firing: caught up, though the guild never ran',
      start: '2026-11-27T07:00:00Z',
      changes: [{ at: '2026-11-27T07:10:00Z', subscribe: true }],
      stop: '2026-11-27T07:30:00Z',
      restart: '2026-11-27T08:30:00Z',
      caughtUp: 1,
    },
    {
      name: 'subscribed and stopped before the first firing, started again before it: nothing yet',
      start: '2026-11-27T07:00:00Z',
      changes: [{ at: '2026-11-27T07:10:00Z', subscribe: true }],
      stop: '2026-11-27T07:30:00Z',
      restart: '2026-11-27T07:45:00Z',
      caughtUp: 0,
    },
    {
      name: 'schedule changed, then its next firing missed: caught up',
      lastRun: '2026-11-27T08:00:00Z',
      subscribedBefore: true,
      start: '2026-11-27T08:05:00Z',
      changes: [{ at: '2026-11-27T08:10:00Z', schedule: '30 9 * * *' }],
      stop: '2026-11-27T08:20:00Z',
      restart: '2026-11-27T10:00:00Z',
      caughtUp: 1,
    },
    {
      name: 'schedule changed to a time already past today: not a missed firing',
      lastRun: '2026-11-27T08:00:00Z',
      subscribedBefore: true,
      start: '2026-11-27T08:05:00Z',
      changes: [{ at: '2026-11-27T08:40:00Z', schedule: '30 8 * * *' }],
      stop: '2026-11-27T08:45:00Z',
      restart: '2026-11-27T08:50:00Z',
      caughtUp: 0,
    },
    {
      name: 'down for a day of hourly firings: one run, not one per firing',
      lastRun: '2026-11-26T09:00:00Z',
      subscribedBefore: true,
      start: '2026-11-26T09:10:00Z',
      changes: [{ at: '2026-11-26T09:15:00Z', schedule: '0 * * * *' }],
      stop: '2026-11-26T09:20:00Z',
      restart: '2026-11-27T09:30:00Z',
      caughtUp: 1,
    },
    {
      name: 'unsubscribed across a firing, subscribed again: the firing while unsubscribed is not caught up',
      lastRun: '2026-11-26T08:00:00Z',
      subscribedBefore: true,
      start: '2026-11-27T07:00:00Z',
      changes: [
        { at: '2026-11-27T07:10:00Z', unsubscribe: true },
        { at: '2026-11-27T09:00:00Z', subscribe: true },
      ],
      stop: '2026-11-27T09:05:00Z',
      restart: '2026-11-27T10:00:00Z',
      caughtUp: 0,
    },
    {
      name: 'a guild scheduled before the marks existed counts from its last run',
      lastRun: '2026-11-26T08:00:00Z',
      subscribedBefore: true,
      start: '2026-11-27T09:00:00Z',
      changes: [],
      stop: '2026-11-27T09:00:00Z',
      atFirstStart: 1,
      restart: '2026-11-27T09:01:00Z',
      caughtUp: 0,
    },
  ])('$name', async (c) => {
    const { store, runs, boot, setNow } = newWorld();
    if (c.subscribedBefore) await subscribe(store, 'g', '2026-11-01T00:00:00Z');
    if (c.lastRun) await store.state.setValue(lastRunKey('g'), new Date(c.lastRun).toISOString());
    const first = await boot(c.start);
    const before = c.atFirstStart ?? 0;
    expect(runs).toHaveLength(before);
    for (const change of c.changes) {
      setNow(change.at);
      if ('subscribe' in change) await subscribe(store, 'g', change.at);
      else if ('unsubscribe' in change)
        await store.state.updateGuild('g', (state) => {
          state.subscriptions = [];
        });
      else
        await store.state.updateGuild('g', (state) => {
          state.settings = settings('g', change.schedule);
        });
      await first.sync('g');
    }
    setNow(c.stop);
    await first.stop();

    const second = await boot(c.restart);
    expect(runs.slice(before)).toEqual(
      Array.from({ length: c.caughtUp }, () => ({ guildId: 'g', at: new Date(c.restart).toISOString() })),
    );
    // Started again at once: nothing more to catch up.
    await second.stop();
    await boot(c.restart);
    expect(runs).toHaveLength(before + c.caughtUp);
  });
});
