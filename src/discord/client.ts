import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

export interface ClientOptions {
  /** REST base such as `http://127.0.0.1:8080/api` (no /v10); Discord's own when unset. */
  apiUrl?: string | undefined;
  /** REST request timeout, ms. */
  restTimeout?: number;
}

/**
 * The bot's discord.js client: the Guilds intent only (no privileged intents), mentions off by
 * default (digests name roles explicitly), and caches trimmed to what Paperboy reads.
 */
export function createClient(options: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: {
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
