import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { MIGRATIONS } from '../../src/store/postgres/schema.js';
import { storeContract } from './contract.js';
import { makeRecord } from './papers.js';
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

  /** Statistics as autovacuum would leave them: the total of a ranking window is scaled by `reltuples`. */
  async function analyze() {
    const c = new pg.Client({ connectionString: db!.url });
    await c.connect();
    await c.query('ANALYZE papers');
    await c.end();
  }

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

  describe('ranking windows', () => {
    /** `n` papers announced on `date` (YYYY-MM-DD), each with `text` in its abstract. */
    const papers = (prefix: string, n: number, date: string, text: string) =>
      Array.from({ length: n }, (_, i) =>
        makeRecord({ id: `${prefix}.${String(i).padStart(5, '0')}`, announced: date, abstract: `${text} filler ${i}` }),
      );

    it('ranks a broad search within the newest month, and scales its total to the papers the filters allow', async () => {
      const store = await openEmpty();
      try {
        await store.archive.upsert([
          ...papers('2611', 210, '2026-11-20', 'broadword'),
          // Older, and a far better match: outside the window the newest month fills.
          makeRecord({
            id: '2501.00001',
            announced: '2025-01-07',
            title: 'broadword broadword',
            abstract: 'broadword',
          }),
          ...papers('2502', 290, '2025-02-07', 'other'),
        ]);
        await analyze();
        const page = await store.archive.search('broadword', {}, { offset: 0, limit: 5 });
        expect(page.hits.map((h) => h.paper.id).every((id) => id.startsWith('2611.'))).toBe(true);
        // 210 matches among the 210 papers of the window, scaled to the 501 papers stored…
        expect(page.total).toBe(501);
        // … or to those the `since` filter leaves (the planner's estimate of them).
        const since = await store.archive.search('broadword', { since: '2026-01-01' }, { offset: 0, limit: 5 });
        expect(since.total).toBe(210);
      } finally {
        await store.close();
      }
    });

    it('goes straight to the whole archive when the last three months show a narrow search', async () => {
      const store = await openEmpty();
      try {
        await store.archive.upsert([
          makeRecord({ id: '2611.00001', announced: '2026-11-20', abstract: 'newest' }),
          // 10 matches in the two full months before the newest: 60 a year at that rate, under the 200 needed.
          ...papers('2610', 5, '2026-10-06', 'narrowword'),
          ...papers('2609', 5, '2026-09-07', 'narrowword'),
          // More in the months before: the 12-month window alone would hold 205 and be ranked on its own.
          ...papers('2603', 195, '2026-03-09', 'narrowword'),
          makeRecord({ id: '2401.00001', announced: '2024-01-08', title: 'narrowword narrowword', abstract: 'x' }),
        ]);
        await analyze();
        const page = await store.archive.search('narrowword', {}, { offset: 0, limit: 5 });
        expect(page.total).toBe(206);
        expect(page.hits[0]?.paper.id).toBe('2401.00001');
      } finally {
        await store.close();
      }
    });
  });
});
