/**
 * A seeded fault campaign: several days of digests by the real bot, where arXiv and Discord requests
 * fail at random with the faults the bot must survive (429s of every scope, 5xx, timeouts, resets,
 * bodies cut short, HTML and error pages). Whatever the seed: every paper is posted exactly once, the
 * ledger records only what Discord has, and no arXiv request starts sooner than the interval.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../../src/arxiv/http.js';
import { createArxivSource } from '../../src/arxiv/source.js';
import { loadBotEnv } from '../../src/env.js';
import { silentLogger } from '../../src/log.js';
import { startBot } from '../../src/main.js';
import { openStore } from '../../src/store/index.js';
import { FakeArxiv, apiById, rssFeedXml, type FakeResponse, type Responder } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import type { FaultSpec } from '../fakes/fake-discord-types.js';
import { FIXTURE, FIXTURE_GUILD, ManualClock, fakeEnv, makePapers, subscription, topic } from '../helpers/bot.js';
import { seededRandom } from '../helpers/random.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const DAYS = [
  { date: '2026-11-24', pubDate: 'Tue, 24 Nov 2026 00:00:00 -0500', noon: '2026-11-24T17:00:00Z' },
  { date: '2026-11-25', pubDate: 'Wed, 25 Nov 2026 00:00:00 -0500', noon: '2026-11-25T17:00:00Z' },
  { date: '2026-11-26', pubDate: 'Thu, 26 Nov 2026 00:00:00 -0500', noon: '2026-11-26T17:00:00Z' },
];
const PAPERS_PER_DAY = 30;
/** Long enough that the fake's arrival-jitter allowance (40%) stays far above a busy machine's scheduling noise. */
const INTERVAL = 100;
/** Chance that a Discord message request meets a fault (and that one more fault precedes an arXiv answer). */
const P_FAULT = 0.3;
const P_ARXIV_FAULT = 0.5;
const RUNS_WITH_FAULTS = 3;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const DISCORD_FAULTS: ReadonlyArray<Omit<FaultSpec, 'path'>> = [
  { status: 429, retryAfter: 0.02 },
  { status: 429, retryAfter: 0.02, global: true },
  { status: 429, retryAfter: 0.02, headers: { 'X-RateLimit-Scope': 'shared' } },
  { status: 500 },
  { status: 502 },
  { status: 503 },
  { hang: true, applyFirst: true },
  { reset: true, applyFirst: true },
  { status: 503, applyFirst: true },
  { delayMs: 50 },
];

function arxivFaults(random: Random, good: Responder): Responder[] {
  const transient: FakeResponse[] = [
    { status: 429, headers: { 'retry-after': '0' } },
    { status: 503, headers: { 'retry-after': '0' } },
    { status: 502 },
    { reset: true },
    { delayMs: 400, body: '<feed/>' },
  ];
  const broken: FakeResponse[] = [
    {
      body: '<!DOCTYPE html><html><head><title>Maintenance</title></head></html>',
      headers: { 'content-type': 'text/html' },
    },
    { body: '<rss><channel><title>cut', headers: { 'content-type': 'application/rss+xml' } },
  ];
  const faults: Responder[] = [];
  while (random() < P_ARXIV_FAULT && faults.length < 3)
    faults.push(random() < 0.8 ? pick(random, transient) : pick(random, broken));
  return [...faults, good];
}

interface Tally {
  discordFaults: number;
  arxivFaults: number;
  runs: number;
}

async function campaign(seed: number, tally: Tally): Promise<void> {
  const random = seededRandom(seed);
  const discord = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD],
    rateLimits: { global: false },
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: INTERVAL });
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-chaos-faults-'));
  const clock = new ManualClock(Date.parse(DAYS[0]!.noon));
  const env = loadBotEnv(
    fakeEnv(apiUrl, arxiv, dir, { ARXIV_REQUEST_INTERVAL_MS: String(INTERVAL), LOG_LEVEL: 'silent' }),
  );
  const seedStore = await openStore(env.DATABASE_URL);
  await seedStore.state.updateGuild(FIXTURE.guildId, (state) => {
    state.topics.push(topic(FIXTURE.guildId));
    state.subscriptions.push(subscription(FIXTURE.guildId, { maxPapers: 100 }));
  });
  await seedStore.close();

  // Real timeouts and back-off, scaled down so that a campaign takes seconds.
  const fetcher = new PoliteFetcher({
    intervalMs: INTERVAL,
    timeoutMs: 250,
    maxAttempts: 6,
    backoff: { initialMs: 5, maxMs: 40 },
  });
  const source = createArxivSource({
    apiUrl: arxiv.apiUrl,
    rssUrl: arxiv.rssUrl,
    htmlUrl: `${arxiv.baseUrl}/html`,
    fetcher,
    autoCommit: false,
  });
  const bot = await startBot(env, { now: clock.now, log: silentLogger, restTimeout: 300, arxiv: source });
  const expected: string[] = [];
  try {
    for (const [d, day] of DAYS.entries()) {
      clock.set(day.noon);
      const papers = makePapers(PAPERS_PER_DAY, { prefix: `2611.${d}` });
      expected.push(...papers.map((p) => `https://arxiv.org/abs/${p.id.replace(/v\d+$/, '')}`));
      const listing = { body: rssFeedXml('cs.LG', day.pubDate, papers), etag: `"${day.date}"` };
      const rss = arxivFaults(random, listing);
      const api = arxivFaults(random, apiById(papers));
      tally.arxivFaults += rss.length + api.length - 2;
      arxiv.rss('cs.LG', ...rss);
      arxiv.api(null, ...api);

      for (let run = 0; run < RUNS_WITH_FAULTS; run++) {
        for (let k = 0; k < 8; k++) {
          if (random() >= P_FAULT) continue;
          discord.fail({
            method: 'POST',
            path: `/channels/${FIXTURE.text}/messages`,
            skip: Math.floor(random() * 6),
            ...pick(random, DISCORD_FAULTS),
          });
          tally.discordFaults++;
        }
        await bot.app.runGuild(FIXTURE.guildId);
        tally.runs++;
        // Past the ingest's reuse window: the next run asks arXiv again (a 304 once the feed is stored).
        clock.advance(10 * 60_000);
      }
      discord.clearFaults();
      await bot.app.runGuild(FIXTURE.guildId);
      tally.runs++;
      clock.advance(10 * 60_000);
    }
    await bot.app.runner.resumePending();

    const urls = discord
      .messages(FIXTURE.text)
      .flatMap((m) => m.embeds.map((e) => String((e as { url?: string }).url)));
    const duplicates = urls.filter((u, i) => urls.indexOf(u) !== i);
    const lost = expected.filter((u) => !urls.includes(u));
    expect({ seed, duplicates, lost }).toEqual({ seed, duplicates: [], lost: [] });

    const onDiscord = new Set(discord.messages(FIXTURE.text).map((m) => m.id));
    for (const day of DAYS) {
      for (const digest of await bot.app.store.delivery.digestsOn(FIXTURE.guildId, day.date)) {
        for (const message of digest.messages) {
          if (message.messageId !== null)
            expect(onDiscord.has(message.messageId), `seed ${seed}: ${digest.key} #${message.index}`).toBe(true);
        }
      }
    }
    expect(await bot.app.store.delivery.pendingDigests()).toEqual([]);
    expect(arxiv.violations).toEqual([]);
    expect(arxiv.maxInFlight).toBe(1);
    expect(discord.internalErrors).toEqual([]);
  } finally {
    await bot.stop().catch(() => undefined);
    await discord.close();
    await arxiv.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('random arXiv and Discord faults over several days of digests', () => {
  it(`every paper exactly once, politeness held, over seeds ${SEEDS.join(', ')}`, async () => {
    const tally: Tally = { discordFaults: 0, arxivFaults: 0, runs: 0 };
    const began = Date.now();
    for (const seed of SEEDS) await campaign(seed, tally);
    // The campaign's size, so that a run that injected nothing is seen as such.
    console.info(
      `fault campaign: ${SEEDS.length} seeds, ${tally.runs} runs, ${tally.discordFaults} Discord and ${tally.arxivFaults} arXiv faults, ${Date.now() - began} ms`,
    );
    expect(tally.discordFaults).toBeGreaterThan(SEEDS.length * 5);
    expect(tally.arxivFaults).toBeGreaterThan(SEEDS.length);
  });
});
