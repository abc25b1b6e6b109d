/**
 * The SQLite archive's search (ranked and cut inside the FTS table, the total counted apart and only when the
 * page does not give it) against the plain query it must agree with: every match joined to its paper, filters
 * as conditions, `ORDER BY bm25(…), seq`, counted by `count(*)`. A seeded archive, many queries, every kind
 * of filter, pages at the start, the middle, the end and past it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthorFilter, parseSearchQuery, toFtsMatch } from '../../src/store/fts-query.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { RANK_FUNCTION } from '../../src/store/sqlite/schema.js';
import type { SearchFilters, Store } from '../../src/store/types.js';
import { DOMAIN, seededRandom, syntheticPapers } from './papers.js';

const PAPERS = 2000;
const records = syntheticPapers(PAPERS, 7);
let dir: string;
let path: string;
let store: Store;
let plain: sqlite3.Database;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperboy-search-'));
  path = join(dir, 'archive.sqlite');
  store = await openSqliteStore(path);
  for (let i = 0; i < records.length; i += 1000) await store.archive.upsert(records.slice(i, i + 1000));
  plain = await new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(db)));
  });
});
afterAll(async () => {
  await new Promise((resolve) => plain.close(resolve));
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function all<T>(sql: string, params: unknown[]): Promise<T[]> {
  return new Promise((resolve, reject) =>
    plain.all<T>(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))),
  );
}

/** The plain, obviously right query: what the store must return. */
async function reference(query: string, filters: SearchFilters, page: { offset: number; limit: number }) {
  const author = filters.author !== undefined ? parseAuthorFilter(filters.author) : undefined;
  const params: unknown[] = [toFtsMatch(parseSearchQuery(query), author)];
  const where: string[] = [];
  if (filters.since !== undefined) {
    where.push('p.since_date >= ?');
    params.push(filters.since);
  }
  if (filters.hasCode !== undefined) {
    where.push('p.has_code = ?');
    params.push(filters.hasCode ? 1 : 0);
  }
  if (filters.category !== undefined) {
    where.push('p.seq IN (SELECT seq FROM paper_categories WHERE category = ?)');
    params.push(filters.category.toLowerCase());
  }
  if (filters.ids !== undefined) {
    where.push('p.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filters.ids));
  }
  const from = `FROM papers_fts JOIN papers p ON p.seq = papers_fts.rowid
    WHERE papers_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}`;
  const bm25 = RANK_FUNCTION.replace('bm25(', 'bm25(papers_fts, ');
  const rows = await all<{ id: string; score: number }>(
    `SELECT p.id, -${bm25} AS score ${from} ORDER BY ${bm25}, p.seq LIMIT ? OFFSET ?`,
    [...params, page.limit, page.offset],
  );
  const [count] = await all<{ n: number }>(`SELECT count(*) AS n ${from}`, params);
  return { ids: rows.map((r) => r.id), scores: rows.map((r) => r.score), total: count?.n ?? 0 };
}

/** Seeded queries of every kind the command sends, each with one kind of filter or none. */
function cases(): { query: string; filters: SearchFilters }[] {
  const rnd = seededRandom(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const paper = () => pick(records).paper;
  const out: { query: string; filters: SearchFilters }[] = [];
  for (let i = 0; i < 8; i++) {
    const p = paper();
    const titleWords = p.title.toLowerCase().split(' ');
    const abstractWords = p.abstract.replace('.', '').split(' ');
    const at = Math.floor(rnd() * (abstractWords.length - 2));
    const queries = [
      pick(DOMAIN),
      titleWords.slice(0, 2).join(' '),
      `"${abstractWords.slice(at, at + 2).join(' ')}"`,
      `${pick(DOMAIN).slice(0, 4)}*`,
      `${pick(DOMAIN)} OR ${pick(DOMAIN)} -${pick(DOMAIN)}`,
    ];
    const filters: SearchFilters[] = [
      {},
      { author: p.authors[0]!.split(' ')[1]! },
      { since: `2025-03-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}` },
      { hasCode: rnd() < 0.5 },
      { category: pick(['cs', 'cs.LG', 'math', 'hep-th', 'astro-ph.GA']) },
      { ids: Array.from({ length: 300 }, () => paper().id) },
    ];
    for (const query of queries) out.push({ query, filters: pick(filters) });
  }
  return out;
}

describe('sqlite archive search agrees with the plain bm25 query', () => {
  it('on the first page, the next one, the last one and past the end, hits, order, scores and totals', async () => {
    let fullPages = 0;
    let partialPages = 0;
    for (const { query, filters } of cases()) {
      const first = await reference(query, filters, { offset: 0, limit: 5 });
      const offsets = [0, 5, Math.max(0, first.total - 2), first.total + 3];
      for (const offset of offsets) {
        const page = { offset, limit: 5 };
        const want = await reference(query, filters, page);
        const got = await store.archive.search(query, filters, page);
        const label = `${query} ${JSON.stringify(filters).slice(0, 60)} @${offset}`;
        expect(
          got.hits.map((h) => h.paper.id),
          label,
        ).toEqual(want.ids);
        expect(got.total, label).toBe(want.total);
        got.hits.forEach((h, i) => expect(h.score, label).toBeCloseTo(want.scores[i]!, 9));
        if (want.ids.length === 5) fullPages++;
        else if (want.ids.length > 0) partialPages++;
      }
    }
    // The seeded mix must exercise both ways of finding the total.
    expect(fullPages).toBeGreaterThan(20);
    expect(partialPages).toBeGreaterThan(10);
  });

  it('counts every match of a broad word although it ranks only one page', async () => {
    const word = 'learning';
    const want = await reference(word, {}, { offset: 0, limit: 5 });
    const got = await store.archive.search(word, {}, { offset: 0, limit: 5 });
    expect(want.total).toBeGreaterThan(PAPERS / 10);
    expect(got.total).toBe(want.total);
    expect(got.hits.map((h) => h.paper.id)).toEqual(want.ids);
  });
});
