/**
 * The real bot (src/main.ts) against the fake Discord and the fake arXiv, with PAPERBOY_METRICS_PORT=0: its
 * `/healthz`, and its `/metrics` counting what really happened — a digest sent, its messages, the arXiv requests,
 * the ingest, 429s injected into the fake Discord.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURE, makePapers, subscription, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';
import { parseExposition, type Exposition } from './prom-text.js';

const start = useBotWorld();
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';
const seed = (guildId: string) => ({ topics: [topic(guildId)], subscriptions: [subscription(guildId)] });

function endpoint(world: BotWorld, path: string): string {
  const address = world.bot.ops.address();
  if (!address) throw new Error('the bot serves no metrics');
  return `http://${address.host}:${address.port}${path}`;
}

async function scrape(world: BotWorld): Promise<Exposition> {
  const response = await fetch(endpoint(world, '/metrics'));
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

describe('health and metrics of the all-in-one bot', () => {
  it('is healthy once connected: the leader, its one shard ready', async () => {
    const world = await start({ seed, env: { PAPERBOY_METRICS_PORT: '0' } });
    const response = await fetch(endpoint(world, '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      role: 'all-in-one',
      leader: true,
      shards: { ready: 1, total: 1 },
    });
    const m = await scrape(world);
    expect(m.get('paperboy_leader')).toBe(1);
    expect(m.get('paperboy_queue_depth')).toBe(0);
    expect(m.get('paperboy_shards_ready')).toBe(1);
    expect(m.get('paperboy_last_ingest_timestamp_seconds')).toBe(0);
  });

  it('counts a digest, its messages, the arXiv requests and the ingest', async () => {
    const world = await start({ seed, env: { PAPERBOY_METRICS_PORT: '0' } });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(40));
    const arxivBefore = world.arxiv.requests.length;
    await world.bot.app.runGuild(FIXTURE.guildId);

    const posted = world.discord.messages(FIXTURE.text).length;
    expect(posted).toBeGreaterThan(1);
    const m = await scrape(world);
    expect(m.get('paperboy_digests_total', { outcome: 'sent' })).toBe(1);
    expect(m.get('paperboy_digests_total', { outcome: 'failed' })).toBeUndefined();
    expect(m.get('paperboy_messages_posted_total')).toBe(posted);
    expect(m.get('paperboy_digest_run_duration_seconds_count')).toBe(1);
    // One listing request and the API lookups of its papers, every one answered 200.
    const arxivRequests = world.arxiv.requests.length - arxivBefore;
    expect(arxivRequests).toBeGreaterThanOrEqual(2);
    expect(m.get('paperboy_arxiv_requests_total', { status: '200' })).toBe(arxivRequests);
    expect(m.get('paperboy_ingests_total', { outcome: 'ok' })).toBe(1);
    expect(m.get('paperboy_papers_ingested_total')).toBe(40);
    expect(m.get('paperboy_last_ingest_timestamp_seconds')).toBe(world.clock.now().getTime() / 1000);
    const discordOk = world.discord.requests.filter((r) => r.status !== null && r.status < 300).length;
    expect(m.get('paperboy_discord_responses_total', { class: '2xx' })).toBe(discordOk);
    expect(m.get('paperboy_discord_rate_limited_total', { scope: 'user' })).toBeUndefined();

    // The second run finds the listing unchanged (a 304 after the reuse window) and nothing new to send.
    world.clock.advance(10 * 60_000);
    await world.bot.app.runGuild(FIXTURE.guildId);
    const again = await scrape(world);
    expect(again.get('paperboy_arxiv_requests_total', { status: '304' })).toBe(1);
    expect(again.get('paperboy_ingests_total', { outcome: 'not-modified' })).toBe(1);
    expect(again.get('paperboy_digests_total', { outcome: 'sent' })).toBe(1);
    expect(again.get('paperboy_digest_run_duration_seconds_count')).toBe(2);
    expect(again.get('paperboy_last_ingest_timestamp_seconds')).toBe(world.clock.now().getTime() / 1000);
  });

  it('counts the 429s Discord answers, by scope', async () => {
    const world = await start({ seed, env: { PAPERBOY_METRICS_PORT: '0' } });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(3));
    const route = { method: 'POST', path: '/channels/:channel_id/messages', status: 429, retryAfter: 0.05 };
    world.discord.fail({ ...route });
    world.discord.fail({ ...route, global: true });
    await world.bot.app.runGuild(FIXTURE.guildId);

    expect(world.discord.count429()).toBe(2);
    const m = await scrape(world);
    expect(m.get('paperboy_discord_rate_limited_total', { scope: 'user' })).toBe(1);
    expect(m.get('paperboy_discord_rate_limited_total', { scope: 'global' })).toBe(1);
    expect(m.get('paperboy_discord_responses_total', { class: '4xx' })).toBe(2);
    // discord.js waited them out: the digest still went.
    expect(m.get('paperboy_digests_total', { outcome: 'sent' })).toBe(1);
  });

  it('counts a failed ingest and the status arXiv refused it with', async () => {
    const world = await start({ seed, env: { PAPERBOY_METRICS_PORT: '0' } });
    world.arxiv.rss('cs.LG', { status: 404, body: 'no such feed' });
    await world.bot.app.runGuild(FIXTURE.guildId);
    const m = await scrape(world);
    expect(m.get('paperboy_arxiv_requests_total', { status: '404' })).toBe(1);
    expect(m.get('paperboy_ingests_total', { outcome: 'failed' })).toBe(1);
    expect(m.get('paperboy_last_ingest_timestamp_seconds')).toBe(0);
  });

  it('answers 503 while stopping and closes the server when stopped', async () => {
    const world = await start({ seed, env: { PAPERBOY_METRICS_PORT: '0' } });
    const url = endpoint(world, '/healthz');
    world.bot.ops.health.stopping();
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'stopping' });
    await world.bot.stop();
    await expect(fetch(url)).rejects.toThrow();
  });

  it('serves nothing without PAPERBOY_METRICS_PORT, and still counts', async () => {
    const world = await start({ seed });
    expect(world.bot.ops.address()).toBeNull();
    world.serveListing('cs.LG', LISTING_DATE, makePapers(2));
    await world.bot.app.runGuild(FIXTURE.guildId);
    const m = parseExposition(await world.bot.ops.metrics.text());
    expect(m.get('paperboy_digests_total', { outcome: 'sent' })).toBe(1);
    // The Node process metrics are not collected when nothing serves them.
    expect(m.types.has('process_cpu_user_seconds_total')).toBe(false);
  });
});
