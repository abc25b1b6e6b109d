import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUrlError, openStore, parseDatabaseUrl } from '../../src/store/index.js';

describe('DATABASE_URL', () => {
  it.each([
    ['sqlite://data/paperboy.sqlite', { kind: 'sqlite', path: resolve('data/paperboy.sqlite') }],
    ['sqlite:///var/lib/paperboy/db.sqlite', { kind: 'sqlite', path: '/var/lib/paperboy/db.sqlite' }],
    ['sqlite://my%20data/db.sqlite', { kind: 'sqlite', path: resolve('my data/db.sqlite') }],
    ['sqlite::memory:', { kind: 'memory' }],
    ['memory://', { kind: 'memory' }],
    [
      'postgres://paperboy:s3cret@db.example:5432/paperboy',
      { kind: 'postgres', url: 'postgres://paperboy:s3cret@db.example:5432/paperboy' },
    ],
    ['postgresql://db/paperboy?sslmode=require', { kind: 'postgres', url: 'postgresql://db/paperboy?sslmode=require' }],
  ])('%s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  it.each([
    'mysql://user:s3cret@db/paperboy',
    'redis://localhost',
    'data/paperboy.sqlite',
    'sqlite://',
    'postgres://user:s3cret@',
  ])('refuses %s, listing what is supported and echoing no secret', (url) => {
    let error: unknown;
    try {
      parseDatabaseUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect((error as Error).message).toMatch(/Supported: sqlite:\/\//);
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describe('openStore', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paperboy-open-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the parent directory of a SQLite file', async () => {
    const path = join(dir, 'nested', 'deeper', 'paperboy.sqlite');
    const store = await openStore(`sqlite://${path}`);
    await store.state.setValue('x', 1);
    await store.close();
    expect((await stat(path)).isFile()).toBe(true);
  });

  it('opens a memory store', async () => {
    const store = await openStore('sqlite::memory:');
    expect(await store.archive.count()).toBe(0);
    await store.close();
  });
});
