/**
 * The real bot as a separate process (`node bin/paperboy.js start`, as `npm start` runs it) against the fake
 * Discord and the fake arXiv on 127.0.0.1: what the start-up and memory benchmarks measure. It runs what
 * `npm start` runs: the bundle (dist/paperboy.js) with START_FLAGS; `source: true` runs the sources through tsx.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ChannelType } from 'discord.js';
import { FakeArxiv } from '../fakes/fake-arxiv.js';
import { FakeDiscord, type FakeInteraction, type FakeMessage } from '../fakes/fake-discord.js';
import { removeDatabase } from './archive.js';
import type { SampleQuery } from './generate.js';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
const BUILD = new URL('../../scripts/build.js', import.meta.url).pathname;
/**
 * The node flags `npm start` passes (package.json): a small young generation, and a heap cap that V8 sizes its
 * heap growth from (instead of the host's memory), keep the resident set down.
 */
export const START_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=512'];

/** Build dist/paperboy.js as `npm start` does, so that bin/paperboy.js runs the fresh bundle. */
export function buildBundle(): void {
  execFileSync(process.execPath, [BUILD], { stdio: 'inherit' });
}
const TOKEN = 'paperboy-bench-token';
const APPLICATION_ID = '110000000000000001';
export const GUILD_ID = '210000000000000001';
export const CHANNEL_ID = '310000000000000001';
/** Deferred-reply flag of a message that is still "thinking". */
const LOADING = 1 << 7;
/** The bot's log line once the gateway session is READY and the guilds are in (src/main.ts). */
const READY_MESSAGE = 'connected to Discord';

export interface Fakes {
  discord: FakeDiscord;
  arxiv: FakeArxiv;
  apiUrl: string;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const discord = new FakeDiscord({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Reading group',
        channels: [{ id: CHANNEL_ID, name: 'papers', type: ChannelType.GuildText }],
      },
    ],
    heartbeatIntervalMs: 30_000,
    rateLimits: { global: false },
    interactionResponseWindowMs: 30_000,
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  return {
    discord,
    arxiv,
    apiUrl,
    async close() {
      await discord.close();
      await arxiv.close();
    },
  };
}

export interface BotProcess {
  child: ChildProcess;
  /** Milliseconds from spawn to the bot's "connected to Discord" line. */
  ready: Promise<number>;
  /** Everything the bot wrote to stderr (its JSON log). */
  stderr(): string;
  /** SIGTERM and wait for a clean exit; SIGKILL after 10 s. */
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  databasePath: string;
  /** Turn tsx's transform cache off: a first start after install (or after the cache was wiped). */
  coldTsx?: boolean;
  extraArgs?: string[];
  /** Run the TypeScript sources through tsx instead of the bundle `npm start` builds (dist/paperboy.js). */
  source?: boolean;
  env?: Record<string, string>;
}

export function spawnBot(fakes: Fakes, options: SpawnOptions): BotProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_URL: fakes.apiUrl,
    DATABASE_URL: `sqlite://${options.databasePath}`,
    ARXIV_API_URL: fakes.arxiv.apiUrl,
    ARXIV_RSS_URL: fakes.arxiv.rssUrl,
    ARXIV_REQUEST_INTERVAL_MS: '5',
    LOG_LEVEL: 'info',
  };
  if (options.coldTsx) env['TSX_DISABLE_CACHE'] = '1';
  if (options.source || options.coldTsx) env['PAPERBOY_SOURCE'] = '1';
  Object.assign(env, options.env);
  const started = performance.now();
  const child = spawn(process.execPath, [...START_FLAGS, ...(options.extraArgs ?? []), BIN, 'start'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let pending = '';
  let exited = false;
  const ready = new Promise<number>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      pending += text;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.includes(READY_MESSAGE)) resolve(performance.now() - started);
        newline = pending.indexOf('\n');
      }
    });
    child.once('exit', (code, signal) => {
      exited = true;
      reject(new Error(`the bot exited (${signal ?? code}) before it was ready:\n${stderr.slice(-2000)}`));
    });
    child.once('error', reject);
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    stderr: () => stderr,
    async stop() {
      if (exited) return child.exitCode;
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resident set and its peak, MB (10⁶ bytes, as the target is stated), from /proc (Linux). */
export async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) =>
    (Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024) / 1e6;
  return { rss: mb('VmRSS'), hwm: mb('VmHWM') };
}

/** The text of a search reply: content and embed titles/descriptions. */
function replyText(message: FakeMessage): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const embeds = message.embeds.map((e) => `${text(e.title)} ${text(e.description)}`);
  return [message.content ?? '', ...embeds].join('\n');
}

async function answered(discord: FakeDiscord, handle: FakeInteraction, timeoutMs: number): Promise<FakeMessage> {
  const callback = await handle.response(timeoutMs);
  if (callback.type === 5) {
    return discord.waitFor(
      () => {
        const message = handle.original();
        return message && (message.flags & LOADING) === 0 ? message : undefined;
      },
      timeoutMs,
      'the deferred search reply',
    );
  }
  const message = handle.original();
  if (!message) throw new Error('the search got no reply');
  return message;
}

export interface SearchBurstResult {
  /** Milliseconds from sending each interaction to its final reply. */
  latencies: number[];
  /** Replies that show results (the rest say nothing matched). */
  withResults: number;
}

/**
 * `/paper search` over the whole archive for each query, `concurrency` in flight, as distinct members (the
 * per-user rate limit allows 10 searches a minute). Every reply must be a result list or "no results";
 * an error reply fails the burst.
 */
export async function searchBurst(
  discord: FakeDiscord,
  queries: readonly SampleQuery[],
  concurrency: number,
): Promise<SearchBurstResult> {
  const latencies: number[] = [];
  let withResults = 0;
  let next = 0;
  async function worker(): Promise<void> {
    while (next < queries.length) {
      const i = next++;
      const q = queries[i]!;
      const options: Record<string, string | boolean> = { query: q.query, scope: 'all' };
      if (q.filters.author !== undefined) options['author'] = q.filters.author;
      const user = { id: String(420000000000000000n + BigInt(Math.floor(i / 5))) };
      const started = performance.now();
      const handle = await discord.command({
        channelId: CHANNEL_ID,
        name: 'paper',
        subcommand: 'search',
        options,
        user,
      });
      const message = await answered(discord, handle, 30_000);
      latencies.push(performance.now() - started);
      const text = replyText(message);
      if (message.embeds.length > 0) withResults++;
      else if (!/no (?:papers?|results?)|nothing/i.test(text))
        throw new Error(`search ${JSON.stringify(q.query)} answered: ${text.slice(0, 300)}`);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return { latencies, withResults };
}

const copies = new Map<string, Promise<string>>();

/**
 * A writable copy of the cached archive for the bot (it may write schedule state), made once per benchmark
 * run and shared by the benchmarks of that run.
 */
export function workingCopy(cacheDir: string, archive: string, size: number): Promise<string> {
  let copy = copies.get(archive);
  if (!copy) {
    copy = (async () => {
      const path = join(cacheDir, `bot-${size}.sqlite`);
      await removeDatabase(path);
      await copyFile(archive, path);
      return path;
    })();
    copies.set(archive, copy);
  }
  return copy;
}

/** A database with the schema and nothing in it, made by one start of the bot. */
export async function emptyDatabase(cacheDir: string): Promise<string> {
  const path = join(cacheDir, 'bot-empty.sqlite');
  await removeDatabase(path);
  return path;
}

/**
 * A floor to compare the bot with: a node process that only loads `script` (with tsx registered when asked) and
 * exits; resolves with the milliseconds from spawn to exit and the peak resident set (MB) it reported.
 */
export function baselineProcess(script: string, options: { tsx: boolean }): Promise<{ ms: number; peakMb: number }> {
  const report = `process.stdout.write(String(require('node:fs').readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\\s+(\\d+)/m)[1]))`;
  const code = `${script};\n{ const { createRequire } = await import('node:module'); const require = createRequire(import.meta.url); ${report}; }`;
  const args = [...(options.tsx ? ['--import', 'tsx'] : START_FLAGS), '--input-type=module', '-e', code];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: new URL('../../', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (status) => {
      const elapsed = performance.now() - started;
      if (status !== 0) return reject(new Error(`baseline process failed (${status}): ${err.slice(-500)}`));
      resolve({ ms: elapsed, peakMb: (Number(out.trim()) * 1024) / 1e6 });
    });
  });
}
