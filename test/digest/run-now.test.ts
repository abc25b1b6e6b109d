import { describe, expect, it } from 'vitest';
import { checkChannelRun, runChannelNow, type RunNowDeps } from '../../src/digest/run-now.js';
import type { ChannelOutcome } from '../../src/digest/runner.js';
import type { DigestRecord, GuildState } from '../../src/store/types.js';
import { subscription, topic } from '../helpers/bot.js';
import { GUILD, TEXT, FORUM } from '../guilds/world.js';

const state: GuildState = {
  guildId: GUILD,
  topics: [topic(GUILD), topic(GUILD, { slug: 'graphs' })],
  subscriptions: [subscription(GUILD, { channelId: TEXT })],
  settings: null,
  audit: [],
};

describe('checkChannelRun', () => {
  it.each([
    { case: 'a subscribed channel', channel: TEXT, slug: undefined, says: null },
    { case: 'its topic', channel: TEXT, slug: 'contrastive', says: null },
    {
      case: 'a channel without subscriptions',
      channel: FORUM,
      slug: undefined,
      says: /^This channel has no subscriptions.*\(this server’s topics: `contrastive`, `graphs`\)/,
    },
    {
      case: 'a topic of another channel',
      channel: TEXT,
      slug: 'graphs',
      says: /^This channel is not subscribed to `graphs`\. Its topics: `contrastive`\.$/,
    },
  ])('$case', ({ channel, slug, says }) => {
    if (says === null) expect(() => checkChannelRun(state, channel, slug)).not.toThrow();
    else expect(() => checkChannelRun(state, channel, slug)).toThrow(says);
  });
});

/** Fakes of the listing fetch, the archive and the runner; `outcomes` is what the runner reports. */
/** `listing`: the date arXiv announces, null for none, or `'down'` for arXiv unreachable. */
function deps(options: { listing: string | null; archived: string | null; outcomes: ChannelOutcome[] }) {
  const runs: unknown[][] = [];
  const fake: RunNowDeps = {
    ingest: {
      refresh() {
        if (options.listing === 'down') return Promise.reject(new Error('arXiv unreachable'));
        return Promise.resolve({ date: options.listing } as Awaited<ReturnType<RunNowDeps['ingest']['refresh']>>);
      },
    },
    store: {
      archive: { latestAnnouncement: () => Promise.resolve(options.archived) },
      delivery: {
        getDigest: () => Promise.resolve({ messages: [{}, {}] } as unknown as DigestRecord),
      },
    } as unknown as RunNowDeps['store'],
    runner: {
      runChannel(...args: unknown[]) {
        runs.push(args);
        return Promise.resolve(options.outcomes);
      },
    },
    log: { warn: () => undefined },
  };
  return { fake, runs };
}

const posted: ChannelOutcome = { topicSlug: 'contrastive', status: 'posted', digestKey: 'k', papers: 3, overflow: 0 };

describe('runChannelNow', () => {
  it('runs the channel for the fetched listing and counts the messages posted', async () => {
    const { fake, runs } = deps({ listing: '2026-11-23', archived: null, outcomes: [posted] });
    expect(await runChannelNow(fake, GUILD, TEXT, undefined)).toEqual({
      date: '2026-11-23',
      outcomes: [{ ...posted, messages: 2 }],
      notes: [],
    });
    expect(runs).toEqual([[GUILD, TEXT, '2026-11-23', undefined]]);
  });

  it('uses the archive when arXiv cannot be reached, and says so', async () => {
    const { fake } = deps({
      listing: 'down',
      archived: '2026-11-20',
      outcomes: [{ topicSlug: 'contrastive', status: 'nothing-new' }],
    });
    const report = await runChannelNow(fake, GUILD, TEXT, 'contrastive');
    expect([report.date, report.notes]).toEqual(['2026-11-20', ['digestCommand.archiveFallback']]);
  });

  it.each([
    {
      case: 'no listing anywhere',
      listing: 'down' as const,
      outcomes: [],
      says: /^There is no arXiv listing in the archive yet/,
    },
    { case: 'a runner shutting down', listing: '2026-11-23', outcomes: [], says: /^Paperboy is restarting/ },
  ])('refuses with $case', async ({ listing, outcomes, says }) => {
    const { fake } = deps({ listing, archived: null, outcomes });
    await expect(runChannelNow(fake, GUILD, TEXT, undefined)).rejects.toThrow(says);
  });
});
