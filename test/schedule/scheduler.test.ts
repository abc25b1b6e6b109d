import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { Scheduler, lastFiring } from '../../src/schedule/scheduler.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { GuildSettings } from '../../src/store/types.js';

const tasks: Array<{ destroy(): unknown }> = [];
afterEach(async () => {
  for (const t of tasks.splice(0)) await t.destroy();
});

function task(expression: string, timezone: string) {
  const t = cron.createTask(expression, () => undefined, { timezone });
  tasks.push(t);
  return t;
}

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
  ])('%s in %s after %s, at %s → %s', (expression, timezone, after, now, expected) => {
    const fired = lastFiring(task(expression, timezone), new Date(after), new Date(now));
    expect(fired?.toISOString() ?? null).toBe(expected);
  });

  it('never looks back more than a week', () => {
    const fired = lastFiring(
      task('0 0 1 1 *', 'UTC'),
      new Date('2020-01-01T00:00:00Z'),
      new Date('2026-11-27T00:00:00Z'),
    );
    expect(fired).toBeNull();
  });
});

describe('Scheduler', () => {
  const settings = (guildId: string): GuildSettings => ({
    guildId,
    schedule: '0 8 * * *',
    timezone: 'UTC',
    abstractLength: 600,
    maxPapers: 25,
    changed: null,
  });

  async function setup(now: string) {
    const store = createMemoryStore();
    const runs: string[] = [];
    let time = Date.parse(now);
    const scheduler = new Scheduler({
      store,
      settingsFor: (guildId, stored) => stored ?? settings(guildId),
      runGuild: async (guildId) => {
        runs.push(guildId);
      },
      now: () => new Date(time),
      log: silentLogger,
    });
    for (const guildId of ['g1', 'g2']) {
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
          changed: { by: 'u', at: now },
        });
      });
    }
    return { store, scheduler, runs, setNow: (iso: string) => (time = Date.parse(iso)) };
  }

  it('does not run a guild it has never run before; runs missed firings later, once', async () => {
    const { scheduler, runs, setNow, store } = await setup('2026-11-27T07:00:00Z');
    await scheduler.start();
    expect(runs).toEqual([]);
    expect(await store.state.getValue('schedule:lastRun:g1')).toBe('2026-11-27T07:00:00.000Z');

    setNow('2026-11-27T09:00:00Z');
    expect(await scheduler.catchUp()).toEqual(['g1', 'g2']);
    expect(await scheduler.catchUp()).toEqual([]);
    expect(runs).toEqual(['g1', 'g2']);
    await scheduler.stop();
  });

  it('drops the task of a guild without subscriptions and follows schedule changes', async () => {
    const { scheduler, store, runs, setNow } = await setup('2026-11-27T07:00:00Z');
    await scheduler.start();
    await store.state.updateGuild('g2', (state) => {
      state.subscriptions = [];
    });
    await scheduler.sync('g2');
    await store.state.updateGuild('g1', (state) => {
      state.settings = { ...settings('g1'), schedule: '0 12 * * *' };
    });
    await scheduler.sync('g1');
    setNow('2026-11-27T09:00:00Z');
    expect(await scheduler.catchUp()).toEqual([]);
    setNow('2026-11-27T12:01:00Z');
    expect(await scheduler.catchUp()).toEqual(['g1']);
    expect(runs).toEqual(['g1']);
    await scheduler.stop();
  });
});
