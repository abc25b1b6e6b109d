import { describe, expect, it } from 'vitest';
import { readSettings, updateSettings, type SettingsInput } from '../../src/guilds/settings.js';
import { subscription } from '../helpers/bot.js';
import { actor, GUILD, guildWorld, NOW } from './world.js';

const none: SettingsInput = { schedule: null, timezone: null, abstract_length: null, max_papers: null };

describe('readSettings', () => {
  it('gives the defaults and the next run by the injected clock', async () => {
    const view = await readSettings(guildWorld(), GUILD);
    expect(view.settings).toMatchObject({ schedule: '30 1 * * 1-5', timezone: 'America/New_York', changed: null });
    expect(view.subscribed).toBe(false);
    expect(view.next?.toISOString()).toBe('2026-11-24T06:30:00.000Z');
  });
});

describe('updateSettings', () => {
  it('saves a canonical schedule and time zone, audits, and re-syncs the scheduler', async () => {
    const world = guildWorld();
    const change = await updateSettings(world, actor, {
      ...none,
      schedule: ' 30  7 * * 1-5',
      timezone: 'europe/berlin',
    });
    expect(change.settings).toMatchObject({
      schedule: '30 7 * * 1-5',
      timezone: 'Europe/Berlin',
      changed: { by: actor.userId, at: NOW.toISOString() },
    });
    // Monday 12:00 UTC is past 07:30 Berlin: Tuesday 06:30 UTC.
    expect(change.next?.toISOString()).toBe('2026-11-24T06:30:00.000Z');
    const state = await world.store.state.getGuild(GUILD);
    expect(state.audit.map((a) => a.detail)).toEqual(['schedule 30 7 * * 1-5, timezone Europe/Berlin']);
    expect(world.synced).toEqual([GUILD]);
  });

  it('does not re-sync the scheduler for limits alone', async () => {
    const world = guildWorld();
    await world.store.state.updateGuild(GUILD, (state) => {
      state.subscriptions = [subscription(GUILD)];
    });
    const change = await updateSettings(world, actor, { ...none, abstract_length: 300 });
    expect([change.settings.abstractLength, change.subscribed]).toEqual([300, true]);
    expect(world.synced).toEqual([]);
  });

  it.each([
    {
      case: 'a minute out of range',
      options: { schedule: '61 * * * *' },
      says: '`61 * * * *`: minute 61 is out of range (0–59). A schedule is 5 fields: minute hour day month weekday, e.g. `30 7 * * 1-5`',
    },
    { case: 'three fields', options: { schedule: '* * *' }, says: '`* * *`: that is 3 fields, not 5.' },
    { case: 'a seconds field', options: { schedule: '0 30 7 * * 1-5' }, says: 'that is 6 fields, not 5.' },
    {
      case: 'words',
      options: { schedule: 'every weekday at seven' },
      says: '`every weekday at seven`: that is 4 fields, not 5.',
    },
    {
      case: 'garbage fields',
      options: { schedule: 'a b c d e' },
      says: 'minute `a` is not valid; hour `b` is not valid',
    },
    {
      case: 'a date that never comes',
      options: { schedule: '0 0 31 2 *' },
      says: 'day 31 does not occur in the months given',
    },
    { case: 'a schedule too frequent', options: { schedule: '*/5 * * * *' }, says: 'that runs 288 times a day' },
    {
      case: 'an unknown time zone',
      options: { timezone: 'Mars/Olympus' },
      says: '`Mars/Olympus` is not a time zone Paperboy knows. Use an IANA name such as `Europe/Berlin`',
    },
    { case: 'a fixed offset', options: { timezone: '+01:00' }, says: 'is not a time zone Paperboy knows' },
    {
      case: 'an abstract length under the limit',
      options: { abstract_length: 99 },
      says: 'abstract_length must be 100–4000 characters.',
    },
    { case: 'the values it already has', options: { schedule: '30 1 * * 1-5' }, says: 'already have those values' },
  ])('refuses $case and writes nothing', async ({ options, says }) => {
    const world = guildWorld();
    await expect(updateSettings(world, actor, { ...none, ...options })).rejects.toThrow(says);
    const state = await world.store.state.getGuild(GUILD);
    expect([state.settings, state.audit]).toEqual([null, []]);
  });

  it.each([
    { case: 'nothing given', input: none, says: /^Nothing to change: give at least one of schedule, timezone/ },
    {
      case: 'every problem at once',
      input: { ...none, schedule: '61 * * * *', timezone: 'Nowhere', max_papers: 0 },
      says: /minute 61 is out of range[^\n]+\n`Nowhere` is not a time zone[^\n]+\nmax_papers must be 1–100\.$/,
    },
    {
      case: 'an abstract length out of range',
      input: { ...none, abstract_length: 50 },
      says: /^abstract_length must be 100–4000 characters\.$/,
    },
    {
      case: 'the values it already has',
      input: { ...none, schedule: '30 1 * * 1-5' },
      says: /^The settings already have those values; nothing changed\.$/,
    },
  ])('refuses $case and writes nothing', async ({ input, says }) => {
    const world = guildWorld();
    await expect(updateSettings(world, actor, input)).rejects.toThrow(says);
    const state = await world.store.state.getGuild(GUILD);
    expect([state.settings, state.audit]).toEqual([null, []]);
  });
});
