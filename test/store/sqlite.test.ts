import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptDataError } from '../../src/store/schemas.js';
import { DatabaseOpenError, openSqliteStore } from '../../src/store/sqlite.js';
import { SCHEMA_VERSION, SchemaVersionError } from '../../src/store/sqlite/schema.js';
import { storeContract, PERSISTED } from './contract.js';
import { makeRecord } from './papers.js';

let dir: string;
let n = 0;
const nextPath = () => join(dir, `store-${++n}.sqlite`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperboy-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

storeContract('sqlite', () => openSqliteStore(nextPath()));

/** Run one statement on the file with a separate raw connection, as another tool would. */
function raw(path: string, sql: string, params: unknown[] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (openError) => {
      if (openError) return reject(openError);
      db.configure('busyTimeout', 5000);
      db.all(sql, params, (error, rows) => {
        db.close();
        if (error) reject(error);
        else resolve(rows);
      });
    });
  });
}

describe('sqlite store file', () => {
  it('keeps everything across close and reopen', async () => {
    const path = nextPath();
    const first = await openSqliteStore(path);
    await first.state.updateGuild('g1', (s) => {
      s.audit.push({ guildId: 'g1', userId: 'u', action: 'topic.add', detail: 'x', at: '2025-01-01T00:00:00Z' });
    });
    await first.state.setValue('feed:cs', { etag: 'W/"1"' });
    await first.archive.upsert(
      PERSISTED.map((paper) => ({ paper, raw: { title: paper.title, abstract: paper.abstract } })),
    );
    await first.archive.setFigure('2501.00042', 1, null);
    await first.delivery.planDigest({
      key: 'g1:c1:t:2025-01-07:1',
      guildId: 'g1',
      channelId: 'c1',
      topicSlug: 't',
      date: '2025-01-07',
      paperIds: ['2501.00042'],
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
    await first.close();
    await first.close(); // closing twice is harmless

    const second = await openSqliteStore(path);
    try {
      expect((await second.state.getGuild('g1')).audit).toHaveLength(1);
      expect(await second.state.listGuildIds()).toEqual(['g1']);
      expect(await second.state.getValue('feed:cs')).toEqual({ etag: 'W/"1"' });
      expect(await second.archive.get('2501.00042')).toEqual(PERSISTED[0]);
      expect((await second.archive.search('persistent', {}, { offset: 0, limit: 5 })).total).toBe(1);
      expect(await second.archive.getFigure('2501.00042', 1)).toBeNull();
      expect(await second.delivery.postedInGuild('g1')).toEqual(['2501.00042']);
      expect(await second.delivery.pendingDigests()).toHaveLength(1);
    } finally {
      await second.close();
    }
    expect(await raw(path, "SELECT value FROM meta WHERE key = 'schema_version'")).toEqual([
      { value: String(SCHEMA_VERSION) },
    ]);
  });

  it('refuses a file that is not a SQLite database, naming it', async () => {
    const path = nextPath();
    await writeFile(
      path,
      'this is not a database, just some text that is long enough to look like a header '.repeat(20),
    );
    const attempt = openSqliteStore(path);
    await expect(attempt).rejects.toThrow(DatabaseOpenError);
    await expect(attempt).rejects.toThrow(path);
    await expect(attempt).rejects.toThrow(/not a SQLite database/);
  });

  it('refuses a path it cannot open', async () => {
    await expect(openSqliteStore(join(dir, 'missing-dir', 'x.sqlite'))).rejects.toThrow(/cannot be opened/);
  });

  it('refuses a file from a newer schema', async () => {
    const path = nextPath();
    await (await openSqliteStore(path)).close();
    await raw(path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
    await expect(openSqliteStore(path)).rejects.toThrow(SchemaVersionError);
  });

  it('upgrades a version 1 file in place: the venue tables are added, the rest kept', async () => {
    const path = nextPath();
    const first = await openSqliteStore(path);
    await first.archive.upsert(PERSISTED.map((paper) => ({ paper, raw: { title: paper.title, abstract: '' } })));
    await first.close();
    await raw(path, 'DROP TABLE venue_events');
    await raw(path, 'DROP TABLE venue_updates');
    await raw(path, "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
    const second = await openSqliteStore(path);
    try {
      expect(await second.archive.get('2501.00042')).toEqual(PERSISTED[0]);
      expect(await second.archive.venueEvents('2000-01-01')).toEqual([]);
      expect(await second.delivery.venueClaims('c1', ['2501.00042'])).toEqual(new Map());
    } finally {
      await second.close();
    }
    expect(await raw(path, "SELECT value FROM meta WHERE key = 'schema_version'")).toEqual([{ value: '2' }]);
  });

  it('reports a corrupt guild value clearly and does not overwrite it', async () => {
    const path = nextPath();
    const store = await openSqliteStore(path);
    try {
      await store.state.updateGuild(
        'g1',
        (s) => void s.audit.push({ guildId: 'g1', userId: 'u', action: 'a', detail: 'd', at: 'now' }),
      );
      await raw(
        path,
        'UPDATE keyv SET value = \'{"value":{"guildId":"g1","topics":"oops"}}\' WHERE key = \'paperboy:guild:g1\'',
      );
      await expect(store.state.getGuild('g1')).rejects.toThrow(CorruptDataError);
      await expect(store.state.getGuild('g1')).rejects.toThrow(/guild g1.*topics/);
      await expect(store.state.updateGuild('g1', (s) => void s.topics.splice(0))).rejects.toThrow(CorruptDataError);
      await raw(path, "UPDATE keyv SET value = '{not json' WHERE key = 'paperboy:guild:g1'");
      await expect(store.state.getGuild('g1')).rejects.toThrow(/not valid JSON/);
      expect(await raw(path, "SELECT value FROM keyv WHERE key = 'paperboy:guild:g1'")).toEqual([
        { value: '{not json' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('shares the file with a second store: claims stay exclusive across connections', async () => {
    const path = nextPath();
    const a = await openSqliteStore(path);
    const b = await openSqliteStore(path);
    try {
      const plan = (key: string, store: typeof a) =>
        store.delivery.planDigest({
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
      const importing = a.archive.upsert(
        Array.from({ length: 300 }, (_, i) => makeRecord({ id: `2501.${String(i).padStart(5, '0')}` })),
      );
      const results = await Promise.all([plan('k-a', a), plan('k-b', b), importing]);
      expect(results.slice(0, 2).filter((r) => 'ok' in r && r.ok)).toHaveLength(1);
      expect(await b.archive.count()).toBe(300);
      await b.state.updateGuild(
        'g',
        (s) => void s.audit.push({ guildId: 'g', userId: 'u', action: 'a', detail: 'd', at: 'now' }),
      );
      expect((await a.state.getGuild('g')).audit).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
