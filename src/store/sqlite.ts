import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { createKeyvStateStore, keyvOptions } from './keyv-state.js';
import { createSqliteArchive } from './sqlite/archive.js';
import { Connection, Writer } from './sqlite/connection.js';
import { createSqliteDelivery } from './sqlite/delivery.js';
import { migrate } from './sqlite/schema.js';
import type { Store } from './types.js';
import { errorCode, errorName } from '../errors.js';

/**
 * Page cache of the connection that searches, in KiB. Ranking a broad word reads its whole doclist and one
 * row-size record per match; with a larger cache these stay cached between searches (at 200k papers 16 MiB
 * took about 20% less CPU per search than SQLite's 2 MiB default; 32 MiB was no faster). 8 MiB keeps most
 * of that gain inside the bot's memory budget (see BENCHMARKS.md), and the cache never grows past this.
 */
export const READER_CACHE_KIB = 8 * 1024;

export interface SqliteStoreOptions {
  /** How long a connection waits for another one's write lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
}

/**
 * keyv's SQLite adapter with its writes taken in turn with the store's other writes. Each connection waits for
 * SQLite's write lock (busy_timeout) inside one of libuv's few worker threads: were keyv's writes to wait there
 * while the writer's transaction is open, they could take every thread, the transaction could not run its next
 * statement to end, and they would fail with SQLITE_BUSY once the timeout passed. In turn, the process never
 * waits for itself; only another process's writes are waited for.
 */
class TurnTakingKeyvSqlite extends KeyvSqlite {
  constructor(
    options: ConstructorParameters<typeof KeyvSqlite>[0],
    private readonly writer: Writer,
  ) {
    super(options);
  }

  override set(key: string, value: unknown): Promise<unknown> {
    return this.writer.inTurn(() => super.set(key, value));
  }

  override delete(key: string): Promise<boolean> {
    return this.writer.inTurn(() => super.delete(key));
  }

  override deleteMany(keys: string[]): Promise<boolean> {
    return this.writer.inTurn(() => super.deleteMany(keys));
  }

  override clear(): Promise<void> {
    return this.writer.inTurn(() => super.clear());
  }
}

/** The file could not be opened as Paperboy's database. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

function describeOpenError(path: string, error: unknown): DatabaseOpenError {
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  let hint = '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') hint = ': it is not a SQLite database, or it is corrupt';
  else if (code === 'SQLITE_CANTOPEN') hint = ': the file cannot be opened (missing directory or no permission?)';
  else if (code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') hint = ': the file is read-only';
  return new DatabaseOpenError(`Cannot open the database ${path}${hint} (${message})`, { cause: error });
}

/**
 * Open (creating if needed) the one SQLite file that holds everything: guild state through keyv
 * (@keyv/sqlite, table `keyv`), and the paper archive, digests and delivery ledger in real tables.
 *
 * Three connections share the file in WAL mode: keyv's own, one that writes archive and delivery
 * data (serialised in-process, each write one transaction, keyv's writes taken in turn with them), and a
 * read-only one for searches and lookups, so a long import never holds up `/paper search`.
 */
export async function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): Promise<Store> {
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  const opened: Connection[] = [];
  let writer: Writer;
  let reader: Connection;
  try {
    const main = await Connection.open(path, { busyTimeoutMs });
    opened.push(main);
    // The first statement that reads the file: a non-SQLite file fails here, with our message.
    await main.get('PRAGMA journal_mode = WAL');
    writer = new Writer(main);
    await writer.transaction((c) => migrate(c));
    reader = await Connection.open(path, { readOnly: true, busyTimeoutMs });
    opened.push(reader);
    await reader.get('PRAGMA query_only = 1');
    await reader.get(`PRAGMA cache_size = -${READER_CACHE_KIB}`);
  } catch (error) {
    await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
    if (errorName(error) === 'SchemaVersionError') throw error;
    throw describeOpenError(path, error);
  }

  const adapter = new TurnTakingKeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: busyTimeoutMs }, writer);
  const keyv = new Keyv({ ...keyvOptions, store: adapter });
  try {
    // keyv connects lazily; make it connect now, so that a problem surfaces here and not later.
    await adapter.query('SELECT 1');
  } catch (error) {
    await Promise.all([...opened.map((c) => c.close()), adapter.disconnect()].map((p) => p.catch(() => undefined)));
    throw describeOpenError(path, error);
  }

  let closing: Promise<void> | undefined;
  return {
    state: createKeyvStateStore(keyv),
    archive: createSqliteArchive(writer, reader),
    delivery: createSqliteDelivery(writer, reader),
    close() {
      closing ??= (async () => {
        await writer.idle();
        await keyv.disconnect();
        await reader.close();
        await writer.connection.close();
      })();
      return closing;
    },
  };
}
