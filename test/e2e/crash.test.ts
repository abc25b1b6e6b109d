/**
 * The bot as a separate process, killed with SIGKILL in the middle of a digest and started again:
 * every paper must end up posted exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { apiById, rssFeedXml } from '../fakes/fake-arxiv.js';
import type { FakeDiscord } from '../fakes/fake-discord.js';
import type { FaultSpec } from '../fakes/fake-discord-types.js';
import { FIXTURE, makePapers } from '../helpers/bot.js';
import {
  connected,
  dmPapers,
  oneGuildWorld,
  postedPapers,
  watchedBotProcess,
  type BotProcess,
  type Cleanups,
} from '../helpers/crash-world.js';
import { until } from '../helpers/until.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world(papers: number, options: { thread?: boolean } = {}) {
  const listing = makePapers(papers);
  const w = await oneGuildWorld(
    {
      name: 'crash',
      serve(arxiv) {
        arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', listing), etag: '"l1"' });
        arxiv.api(null, apiById(listing));
      },
      subscription: { maxPapers: 100, thread: options.thread ?? false },
      abstractLength: 600,
      maxPapers: 100,
    },
    cleanups,
  );
  return { ...w, papers: listing.length };
}

const startBot = (env: Record<string, string>): BotProcess => watchedBotProcess(env, cleanups);

async function finished(store: Store): Promise<boolean> {
  const digests = await store.delivery.digestsOn(FIXTURE.guildId, '2026-11-24');
  return digests.length > 0 && digests.every((d) => d.status === 'sent');
}

/** Stop the bot; after anything but SIGKILL it must exit by itself with code 0 (else its last output is shown). */
async function stopped(bot: BotProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exit = await bot.kill(signal);
  if (signal !== 'SIGKILL') {
    expect(exit, `the exit after ${signal}; the bot's last output:\n${bot.output().slice(-4000)}`).toEqual({
      code: 0,
      signal: null,
    });
  }
  return exit.code;
}

/** Papers posted in the channel and in any thread opened under it. */
function postedUrls(discord: FakeDiscord): string[] {
  return postedPapers(discord, FIXTURE.text);
}

describe('SIGKILL in the middle of a digest', () => {
  it.each<[string, Omit<FaultSpec, 'path'>]>([
    ['after the header message was created, before its answer', { skip: 0, hang: true, applyFirst: true }],
    ['between two messages (second created, answer lost)', { skip: 1, hang: true, applyFirst: true }],
    ['before the third message reached Discord', { skip: 2, hang: true }],
  ])(
    '%s: every paper is posted exactly once',
    async (_name, fault) => {
      const w = await world(45);
      const path = `/channels/${FIXTURE.text}/messages`;
      w.discord.fail({ method: 'POST', path, times: 1, ...fault });
      const skip = fault.skip ?? 0;

      const first = startBot(w.env);
      await until(
        () => w.discord.requests.filter((r) => r.method === 'POST' && r.path === path).length > skip,
        60_000,
        'the faulty request',
        { everyMs: 50 },
      );
      await stopped(first, 'SIGKILL');
      expect(await finished(w.store)).toBe(false);

      const second = await connected(w.discord, () => startBot(w.env));
      await until(() => finished(w.store), 60_000, 'the digest to finish after the restart', { everyMs: 50 });
      // SIGTERM is a clean shutdown: exit code 0.
      expect(await stopped(second, 'SIGTERM')).toBe(0);

      const urls = postedUrls(w.discord);
      expect(urls).toHaveLength(w.papers);
      expect(new Set(urls).size).toBe(w.papers);
      expect(w.discord.violations).toEqual([]);
      expect(w.arxiv.violations).toEqual([]);
    },
    150_000,
  );

  it('after the digest thread was created, before its answer: the thread is found again, not created twice', async () => {
    const w = await world(45, { thread: true });
    const path = /^\/channels\/\d+\/messages\/\d+\/threads$/;
    w.discord.fail({ method: 'POST', path, hang: true, applyFirst: true });
    const threadsBefore = w.discord.threads(FIXTURE.text).length;

    const first = startBot(w.env);
    await until(() => w.discord.requestsTo('POST', path).length > 0, 60_000, 'the thread request', { everyMs: 50 });
    await stopped(first, 'SIGKILL');
    expect(w.discord.threads(FIXTURE.text)).toHaveLength(threadsBefore + 1);

    const second = await connected(w.discord, () => startBot(w.env));
    await until(() => finished(w.store), 60_000, 'the digest to finish after the restart', { everyMs: 50 });
    expect(await stopped(second, 'SIGTERM')).toBe(0);

    const urls = postedUrls(w.discord);
    expect(urls).toHaveLength(w.papers);
    expect(new Set(urls).size).toBe(w.papers);
    expect(w.discord.threads(FIXTURE.text)).toHaveLength(threadsBefore + 1);
    expect(w.discord.requestsTo('POST', path)).toHaveLength(1);
    expect(w.discord.violations).toEqual([]);
    expect(w.arxiv.violations).toEqual([]);
  }, 150_000);
});

describe('SIGKILL in the middle of members’ direct messages', () => {
  it('each member gets each of their papers exactly once', async () => {
    const w = await world(45);
    // No channel subscribed: only the three members' follows send anything, two DM messages each (12 papers).
    const members = ['430000000000000001', '430000000000000002', '430000000000000003'];
    await w.store.state.updateGuild(FIXTURE.guildId, (state) => {
      state.subscriptions = [];
      state.followers = members;
    });
    for (const [i, userId] of members.entries()) {
      await w.store.state.updateMember(userId, (m) => {
        m.follows.push({
          id: 'f1',
          guildId: FIXTURE.guildId,
          author: null,
          // Twelve parts each: member 0 parts 0–11, member 1 parts 12–23, member 2 parts 24–35.
          query: Array.from({ length: 12 }, (_, k) => `"part ${12 * i + k}"`).join(' OR '),
          categories: ['cs.LG'],
          createdAt: '2026-11-24T00:00:00.000Z',
        });
      });
      w.discord.addUser({ id: userId, username: `member${i}` });
    }
    await w.discord.addMember(FIXTURE.guildId, { id: members[0]! });
    await w.discord.addMember(FIXTURE.guildId, { id: members[1]! });
    await w.discord.addMember(FIXTURE.guildId, { id: members[2]! });
    const path = /^\/channels\/\d+\/messages$/;
    // The second member's first DM is created, its answer never comes: the bot is killed then.
    w.discord.fail({ method: 'POST', path, skip: 2, times: 1, hang: true, applyFirst: true });

    const first = startBot(w.env);
    await until(() => w.discord.requestsTo('POST', path).length > 2, 60_000, 'the third DM message', {
      everyMs: 50,
    });
    await stopped(first, 'SIGKILL');
    const second = await connected(w.discord, () => startBot(w.env));
    const want = (i: number) => Array.from({ length: 12 }, (_, k) => `2611.0${1000 + 12 * i + k}`).sort();
    await until(
      () => members.every((userId, i) => dmPapers(w.discord, userId).length >= want(i).length),
      60_000,
      'every member’s DM after the restart',
      { everyMs: 50 },
    );
    expect(await stopped(second, 'SIGTERM')).toBe(0);
    for (const [i, userId] of members.entries()) {
      expect(dmPapers(w.discord, userId).sort(), `member ${i}`).toEqual(want(i));
    }
    // Six DM messages; the one whose answer was lost was sent again after the restart, and Discord (the nonce)
    // answered with the message it had made.
    expect(w.discord.requestsTo('POST', path).length).toBeGreaterThan(6);
    expect(members.reduce((n, userId) => n + w.discord.directMessages(userId).length, 0)).toBe(6);
    expect(w.discord.messages(FIXTURE.text)).toEqual([]);
    expect(w.discord.violations).toEqual([]);
  }, 150_000);
});
