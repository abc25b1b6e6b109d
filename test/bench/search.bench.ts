/**
 * `/paper search` at archive scale. For each size, on the cached generated archive, the sample query mix
 * (five kinds, plus the same words with the `since` and `has_code` filters) is timed three ways in the same
 * run, query by query, in alternating order:
 *
 * - ours: `searchPapers`, what the command calls for the first page of five (ranking, total, papers read);
 * - bare: `SELECT … FROM fts JOIN papers … WHERE fts MATCH ? ORDER BY bm25(…) LIMIT 5` on its own connection,
 *   with the same MATCH expression and the same filters as plain conditions;
 * - naive: every paper stored as JSON in a keyv-shaped table, all rows loaded, a lowercase substring test
 *   per word, the newest five kept, as small bots do.
 *
 * Wall times are what a member waits; CPU times (process CPU per query, the SQLite thread included) are given
 * in the notes because they hold up on a shared machine where wall times do not.
 */
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Paper } from '../../src/papers/paper.js';
import type { SearchParams } from '../../src/search/saved.js';
import { searchPapers } from '../../src/search/service.js';
import { parseAuthorFilter, parseSearchQuery, toFtsMatch } from '../../src/store/fts-query.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { Connection } from '../../src/store/sqlite/connection.js';
import { RANK_FUNCTION } from '../../src/store/sqlite/schema.js';
import type { Store } from '../../src/store/types.js';
import { archiveFile, removeDatabase } from './archive.js';
import { paperBatches, sampleQueries, type SampleQuery } from './generate.js';
import { median, ms, percentile, ratio } from './stats.js';
import type { Bench, BenchContext, BenchRow } from './types.js';

const QUERIES = 50;
const PAGE_SIZE = 5;
/** Queries of each kind that also run with filters, and the filters they get. */
const FILTERED_PER_KIND = 2;
const FILTERS = { since: '2024-01-01', hasCode: true } as const;
/** The naive scan takes seconds at 200k: this many queries per size, each once. */
const NAIVE_QUERIES = 3;
const TARGET = 'p50 ≤ 5 ms, p95 ≤ 20 ms; ≤ 1.5× bare FTS5';

interface Case {
  kind: string;
  params: SearchParams;
  /** The FTS5 expression ours runs, for the bare query. */
  match: string;
}

interface Timing {
  wall: number;
  cpu: number;
}

function cases(seed: number): Case[] {
  const sample = sampleQueries(seed, QUERIES);
  const toCase = (q: SampleQuery, kind: string, extra: Partial<SearchParams> = {}): Case => {
    const params: SearchParams = { query: q.query, scope: 'all', ...extra };
    if (q.filters.author !== undefined) params.author = q.filters.author;
    const author = params.author !== undefined ? parseAuthorFilter(params.author) : undefined;
    return { kind, params, match: toFtsMatch(parseSearchQuery(q.query), author) };
  };
  const plain = sample.map((q) => toCase(q, q.kind));
  const filtered = [...new Set(sample.map((q) => q.kind))].flatMap((kind) =>
    sample
      .filter((q) => q.kind === kind)
      .slice(0, FILTERED_PER_KIND)
      .map((q) => toCase(q, 'with since + has_code', FILTERS)),
  );
  return [...plain, ...filtered];
}

/** Wall and process CPU time of one call, in ms. */
async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const W_BM25 = RANK_FUNCTION.replace('bm25(', 'bm25(papers_fts, ');

function bareSearch(c: Connection, test: Case): Promise<unknown[]> {
  const where: string[] = [];
  const params: unknown[] = [test.match];
  if (test.params.since !== undefined) {
    where.push('AND p.since_date >= ?');
    params.push(test.params.since);
  }
  if (test.params.hasCode === true) where.push('AND p.code_url IS NOT NULL');
  return c.all(
    `SELECT p.* FROM papers_fts JOIN papers p ON p.seq = papers_fts.rowid
     WHERE papers_fts MATCH ? ${where.join(' ')} ORDER BY ${W_BM25} LIMIT ${PAGE_SIZE}`,
    params,
  );
}

/**
 * The floor of exact ranking: score every match and keep the best one (no join, no page, one row back). Any
 * search that returns the true BM25 top five must at least score every match, unless it can bound the scores
 * of those it skips — which FTS5 does not expose.
 */
function scoringFloor(c: Connection, test: Case): Promise<unknown[]> {
  return c.all(`SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? ORDER BY ${W_BM25} LIMIT 1`, [test.match]);
}

function oursSearch(store: Store, test: Case): Promise<unknown> {
  return searchPapers(store, { guildId: 'bench', params: test.params, topic: null, page: 0, pageSize: PAGE_SIZE });
}

/** A keyv-shaped file (`keyv(key, value)`, each paper one JSON value) with the same papers, built once. */
async function naiveFile(ctx: BenchContext, size: number): Promise<string> {
  const path = join(ctx.cacheDir, `naive-keyv-${size}-${ctx.seed}.sqlite`);
  if (existsSync(path)) return path;
  const scratch = `${path}.building`;
  await removeDatabase(scratch);
  ctx.log(`naive ${size}: writing ${size.toLocaleString('en-US')} papers as keyv JSON values (once)`);
  const c = await Connection.open(scratch, { busyTimeoutMs: 5000 });
  try {
    await c.exec('CREATE TABLE keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
    for (const batch of paperBatches(size, ctx.seed, 2000)) {
      const rows = batch.map((p) => [`papers:${p.id}`, JSON.stringify({ value: p, expires: null })]);
      await c.run('BEGIN');
      await c.run('INSERT INTO keyv (key, value) SELECT value ->> 0, value ->> 1 FROM json_each(?)', [
        JSON.stringify(rows),
      ]);
      await c.run('COMMIT');
    }
  } finally {
    await c.close();
  }
  await rename(scratch, path);
  return path;
}

/** Load every paper, keep those whose text contains every word (and the author), newest five. */
async function naiveSearch(c: Connection, test: Case): Promise<Paper[]> {
  const words = test.params.query.toLowerCase().replace(/["*]/g, ' ').split(/\s+/).filter(Boolean);
  const author = test.params.author?.toLowerCase();
  const rows = await c.all<{ value: string }>("SELECT value FROM keyv WHERE key LIKE 'papers:%'");
  const found: Paper[] = [];
  for (const row of rows) {
    const paper = (JSON.parse(row.value) as { value: Paper }).value;
    const text = `${paper.title} ${paper.abstract} ${paper.authors.join(' ')}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    if (author !== undefined && !paper.authors.some((a) => a.toLowerCase().includes(author))) continue;
    if (test.params.since !== undefined && (paper.announced ?? paper.published) < test.params.since) continue;
    if (test.params.hasCode === true && paper.codeUrl === null) continue;
    found.push(paper);
  }
  return found.sort((a, b) => b.published.localeCompare(a.published)).slice(0, PAGE_SIZE);
}

const fmt = (xs: readonly number[]) => `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))}`;

export const bench: Bench = async (ctx) => {
  const rows: BenchRow[] = [];
  const all = cases(ctx.seed);
  const runs = Math.max(1, ctx.runs);
  for (const size of ctx.sizes) {
    const path = await archiveFile(ctx, size);
    const store = await openSqliteStore(path);
    const bare = await Connection.open(path, { readOnly: true, busyTimeoutMs: 5000 });
    const ours = new Map<Case, Timing[]>();
    const plain = new Map<Case, Timing[]>();
    const floor = new Map<Case, Timing[]>();
    try {
      // One untimed pass warms both connections' caches alike.
      for (const test of all) {
        await oursSearch(store, test);
        await bareSearch(bare, test);
      }
      for (let run = 0; run < runs; run++) {
        for (const [i, test] of all.entries()) {
          const first = (i + run) % 2 === 0;
          const a = first ? await timed(() => oursSearch(store, test)) : undefined;
          const b = await timed(() => bareSearch(bare, test));
          const c = a ?? (await timed(() => oursSearch(store, test)));
          const f = await timed(() => scoringFloor(bare, test));
          ours.set(test, [...(ours.get(test) ?? []), c]);
          plain.set(test, [...(plain.get(test) ?? []), b]);
          floor.set(test, [...(floor.get(test) ?? []), f]);
        }
      }
    } finally {
      await bare.close();
      await store.close();
    }
    const per = (m: Map<Case, Timing[]>, tests: readonly Case[], key: keyof Timing) =>
      tests.map((t) => median((m.get(t) ?? []).map((x) => x[key])));
    const kinds = [...new Set(all.map((t) => t.kind)), 'all'];
    const sizeLabel = `${size.toLocaleString('en-US')} papers`;
    let oursAll = 0;
    for (const kind of kinds) {
      const tests = kind === 'all' ? all : all.filter((t) => t.kind === kind);
      const oWall = per(ours, tests, 'wall');
      const bWall = per(plain, tests, 'wall');
      const oCpu = per(ours, tests, 'cpu');
      const bCpu = per(plain, tests, 'cpu');
      const p50 = percentile(oWall, 50);
      const p95 = percentile(oWall, 95);
      const r50 = p50 / percentile(bWall, 50);
      const r95 = p95 / percentile(bWall, 95);
      if (kind === 'all') {
        oursAll = p50;
        const fWall = per(floor, tests, 'wall');
        rows.push({
          area: 'search',
          what: `floor of exact ranking: score every match, keep the best rowid (no join), ${sizeLabel}`,
          target: '',
          measured: `${fmt(fWall)} p50 / p95`,
          ratio: `ours ${ratio(p50 / percentile(fWall, 50), 'floor p50')}, ${ratio(p95 / percentile(fWall, 95), 'floor p95')}`,
          pass: null,
          notes: `CPU ${fmt(per(floor, tests, 'cpu'))}`,
        });
      }
      rows.push({
        area: 'search',
        what: `${kind}, ${sizeLabel} (${tests.length} queries)`,
        target: kind === 'all' ? TARGET : '',
        measured: `${fmt(oWall)} p50 / p95`,
        ratio: `${ratio(r50, 'bare p50')}, ${ratio(r95, 'bare p95')}`,
        pass: kind === 'all' ? p50 <= 5 && p95 <= 20 && r50 <= 1.5 : null,
        notes: `bare ${fmt(bWall)}; CPU ours ${fmt(oCpu)}, bare ${fmt(bCpu)}`,
      });
    }

    const naivePath = await naiveFile(ctx, size);
    const naive = await Connection.open(naivePath, { readOnly: true, busyTimeoutMs: 5000 });
    const naiveTimes: number[] = [];
    try {
      const picked = all.filter((_, i) => i % Math.ceil(all.length / NAIVE_QUERIES) === 0).slice(0, NAIVE_QUERIES);
      for (const test of picked) naiveTimes.push((await timed(() => naiveSearch(naive, test))).wall);
    } finally {
      await naive.close();
    }
    const naiveP50 = median(naiveTimes);
    rows.push({
      area: 'search',
      what: `naive scan (keyv JSON, load all, substring test), ${sizeLabel}`,
      target: 'report the speed-up; it should grow with size',
      measured: `${ms(naiveP50)} p50 (${naiveTimes.length} queries)`,
      ratio: ratio(naiveP50 / oursAll, 'ours (speed-up)'),
      pass: null,
    });
    ctx.log(`search ${size}: ours ${ms(oursAll)} p50, naive ${ms(naiveP50)} p50`);
  }
  return rows;
};
