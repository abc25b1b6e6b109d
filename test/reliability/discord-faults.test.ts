/**
 * Discord faults around a real digest run of the real bot: every kind of 429, server errors, a request
 * that times out, gateway disconnects with and without a resumable session, and interaction tokens that
 * expire. Whatever happens, each paper is posted exactly once and the bot keeps answering commands.
 * (Refusals that pause a channel — 403/50013, 404/10003 — and a refused message (50035) are in
 * test/e2e/delivery.test.ts.)
 */
import { Events, Status } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../fakes/fake-discord-types.js';
import { answer, assertClean, command, MODERATOR, useCommandWorld } from '../commands/paper-digest-world.js';
import { FIXTURE, makePapers, subscription, topic, type BotWorld } from '../helpers/bot.js';

const start = useCommandWorld();
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';
const DATE = '2026-11-24';
const PAPERS = 25;
const MESSAGES = `/channels/${FIXTURE.text}/messages`;

const seed = (guildId: string) => ({
  topics: [topic(guildId)],
  subscriptions: [subscription(guildId, { maxPapers: 40 })],
});

async function world(options: Parameters<typeof start>[0] = {}): Promise<BotWorld> {
  const w = await start({ seed, restTimeout: 400, ...options });
  w.serveListing('cs.LG', LISTING_DATE, makePapers(PAPERS));
  return w;
}

function urls(w: BotWorld): string[] {
  return w.discord.messages(FIXTURE.text).flatMap((m) => m.embeds.map((e) => String((e as { url?: string }).url)));
}

async function expectEachPaperOnce(w: BotWorld): Promise<void> {
  expect(urls(w)).toHaveLength(PAPERS);
  expect(new Set(urls(w)).size).toBe(PAPERS);
  const digests = await w.bot.app.store.delivery.digestsOn(FIXTURE.guildId, DATE);
  expect(digests.map((d) => d.status)).toEqual(['sent']);
  assertClean(w);
}

/** The bot answers a command: its gateway works and its handlers run. */
async function expectAnswers(w: BotWorld): Promise<void> {
  await w.discord.waitFor(() => w.bot.client.ws.status === Status.Ready, 10_000, 'the gateway to be ready');
  const reply = await answer(w, await command(w, 'digest', 'today'));
  expect(reply.content + JSON.stringify(reply.embeds)).toMatch(/Contrastive learning/);
}

describe('REST faults during a digest', () => {
  const second = { method: 'POST', path: MESSAGES, skip: 1 } as const;
  it.each<[string, Omit<FaultSpec, 'path'>]>([
    ['a route 429', { ...second, status: 429, retryAfter: 0.05, times: 2 }],
    ['a global 429', { ...second, status: 429, retryAfter: 0.05, global: true }],
    ['a shared-bucket 429', { ...second, status: 429, retryAfter: 0.05, headers: { 'X-RateLimit-Scope': 'shared' } }],
    ['500s', { ...second, status: 500, times: 2 }],
    ['502s', { ...second, status: 502, times: 2 }],
    ['503s', { ...second, status: 503, times: 2 }],
    ['a reset connection', { ...second, reset: true, applyFirst: true }],
    ['a request that times out after Discord created the message', { ...second, hang: true, applyFirst: true }],
  ])('%s: waited out or retried, each paper once', async (_name, fault) => {
    const w = await world();
    const handle = w.discord.fail({ path: MESSAGES, ...fault });
    await w.bot.app.runGuild(FIXTURE.guildId);
    expect(handle.hits).toBe(fault.times ?? 1);
    expect(handle.remaining).toBe(0);
    if (fault.status === 429) expect(w.discord.count429()).toBe(fault.times ?? 1);
    await expectEachPaperOnce(w);
  });

  it('a fault that outlasts the retries leaves the digest pending, and the next run finishes it without copies', async () => {
    const w = await world();
    w.discord.fail({ method: 'POST', path: MESSAGES, skip: 1, status: 502, times: 4 });
    await w.bot.app.runGuild(FIXTURE.guildId);
    const [pending] = await w.bot.app.store.delivery.digestsOn(FIXTURE.guildId, DATE);
    expect(pending?.status).toBe('pending');
    expect(pending?.attempts).toBe(1);
    expect(urls(w).length).toBeLessThan(PAPERS);
    await w.bot.app.runner.runGuild(FIXTURE.guildId, DATE);
    await expectEachPaperOnce(w);
  });
});

describe('gateway faults during a digest', () => {
  it.each([
    ['closes with 4000 (resumable)', (w: BotWorld) => w.discord.disconnect(4000), true],
    ['drops the connection without a close frame (1006)', (w: BotWorld) => w.discord.disconnect(1006), true],
    ['asks the bot to reconnect (op 7)', (w: BotWorld) => w.discord.requestReconnect(), true],
    ['ends the session (4009, not resumable)', (w: BotWorld) => w.discord.disconnect(4009), false],
  ])('Discord %s: the digest goes on over REST, and commands work again', async (_name, drop, resumable) => {
    const w = await world();
    // The first message's answer is late: the gateway goes down while the digest is being sent.
    w.discord.fail({ method: 'POST', path: MESSAGES, delayMs: 150 });
    const run = w.bot.app.runGuild(FIXTURE.guildId);
    await w.discord.waitFor(() => w.discord.messages(FIXTURE.text).length >= 1, 5000, 'the first message');
    const back = new Promise<void>((resolve) => {
      w.bot.client.once(resumable ? Events.ShardResume : Events.ShardReady, () => resolve());
    });
    await drop(w);
    await run;
    await back;
    await expectEachPaperOnce(w);
    expect(w.discord.gatewayStats()).toMatchObject(resumable ? { identifies: 1, resumes: 1 } : { identifies: 2 });
    await expectAnswers(w);
  });

  it('answers a command sent while the connection was down, once the session resumes', async () => {
    const w = await world();
    await w.bot.app.runGuild(FIXTURE.guildId);
    const resumed = new Promise<void>((resolve) => w.bot.client.once(Events.ShardResume, () => resolve()));
    await w.discord.disconnect(4000);
    const handle = await command(w, 'digest', 'today');
    await resumed;
    const reply = await answer(w, handle);
    expect(reply.content + JSON.stringify(reply.embeds)).toMatch(/Contrastive learning/);
    assertClean(w);
  });
});

describe('expired interaction tokens', () => {
  it('an interaction that expired before the bot saw it: no answer, nothing posted, no crash', async () => {
    const w = await world();
    const handle = await w.discord.command({
      channelId: FIXTURE.text,
      name: 'digest',
      subcommand: 'run',
      user: MODERATOR,
      expiresInMs: 0,
    });
    await w.discord.waitFor(
      () => w.discord.requests.some((r) => r.path.startsWith(`/interactions/${handle.id}/`)),
      5000,
      'the callback',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handle.original()).toBeUndefined();
    expect(w.discord.messages(FIXTURE.text)).toEqual([]);
    expect(await w.bot.app.store.delivery.digestsOn(FIXTURE.guildId, DATE)).toEqual([]);
    await expectAnswers(w);
  });

  it('/digest run whose token expires before its report: the digest is posted once, the bot stays up', async () => {
    let offset = 0;
    const w = await world({ discord: { clock: () => Date.now() + offset } });
    // While the first message's answer is late, the 15-minute token lifetime runs out.
    w.discord.fail({ method: 'POST', path: MESSAGES, delayMs: 150 });
    const handle = await command(w, 'digest', 'run', {}, { user: MODERATOR });
    expect((await handle.response(5000)).type).toBe(5);
    await w.discord.waitFor(() => w.discord.messages(FIXTURE.text).length >= 1, 5000, 'the first message');
    offset = 16 * 60_000;
    await w.discord.waitFor(
      () => w.discord.requests.filter((r) => r.path.startsWith(`/webhooks/${FIXTURE.applicationId}/`)).length >= 2,
      5000,
      'the report attempts',
    );
    await w.bot.app.runner.idle();
    const edits = w.discord.requests.filter((r) => r.path.startsWith(`/webhooks/${FIXTURE.applicationId}/`));
    expect(edits.every((r) => r.status === 401)).toBe(true);
    expect((handle.original()?.flags ?? 0) & (1 << 7)).not.toBe(0);
    // Those refused report edits are the only requests Discord refused.
    expect(w.discord.violations.map((v) => v.code)).toEqual(edits.map(() => 50027));
    w.discord.violations.splice(0);
    await expectEachPaperOnce(w);
    offset = 0;
    await expectAnswers(w);
  });
});
