/**
 * The health and metrics server over real HTTP on 127.0.0.1 (an ephemeral port), its metrics read back as a
 * scraper would, and the environment variables that configure it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../src/env.js';
import { silentLogger } from '../../src/log.js';
import { Health } from '../../src/ops/health.js';
import { Metrics, type ShardCounts } from '../../src/ops/metrics.js';
import { OpsServerError, startOpsServer, type OpsServer } from '../../src/ops/server.js';
import { VERSION } from '../../src/version.js';
import { parseExposition } from './prom-text.js';

const servers: OpsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A server on a free port with a hand-driven clock and shard count. */
async function serve(options: { processMetrics?: boolean } = {}) {
  let clock = 1_000_000;
  let shards: ShardCounts = { ready: 0, total: 2 };
  const metrics = new Metrics({ role: 'gateway', processMetrics: options.processMetrics ?? false });
  const health = new Health({ role: 'gateway', version: VERSION, unreadyGraceMs: 60_000, now: () => clock });
  health.setShardsSource(() => shards);
  metrics.setShardsReadySource(() => shards);
  const server = await startOpsServer({ port: 0, host: '127.0.0.1', metrics, health, log: silentLogger });
  servers.push(server);
  const { host, port } = server.address();
  return {
    metrics,
    health,
    server,
    url: (path: string) => `http://${host}:${port}${path}`,
    advance: (ms: number) => (clock += ms),
    setShards: (counts: ShardCounts) => (shards = counts),
  };
}

async function healthz(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  expect(response.headers.get('content-type')).toBe('application/json');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /healthz', () => {
  it('is alive while starting, ok once running, 503 once the shards stay unready past the grace, 503 when stopping', async () => {
    const ops = await serve();
    const url = ops.url('/healthz');
    // Logging in: shards not ready yet, and that is no reason to be restarted.
    ops.advance(10 * 60_000);
    expect(await healthz(url)).toMatchObject({
      status: 200,
      body: { status: 'starting', role: 'gateway', version: VERSION, leader: false, shards: { ready: 0, total: 2 } },
    });
    ops.setShards({ ready: 2, total: 2 });
    ops.health.running();
    expect(await healthz(url)).toMatchObject({ status: 200, body: { status: 'ok', uptimeSeconds: 600 } });

    // A shard reconnects: fine within the grace, counted from the first check that saw it.
    ops.setShards({ ready: 1, total: 2 });
    expect((await healthz(url)).body.status).toBe('ok');
    ops.advance(60_000);
    expect(await healthz(url)).toMatchObject({ status: 200, body: { status: 'ok' } });
    ops.advance(1);
    expect(await healthz(url)).toMatchObject({ status: 503, body: { status: 'unready', shards: { ready: 1 } } });

    // Back: healthy at once, and a new outage gets a whole new grace.
    ops.setShards({ ready: 2, total: 2 });
    expect((await healthz(url)).status).toBe(200);
    ops.setShards({ ready: 0, total: 2 });
    expect((await healthz(url)).status).toBe(200);
    ops.advance(59_000);
    expect((await healthz(url)).status).toBe(200);

    ops.health.stopping();
    expect(await healthz(url)).toMatchObject({ status: 503, body: { status: 'stopping' } });
  });

  it('a process without shards (a worker) is healthy once running, and reports whether it leads', async () => {
    let leading = false;
    const metrics = new Metrics({ role: 'worker', processMetrics: false });
    const health = new Health({ role: 'worker', version: VERSION });
    health.setLeaderSource(() => leading);
    health.running();
    const server = await startOpsServer({ port: 0, host: '127.0.0.1', metrics, health, log: silentLogger });
    servers.push(server);
    const url = `http://127.0.0.1:${server.address().port}/healthz`;
    expect(await healthz(url)).toEqual({
      status: 200,
      body: {
        status: 'ok',
        role: 'worker',
        version: VERSION,
        uptimeSeconds: expect.any(Number) as number,
        leader: false,
      },
    });
    leading = true;
    expect((await healthz(url)).body.leader).toBe(true);
  });
});

describe('GET /metrics', () => {
  it('serves the Prometheus text format with the process metrics and every paperboy_ metric', async () => {
    const ops = await serve({ processMetrics: true });
    ops.metrics.setLeader(true);
    ops.metrics.setQueueDepthSource(() => Promise.resolve(3));
    ops.metrics.digestDelivered('sent');
    ops.metrics.digestDelivered('pending');
    ops.metrics.messagePosted();
    ops.metrics.messagePosted();
    ops.metrics.discordResponse(200, null);
    ops.metrics.discordResponse(429, 'shared');
    ops.metrics.discordResponse(429, null);
    ops.metrics.arxivRequest(304);
    ops.metrics.arxivRequest(null);
    ops.metrics.ingestSucceeded(new Date('2026-11-24T12:00:00Z'), 7, false);
    ops.setShards({ ready: 1, total: 2 });

    const response = await fetch(ops.url('/metrics?scrape=1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const m = parseExposition(await response.text());
    expect(m.get('paperboy_info', { role: 'gateway', version: VERSION })).toBe(1);
    expect(m.get('paperboy_leader')).toBe(1);
    expect(m.get('paperboy_queue_depth')).toBe(3);
    expect(m.get('paperboy_shards_ready')).toBe(1);
    expect(m.get('paperboy_shards')).toBe(2);
    expect(m.get('paperboy_digests_total', { outcome: 'sent' })).toBe(1);
    expect(m.get('paperboy_digests_total', { outcome: 'pending' })).toBe(1);
    expect(m.get('paperboy_messages_posted_total')).toBe(2);
    expect(m.get('paperboy_discord_responses_total', { class: '2xx' })).toBe(1);
    expect(m.get('paperboy_discord_responses_total', { class: '4xx' })).toBe(2);
    expect(m.get('paperboy_discord_rate_limited_total', { scope: 'shared' })).toBe(1);
    expect(m.get('paperboy_discord_rate_limited_total', { scope: 'user' })).toBe(1);
    expect(m.get('paperboy_arxiv_requests_total', { status: '304' })).toBe(1);
    expect(m.get('paperboy_arxiv_requests_total', { status: 'error' })).toBe(1);
    expect(m.get('paperboy_ingests_total', { outcome: 'ok' })).toBe(1);
    expect(m.get('paperboy_papers_ingested_total')).toBe(7);
    expect(m.get('paperboy_last_ingest_timestamp_seconds')).toBe(Date.parse('2026-11-24T12:00:00Z') / 1000);
    expect(m.types.get('paperboy_digests_total')).toBe('counter');
    expect(m.types.get('paperboy_queue_depth')).toBe('gauge');
    expect(m.types.get('paperboy_digest_run_duration_seconds')).toBe('histogram');
    // The Node process's own, unprefixed as everywhere.
    expect(m.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(m.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('reads the queue depth at each scrape, and reports NaN (unknown) when it cannot', async () => {
    const ops = await serve();
    let depth: number | Error = 0;
    ops.metrics.setQueueDepthSource(() => {
      if (depth instanceof Error) throw depth;
      return depth;
    });
    const scrape = async () => parseExposition(await (await fetch(ops.url('/metrics'))).text());
    expect((await scrape()).get('paperboy_queue_depth')).toBe(0);
    depth = 5;
    expect((await scrape()).get('paperboy_queue_depth')).toBe(5);
    depth = new Error('connection terminated');
    expect((await scrape()).get('paperboy_queue_depth')).toBeNaN();
  });

  it('keeps two processes’ metrics apart', async () => {
    const a = new Metrics({ role: 'all-in-one', processMetrics: false });
    const b = new Metrics({ role: 'all-in-one', processMetrics: false });
    a.messagePosted();
    expect(parseExposition(await a.text()).get('paperboy_messages_posted_total')).toBe(1);
    expect(parseExposition(await b.text()).get('paperboy_messages_posted_total')).toBe(0);
  });
});

describe('requests it does not serve', () => {
  const cases: Array<{ method: string; path: string; status: number; allow?: string }> = [
    { method: 'HEAD', path: '/metrics', status: 200 },
    { method: 'HEAD', path: '/healthz', status: 200 },
    { method: 'POST', path: '/metrics', status: 405, allow: 'GET, HEAD' },
    { method: 'DELETE', path: '/healthz', status: 405, allow: 'GET, HEAD' },
    { method: 'GET', path: '/', status: 404 },
    { method: 'GET', path: '/metrics/extra', status: 404 },
    { method: 'POST', path: '/nope', status: 404 },
  ];
  it.each(cases)('$method $path → $status', async ({ method, path, status, allow }) => {
    const ops = await serve();
    ops.health.running();
    ops.setShards({ ready: 2, total: 2 });
    const response = await fetch(ops.url(path), { method });
    expect(response.status).toBe(status);
    expect(response.headers.get('allow') ?? undefined).toBe(allow);
    const body = await response.text();
    if (method === 'HEAD') {
      expect(body).toBe('');
      expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    }
  });
});

describe('listening and closing', () => {
  it('says which address could not be used when the port is taken', async () => {
    const first = await serve();
    const { port } = first.server.address();
    const metrics = new Metrics({ role: 'worker', processMetrics: false });
    const health = new Health({ role: 'worker', version: VERSION });
    const attempt = startOpsServer({ port, host: '127.0.0.1', metrics, health, log: silentLogger });
    await expect(attempt).rejects.toThrow(OpsServerError);
    await expect(attempt).rejects.toThrow(
      `Cannot serve /healthz and /metrics on 127.0.0.1:${port}: the port is already in use`,
    );
  });

  it('stops answering once closed, also with a kept-alive connection open', async () => {
    const ops = await serve();
    expect((await fetch(ops.url('/metrics'))).status).toBe(200);
    await ops.server.close();
    await expect(fetch(ops.url('/metrics'))).rejects.toThrow();
  });
});

describe('PAPERBOY_METRICS_PORT and PAPERBOY_METRICS_HOST', () => {
  const accepted: Array<{ env: Record<string, string>; port: number | undefined; host: string }> = [
    { env: {}, port: undefined, host: '127.0.0.1' },
    { env: { PAPERBOY_METRICS_PORT: '' }, port: undefined, host: '127.0.0.1' },
    { env: { PAPERBOY_METRICS_PORT: '0' }, port: 0, host: '127.0.0.1' },
    { env: { PAPERBOY_METRICS_PORT: '9464', PAPERBOY_METRICS_HOST: '0.0.0.0' }, port: 9464, host: '0.0.0.0' },
    { env: { PAPERBOY_METRICS_PORT: '65535', PAPERBOY_METRICS_HOST: '::' }, port: 65535, host: '::' },
    { env: { PAPERBOY_METRICS_HOST: 'metrics.internal' }, port: undefined, host: 'metrics.internal' },
  ];
  it.each(accepted)('accepts $env', ({ env, port, host }) => {
    const parsed = loadEnv(env);
    expect(parsed.PAPERBOY_METRICS_PORT).toBe(port);
    expect(parsed.PAPERBOY_METRICS_HOST).toBe(host);
  });

  const rejected: Array<{ env: Record<string, string>; message: string }> = [
    {
      env: { PAPERBOY_METRICS_PORT: 'metrics' },
      message:
        'PAPERBOY_METRICS_PORT: must be a port number from 0 to 65535 (0 picks a free one), or empty to serve none',
    },
    { env: { PAPERBOY_METRICS_PORT: '-1' }, message: 'PAPERBOY_METRICS_PORT: must be a port number from 0 to 65535' },
    {
      env: { PAPERBOY_METRICS_PORT: '65536' },
      message: 'PAPERBOY_METRICS_PORT: must be a port number from 0 to 65535',
    },
    {
      env: { PAPERBOY_METRICS_PORT: '94.64' },
      message: 'PAPERBOY_METRICS_PORT: must be a whole port number from 0 to 65535',
    },
    {
      env: { PAPERBOY_METRICS_HOST: 'http://0.0.0.0' },
      message: 'PAPERBOY_METRICS_HOST: must be a host name or IP address to listen on',
    },
    {
      env: { PAPERBOY_METRICS_HOST: '127.0.0.1:9464' },
      message: 'PAPERBOY_METRICS_HOST: must be a host name or IP address to listen on',
    },
  ];
  it.each(rejected)('rejects $env', ({ env, message }) => {
    expect(() => loadEnv(env)).toThrow(ConfigError);
    expect(() => loadEnv(env)).toThrow(message);
  });

  it('reports a bad port and a bad host in one message', () => {
    expect(() => loadEnv({ PAPERBOY_METRICS_PORT: 'x', PAPERBOY_METRICS_HOST: 'a b' })).toThrow(
      /PAPERBOY_METRICS_PORT: .*\n {2}- PAPERBOY_METRICS_HOST: /,
    );
  });
});
