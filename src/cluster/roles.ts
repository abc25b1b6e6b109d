/**
 * The distributed mode (PostgreSQL only). Gateway processes hold Discord shards and answer interactions;
 * worker processes elect one leader, which ingests arXiv, runs the scheduler, takes queued jobs and is the only
 * process that posts digests (so Discord's 50 requests/s, which is per bot, has one owner). Standby workers
 * take over within a lease when the leader dies.
 */
import { hostname } from 'node:os';
import { Events, Routes, type Client } from 'discord.js';
import { commands } from '../../commands/index.js';
import { createApp, type App, type RunNow } from '../app.js';
import { createArxivSource } from '../arxiv/source.js';
import type { Poster } from '../digest/poster.js';
import type { RunReport } from '../digest/run-now.js';
import { createClient } from '../discord/client.js';
import { observeRest, shardCounts } from '../discord/observe.js';
import { DiscordPoster } from '../discord/poster.js';
import { renderPlan } from '../discord/render-plan.js';
import { renderVenueUpdate } from '../discord/render/venue-updates.js';
import { createRouter } from '../discord/router.js';
import { arxivSettings, storeSettings, type BotEnv } from '../env.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { watchChannels, watchToken } from '../main.js';
import { startOps, type Ops } from '../ops/server.js';
import { openStore } from '../store/index.js';
import type { PostgresHandle, Store } from '../store/types.js';
import { sharedIdentifyThrottler } from './identify.js';
import { JobConsumer, JobQueue, type Job } from './jobs.js';
import { LeaderElector } from './leader.js';

export type Role = 'gateway' | 'worker';

/** The job a gateway queues for `/digest run`. */
interface DigestRunPayload {
  guildId: string;
  channelId: string;
  slug: string | null;
}

/** The distributed mode was asked for without PostgreSQL, or with shard options that do not fit. */
export class RoleConfigError extends Error {
  override name = 'RoleConfigError';
}

export interface ClusterProcess {
  role: Role;
  store: Store;
  /** Stop (stepping down first when leading), disconnect, close the store. */
  stop(): Promise<void>;
  /** Settles when Discord refuses the bot token (401). */
  tokenRefused: Promise<void>;
  /** Its metrics and health, served on PAPERBOY_METRICS_PORT when set. */
  ops: Ops;
}

export interface GatewayProcess extends ClusterProcess {
  role: 'gateway';
  app: App;
  client: Client;
}

export interface WorkerProcess extends ClusterProcess {
  role: 'worker';
  elector: LeaderElector;
  /** The app of the current leadership term (null while standing by). */
  app(): App | null;
}

export interface ShardOptions {
  /** Total shards: a number, or 'auto' (Discord's recommendation from /gateway/bot). */
  shards: number | 'auto';
  /** The shards this process holds (default: all of them). */
  shardIds?: number[];
}

export interface ClusterOptions {
  log: Logger;
  now?: () => Date;
  /** How long a silent leader keeps leadership, ms (PAPERBOY_LEADER_LEASE_MS). */
  leaseMs?: number;
  /** How often the leader looks for queued jobs, ms. */
  jobPollMs?: number;
  /** How long a gateway waits for a queued `/digest run`, ms (under the interaction token's 15 minutes). */
  runWaitMs?: number;
}

async function openPostgres(env: BotEnv, log: Logger): Promise<{ store: Store; pg: PostgresHandle }> {
  const store = await openStore(env.DATABASE_URL, { ...storeSettings(env), log });
  if (!store.postgres) {
    await store.close();
    throw new RoleConfigError(
      'start --role needs PostgreSQL: set DATABASE_URL=postgres://… (several processes share one database; `paperboy migrate --to` moves a SQLite archive there). Without --role, `paperboy start` runs everything in one process on SQLite.',
    );
  }
  return { store, pg: store.postgres };
}

/** Check shard options against each other; the ids this process holds. */
export function checkShards(options: ShardOptions): void {
  const { shards, shardIds } = options;
  if (shards !== 'auto' && (!Number.isInteger(shards) || shards < 1))
    throw new RoleConfigError(`--shards takes a whole number of shards (1 or more) or "auto", got "${String(shards)}"`);
  if (!shardIds) return;
  if (shards === 'auto')
    throw new RoleConfigError('--shard-ids needs the total: pass --shards N as well (every gateway the same N)');
  const bad = shardIds.filter((id) => !Number.isInteger(id) || id < 0 || id >= shards);
  if (bad.length > 0 || shardIds.length === 0)
    throw new RoleConfigError(
      `--shard-ids must list shard numbers from 0 to ${shards - 1} (comma-separated), got "${shardIds.join(',')}"`,
    );
  if (new Set(shardIds).size !== shardIds.length) throw new RoleConfigError('--shard-ids lists a shard twice');
}

/**
 * A gateway process: the shards it holds, the interaction router (commands run here against the shared
 * database), channel-deletion events; `/digest run` is queued for the leader and its outcome awaited.
 */
export async function startGateway(env: BotEnv, shard: ShardOptions, options: ClusterOptions): Promise<GatewayProcess> {
  checkShards(shard);
  const log = options.log;
  const ops = await startOps(env, { role: 'gateway', log });
  const { metrics } = ops;
  const { store, pg } = await openPostgres(env, log).catch(closing(ops));
  const arxiv = createArxivSource({
    ...arxivSettings(env),
    store: store.state,
    autoCommit: false,
    log,
    onAttempt: (status) => metrics.arxivRequest(status),
  });
  const client = createClient({
    apiUrl: env.DISCORD_API_URL,
    shards: shard.shardIds ?? (shard.shards === 'auto' ? 'auto' : Array.from({ length: shard.shards }, (_, i) => i)),
    ...(shard.shards === 'auto' ? {} : { shardCount: shard.shards }),
    buildIdentifyThrottler: sharedIdentifyThrottler(pg.db),
  });
  observeRest(client, metrics);
  metrics.setShardsReadySource(() => shardCounts(client));
  ops.health.setShardsSource(() => shardCounts(client));
  const jobs = new JobQueue(pg.db);
  const runNow: RunNow = async (guildId, channelId, slug, hooks) => {
    const payload: DigestRunPayload = { guildId, channelId, slug: slug ?? null };
    const id = await jobs.enqueue('digest-run', payload);
    await hooks?.queued?.();
    const job = await jobs.wait<DigestRunPayload>(id, { timeoutMs: options.runWaitMs ?? 13 * 60_000 });
    if (!job)
      throw new UserError(
        'The run is still waiting for a worker. It stays queued and will be posted when one takes it; `/digest today` shows what was posted.',
      );
    if (job.status === 'failed') {
      const message = job.error?.message ?? 'the run failed';
      if (job.error?.userError) throw new UserError(message);
      throw new Error(`digest run job ${id} failed: ${message}`);
    }
    return job.result as RunReport;
  };
  const app = createApp({
    store,
    arxiv,
    poster: new DiscordPoster(client),
    render: renderPlan,
    renderUpdate: renderVenueUpdate,
    log,
    schedulerMode: 'marks',
    runNow,
    metrics,
    ...(options.now ? { now: options.now } : {}),
  });
  const route = createRouter(commands, app);
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  watchChannels(client, app);
  const tokenRefused = watchToken(client);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(env.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    arxiv.close?.();
    await store.close();
    await ops.close();
    throw error;
  }
  // With --shards auto, the shards Discord recommended: the numbers, not "auto".
  log.info(
    {
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      shardIds: client.ws.shards.map((s) => s.id),
      shardCount: client.options.shardCount,
    },
    'gateway connected to Discord',
  );
  await app.scheduler.start();
  ops.health.running();
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      ops.stopping();
      await app.scheduler.stop();
      await client.destroy();
      arxiv.close?.();
      await store.close();
      await ops.close();
      log.info('stopped');
    })());
  return { role: 'gateway', store, app, client, stop, tokenRefused, ops };
}

/** For a failed start-up: stop serving health and metrics, then fail as before. */
function closing(ops: Ops): (error: unknown) => Promise<never> {
  return async (error) => {
    await ops.close();
    throw error;
  };
}

/** Before each message, the leader checks it still leads (one round trip): a deposed leader posts nothing new. */
function fenced(poster: Poster, verify: () => Promise<void>): Poster {
  return {
    channelKind: (g, c) => poster.channelKind(g, c),
    findForumPost: (g, f, n) => poster.findForumPost(g, f, n),
    notifyModerators: (g, t, a) => poster.notifyModerators(g, t, a),
    openDm: (u) => poster.openDm(u),
    async postMessage(channelId, body) {
      await verify();
      return poster.postMessage(channelId, body);
    },
    async startThread(channelId, messageId, name) {
      await verify();
      return poster.startThread(channelId, messageId, name);
    },
    async createForumPost(forumId, name, body) {
      await verify();
      return poster.createForumPost(forumId, name, body);
    },
  };
}

/**
 * A worker process: stands by until elected; while it leads it runs the scheduler (a minute tick over the
 * database), takes queued jobs, resumes digests a previous leader left pending, and posts through discord.js's
 * REST client alone (no gateway connection).
 */
export async function startWorker(env: BotEnv, options: ClusterOptions): Promise<WorkerProcess> {
  const log = options.log;
  const ops = await startOps(env, { role: 'worker', log });
  const { metrics } = ops;
  const { store, pg } = await openPostgres(env, log).catch(closing(ops));
  pg.fence.hold(null);
  const client = createClient({ apiUrl: env.DISCORD_API_URL });
  client.token = env.DISCORD_TOKEN;
  client.rest.setToken(env.DISCORD_TOKEN);
  const tokenRefused = watchToken(client);
  observeRest(client, metrics);
  try {
    // The one request a worker makes before leading: a refused token stops it here, with exit code 1.
    await client.rest.get(Routes.user('@me'));
  } catch (error) {
    await store.close();
    await ops.close();
    throw error;
  }
  const arxiv = createArxivSource({
    ...arxivSettings(env),
    store: store.state,
    autoCommit: false,
    log,
    onAttempt: (status) => metrics.arxivRequest(status),
  });
  const holder = `${hostname()}:${process.pid}`;
  const jobs = new JobQueue(pg.db);
  metrics.setQueueDepthSource(() => jobs.depth());
  const kindHint = async (guildId: string, channelId: string) =>
    (await store.state.getGuild(guildId)).subscriptions.find((s) => s.channelId === channelId)?.channelKind ?? null;
  const verify = (): Promise<void> => elector.verify();
  const poster = fenced(new DiscordPoster(client, { restOnly: { kindHint } }), verify);

  let term: { app: App; consumer: JobConsumer } | null = null;
  const handle = async (job: Job): Promise<unknown> => {
    const app = term?.app;
    if (!app) throw new Error('not leading');
    if (job.kind !== 'digest-run') throw new Error(`unknown job kind "${job.kind}"`);
    const { guildId, channelId, slug } = job.payload as DigestRunPayload;
    return app.runNow(guildId, channelId, slug ?? undefined);
  };
  const elector: LeaderElector = new LeaderElector({
    url: pg.url,
    holder,
    leaseMs: options.leaseMs ?? 15_000,
    log,
    onElected: async (epoch) => {
      pg.fence.hold(epoch);
      metrics.setLeader(true);
      const app = createApp({
        store,
        arxiv,
        poster,
        render: renderPlan,
        renderUpdate: renderVenueUpdate,
        log,
        schedulerMode: 'tick',
        metrics,
        ...(options.now ? { now: options.now } : {}),
      });
      const consumer = new JobConsumer(jobs, {
        owner: holder,
        fence: pg.fence,
        pollMs: options.jobPollMs ?? 250,
        handle,
        log,
      });
      term = { app, consumer };
      const requeued = await jobs.requeueAbandoned(pg.fence);
      if (requeued > 0) log.info({ requeued }, 'jobs left running by the previous leader queued again');
      // Resuming and catching up may take as long as a delivery: they run on while the heartbeat keeps the lease.
      void app.runner
        .resumePending()
        .catch((error: unknown) => log.error({ err: error }, 'resuming pending digests failed'))
        .then(() => (term?.app === app ? app.scheduler.start() : undefined))
        .then(() => (term?.app === app ? consumer.start() : undefined))
        .catch((error: unknown) => log.error({ err: error }, 'starting the scheduler failed'));
    },
    onDeposed: async () => {
      pg.fence.hold(null);
      metrics.setLeader(false);
      const ended = term;
      term = null;
      if (!ended) return;
      await ended.consumer.stop();
      await ended.app.scheduler.stop();
      await ended.app.runner.halt();
    },
  });
  ops.health.setLeaderSource(() => elector.isLeader);
  elector.start();
  ops.health.running();
  log.info({ holder }, 'worker started; standing by for leadership');
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      ops.stopping();
      await elector.stop();
      await client.destroy();
      arxiv.close?.();
      await store.close();
      await ops.close();
      log.info('stopped');
    })());
  return { role: 'worker', store, elector, app: () => term?.app ?? null, stop, tokenRefused, ops };
}
