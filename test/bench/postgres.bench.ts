/**
 * PostgreSQL side by side with SQLite, on the server `PAPERBOY_TEST_POSTGRES_URL` names (default
 * postgres://postgres@127.0.0.1:5432/postgres), in a database created for the run and dropped after it:
 *
 * - migration: `copySqliteToPostgres` (what `paperboy migrate --to` runs) of the cached generated SQLite archive
 *   of each size into an empty database, counts verified;
 * - search: on that copy (after `VACUUM ANALYZE`, as autovacuum leaves a loaded table), the sample query mix of
 *   search.bench.ts (five kinds, plus two of each with the `since` and `has_code` filters) through `searchPapers`
 *   on both stores, query by query in alternating order, first page of five; each query warmed, then the median
 *   of the runs;
 * - import: generated papers (20k, or the smallest size) through `archive.upsert` in batches of 1000 into an empty
 *   database.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { SearchParams } from '../../src/search/saved.js';
import { searchPapers } from '../../src/search/service.js';
import { copySqliteToPostgres } from '../../src/store/postgres/copy.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { SearchQueryError, type Store } from '../../src/store/types.js';
import { archiveFile } from './archive.js';
import { paperBatches, sampleQueries, toRecord, type SampleQuery } from './generate.js';
import { withDatabase } from './pg-database.js';
import { median, ms, percentile, ratio, thousands } from './stats.js';
import type { Bench, BenchContext, BenchRow } from './types.js';

const QUERIES = 50;
const PAGE_SIZE = 5;
const IMPORT_BATCH = 1000;
/** Papers imported for the import figure (once per run): larger imports take minutes on a shared machine. */
const IMPORT_SIZE = 20_000;

interface Case {
  kind: string;
  params: SearchParams;
}

/** Queries of each kind that also run with filters, and the filters they get (as search.bench.ts does). */
const FILTERED_PER_KIND = 2;
const FILTERS = { since: '2024-01-01', hasCode: true } as const;

function cases(seed: number): Case[] {
  const sample = sampleQueries(seed, QUERIES);
  const toCase = (q: SampleQuery, kind: string, extra: Partial<SearchParams> = {}): Case => {
    const params: SearchParams = { query: q.query, scope: 'all', ...extra };
    if (q.filters.author !== undefined) params.author = q.filters.author;
    return { kind, params };
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

async function search(store: Store, test: Case): Promise<{ ms: number; timedOut: boolean }> {
  const start = performance.now();
  let timedOut = false;
  try {
    await searchPapers(store, { guildId: 'bench', params: test.params, topic: null, page: 0, pageSize: PAGE_SIZE });
  } catch (error) {
    if (!(error instanceof SearchQueryError)) throw error;
    timedOut = true;
  }
  return { ms: performance.now() - start, timedOut };
}

async function vacuum(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('VACUUM ANALYZE');
  } finally {
    await c.end();
  }
}

async function measureSearch(ctx: BenchContext, size: number, sqlitePath: string, url: string): Promise<BenchRow[]> {
  const all = cases(ctx.seed);
  const sqlite = await openSqliteStore(sqlitePath);
  const postgres = await openPostgresStore(url);
  const pgTimes = new Map<Case, number[]>();
  const liteTimes = new Map<Case, number[]>();
  let timeouts = 0;
  try {
    for (const test of all) {
      await search(sqlite, test);
      await search(postgres, test);
    }
    for (let run = 0; run < Math.max(1, ctx.runs); run++) {
      for (const [i, test] of all.entries()) {
        const pgFirst = (i + run) % 2 === 0;
        const a = pgFirst ? await search(postgres, test) : undefined;
        const b = await search(sqlite, test);
        const c = a ?? (await search(postgres, test));
        if (c.timedOut) timeouts++;
        pgTimes.set(test, [...(pgTimes.get(test) ?? []), c.ms]);
        liteTimes.set(test, [...(liteTimes.get(test) ?? []), b.ms]);
      }
    }
  } finally {
    await sqlite.close();
    await postgres.close();
  }
  const per = (m: Map<Case, number[]>, tests: readonly Case[]) => tests.map((t) => median(m.get(t) ?? []));
  const rows: BenchRow[] = [];
  const label = `${thousands(size)} papers`;
  for (const kind of [...new Set(all.map((t) => t.kind)), 'all']) {
    const tests = kind === 'all' ? all : all.filter((t) => t.kind === kind);
    const p = per(pgTimes, tests);
    const s = per(liteTimes, tests);
    const p95 = percentile(p, 95);
    const s95 = percentile(s, 95);
    rows.push({
      area: 'PostgreSQL',
      what: `search, ${kind}, ${label} (${tests.length} queries)`,
      target: 'p95 ≤ 50 ms and ≤ 2× SQLite p95',
      measured: `${ms(percentile(p, 50))} / ${ms(p95)} p50 / p95`,
      ratio: ratio(p95 / s95, 'SQLite p95'),
      pass: p95 <= 50 && p95 <= 2 * s95,
      notes: `SQLite ${ms(percentile(s, 50))} / ${ms(s95)}${kind === 'all' && timeouts > 0 ? `; ${timeouts} searches hit the time limit` : ''}`,
    });
  }
  return rows;
}

async function measureImport(ctx: BenchContext, size: number): Promise<BenchRow> {
  return withDatabase(async (url) => {
    const store = await openPostgresStore(url);
    let wall = 0;
    try {
      for (const batch of paperBatches(size, ctx.seed, IMPORT_BATCH)) {
        const records = batch.map(toRecord);
        const start = performance.now();
        await store.archive.upsert(records);
        wall += performance.now() - start;
      }
      const count = await store.archive.count();
      if (count !== size) throw new Error(`import ${size}: the archive holds ${count} papers`);
    } finally {
      await store.close();
    }
    const rate = size / (wall / 1000);
    return {
      area: 'PostgreSQL',
      what: `import, ${thousands(size)} papers (archive.upsert, batches of ${IMPORT_BATCH})`,
      target: '≥ 5,000 papers/s',
      measured: `${thousands(Math.round(rate))} papers/s`,
      pass: rate >= 5000,
      notes: `${(wall / 1000).toFixed(1)} s`,
    };
  });
}

export const bench: Bench = async (ctx) => {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const sqlitePath = await archiveFile(ctx, size);
    await withDatabase(async (url) => {
      ctx.log(`postgres ${size}: migrating the SQLite archive`);
      const start = performance.now();
      const result = await copySqliteToPostgres(sqlitePath, url, { batchSize: 2000 });
      const seconds = (performance.now() - start) / 1000;
      rows.push({
        area: 'PostgreSQL',
        what: `migration of a ${thousands(size)}-paper SQLite archive (paperboy migrate), counts verified`,
        target: '',
        measured: `${seconds.toFixed(1)} s`,
        pass: result.target.papers === size,
        notes: `${thousands(Math.round(size / seconds))} papers/s`,
      });
      await vacuum(url);
      ctx.log(`postgres ${size}: searching`);
      rows.push(...(await measureSearch(ctx, size, sqlitePath, url)));
    });
  }
  const importSize = Math.min(IMPORT_SIZE, ...ctx.sizes);
  ctx.log(`postgres: importing ${importSize} papers`);
  rows.push(await measureImport(ctx, importSize));
  return rows;
};
