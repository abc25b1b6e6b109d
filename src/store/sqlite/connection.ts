import sqlite3 from 'sqlite3';
import { KeyedMutex } from '../lock.js';

export type Params = readonly unknown[];

export interface RunInfo {
  changes: number;
  lastID: number;
}

/** Promise wrapper around one `sqlite3.Database` connection. */
export class Connection {
  private constructor(
    readonly path: string,
    private readonly db: sqlite3.Database,
  ) {}

  static open(path: string, options: { readOnly?: boolean; busyTimeoutMs: number }): Promise<Connection> {
    const mode = options.readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, mode, (error) => {
        if (error) return reject(error);
        db.configure('busyTimeout', options.busyTimeoutMs);
        resolve(new Connection(path, db));
      });
    });
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all<T>(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)));
    });
  }

  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get<T>(sql, params, (error, row) => (error ? reject(error) : resolve(row)));
    });
  }

  run(sql: string, params: Params = []): Promise<RunInfo> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, function (error) {
        if (error) reject(error);
        else resolve({ changes: this.changes, lastID: this.lastID });
      });
    });
  }

  /** Several statements separated by `;`, no parameters (schema scripts). */
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.close((error) => (error ? reject(error) : resolve()));
    });
  }
}

/**
 * The connection that writes. Statements from different callers would interleave inside each other's
 * transactions on one connection, so every write runs under one in-process lock, in a transaction
 * that BEGINs IMMEDIATE (taking SQLite's write lock up front, so it waits on busy_timeout instead of
 * failing halfway when another connection writes).
 */
export class Writer {
  readonly #lock = new KeyedMutex();

  constructor(readonly connection: Connection) {}

  transaction<T>(work: (c: Connection) => Promise<T>): Promise<T> {
    return this.#lock.run('write', async () => {
      const c = this.connection;
      await c.run('BEGIN IMMEDIATE');
      try {
        const result = await work(c);
        await c.run('COMMIT');
        return result;
      } catch (error) {
        await c.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * Run `work` in turn with this connection's transactions, outside any of them: for writes another connection
   * of the process makes to the same file (keyv's), which must never wait for SQLite's lock while this one holds
   * it (see TurnTakingKeyvSqlite in ../sqlite.ts).
   */
  inTurn<T>(work: () => Promise<T>): Promise<T> {
    return this.#lock.run('write', work);
  }

  /** Wait for queued writes to finish. */
  idle(): Promise<void> {
    return this.#lock.idle();
  }
}
