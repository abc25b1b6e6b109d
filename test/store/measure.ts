/**
 * Rough numbers for the SQLite store (not a test): `npx tsx test/store/measure.ts [papers]`.
 * Imports synthetic papers, then times searches of several kinds, and compares bulk inserts through
 * a prepared statement on our own connection with inserts through `KeyvSqlite#query`.
 */
import KeyvSqlite from '@keyv/sqlite';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMemoryStore } from '../../src/store/memory.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { Connection, Writer } from '../../src/store/sqlite/connection.js';
import { migrate } from '../../src/store/sqlite/schema.js';
import type { SearchFilters, Store } from '../../src/store/types.js';
import { DOMAIN, seededRandom, syntheticPapers } from './papers.js';

const COUNT = Number(process.argv[2] ?? 10_000);
const BATCH = 1000;
const RUNS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timeQueries(store: Store, cases: { query: string; filters: SearchFilters }[]) {
  const times: number[] = [];
  let hits = 0;
  for (const c of cases) {
    const t0 = performance.now();
    const page = await store.archive.search(c.query, c.filters, { offset: 0, limit: 5 });
    times.push(performance.now() - t0);
    hits += page.total;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), meanMatches: Math.round(hits / cases.length) };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-measure-'));
  const records = syntheticPapers(COUNT, 2026);
  const rnd = seededRandom(99);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const paper = () => records[Math.floor(rnd() * COUNT)]!.paper;
  const titleWords = () => paper().title.toLowerCase().split(' ');
  const broad = () => pick(DOMAIN);
  const kinds: Record<string, () => { query: string; filters: SearchFilters }> = {
    'one broad word': () => ({ query: broad(), filters: {} }),
    '2-3 title words': () => ({ query: titleWords().slice(0, 2 + Math.floor(rnd() * 2)).join(' '), filters: {} }),
    'phrase from an abstract': () => {
      const w = paper().abstract.split(' ');
      const at = Math.floor(rnd() * (w.length - 2));
      return { query: `"${w.slice(at, at + 2).join(' ')}"`, filters: {} };
    },
    'prefix stem*': () => ({ query: `${broad().slice(0, 4)}*`, filters: {} }),
    'words + author': () => {
      const p = paper();
      return { query: p.title.split(' ').slice(0, 2).join(' '), filters: { author: p.authors[0]!.split(' ')[1]! } };
    },
    'broad word + category cs': () => ({ query: broad(), filters: { category: 'cs' } }),
    'broad word + 500 ids (guild scope)': () => ({
      query: broad(),
      filters: { ids: Array.from({ length: 500 }, () => paper().id) },
    }),
  };
  const cases = Object.fromEntries(
    Object.entries(kinds).map(([kind, make]) => [kind, Array.from({ length: RUNS }, make)]),
  );

  try {
    // Import into the real store.
    const path = join(dir, 'paperboy.sqlite');
    const store = await openSqliteStore(path);
    let t0 = performance.now();
    for (let i = 0; i < records.length; i += BATCH) await store.archive.upsert(records.slice(i, i + BATCH));
    const importMs = performance.now() - t0;
    t0 = performance.now();
    const again = await store.archive.upsert(records.slice(0, BATCH));
    const reimportMs = performance.now() - t0;
    const size = (await stat(path)).size + (await stat(`${path}-wal`).catch(() => ({ size: 0 }))).size;
    console.log(`papers: ${COUNT}; import in batches of ${BATCH}: ${Math.round(COUNT / (importMs / 1000))} papers/s`);
    console.log(`re-import of ${BATCH} unchanged papers: ${reimportMs.toFixed(0)} ms (${JSON.stringify(again)})`);
    console.log(`file size: ${(size / 1024 / 1024).toFixed(1)} MiB (${Math.round(size / COUNT)} bytes/paper)`);

    const memory = createMemoryStore();
    await memory.archive.upsert(records);
    console.log(`\nsearch, ${RUNS} queries per kind, limit 5, ms p50 / p95 (mean matching rows)`);
    console.log('kind | sqlite | memory (reference scan)');
    for (const [kind, list] of Object.entries(cases)) {
      await timeQueries(store, list.slice(0, 5)); // warm the page cache
      const s = await timeQueries(store, list);
      const m = await timeQueries(memory, list.slice(0, 10));
      console.log(
        `${kind} | ${s.p50.toFixed(2)} / ${s.p95.toFixed(2)} (${s.meanMatches}) | ${m.p50.toFixed(1)} / ${m.p95.toFixed(1)}`,
      );
    }

    // A search while a large import holds the write lock: it runs on the read connection.
    const more = syntheticPapers(5000, 7).map((r) => ({ ...r, paper: { ...r.paper, id: `x${r.paper.id}` } }));
    const importing = store.archive.upsert(more);
    await new Promise((r) => setTimeout(r, 50));
    t0 = performance.now();
    await store.archive.search('network', {}, { offset: 0, limit: 5 });
    const during = performance.now() - t0;
    t0 = performance.now();
    await importing;
    console.log(`\nsearch during a 5,000-paper import: ${during.toFixed(1)} ms (import finished ${(performance.now() - t0).toFixed(0)} ms later)`);
    await store.close();
    await memory.close();

    // The alternative: every statement through KeyvSqlite#query (one shared connection, no prepared statements).
    const altPath = join(dir, 'alt.sqlite');
    const c = await Connection.open(altPath, { busyTimeoutMs: 5000 });
    await c.get('PRAGMA journal_mode = WAL');
    await new Writer(c).transaction((tx) => migrate(tx));
    await c.close();
    const adapter = new KeyvSqlite({ uri: `sqlite://${altPath}`, busyTimeout: 5000 });
    const cols = ['id', 'version', 'title', 'authors', 'abstract', 'categories', 'primary_category', 'published', 'updated', 'announced', 'withdrawn', 'abs_url', 'pdf_url'];
    const sql = `INSERT INTO papers (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
    t0 = performance.now();
    for (let i = 0; i < records.length; i += BATCH) {
      await adapter.query('BEGIN IMMEDIATE');
      for (const { paper: p } of records.slice(i, i + BATCH)) {
        await adapter.query(sql, p.id, p.version, p.title, JSON.stringify(p.authors), p.abstract, JSON.stringify(p.categories), p.primaryCategory, p.published, p.updated, p.announced, 0, p.absUrl, p.pdfUrl);
      }
      await adapter.query('COMMIT');
    }
    const altMs = performance.now() - t0;
    await adapter.disconnect();
    console.log(`\nsame inserts through KeyvSqlite#query (no merge, no prepared statement): ${Math.round(COUNT / (altMs / 1000))} papers/s`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
