import pg from 'pg';
import { KeyedMutex } from '../lock.js';
import { errorMessage, errorCode } from '../../errors.js';

export type Params = readonly unknown[];

/** Something that runs statements: the pool, or one client inside a transaction. */
export interface Queryable {
  query<T extends object = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
}

/** Where warnings go (a pino logger fits). */
export interface StoreLog {
  warn(obj: object, msg: string): void;
}

/** PostgreSQL refused a write because the database (or server) is read-only. Nothing of the change was written. */
export class DatabaseReadOnlyError extends Error {
  override name = 'DatabaseReadOnlyError';
}

/** The connection to PostgreSQL failed and the operation could not be completed (nothing of it was written). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** SQLSTATE classes and codes after which the statement may be retried on a fresh connection. */
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const CONNECTION_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

/** The connection broke (server restart, `pg_terminate_backend`, network): the statement never completed. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && (CONNECTION_CODES.has(e.code) || CONNECTION_ERRNOS.has(e.code))) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|Connection ended/i.test(
    message,
  );
}

/** SQLSTATE 25006: read_only_sql_transaction. */
export function isReadOnlyError(error: unknown): boolean {
  return errorCode(error) === '25006';
}

/** SQLSTATE 57014: query_canceled (statement_timeout). */
export function isTimeoutError(error: unknown): boolean {
  return errorCode(error) === '57014';
}

/** Host, port and database of a URL, never its password: for messages. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)';
    return `${u.hostname || 'localhost'}:${u.port || '5432'}/${db}`;
  } catch {
    return 'the PostgreSQL server';
  }
}

export interface DbOptions {
  /** Connections in the pool. Default 10. */
  max?: number;
  /** How long to wait for a connection (to connect, or for a free one). Default 10 s. */
  connectionTimeoutMs?: number;
  log?: StoreLog;
}

/** How often an operation is tried again after a broken connection, and the pause before each try. */
const RETRY_DELAYS_MS = [50, 250, 1000];

/**
 * One `pg.Pool` per store, with an `error` listener (an idle connection the server drops must never crash the
 * process), and transactions that are retried on a fresh connection when the old one breaks before COMMIT.
 */
export class Db implements Queryable {
  readonly pool: pg.Pool;
  readonly #log: StoreLog | undefined;
  readonly #target: string;
  /** Statements in flight, so that close() waits for them. */
  readonly #busy = new KeyedMutex();

  constructor(url: string, options: DbOptions = {}) {
    this.#log = options.log;
    this.#target = describeTarget(url);
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'paperboy',
    });
    this.pool.on('error', (error) => {
      // An idle connection died (server restart, pg_terminate_backend): the pool drops it and opens another later.
      this.#log?.warn({ err: error, database: this.#target }, 'PostgreSQL closed an idle connection');
    });
  }

  get target(): string {
    return this.#target;
  }

  /** One statement on any pooled connection, retried after a broken connection when `idempotent`. */
  async query<T extends object = Record<string, unknown>>(
    sql: string,
    params: Params = [],
    options: { idempotent?: boolean } = { idempotent: true },
  ): Promise<T[]> {
    return this.#withRetry(options.idempotent !== false, async () => {
      const result = await this.pool.query(sql, params as unknown[]);
      return result.rows as T[];
    });
  }

  /**
   * Run `work` in one transaction. A connection that breaks before COMMIT is sent rolls everything back on the
   * server, so the whole transaction is tried again on a fresh connection. When it breaks during COMMIT the
   * outcome is unknown: it is tried again only if `idempotent` says the work may run twice.
   */
  transaction<T>(
    work: (c: Queryable) => Promise<T>,
    options: { idempotent?: boolean; begin?: string } = {},
  ): Promise<T> {
    let committing = false;
    const attempt = async (): Promise<T> => {
      committing = false;
      const client = await this.pool.connect();
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query(options.begin ?? 'BEGIN');
        const q: Queryable = {
          query: async <R extends object>(sql: string, params: Params = []) =>
            (await client.query(sql, params as unknown[])).rows as R[],
        };
        const result = await work(q);
        committing = true;
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (!isConnectionError(error) && !broken) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        // A broken connection is destroyed, never handed out again.
        client.release(broken ?? undefined);
      }
    };
    return this.#withRetry(true, attempt, () => !committing || options.idempotent === true);
  }

  async #withRetry<T>(retry: boolean, run: () => Promise<T>, mayRetry: () => boolean = () => true): Promise<T> {
    return this.#busy.run(String(Math.random()), async () => {
      for (let i = 0; ; i++) {
        try {
          return await run();
        } catch (error) {
          if (isReadOnlyError(error)) {
            throw new DatabaseReadOnlyError(
              `PostgreSQL at ${this.#target} is read-only (default_transaction_read_only or a standby): the change was refused and nothing of it was written`,
              { cause: error },
            );
          }
          if (!isConnectionError(error)) throw error;
          if (!retry || !mayRetry() || i >= RETRY_DELAYS_MS.length) {
            throw new DatabaseUnavailableError(
              `Lost the connection to PostgreSQL at ${this.#target} (${errorMessage(error)})${mayRetry() ? '' : '; the outcome of the last change is unknown'}`,
              { cause: error },
            );
          }
          this.#log?.warn(
            { err: error, database: this.#target, attempt: i + 1 },
            'PostgreSQL connection lost; trying again on a new connection',
          );
          await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[i]));
        }
      }
    });
  }

  /** Wait for statements in flight, then close every connection. */
  async close(): Promise<void> {
    await this.#busy.idle();
    await this.pool.end();
  }
}
