/**
 * Throw-away PostgreSQL databases for the benchmarks, on the server `PAPERBOY_TEST_POSTGRES_URL` names (default
 * postgres://postgres@127.0.0.1:5432/postgres, as the tests use): created for one piece of work, dropped after it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.PAPERBOY_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** One statement as the administrator, on a connection of its own. */
export async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Run `work` with the URL of a fresh, empty database, dropped afterwards (connections and all). */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `pb_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
