import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { MIGRATIONS } from '../../src/store/postgres/schema.js';
import { storeContract } from './contract.js';
import { createTestDatabase, describePg } from './pg-server.js';

let db: { url: string; drop: () => Promise<void> } | undefined;

describePg('postgres store (test/store/postgres.test.ts)', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** Each contract case gets the same database emptied: creating one per case would cost more than the case. */
  async function openEmpty() {
    const store = await openPostgresStore(db!.url);
    const c = new pg.Client({ connectionString: db!.url });
    await c.connect();
    // DELETE, not TRUNCATE: on tables this small it takes milliseconds instead of a file swap per table.
    await c.query(
      'DELETE FROM papers; DELETE FROM figures; DELETE FROM digests; DELETE FROM ledger; DELETE FROM guilds; DELETE FROM members; DELETE FROM kv; DELETE FROM migration_progress; DELETE FROM venue_events; DELETE FROM venue_updates',
    );
    await c.end();
    return store;
  }

  storeContract('postgres', openEmpty);

  it('has its schema version recorded once', async () => {
    const store = await openPostgresStore(db!.url);
    await store.close();
    const c = new pg.Client({ connectionString: db!.url });
    await c.connect();
    const rows = (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows;
    await c.end();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
  });

  it('migrates a new database once when four stores open it together', async () => {
    const fresh = await createTestDatabase();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(fresh.url)));
      await Promise.all(stores.map((s) => s.close()));
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      const rows = (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows;
      await c.end();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    } finally {
      await fresh.drop();
    }
  });

  it('keeps guild updates and claims exclusive across two stores (two processes)', async () => {
    const a = await openEmpty();
    const b = await openPostgresStore(db!.url);
    try {
      const bump = (s: typeof a, i: number) =>
        s.state.updateGuild('g', (st) => {
          st.audit.push({ guildId: 'g', userId: `u${i}`, action: 'inc', detail: String(i), at: 'now' });
          return st.audit.length;
        });
      const counts = await Promise.all(Array.from({ length: 30 }, (_, i) => bump(i % 2 ? a : b, i)));
      expect(new Set(counts).size).toBe(30);
      expect((await a.state.getGuild('g')).audit).toHaveLength(30);
      expect(await b.state.listGuildIds()).toEqual(['g']);
      const plan = (key: string, s: typeof a) =>
        s.delivery.planDigest({
          key,
          guildId: 'g',
          channelId: 'c',
          topicSlug: 't',
          date: '2025-01-07',
          paperIds: ['p1', 'p2'],
          skippedIds: [],
          messages: [],
          threadName: 't',
          openThread: false,
          threadId: null,
          status: 'pending',
          attempts: 0,
          error: null,
          createdAt: '2025-01-07T14:00:00Z',
          finishedAt: null,
        });
      const results = await Promise.all([plan('k-a', a), plan('k-b', b), plan('k-c', a), plan('k-d', b)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
