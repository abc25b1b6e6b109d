/**
 * Leader election, the fence and the job queue of the distributed mode, against the real PostgreSQL server:
 * one leader at a time, a new epoch per leader, a takeover within the lease when the leader's connection dies,
 * and a deposed leader's claims refused.
 */
import { afterEach, expect, it } from 'vitest';
import { JobConsumer, JobQueue, type Job } from '../../src/cluster/jobs.js';
import { LeaderElector } from '../../src/cluster/leader.js';
import { openStore, type Store } from '../../src/store/index.js';
import { FencedError } from '../../src/store/postgres/fence.js';
import { until } from '../helpers/until.js';
import { adminQuery, createTestDatabase, describePg } from '../store/pg-server.js';
import type { DigestRecord } from '../../src/store/types.js';

function digest(extra: Partial<DigestRecord> & { key: string; paperIds: string[] }): DigestRecord {
  return {
    guildId: '100000000000000001',
    channelId: '300000000000000001',
    topicSlug: 'contrastive',
    date: '2026-11-24',
    skippedIds: [],
    messages: [
      { index: 0, nonce: `${extra.key}.0`, paperIds: extra.paperIds, body: { content: 'x' }, messageId: null },
    ],
    threadName: 'contrastive · 2026-11-24',
    openThread: false,
    threadId: null,
    status: 'pending',
    attempts: 0,
    error: null,
    createdAt: '2026-11-24T14:00:00.000Z',
    finishedAt: null,
    ...extra,
  };
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<{ url: string; store: Store }> {
  const db = await createTestDatabase();
  const store = await openStore(db.url);
  cleanups.push(() => db.drop());
  cleanups.push(() => store.close());
  return { url: db.url, store };
}

interface Candidate {
  elector: LeaderElector;
  events: string[];
}

function candidate(url: string, holder: string, leaseMs = 1000): Candidate {
  const events: string[] = [];
  const elector = new LeaderElector({
    url,
    holder,
    leaseMs,
    log: quiet,
    onElected: (epoch) => {
      events.push(`elected ${epoch}`);
      return Promise.resolve();
    },
    onDeposed: (reason) => {
      events.push(`deposed: ${reason}`);
      return Promise.resolve();
    },
  });
  cleanups.push(() => elector.stop());
  elector.start();
  return { elector, events };
}

describePg('leader election over PostgreSQL', () => {
  it('elects exactly one of three candidates, and a new one with the next epoch when the leader stops', async () => {
    const { url } = await database();
    const all = ['a', 'b', 'c'].map((name) => candidate(url, name));
    await until(() => all.some((c) => c.elector.isLeader), 5000, 'a leader');
    // Several poll rounds later there is still exactly one.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const leaders = all.filter((c) => c.elector.isLeader);
    expect(leaders).toHaveLength(1);
    const first = leaders[0]!;
    expect(first.elector.epoch).toBe('1');
    await first.elector.stop();
    await until(() => all.some((c) => c !== first && c.elector.isLeader), 3000, 'the next leader');
    const next = all.find((c) => c !== first && c.elector.isLeader)!;
    expect(next.elector.epoch).toBe('2');
    expect(first.events).toEqual(['elected 1', 'deposed: stopping']);
  });

  it('replaces a leader whose connection is terminated within the lease, and the old one steps down', async () => {
    const { url } = await database();
    const a = candidate(url, 'a', 1000);
    await until(() => a.elector.isLeader, 5000, 'a to lead');
    const b = candidate(url, 'b', 1000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.elector.isLeader).toBe(false);
    const name = new URL(url).pathname.slice(1);
    const killedAt = Date.now();
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'paperboy-leader' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
      [name],
    );
    await until(() => b.elector.isLeader, 5000, 'b to take over');
    expect(Date.now() - killedAt).toBeLessThan(1500);
    expect(b.elector.epoch).toBe('2');
    await until(() => !a.elector.isLeader, 3000, 'a to step down');
    expect(a.events[1]).toMatch(/^deposed: /);
  });

  it('refuses the claims of a leader whose epoch has passed (a paused leader that wakes up)', async () => {
    const { store } = await database();
    const fence = store.postgres!.fence;
    const [{ epoch } = { epoch: '' }] = await store.postgres!.db.query<{ epoch: string }>(
      `UPDATE cluster_leader SET epoch = epoch + 1 RETURNING epoch::text AS epoch`,
    );
    fence.hold(epoch);
    const first = digest({ key: 'g:c:2026-11-24:t', paperIds: ['2611.00001'] });
    expect(await store.delivery.planDigest(first)).toEqual({ ok: true });
    await store.delivery.markMessageSent(first.key, 0, '900000000000000001');
    // Another process takes the lead while this one sleeps.
    await store.postgres!.db.query(`UPDATE cluster_leader SET epoch = epoch + 1`);
    const second = digest({ key: 'g:c2:2026-11-24:t', channelId: '300000000000000099', paperIds: ['2611.00002'] });
    await expect(store.delivery.planDigest(second)).rejects.toBeInstanceOf(FencedError);
    await expect(store.delivery.finishDigest(first.key, 'sent')).rejects.toThrow(/leadership passed to epoch/);
    // Nothing of the refused claims was written.
    expect(await store.delivery.getDigest(second.key)).toBeNull();
    expect((await store.delivery.getDigest(first.key))?.status).toBe('pending');
    // Not leading at all: refused before reading anything.
    fence.hold(null);
    await expect(store.delivery.planDigest(second)).rejects.toThrow(/not the leader/);
  });
});

describePg('the job queue', () => {
  it('gives each job to exactly one of two consumers, and the result to the waiting gateway', async () => {
    const { store } = await database();
    const pgh = store.postgres!;
    await pgh.db.query(`UPDATE cluster_leader SET epoch = 7`);
    pgh.fence.hold('7');
    const queue = new JobQueue(pgh.db);
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => queue.enqueue('echo', { n: i })));
    const seen: Array<[string, number]> = [];
    const consumers = ['x', 'y'].map(
      (owner) =>
        new JobConsumer(queue, {
          owner,
          fence: pgh.fence,
          pollMs: 20,
          log: quiet,
          handle: async (job: Job) => {
            const { n } = job.payload as { n: number };
            seen.push([owner, n]);
            await new Promise((resolve) => setTimeout(resolve, 2));
            if (n === 13) throw Object.assign(new Error('thirteen is refused'), { name: 'UserError' });
            return { doubled: n * 2 };
          },
        }),
    );
    for (const c of consumers) c.start();
    const results = await Promise.all(ids.map((id) => queue.wait(id, { timeoutMs: 10_000, pollMs: 20 })));
    for (const c of consumers) await c.stop();
    expect(seen.map(([, n]) => n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(seen.map(([owner]) => owner)).size).toBe(2);
    expect(results[5]).toMatchObject({ status: 'done', result: { doubled: 10 }, attempts: 1 });
    expect(results[13]).toMatchObject({ status: 'failed', error: { message: 'thirteen is refused', userError: true } });
    expect(await queue.depth()).toBe(0);
  });

  it('queues again what a dead leader left running; a deposed leader claims nothing', async () => {
    const { store } = await database();
    const pgh = store.postgres!;
    const queue = new JobQueue(pgh.db);
    await pgh.db.query(`UPDATE cluster_leader SET epoch = 1`);
    pgh.fence.hold('1');
    const id = await queue.enqueue('digest-run', { guildId: 'g' });
    expect((await queue.claim('old', pgh.fence))?.id).toBe(id);
    expect(await queue.claim('old', pgh.fence)).toBeNull();
    // The old leader dies; the new one takes epoch 2.
    await pgh.db.query(`UPDATE cluster_leader SET epoch = 2`);
    await expect(queue.claim('old', pgh.fence)).rejects.toBeInstanceOf(FencedError);
    pgh.fence.hold('2');
    expect(await queue.requeueAbandoned(pgh.fence)).toBe(1);
    const again = await queue.claim('new', pgh.fence);
    expect(again).toMatchObject({ id, status: 'running', attempts: 2 });
    expect(await queue.depth()).toBe(1);
    expect(await queue.wait(id, { timeoutMs: 50, pollMs: 10 })).toBeNull();
  });
});
