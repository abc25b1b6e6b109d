/**
 * A world for crash campaigns: the real bot process (`bin/paperboy.js start`) against the fake Discord
 * and the fake arXiv, with a seeded listing spread over many channels, killed with SIGKILL at seeded
 * points and started again. What should be posted is computed here from the topic definitions,
 * never read back from the bot's ledger. The bot's store is the test worlds' (test/helpers/bot.ts: SQLite,
 * or PostgreSQL with env PAPERBOY_TEST_DATABASE=postgres).
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelType } from 'discord.js';
import { openStore } from '../../src/store/index.js';
import type { Store, Subscription, Topic } from '../../src/store/types.js';
import {
  FakeArxiv,
  apiById,
  rssFeedXml,
  type FakePaper,
  type FakeResponse,
  type RecordedRequest as ArxivRequest,
} from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { str } from '../fakes/fake-discord-model.js';
import type { FakeChannelInit, FakeMessage, RecordedRequest } from '../fakes/fake-discord-types.js';
import { FIXTURE, FIXTURE_GUILD } from '../fakes/fake-discord-harness.js';
import { seededRandom } from './random.js';
import { fakeEnv, subscription, testDatabase, topic } from './bot.js';
import { spawnPaperboy, type PaperboyProcess } from './paperboy.js';
import { until } from './until.js';

export const LISTING_DATE = '2026-11-24';
const PUB_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';
const CATEGORY = 'cs.LG';

/** One made-up word per topic: no other word of the listing contains it, so a match is unambiguous. */
const TOPIC_WORDS = [
  'quokka',
  'narwhal',
  'axolotl',
  'pangolin',
  'okapi',
  'tapir',
  'ibex',
  'gecko',
  'lemur',
  'marmot',
  'wombat',
  'dugong',
  'capybara',
  'kinkajou',
];
const FILLER = [
  'we',
  'study',
  'a',
  'model',
  'trained',
  'on',
  'large',
  'corpora',
  'and',
  'report',
  'results',
  'that',
  'improve',
  'over',
  'strong',
  'baselines',
  'across',
  'several',
  'benchmarks',
  'with',
  'careful',
  'ablations',
  'of',
  'each',
  'component',
  'the',
  'method',
  'scales',
  'to',
  'longer',
  'inputs',
  'while',
  'keeping',
  'memory',
  'bounded',
];

/** Where a channel's digests land: in the channel, in a thread opened on its first message, or as a forum post. */
export type DestinationKind = 'text' | 'thread' | 'forum';

export interface Destination {
  channelId: string;
  kind: DestinationKind;
  /** Topics subscribed in this channel, in subscription order. */
  topics: Array<{ slug: string; words: string[] }>;
}

export interface CrashWorldOptions {
  seed: number;
  papers: number;
  /** Plain text channels; one more holds a thread-per-digest subscription, one is a forum. */
  textChannels: number;
  /** Chance that a paper's title carries a given topic word. */
  density?: number;
  /** Real delay of each arXiv answer, drawn in this range (ms): long enough for kills to land during ingest. */
  arxivDelayMs?: [number, number];
  /** Papers per API page, so that one ingest takes several API requests as arXiv's short pages do. */
  apiPageSize?: number;
}

/** Counted from what the fake Discord holds, against the pairs computed from the topics. */
export interface Tally {
  expected: number;
  posted: number;
  /** (channel, paper) pairs posted more than once, counted once per extra copy. */
  duplicates: number;
  /** Expected pairs never posted. */
  losses: number;
  /** Pairs posted that no subscription of the channel wants. */
  extra: number;
  details: string[];
}

export interface CrashWorld {
  discord: FakeDiscord;
  arxiv: FakeArxiv;
  store: Store;
  env: Record<string, string>;
  destinations: Destination[];
  /** Channel id → base ids of the papers that channel must receive. */
  expected: Map<string, Set<string>>;
  /** arXiv requests of one full ingest: the feed and every API page. */
  ingestRequests: number;
  /** When the fake arXiv answers each request (epoch ms). */
  answerAt: WeakMap<ArxivRequest, number>;
  start(): BotProcess;
  tally(): Tally;
  /** Every subscription has run for the listing and no digest is pending. */
  finished(): Promise<boolean>;
  close(): Promise<void>;
}

export interface BotProcess extends PaperboyProcess {
  /** Index of the first fake-Discord / fake-arXiv request this process can have made. */
  discordFrom: number;
  arxivFrom: number;
  /** CPU time the process has used so far (user + system, ms), where /proc tells it; else null. */
  cpuMs(): number | null;
}

/** Message, thread and forum-post creations: every request that can post part of a digest. */
export const DELIVERY_PATH = /^\/channels\/\d+\/(?:messages|threads|messages\/\d+\/threads)$/;

export function isDelivery(r: RecordedRequest): boolean {
  return r.method === 'POST' && DELIVERY_PATH.test(r.path);
}

const channelId = (n: number): string => `3200000000000${String(n).padStart(5, '0')}`;

/** Seeded papers whose titles carry topic words; about `density` of them per word. */
export function crashPapers(seed: number, count: number, density: number): FakePaper[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const words = TOPIC_WORDS.filter(() => random() < density);
    // Long abstracts: two papers fill a message, so a digest takes many messages and many kill points.
    const filler = Array.from({ length: 330 }, () => FILLER[Math.floor(random() * FILLER.length)]).join(' ');
    return {
      id: `2611.${String(10000 + i).padStart(5, '0')}v1`,
      title: words.length > 0 ? `Paper ${i} on ${words.join(' and ')}` : `Paper ${i} on nothing in particular`,
      abstract: `${filler}.`,
      authors: [`Author ${i} One`, `Author ${i} Two`],
      categories: [CATEGORY],
      published: '2026-11-23T18:00:00Z',
    } satisfies FakePaper;
  });
}

/** The channels and their topics: a thread-per-digest channel, a forum, and text channels with one word each (the first with two topics). */
function layout(textChannels: number): Destination[] {
  const destinations: Destination[] = [];
  let word = 0;
  const next = (): { slug: string; words: string[] } => {
    const w = TOPIC_WORDS[word++ % TOPIC_WORDS.length] ?? 'quokka';
    return { slug: w, words: [w] };
  };
  for (let i = 0; i < textChannels; i++) destinations.push({ channelId: channelId(i), kind: 'text', topics: [next()] });
  // Two topics in one channel: a paper matching both is posted once there.
  destinations[0]?.topics.push(next());
  // An OR query over two words, one of them another channel's.
  const thread = next();
  thread.words.push(TOPIC_WORDS[1] ?? 'narwhal');
  // Delivered first (channels run in subscription order), so that early kills land on thread and forum-post creation too.
  destinations.unshift(
    { channelId: channelId(textChannels), kind: 'thread', topics: [thread] },
    { channelId: channelId(textChannels + 1), kind: 'forum', topics: [next()] },
  );
  return destinations;
}

/** Computed from the topic words alone: a paper belongs to a channel when its title holds a word of one of the channel's topics. */
export function expectedPairs(
  destinations: readonly Destination[],
  papers: readonly FakePaper[],
): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const d of destinations) {
    const wanted = papers.filter((p) => {
      const titleWords = new Set(p.title.toLowerCase().split(/\s+/));
      return d.topics.some((t) => t.words.some((w) => titleWords.has(w)));
    });
    result.set(d.channelId, new Set(wanted.map((p) => p.id.replace(/v\d+$/, ''))));
  }
  return result;
}

function topicOf(guildId: string, slug: string, words: string[]): Topic {
  return {
    guildId,
    slug,
    name: `Papers on ${slug}`,
    categories: [CATEGORY],
    query: words.join(' OR '),
    crossLists: true,
    updates: false,
    images: false,
    color: 0x3366cc,
    changed: { by: '410000000000000001', at: '2026-11-01T00:00:00.000Z' },
  };
}

function subscriptionOf(guildId: string, d: Destination, slug: string): Subscription {
  return {
    guildId,
    channelId: d.channelId,
    topicSlug: slug,
    mentionRoleId: null,
    maxPapers: 100,
    thread: d.kind === 'thread',
    paused: null,
    lastDigestDate: null,
    changed: { by: '410000000000000001', at: '2026-11-01T00:00:00.000Z' },
  };
}

/** An API responder that serves at most `pageSize` entries per request, so the client pages on. */
function pagedApi(papers: readonly FakePaper[], pageSize: number): (request: ArxivRequest) => FakeResponse {
  const byId = apiById(papers);
  return (request) => {
    const query = new URLSearchParams(request.query);
    query.set('max_results', String(Math.min(pageSize, Number(query.get('max_results') ?? pageSize))));
    return byId({ ...request, query });
  };
}

export async function createCrashWorld(options: CrashWorldOptions): Promise<CrashWorld> {
  const random = seededRandom(options.seed ^ 0x5eed);
  const destinations = layout(options.textChannels);
  const channels: FakeChannelInit[] = destinations.map((d, i) => ({
    id: d.channelId,
    name: `papers-${i}`,
    type: d.kind === 'forum' ? ChannelType.GuildForum : ChannelType.GuildText,
  }));
  const discord = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [{ id: FIXTURE.guildId, name: 'Reading group', channels }],
    rateLimits: { global: false },
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  const papers = crashPapers(options.seed, options.papers, options.density ?? 0.22);
  const [low, high] = options.arxivDelayMs ?? [0, 0];
  const answerAt = new WeakMap<ArxivRequest, number>();
  // Each answer is late by a seeded delay; when it will be sent is remembered to tell where a kill landed.
  const late =
    (respond: (r: ArxivRequest) => FakeResponse) =>
    (request: ArxivRequest): FakeResponse => {
      const delayMs = Math.round(low + random() * (high - low));
      answerAt.set(request, Date.now() + delayMs);
      return { ...respond(request), delayMs };
    };
  const feed = rssFeedXml(CATEGORY, PUB_DATE, papers);
  arxiv.rss(
    CATEGORY,
    late(() => ({ body: feed, etag: '"listing-1"' })),
  );
  arxiv.api(null, late(pagedApi(papers, options.apiPageSize ?? 100)));

  const dir = await mkdtemp(join(tmpdir(), 'paperboy-crash-'));
  const database = await testDatabase(dir);
  const env = fakeEnv(apiUrl, arxiv, dir, { PATH: process.env.PATH ?? '', DATABASE_URL: database.url });
  const store = await openStore(env.DATABASE_URL);
  const guildId = FIXTURE.guildId;
  await store.state.updateGuild(guildId, (state) => {
    for (const d of destinations) {
      for (const t of d.topics) {
        state.topics.push(topicOf(guildId, t.slug, t.words));
        state.subscriptions.push(subscriptionOf(guildId, d, t.slug));
      }
    }
    // Every minute in UTC, last run an hour ago: the bot catches up as soon as it starts.
    state.settings = {
      guildId,
      schedule: '* * * * *',
      timezone: 'UTC',
      abstractLength: 2500,
      maxPapers: 100,
      changed: null,
    };
  });
  await store.state.setValue(`schedule:lastRun:${guildId}`, new Date(Date.now() - 3600_000).toISOString());

  const children: ChildProcess[] = [];
  const expected = expectedPairs(destinations, papers);

  return {
    discord,
    arxiv,
    store,
    env,
    destinations,
    expected,
    ingestRequests: 1 + Math.ceil(papers.length / (options.apiPageSize ?? 100)),
    answerAt,
    start() {
      const bot = startBotProcess(env, discord.requests.length, arxiv.requests.length);
      children.push(bot.child);
      return bot;
    },
    tally() {
      return tallyPosts(discord, destinations, expected);
    },
    async finished() {
      if ((await store.delivery.pendingDigests()).length > 0) return false;
      const state = await store.state.getGuild(guildId);
      return state.subscriptions.every((s) => s.lastDigestDate === LISTING_DATE);
    },
    async close() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await store.close();
      await discord.close();
      await arxiv.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Spawn `bin/paperboy.js start`; its output is kept for the report of an unexpected exit. */
export function startBotProcess(env: Record<string, string>, discordFrom = 0, arxivFrom = 0): BotProcess {
  const bot = spawnPaperboy(['start'], { env });
  return {
    ...bot,
    discordFrom,
    arxivFrom,
    cpuMs() {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name: utime and stime in clock ticks (100 per second).
        const fields = readFileSync(`/proc/${bot.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return null;
      }
    },
  };
}

/** Papers posted per channel, from the channel itself and from every thread or forum post under it. */
export function postedPapers(discord: FakeDiscord, channelId: string): string[] {
  const threads = discord.threads(channelId).map((t) => String(t['id']));
  return paperIdsIn([channelId, ...threads].flatMap((id) => discord.messages(id)));
}

/** Papers a user received by direct message (follows), oldest first; repeats are kept. */
export function dmPapers(discord: FakeDiscord, userId: string): string[] {
  return paperIdsIn(discord.directMessages(userId));
}

/** arXiv ids of the papers that messages' embeds link to. */
export function paperIdsIn(messages: readonly FakeMessage[]): string[] {
  return messages
    .flatMap((m) => m.embeds.map((e) => /\/abs\/(\d{4}\.\d{4,5})/.exec(str(e['url']) ?? '')?.[1]))
    .filter((id): id is string => id !== undefined);
}

export function tallyPosts(
  discord: FakeDiscord,
  destinations: readonly Destination[],
  expected: ReadonlyMap<string, ReadonlySet<string>>,
): Tally {
  const tally: Tally = { expected: 0, posted: 0, duplicates: 0, losses: 0, extra: 0, details: [] };
  for (const d of destinations) {
    const want = expected.get(d.channelId) ?? new Set<string>();
    const counts = new Map<string, number>();
    for (const id of postedPapers(discord, d.channelId)) counts.set(id, (counts.get(id) ?? 0) + 1);
    tally.expected += want.size;
    for (const [id, n] of counts) {
      tally.posted += n;
      if (n > 1) {
        tally.duplicates += n - 1;
        tally.details.push(`${d.kind} channel ${d.channelId}: ${id} posted ${n} times`);
      }
      if (!want.has(id)) {
        tally.extra += 1;
        tally.details.push(`${d.kind} channel ${d.channelId}: ${id} posted but not wanted`);
      }
    }
    for (const id of want) {
      if (!counts.has(id)) {
        tally.losses += 1;
        tally.details.push(`${d.kind} channel ${d.channelId}: ${id} never posted`);
      }
    }
  }
  return tally;
}

/** Where a kill landed, judged from what the fakes saw when the process died. */
export type Phase = 'ingest' | 'send-answer' | 'between-messages' | 'other';
export const PHASES: readonly Phase[] = ['ingest', 'send-answer', 'between-messages', 'other'];

export interface KillPoint {
  aimed: Phase;
  landed: Phase;
  /** How the point was chosen, for the report of a failing seed. */
  how: string;
  /** Milliseconds from spawn to kill. */
  afterMs: number;
  /** Route of the last posting request of that start, e.g. `POST /channels/:channel_id/threads` for a forum post. */
  lastPost: string | null;
}

export interface CampaignOptions {
  seed: number;
  kills: number;
  /** Share of the kills each phase should get; the campaign steers towards it from the remaining work. */
  shares?: Record<Phase, number>;
  /** Longest wait for one kill point's trigger before killing anyway. */
  triggerTimeoutMs?: number;
  /** Longest wait for the last start to finish every digest. */
  finishTimeoutMs?: number;
  /** Called after each kill, e.g. to show a long campaign's progress. */
  onKill?: (point: KillPoint, index: number) => void;
}

export interface CampaignReport {
  seed: number;
  points: KillPoint[];
  landed: Record<Phase, number>;
  tally: Tally;
  /** Exit code of the last start, stopped with SIGTERM once every digest was sent. */
  finalExit: number | null;
  finished: boolean;
  discordViolations: unknown[];
  arxivViolations: string[];
  durationMs: number;
  /** CPU time of the bot processes (user + system), where the platform tells it. */
  botCpuMs: number;
}

const DEFAULT_SHARES: Record<Phase, number> = {
  ingest: 0.25,
  'send-answer': 0.3,
  'between-messages': 0.3,
  other: 0.15,
};
/** Processing of a listing after its last answer counts as ingest for this long. */
const INGEST_TAIL_MS = 300;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Aim {
  how: string;
  /** Whether the hung request was created before hanging (the answer, not the send, is lost). */
  applied: boolean;
  trigger: () => boolean;
  /** Extra wait after the trigger fired, ms. */
  after: () => number;
}

/**
 * Start the bot, kill it at a seeded point, start it again… `kills` times; then let the last start
 * finish and count what the channels hold. The phase of each point is drawn so that every phase
 * gets its share while there is work left for it (a delivery kill needs unsent messages).
 */
export async function runCampaign(world: CrashWorld, options: CampaignOptions): Promise<CampaignReport> {
  const random = seededRandom(options.seed);
  const shares = options.shares ?? DEFAULT_SHARES;
  const triggerTimeoutMs = options.triggerTimeoutMs ?? 60_000;
  const began = Date.now();
  const points: KillPoint[] = [];
  const landed: Record<Phase, number> = { ingest: 0, 'send-answer': 0, 'between-messages': 0, other: 0 };
  let botCpuMs = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (low: number, high: number): number => Math.round(low + random() * (high - low));

  for (let i = 0; i < options.kills; i++) {
    // Once every subscription has run, a start neither ingests nor posts: only a kill elsewhere is left.
    const workLeft = !(await world.finished());
    const ingested = (await world.store.archive.latestAnnouncement()) !== null;
    const phase = choosePhase(random, shares, landed, options.kills - i, { workLeft, ingested });
    const bot = world.start();
    const aim = aimAt(world, bot, phase, ingested, { pick, between });
    // Re-check now and then whether there is anything left to do, so an idle bot is not waited on for long.
    let idleCheckAt = Date.now() + 500;
    await until(
      async () => {
        if (aim.trigger() || bot.child.exitCode !== null) return true;
        if (Date.now() < idleCheckAt) return false;
        idleCheckAt = Date.now() + 500;
        return Date.now() - bot.startedAt > 3000 && (await world.finished());
      },
      triggerTimeoutMs,
      'the kill point',
      { everyMs: 2, orFalse: true },
    );
    await sleep(aim.after());
    botCpuMs += bot.cpuMs() ?? 0;
    const killAt = Date.now();
    const exit = await bot.kill('SIGKILL');
    world.discord.clearFaults();
    if (exit.signal !== 'SIGKILL')
      throw new Error(`the bot exited by itself (code ${exit.code}) before kill ${i + 1}:\n${bot.stderr()}`);
    const where = classify(world, bot, killAt, aim.applied);
    landed[where] += 1;
    const lastPost = world.discord.requests.slice(bot.discordFrom).filter(isDelivery).at(-1)?.route ?? null;
    const point: KillPoint = { aimed: phase, landed: where, how: aim.how, afterMs: killAt - bot.startedAt, lastPost };
    points.push(point);
    options.onKill?.(point, i);
  }

  const identified = world.discord.identifies.length;
  const last = world.start();
  // The bot handles SIGTERM from before it logs in; a signal while its modules still load would just kill it.
  await until(
    () => world.discord.identifies.length > identified,
    options.finishTimeoutMs ?? 180_000,
    'the last start to identify',
    {
      everyMs: 20,
      orFalse: true,
    },
  );
  const finished = await until(() => world.finished(), options.finishTimeoutMs ?? 180_000, 'every digest to finish', {
    everyMs: 100,
    orFalse: true,
  });
  // Let a message the last check raced with reach the fake before counting.
  await sleep(200);
  botCpuMs += last.cpuMs() ?? 0;
  const exit = await last.kill('SIGTERM');
  return {
    seed: options.seed,
    points,
    landed,
    tally: world.tally(),
    finalExit: exit.code,
    finished,
    discordViolations: [...world.discord.violations],
    arxivViolations: [...world.arxiv.violations],
    durationMs: Date.now() - began,
    botCpuMs,
  };
}

/**
 * The open phase furthest below its share, with a seeded jitter of less than one kill to vary the
 * order; ingest and delivery phases are open only while work is left. Before the listing is stored an ingest
 * kill costs no delivery work and can land in the API paging, so ingest is preferred then.
 */
function choosePhase(
  random: () => number,
  shares: Record<Phase, number>,
  landed: Record<Phase, number>,
  killsLeft: number,
  state: { workLeft: boolean; ingested: boolean },
): Phase {
  const total = PHASES.reduce((sum, p) => sum + landed[p], 0) + killsLeft;
  const open = PHASES.filter((p) => state.workLeft || p === 'other');
  let best: Phase = 'other';
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const p of open) {
    const share = shares[p] * total;
    const score = share - landed[p] + (p === 'ingest' && !state.ingested ? share / 2 : 0) + random() * 0.99;
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  return best;
}

function aimAt(
  world: CrashWorld,
  bot: BotProcess,
  phase: Phase,
  ingested: boolean,
  draw: { pick: <T>(items: readonly T[]) => T; between: (low: number, high: number) => number },
): Aim {
  const { discord, arxiv } = world;
  const postsOfBot = (): RecordedRequest[] => discord.requests.slice(bot.discordFrom).filter(isDelivery);
  switch (phase) {
    case 'ingest': {
      // Before the listing is stored an ingest is the feed plus the API pages; afterwards one conditional feed request.
      const k = ingested ? 1 : draw.between(1, world.ingestRequests);
      const afterAnswer = draw.pick([false, false, true]);
      let target: ArxivRequest | undefined;
      const fraction = draw.between(0, 90) / 100;
      const tail = draw.between(0, 20);
      return {
        how: `arXiv request ${k} of this start, ${afterAnswer ? `${tail} ms after its answer` : `${Math.round(fraction * 100)}% into its delay`}`,
        applied: false,
        trigger: () => {
          target = arxiv.requests.slice(bot.arxivFrom)[k - 1];
          return target !== undefined && world.answerAt.has(target);
        },
        after: () => {
          const answer = target ? (world.answerAt.get(target) ?? Date.now()) : Date.now();
          const left = Math.max(0, answer - Date.now());
          return afterAnswer ? left + tail : Math.floor(left * fraction);
        },
      };
    }
    case 'send-answer': {
      const skip = draw.between(0, 2);
      discord.fail({ method: 'POST', path: DELIVERY_PATH, skip, hang: true, applyFirst: true });
      return {
        how: `POST ${skip + 1} of this start created, its answer never sent`,
        applied: true,
        trigger: () => postsOfBot().some((r) => r.fault && r.outcome === 'hung'),
        after: () => 0,
      };
    }
    case 'between-messages': {
      const skip = draw.between(0, 2);
      if (draw.pick([true, false, false])) {
        discord.fail({ method: 'POST', path: DELIVERY_PATH, skip, hang: true });
        return {
          how: `POST ${skip + 1} of this start never reaching Discord`,
          applied: false,
          trigger: () => postsOfBot().some((r) => r.fault && r.outcome === 'hung'),
          after: () => 0,
        };
      }
      const delay = draw.between(0, 15);
      return {
        how: `${delay} ms after the answer to POST ${skip + 1} of this start`,
        applied: false,
        trigger: () => postsOfBot()[skip]?.outcome === 'answered',
        after: () => delay,
      };
    }
    case 'other': {
      const delay = draw.between(50, 2500);
      return {
        how: `${delay} ms after the start`,
        applied: false,
        trigger: () => Date.now() - bot.startedAt >= delay,
        after: () => 0,
      };
    }
  }
}

/** Where the process was when it died: an arXiv request in flight, a created message without its answer, between messages, or elsewhere. */
function classify(world: CrashWorld, bot: BotProcess, killAt: number, faultApplied: boolean): Phase {
  const lastPost = world.discord.requests.slice(bot.discordFrom).filter(isDelivery).at(-1);
  const lastArxiv = world.arxiv.requests.slice(bot.arxivFrom).at(-1);
  if (lastPost && (lastPost.outcome === 'pending' || lastPost.outcome === 'aborted')) return 'send-answer';
  if (lastPost?.outcome === 'hung') return faultApplied ? 'send-answer' : 'between-messages';
  if (lastArxiv) {
    const answeredAt = world.answerAt.get(lastArxiv) ?? lastArxiv.startedAt;
    const postedSince = lastPost !== undefined && lastPost.at >= lastArxiv.startedAt;
    if (answeredAt > killAt || (!postedSince && killAt - answeredAt <= INGEST_TAIL_MS)) return 'ingest';
  }
  return lastPost ? 'between-messages' : 'other';
}

/** One line per campaign, and one per kill point, for the test output and for a failing seed's report. */
export function describeCampaign(report: CampaignReport): { summary: string; points: string } {
  const phases = PHASES.map((p) => `${p} ${report.landed[p]}`).join(', ');
  const { tally } = report;
  const summary =
    `seed ${report.seed}: ${report.points.length} kills (${phases}); ${tally.posted}/${tally.expected} pairs posted, ` +
    `${tally.duplicates} duplicates, ${tally.losses} losses, ${tally.extra} extra; ` +
    `${(report.durationMs / 1000).toFixed(1)} s, bot CPU ${(report.botCpuMs / 1000).toFixed(1)} s`;
  const points = report.points.map(
    (p, i) =>
      `${i + 1}. aimed ${p.aimed}, landed ${p.landed}: ${p.how} (${p.afterMs} ms after start; last post ${p.lastPost ?? 'none'})`,
  );
  return { summary, points: points.join('\n') };
}

export type Cleanups = Array<() => Promise<void>>;

/**
 * `startBotProcess`, killed at the end of the test (by `cleanups`), and any exit other than a clean one or the
 * test's own SIGKILL reported with the bot's output.
 */
export function watchedBotProcess(env: Record<string, string>, cleanups: Cleanups): BotProcess {
  const bot = startBotProcess(env);
  void bot.exited.then(({ code, signal }) => {
    if (code !== 0 && signal !== 'SIGKILL') {
      console.error(`bot exited with ${signal ?? code}:\n${bot.output().slice(-4000)}`);
    }
  });
  cleanups.push(async () => {
    await bot.kill('SIGKILL');
  });
  return bot;
}

export interface OneGuildWorldOptions {
  /** A prefix for the temporary directory's name. */
  name: string;
  /** What the fake arXiv serves. */
  serve(arxiv: FakeArxiv): void;
  subscription?: Partial<Subscription>;
  abstractLength: number;
  maxPapers: number;
}

/**
 * The fixture guild with one topic and one subscription, its schedule every minute in UTC and its last run an hour
 * ago (so a start catches up at once: `catchUp` marks it so again), for the tests that kill the bot process.
 */
export async function oneGuildWorld(options: OneGuildWorldOptions, cleanups: Cleanups) {
  const discord = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD],
    rateLimits: { global: false },
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  options.serve(arxiv);
  const dir = await mkdtemp(join(tmpdir(), `paperboy-${options.name}-`));
  const database = await testDatabase(dir);
  const env = fakeEnv(apiUrl, arxiv, dir, { PATH: process.env.PATH ?? '', DATABASE_URL: database.url });
  const store = await openStore(env.DATABASE_URL);
  await store.state.updateGuild(FIXTURE.guildId, (state) => {
    state.topics.push(topic(FIXTURE.guildId));
    state.subscriptions.push(subscription(FIXTURE.guildId, options.subscription));
    state.settings = {
      guildId: FIXTURE.guildId,
      schedule: '* * * * *',
      timezone: 'UTC',
      abstractLength: options.abstractLength,
      maxPapers: options.maxPapers,
      changed: null,
    };
  });
  const catchUp = () =>
    store.state.setValue(`schedule:lastRun:${FIXTURE.guildId}`, new Date(Date.now() - 3600_000).toISOString());
  await catchUp();
  cleanups.push(async () => {
    await store.close();
    await discord.close();
    await arxiv.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });
  return { discord, arxiv, env, store, catchUp };
}

/**
 * Start a bot and wait until it has identified with the fake Discord (its signal handlers are in place by then):
 * what a test then waits for is this process's doing, not something left over from the one before.
 */
export async function connected(discord: FakeDiscord, start: () => BotProcess): Promise<BotProcess> {
  const before = discord.identifies.length;
  const bot = start();
  await until(() => discord.identifies.length > before, 60_000, 'the bot to identify with Discord', { everyMs: 20 });
  return bot;
}
