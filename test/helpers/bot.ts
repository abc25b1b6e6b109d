/**
 * Boots the real bot (src/main.ts) against a fake Discord and a fake arXiv on 127.0.0.1 with a
 * real SQLite file in a temp directory, or with env PAPERBOY_TEST_DATABASE=postgres a throwaway database on
 * the test PostgreSQL server (see {@link testDatabase}). What end-to-end tests of delivery and commands start from.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadBotEnv, type BotEnv } from '../../src/env.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { startBot, type RunningBot } from '../../src/main.js';
import type { GuildState, Subscription, Topic } from '../../src/store/types.js';
import { FakeArxiv, apiById, rssFeedXml, type FakePaper } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import type { FakeDiscordOptions } from '../fakes/fake-discord-types.js';
import { FIXTURE, FIXTURE_GUILD } from '../fakes/fake-discord-harness.js';

export { FIXTURE, FIXTURE_GUILD };

/** Where a test world's bot keeps its data, and how to remove it once the world is stopped. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The store the test worlds run the bot on: env PAPERBOY_TEST_DATABASE, `sqlite` (the default) or `postgres`. */
export function testDatabaseKind(): 'sqlite' | 'postgres' {
  const kind = process.env['PAPERBOY_TEST_DATABASE'] ?? '';
  if (kind === '' || kind === 'sqlite' || kind === 'postgres') return kind === 'postgres' ? 'postgres' : 'sqlite';
  throw new Error(`PAPERBOY_TEST_DATABASE must be "sqlite" or "postgres", not "${kind}"`);
}

/**
 * The database of one test world: a SQLite file in `dir` (removed with `dir`), or on PostgreSQL a fresh database
 * `pb_test_<random>` on the test server (test/store/pg-server.ts) that `drop()` removes, connections and all.
 */
export async function testDatabase(dir: string): Promise<TestDatabase> {
  if (testDatabaseKind() === 'sqlite') {
    return { url: `sqlite://${join(dir, 'paperboy.sqlite')}`, drop: () => Promise.resolve() };
  }
  // Imported only here: the module probes the server when it loads.
  const { createTestDatabase } = await import('../store/pg-server.js');
  const { url, drop } = await createTestDatabase();
  return { url, drop };
}

/** A settable clock shared by the bot's scheduler and runner. */
export class ManualClock {
  constructor(private time: number) {}
  now = (): Date => new Date(this.time);
  set(iso: string): void {
    this.time = Date.parse(iso);
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface BotWorld {
  discord: FakeDiscord;
  arxiv: FakeArxiv;
  clock: ManualClock;
  env: BotEnv;
  dir: string;
  /** The bot's database, `env.DATABASE_URL`: what a test opens to look at what the bot stored. */
  database: TestDatabase;
  /** The running bot; replaced by {@link restart}. */
  bot: RunningBot;
  /** Stop the bot cleanly and start a new one on the same database and fakes. */
  restart(): Promise<RunningBot>;
  /** Serve a listing (RSS) for these categories and answer API id lookups for its papers. */
  serveListing(categories: string, pubDate: string, papers: FakePaper[]): void;
  stop(): Promise<void>;
}

export interface BotWorldOptions {
  discord?: Partial<FakeDiscordOptions>;
  /** ISO time the clock starts at. Default: a Tuesday morning after an announcement. */
  now?: string;
  /** Guild state to write before the bot starts. */
  seed?: (guildId: string) => Partial<GuildState>;
  restTimeout?: number;
  /** How long the bot's database writes wait for another connection's lock; default 5000 ms. */
  busyTimeoutMs?: number;
  /** The bot's logger; default silent. */
  log?: Logger;
  /** More environment variables for the bot (such as PAPERBOY_METRICS_PORT). */
  env?: Record<string, string>;
}

async function boot(
  world: Pick<BotWorld, 'env' | 'clock'>,
  restTimeout: number,
  options: BotWorldOptions,
): Promise<RunningBot> {
  const { busyTimeoutMs, log = silentLogger } = options;
  return startBot(world.env, {
    now: world.clock.now,
    log,
    restTimeout,
    ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }),
  });
}

/** Start a fake Discord, a fake arXiv, and the bot; everything is stopped after the test. */
export async function startBotWorld(options: BotWorldOptions = {}): Promise<BotWorld> {
  const discord = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD],
    heartbeatIntervalMs: 30_000,
    rateLimits: { global: false },
    ...options.discord,
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-e2e-'));
  const clock = new ManualClock(Date.parse(options.now ?? '2026-11-24T12:00:00Z'));
  const database = await testDatabase(dir);
  const env = loadBotEnv(
    fakeEnv(apiUrl, arxiv, dir, { LOG_LEVEL: 'silent', DATABASE_URL: database.url, ...options.env }),
  );
  const restTimeout = options.restTimeout ?? 3000;

  let bot: RunningBot;
  try {
    if (options.seed) {
      const { openStore } = await import('../../src/store/index.js');
      const store = await openStore(env.DATABASE_URL);
      const seed = options.seed(FIXTURE.guildId);
      await store.state.updateGuild(FIXTURE.guildId, (state) => {
        Object.assign(state, seed);
      });
      await store.close();
    }
    bot = await boot({ env, clock }, restTimeout, options);
  } catch (error) {
    // Nothing of a world that never started is left behind, on the PostgreSQL server least of all.
    await Promise.all([discord.close(), arxiv.close(), database.drop().catch(() => undefined)]);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const world: BotWorld = {
    discord,
    arxiv,
    clock,
    env,
    dir,
    database,
    bot,
    async restart() {
      await world.bot.stop();
      world.bot = await boot({ env, clock }, restTimeout, options);
      return world.bot;
    },
    serveListing(categories, pubDate, papers) {
      arxiv.rss(categories, { body: rssFeedXml(categories, pubDate, papers), etag: `"${pubDate}"` });
      arxiv.api(null, apiById(papers));
    },
    async stop() {
      await world.bot.stop().catch(() => undefined);
      await discord.close();
      await arxiv.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/**
 * Environment variables of a bot wired to the fakes: FIXTURE's application, a database file in `dir` unless
 * `extra` names another DATABASE_URL (the url of a {@link testDatabase}).
 */
export function fakeEnv(
  discordApiUrl: string,
  arxiv: FakeArxiv,
  dir: string,
  extra: Record<string, string> = {},
): Record<string, string> & { DATABASE_URL: string } {
  return {
    DISCORD_TOKEN: FIXTURE.token,
    DISCORD_APPLICATION_ID: FIXTURE.applicationId,
    DISCORD_API_URL: discordApiUrl,
    DATABASE_URL: `sqlite://${join(dir, 'paperboy.sqlite')}`,
    ARXIV_API_URL: arxiv.apiUrl,
    ARXIV_RSS_URL: arxiv.rssUrl,
    ARXIV_HTML_URL: `${arxiv.baseUrl}/html`,
    ARXIV_REQUEST_INTERVAL_MS: '5',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** `startBotWorld`, stopped automatically after each test of the calling file. */
export function useBotWorld(): (options?: BotWorldOptions) => Promise<BotWorld> {
  const worlds: BotWorld[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0)) {
      await world.stop();
      const [first] = world.discord.internalErrors;
      if (first) throw first;
    }
  });
  return async (options) => {
    const world = await startBotWorld(options);
    worlds.push(world);
    return world;
  };
}

/** A topic as a moderator would have made it. */
export function topic(guildId: string, overrides: Partial<Topic> = {}): Topic {
  return {
    guildId,
    slug: 'contrastive',
    name: 'Contrastive learning',
    categories: ['cs.LG'],
    query: '"contrastive learning" OR "self-supervised"',
    crossLists: true,
    updates: false,
    images: false,
    color: 0x3366cc,
    changed: { by: '410000000000000001', at: '2026-11-01T00:00:00.000Z' },
    ...overrides,
  };
}

export function subscription(guildId: string, overrides: Partial<Subscription> = {}): Subscription {
  return {
    guildId,
    channelId: FIXTURE.text,
    topicSlug: 'contrastive',
    mentionRoleId: null,
    maxPapers: 25,
    thread: false,
    paused: null,
    lastDigestDate: null,
    changed: { by: '410000000000000001', at: '2026-11-01T00:00:00.000Z' },
    ...overrides,
  };
}

/** Seeded fake papers: `count` papers in `category`, every `matchEvery`-th about contrastive learning. */
export function makePapers(
  count: number,
  options: { prefix?: string; category?: string; matchEvery?: number } = {},
): FakePaper[] {
  const prefix = options.prefix ?? '2611.0';
  const category = options.category ?? 'cs.LG';
  const every = options.matchEvery ?? 1;
  return Array.from({ length: count }, (_, i) => {
    const n = String(1000 + i).padStart(4, '0');
    const matching = i % every === 0;
    return {
      id: `${prefix}${n}v1`,
      title: matching ? `Contrastive learning of representations, part ${i}` : `Supervised segmentation study ${i}`,
      abstract: matching
        ? `We study contrastive learning for images. Experiment ${i} shows gains over supervised baselines.`
        : `We train a supervised model for segmentation number ${i} with labelled data.`,
      authors: [`Author ${i} One`, `Author ${i} Two`],
      categories: [category],
      ...(i % 3 === 0 ? { comment: 'Accepted at NeurIPS 2026' } : {}),
      published: '2026-11-23T18:00:00Z',
    } satisfies FakePaper;
  });
}
