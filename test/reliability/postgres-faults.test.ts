/**
 * PostgreSQL faults, each against the real server: nothing listening at start, connections killed by the server
 * (`pg_terminate_backend`) while the real bot delivers a digest, a search past its time limit, and a database
 * that turns read-only. No crash, clear errors, and never a paper posted twice or lost.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { loadBotEnv } from '../../src/env.js';
import type { Logger } from '../../src/log.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { searchPapers } from '../../src/search/service.js';
import { openStore, SearchQueryError } from '../../src/store/index.js';
import { DatabaseReadOnlyError, openPostgresStore, SearchTimeoutError } from '../../src/store/postgres/index.js';
import { FakeArxiv, rssFeedXml, apiById } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { FIXTURE, FIXTURE_GUILD, ManualClock, fakeEnv, makePapers, subscription, topic } from '../helpers/bot.js';
import { makeRecord } from '../store/papers.js';
import { adminQuery, createTestDatabase, describePg } from '../store/pg-server.js';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';
const DATE = '2026-11-24';
const PAPERS = 25;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function testDatabase() {
  const db = await createTestDatabase();
  cleanups.push(db.drop);
  return db;
}

/** Close every connection of this database from the server side, as a restart or an operator would. */
async function terminateBackends(name: string): Promise<number> {
  const rows = await adminQuery<{ killed: boolean }>(
    'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
  return rows.filter((r) => r.killed).length;
}

interface LoggedLine {
  level: number;
  msg: string;
  err?: { message?: string };
}

/** The real bot on PostgreSQL, a fake Discord and a fake arXiv; its logs kept. */
async function pgBotWorld(url: string) {
  const discord = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD],
    heartbeatIntervalMs: 30_000,
    rateLimits: { global: false },
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  const clock = new ManualClock(Date.parse('2026-11-24T12:00:00Z'));
  const env = loadBotEnv({ ...fakeEnv(apiUrl, arxiv, '/nonexistent', { LOG_LEVEL: 'silent' }), DATABASE_URL: url });
  const seedStore = await openStore(url);
  await seedStore.state.updateGuild(FIXTURE.guildId, (state) => {
    state.topics.push(topic(FIXTURE.guildId));
    state.subscriptions.push(subscription(FIXTURE.guildId, { maxPapers: 40 }));
  });
  await seedStore.close();
  const logs: LoggedLine[] = [];
  const log: Logger = pino(
    { level: 'warn' },
    { write: (line: string) => void logs.push(JSON.parse(line) as LoggedLine) },
  );
  const bot: RunningBot = await startBot(env, { now: clock.now, log, restTimeout: 3000 });
  cleanups.push(async () => {
    await bot.stop().catch(() => undefined);
    await discord.close();
    await arxiv.close();
  });
  arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', LISTING_DATE, makePapers(PAPERS)), etag: '"1"' });
  arxiv.api(null, apiById(makePapers(PAPERS)));
  return { discord, arxiv, bot, logs };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describePg('PostgreSQL faults', () => {
  it('nothing listening at start: one clear error, exit code 1', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const url = `postgres://paperboy:s3cret@127.0.0.1:${port}/paperboy`;
    await expect(openPostgresStore(url)).rejects.toThrow(
      `Cannot open the PostgreSQL database 127.0.0.1:${port}/paperboy: nothing answers there (is the server running?)`,
    );
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: FIXTURE.token,
        DISCORD_APPLICATION_ID: FIXTURE.applicationId,
        DISCORD_API_URL: 'http://127.0.0.1:9/api',
        DATABASE_URL: url,
        ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
        ARXIV_RSS_URL: 'http://127.0.0.1:9/rss',
        ARXIV_HTML_URL: 'http://127.0.0.1:9/html',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(killer);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `paperboy: Cannot open the PostgreSQL database 127.0.0.1:${port}/paperboy: nothing answers there (is the server running?)`,
    ]);
    expect(stderr + stdout).not.toContain('s3cret');
  });

  it(
    'connections killed by the server in the middle of a digest: no crash, the digest completes, every paper once',
    { timeout: 60_000 },
    async () => {
      const db = await testDatabase();
      const w = await pgBotWorld(db.url);
      await w.bot.app.ingest.refresh();
      // Each message's answer comes late, so the run is in the middle of the digest while connections die.
      w.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.text}/messages`, delayMs: 200, times: 3 });
      const run = w.bot.app.runner.runGuild(FIXTURE.guildId, DATE);
      let running = true;
      let kills = 0;
      const killer = (async () => {
        await w.discord.waitFor(() => w.discord.messages(FIXTURE.text).length >= 1, 10_000, 'the first message');
        while (running) {
          kills += await terminateBackends(db.name);
          await new Promise((resolve) => setTimeout(resolve, 120));
        }
      })();
      const outcomes = await run.finally(() => {
        running = false;
      });
      await killer;
      // Connections of the bot were closed under it, mid-digest.
      expect(kills).toBeGreaterThan(0);
      const [outcome] = outcomes.get(FIXTURE.text) ?? [];
      if (outcome?.status !== 'posted') {
        // Failed loudly this time: the next run resumes the pending digest.
        await w.bot.app.runner.runGuild(FIXTURE.guildId, DATE);
      }
      const urls = w.discord
        .messages(FIXTURE.text)
        .flatMap((m) => m.embeds.map((e) => String((e as { url?: string }).url)));
      expect(urls).toHaveLength(PAPERS);
      expect(new Set(urls).size).toBe(PAPERS);
      const digests = await w.bot.app.store.delivery.digestsOn(FIXTURE.guildId, DATE);
      expect(digests.map((d) => d.status)).toEqual(['sent']);
      const posted = new Set(w.discord.messages(FIXTURE.text).map((m) => m.id));
      for (const m of digests[0]!.messages) expect(posted.has(m.messageId ?? '')).toBe(true);
    },
  );

  it('a search past its time limit: a typed error with a plain "narrow your search", and a log line saying why', async () => {
    const db = await testDatabase();
    const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
    const log = {
      warn: (obj: object, msg: string) => void warnings.push({ obj: obj as Record<string, unknown>, msg }),
    };
    const store = await openPostgresStore(db.url, { searchTimeoutMs: 1, log });
    cleanups.push(() => store.close());
    await store.archive.upsert(
      Array.from({ length: 4000 }, (_, i) =>
        makeRecord({
          id: `2501.${String(i).padStart(5, '0')}`,
          title: `Graph learning ${i}`,
          abstract: `A graph method, number ${i}, for learning on graphs with many words in its abstract. `.repeat(4),
        }),
      ),
    );
    const error = await store.archive.search('graph learning', {}, { offset: 0, limit: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchTimeoutError);
    // The search path already turns every SearchQueryError into the member's reply.
    expect(error).toBeInstanceOf(SearchQueryError);
    expect((error as Error).message).toMatch(/narrow your search/);
    expect(((error as Error).cause as { code?: string }).code).toBe('57014');
    expect(warnings).toContainEqual({
      msg: 'search stopped at its time limit',
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
      obj: expect.objectContaining({ limitMs: 1, reason: expect.stringMatching(/statement timeout/) }),
    });
    await expect(
      searchPapers(store, {
        guildId: FIXTURE.guildId,
        params: { query: 'graph', scope: 'all' } as never,
        topic: null,
        page: 0,
        pageSize: 5,
      }),
    ).rejects.toThrow(/narrow your search/);
    // A narrow search still answers.
    const narrow = await openPostgresStore(db.url);
    cleanups.push(() => narrow.close());
    expect((await narrow.archive.search('"graph learning 17"', {}, { offset: 0, limit: 10 })).total).toBe(1);
  });

  it('a database that turns read-only: clear errors, nothing lost, writes work again once it is writable', async () => {
    const db = await testDatabase();
    const before = await openPostgresStore(db.url);
    await before.archive.upsert([makeRecord({ id: '2501.00001', title: 'Kept paper' })]);
    await before.state.updateGuild(
      'g1',
      (s) => void s.audit.push({ guildId: 'g1', userId: 'u', action: 'a', detail: 'd', at: 'now' }),
    );
    await before.state.setValue('mark', 1);
    await adminQuery(`ALTER DATABASE ${db.name} SET default_transaction_read_only = on`);
    cleanups.push(async () => {
      await adminQuery(`ALTER DATABASE ${db.name} RESET default_transaction_read_only`);
    });
    // New sessions pick the setting up; the pool's old ones are closed by the server, as on a failover.
    await terminateBackends(db.name);

    const writes: [string, () => Promise<unknown>][] = [
      ['upsert', () => before.archive.upsert([makeRecord({ id: '2501.00002' })])],
      ['updateGuild', () => before.state.updateGuild('g1', (s) => void s.topics.splice(0))],
      ['setValue', () => before.state.setValue('mark', 2)],
      ['setFigure', () => before.archive.setFigure('2501.00001', 1, null)],
      [
        'planDigest',
        () =>
          before.delivery.planDigest({
            key: 'k',
            guildId: 'g1',
            channelId: 'c',
            topicSlug: 't',
            date: '2025-01-07',
            paperIds: ['2501.00001'],
            skippedIds: [],
            messages: [],
            threadName: 't',
            openThread: false,
            threadId: null,
            status: 'pending',
            attempts: 0,
            error: null,
            createdAt: '2025-01-07T14:00:00Z',
            finishedAt: null,
          }),
      ],
    ];
    for (const [name, write] of writes) {
      const error = await write().catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(DatabaseReadOnlyError);
      expect((error as Error).message, name).toMatch(/is read-only .*nothing of it was written/);
    }
    // A store opened now (schema up to date) starts and reads.
    const reopened = await openPostgresStore(db.url);
    expect(await reopened.archive.count()).toBe(1);
    expect((await reopened.state.getGuild('g1')).audit).toHaveLength(1);
    expect(await reopened.state.getValue('mark')).toBe(1);
    await reopened.close();

    await adminQuery(`ALTER DATABASE ${db.name} RESET default_transaction_read_only`);
    await terminateBackends(db.name);
    await before.state.setValue('mark', 2);
    expect(await before.state.getValue('mark')).toBe(2);
    expect(await before.archive.get('2501.00001')).toMatchObject({ title: 'Kept paper' });
    await before.close();
  });
});
