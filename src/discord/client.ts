import {
  Client,
  DefaultRestOptions,
  GatewayIntentBits,
  Options,
  Partials,
  type ClientOptions as DiscordClientOptions,
} from 'discord.js';
import { errorMessage } from '../errors.js';

export interface ClientOptions {
  /** REST base such as `http://127.0.0.1:8080/api` (no /v10); Discord's own when unset. */
  apiUrl?: string | undefined;
  /** REST request timeout, ms. */
  restTimeout?: number;
  /** The gateway shards this client holds (default: discord.js's, one shard), and their total. */
  shards?: number[] | 'auto';
  shardCount?: number;
  /** Paces this client's identifies with those of other processes (discord.js's `ws.buildIdentifyThrottler`). */
  buildIdentifyThrottler?: NonNullable<NonNullable<DiscordClientOptions['ws']>['buildIdentifyThrottler']>;
}

type MakeRequest = typeof DefaultRestOptions.makeRequest;

/** A request that can be sent twice without a second effect: a read or edit, or a message with an enforced nonce. */
function safeToResend(init: Parameters<MakeRequest>[1]): boolean {
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'POST') return true;
  return typeof init.body === 'string' && init.body.includes('"enforce_nonce":true');
}

/**
 * discord.js retries a reset connection only when it is reported as ECONNRESET; undici reports a
 * connection closed before the answer as UND_ERR_SOCKET. Such a request, when safe to resend, gets
 * the same retries; anything else (a forum post, which takes no nonce) fails as before.
 */
const makeRequest: MakeRequest = async (url, init) => {
  try {
    return await DefaultRestOptions.makeRequest(url, init);
  } catch (error) {
    const failure = error as { code?: unknown; cause?: { code?: unknown } } | null;
    const closed = failure?.code === 'UND_ERR_SOCKET' || failure?.cause?.code === 'UND_ERR_SOCKET';
    if (!closed || !safeToResend(init)) throw error;
    throw Object.assign(new Error(`ECONNRESET: ${errorMessage(error)}`, { cause: error }), { code: 'ECONNRESET' });
  }
};

/**
 * The bot's discord.js client: the Guilds intent only (no privileged intents), mentions off by
 * default (digests name roles explicitly), and caches trimmed to what Paperboy reads.
 */
export function createClient(options: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    ...(options.shards !== undefined ? { shards: options.shards } : {}),
    ...(options.shardCount !== undefined ? { shardCount: options.shardCount } : {}),
    ...(options.buildIdentifyThrottler ? { ws: { buildIdentifyThrottler: options.buildIdentifyThrottler } } : {}),
    rest: {
      makeRequest,
      ...(options.apiUrl ? { api: options.apiUrl } : {}),
      ...(options.restTimeout ? { timeout: options.restTimeout } : {}),
    },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
    }),
  });
}
