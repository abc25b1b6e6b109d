import { RESTEvents, Status, type Client } from 'discord.js';
import type { Metrics, ShardCounts } from '../ops/metrics.js';

/**
 * Count the client's REST traffic: every response by status class, 429s by their X-RateLimit-Scope, and the
 * waits discord.js makes on its own to stay under a limit it knows.
 */
export function observeRest(client: Client, metrics: Pick<Metrics, 'discordResponse' | 'discordRateLimitWait'>): void {
  client.rest.on(RESTEvents.Response, (_request, response) => {
    metrics.discordResponse(
      response.status,
      response.status === 429 ? response.headers.get('x-ratelimit-scope') : null,
    );
  });
  client.rest.on(RESTEvents.RateLimited, (info) => metrics.discordRateLimitWait(info.global));
}

/** The gateway shards the client holds and how many are connected and ready. */
export function shardCounts(client: Client): ShardCounts {
  const { shards } = client.ws;
  return { ready: shards.filter((shard) => shard.status === Status.Ready).size, total: shards.size };
}
