/**
 * The SQLite store's two writing connections (keyv's for guild and member state, the writer's for archive and
 * delivery) take turns within the process. Both wait for SQLite's write lock inside libuv's worker threads; if
 * keyv's writes waited there while the writer's transaction was open, they could hold every thread, the
 * transaction could not finish, and they would fail with SQLITE_BUSY after the busy timeout. One worker thread
 * makes that certain, so the check runs in a process started with UV_THREADPOOL_SIZE=1.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WORKER = fileURLToPath(new URL('./sqlite-turns-worker.ts', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperboy-turns-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sqlite store with one libuv worker thread', () => {
  it('makes member changes and delivery writes at once without SQLITE_BUSY or waiting out the timeout', async () => {
    const busyTimeoutMs = 2000;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', WORKER, join(dir, 'turns.sqlite'), String(busyTimeoutMs)],
      { env: { ...process.env, UV_THREADPOOL_SIZE: '1' }, timeout: 60_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { changes: number; ms: number; error?: string };
    expect(result.error).toBeUndefined();
    expect(result.changes).toBe(6 * 8 * 5);
    // Nobody waited out a busy timeout on the way.
    expect(result.ms).toBeLessThan(busyTimeoutMs);
  }, 60_000);
});
