import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotWorld } from '../helpers/bot.js';
import { subscription as subscriptionFixture, topic as topicFixture } from '../helpers/bot.js';
import {
  FIXTURE,
  MOD,
  embedText,
  expectCleanDiscord,
  guildState,
  openWorld,
  resetGuild,
  run,
  suggest,
} from './moderation-harness.js';

const G = FIXTURE.guildId;
let world: BotWorld;

function taskKey(guildId: string): string | undefined {
  return (world.bot.app.scheduler as unknown as { tasks: Map<string, { key: string }> }).tasks.get(guildId)?.key;
}

beforeAll(async () => {
  world = await openWorld();
});
afterAll(async () => {
  await world.stop();
});
beforeEach(async () => {
  await resetGuild(world);
});

describe('/settings show', () => {
  it('shows the defaults, what the schedule means, and when it next runs', async () => {
    const answer = await run(world, 'settings', 'show');
    expect(answer.ephemeral).toBe(true);
    const fields = Object.fromEntries((answer.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields['Schedule']).toBe('`30 1 * * 1-5`: at 01:30, Monday through Friday (America/New_York time)');
    expect(fields['Next run']).toMatch(/^<t:\d+:F> \(<t:\d+:R>\), once a channel is subscribed/);
    expect(fields['Time zone']).toMatch(/^America\/New_York \(now UTC-0[45]:00\)$/);
    expect(fields['Abstract length']).toBe('600 characters');
    expect(fields['Max papers']).toBe('25 per digest (new subscriptions)');
    expect(fields['Venue updates']).toMatch(/^on — when a new version of a paper posted in a channel brings a venue/);
    expect(fields['Last changed']).toBe('never changed (defaults)');
    expectCleanDiscord(world);
  });

  it('says who changed the settings last and lists recent changes', async () => {
    await run(world, 'settings', 'set', { schedule: '0 9 * * 1-5', timezone: 'europe/berlin' });
    const text = embedText(await run(world, 'settings', 'show'));
    expect(text).toContain('`0 9 * * 1-5`: at 09:00, Monday through Friday (Europe/Berlin time)');
    expect(text).toContain(`<@${MOD.id}>, <t:${Date.parse('2026-11-24T12:00:00Z') / 1000}:R>`);
    expect(text).toContain('settings.set: schedule 0 9 \\* \\* 1-5, timezone Europe/Berlin');
  });
});

describe('/settings set', () => {
  it.each([
    {
      case: 'a schedule and a time zone (normalised)',
      options: { schedule: ' 30  7 * * 1-5 ', timezone: 'europe/berlin' },
      stored: { schedule: '30 7 * * 1-5', timezone: 'Europe/Berlin' },
      says: 'Digests run at 07:30, Monday through Friday (Europe/Berlin time); next: <t:',
    },
    { case: 'UTC', options: { timezone: 'UTC' }, stored: { timezone: 'UTC' }, says: '(UTC time)' },
    {
      case: 'the abstract length',
      options: { abstract_length: 1200 },
      stored: { abstractLength: 1200 },
      says: 'Abstracts are cut at 1200 characters.',
    },
    {
      case: 'the default cap at its bounds',
      options: { max_papers: 100 },
      stored: { maxPapers: 100 },
      says: 'New subscriptions post up to 100 papers per digest; existing ones keep their own cap.',
    },
    { case: 'a cap of 1', options: { max_papers: 1 }, stored: { maxPapers: 1 }, says: 'up to 1 paper per digest' },
    {
      case: 'venue updates off',
      options: { venue_updates: false },
      stored: { venueUpdates: false },
      says: 'Venue updates: off — channels are not told',
    },
  ])('stores $case', async ({ options, stored, says }) => {
    const answer = await run(world, 'settings', 'set', options);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toContain('Settings saved.');
    expect(answer.content).toContain(says);
    const state = await guildState(world);
    expect(state.settings).toMatchObject({
      guildId: G,
      ...stored,
      changed: { by: MOD.id, at: '2026-11-24T12:00:00.000Z' },
    });
    expect(state.audit).toEqual([expect.objectContaining({ action: 'settings.set', userId: MOD.id })]);
    expectCleanDiscord(world);
  });

  it('turns venue updates off and on again, shown by /settings show; the same value twice changes nothing', async () => {
    await run(world, 'settings', 'set', { venue_updates: false });
    const fields = (await run(world, 'settings', 'show')).embeds[0]?.fields ?? [];
    expect(fields.find((f) => f.name === 'Venue updates')?.value).toMatch(/^off/);
    const same = await run(world, 'settings', 'set', { venue_updates: false });
    expect(same.content).toBe('The settings already have those values; nothing changed.');
    const on = await run(world, 'settings', 'set', { venue_updates: true });
    expect(on.content).toContain('Venue updates: on');
    expect((await guildState(world)).audit.map((a) => a.detail)).toEqual(['venue_updates off', 'venue_updates on']);
    expectCleanDiscord(world);
  });

  it('re-creates the guild’s scheduled task with the new schedule and time zone', async () => {
    await world.bot.app.store.state.updateGuild(G, (state) => {
      state.topics = [topicFixture(G)];
      state.subscriptions = [subscriptionFixture(G)];
    });
    await world.bot.app.scheduler.sync(G);
    expect(taskKey(G)).toBe('30 1 * * 1-5|America/New_York');
    await run(world, 'settings', 'set', { schedule: '15 6 * * *', timezone: 'Asia/Shanghai' });
    expect(taskKey(G)).toBe('15 6 * * *|Asia/Shanghai');
  });

  // Each refusal's wording is checked against the service (test/guilds/settings.test.ts); these two go through Discord.
  it.each([
    {
      case: 'no options',
      options: {},
      says: 'Nothing to change: give at least one of schedule, timezone, abstract_length, max_papers, venue_updates, language.',
    },
    {
      case: 'several problems at once, even with one good option',
      options: { schedule: '61 * * * *', timezone: 'Nowhere', max_papers: 10 },
      says: 'minute 61 is out of range (0–59). A schedule is 5 fields: minute hour day month weekday, e.g. `30 7 * * 1-5` (07:30, Monday to Friday).\n`Nowhere` is not a time zone',
    },
  ])('refuses $case and writes nothing', async ({ options, says }) => {
    const answer = await run(world, 'settings', 'set', options);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toContain(says);
    const state = await guildState(world);
    expect(state.settings).toBeNull();
    expect(state.audit).toEqual([]);
  });
});

describe('/settings autocomplete', () => {
  it.each([
    { typed: '', first: ['UTC', 'America/New_York'] },
    { typed: 'berl', first: ['Europe/Berlin'] },
    { typed: 'new york', first: ['America/New_York'] },
    { typed: 'Europe/', first: ['Europe/Amsterdam'] },
    { typed: 'a', first: [] },
    { typed: 'zzzz', first: [] },
  ])('suggests time zones for "$typed"', async ({ typed, first }) => {
    const choices = await suggest(world, 'settings', 'set', 'timezone', typed);
    expect(choices.length).toBeLessThanOrEqual(25);
    if (typed === 'zzzz') expect(choices).toEqual([]);
    else expect(choices.length).toBeGreaterThan(0);
    expect(choices.slice(0, first.length).map((c) => c.value)).toEqual(first);
    for (const choice of choices) expect(choice.name).toMatch(/^\S+ \(UTC([+-]\d\d:\d\d)?\)$/);
    expectCleanDiscord(world);
  });
});
