/**
 * Property: every interaction the router can be sent — every slash command and subcommand with
 * arbitrary, oversized, missing and wrongly typed options, autocomplete with arbitrary focused
 * values, buttons and selects with forged `custom_id`s, from moderators and members — is
 * answered within Discord's deadline, and nothing escapes the router or lands in the error log.
 */
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from '../fakes/fake-discord-harness.js';
import {
  anyInteraction,
  commandPaths,
  MOD,
  pathKey,
  send,
  startRouterWorld,
  type RouterWorld,
  type SendResult,
} from './router-world.js';
import { propertyRuns } from '../helpers/property-runs.js';

const SEED = 20_261_127;
/** Interactions sent at once per property run. */
const BATCH = 8;
const RUNS = propertyRuns(160);

let world: RouterWorld;

beforeAll(async () => {
  world = await startRouterWorld();
}, 30_000);

afterAll(async () => {
  await world?.stop();
});

describe('the interaction router on generated interactions', () => {
  it('answers every one, and nothing throws out of it or is logged as an error', async () => {
    const results: SendResult[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(anyInteraction(), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const answered = await Promise.all(batch.map((generated) => send(world, generated)));
        results.push(...answered);
        const failures = world.logs.filter((entry) => entry.level >= 50 || entry.msg === 'autocomplete failed');
        expect(failures, JSON.stringify(failures.slice(0, 2))).toEqual([]);
        expect(world.escaped).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(results).toHaveLength(BATCH * RUNS);
    // Every kind of interaction and every command path must have been exercised.
    const kinds = new Set(results.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['autocomplete', 'button', 'command', 'select']);
    const commanded = new Set(results.filter((r) => r.kind === 'command').map((r) => r.path));
    for (const path of commandPaths()) expect(commanded).toContain(pathKey(path));
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(3000);
  }, 120_000);
});

describe('an option of another type than the handler reads', () => {
  it('gets a clear ephemeral answer, is not logged as a failure and changes nothing', async () => {
    const before = await world.bot.app.store.state.getGuild(FIXTURE.guildId);
    const errorsBefore = world.logs.filter((entry) => entry.level >= 50).length;
    // As Discord sends it when the registered command is older than the code: an integer where a string is read.
    const handle = await world.discord.command({
      name: 'topic',
      subcommand: 'add',
      options: { slug: 'fresh', catalog: { type: Opt.Integer, value: 7 } },
      channelId: FIXTURE.text,
      user: MOD,
    });
    const response = await handle.response(3000);
    // Deferred first (type 5): the answer is the edit that follows.
    if (response.type === 5) await world.discord.waitFor(() => handle.edits().length > 0, 3000, 'the edited answer');
    const answer = handle.edits()[0]?.body ?? handle.callback?.data;
    expect(JSON.stringify(answer)).toContain('do not match this version of Paperboy');
    expect(world.logs.filter((entry) => entry.level >= 50)).toHaveLength(errorsBefore);
    expect((await world.bot.app.store.state.getGuild(FIXTURE.guildId)).topics).toEqual(before.topics);
  });
});
