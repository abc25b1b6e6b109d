import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/** The server the PostgreSQL tests create their databases on. */
export const PG_ADMIN_URL = process.env.PAPERBOY_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why the server cannot be used, or null when it answers. Probed once per test file. */
export const pgUnavailable: string | null = await probe();

/**
 * `describe` for tests that need the server. Without one they are skipped with one printed line, unless env CI
 * is set: then they fail, so that CI never passes without having run them.
 */
export function describePg(name: string, body: () => void): void {
  if (pgUnavailable === null) {
    describe(name, body);
    return;
  }
  const ci = process.env.CI !== undefined && process.env.CI !== '' && !/^(0|false)$/i.test(process.env.CI);
  if (ci) {
    describe(name, () => {
      it('needs the PostgreSQL server', () => {
        throw new Error(`PostgreSQL at ${PG_ADMIN_URL} does not answer (${pgUnavailable}); CI must run these tests`);
      });
    });
    return;
  }
  console.log(`skipped: ${name} (PostgreSQL at ${PG_ADMIN_URL} does not answer: ${pgUnavailable})`);
  describe.skip(name, body);
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh, empty database `pb_test_<random>` and its URL; `drop()` removes it, connections and all. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `pb_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** One statement on the test server as the administrator (ALTER DATABASE, pg_terminate_backend, …). */
export function adminQuery<T extends object = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return admin(async (c) => (await c.query(sql, params)).rows as T[]);
}
