import { Events, RESTEvents, type Client, type Guild } from 'discord.js';
import pLimit from 'p-limit';
import { commands } from '../commands/index.js';
import { createApp, type App, type PaperSource } from './app.js';
import { pauseChannel } from './digest/pause.js';
import { createClient } from './discord/client.js';
import { recordGuildLocale } from './discord/locale.js';
import { observeRest, shardCounts } from './discord/observe.js';
import { DiscordPoster } from './discord/poster.js';
import { renderPlan } from './discord/render-plan.js';
import { renderVenueUpdate } from './discord/render/venue-updates.js';
import { createRouter } from './discord/router.js';
import { arxivSettings, storeSettings, type BotEnv } from './env.js';
import { createLogger, type Logger } from './log.js';
import { startOps, type Ops } from './ops/server.js';
import { openStore } from './store/index.js';
import type { Store } from './store/types.js';
import { createArxivSource } from './arxiv/source.js';

export interface BotOptions {
  now?: () => Date;
  log?: Logger;
  /** Replace the arXiv source (tests point the real one at a fake server through the env instead). */
  arxiv?: PaperSource;
  /** REST timeout for Discord requests, ms. */
  restTimeout?: number;
  /** How long a database write waits for another connection's lock before failing, ms. */
  busyTimeoutMs?: number;
}

export interface RunningBot {
  app: App;
  client: Client;
  /** Stop scheduling, let the digest being sent finish its current step, disconnect, close the store. */
  stop(): Promise<void>;
  /**
   * Settles when Discord answers 401 to a request made with the bot's token: the token was revoked or
   * reset, discord.js has dropped it, and nothing will work until it is replaced.
   */
  tokenRefused: Promise<void>;
  /** Its metrics and health, served on PAPERBOY_METRICS_PORT when set. */
  ops: Ops;
}

/** The composition root: config → store → arXiv → Discord client → router → scheduler. */
export async function startBot(env: BotEnv, options: BotOptions = {}): Promise<RunningBot> {
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  const ops = await startOps(env, { role: 'all-in-one', log });
  const { metrics } = ops;
  let store: Store;
  try {
    store = await openStore(env.DATABASE_URL, {
      ...storeSettings(env),
      log,
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    });
  } catch (error) {
    await ops.close();
    throw error;
  }
  const arxiv =
    options.arxiv ??
    createArxivSource({
      ...arxivSettings(env),
      store: store.state,
      autoCommit: false,
      log,
      onAttempt: (status) => metrics.arxivRequest(status),
    });
  const client = createClient({
    apiUrl: env.DISCORD_API_URL,
    ...(options.restTimeout ? { restTimeout: options.restTimeout } : {}),
  });
  observeRest(client, metrics);
  // One process does everything: it is the leader, and queues nothing.
  metrics.setLeader(true);
  metrics.setShardsReadySource(() => shardCounts(client));
  ops.health.setLeaderSource(() => true);
  ops.health.setShardsSource(() => shardCounts(client));
  const app = createApp({
    store,
    arxiv,
    poster: new DiscordPoster(client),
    render: renderPlan,
    renderUpdate: renderVenueUpdate,
    log,
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
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');

  await app.runner.resumePending();
  await app.scheduler.start();
  ops.health.running();

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      ops.stopping();
      await app.scheduler.stop();
      await app.runner.halt();
      await client.destroy();
      arxiv.close?.();
      await store.close();
      await ops.close();
      log.info('stopped');
    })());
  return { app, client, stop, tokenRefused, ops };
}

/**
 * Deleted channels and threads pause their subscriptions; servers' languages are kept; client errors and
 * disconnects are logged.
 */
export function watchChannels(client: Client, app: App): void {
  client.on(Events.ChannelDelete, (channel) => {
    if ('guildId' in channel && channel.guildId)
      void channelGone(app, channel.guildId, channel.id, 'the channel was deleted');
  });
  client.on(
    Events.ThreadDelete,
    (thread) => void channelGone(app, thread.guildId, thread.id, 'the thread was deleted'),
  );
  // The server's own language, for its digests when it has not chosen one (src/discord/locale.ts). At a start
  // every guild comes back available at once: a few reads at a time, not one per guild all together.
  const localeReads = pLimit(4);
  const guildLocale = (guild: Guild) =>
    void localeReads(() => recordGuildLocale(app.store.state, guild)).catch((error: unknown) =>
      app.log.warn({ err: error, guild: guild.id }, 'could not record the server’s language'),
    );
  // A server the bot was already in comes back available (at every start), one it joins is created.
  client.on(Events.GuildAvailable, guildLocale);
  client.on(Events.GuildCreate, guildLocale);
  client.on(Events.GuildUpdate, (_old, guild) => guildLocale(guild));
  client.on(Events.Error, (error) => app.log.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    app.log.warn({ code: event.code, shard }, 'gateway disconnected'),
  );
}

/**
 * Settles when Discord answers 401 to a request made with the bot's token: the token was revoked or reset,
 * discord.js has dropped it, and nothing will work until it is replaced.
 */
export function watchToken(client: Client): Promise<void> {
  return new Promise<void>((resolve) => {
    client.rest.on(RESTEvents.Response, (request, response) => {
      // Interaction and webhook routes answer 401 for their own expired tokens, not for the bot's.
      if (response.status === 401 && !/^\/(?:interactions|webhooks)\//.test(request.path)) resolve();
    });
  });
}

/** A channel that is gone pauses its subscriptions at once instead of failing at the next digest. */
async function channelGone(app: App, guildId: string, channelId: string, reason: string): Promise<void> {
  try {
    await pauseChannel(app.store.state, guildId, channelId, reason, app.now());
  } catch (error) {
    app.log.error({ err: error, guildId, channelId }, 'could not pause subscriptions of a deleted channel');
  }
}
