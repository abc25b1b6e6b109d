/**
 * Discord lets a bot start at most `max_concurrency` gateway sessions per 5 seconds, counted per rate-limit key
 * `shard_id % max_concurrency`, across every process of the bot. discord.js paces the shards of one process;
 * gateway processes started together (a restart of the whole deployment) would each identify at once. This
 * throttler paces them through the shared database: a transaction-level advisory lock per key serialises the
 * shards of that key, and the server's clock (not each host's) says when the key last identified.
 */
import type { Db } from '../store/postgres/connection.js';

/** discord.js's (that is, @discordjs/ws's) identify throttler contract. */
export interface IdentifyThrottler {
  waitForIdentify(shardId: number, signal: AbortSignal): Promise<void>;
}

/** The part of @discordjs/ws's WebSocketManager the throttler's builder reads. */
export interface GatewayInformationSource {
  fetchGatewayInformation(): Promise<{ session_start_limit: { max_concurrency: number } }>;
}

/** Advisory lock namespace (the two-integer key space): "pbid". */
const IDENTIFY_LOCK = 0x70626964;

/** Discord's identify window. */
export const IDENTIFY_WINDOW_MS = 5000;

function abortable(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class PostgresIdentifyThrottler implements IdentifyThrottler {
  constructor(
    private readonly db: Db,
    readonly maxConcurrency: number,
    private readonly windowMs = IDENTIFY_WINDOW_MS,
  ) {}

  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const key = shardId % this.maxConcurrency;
    await this.db.transaction(async (c) => {
      // Held until COMMIT: the next shard of this key, in any process, waits here for its turn.
      await c.query('SELECT pg_advisory_xact_lock($1, $2)', [IDENTIFY_LOCK, key]);
      const [row] = await c.query<{ wait: number }>(
        `SELECT GREATEST(0, CEIL(EXTRACT(EPOCH FROM (last_at - clock_timestamp())) * 1000 + $2))::integer AS wait
           FROM gateway_identify WHERE rate_key = $1`,
        [key, this.windowMs],
      );
      if (row && row.wait > 0) await abortable(row.wait, signal);
      await c.query(
        `INSERT INTO gateway_identify (rate_key, last_at) VALUES ($1, clock_timestamp())
           ON CONFLICT (rate_key) DO UPDATE SET last_at = EXCLUDED.last_at`,
        [key],
      );
    });
  }
}

/** discord.js's `ws.buildIdentifyThrottler` for a gateway process of the distributed mode. */
export function sharedIdentifyThrottler(
  db: Db,
  windowMs = IDENTIFY_WINDOW_MS,
): (manager: GatewayInformationSource) => Promise<IdentifyThrottler> {
  return async (manager) => {
    const info = await manager.fetchGatewayInformation();
    const maxConcurrency = Math.max(1, Math.floor(Number(info.session_start_limit.max_concurrency)) || 1);
    return new PostgresIdentifyThrottler(db, maxConcurrency, windowMs);
  };
}
