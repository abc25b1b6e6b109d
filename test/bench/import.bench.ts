/**
 * Archive import: generated papers through the real store (`openSqliteStore` → `archive.upsert`, batches of
 * {@link BATCH}, one transaction each, as `paperboy import` of a large file does) into a fresh file, per size.
 * Only the upsert calls are timed, not the generator. Bytes per paper: the file after close (which checkpoints
 * the WAL into it) over the paper count. Side by side, at the sizes up to {@link BARE_MAX}, the same rows
 * through a bare loop: one prepared single-row INSERT per paper on the same schema, one transaction per batch.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sqlite3 from 'sqlite3';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { Connection, Writer } from '../../src/store/sqlite/connection.js';
import { migrate } from '../../src/store/sqlite/schema.js';
import { searchFields } from '../../src/store/shared.js';
import { removeDatabase } from './archive.js';
import { paperBatches, toRecord } from './generate.js';
import { median, ratio, thousands } from './stats.js';
import type { Bench, BenchContext, BenchRow } from './types.js';
import { PAPER_COLUMNS } from '../../src/store/rows.js';

const BATCH = 1000;
/** The bare loop is there for the ratio; above this size it would only repeat it. */
const BARE_MAX = 10_000;
/** Imports of 50k papers and more take minutes on a shared machine: one run there. */
const LARGE = 50_000;

interface Measured {
  /** Papers per second of wall time and of process CPU time (the SQLite thread included). */
  wall: number;
  cpu: number;
  bytesPerPaper: number;
}

async function fileBytes(path: string): Promise<number> {
  const sizes = await Promise.all(
    ['', '-wal'].map((s) =>
      stat(`${path}${s}`).then(
        (x) => x.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** Time only `work` over every batch, generating batches outside the clock. */
async function timeBatches(
  ctx: BenchContext,
  size: number,
  work: (batch: ReturnType<typeof toRecord>[]) => Promise<void>,
) {
  let wall = 0;
  let cpu = 0;
  for (const batch of paperBatches(size, ctx.seed, BATCH)) {
    const records = batch.map(toRecord);
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await work(records);
    wall += performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    cpu += (used.user + used.system) / 1000;
  }
  return { wall, cpu };
}

async function importOurs(ctx: BenchContext, size: number, path: string): Promise<Measured> {
  await removeDatabase(path);
  const store = await openSqliteStore(path);
  let time: { wall: number; cpu: number };
  try {
    time = await timeBatches(ctx, size, async (records) => {
      await store.archive.upsert(records);
    });
    const count = await store.archive.count();
    if (count !== size) throw new Error(`import ${size}: the archive holds ${count} papers`);
  } finally {
    await store.close();
  }
  const bytes = await fileBytes(path);
  await removeDatabase(path);
  return { wall: size / (time.wall / 1000), cpu: size / (time.cpu / 1000), bytesPerPaper: bytes / size };
}

const BARE_COLUMNS = [...PAPER_COLUMNS.slice(1), 'title_raw', 'abstract_raw'];

async function importBare(ctx: BenchContext, size: number, path: string): Promise<Measured> {
  await removeDatabase(path);
  const setup = await Connection.open(path, { busyTimeoutMs: 5000 });
  await setup.get('PRAGMA journal_mode = WAL');
  await new Writer(setup).transaction((c) => migrate(c));
  await setup.close();
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(opened)));
  });
  const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (e) => (e ? reject(e) : resolve())));
  const insert = db.prepare(
    `INSERT INTO papers (${BARE_COLUMNS.join(', ')}) VALUES (${BARE_COLUMNS.map(() => '?').join(', ')})`,
  );
  const time = await timeBatches(ctx, size, async (records) => {
    await run('BEGIN IMMEDIATE');
    await Promise.all(
      records.map(({ paper: p, raw }) => {
        const f = searchFields({ paper: p, raw });
        const row = [
          p.id,
          p.version,
          p.title,
          f.authors,
          p.abstract,
          JSON.stringify(p.categories),
          p.primaryCategory,
          p.comment,
          p.journalRef,
          p.doi,
          p.venue,
          p.codeUrl,
          p.published,
          p.updated,
          p.announced,
          p.announceType,
          p.withdrawn ? 1 : 0,
          p.absUrl,
          p.pdfUrl,
          f.titleRaw,
          f.abstractRaw,
        ];
        return new Promise<void>((resolve, reject) => insert.run(row, (e) => (e ? reject(e) : resolve())));
      }),
    );
    await run('COMMIT');
  });
  await new Promise<void>((resolve, reject) => insert.finalize((e) => (e ? reject(e) : resolve())));
  await new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())));
  const bytes = await fileBytes(path);
  await removeDatabase(path);
  return { wall: size / (time.wall / 1000), cpu: size / (time.cpu / 1000), bytesPerPaper: bytes / size };
}

export const bench: Bench = async (ctx) => {
  const rows: BenchRow[] = [];
  const dir = join(ctx.cacheDir, 'import');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `import-${process.pid}.sqlite`);
  for (const size of ctx.sizes) {
    const runs = size >= LARGE ? 1 : Math.min(ctx.runs, 2);
    const ours: Measured[] = [];
    const bare: Measured[] = [];
    for (let run = 0; run < runs; run++) {
      ours.push(await importOurs(ctx, size, path));
      if (size <= BARE_MAX) bare.push(await importBare(ctx, size, path));
    }
    const wall = median(ours.map((m) => m.wall));
    const cpu = median(ours.map((m) => m.cpu));
    const bytes = median(ours.map((m) => m.bytesPerPaper));
    const bareWall = bare.length > 0 ? median(bare.map((m) => m.wall)) : undefined;
    const bareCpu = bare.length > 0 ? median(bare.map((m) => m.cpu)) : undefined;
    ctx.log(
      `import ${size}: ${thousands(wall)} papers/s (${thousands(cpu)}/s of CPU time), ${thousands(bytes)} bytes/paper`,
    );
    rows.push({
      area: 'import',
      what: `${size.toLocaleString('en-US')} papers into a fresh file, batches of ${BATCH} (${runs} run${runs > 1 ? 's' : ''})`,
      target: '≥ 5,000 papers/s; bytes per paper reported',
      measured: `${thousands(wall)} papers/s, ${thousands(bytes)} bytes/paper`,
      ...(bareWall !== undefined ? { ratio: ratio(wall / bareWall, 'a bare insert loop (papers/s)') } : {}),
      pass: wall >= 5000,
      notes:
        `${thousands(cpu)} papers per CPU-second (process CPU, SQLite thread included)` +
        (bareWall !== undefined && bareCpu !== undefined
          ? `; bare loop ${thousands(bareWall)} papers/s, ${thousands(bareCpu)} per CPU-second`
          : ''),
    });
  }
  return rows;
};
