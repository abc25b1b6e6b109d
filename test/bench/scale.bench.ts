/**
 * Scale: one announcement day for 10,000 guilds with 20,000 subscriptions, delivered by ONE worker process
 * (`paperboy start --role worker`, the bundle `npm start` runs) on a fresh PostgreSQL database, through the fake
 * Discord enforcing Discord's 50 requests/s per bot and 5 messages per 5 s per channel, at real speed.
 *
 * The world is seeded: a day of generated papers served by the fake arXiv as a real rss.arxiv.org listing; a topic
 * pool of the catalog's broad topics (popular, shared by many guilds, capped at 10 papers) and a long tail of
 * narrow ones (one category and a term; kept when they match 1–8 of the day's papers); guilds with 1–3 channels and
 * Zipf-distributed topic choices, written through the store as `/topic add` and `/subscription add` would leave
 * them, scheduled at the default time (01:30 New York) and last run the day before. The worker starts with its
 * clock at that time and runs what its scheduler finds due.
 *
 * Measured: messages; delivery time (from the tick to the last message answered) against the bound the global
 * limit sets (requests ÷ 50 per second); 429 answers, per request (method, path and nonce); the worker's peak
 * resident set (VmHWM); planning (the tick's scan, and the tick to the last digest planned); every digest sent,
 * every (channel, paper) posted once.
 *
 * `npm run bench -- scale --guilds=500 --subs=1000` runs it smaller.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import pLimit from 'p-limit';
import { catalog } from '../../config/catalog.js';
import { defaults } from '../../config/defaults.js';
import { absUrl, pdfUrl } from '../../src/papers/ids.js';
import type { Paper } from '../../src/papers/paper.js';
import { lastRunKey, sinceKey } from '../../src/schedule/scheduler.js';
import { openStore } from '../../src/store/index.js';
import type { Subscription, Topic } from '../../src/store/types.js';
import { rankTopics, type TopicFilter } from '../../src/topics/topic.js';
import { apiById, FakeArxiv, rssFeedXml } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { seededRandom } from '../helpers/random.js';
import { spawnPaperboy } from '../helpers/paperboy.js';
import { buildBundle, memoryOf, START_FLAGS } from './bot-process.js';
import { generatePapers, vocabulary } from './generate.js';
import { feedPapers } from './parse.bench.js';
import { ratio, thousands } from './stats.js';
import type { Bench, BenchRow } from './types.js';

const ADMIN_URL = process.env.PAPERBOY_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN = 'paperboy-bench-token';
const APPLICATION_ID = '110000000000000001';
/** A Tuesday: the listing of Monday's submissions. */
const DATE = '2026-11-24';
const PREVIOUS_DATE = '2026-11-23';
const PUB_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';
/** The default schedule (`30 1 * * 1-5`, America/New_York) fires at 06:30 UTC in November. */
const CLOCK = '2026-11-24T06:30:01.000Z';
const LAST_RUN = '2026-11-23T06:30:04.000Z';
const STAMP = { by: '410000000000000001', at: '2026-11-01T00:00:00.000Z' };
const PRELOAD = pathToFileURL(new URL('../helpers/clock-preload.mjs', import.meta.url).pathname).href;

const GLOBAL_PER_SECOND = 50;
const CHANNEL_LIMIT = 5;
const CHANNEL_WINDOW_MS = 5000;
const TARGET_RATIO = 1.2;
const TARGET_RSS_MB = 300;

export interface ScaleOptions {
  guilds: number;
  subscriptions: number;
  /** Papers in the day's listing. */
  papers: number;
  seed: number;
  log: (message: string) => void;
}

export interface ScaleResult {
  guilds: number;
  subscriptions: number;
  papers: number;
  seedMs: number;
  messages: number;
  /** Requests the worker made that count towards the global limit and were answered with something else than 429. */
  requests: number;
  /** From the tick (the scheduler's scan start) to the last message answered. */
  deliveryMs: number;
  /** `requests / 50` seconds. */
  boundMs: number;
  /** The tick's scan of every guild's schedule, before the first run starts. */
  scanMs: number;
  /** From the tick to the first message answered: the scan, the listing's ingest, the first read of the archive. */
  firstPostMs: number;
  /** From the tick to the last digest planned. */
  planningMs: number;
  total429: number;
  /** Most 429 answers one request (method, path, nonce) got. */
  max429PerRequest: number;
  peakRssMb: number;
  digests: { sent: number; pending: number; failed: number };
  /** (channel, paper) pairs posted more than once. */
  duplicates: number;
  /** Papers of sent digests that no posted message carries, plus posted papers no digest claims. */
  ledgerMismatches: number;
  violations: number;
  /** Lines the worker logged at level error or above. */
  workerErrors: number;
}

// ---------------------------------------------------------------------------------------------------------------
// The world

const guildId = (g: number): string => String(1_100_000_000_000_000_000n + (BigInt(g) << 22n));
const channelId = (g: number, c: number): string => String(1_200_000_000_000_000_000n + BigInt(g * 4 + c));

interface PoolTopic {
  slug: string;
  name: string;
  categories: string[];
  query: string;
  maxPapers: number;
}

/** The day's papers, numbered as that month's submissions, as the archive will hold them once ingested. */
function dayPapers(count: number, seed: number): Paper[] {
  return generatePapers(count, seed).map((paper, i) => {
    const id = `2611.${String(20_000 + i).padStart(5, '0')}`;
    const published = `2026-11-23T${String(i % 24).padStart(2, '0')}:00:00.000Z`;
    return {
      ...paper,
      id,
      absUrl: absUrl(id),
      pdfUrl: pdfUrl(id, paper.version),
      published: paper.version === 1 ? published : '2026-10-02T12:00:00.000Z',
      updated: published,
      announced: DATE,
    };
  });
}

/**
 * Broad topics from the catalog (the popular ones, shared by many guilds; capped at 10 papers) followed by narrow
 * ones (one category and a field term or a title word) that match 1–8 of the day's papers, in a seeded order.
 */
function topicPool(papers: readonly Paper[], seed: number): { broad: PoolTopic[]; narrow: PoolTopic[] } {
  const broad = catalog.map((t) => ({
    slug: t.slug,
    name: t.name,
    categories: [...t.categories],
    query: t.query,
    maxPapers: 10,
  }));
  const terms = Object.values(vocabulary.fieldTerms).flat();
  const words = Object.values(vocabulary.fieldWords).flat();
  const candidates: TopicFilter[] = [];
  for (const category of vocabulary.categories) {
    for (const term of terms)
      candidates.push({ categories: [category], query: `"${term}"`, crossLists: true, updates: false });
    for (const word of words)
      candidates.push({ categories: [category], query: `ti:${word}`, crossLists: true, updates: false });
  }
  const ranked = rankTopics(candidates, papers);
  const kept = candidates.filter((_, i) => ranked[i]!.length >= 1 && ranked[i]!.length <= 8);
  const rand = seededRandom(seed);
  for (let i = kept.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kept[i], kept[j]] = [kept[j]!, kept[i]!];
  }
  const narrow = kept.map((t, i) => ({
    slug: `t${i.toString(36)}-${t.categories[0]!.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 32),
    name: `${t.query.replace(/"/g, '').replace(/^ti:/, '')} (${t.categories[0]})`,
    categories: [...t.categories],
    query: t.query,
    maxPapers: defaults.maxPapers,
  }));
  return { broad, narrow };
}

/** Index drawn with probability ∝ 1 / (rank + 1)^s over `n` ranks. */
function zipfDraw(n: number, s: number, rand: () => number): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const x = rand();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface GuildPlan {
  id: string;
  channels: string[];
  topics: Topic[];
  subscriptions: Subscription[];
}

/**
 * Guilds with at least one subscription each and the rest spread unevenly (a few big servers); each subscription
 * in one of the guild's 1–3 channels, to a topic drawn from the pool: a broad one 12% of the time, else a narrow
 * one, popular ones far more often than the tail (Zipf).
 */
function planGuilds(
  count: number,
  subscriptions: number,
  pool: ReturnType<typeof topicPool>,
  seed: number,
): GuildPlan[] {
  if (subscriptions < count) throw new Error(`--subs (${subscriptions}) must be at least --guilds (${count})`);
  const rand = seededRandom(seed + 1);
  const sizes = new Array<number>(count).fill(1);
  const bigFirst = zipfDraw(count, 0.6, rand);
  for (let extra = subscriptions - count; extra > 0;) {
    const g = bigFirst();
    if (sizes[g]! >= 25) continue;
    sizes[g]! += 1;
    extra -= 1;
  }
  const drawBroad = zipfDraw(pool.broad.length, 1.0, rand);
  const drawNarrow = zipfDraw(pool.narrow.length, 0.8, rand);
  return sizes.map((size, g) => {
    const id = guildId(g);
    const channelCount = Math.min(size, 1 + Math.floor(rand() * 3));
    const channels = Array.from({ length: channelCount }, (_, c) => channelId(g, c));
    const chosen = new Map<string, PoolTopic>();
    while (chosen.size < size) {
      const topic = rand() < 0.12 ? pool.broad[drawBroad()]! : pool.narrow[drawNarrow()]!;
      chosen.set(topic.slug, topic);
    }
    const picked = [...chosen.values()];
    return {
      id,
      channels,
      topics: picked.map((t) => ({
        guildId: id,
        slug: t.slug,
        name: t.name,
        categories: t.categories,
        query: t.query,
        crossLists: true,
        updates: false,
        images: false,
        color: 0x3366cc,
        changed: STAMP,
      })),
      subscriptions: picked.map((t, k) => ({
        guildId: id,
        channelId: channels[k % channels.length]!,
        topicSlug: t.slug,
        mentionRoleId: null,
        maxPapers: t.maxPapers,
        thread: false,
        channelKind: 'text' as const,
        paused: null,
        lastDigestDate: PREVIOUS_DATE,
        changed: STAMP,
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `pb_bench_scale_${randomBytes(5).toString('hex')}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    throw new Error(
      `the scale benchmark needs a PostgreSQL server at ${ADMIN_URL} (PAPERBOY_TEST_POSTGRES_URL) that lets it create databases: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** The guilds' state and schedule marks, through the store, several guilds at a time. */
async function seed(url: string, guilds: readonly GuildPlan[]): Promise<void> {
  const store = await openStore(url);
  const schedule = `${defaults.schedule}|${defaults.timezone}`;
  try {
    const limit = pLimit(8);
    await Promise.all(
      guilds.map((guild) =>
        limit(async () => {
          await store.state.updateGuild(guild.id, (state) => {
            state.topics = guild.topics;
            state.subscriptions = guild.subscriptions;
          });
          // What the scheduler recorded when the guild was first scheduled, and its run of the day before.
          await store.state.setValue(sinceKey(guild.id), { key: schedule, at: STAMP.at, changed: false });
          await store.state.setValue(lastRunKey(guild.id), LAST_RUN);
        }),
      ),
    );
  } finally {
    await store.close();
  }
}

interface LedgerFacts {
  digests: { sent: number; pending: number; failed: number };
  /** Papers of each channel's digests (posted, not skipped), by channel. */
  claimed: Map<string, string[]>;
}

async function ledger(url: string): Promise<LedgerFacts> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const statuses = await c.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM digests GROUP BY status',
    );
    const digests = { sent: 0, pending: 0, failed: 0 };
    for (const row of statuses.rows) digests[row.status as keyof typeof digests] = row.n;
    const rows = await c.query<{ channel_id: string; paper_ids: string }>('SELECT channel_id, paper_ids FROM digests');
    const claimed = new Map<string, string[]>();
    for (const row of rows.rows) {
      const ids = JSON.parse(row.paper_ids) as string[];
      claimed.set(row.channel_id, [...(claimed.get(row.channel_id) ?? []), ...ids]);
    }
    return { digests, claimed };
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The run

interface LogLine {
  at: number;
  msg: string;
  fields: Record<string, unknown>;
}

/** Paper id of a posted embed: its URL is the abstract page. */
const paperIdOf = (url: unknown): string =>
  typeof url === 'string' ? url.replace(/^.*\/abs\//, '').replace(/v\d+$/, '') : '';

export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const { log } = options;
  const papers = dayPapers(options.papers, options.seed);
  const pool = topicPool(papers, options.seed);
  const guilds = planGuilds(options.guilds, options.subscriptions, pool, options.seed);
  log(
    `scale: ${thousands(guilds.length)} guilds, ${thousands(options.subscriptions)} subscriptions, ${pool.broad.length} broad + ${pool.narrow.length} narrow topics, ${papers.length} papers`,
  );

  const discord = new FakeDiscord({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guilds: guilds.map((g) => ({
      id: g.id,
      name: `Server ${g.id.slice(-6)}`,
      channels: g.channels.map((id, c) => ({ id, name: `papers-${c}`, type: 0 })),
    })),
    heartbeatIntervalMs: 30_000,
    rateLimits: {
      global: { limit: GLOBAL_PER_SECOND, windowMs: 1000 },
      buckets: { channelMessages: { limit: CHANNEL_LIMIT, windowMs: CHANNEL_WINDOW_MS } },
    },
  });
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  const entries = feedPapers(papers, options.seed);
  // One listing whatever the categories asked: every paper of the day is in some topic's categories.
  arxiv.route((r) => r.path.startsWith('/rss/'), {
    body: rssFeedXml('cs+math+physics', PUB_DATE, entries),
    etag: '"listing-1"',
  });
  // The ingest completes the listing's entries from the API, 100 ids a request.
  arxiv.api(null, apiById(entries));
  const { apiUrl } = await discord.start();
  try {
    return await withDatabase(async (url) => {
      const seedStart = performance.now();
      await seed(url, guilds);
      const seedMs = performance.now() - seedStart;
      log(`scale: seeded in ${(seedMs / 1000).toFixed(1)} s; starting the worker`);

      const lines: LogLine[] = [];
      let pending = '';
      const worker = spawnPaperboy(['start', '--role', 'worker'], {
        env: {
          HOME: process.env.HOME ?? '',
          DISCORD_TOKEN: TOKEN,
          DISCORD_APPLICATION_ID: APPLICATION_ID,
          DISCORD_API_URL: apiUrl,
          DATABASE_URL: url,
          ARXIV_API_URL: arxiv.apiUrl,
          ARXIV_RSS_URL: arxiv.rssUrl,
          ARXIV_HTML_URL: `${arxiv.baseUrl}/html`,
          ARXIV_REQUEST_INTERVAL_MS: '5',
          LOG_LEVEL: 'info',
          PAPERBOY_TEST_CLOCK: CLOCK,
        },
        nodeArgs: [...START_FLAGS, '--import', PRELOAD],
      });
      worker.child.stderr?.on('data', (chunk: Buffer) => {
        const at = Date.now();
        pending += chunk.toString();
        let newline = pending.indexOf('\n');
        while (newline !== -1) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          newline = pending.indexOf('\n');
          if (!line.startsWith('{')) continue;
          try {
            const { msg, ...fields } = JSON.parse(line) as { msg?: string } & Record<string, unknown>;
            // Digest lines are counted, not kept: 20,000 of each.
            if (msg === 'digest planned' || msg === 'digest sent') lines.push({ at, msg, fields: {} });
            else lines.push({ at, msg: msg ?? '', fields });
          } catch {
            // Not a log line.
          }
        }
      });
      const pid = worker.child.pid;
      if (pid === undefined) throw new Error('the worker did not start');
      let peakRssMb = 0;
      const sampler = setInterval(() => {
        memoryOf(pid)
          .then((m) => (peakRssMb = Math.max(peakRssMb, m.hwm)))
          .catch(() => undefined);
      }, 1000);
      try {
        const deadline = Date.now() + Math.max(10 * 60_000, (options.subscriptions / GLOBAL_PER_SECOND) * 3000);
        let reported = 0;
        for (;;) {
          if (lines.some((l) => l.msg === 'scheduled runs done')) break;
          if (worker.child.exitCode !== null)
            throw new Error(`the worker exited (${worker.child.exitCode}):\n${worker.stderr().slice(-3000)}`);
          if (Date.now() > deadline)
            throw new Error(`the deliveries did not finish in time:\n${worker.stderr().slice(-3000)}`);
          const sent = lines.filter((l) => l.msg === 'digest sent').length;
          if (sent - reported >= 2000) {
            reported = sent;
            log(`scale: ${thousands(sent)} digests sent`);
          }
          await sleep(250);
        }
        peakRssMb = Math.max(peakRssMb, (await memoryOf(pid)).hwm);
      } finally {
        clearInterval(sampler);
      }
      const exit = await worker.kill('SIGTERM');
      if (exit.code !== 0) throw new Error(`the worker did not stop cleanly (${exit.signal ?? exit.code})`);
      const errors = lines.filter((l) => Number(l.fields['level']) >= 50);
      if (errors.length > 0)
        log(`scale: the worker logged ${errors.length} errors, first: ${JSON.stringify(errors[0])}`);

      const due = lines.find((l) => l.msg === 'scheduled runs due');
      if (!due) throw new Error('the worker never found runs due');
      const scanMs = Number(due.fields['scanMs']);
      const tickAt = due.at - scanMs;
      const planned = lines.filter((l) => l.msg === 'digest planned');
      const lastPlanned = planned.at(-1)?.at ?? tickAt;

      // The worker's requests: everything the fake recorded (it serves nothing else).
      const requests = discord.requests;
      const attempts = discord.rateLimitedRequests();
      const answered = requests.filter((r) => r.status !== 429 && r.status !== null);
      const posts = answered.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
      const firstAnswered = Math.min(...posts.map((r) => r.at));
      const lastAnswered = Math.max(...posts.map((r) => r.at));

      const facts = await ledger(url);
      let duplicates = 0;
      let mismatches = 0;
      let messages = 0;
      for (const guild of guilds) {
        for (const channel of guild.channels) {
          const posted = discord.messages(channel);
          messages += posted.length;
          const ids = posted.flatMap((m) => m.embeds.map((e) => paperIdOf(e['url'])));
          duplicates += ids.length - new Set(ids).size;
          const claimed = new Set(facts.claimed.get(channel) ?? []);
          mismatches +=
            ids.filter((id) => !claimed.has(id)).length + [...claimed].filter((id) => !ids.includes(id)).length;
        }
      }
      return {
        guilds: guilds.length,
        subscriptions: options.subscriptions,
        papers: papers.length,
        seedMs,
        messages,
        requests: answered.length,
        deliveryMs: lastAnswered - tickAt,
        boundMs: (answered.length / GLOBAL_PER_SECOND) * 1000,
        scanMs,
        firstPostMs: firstAnswered - tickAt,
        planningMs: lastPlanned - tickAt,
        total429: requests.length - answered.length,
        max429PerRequest: Math.max(0, ...attempts.values()),
        peakRssMb,
        digests: facts.digests,
        duplicates,
        ledgerMismatches: mismatches,
        violations: discord.violations.length + arxiv.violations.length,
        workerErrors: errors.length,
      };
    });
  } finally {
    await discord.close();
    await arxiv.close();
  }
}

export const bench: Bench = async (ctx) => {
  const guilds = ctx.scale.guilds ?? (ctx.smoke ? 200 : 10_000);
  const subscriptions = ctx.scale.subscriptions ?? guilds * 2;
  buildBundle();
  const r = await runScale({ guilds, subscriptions, papers: 2000, seed: ctx.seed, log: (m) => ctx.log(m) });
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  ctx.log(
    `scale: ${thousands(r.messages)} messages, ${thousands(r.requests)} requests in ${seconds(r.deliveryMs)} (bound ${seconds(r.boundMs)}), ` +
      `scan ${seconds(r.scanMs)}, first message ${seconds(r.firstPostMs)}, planning ${seconds(r.planningMs)}, ${r.total429} × 429 (at most ${r.max429PerRequest} per request), ` +
      `peak ${r.peakRssMb.toFixed(0)} MB, digests ${JSON.stringify(r.digests)}, ${r.duplicates} duplicates, ${r.ledgerMismatches} ledger mismatches, ${r.workerErrors} errors logged`,
  );
  const what = `${thousands(r.guilds)} guilds, ${thousands(r.subscriptions)} subscriptions, one worker`;
  const correct =
    r.duplicates === 0 &&
    r.ledgerMismatches === 0 &&
    r.digests.pending === 0 &&
    r.digests.failed === 0 &&
    r.violations === 0 &&
    r.workerErrors === 0;
  const rows: BenchRow[] = [
    {
      area: 'Scale',
      what: `${what}: delivery time`,
      target: `≤ ${TARGET_RATIO}× the rate-limit bound`,
      measured: seconds(r.deliveryMs),
      ratio: ratio(r.deliveryMs / r.boundMs, `bound (${seconds(r.boundMs)})`),
      pass: r.deliveryMs <= TARGET_RATIO * r.boundMs,
      notes: `one run; ${thousands(r.messages)} messages, ${thousands(r.requests)} requests (the messages and the worker's start-up check); bound = requests ÷ ${GLOBAL_PER_SECOND}/s; from the tick to the last message answered`,
    },
    {
      area: 'Scale',
      what: `${what}: 429 answers`,
      target: 'no request answered 429 twice',
      measured: `at most ${r.max429PerRequest} per request`,
      pass: r.max429PerRequest <= 1,
      notes: `${r.total429} × 429 in total`,
    },
    {
      area: 'Scale',
      what: `${what}: worker peak resident set`,
      target: `≤ ${TARGET_RSS_MB} MB`,
      measured: `${r.peakRssMb.toFixed(0)} MB`,
      pass: r.peakRssMb <= TARGET_RSS_MB,
      notes: `VmHWM of the worker process (the bundle, node ${START_FLAGS.join(' ')}, as npm start runs it)`,
    },
    {
      area: 'Scale',
      what: `${what}: planning`,
      target: '',
      measured: `${seconds(r.planningMs)} to the last digest planned`,
      pass: null,
      notes: `the tick's scan of ${thousands(r.guilds)} schedules ${seconds(r.scanMs)}, first message ${seconds(r.firstPostMs)} after the tick; guild runs plan and send as they go`,
    },
    {
      area: 'Scale',
      what: `${what}: every digest exactly once`,
      target: 'each digest sent; no (channel, paper) twice; posts = ledger',
      measured: `${thousands(r.digests.sent)} digests sent, ${r.digests.pending} pending, ${r.digests.failed} failed`,
      pass: correct,
      notes: `${r.duplicates} duplicates, ${r.ledgerMismatches} ledger mismatches, ${r.violations} fake violations, ${r.workerErrors} errors logged; seeding ${thousands(r.guilds)} guilds through the store ${seconds(r.seedMs)}`,
    },
  ];
  return rows;
};
