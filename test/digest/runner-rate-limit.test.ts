import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fewestMessages, runDelivery, type DeliveryResult, type DeliveryScale } from '../bench/delivery.bench.js';
import { createTestDatabase, describePg } from '../store/pg-server.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** 12 channels × 20 papers under limits tight enough that both the global and the channel limit bind. */
const TIGHT: DeliveryScale = {
  channels: 12,
  papersPerChannel: 20,
  globalPerSecond: 10,
  globalWindowMs: 200,
  channelLimit: 2,
  channelWindowMs: 250,
};

describe('fewestMessages', () => {
  it('packs in order under both the embed count and the character limit', () => {
    expect(fewestMessages([])).toBe(1);
    expect(fewestMessages(Array.from({ length: 20 }, () => 100))).toBe(2);
    expect(fewestMessages(Array.from({ length: 21 }, () => 100))).toBe(3);
    // Six embeds of 1,100 characters: five fit in 6,000, the sixth needs a second message.
    expect(fewestMessages(Array.from({ length: 6 }, () => 1100))).toBe(2);
    expect(fewestMessages([5000, 1000, 5000, 1000])).toBe(2);
    expect(fewestMessages([3000, 3001, 3000])).toBe(3);
  });
});

/** Every paper once, in the fewest messages, with no request refused twice, no faster than the limits allow. */
function expectWithinLimits(result: DeliveryResult): void {
  expect(result.wrongChannels).toBe(0);
  expect(result.violations).toBe(0);
  expect(result.messages).toBe(result.minimumMessages);
  // Each channel needs more messages than its limit allows at once, so the limits did bind.
  expect(result.messages).toBeGreaterThan(TIGHT.channels * TIGHT.channelLimit);
  expect(result.max429PerRequest).toBeLessThanOrEqual(1);
  // No faster than the limits allow: the fake enforced them and the client waited.
  expect(result.wallMs).toBeGreaterThanOrEqual(result.boundMs * 0.9);
}

describe('delivery under Discord rate limits (real runner, poster and discord.js against the fake)', () => {
  it('posts every paper once, in the fewest messages, with no request refused twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paperboy-rate-'));
    dirs.push(dir);
    expectWithinLimits(await runDelivery(TIGHT, 11, dir));
  }, 30_000);
});

describePg('delivery under Discord rate limits, store on PostgreSQL', () => {
  it('posts every paper once, in the fewest messages, with no request refused twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paperboy-rate-'));
    dirs.push(dir);
    const database = await createTestDatabase();
    try {
      expectWithinLimits(await runDelivery(TIGHT, 11, dir, { databaseUrl: database.url }));
    } finally {
      await database.drop();
    }
  }, 30_000);
});
