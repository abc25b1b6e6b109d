/**
 * The CLI for people: the global flags, the log format (readable on a terminal, JSON otherwise), progress on a
 * terminal only, and the fail-fast rules of every command that talks to arXiv.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPapers } from '../../src/cli/archive.js';
import { printer, UsageError } from '../../src/cli/common.js';
import { dryRunDigest } from '../../src/cli/digest.js';
import { diagnose } from '../../src/cli/doctor.js';
import { cliLogFormat, cliLogLevel, elapsed, progress, takeGlobalFlags } from '../../src/cli/output.js';
import { whyPaper } from '../../src/cli/why.js';
import { loadEnv, type Env } from '../../src/env.js';
import { chooseLogFormat, createLogger } from '../../src/log.js';
import { FakeArxiv } from '../fakes/fake-arxiv.js';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;

describe('global flags', () => {
  it.each([
    [['import', 'a.xml', '--quiet'], ['import', 'a.xml'], { json: false, quiet: true, verbose: false }],
    [['-q', 'fetch', '--json'], ['fetch', '--json'], { json: true, quiet: true, verbose: false }],
    [['why', '2205.14459', '-v'], ['why', '2205.14459'], { json: false, quiet: false, verbose: true }],
    [['search', '--', '--verbose'], ['search', '--', '--verbose'], { json: false, quiet: false, verbose: false }],
    [['doctor', '--verbose', '--json'], ['doctor', '--json'], { json: true, quiet: false, verbose: true }],
  ])('%j → %j', async (argv, rest, flags) => {
    expect(takeGlobalFlags(argv)).toEqual(rest);
    const { outputFlags } = await import('../../src/cli/output.js');
    expect(outputFlags()).toEqual(flags);
  });

  it('refuses --quiet with --verbose', () => {
    expect(() => takeGlobalFlags(['fetch', '-q', '-v'])).toThrow(UsageError);
    takeGlobalFlags([]);
  });

  it.each([
    ['info', { quiet: false, verbose: false }, 'info'],
    ['info', { quiet: true, verbose: false }, 'warn'],
    ['error', { quiet: true, verbose: false }, 'error'],
    ['warn', { quiet: false, verbose: true }, 'debug'],
    ['trace', { quiet: false, verbose: true }, 'trace'],
  ])('LOG_LEVEL=%s with %j logs at %s', (level, flags, expected) => {
    expect(cliLogLevel(level, { json: false, ...flags })).toBe(expected);
  });
});

describe('log format', () => {
  it.each([
    [{ json: false, isTTY: true }, 'pretty'],
    [{ json: true, isTTY: true }, 'json'],
    [{ json: false, isTTY: false }, 'json'],
    [{ json: false, isTTY: undefined }, 'json'],
  ] as const)('%j → %s', (input, format) => {
    expect(chooseLogFormat(input)).toBe(format);
    expect(cliLogFormat({ json: input.json, quiet: false, verbose: false }, { isTTY: input.isTTY === true })).toBe(
      format,
    );
  });

  async function written(format: 'json' | 'pretty'): Promise<string> {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const log = createLogger('info', { format, destination: stream, colorize: false });
    const token = 'MTEwMDAwMDAwMDAwMDAwMDAx.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
    log.info(
      { papers: 3, url: `https://discord.com/api/v10/interactions/123456789012345678/${token}/callback` },
      'fetched',
    );
    log.warn(`token ${token} refused`);
    log.debug('not shown');
    await new Promise((resolve) => setImmediate(resolve));
    return text;
  }

  it('writes one readable line per entry on a terminal, secrets scrubbed', async () => {
    const text = await written('pretty');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: fetched \{.*"papers":3/);
    expect(lines[1]).toMatch(/^\[\d{2}:\d{2}:\d{2}\] WARN: token \[redacted\] refused$/);
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(text).not.toContain('"level"');
  });

  it('writes JSON lines otherwise, secrets scrubbed the same way', async () => {
    const lines = (await written('json'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      [30, 'fetched'],
      [40, 'token [redacted] refused'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('abcdefghijklmnopqrstuvwxyz');
  });
});

describe('progress', () => {
  function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
    const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 }) as unknown as NodeJS.WriteStream;
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    // cli-progress moves the cursor through these on a real terminal.
    Object.assign(stream, { cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    return { stream, text: () => text };
  }

  it('draws counts, rate and time left on a terminal, and nothing elsewhere', () => {
    takeGlobalFlags([]);
    const tty = terminal(true);
    const bar = progress('papers', tty.stream);
    bar.total(200);
    bar.update(50);
    bar.update(120);
    bar.stop();
    expect(tty.text()).toMatch(/120\/200 papers · \d+(\.\d)?\/s · \S+ left/);

    const pipe = terminal(false);
    const none = progress('papers', pipe.stream);
    none.total(200);
    none.update(120);
    none.stop();
    expect(pipe.text()).toBe('');

    takeGlobalFlags(['--quiet']);
    const quiet = terminal(true);
    const hushed = progress('papers', quiet.stream);
    hushed.total(10);
    hushed.update(5);
    hushed.stop();
    expect(quiet.text()).toBe('');
    takeGlobalFlags([]);
  });

  it('ends a summary with the time taken and the rate', () => {
    expect(elapsed(1_000, 50, 3_000)).toBe('in 2.0 s (25.0/s)');
    expect(elapsed(1_000, 50, 1_000)).toBe('in 0.0 s');
  });
});

describe('fail fast', () => {
  let arxiv: FakeArxiv;
  let dir: string;
  const lookups: string[] = [];
  /** A resolver that fails as the system's does, without asking any DNS server. */
  const failingLookup: LookupFunction = (hostname, _options, callback) => {
    lookups.push(hostname);
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    process.nextTick(() => callback(error, '', 4));
  };

  beforeAll(async () => {
    arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
    dir = await mkdtemp(join(tmpdir(), 'paperboy-failfast-'));
  });
  afterAll(async () => {
    await arxiv.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function refusedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  function envFor(base: string): Env {
    return loadEnv({
      DATABASE_URL: `sqlite://${join(dir, 'failfast.sqlite')}`,
      ARXIV_API_URL: `${base}/api/query`,
      ARXIV_RSS_URL: `${base}/rss`,
      ARXIV_HTML_URL: `${base}/html`,
      ARXIV_REQUEST_INTERVAL_MS: '5',
      LOG_LEVEL: 'silent',
    });
  }

  const out = printer(true);
  const commands: Array<[string, (env: Env, lookup?: LookupFunction) => Promise<unknown>]> = [
    [
      'fetch',
      (env, lookup) => fetchPapers(env, { categories: ['cs.LG'], since: undefined }, out, lookup ? { lookup } : {}),
    ],
    [
      'fetch --since',
      (env, lookup) => fetchPapers(env, { categories: ['cs.LG'], since: '2026-11-01' }, out, lookup ? { lookup } : {}),
    ],
    [
      'digest --dry-run',
      (env, lookup) =>
        dryRunDigest(env, { topic: 'contrastive', categories: [], date: undefined }, out, lookup ? { lookup } : {}),
    ],
    [
      'why (unknown paper)',
      (env, lookup) => whyPaper(env, { id: '2611.09999', guild: undefined }, out, lookup ? { lookup } : {}),
    ],
  ];

  it.each(commands)('%s stops at once on a host name that does not resolve', async (_name, run) => {
    lookups.length = 0;
    const started = Date.now();
    await expect(run(envFor('http://export.arxiv.invalid'), failingLookup)).rejects.toThrow(
      /^Cannot reach arXiv at export\.arxiv\.invalid: its name does not resolve \(ENOTFOUND\)$/,
    );
    expect(lookups).toEqual(['export.arxiv.invalid']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each(commands)('%s stops at once on a refused connection', async (_name, run) => {
    const port = await refusedPort();
    await expect(run(envFor(`http://127.0.0.1:${port}`))).rejects.toThrow(
      new RegExp(`^Cannot reach arXiv at 127\\.0\\.0\\.1:${port}: it refused the connection \\(ECONNREFUSED\\)$`),
    );
  });

  it.each(commands)('%s stops at once on a 4xx answer, after one request', async (_name, run) => {
    arxiv.route(() => true, { status: 404, body: 'Not Found' });
    const before = arxiv.requests.length;
    await expect(run(envFor(arxiv.baseUrl))).rejects.toThrow(/HTTP 404/);
    expect(arxiv.requests.length - before).toBe(1);
  });

  it('doctor reports an unreachable arXiv as a problem after one attempt, and asks nothing with --offline', async () => {
    lookups.length = 0;
    const source = {
      DATABASE_URL: `sqlite://${join(dir, 'doctor.sqlite')}`,
      ARXIV_API_URL: 'http://export.arxiv.invalid/api/query',
      LOG_LEVEL: 'silent',
    };
    const report = await diagnose(source, { offline: false }, { lookup: failingLookup });
    expect(report.checks.find((c) => c.area === 'arxiv')).toEqual({
      area: 'arxiv',
      status: 'problem',
      detail: 'Cannot reach arXiv at export.arxiv.invalid: its name does not resolve (ENOTFOUND)',
      fix: 'check ARXIV_API_URL and ARXIV_RSS_URL, and the network (or run with --offline)',
    });
    expect(lookups).toEqual(['export.arxiv.invalid']);
    const offline = await diagnose(source, { offline: true }, { lookup: failingLookup });
    expect(offline.checks.find((c) => c.area === 'arxiv')?.status).toBe('skipped');
    expect(lookups).toHaveLength(1);
  });

  it('the CLI process prints one line and exits 1 within seconds; JSON logs when stderr is not a terminal', async () => {
    const port = await refusedPort();
    const started = Date.now();
    const run = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'fetch', '--category', 'cs.LG'], {
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: `sqlite://${join(dir, 'spawned.sqlite')}`,
          ARXIV_RSS_URL: `http://127.0.0.1:${port}/rss`,
          ARXIV_REQUEST_INTERVAL_MS: '5',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.on('close', (code) => resolve({ code, stderr, stdout }));
    });
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `paperboy: Cannot reach arXiv at 127.0.0.1:${port}: it refused the connection (ECONNREFUSED)`,
    );
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 60, msg: 'command failed' });
  });
});
