import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createMemoryStore } from './memory.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/index.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { Store } from './types.js';

export { createMemoryStore } from './memory.js';
export { openSqliteStore, DatabaseOpenError, type SqliteStoreOptions } from './sqlite.js';
export {
  describePostgres,
  openPostgresStore,
  PostgresOpenError,
  SearchTimeoutError,
  DatabaseReadOnlyError,
  DatabaseUnavailableError,
  type PostgresStoreOptions,
} from './postgres/index.js';
export { parseSearchQuery, toFtsMatch } from './fts-query.js';
export { CorruptDataError } from './schemas.js';
export * from './types.js';

/** `DATABASE_URL` that is not one of the supported forms. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

const SUPPORTED =
  'sqlite://relative/path.sqlite, sqlite:///absolute/path.sqlite, postgres://user:password@host:5432/database, sqlite::memory: or memory:// (in memory, nothing kept)';

export type DatabaseTarget = { kind: 'memory' } | { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * Where `DATABASE_URL` points: a SQLite file path (relative to the working directory unless absolute),
 * a PostgreSQL server (`postgres://` or `postgresql://`, passed to the driver as written), or memory.
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const url = databaseUrl.trim();
  if (/^postgres(?:ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError(
        `Cannot use DATABASE_URL: it starts with postgres:// but is not a valid URL (percent-encode special characters in the password). Supported: ${SUPPORTED}`,
      );
    }
    if (!parsed.hostname && !parsed.searchParams.has('host'))
      throw new DatabaseUrlError(`Cannot use DATABASE_URL: the postgres:// URL names no host. Supported: ${SUPPORTED}`);
    return { kind: 'postgres', url };
  }
  if (url === 'sqlite::memory:' || url === 'memory://' || url === 'memory:' || url === 'sqlite://:memory:') {
    return { kind: 'memory' };
  }
  const sqlite = /^sqlite:\/\/(.*)$/i.exec(url);
  if (sqlite) {
    let path = sqlite[1] ?? '';
    try {
      path = decodeURIComponent(path);
    } catch {
      // Not percent-encoded: take it as written.
    }
    if (path.length === 0)
      throw new DatabaseUrlError(`DATABASE_URL "${url}" has no file path. Supported: ${SUPPORTED}`);
    return { kind: 'sqlite', path: resolve(path) };
  }
  // Only the scheme is echoed: other URLs (postgres://user:password@…) may carry secrets.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  const what = scheme ? `the scheme "${scheme}:" is not supported` : 'it is not a database URL';
  throw new DatabaseUrlError(`Cannot use DATABASE_URL: ${what}. Supported: ${SUPPORTED}`);
}

export type StoreOptions = SqliteStoreOptions & PostgresStoreOptions;

/** Open the store `DATABASE_URL` names, creating the SQLite file and its directory if needed. */
export async function openStore(databaseUrl: string, options: StoreOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'memory') return createMemoryStore();
  if (target.kind === 'postgres') {
    return openPostgresStore(target.url, options);
  }
  await mkdir(dirname(target.path), { recursive: true });
  return openSqliteStore(target.path, options);
}
