/**
 * arXiv faults through the whole listing ingest (feed, then API enrichment): each transient fault is
 * waited out and recovered from, each bad answer fails with a clear error and leaves the feed to be
 * fetched again, and no request ever starts sooner than the configured interval after the previous
 * one, retries included. The bot itself, given a feed that still serves yesterday, posts nothing twice.
 * (The same faults on a single request are in test/arxiv/http.test.ts and client.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArxivClient } from '../../src/arxiv/client.js';
import { MemoryValidatorCache, PoliteFetcher } from '../../src/arxiv/http.js';
import { ingestListing } from '../../src/arxiv/ingest.js';
import { ArxivError } from '../../src/arxiv/types.js';
import {
  FakeArxiv,
  TestClock,
  apiById,
  rssFeedXml,
  type FakePaper,
  type FakeResponse,
  type RecordedRequest,
} from '../fakes/fake-arxiv.js';
import { FIXTURE, makePapers, subscription, topic, useBotWorld } from '../helpers/bot.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/arxiv/${name}`, import.meta.url), 'utf8');
/** Long waits are skipped by the test clock, so a long interval costs no real time and dwarfs the back-off. */
const INTERVAL = 1000;
/** Arrival jitter on a busy machine allowed by the server-side check; a tenth of the interval. */
const TOLERANCE = 100;
const PUB_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';
const PAPERS = makePapers(6);
const IDS = PAPERS.map((p) => p.id.replace(/v\d+$/, ''));

/** Gaps between the starts of consecutive requests, on the fake's (shared) clock. */
const gaps = (requests: readonly RecordedRequest[]): number[] =>
  requests.slice(1).map((r, i) => r.startedAt - (requests[i]?.startedAt ?? 0));

/** A UTF-8 body with one byte sequence that is not UTF-8 in place of `marker`. */
function withBadBytes(body: string, marker: string): Buffer {
  const at = body.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in the body`);
  return Buffer.concat([
    Buffer.from(body.slice(0, at)),
    Buffer.from([0xc3, 0x28]),
    Buffer.from(body.slice(at + marker.length)),
  ]);
}

describe('listing ingest against a faulty arXiv', () => {
  let fake: FakeArxiv;
  let clock: TestClock;
  let fetcher: PoliteFetcher;
  let validators: MemoryValidatorCache;
  let client: ArxivClient;

  beforeEach(async () => {
    clock = new TestClock();
    fake = await FakeArxiv.start({ minIntervalMs: INTERVAL, toleranceMs: TOLERANCE, clock });
    validators = new MemoryValidatorCache();
    fetcher = new PoliteFetcher({
      intervalMs: INTERVAL,
      clock,
      timeoutMs: 150,
      maxAttempts: 4,
      // Shorter than the interval on purpose: the interval must still hold between retries.
      backoff: { initialMs: 20, maxMs: 40 },
      validators,
    });
    client = new ArxivClient({ fetcher, apiUrl: fake.apiUrl, rssUrl: fake.rssUrl, emptyPageRetries: 2 });
  });

  afterEach(async () => {
    fetcher.close();
    await fake.close();
  });

  const listing: FakeResponse = { body: rssFeedXml('cs.LG', PUB_DATE, PAPERS), etag: '"d1"' };

  it.each<[string, FakeResponse, number]>([
    ['a 429 with Retry-After', { status: 429, headers: { 'retry-after': '120' } }, 120_000],
    ['a 503 with Retry-After', { status: 503, headers: { 'retry-after': '45' } }, 45_000],
    ['a 503 asking for no wait at all', { status: 503, headers: { 'retry-after': '0' } }, INTERVAL],
    ['a timeout', { delayMs: 400, body: rssFeedXml('cs.LG', PUB_DATE, PAPERS) }, INTERVAL],
    ['a connection reset', { reset: true }, INTERVAL],
    ['a body cut off in transfer', { truncate: true, body: rssFeedXml('cs.LG', PUB_DATE, PAPERS) }, INTERVAL],
  ])(
    'recovers from %s on the feed, waiting as long as asked and never less than the interval',
    async (_name, fault, wait) => {
      fake.rss('cs.LG', fault, listing);
      fake.api(null, apiById(PAPERS));
      const result = await ingestListing(client, { categories: ['cs.LG'] });
      expect(result.papers.map((p) => p.paper.id)).toEqual(IDS);
      expect(result.missing).toEqual([]);
      expect(fake.requests.map((r) => r.path)).toEqual(['/rss/cs.LG', '/rss/cs.LG', '/api/query']);
      expect(gaps(fake.requests)[0]).toBeGreaterThanOrEqual(wait - TOLERANCE);
      expect(Math.min(...gaps(fake.requests))).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
      expect(fake.violations).toEqual([]);
      expect(validators.entries.size).toBe(1);
    },
  );

  it('keeps the interval through a run of different faults on one request, then succeeds', async () => {
    fake.rss('cs.LG', listing);
    fake.api(
      null,
      { status: 503, headers: { 'retry-after': '0' } },
      { status: 429 },
      { reset: true },
      (request) => ({ ...apiById(PAPERS)(request), truncate: true }),
      apiById(PAPERS),
    );
    const slow = new PoliteFetcher({
      intervalMs: INTERVAL,
      clock,
      timeoutMs: 150,
      maxAttempts: 6,
      backoff: { initialMs: 1, maxMs: 2 },
    });
    try {
      const own = new ArxivClient({ fetcher: slow, apiUrl: fake.apiUrl, rssUrl: fake.rssUrl });
      const result = await ingestListing(own, { categories: ['cs.LG'] });
      expect(result.missing).toEqual([]);
      expect(fake.apiRequests).toHaveLength(5);
      expect(Math.min(...gaps(fake.requests))).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
      expect(fake.violations).toEqual([]);
      expect(fake.maxInFlight).toBe(1);
    } finally {
      slow.close();
    }
  });

  it('reads a feed and an API answer with bytes that are not UTF-8, marking only the damaged text', async () => {
    const damaged: FakePaper[] = PAPERS.map((p, i) =>
      i === 2
        ? {
            ...p,
            title: 'Contrastive learning with MARK views',
            abstract: 'We study contrastive learning. MARK twice.',
          }
        : p,
    );
    fake.rss('cs.LG', { body: withBadBytes(rssFeedXml('cs.LG', PUB_DATE, damaged), 'MARK') });
    fake.api(null, (request) => {
      const answer = apiById(damaged)(request);
      return { ...answer, body: withBadBytes(String(answer.body), 'MARK') };
    });
    const result = await ingestListing(client, { categories: ['cs.LG'] });
    expect(result.papers.map((p) => p.paper.id)).toEqual(IDS);
    const titles = result.papers.map((p) => p.paper.title);
    expect(titles[2]).toBe('Contrastive learning with \uFFFD( views');
    expect(titles.filter((t) => t.includes('\uFFFD'))).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it.each<[string, FakeResponse, RegExp]>([
    [
      'an HTML error page with status 200',
      {
        body: '<!DOCTYPE html><html><head><title>arXiv is down for maintenance</title></head><body></body></html>',
        headers: { 'content-type': 'text/html' },
      },
      /HTML page.*maintenance/,
    ],
    ['an error feed', { body: fixture('rss-error.xml') }, /Bad archive/],
    ['truncated XML sent as complete', { body: rssFeedXml('cs.LG', PUB_DATE, PAPERS).slice(0, 700) }, /malformed XML/],
  ])(
    'fails clearly on %s, asks the API nothing, and fetches the feed afresh next time',
    async (_name, bad, message) => {
      fake.rss('cs.LG', bad, listing);
      fake.api(null, apiById(PAPERS));
      const error = await ingestListing(client, { categories: ['cs.LG'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArxivError);
      expect((error as Error).message).toMatch(message);
      expect(fake.requests.map((r) => r.path)).toEqual(['/rss/cs.LG']);
      expect(validators.entries.size).toBe(0);

      const next = await ingestListing(client, { categories: ['cs.LG'] });
      expect(next.papers.map((p) => p.paper.id)).toEqual(IDS);
      expect(fake.requests[1]?.headers['if-none-match']).toBeUndefined();
      expect(fake.violations).toEqual([]);
    },
  );

  it('retries an API page that comes back empty though it should not, then keeps the listing data if it stays empty', async () => {
    const empty = (request: RecordedRequest): FakeResponse => ({ ...apiById([])(request) });
    fake.rss('cs.LG', listing);
    fake.api(null, empty, apiById(PAPERS));
    const recovered = await ingestListing(client, { categories: ['cs.LG'] });
    expect(recovered.missing).toEqual([]);
    expect(fake.apiRequests).toHaveLength(2);

    fake.api(null, empty);
    fake.rss('cs.LG', { ...listing, etag: '"d2"' });
    const stayed = await ingestListing(client, { categories: ['cs.LG'] });
    expect(stayed.papers.map((p) => p.paper.id)).toEqual(IDS);
    expect(stayed.missing).toEqual(IDS);
    expect(Math.min(...gaps(fake.requests))).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
    expect(fake.violations).toEqual([]);
  });
});

describe('a feed that still serves yesterday’s listing', () => {
  const start = useBotWorld();

  it('posts nothing twice, and posts the new listing once it arrives', async () => {
    const world = await start({
      seed: (guildId) => ({ topics: [topic(guildId)], subscriptions: [subscription(guildId)] }),
    });
    const tuesday = makePapers(4, { prefix: '2611.0' });
    const wednesday = makePapers(3, { prefix: '2611.1' });
    world.serveListing('cs.LG', PUB_DATE, tuesday);
    await world.bot.app.runGuild(FIXTURE.guildId);
    const posted = world.discord.messages(FIXTURE.text).length;
    expect(posted).toBeGreaterThan(0);

    // Wednesday noon: the feed was rebuilt (a new ETag) but still carries Tuesday's listing.
    world.clock.advance(24 * 3600_000);
    world.arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', PUB_DATE, tuesday), etag: '"tuesday-again"' });
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(posted);
    const [sub] = (await world.bot.app.store.state.getGuild(FIXTURE.guildId)).subscriptions;
    expect(sub?.lastDigestDate).toBe('2026-11-24');

    // An hour later Wednesday's listing is there.
    world.clock.advance(3600_000);
    world.serveListing('cs.LG', 'Wed, 25 Nov 2026 00:00:00 -0500', wednesday);
    await world.bot.app.runGuild(FIXTURE.guildId);
    const urls = world.discord
      .messages(FIXTURE.text)
      .flatMap((m) => m.embeds.map((e) => String((e as { url?: string }).url)));
    expect(urls).toHaveLength(tuesday.length + wednesday.length);
    expect(new Set(urls).size).toBe(urls.length);
    expect(world.arxiv.violations).toEqual([]);
  });
});
