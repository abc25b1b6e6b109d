/**
 * The bot token never reaches a log line, an error message or a reply: a whole session of the real
 * process (`paperboy start`, LOG_LEVEL=trace) goes through start-up, a digest, REST failures
 * (500, 400, 403, 401), a failing interaction and gateway disconnects, and every byte it wrote on
 * stdout and stderr is searched for the token and its parts. The CLI commands that take the token
 * are searched the same way.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { FakeArxiv, apiById, rssFeedXml } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { FIXTURE, FIXTURE_GUILD, fakeEnv, makePapers, subscription, topic } from '../helpers/bot.js';
import { spawnPaperboy, type PaperboyProcess } from '../helpers/paperboy.js';
import { seededRandom } from '../helpers/random.js';
import { until } from '../helpers/until.js';

const TUESDAY_FEED = 'Tue, 24 Nov 2026 00:00:00 -0500';

/** A token shaped like Discord's: base64 of the bot's id, a timestamp part, and the HMAC that is the secret. */
function discordLikeToken(seed: number): { token: string; parts: string[] } {
  const random = seededRandom(seed);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const pick = (n: number) =>
    Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const parts = [Buffer.from(FIXTURE.applicationId).toString('base64').replace(/=+$/, ''), pick(6), pick(38)];
  return { token: parts.join('.'), parts };
}

const GOOD = discordLikeToken(11);
const WRONG = discordLikeToken(12);

/** Every form in which a token could leak: whole, with its `Bot ` prefix, as base64, and its secret part alone. */
function leaks(output: string, secret: { token: string; parts: string[] }): string[] {
  const [id = '', stamp = '', hmac = ''] = secret.parts;
  const forms = {
    token: secret.token,
    'id.timestamp': `${id}.${stamp}`,
    hmac,
    'base64(token)': Buffer.from(secret.token).toString('base64').slice(0, 40),
    'base64url(token)': Buffer.from(secret.token).toString('base64url').slice(0, 40),
    'url-encoded token': encodeURIComponent(secret.token),
  };
  return Object.entries(forms)
    .filter(([, form]) => form !== '' && output.includes(form))
    .map(([name]) => name);
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function paperboy(args: string[], env: Record<string, string>): PaperboyProcess & { exit: Promise<number | null> } {
  const proc = spawnPaperboy(args, { env });
  cleanups.push(async () => {
    await proc.kill('SIGKILL');
  });
  return { ...proc, exit: proc.exited.then(({ code }) => code) };
}

interface World {
  discord: FakeDiscord;
  env: Record<string, string>;
  store: Store;
}

async function world(): Promise<World> {
  const discord = new FakeDiscord({
    token: GOOD.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD],
    rateLimits: { global: false },
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  const listing = makePapers(12);
  arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', TUESDAY_FEED, listing), etag: '"t1"' });
  arxiv.api(null, apiById(listing));
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-token-'));
  const env = fakeEnv(apiUrl, arxiv, dir, { DISCORD_TOKEN: GOOD.token, LOG_LEVEL: 'trace' });
  const store = await openStore(env.DATABASE_URL);
  // Every minute, last run an hour ago: the bot catches up at once. One channel is closed to it (403).
  await store.state.updateGuild(FIXTURE.guildId, (state) => {
    state.topics.push(topic(FIXTURE.guildId));
    state.subscriptions.push(subscription(FIXTURE.guildId, { maxPapers: 12 }));
    state.subscriptions.push(subscription(FIXTURE.guildId, { channelId: FIXTURE.announcement }));
    state.subscriptions.push(subscription(FIXTURE.guildId, { channelId: FIXTURE.forbidden }));
    state.settings = {
      guildId: FIXTURE.guildId,
      schedule: '* * * * *',
      timezone: 'UTC',
      abstractLength: 300,
      maxPapers: 12,
      changed: null,
    };
  });
  await store.state.setValue(`schedule:lastRun:${FIXTURE.guildId}`, new Date(Date.now() - 3600_000).toISOString());
  cleanups.push(async () => {
    await store.close();
    await discord.close();
    await arxiv.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { discord, env, store };
}

const loggedMessages = (output: string): string[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => String((JSON.parse(line) as { msg?: unknown }).msg));

describe('the bot token never appears in output', () => {
  it('a whole session at LOG_LEVEL=trace: start-up, digest, REST failures, interaction errors, gateway errors', async () => {
    const w = await world();
    // One digest message refused (400); another channel answers 500 until discord.js gives up.
    w.discord.fail({
      method: 'POST',
      path: `/channels/${FIXTURE.text}/messages`,
      times: 1,
      status: 400,
      code: 50035,
      message: 'Invalid Form Body',
    });
    w.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.announcement}/messages`, times: 4, status: 500 });

    const deploy = paperboy(['deploy-commands', '--guild', FIXTURE.guildId], w.env);
    expect(await deploy.exit).toBe(0);
    expect(deploy.output()).toContain('Registered');

    const bot = paperboy(['start'], w.env);
    await until(
      () => w.discord.requests.some((r) => r.method === 'POST' && r.path === `/channels/${FIXTURE.forbidden}/messages`),
      30_000,
      'the post to the closed channel',
    );
    await until(
      async () => (await w.store.delivery.digestsOn(FIXTURE.guildId, '2026-11-24')).length >= 1,
      30_000,
      'a digest',
    );
    await until(
      () => bot.output().includes('Discord refused a digest message'),
      30_000,
      'the refused message to be logged',
    );

    // The announcement channel's digest gave up on the 500s and waits, pending, for its next run (waited for
    // before the faults are cleared below: a retry still to come would otherwise succeed).
    await until(
      async () =>
        (await w.store.delivery.digestsOn(FIXTURE.guildId, '2026-11-24')).some(
          (d) => d.channelId === FIXTURE.announcement && d.status === 'pending' && d.attempts >= 1,
        ),
      30_000,
      'the digest of the 500s to be pending',
    );

    // An interaction whose answer fails (500 on the callback): logged with the error, then told.
    w.discord.fail({ method: 'POST', path: /^\/interactions\//, times: 8, status: 500 });
    await w.discord.command({
      channelId: FIXTURE.text,
      name: 'paper',
      subcommand: 'search',
      options: { query: 'contrastive' },
      user: { id: '420000000000000001' },
    });
    await until(() => bot.output().includes('interaction failed'), 30_000, 'the failing interaction to be logged');
    w.discord.clearFaults();

    // Gateway trouble: a dropped connection; the bot resumes, sending the token again.
    await w.discord.disconnect(4000);
    await until(() => w.discord.gatewayStats().resumes >= 1, 30_000, 'a RESUME');

    // A 401 on an authenticated request (the pending digest of the 500s, resumed by /digest run):
    // discord.js drops the token and later requests fail without it.
    w.discord.fail({
      method: 'POST',
      path: /^\/channels\//,
      times: 1,
      status: 401,
      code: 0,
      message: '401: Unauthorized',
    });
    const run = await w.discord.command({
      channelId: FIXTURE.announcement,
      name: 'digest',
      subcommand: 'run',
      options: {},
      user: { id: '420000000000000009', roles: [FIXTURE.moderatorRole] },
    });
    await run.response(5000);
    await until(() => w.discord.requests.some((r) => r.status === 401), 30_000, 'the 401');

    // Nothing works without the token: the bot says so and stops by itself, exit code 1.
    expect(await bot.exit).toBe(1);
    const output = bot.output();
    expect(output).toContain('Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN');
    const messages = loggedMessages(output);
    // The session did go through every failure it was meant to.
    expect(messages).toEqual(
      expect.arrayContaining([
        'connected to Discord',
        'digest planned',
        'Discord refused a digest message',
        'digest delivery failed; will retry',
        'digest failed',
        'interaction failed',
      ]),
    );
    expect(output).toContain('"level":20');
    // A 401 is about the token, not the message: the digest stays pending, no message is given up.
    expect(output).toMatch(/"err":"Discord error 401[^"]*","msg":"digest delivery failed; will retry"/);
    expect(output).not.toContain('Discord refused the message: 401');
    expect(leaks(output, GOOD)).toEqual([]);
    // Interaction tokens (valid for 15 minutes, enough to answer as the bot) stay out of the logs too.
    const interactionTokens = w.discord.requests.flatMap(
      (r) => /^\/interactions\/\d+\/([^/]+)\//.exec(r.path)?.slice(1) ?? [],
    );
    expect(interactionTokens.length).toBeGreaterThanOrEqual(2);
    expect(interactionTokens.filter((token) => output.includes(token))).toEqual([]);
    expect(output).toContain('/interactions/');
    expect(leaks(deploy.output(), GOOD)).toEqual([]);
    // The fake saw the token on every authenticated request, so it was there to leak.
    expect(w.discord.requests.some((r) => r.headers['authorization'] === `Bot ${GOOD.token}`)).toBe(true);
    // Nothing the bot sent to Discord carries it either (replies, digests, error messages).
    expect(leaks(JSON.stringify(w.discord.requests.map((r) => r.body)), GOOD)).toEqual([]);
  }, 150_000);

  it('CLI runs that take the token: wrong token (start, deploy-commands), bad configuration, invite-url', async () => {
    const w = await world();
    const cases = [
      { args: ['start'], env: { DISCORD_TOKEN: WRONG.token }, code: 1 },
      { args: ['deploy-commands'], env: { DISCORD_TOKEN: WRONG.token }, code: 1 },
      {
        args: ['start'],
        env: { DISCORD_APPLICATION_ID: 'not-an-id', DISCORD_API_URL: `ftp://${GOOD.token}@127.0.0.1/` },
        code: 1,
      },
      { args: ['invite-url'], env: {}, code: 0 },
    ];
    // Side by side: each is a process of its own.
    const runs = cases.map(({ args, env }) => paperboy(args, { ...w.env, ...env }));
    const codes = await Promise.all(runs.map((run) => run.exit));
    expect(codes).toEqual(cases.map((c) => c.code));
    const outputs = runs.map((run) => run.output());
    expect(outputs[0]).toMatch(/token/i);
    expect(outputs[2]).toContain('DISCORD_APPLICATION_ID');
    expect(outputs[2]).toContain('DISCORD_API_URL');
    expect(outputs[3]).toContain('https://discord.com/');
    for (const output of outputs) {
      expect(leaks(output, GOOD)).toEqual([]);
      expect(leaks(output, WRONG)).toEqual([]);
    }
    // The wrong token did reach the fake Discord, which refused it.
    expect(
      w.discord.requests.some((r) => r.headers['authorization'] === `Bot ${WRONG.token}` && r.status === 401),
    ).toBe(true);
  }, 90_000);
});

describe('scrubSecrets', () => {
  it.each([
    [`{"msg":"login","token":"${GOOD.token}"}`, '{"msg":"login","token":"[redacted]"}'],
    [`Authorization: Bot ${GOOD.token}`, 'Authorization: Bot [redacted]'],
    [
      '"url":"http://127.0.0.1:1/api/v10/interactions/1576018454564044800/aW50ZXJhY3Rpb24=/callback?with_response=false"',
      '"url":"http://127.0.0.1:1/api/v10/interactions/1576018454564044800/[redacted]/callback?with_response=false"',
    ],
    [
      'PATCH /webhooks/110000000000000001/aW50ZXJhY3Rpb24/messages/@original',
      'PATCH /webhooks/110000000000000001/[redacted]/messages/@original',
    ],
  ])('%s', (line, expected) => {
    expect(scrubSecrets(line)).toBe(expected);
  });

  it.each([
    '{"digest":"210000000000000001:310000000000000001:contrastive:2026-11-24:1"}',
    '{"url":"http://127.0.0.1:42699/api/query?id_list=2611.01000,2611.01001&start=0&max_results=12"}',
    'https://arxiv.org/abs/2205.14459v2 and https://github.com/goel-shashank/CyCLIP',
    '/channels/310000000000000001/messages/310000000000000009',
  ])('leaves %s alone', (line) => {
    expect(scrubSecrets(line)).toBe(line);
  });
});
