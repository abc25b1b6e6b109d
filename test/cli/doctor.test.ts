/**
 * `paperboy doctor` against the fake Discord (REST: users/@me, applications/@me, guild, member, channels), the fake
 * arXiv and real SQLite files: all well, then each problem it must find, with exactly that problem reported.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diagnose, doctorText, type DoctorReport } from '../../src/cli/doctor.js';
import { nextRun } from '../../src/schedule/cron.js';
import { openStore } from '../../src/store/index.js';
import type { Subscription } from '../../src/store/types.js';
import { FakeArxiv, apiById } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { FIXTURE, FIXTURE_GUILD, subscription, topic } from '../helpers/bot.js';
import { createTestDatabase, describePg } from '../store/pg-server.js';

let arxiv: FakeArxiv;
let discord: FakeDiscord;
let dir: string;
let env: Record<string, string>;

const NOW = new Date('2026-11-24T12:00:00Z');

beforeAll(async () => {
  arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  arxiv.api(null, apiById([]));
});
afterAll(async () => {
  await arxiv.close();
});

beforeEach(async () => {
  discord = new FakeDiscord({ token: FIXTURE.token, applicationId: FIXTURE.applicationId, guilds: [FIXTURE_GUILD] });
  const { apiUrl } = await discord.start();
  dir = await mkdtemp(join(tmpdir(), 'paperboy-doctor-'));
  env = {
    DISCORD_TOKEN: FIXTURE.token,
    DISCORD_APPLICATION_ID: FIXTURE.applicationId,
    DISCORD_API_URL: apiUrl,
    DATABASE_URL: `sqlite://${join(dir, 'paperboy.sqlite')}`,
    ARXIV_API_URL: arxiv.apiUrl,
    ARXIV_RSS_URL: arxiv.rssUrl,
    ARXIV_REQUEST_INTERVAL_MS: '5',
    LOG_LEVEL: 'silent',
  };
});
afterEach(async () => {
  await discord.close();
  await rm(dir, { recursive: true, force: true });
});

/** Write the fixture guild's topics and these subscriptions into the database. */
async function seed(subscriptions: Subscription[]): Promise<void> {
  const store = await openStore(env['DATABASE_URL'] ?? '');
  await store.state.updateGuild(FIXTURE.guildId, (state) => {
    state.topics = [topic(FIXTURE.guildId), topic(FIXTURE.guildId, { slug: 'graphs', query: 'graph' })];
    state.subscriptions = subscriptions;
  });
  await store.close();
}

const standard = (): Subscription[] => [
  subscription(FIXTURE.guildId, { channelId: FIXTURE.text }),
  subscription(FIXTURE.guildId, { channelId: FIXTURE.forum, topicSlug: 'graphs' }),
];

const problems = (report: DoctorReport): string[] =>
  report.checks.filter((c) => c.status === 'problem').map((c) => `${c.detail} → ${c.fix ?? ''}`);

async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('paperboy doctor', () => {
  it('says all is well, with each server’s channels, permissions and next run', async () => {
    await seed(standard());
    const report = await diagnose(env, { offline: false }, { now: () => NOW });
    expect(problems(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => [c.area, c.status])).toEqual([
      ['config', 'ok'],
      ['discord', 'ok'],
      ['database', 'ok'],
      ['arxiv', 'ok'],
    ]);
    expect(report.checks[2]?.detail).toMatch(/paperboy\.sqlite: schema version 2 \(this Paperboy writes 2\), \d/);
    expect(report.servers).toEqual([
      {
        guildId: FIXTURE.guildId,
        name: 'Reading group',
        schedule: '30 1 * * 1-5',
        timezone: 'America/New_York',
        nextRun: nextRun('30 1 * * 1-5', 'America/New_York', NOW)?.toISOString() ?? null,
        channels: [
          { channelId: FIXTURE.text, name: 'papers', topics: ['contrastive'], missing: [], paused: [] },
          { channelId: FIXTURE.forum, name: 'digest', topics: ['graphs'], missing: [], paused: [] },
        ],
      },
    ]);
    expect(report.servers[0]?.nextRun).toBe('2026-11-25T06:30:00.000Z');
    // One polite request to arXiv, with Paperboy's User-Agent.
    expect(arxiv.violations).toEqual([]);
    const text = doctorText(report);
    expect(text).toContain(`channel ${FIXTURE.text} (#papers): contrastive · permissions ok`);
    expect(text.split('\n').at(-1)).toBe('All is well.');
  });

  const cases: Array<{
    name: string;
    setup: () => void | Promise<void>;
    expected: RegExp[];
  }> = [
    {
      name: 'a token Discord refuses',
      setup: async () => {
        await seed(standard());
        env['DISCORD_TOKEN'] = 'MTEwMDAwMDAwMDAwMDAwMDAx.GhIjKl.not-the-right-token-at-all-0123456';
      },
      expected: [/^Discord refused DISCORD_TOKEN \(401 Unauthorized\) → reset the token/],
    },
    {
      name: 'an application id that is not the token’s',
      setup: async () => {
        await seed(standard());
        env['DISCORD_APPLICATION_ID'] = '110000000000000999';
      },
      expected: [
        /^DISCORD_APPLICATION_ID is 110000000000000999, but the token belongs to application 110000000000000001 → set DISCORD_APPLICATION_ID=110000000000000001/,
      ],
    },
    {
      name: 'Discord unreachable',
      setup: async () => {
        await seed(standard());
        env['DISCORD_API_URL'] = `http://127.0.0.1:${await refusedPort()}/api`;
      },
      expected: [/^cannot reach Discord at http:\/\/127\.0\.0\.1:\d+\/api: ECONNREFUSED/],
    },
    {
      name: 'a missing Embed Links in a channel',
      setup: async () => {
        await seed(standard());
        await discord.updateChannel(FIXTURE.text, {
          permissionOverwrites: [{ id: FIXTURE.guildId, type: 0, deny: PermissionFlagsBits.EmbedLinks }],
        });
      },
      expected: [
        new RegExp(
          `^server ${FIXTURE.guildId}, channel ${FIXTURE.text} \\(#papers\\): the bot lacks Embed Links → grant`,
        ),
      ],
    },
    {
      name: 'a thread subscription without Create Public Threads',
      setup: async () => {
        await seed([subscription(FIXTURE.guildId, { channelId: FIXTURE.text, thread: true })]);
        await discord.updateChannel(FIXTURE.text, {
          permissionOverwrites: [{ id: FIXTURE.guildId, type: 0, deny: PermissionFlagsBits.CreatePublicThreads }],
        });
      },
      expected: [/channel 310000000000000001 \(#papers\): the bot lacks Create Public Threads → /],
    },
    {
      name: 'a channel the bot cannot see',
      setup: () => seed([subscription(FIXTURE.guildId, { channelId: FIXTURE.hidden })]),
      expected: [/channel 310000000000000006: the bot cannot see the channel \(403 .*it needs View Channel\) → give/],
    },
    {
      name: 'a deleted channel',
      setup: async () => {
        await seed(standard());
        await discord.deleteChannel(FIXTURE.forum);
      },
      expected: [/channel 310000000000000003 no longer exists \(404/],
    },
    {
      name: 'a paused subscription',
      setup: () =>
        seed([
          subscription(FIXTURE.guildId, {
            channelId: FIXTURE.text,
            paused: { reason: 'Missing Access (50001)', at: '2026-11-20T03:00:00.000Z', notified: true },
          }),
        ]),
      expected: [
        /channel 310000000000000001: topic contrastive is paused since 2026-11-20 \(Missing Access \(50001\)\) → fix .* \/subscription add/,
      ],
    },
    {
      name: 'a server the bot was removed from',
      setup: async () => {
        await seed(standard());
        await discord.removeGuild(FIXTURE.guildId);
      },
      expected: [/^server 210000000000000001: the bot cannot read the server \(404 .*\) → add the bot .*invite-url/],
    },
    {
      name: 'a database file that is not a database',
      setup: async () => {
        await writeFile(join(dir, 'paperboy.sqlite'), Buffer.alloc(4096, 7));
      },
      expected: [
        /^Cannot open the database .*paperboy\.sqlite: it is not a SQLite database, or it is corrupt .*→ check DATABASE_URL/,
      ],
    },
    {
      name: 'a database path that cannot be opened',
      setup: async () => {
        await mkdir(join(dir, 'paperboy.sqlite'));
      },
      expected: [/^Cannot open the database .*paperboy\.sqlite.* → check DATABASE_URL/],
    },
    {
      name: 'an unsupported database URL',
      setup: () => {
        env['DATABASE_URL'] = 'mysql://user:secret@127.0.0.1/paperboy';
      },
      expected: [/^Cannot use DATABASE_URL: the scheme "mysql:" is not supported\. .* → fix DATABASE_URL$/],
    },
    {
      name: 'a PostgreSQL server that does not answer',
      setup: () => {
        // Nothing listens on port 1: the connection is refused at once.
        env['DATABASE_URL'] = 'postgres://paperboy:secret@127.0.0.1:1/paperboy';
      },
      expected: [
        /^Cannot open the PostgreSQL database .*127\.0\.0\.1:1.*: nothing answers there .* → check DATABASE_URL and that the PostgreSQL server is running and reachable$/,
      ],
    },
    {
      name: 'invalid configuration',
      setup: () => {
        env['ARXIV_REQUEST_INTERVAL_MS'] = 'soon';
      },
      expected: [/^Invalid configuration: - ARXIV_REQUEST_INTERVAL_MS: .* → fix the variables named/],
    },
    {
      name: 'no token at all',
      setup: async () => {
        await seed(standard());
        delete env['DISCORD_TOKEN'];
      },
      expected: [/^DISCORD_TOKEN is not set: the bot cannot start → /],
    },
  ];

  it.each(cases)('finds $name, and only that', async ({ setup, expected }) => {
    await setup();
    const report = await diagnose(env, { offline: true }, { now: () => NOW });
    const found = problems(report);
    expect(report.ok).toBe(false);
    expect(found).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(found[i]).toMatch(pattern));
    // The text ends with one line per problem and what to do.
    const lines = doctorText(report).split('\n');
    expect(lines.slice(-expected.length - 1)).toEqual([
      `${expected.length} problem${expected.length === 1 ? '' : 's'}:`,
      ...found.map((p) => `- ${p}`),
    ]);
    // The fake counts 4xx answers as mistakes; the doctor's only ones are the GETs that found the problem.
    expect(discord.violations.filter((v) => v.method !== 'GET' || ![403, 404].includes(v.status))).toEqual([]);
    // Secrets never appear in the report.
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(JSON.stringify(report)).not.toContain(FIXTURE.token);
  });

  describePg('on PostgreSQL', () => {
    it('reports the database, its schema version and size, and finds nothing wrong', async () => {
      const db = await createTestDatabase();
      try {
        env['DATABASE_URL'] = db.url;
        await seed(standard());
        const report = await diagnose(env, { offline: true }, { now: () => NOW });
        expect(problems(report)).toEqual([]);
        expect(report.ok).toBe(true);
        const detail = report.checks.find((c) => c.area === 'database')?.detail ?? '';
        expect(detail).toMatch(
          /^127\.0\.0\.1:5432\/pb_test_\w+: schema version (\d+) \(this Paperboy writes \1\), [\d.]+ MiB$/,
        );
      } finally {
        await db.drop();
      }
    });
  });

  it('does not create a database that does not exist yet', async () => {
    const report = await diagnose(env, { offline: true }, { now: () => NOW });
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.area === 'database')?.detail).toMatch(/does not exist yet/);
    await expect(openStore(`sqlite://${join(dir, 'paperboy.sqlite')}`).then((s) => s.close())).resolves.toBeUndefined();
  });

  it('the bot’s permissions agree with the fake Discord’s own computation', async () => {
    await seed(standard());
    await discord.updateChannel(FIXTURE.text, {
      permissionOverwrites: [{ id: FIXTURE.guildId, type: 0, deny: PermissionFlagsBits.SendMessages }],
    });
    const report = await diagnose(env, { offline: true }, { now: () => NOW });
    const text = report.servers[0]?.channels.find((c) => c.channelId === FIXTURE.text);
    const bits = discord.botPermissions(FIXTURE.text);
    const lacks = [
      ['Send Messages', PermissionFlagsBits.SendMessages],
      ['Embed Links', PermissionFlagsBits.EmbedLinks],
    ]
      .filter(([, bit]) => (bits & (bit as bigint)) === 0n)
      .map(([name]) => name);
    expect(text?.missing).toEqual(lacks);
    expect(lacks).toEqual(['Send Messages', 'Embed Links']);
  });

  it('exits 0 when all is well and 1 with the problems, as text or one JSON object', { timeout: 60_000 }, async () => {
    await seed(standard());
    const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
    const run = (args: string[], extra: Record<string, string> = {}) =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'doctor', ...args], {
          env: { PATH: process.env.PATH ?? '', ...env, ...extra },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const [well, wrong] = await Promise.all([
      run(['--offline']),
      run(['--offline', '--json'], { DISCORD_APPLICATION_ID: '110000000000000999' }),
    ]);
    expect(well.code).toBe(0);
    expect(well.stdout.trim().split('\n').at(-1)).toBe('All is well.');
    expect(wrong.code).toBe(1);
    const report = JSON.parse(wrong.stdout) as DoctorReport;
    expect(report.ok).toBe(false);
    expect(problems(report)).toEqual([
      "DISCORD_APPLICATION_ID is 110000000000000999, but the token belongs to application 110000000000000001 → set DISCORD_APPLICATION_ID=110000000000000001, or use this application's own token",
    ]);
  });
});
