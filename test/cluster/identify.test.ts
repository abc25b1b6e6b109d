/**
 * Identify pacing across gateway processes, against the real PostgreSQL server: shards of one rate-limit key
 * identify one window apart whichever process holds them; different keys go together; an aborted wait lets the
 * next shard through.
 */
import { afterEach, expect, it } from 'vitest';
import { PostgresIdentifyThrottler, sharedIdentifyThrottler } from '../../src/cluster/identify.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestDatabase, describePg } from '../store/pg-server.js';

const WINDOW_MS = 300;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two stores on one database: two gateway processes, each with its own pool. */
async function twoProcesses(): Promise<[Store, Store]> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  const stores = [await openStore(db.url), await openStore(db.url)] as [Store, Store];
  for (const store of stores) cleanups.push(() => store.close());
  return stores;
}

/** Each shard's identify, granted by the throttler of the process holding it: shard id → ms since the start. */
async function identifyAll(
  holders: Array<{ throttler: PostgresIdentifyThrottler; shards: number[] }>,
): Promise<Map<number, number>> {
  const start = performance.now();
  const granted = new Map<number, number>();
  await Promise.all(
    holders.flatMap(({ throttler, shards }) =>
      shards.map(async (shard) => {
        await throttler.waitForIdentify(shard, new AbortController().signal);
        granted.set(shard, performance.now() - start);
      }),
    ),
  );
  return granted;
}

describePg('identify pacing shared through PostgreSQL', () => {
  it('spaces the identifies of one rate-limit key a window apart across two processes', async () => {
    const [a, b] = await twoProcesses();
    const granted = await identifyAll([
      { throttler: new PostgresIdentifyThrottler(a.postgres!.db, 1, WINDOW_MS), shards: [0, 1] },
      { throttler: new PostgresIdentifyThrottler(b.postgres!.db, 1, WINDOW_MS), shards: [2, 3] },
    ]);
    const times = [...granted.values()].sort((x, y) => x - y);
    expect(times).toHaveLength(4);
    // The server's clock decides; a few ms of rounding between it and this process's are allowed.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(WINDOW_MS - 15);
    // Not slower than needed: four shards of one key take three windows (and change).
    expect(times[3]! - times[0]!).toBeLessThan(3 * WINDOW_MS + 600);
  });

  it('lets different keys identify together (max_concurrency 2, read from the gateway information)', async () => {
    const [a, b] = await twoProcesses();
    const manager = { fetchGatewayInformation: () => Promise.resolve({ session_start_limit: { max_concurrency: 2 } }) };
    const ta = (await sharedIdentifyThrottler(a.postgres!.db, WINDOW_MS)(manager)) as PostgresIdentifyThrottler;
    const tb = (await sharedIdentifyThrottler(b.postgres!.db, WINDOW_MS)(manager)) as PostgresIdentifyThrottler;
    expect(ta.maxConcurrency).toBe(2);
    // Keys: shards 0 and 2 → 0; shards 1 and 3 → 1.
    const granted = await identifyAll([
      { throttler: ta, shards: [0, 1] },
      { throttler: tb, shards: [2, 3] },
    ]);
    const first = Math.min(granted.get(0)!, granted.get(2)!);
    const second = Math.min(granted.get(1)!, granted.get(3)!);
    // The first of each key goes at once: both well inside one window.
    expect(Math.max(first, second)).toBeLessThan(WINDOW_MS);
    expect(Math.abs(granted.get(0)! - granted.get(2)!)).toBeGreaterThanOrEqual(WINDOW_MS - 15);
    expect(Math.abs(granted.get(1)! - granted.get(3)!)).toBeGreaterThanOrEqual(WINDOW_MS - 15);
  });

  it('gives the turn to the next shard when a waiting one is aborted', async () => {
    const [a, b] = await twoProcesses();
    const ta = new PostgresIdentifyThrottler(a.postgres!.db, 1, WINDOW_MS * 10);
    const tb = new PostgresIdentifyThrottler(b.postgres!.db, 1, WINDOW_MS * 10);
    await ta.waitForIdentify(0, new AbortController().signal);
    const abort = new AbortController();
    const waiting = tb.waitForIdentify(1, abort.signal);
    setTimeout(() => abort.abort(new Error('shard destroyed')), 100);
    await expect(waiting).rejects.toThrow('shard destroyed');
    // The aborted wait recorded no identify: the key's last identify is still shard 0's.
    const rows = await a.postgres!.db.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway_identify');
    expect(rows[0]?.n).toBe(1);
    // Its lock is gone with its transaction: another shard gets the key's lock (and waits out shard 0's window).
    const next = new PostgresIdentifyThrottler(b.postgres!.db, 1, 0);
    const started = performance.now();
    await next.waitForIdentify(2, new AbortController().signal);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
