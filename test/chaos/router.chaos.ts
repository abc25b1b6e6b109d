/**
 * The long run of the router property (`npm run test:chaos`): at least 10,000 generated
 * interactions — every slash command and subcommand with arbitrary, oversized, missing and wrongly
 * typed options, autocomplete, forged buttons and selects, from moderators and members — each
 * answered within Discord's deadline, none throwing out of the router or logged as an error.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anyInteraction,
  commandPaths,
  pathKey,
  send,
  startRouterWorld,
  type RouterWorld,
  type SendResult,
} from '../properties/router-world.js';

const SEED = 20_261_128;
const BATCH = 8;
const RUNS = 1250;

let world: RouterWorld;

beforeAll(async () => {
  world = await startRouterWorld();
});

afterAll(async () => {
  await world?.stop();
});

describe('the interaction router under 10,000 generated interactions', () => {
  it('answers every one, and nothing throws out of it or is logged as an error', async () => {
    const results: SendResult[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(anyInteraction(), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        results.push(...(await Promise.all(batch.map((generated) => send(world, generated)))));
        const failures = world.logs.filter((entry) => entry.level >= 50 || entry.msg === 'autocomplete failed');
        expect(failures, JSON.stringify(failures.slice(0, 2))).toEqual([]);
        expect(world.escaped).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(results.length).toBe(BATCH * RUNS);
    expect(results.length).toBeGreaterThanOrEqual(10_000);
    const commanded = new Set(results.filter((r) => r.kind === 'command').map((r) => r.path));
    for (const path of commandPaths()) expect(commanded).toContain(pathKey(path));
    const byKind: Record<string, number> = {};
    for (const r of results) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    console.info(
      `router chaos: ${results.length} interactions answered`,
      byKind,
      `slowest first answer ${Math.round(Math.max(...results.map((r) => r.ms)))} ms`,
    );
  });
});
