/**
 * The bot as a separate process, killed with SIGKILL after a venue update was planned and recorded but before its
 * answer came back, then started again: the update is posted exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { apiById, rssFeedXml, type FakeArxiv, type FakePaper } from '../fakes/fake-arxiv.js';
import type { FaultSpec } from '../fakes/fake-discord-types.js';
import { FIXTURE } from '../helpers/bot.js';
import { connected, oneGuildWorld, watchedBotProcess, type BotProcess, type Cleanups } from '../helpers/crash-world.js';
import { until } from '../helpers/until.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HEADER = '🎓 **Now accepted** — papers posted here';
const WED = '2026-11-25';

function paper(n: number, v = 1, extra: Partial<FakePaper> = {}): FakePaper {
  return {
    id: `2611.0${1000 + n}v${v}`,
    title: n < 3 ? `Contrastive learning, part ${n}` : `Supervised segmentation study ${n}`,
    abstract: n < 3 ? 'We study contrastive learning for images.' : 'We train a supervised model.',
    authors: [`Author ${n} One`],
    categories: ['cs.LG'],
    published: '2026-11-23T18:00:00Z',
    ...(v > 1 ? { announceType: 'replace' as const, updated: '2026-11-24T18:00:00Z' } : {}),
    ...extra,
  };
}

function serve(arxiv: FakeArxiv, pubDate: string, papers: FakePaper[], etag: string): void {
  arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', pubDate, papers), etag });
  arxiv.api(null, apiById(papers));
}

function world() {
  return oneGuildWorld(
    {
      name: 'venue-crash',
      serve: (arxiv) =>
        serve(arxiv, 'Tue, 24 Nov 2026 00:00:00 -0500', [paper(0), paper(1), paper(2), paper(3)], '"tue"'),
      abstractLength: 600,
      maxPapers: 25,
    },
    cleanups,
  );
}

const startBot = (env: Record<string, string>): BotProcess => watchedBotProcess(env, cleanups);

async function updateStatus(store: Store): Promise<string | null> {
  const [update] = await store.delivery.digestsOn(FIXTURE.guildId, WED, '~venue');
  return update?.status ?? null;
}

describe('SIGKILL in the middle of a venue update', () => {
  it.each<[string, Omit<FaultSpec, 'path'>]>([
    ['planned and recorded, killed before the message reached Discord', { hang: true }],
    ['the message created, killed before its answer', { hang: true, applyFirst: true }],
  ])(
    '%s: the channel gets the update once',
    async (_name, fault) => {
      const w = await world();
      const path = `/channels/${FIXTURE.text}/messages`;
      const posts = () => w.discord.requestsTo('POST', path).length;

      // Tuesday's digest, posted by a first process stopped cleanly.
      const first = startBot(w.env);
      await until(
        async () => (await w.store.delivery.digestsOn(FIXTURE.guildId, '2026-11-24')).some((d) => d.status === 'sent'),
        60_000,
        'Tuesday’s digest',
        { everyMs: 50 },
      );
      expect((await first.kill('SIGTERM')).code).toBe(0);
      const before = posts();
      const posted = w.discord.messages(FIXTURE.text).find((m) => m.embeds.length > 0);

      // Wednesday: paper 0 as v2 accepted at NeurIPS, nothing new for the topic; the update is the only post.
      serve(
        w.arxiv,
        'Wed, 25 Nov 2026 00:00:00 -0500',
        [paper(4), paper(0, 2, { comment: 'Accepted at NeurIPS 2026' })],
        '"wed"',
      );
      await w.catchUp();
      w.discord.fail({ method: 'POST', path, times: 1, ...fault });
      const second = await connected(w.discord, () => startBot(w.env));
      await until(() => posts() > before, 60_000, 'the update request', { everyMs: 50 });
      await second.kill('SIGKILL');
      expect(await updateStatus(w.store)).toBe('pending');

      const third = startBot(w.env);
      await until(async () => (await updateStatus(w.store)) === 'sent', 60_000, 'the update after the restart', {
        everyMs: 50,
      });
      expect((await third.kill('SIGTERM')).code).toBe(0);

      const updates = w.discord.messages(FIXTURE.text).filter((m) => m.content.startsWith(HEADER));
      expect(updates.map((m) => m.content)).toEqual([
        `${HEADER} · ${WED}\n**Contrastive learning, part 0** — now accepted at **NeurIPS 2026** (v2) — [posted here](https://discord.com/channels/${FIXTURE.guildId}/${FIXTURE.text}/${posted?.id})`,
      ]);
      expect(await w.store.delivery.venueClaims(FIXTURE.text, ['2611.01000'])).toEqual(
        new Map([['2611.01000', new Set(['NeurIPS 2026'])]]),
      );
      expect(w.discord.violations).toEqual([]);
      expect(w.arxiv.violations).toEqual([]);
    },
    150_000,
  );
});
