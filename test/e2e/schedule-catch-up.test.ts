/**
 * The first scheduled digest after a subscription, missed because the bot was down across it: the real bot
 * process, its clock set (test/helpers/clock-process.ts), a moderator setting things up through the fake
 * Discord. The next start posts the missed digest at once, without `/digest run`; the start after posts nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { FakeArxiv, apiById, rssFeedXml } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { FIXTURE, FIXTURE_GUILD, fakeEnv, makePapers, testDatabase } from '../helpers/bot.js';
import { startClockedBot, type ClockedBot } from '../helpers/clock-process.js';
import { postedPapers } from '../helpers/crash-world.js';

const MOD = { id: '420000000000000001', username: 'mod', roles: [FIXTURE.moderatorRole] };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world() {
  const discord = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD],
    rateLimits: { global: false },
    interactionResponseWindowMs: 30_000,
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  // Every other paper is about contrastive learning.
  const listing = makePapers(10, { matchEvery: 2 });
  arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', listing), etag: '"l1"' });
  arxiv.api(null, apiById(listing));
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-catch-up-'));
  const database = await testDatabase(dir);
  const env = fakeEnv(apiUrl, arxiv, dir, {
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
  });
  cleanups.push(async () => {
    await discord.close();
    await arxiv.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });
  const wanted = listing.filter((_, i) => i % 2 === 0).map((p) => p.id.replace(/v\d+$/, ''));
  return { discord, arxiv, env, wanted };
}

function start(env: Record<string, string>, clock: string): ClockedBot {
  const bot = startClockedBot(env, clock);
  cleanups.push(() => bot.stop('SIGKILL'));
  return bot;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the first scheduled digest, missed while the bot was down', () => {
  it('is posted within seconds of the next start, once', async () => {
    const w = await world();
    const deliveries = () => w.discord.requestsTo('POST', /^\/channels\/\d+\/messages$/).length;

    // 12:55 UTC: a moderator adds a topic, subscribes the channel and sets the schedule to 13:00 UTC.
    const first = start(w.env, '2026-11-24T12:55:00Z');
    await first.ready;
    const steps: Array<[string, string, Record<string, string | boolean>, RegExp]> = [
      [
        'topic',
        'add',
        {
          slug: 'contrastive',
          name: 'Contrastive',
          categories: 'cs.LG',
          query: '"contrastive learning"',
          images: false,
        },
        /^Added topic/,
      ],
      ['subscription', 'add', { topic: 'contrastive' }, /^Subscribed/],
      ['settings', 'set', { schedule: '0 13 * * *', timezone: 'UTC' }, /^Settings saved/],
    ];
    for (const [name, subcommand, options, answer] of steps) {
      const handle = await w.discord.command({ channelId: FIXTURE.text, name, subcommand, options, user: MOD });
      const response = await handle.response(10_000);
      if (response.type === 5) await handle.waitForEdit(1, 10_000);
      const content = String(response.type === 5 ? handle.original()?.content : response.data?.['content']);
      expect(content, `/${name} ${subcommand}`).toMatch(answer);
    }
    // Stopped at about 12:56, before the first firing.
    expect(await first.stop()).toBe(0);
    expect(deliveries()).toBe(0);
    expect(w.arxiv.requests).toHaveLength(0);

    // 13:05: the 13:00 firing was missed. The digest comes right after READY, with no command.
    const second = start(w.env, '2026-11-24T13:05:00Z');
    const ready = await second.ready;
    await until(() => postedPapers(w.discord, FIXTURE.text).length >= w.wanted.length, 20_000, 'the digest');
    const afterReadyMs = Date.now() - ready;
    expect(afterReadyMs).toBeLessThan(10_000);
    // Let anything more it would post arrive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(postedPapers(w.discord, FIXTURE.text).sort()).toEqual([...w.wanted].sort());
    expect(await second.stop()).toBe(0);
    const posted = deliveries();
    const fetched = w.arxiv.requests.length;

    // 13:10: nothing was missed since the catch-up run, so nothing is run: no arXiv request, no post.
    const third = start(w.env, '2026-11-24T13:10:00Z');
    await third.ready;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await third.stop()).toBe(0);
    expect(deliveries()).toBe(posted);
    expect(w.arxiv.requests).toHaveLength(fetched);

    const store = await openStore(w.env.DATABASE_URL);
    try {
      const digests = await store.delivery.digestsOn(FIXTURE.guildId, '2026-11-24');
      expect(digests.map((d) => d.status)).toEqual(['sent']);
      // The catch-up run is the scheduled run of that start, at its clock.
      const lastRun = String(await store.state.getValue(`schedule:lastRun:${FIXTURE.guildId}`));
      expect(lastRun >= '2026-11-24T13:05:00.000Z' && lastRun < '2026-11-24T13:10:00.000Z').toBe(true);
    } finally {
      await store.close();
    }
    expect(w.discord.violations).toEqual([]);
    expect(w.arxiv.violations).toEqual([]);
  }, 120_000);
});
