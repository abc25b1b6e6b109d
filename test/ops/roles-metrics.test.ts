/**
 * Health and metrics of the distributed mode's processes, on the real PostgreSQL server and the fake Discord: a
 * worker's leader gauge and job queue depth as it stands by and takes over, a gateway's shards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { JobQueue } from '../../src/cluster/jobs.js';
import { LEADER_LOCK } from '../../src/cluster/leader.js';
import { startGateway, startWorker, type ClusterProcess } from '../../src/cluster/roles.js';
import { loadBotEnv, type BotEnv } from '../../src/env.js';
import { silentLogger } from '../../src/log.js';
import { VERSION } from '../../src/version.js';
import { FakeArxiv } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { FIXTURE, FIXTURE_GUILD, fakeEnv } from '../helpers/bot.js';
import { until } from '../helpers/until.js';
import { createTestDatabase, describePg } from '../store/pg-server.js';
import { parseExposition, type Exposition } from './prom-text.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh database, the fakes, and the environment of a process serving metrics on a free port. */
async function cluster(): Promise<{ env: BotEnv; url: string }> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  const discord = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD],
    heartbeatIntervalMs: 30_000,
    rateLimits: { global: false },
  });
  const { apiUrl } = await discord.start();
  cleanups.push(() => discord.close());
  const arxiv = await FakeArxiv.start();
  cleanups.push(() => arxiv.close());
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-ops-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const env = loadBotEnv({
    ...fakeEnv(apiUrl, arxiv, dir, { LOG_LEVEL: 'silent', PAPERBOY_METRICS_PORT: '0' }),
    DATABASE_URL: db.url,
  });
  return { env, url: db.url };
}

function running<P extends ClusterProcess>(process: P): P {
  cleanups.push(() => process.stop());
  return process;
}

function endpoint(process: ClusterProcess, path: string): string {
  const address = process.ops.address();
  if (!address) throw new Error('the process serves no metrics');
  return `http://${address.host}:${address.port}${path}`;
}

async function scrape(process: ClusterProcess): Promise<Exposition> {
  return parseExposition(await (await fetch(endpoint(process, '/metrics'))).text());
}

async function healthz(process: ClusterProcess): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(endpoint(process, '/healthz'));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describePg('health and metrics of the distributed mode', () => {
  it('a worker: 0 and the queued jobs while standing by, 1 once it leads and has taken them', async () => {
    const { env, url } = await cluster();
    // Another holder of the leader lock keeps the worker standing by.
    const holder = new pg.Client({ connectionString: url });
    holder.on('error', () => undefined);
    await holder.connect();
    cleanups.push(() => holder.end().catch(() => undefined));
    await holder.query('SELECT pg_advisory_lock($1)', [LEADER_LOCK]);

    const worker = running(await startWorker(env, { log: silentLogger, leaseMs: 500, jobPollMs: 20 }));
    const jobs = new JobQueue(worker.store.postgres!.db);
    for (const channelId of ['310000000000000091', '310000000000000092'])
      await jobs.enqueue('digest-run', { guildId: FIXTURE.guildId, channelId, slug: null });

    const standing = await scrape(worker);
    expect(standing.get('paperboy_info', { role: 'worker', version: VERSION })).toBe(1);
    expect(standing.get('paperboy_leader')).toBe(0);
    expect(standing.get('paperboy_queue_depth')).toBe(2);
    expect(standing.get('paperboy_shards')).toBe(0);
    expect(await healthz(worker)).toMatchObject({ status: 200, body: { status: 'ok', role: 'worker', leader: false } });
    expect((await healthz(worker)).body).not.toHaveProperty('shards');

    await holder.end();
    await until(async () => (await scrape(worker)).get('paperboy_leader') === 1, 5000, 'the worker to lead');
    await until(async () => (await scrape(worker)).get('paperboy_queue_depth') === 0, 5000, 'the jobs to be taken');
    expect((await healthz(worker)).body.leader).toBe(true);

    const health = endpoint(worker, '/healthz');
    await worker.stop();
    await expect(fetch(health)).rejects.toThrow();
  });

  it('a gateway: its shards ready, not the leader', async () => {
    const { env } = await cluster();
    const gateway = running(await startGateway(env, { shards: 1 }, { log: silentLogger }));
    expect(await healthz(gateway)).toMatchObject({
      status: 200,
      body: { status: 'ok', role: 'gateway', leader: false, shards: { ready: 1, total: 1 } },
    });
    const m = await scrape(gateway);
    expect(m.get('paperboy_shards_ready')).toBe(1);
    expect(m.get('paperboy_shards')).toBe(1);
    expect(m.get('paperboy_leader')).toBe(0);
    // The gateway's own REST calls (login, commands) are counted too.
    expect(m.get('paperboy_discord_responses_total', { class: '2xx' })).toBeGreaterThan(0);
  });
});
