import type { Store } from '../types.js';
import { createPostgresArchive } from './archive.js';
import { Db, DatabaseUnavailableError, describeTarget, type StoreLog } from './connection.js';
import { createPostgresDelivery } from './delivery.js';
import { Fence } from './fence.js';
import { migrate, SCHEMA_VERSION } from './schema.js';
import { createPostgresState } from './state.js';
import { errorName } from '../../errors.js';

export { SearchTimeoutError } from './archive.js';
export { DatabaseReadOnlyError, DatabaseUnavailableError, Db } from './connection.js';
export { Fence, FencedError } from './fence.js';
export { SchemaVersionError as PostgresSchemaVersionError } from './schema.js';

export interface PostgresStoreOptions {
  /** Time limit of one search (ms). Default 2000 (the bot passes PAPERBOY_SEARCH_TIMEOUT_MS). */
  searchTimeoutMs?: number;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** How long to wait for a connection. Default 10 s. */
  connectionTimeoutMs?: number;
  log?: StoreLog;
}

/** PostgreSQL could not be reached, or refused Paperboy, when opening the store. */
export class PostgresOpenError extends Error {
  override name = 'PostgresOpenError';
}

export const DEFAULT_SEARCH_TIMEOUT_MS = 2000;

/**
 * Open the store on a PostgreSQL database: one pool for the process, the schema migrated first (under an
 * advisory lock). Fails with one clear {@link PostgresOpenError} when the server does not answer.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const db = new Db(url, {
    max: options.poolSize ?? 10,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 10_000,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    await db.query('SELECT 1', [], { idempotent: false });
    await migrate(db);
  } catch (error) {
    await db.pool.end().catch(() => undefined);
    if (errorName(error) === 'SchemaVersionError') throw error;
    const e = (error instanceof DatabaseUnavailableError ? error.cause : error) as { code?: string; message?: string };
    const why =
      e.code === 'ECONNREFUSED' ? 'nothing answers there (is the server running?)' : (e.message ?? String(error));
    throw new PostgresOpenError(`Cannot open the PostgreSQL database ${describeTarget(url)}: ${why}`, {
      cause: error,
    });
  }
  let closing: Promise<void> | undefined;
  const fence = new Fence();
  return {
    postgres: { db, url, fence },
    state: createPostgresState(db),
    archive: createPostgresArchive(db, {
      searchTimeoutMs: options.searchTimeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS,
      ...(options.log ? { log: options.log } : {}),
    }),
    delivery: createPostgresDelivery(db, fence),
    close() {
      closing ??= db.close();
      return closing;
    },
  };
}

/** What `paperboy doctor` reports of a PostgreSQL database: where (no password), its schema version, its size. */
export async function describePostgres(
  url: string,
): Promise<{ target: string; schemaVersion: number; latest: number; bytes: number }> {
  const db = new Db(url, { max: 1, connectionTimeoutMs: 5000 });
  try {
    const [row] = await db.query<{ version: number | null; bytes: string }>(
      `SELECT (SELECT max(version) FROM schema_migrations) AS version, pg_database_size(current_database()) AS bytes`,
    );
    return {
      target: db.target,
      schemaVersion: row?.version ?? 0,
      latest: SCHEMA_VERSION,
      bytes: Number(row?.bytes ?? 0),
    };
  } finally {
    await db.close();
  }
}
