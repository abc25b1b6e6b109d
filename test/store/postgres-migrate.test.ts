import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { copySqliteToPostgres, TargetNotEmptyError } from '../../src/store/postgres/copy.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { DigestRecord, Store } from '../../src/store/types.js';
import { makeRecord } from './papers.js';
import { createTestDatabase, describePg } from './pg-server.js';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
const PAPERS = 230;

let dir: string;
let sqlitePath: string;

function digest(key: string, channelId: string, paperIds: string[]): DigestRecord {
  return {
    key,
    guildId: 'g1',
    channelId,
    topicSlug: 't',
    date: '2025-01-07',
    paperIds,
    skippedIds: [],
    messages: [{ index: 0, nonce: `${key}.0`, paperIds, body: { content: 'x', embeds: [] }, messageId: null }],
    threadName: 't',
    openThread: true,
    threadId: null,
    status: 'pending',
    attempts: 0,
    error: null,
    createdAt: '2025-01-07T14:00:00.000Z',
    finishedAt: null,
  };
}

async function fill(store: Store): Promise<void> {
  const words = ['contrastive', 'graph', 'diffusion', 'transformer', 'Lämmerzahl', 'semi-supervised'];
  await store.archive.upsert(
    Array.from({ length: PAPERS }, (_, i) =>
      makeRecord(
        {
          id: `2501.${String(i).padStart(5, '0')}`,
          title: `On ${words[i % words.length]} methods ${i}`,
          abstract: `We study ${words[(i * 7) % words.length]} and $\\alpha$-divergence number ${i}.`,
          authors: [`Author ${words[i % 3]}`, 'Zoë Müller'],
          categories: i % 2 ? ['cs.LG', 'stat.ML'] : ['math.ST'],
          codeUrl: i % 5 === 0 ? `https://github.com/x/${i}` : null,
          announced: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        },
        { title: `On ${words[i % words.length]} methods ${i} $\\mathcal{O}$` },
      ),
    ),
  );
  // A later version with a venue: one venue event.
  await store.archive.upsert([makeRecord({ id: '2501.00003', version: 2, venue: 'ICML 2025' })], {
    at: new Date('2025-01-20T10:00:00Z'),
  });
  await store.archive.setFigure('2501.00001', 1, 'https://arxiv.org/html/x/fig1.png');
  await store.archive.setFigure('2501.00002', 1, null);
  for (let d = 0; d < 12; d++) {
    const ids = [0, 1, 2].map((k) => `2501.${String(d * 3 + k).padStart(5, '0')}`);
    await store.delivery.planDigest(digest(`g1:c${d % 3}:t:2025-01-${10 + d}`, `c${d % 3}`, ids));
    if (d % 2) await store.delivery.markMessageSent(`g1:c${d % 3}:t:2025-01-${10 + d}`, 0, `m${d}`);
  }
  // Its venue update in channel c0, claimed.
  await store.delivery.planDigest(
    { ...digest('g1:c0:~venue:2025-01-21:1', 'c0', []), topicSlug: '~venue' },
    { venues: [{ paperId: '2501.00003', venue: 'ICML 2025' }] },
  );
  for (const g of ['100000000000000001', '100000000000000002', '100000000000000003']) {
    await store.state.updateGuild(g, (s) => {
      s.audit.push({ guildId: g, userId: 'u', action: 'topic.add', detail: 'ü', at: '2025-01-01T00:00:00Z' });
    });
  }
  for (const u of ['420000000000000001', '420000000000000002']) {
    await store.state.updateMember(u, (m) => {
      m.saved.push({ paperId: '2501.00001', at: '2025-01-02T00:00:00Z', guildId: null });
      m.dm.channelId = `dm-${u}`;
    });
  }
  await store.state.setValue('feed:cs', { etag: 'W/"1"', lastModified: null });
  await store.state.setValue('scheduler:last', '2025-01-07');
}

describePg('paperboy migrate (SQLite → PostgreSQL)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paperboy-migrate-'));
    sqlitePath = join(dir, 'source.sqlite');
    const store = await openSqliteStore(sqlitePath);
    await fill(store);
    await store.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('copies everything, resumes after an interruption, refuses a non-empty target without --resume', async () => {
    const target = await createTestDatabase();
    try {
      let batches = 0;
      const interrupted = copySqliteToPostgres(sqlitePath, target.url, {
        batchSize: 50,
        onProgress: () => {
          if (++batches === 3) throw new Error('interrupted');
        },
      });
      await expect(interrupted).rejects.toThrow('interrupted');
      await expect(copySqliteToPostgres(sqlitePath, target.url, { batchSize: 50 })).rejects.toThrow(
        TargetNotEmptyError,
      );
      await expect(copySqliteToPostgres(sqlitePath, target.url, { batchSize: 50 })).rejects.toThrow(/--resume/);
      const events: number[] = [];
      const result = await copySqliteToPostgres(sqlitePath, target.url, {
        batchSize: 50,
        resume: true,
        onProgress: ({ copied }) => events.push(copied.papers),
      });
      // Resumed after the two batches recorded before the interruption.
      expect(events[0]).toBe(100);
      expect(result.resumed).toBe(true);
      expect(result.target).toEqual(result.source);
      expect(result.source).toEqual({
        papers: PAPERS,
        figures: 2,
        venue_events: 1,
        digests: 13,
        ledger: 36,
        venue_updates: 1,
        guilds: 3,
        members: 2,
        values: 2,
      });

      const sqlite = await openSqliteStore(sqlitePath);
      const pg = await openPostgresStore(target.url);
      try {
        const ids = Array.from({ length: PAPERS }, (_, i) => `2501.${String(i).padStart(5, '0')}`);
        expect(await pg.archive.getMany(ids)).toEqual(await sqlite.archive.getMany(ids));
        expect(await pg.archive.getFigure('2501.00001', 1)).toBe('https://arxiv.org/html/x/fig1.png');
        expect(await pg.archive.getFigure('2501.00002', 1)).toBeNull();
        for (const q of ['contrastive', 'mathcal', 'alpha divergence', 'semi-supervised', 'lammerzahl', 'diffus*']) {
          const all = { offset: 0, limit: 1000 };
          const a = (await sqlite.archive.search(q, {}, all)).hits.map((h) => h.paper.id).sort();
          const b = (await pg.archive.search(q, {}, all)).hits.map((h) => h.paper.id).sort();
          expect(b, q).toEqual(a);
          expect(b.length, q).toBeGreaterThan(0);
        }
        expect(await pg.delivery.pendingDigests()).toEqual(await sqlite.delivery.pendingDigests());
        expect(await pg.delivery.postedInGuild('g1')).toEqual(await sqlite.delivery.postedInGuild('g1'));
        expect(await pg.archive.venueEvents('2000-01-01')).toEqual(await sqlite.archive.venueEvents('2000-01-01'));
        expect(await pg.delivery.venueClaims('c0', ['2501.00003'])).toEqual(
          new Map([['2501.00003', new Set(['ICML 2025'])]]),
        );
        expect(await pg.state.listGuildIds()).toEqual(await sqlite.state.listGuildIds());
        for (const g of await sqlite.state.listGuildIds()) {
          expect(await pg.state.getGuild(g)).toEqual(await sqlite.state.getGuild(g));
        }
        expect(await pg.state.listMemberIds()).toEqual(await sqlite.state.listMemberIds());
        for (const u of await sqlite.state.listMemberIds()) {
          expect(await pg.state.getMember(u)).toEqual(await sqlite.state.getMember(u));
        }
        expect(await pg.state.getValue('feed:cs')).toEqual({ etag: 'W/"1"', lastModified: null });
        expect(await pg.state.getValue('scheduler:last')).toBe('2025-01-07');
      } finally {
        await sqlite.close();
        await pg.close();
      }
    } finally {
      await target.drop();
    }
  });

  it('runs as `paperboy migrate --to`, with one summary line when stderr is not a terminal', async () => {
    const target = await createTestDatabase();
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'migrate', ...args], {
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite://${sqlitePath}`, LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    try {
      const first = await run(['--to', target.url]);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(
        new RegExp(
          `^Migrated to 127\\.0\\.0\\.1:5432/${target.name} in [\\d.]+ s: ${PAPERS} papers, 2 figures, 1 venue_events, 13 digests, 36 ledger, 1 venue_updates, 3 guilds, 2 members, 2 values; counts verified\\.\\n$`,
        ),
      );
      const again = await run(['--to', target.url]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/is not empty \(230 papers.*--resume/);
      const resumed = await run(['--to', target.url, '--resume']);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toMatch(/\(resumed\).*counts verified/);
      const usage = await run(['--to', 'sqlite://x.sqlite']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/--to takes a postgres:\/\/ URL/);
    } finally {
      await target.drop();
    }
  }, 60_000);
});
