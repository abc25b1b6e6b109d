/**
 * Storage faults while the real bot delivers a digest: another connection holding the write lock past
 * the busy timeout, a full disk, a disk that turns read-only. The run must fail loudly, the ledger must
 * never say a message was posted that Discord does not have, and once the fault clears the next run
 * posts every paper exactly once. A corrupt database file stops `paperboy` at once, with its name.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log.js';
import { openStore, parseDatabaseUrl } from '../../src/store/index.js';
import { FIXTURE, makePapers, subscription, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';
import { runPaperboy } from '../helpers/paperboy.js';

const start = useBotWorld();
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';
const DATE = '2026-11-24';
const PAPERS = 25;
const BUSY_TIMEOUT_MS = 150;

const seed = (guildId: string) => ({
  topics: [topic(guildId)],
  subscriptions: [subscription(guildId, { maxPapers: 40 })],
});
const dbPath = (world: BotWorld): string => {
  const target = parseDatabaseUrl(world.env.DATABASE_URL);
  if (target.kind !== 'sqlite') throw new Error('expected a SQLite file');
  return target.path;
};

/** Something that makes the bot's writes fail until released. */
interface Fault {
  release(): Promise<void>;
}

const releases: Fault[] = [];
afterEach(async () => {
  for (const fault of releases.splice(0)) await fault.release();
});

/** A second connection that takes the write lock and keeps it. */
async function holdWriteLock(path: string): Promise<Fault> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(opened)));
  });
  await new Promise<void>((resolve, reject) =>
    db.exec('BEGIN EXCLUSIVE', (error) => (error ? reject(error) : resolve())),
  );
  let released = false;
  return {
    release: () =>
      released
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            released = true;
            db.exec('ROLLBACK', () => db.close(() => resolve()));
          }),
  };
}

/** No file of this process can grow any more (RLIMIT_FSIZE): SQLite sees a full disk. */
function fillDisk(): Fault {
  const pid = String(process.pid);
  const before = execFileSync('prlimit', ['--pid', pid, '--fsize', '--raw', '--noheadings', '--output=SOFT'])
    .toString()
    .trim();
  // A write past the limit raises SIGXFSZ, which would end the process; ignored, the write fails instead.
  const ignore = () => undefined;
  process.on('SIGXFSZ', ignore);
  execFileSync('prlimit', ['--pid', pid, '--fsize=1:']);
  let released = false;
  return {
    release: () => {
      if (released) return Promise.resolve();
      released = true;
      execFileSync('prlimit', ['--pid', pid, `--fsize=${before === '-1' ? 'unlimited' : before}:`]);
      process.off('SIGXFSZ', ignore);
      return Promise.resolve();
    },
  };
}

/** The database and its WAL become immutable: every write fails as on a disk remounted read-only. */
function freezeFiles(path: string): Fault {
  const files = [path, `${path}-wal`].filter((f) => existsSync(f));
  execFileSync('chattr', ['+i', ...files]);
  let released = false;
  return {
    release: () => {
      if (released) return Promise.resolve();
      released = true;
      execFileSync('chattr', ['-i', ...files]);
      return Promise.resolve();
    },
  };
}

/** chattr +i needs an ext-style filesystem and CAP_LINUX_IMMUTABLE; without them that case is skipped. */
function canFreeze(): boolean {
  const probe = join(tmpdir(), `paperboy-chattr-${process.pid}`);
  try {
    execFileSync('touch', [probe]);
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-f', probe]);
  }
}

/** prlimit (util-linux) sets the file-size limit of this process; without it that case is skipped. */
function canLimit(): boolean {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const FAULTS: Array<{
  name: string;
  error: RegExp;
  skip: boolean;
  apply: (world: BotWorld) => Promise<Fault> | Fault;
}> = [
  {
    name: 'another connection holds the write lock',
    error: /SQLITE_BUSY|locked/,
    skip: false,
    apply: (w) => holdWriteLock(dbPath(w)),
  },
  { name: 'the disk is full', error: /SQLITE_FULL|SQLITE_IOERR|disk/, skip: !canLimit(), apply: () => fillDisk() },
  {
    name: 'the disk turns read-only',
    error: /SQLITE_IOERR|SQLITE_READONLY|disk|read-only/,
    skip: !canFreeze(),
    apply: (w) => freezeFiles(dbPath(w)),
  },
];

const urls = (world: BotWorld): string[] =>
  world.discord.messages(FIXTURE.text).flatMap((m) => m.embeds.map((e) => String((e as { url?: string }).url)));

/** The ledger never records a message Discord does not have, and a digest is `sent` only when all went out. */
async function expectLedgerTruthful(world: BotWorld): Promise<void> {
  const posted = new Set(world.discord.messages(FIXTURE.text).map((m) => m.id));
  for (const digest of await world.bot.app.store.delivery.digestsOn(FIXTURE.guildId, DATE)) {
    for (const message of digest.messages) {
      if (message.messageId !== null) expect(posted.has(message.messageId)).toBe(true);
    }
    if (digest.status === 'sent') expect(digest.messages.every((m) => m.messageId !== null)).toBe(true);
  }
}

interface LoggedError {
  msg: string;
  err?: { message?: string };
}

/** A running bot whose error logs are kept; `ingested`: the listing is already in the archive. */
async function world(ingested = true): Promise<BotWorld & { errors: LoggedError[] }> {
  const errors: LoggedError[] = [];
  const log: Logger = pino(
    { level: 'error' },
    { write: (line: string) => void errors.push(JSON.parse(line) as LoggedError) },
  );
  const w = await start({ seed, busyTimeoutMs: BUSY_TIMEOUT_MS, restTimeout: 2000, log });
  w.serveListing('cs.LG', LISTING_DATE, makePapers(PAPERS));
  if (ingested) await w.bot.app.ingest.refresh();
  return Object.assign(w, { errors });
}

/** The failure was logged as an error naming the database's complaint. */
function expectLoud(errors: readonly LoggedError[], msg: string, error: RegExp): void {
  const logged = errors.find((e) => e.msg === msg);
  expect(logged, JSON.stringify(errors)).toBeDefined();
  expect(logged?.err?.message).toMatch(error);
}

describe.each(FAULTS)('when $name', ({ error, skip, apply }) => {
  it.skipIf(skip)(
    'while the listing is stored: an error says so, the feed is not remembered, and the next run posts everything once',
    async () => {
      const w = await world(false);
      const fault = await apply(w);
      releases.push(fault);
      await w.bot.app.runGuild(FIXTURE.guildId);
      expectLoud(w.errors, 'could not store the listing', error);
      expect(w.discord.messages(FIXTURE.text)).toEqual([]);
      await fault.release();

      w.clock.advance(10 * 60_000);
      await w.bot.app.runGuild(FIXTURE.guildId);
      const feeds = w.arxiv.requests.filter((r) => r.path === '/rss/cs.LG');
      expect(feeds.map((r) => [r.status, r.headers['if-none-match']])).toEqual([
        [200, undefined],
        [200, undefined],
      ]);
      expect(urls(w)).toHaveLength(PAPERS);
      expect(new Set(urls(w)).size).toBe(PAPERS);
      await expectLedgerTruthful(w);
    },
  );

  it.skipIf(skip)(
    'before the digest is recorded: the run fails, nothing is posted, and the next run posts everything once',
    async () => {
      const w = await world();
      const fault = await apply(w);
      releases.push(fault);

      const outcomes = await w.bot.app.runner.runGuild(FIXTURE.guildId, DATE);
      const [outcome] = outcomes.get(FIXTURE.text) ?? [];
      expect(outcome?.status).toBe('failed');
      expect(outcome?.status === 'failed' && outcome.reason).toMatch(error);
      expect(w.discord.messages(FIXTURE.text)).toEqual([]);
      expectLoud(w.errors, 'digest run failed for a channel', error);
      await fault.release();

      expect(await w.bot.app.store.delivery.digestsOn(FIXTURE.guildId, DATE)).toEqual([]);
      expect(await w.bot.app.store.delivery.postedIn(FIXTURE.text, ['2611.01000'])).toEqual(new Set());
      await w.bot.app.runner.runGuild(FIXTURE.guildId, DATE);
      expect(urls(w)).toHaveLength(PAPERS);
      expect(new Set(urls(w)).size).toBe(PAPERS);
      await expectLedgerTruthful(w);
    },
  );

  it.skipIf(skip)(
    'after a message went out unrecorded: the digest stays pending and its resend is not a copy',
    async () => {
      const w = await world();
      // The first message is created at once; its answer comes late, and the fault starts meanwhile.
      w.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.text}/messages`, delayMs: 300 });
      const run = w.bot.app.runner.runGuild(FIXTURE.guildId, DATE);
      await w.discord.waitFor(() => w.discord.messages(FIXTURE.text).length === 1, 5000, 'the first message');
      const fault = await apply(w);
      releases.push(fault);
      const outcomes = await run;
      const [outcome] = outcomes.get(FIXTURE.text) ?? [];
      expect(outcome?.status).toBe('failed');
      expect(outcome?.status === 'failed' && outcome.reason).toMatch(error);
      // The run stopped at the failed write: nothing after the first message was sent.
      expect(w.discord.messages(FIXTURE.text)).toHaveLength(1);
      expectLoud(w.errors, 'digest run failed for a channel', error);
      await fault.release();

      const [digest, ...others] = await w.bot.app.store.delivery.digestsOn(FIXTURE.guildId, DATE);
      expect(others).toEqual([]);
      expect(digest?.status).toBe('pending');
      expect(digest?.messages[0]?.messageId).toBeNull();
      await expectLedgerTruthful(w);

      await w.bot.app.runner.runGuild(FIXTURE.guildId, DATE);
      expect(urls(w)).toHaveLength(PAPERS);
      expect(new Set(urls(w)).size).toBe(PAPERS);
      const [after] = await w.bot.app.store.delivery.digestsOn(FIXTURE.guildId, DATE);
      expect(after?.status).toBe('sent');
      await expectLedgerTruthful(w);
    },
  );
});

describe('a corrupt database file at start', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  function paperboy(args: string[], database: string): Promise<{ code: number | null; stderr: string }> {
    // Every URL points at a closed local port: nothing may be fetched before the database is checked.
    const env = {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: FIXTURE.token,
      DISCORD_APPLICATION_ID: FIXTURE.applicationId,
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      DATABASE_URL: `sqlite://${database}`,
      ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
      ARXIV_RSS_URL: 'http://127.0.0.1:9/rss',
      ARXIV_HTML_URL: 'http://127.0.0.1:9/html',
      LOG_LEVEL: 'info',
    };
    // A process still alive by then is retrying in a loop instead of stopping.
    return runPaperboy(args, { env, killAfterMs: 45_000 });
  }

  async function garbage(dir: string): Promise<string> {
    const path = join(dir, 'garbage.sqlite');
    await writeFile(path, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 7) % 256)));
    return path;
  }

  /** A real database cut off in the middle, as a crashed copy or a full disk leaves it. */
  async function truncated(dir: string): Promise<string> {
    const path = join(dir, 'truncated.sqlite');
    const store = await openStore(`sqlite://${path}`);
    await store.state.updateGuild(FIXTURE.guildId, (state) => {
      state.topics.push(topic(FIXTURE.guildId));
    });
    await store.close();
    await truncate(path, Math.floor((await stat(path)).size / 3));
    return path;
  }

  // Each process needs seconds to start (TypeScript through tsx): one bot and one CLI command, side by side.
  it(
    'stops `start` and a CLI command once, at once, naming the file: random bytes and a truncated database',
    { timeout: 60_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'paperboy-corrupt-'));
      dirs.push(dir);
      const [noise, cut] = [await garbage(dir), await truncated(dir)];
      for (const path of [noise, cut]) {
        await expect(openStore(`sqlite://${path}`)).rejects.toThrow(
          `Cannot open the database ${path}: it is not a SQLite database, or it is corrupt`,
        );
      }
      const cases: Array<[string[], string]> = [
        [['start'], noise],
        [['fetch', '--category', 'cs.LG'], cut],
      ];
      const runs = await Promise.all(cases.map(([args, path]) => paperboy(args, path)));
      runs.forEach((run, i) => {
        const path = cases[i]?.[1] ?? '';
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr).toContain(
          `paperboy: Cannot open the database ${path}: it is not a SQLite database, or it is corrupt`,
        );
        expect(run.stderr.match(/command failed/g)).toHaveLength(1);
      });
    },
  );
});
