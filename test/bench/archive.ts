/**
 * Generated archives for the benchmarks: `size` papers imported through the project's own store (the
 * same `openStore` → `archive.upsert` path the bot and `paperboy import` use), built once into the cache
 * directory and reused by later runs. The file name carries a hash of the schema and of the generator, so
 * a change to either builds a fresh archive instead of measuring a stale one.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/schema.js';
import { paperBatches, toRecord } from './generate.js';
import type { BenchContext } from './types.js';

/** Papers per `upsert` call: one transaction each, as a large import through the CLI would be. */
const IMPORT_BATCH = 5000;

let versionTag: Promise<string> | undefined;

/** Short hash of what decides an archive's content: the schema and the generator. */
function archiveVersion(): Promise<string> {
  versionTag ??= (async () => {
    const hash = createHash('sha256');
    for (const file of ['../../src/store/sqlite/schema.ts', './generate.ts']) {
      hash.update(await readFile(new URL(file, import.meta.url)));
    }
    return `v${SCHEMA_VERSION}-${hash.digest('hex').slice(0, 10)}`;
  })();
  return versionTag;
}

const building = new Map<string, Promise<string>>();

/**
 * Path of a SQLite file holding `size` generated papers for `ctx.seed`, built on first use. Treat it as
 * read-only: benchmarks that write copy it first.
 */
export async function archiveFile(ctx: BenchContext, size: number): Promise<string> {
  const path = join(ctx.cacheDir, `archive-${size}-${ctx.seed}-${await archiveVersion()}.sqlite`);
  let job = building.get(path);
  if (!job) {
    job = buildOnce(ctx, size, path);
    building.set(path, job);
    job.catch(() => building.delete(path));
  }
  return job;
}

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Build unless the file exists; another process building the same file is waited for, not raced. */
async function buildOnce(ctx: BenchContext, size: number, path: string): Promise<string> {
  await mkdir(ctx.cacheDir, { recursive: true });
  const lockPath = `${path}.lock`;
  let waiting = false;
  for (;;) {
    if (existsSync(path)) return path;
    try {
      const lock = await open(lockPath, 'wx');
      await lock.writeFile(String(process.pid));
      await lock.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(lockPath, 'utf8').catch(() => ''));
      if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (!waiting) ctx.log(`archive ${size}: another process is building it, waiting`);
      waiting = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    if (existsSync(path)) return path;
    const scratch = `${path}.building`;
    await removeDatabase(scratch);
    const started = performance.now();
    ctx.log(
      `archive ${size}: generating and importing ${size.toLocaleString('en-US')} papers (once; cached in ${ctx.cacheDir})`,
    );
    const store = await openStore(`sqlite://${scratch}`);
    try {
      let done = 0;
      for (const batch of paperBatches(size, ctx.seed, IMPORT_BATCH)) {
        await store.archive.upsert(batch.map(toRecord));
        done += batch.length;
        if (done % 50_000 === 0) ctx.log(`archive ${size}: ${done.toLocaleString('en-US')} papers`);
      }
    } finally {
      await store.close();
    }
    // Closing the last connection checkpoints the WAL into the main file and deletes it; only that file moves.
    const wal = await stat(`${scratch}-wal`).catch(() => null);
    if (wal !== null && wal.size > 0) throw new Error(`archive ${size}: ${scratch}-wal was not checkpointed on close`);
    await rm(`${scratch}-shm`, { force: true });
    await rename(scratch, path);
    const bytes = (await stat(path)).size;
    ctx.log(
      `archive ${size}: built in ${((performance.now() - started) / 1000).toFixed(1)} s, ${(bytes / 2 ** 20).toFixed(0)} MiB`,
    );
    return path;
  } finally {
    await rm(lockPath, { force: true });
  }
}

/** Remove a SQLite file with its WAL and shared-memory files. */
export async function removeDatabase(path: string): Promise<void> {
  await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(`${path}${suffix}`, { force: true })));
}
