/**
 * Delivery under Discord's rate limits: 200 text channels, each subscribed to its own topic that
 * matches 20 papers, run through the real path (DigestRunner.runGuild → planner → renderer →
 * DiscordPoster → the real discord.js client) against the fake Discord enforcing 50 requests/s
 * globally and 5 messages per 5 s per channel, with a real SQLite store, and side by side the same
 * delivery with the store on PostgreSQL (a database created for each run on the server
 * `PAPERBOY_TEST_POSTGRES_URL` names, dropped after it).
 *
 * Three figures per store: messages sent against the fewest the packing rules allow (worked out here from
 * the posted embeds' sizes, not by the packer), wall time against the bound the rate limits set,
 * and the most 429 answers any one request got. Then the next day's run, in which a later version of 5 papers
 * of every channel brings a venue: one venue update per channel, and its wall time against the same bound.
 */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Events } from 'discord.js';
import { defaults } from '../../config/defaults.js';
import { defaultSettings } from '../../src/app.js';
import { DigestRunner, type RunnerDeps } from '../../src/digest/runner.js';
import { createClient } from '../../src/discord/client.js';
import { DiscordPoster } from '../../src/discord/poster.js';
import { renderPlan } from '../../src/discord/render-plan.js';
import { renderVenueUpdate } from '../../src/discord/render/venue-updates.js';
import { silentLogger } from '../../src/log.js';
import type { Paper } from '../../src/papers/paper.js';
import { openStore } from '../../src/store/index.js';
import type { GuildSettings, Subscription, Topic } from '../../src/store/types.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import type { RateLimitOptions } from '../fakes/fake-discord-types.js';
import { generatePapers, toRecord } from './generate.js';
import { median, ratio } from './stats.js';
import { ADMIN_URL, admin, withDatabase } from './pg-database.js';
import type { Bench, BenchRow } from './types.js';

const TOKEN = 'paperboy-bench-token';
const APPLICATION_ID = '110000000000000001';
const GUILD_ID = '210000000000000001';
const DATE = '2026-11-24';
const NEXT_DATE = '2026-11-25';
const STAMP = { by: '410000000000000001', at: '2026-11-01T00:00:00.000Z' };

export interface DeliveryScale {
  channels: number;
  papersPerChannel: number;
  /** Global requests per `globalWindowMs` (Discord: 50 per second). */
  globalPerSecond: number;
  globalWindowMs: number;
  /** Messages per channel per `channelWindowMs`. */
  channelLimit: number;
  channelWindowMs: number;
}

/** Papers of each channel that the next day's run finds accepted at a venue. */
const VENUE_PAPERS = 5;

export const TARGET_SCALE: DeliveryScale = {
  channels: 200,
  papersPerChannel: 20,
  globalPerSecond: 50,
  globalWindowMs: 1000,
  channelLimit: 5,
  channelWindowMs: 5000,
};

export interface DeliveryResult {
  wallMs: number;
  /** Bound the rate limits set on wall time: the global one and the busiest channel's. */
  boundMs: number;
  requests: number;
  messages: number;
  /** Fewest messages the packing rules allow for what was posted, in order. */
  minimumMessages: number;
  /** Most 429 answers one request (one message, by nonce) got before it went through. */
  max429PerRequest: number;
  total429: number;
  /** Channels whose posted papers are not exactly their 20, in order. */
  wrongChannels: number;
  violations: number;
  /** The next day's run with venue updates, when asked for. */
  updates: UpdatesResult | null;
}

export interface UpdatesResult {
  /** The whole guild run of the next day: its (empty) digests and the updates. */
  wallMs: number;
  /** The same run before the venues were known: digests with nothing new, no updates. */
  quietMs: number;
  boundMs: number;
  messages: number;
  /** Channels without exactly one update naming exactly their accepted papers, each linked to its own post. */
  wrongChannels: number;
  max429PerRequest: number;
}

const channelId = (c: number): string => String(320000000000000000n + BigInt(c));
/** A word only channel `c`'s papers carry, so its topic matches exactly them. */
const marker = (c: number): string => `benchmark${c.toString(36)}topic`;

function papersFor(scale: DeliveryScale, seed: number): Paper[] {
  const papers = generatePapers(scale.channels * scale.papersPerChannel, seed);
  return papers.map((paper, i) => {
    const c = Math.floor(i / scale.papersPerChannel);
    return {
      ...paper,
      title: `${paper.title} (${marker(c)})`,
      categories: ['cs.LG', ...paper.categories.filter((x) => x !== 'cs.LG')],
      primaryCategory: 'cs.LG',
      announced: DATE,
      announceType: 'new',
      withdrawn: false,
      version: 1,
    };
  });
}

function guildSeed(scale: DeliveryScale): { topics: Topic[]; subscriptions: Subscription[] } {
  const channels = Array.from({ length: scale.channels }, (_, c) => c);
  return {
    topics: channels.map((c) => ({
      guildId: GUILD_ID,
      slug: `t${c}`,
      name: `Topic ${c}`,
      categories: ['cs.LG'],
      query: marker(c),
      crossLists: true,
      updates: false,
      images: false,
      color: 0x3366cc,
      changed: STAMP,
    })),
    subscriptions: channels.map((c) => ({
      guildId: GUILD_ID,
      channelId: channelId(c),
      topicSlug: `t${c}`,
      mentionRoleId: null,
      maxPapers: 25,
      thread: false,
      paused: null,
      lastDigestDate: null,
      changed: STAMP,
    })),
  };
}

type Embed = {
  title?: string;
  description?: string;
  url?: string;
  fields?: Array<{ name?: string; value?: string }>;
  footer?: { text?: string };
  author?: { name?: string };
};

/** Characters of an embed as Discord counts them: trimmed title, description, fields, footer, author. */
function embedChars(embed: Embed): number {
  const n = (text: string | undefined): number => (text ?? '').trim().length;
  let total = n(embed.title) + n(embed.description) + n(embed.footer?.text) + n(embed.author?.name);
  for (const field of embed.fields ?? []) total += n(field.name) + n(field.value);
  return total;
}

/**
 * Fewest messages that carry these embeds in this order, at most `maxEmbeds` and `maxChars` each:
 * by dynamic programming over prefixes, so it does not rely on greedy packing being optimal.
 */
export function fewestMessages(sizes: readonly number[], maxEmbeds = 10, maxChars = 6000): number {
  if (sizes.length === 0) return 1;
  const best = new Array<number>(sizes.length + 1).fill(Infinity);
  best[0] = 0;
  for (let end = 1; end <= sizes.length; end++) {
    let chars = 0;
    for (let start = end - 1; start >= 0 && end - start <= maxEmbeds; start--) {
      chars += sizes[start]!;
      if (chars > maxChars) break;
      best[end] = Math.min(best[end]!, best[start]! + 1);
    }
  }
  return best[sizes.length]!;
}

/** Run one delivery of `scale` and measure it. */
export async function runDelivery(
  scale: DeliveryScale,
  seed: number,
  dir: string,
  options: {
    channelConcurrency?: number;
    /**
     * The store to deliver from (a `DATABASE_URL`): by default a fresh SQLite file in `dir`; `memory://` is what
     * delivery costs without the writes; a `postgres://` URL names an empty database.
     */
    databaseUrl?: string;
    /** Another runner to compare with (same dependencies). */
    makeRunner?: (deps: RunnerDeps) => Pick<DigestRunner, 'runGuild'>;
    /** Then run the next day with this many papers of each channel accepted at a venue. */
    venuePapers?: number;
  } = {},
): Promise<DeliveryResult> {
  const rateLimits: RateLimitOptions = {
    global: { limit: scale.globalPerSecond, windowMs: scale.globalWindowMs },
    buckets: { channelMessages: { limit: scale.channelLimit, windowMs: scale.channelWindowMs } },
  };
  const fake = new FakeDiscord({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Benchmark',
        channels: Array.from({ length: scale.channels }, (_, c) => ({
          id: channelId(c),
          name: `papers-${c}`,
          type: 0,
        })),
      },
    ],
    heartbeatIntervalMs: 30_000,
    rateLimits,
  });
  const { apiUrl } = await fake.start();
  const client = createClient({ apiUrl, restTimeout: 15_000 });
  const store = await openStore(
    options.databaseUrl ?? `sqlite://${join(dir, `delivery-${Date.now()}-${seed}.sqlite`)}`,
  );
  try {
    const ready = once(client, Events.ClientReady);
    await client.login(TOKEN);
    await ready;

    const papers = papersFor(scale, seed);
    await store.archive.upsert(papers.map(toRecord));
    const seedState = guildSeed(scale);
    await store.state.updateGuild(GUILD_ID, (state) => {
      Object.assign(state, seedState);
    });
    const settingsFor = (guildId: string, stored: GuildSettings | null): GuildSettings =>
      stored ?? defaultSettings(guildId, defaults);
    const deps: RunnerDeps = {
      store,
      poster: new DiscordPoster(client),
      render: renderPlan,
      renderUpdate: renderVenueUpdate,
      settingsFor,
      now: () => new Date(),
      log: silentLogger,
      ...(options.channelConcurrency === undefined ? {} : { channelConcurrency: options.channelConcurrency }),
    };
    const runner = options.makeRunner ? options.makeRunner(deps) : new DigestRunner(deps);

    const before = fake.requests.length;
    const start = performance.now();
    await runner.runGuild(GUILD_ID, DATE);
    const wallMs = performance.now() - start;
    const requests = fake.requests.slice(before);

    // Per request (a message is identified by its nonce): how many 429s before it went through.
    const attempts = new Map<string, number>();
    for (const r of requests) {
      if (r.status !== 429) continue;
      const nonce = (r.body as { nonce?: string } | undefined)?.nonce ?? '';
      const key = `${r.method} ${r.path} ${nonce}`;
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
    }
    const answered = requests.filter((r) => r.status !== 429);

    let messages = 0;
    let minimumMessages = 0;
    let wrongChannels = 0;
    let busiest = 0;
    const byChannel = new Map<string, string[]>();
    papers.forEach((paper, i) => {
      const id = channelId(Math.floor(i / scale.papersPerChannel));
      byChannel.set(id, [...(byChannel.get(id) ?? []), paper.absUrl]);
    });
    for (let c = 0; c < scale.channels; c++) {
      const posted = fake.messages(channelId(c));
      messages += posted.length;
      busiest = Math.max(busiest, posted.length);
      const embeds = posted.flatMap((m) => m.embeds as Embed[]);
      minimumMessages += fewestMessages(embeds.map(embedChars));
      const urls = embeds.map((e) => e.url ?? '');
      const expected = byChannel.get(channelId(c)) ?? [];
      if (
        urls.length !== expected.length ||
        new Set(urls).size !== urls.length ||
        !expected.every((u) => urls.includes(u))
      ) {
        wrongChannels++;
      }
    }
    // A window opens at a channel's first message; the busiest channel's last window opens after
    // ceil(m / limit) - 1 full windows. Globally, `requests` need requests / rate seconds.
    const channelBoundMs = (Math.ceil(busiest / scale.channelLimit) - 1) * scale.channelWindowMs;
    const globalBoundMs = (Math.ceil(answered.length / scale.globalPerSecond) - 1) * scale.globalWindowMs;
    const updates = options.venuePapers
      ? await runUpdates(fake, store, runner, scale, papers, options.venuePapers)
      : null;
    return {
      updates,
      wallMs,
      boundMs: Math.max(channelBoundMs, globalBoundMs, 1),
      requests: answered.length,
      messages,
      minimumMessages,
      max429PerRequest: Math.max(0, ...attempts.values()),
      total429: requests.length - answered.length,
      wrongChannels,
      violations: fake.violations.length,
    };
  } finally {
    await client.destroy();
    await fake.close();
    await store.close();
  }
}

/**
 * The next day: a later version of the first `perChannel` papers of every channel, accepted at a venue, stored the
 * way the ingest stores it; then the guild run, whose digests find nothing new and whose updates tell each channel.
 */
async function runUpdates(
  fake: FakeDiscord,
  store: Awaited<ReturnType<typeof openStore>>,
  runner: Pick<DigestRunner, 'runGuild'>,
  scale: DeliveryScale,
  papers: readonly Paper[],
  perChannel: number,
): Promise<UpdatesResult> {
  // The same run without the news first: what the digests of a day with nothing new cost, for comparison.
  const quietStart = performance.now();
  await runner.runGuild(GUILD_ID, NEXT_DATE);
  const quietMs = performance.now() - quietStart;
  const accepted = papers.filter((_, i) => i % scale.papersPerChannel < perChannel);
  await store.archive.upsert(
    accepted.map((p) => toRecord({ ...p, version: 2, venue: 'NeurIPS 2031', announced: null, announceType: null })),
  );
  const before = fake.requests.length;
  const start = performance.now();
  await runner.runGuild(GUILD_ID, NEXT_DATE);
  const wallMs = performance.now() - start;
  const requests = fake.requests.slice(before);
  const attempts = new Map<string, number>();
  for (const r of requests) {
    if (r.status !== 429) continue;
    const key = `${r.path} ${(r.body as { nonce?: string } | undefined)?.nonce ?? ''}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
  }
  let messages = 0;
  let wrongChannels = 0;
  for (let c = 0; c < scale.channels; c++) {
    const posted = fake.messages(channelId(c));
    const updates = posted.filter((m) => m.content.includes('now accepted at'));
    messages += updates.length;
    const links = [...(updates[0]?.content ?? '').matchAll(/\/channels\/\d+\/(\d+)\/(\d+)\)/g)];
    const own = new Set(posted.map((m) => m.id));
    if (
      updates.length !== 1 ||
      links.length !== perChannel ||
      !links.every((l) => l[1] === channelId(c) && own.has(l[2]!))
    )
      wrongChannels++;
  }
  const answered = requests.filter((r) => r.status !== 429).length;
  return {
    wallMs,
    quietMs,
    boundMs: Math.max((Math.ceil(answered / scale.globalPerSecond) - 1) * scale.globalWindowMs, 1),
    messages,
    wrongChannels,
    max429PerRequest: Math.max(0, ...attempts.values()),
  };
}

/** The three rows of one store's runs: messages, wall time against the bound, 429 answers. */
function storeRows(what: string, scale: DeliveryScale, results: readonly DeliveryResult[], note = ''): BenchRow[] {
  const wall = median(results.map((r) => r.wallMs));
  const bound = median(results.map((r) => r.boundMs));
  const messages = median(results.map((r) => r.messages));
  const minimum = median(results.map((r) => r.minimumMessages));
  const worst429 = Math.max(...results.map((r) => r.max429PerRequest));
  const wrong = Math.max(...results.map((r) => r.wrongChannels + r.violations));
  return [
    {
      area: 'delivery',
      what: `${what}: messages`,
      target: 'the fewest the packing rules allow',
      measured: `${messages} messages`,
      ratio: ratio(messages / minimum, `fewest (${minimum})`),
      pass: results.every((r) => r.messages === r.minimumMessages) && wrong === 0,
      notes:
        wrong === 0 ? 'every channel got exactly its papers, each once' : `${wrong} channels wrong or requests refused`,
    },
    {
      area: 'delivery',
      what: `${what}: wall time`,
      target: '≤ 1.2× the rate-limit bound',
      measured: `${(wall / 1000).toFixed(2)} s`,
      ratio: ratio(wall / bound, `bound (${(bound / 1000).toFixed(1)} s)`),
      pass: wall <= 1.2 * bound,
      notes: `median of ${results.length}; bound = (⌈requests / ${scale.globalPerSecond}⌉ − 1) s, or the busiest channel's windows if longer${note}`,
    },
    {
      area: 'delivery',
      what: `${what}: 429 answers`,
      target: 'no request answered 429 more than once',
      measured: `at most ${worst429} per request`,
      pass: worst429 <= 1,
      notes: `${results.map((r) => r.total429).join(' / ')} × 429 in total per run`,
    },
  ];
}

/** Why the PostgreSQL server cannot be used, or null when it answers. */
async function postgresUnavailable(): Promise<string | null> {
  try {
    await admin('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export const bench: Bench = async (ctx) => {
  const scale: DeliveryScale = ctx.smoke ? { ...TARGET_SCALE, channels: 40 } : TARGET_SCALE;
  const dir = await mkdtemp(join(ctx.cacheDir, 'delivery-'));
  const results: DeliveryResult[] = [];
  const postgres: DeliveryResult[] = [];
  const noPostgres = await postgresUnavailable();
  if (noPostgres !== null) ctx.log(`delivery on PostgreSQL skipped: ${ADMIN_URL} does not answer (${noPostgres})`);
  let memory: DeliveryResult | null = null;
  try {
    // Each run takes the bound (~10 s at full scale) at least: three runs are enough for a median. SQLite and
    // PostgreSQL alternate, each going first every other run, so that both meet the same machine.
    const runs = Math.min(ctx.runs, 3);
    for (let run = 0; run < runs; run++) {
      const order = noPostgres !== null ? ['sqlite'] : run % 2 === 0 ? ['sqlite', 'postgres'] : ['postgres', 'sqlite'];
      for (const kind of order) {
        if (kind === 'postgres') {
          const result = await withDatabase((url) => runDelivery(scale, ctx.seed + run, dir, { databaseUrl: url }));
          ctx.log(
            `delivery run ${run + 1}, PostgreSQL: ${result.messages} messages (fewest ${result.minimumMessages}), ${result.requests} requests, ` +
              `${(result.wallMs / 1000).toFixed(2)} s vs bound ${(result.boundMs / 1000).toFixed(2)} s, ` +
              `${result.total429} × 429 (at most ${result.max429PerRequest} per request), ${result.wrongChannels} wrong channels`,
          );
          postgres.push(result);
          continue;
        }
        const result = await runDelivery(scale, ctx.seed + run, dir, { venuePapers: VENUE_PAPERS });
        ctx.log(
          `delivery run ${run + 1}, SQLite: ${result.messages} messages (fewest ${result.minimumMessages}), ${result.requests} requests, ` +
            `${(result.wallMs / 1000).toFixed(2)} s vs bound ${(result.boundMs / 1000).toFixed(2)} s, ` +
            `${result.total429} × 429 (at most ${result.max429PerRequest} per request), ${result.wrongChannels} wrong channels; ` +
            `next day ${result.updates?.messages} venue updates in ${((result.updates?.wallMs ?? 0) / 1000).toFixed(2)} s ` +
            `(the run without them ${((result.updates?.quietMs ?? 0) / 1000).toFixed(2)} s) ` +
            `vs bound ${((result.updates?.boundMs ?? 0) / 1000).toFixed(2)} s, ${result.updates?.wrongChannels} wrong channels`,
        );
        results.push(result);
      }
    }
    // Context: the same delivery with the store in memory, to tell the store's share from the rest.
    memory = await runDelivery(scale, ctx.seed, dir, { databaseUrl: 'memory://' });
    ctx.log(
      `delivery, store in memory: ${(memory.wallMs / 1000).toFixed(2)} s vs bound ${(memory.boundMs / 1000).toFixed(2)} s`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const what = `${scale.channels} channels × ${scale.papersPerChannel} papers, ${scale.globalPerSecond} req/s global, ${scale.channelLimit} msgs/${scale.channelWindowMs / 1000} s per channel`;
  const rows: BenchRow[] = storeRows(what, scale, results);
  if (postgres.length > 0) {
    const sqliteWall = median(results.map((r) => r.wallMs));
    const pgWall = median(postgres.map((r) => r.wallMs));
    rows.push(
      ...storeRows(
        `${what}, store on PostgreSQL`,
        scale,
        postgres,
        `; ${ratio(pgWall / sqliteWall, 'SQLite in the same run')}`,
      ),
    );
  } else {
    rows.push({
      area: 'delivery',
      what: `${what}, store on PostgreSQL`,
      target: '≤ 1.2× the rate-limit bound',
      measured: 'not measured',
      pass: null,
      notes: `${ADMIN_URL} did not answer: ${noPostgres ?? ''}`,
    });
  }
  const updates = results.map((r) => r.updates).filter((u): u is UpdatesResult => u !== null);
  if (updates.length > 0) {
    const updatesWall = median(updates.map((u) => u.wallMs));
    const updatesBound = median(updates.map((u) => u.boundMs));
    const updatesOwn = median(updates.map((u) => u.wallMs - u.quietMs));
    const wrongUpdates = Math.max(...updates.map((u) => u.wrongChannels));
    const venueWhat = `${scale.channels} channels, next day ${VENUE_PAPERS} papers of each accepted at a venue`;
    rows.push(
      {
        area: 'delivery',
        what: `${venueWhat}: venue update messages`,
        target: 'one per channel',
        measured: `${median(updates.map((u) => u.messages))} messages`,
        pass: wrongUpdates === 0 && updates.every((u) => u.messages === scale.channels),
        notes:
          wrongUpdates === 0
            ? `each channel one message naming its ${VENUE_PAPERS} papers, each linked to the message that posted it`
            : `${wrongUpdates} channels wrong`,
      },
      {
        area: 'delivery',
        what: `${venueWhat}: wall time of the updates`,
        target: '≤ 1.2× the rate-limit bound',
        measured: `${(updatesOwn / 1000).toFixed(2)} s`,
        ratio: ratio(updatesOwn / updatesBound, `bound (${(updatesBound / 1000).toFixed(1)} s)`),
        pass: updatesOwn <= 1.2 * updatesBound,
        notes:
          `median of ${updates.length}: the guild run (${(updatesWall / 1000).toFixed(2)} s) less the same run before the ` +
          `venues were known (digests with nothing new, ${(median(updates.map((u) => u.quietMs)) / 1000).toFixed(2)} s); ` +
          `at most ${Math.max(...updates.map((u) => u.max429PerRequest))} × 429 per request`,
      },
    );
  }
  if (memory !== null) {
    rows.push({
      area: 'delivery',
      what: `${what}: wall time, store in memory (context)`,
      target: '',
      measured: `${(memory.wallMs / 1000).toFixed(2)} s`,
      ratio: ratio(memory.wallMs / memory.boundMs, `bound (${(memory.boundMs / 1000).toFixed(1)} s)`),
      pass: null,
      notes: `one run; ${memory.messages} messages, at most ${memory.max429PerRequest} × 429 per request; the gap to the SQLite runs is the store's writes (one transaction per message sent)`,
    });
  }
  return rows;
};
