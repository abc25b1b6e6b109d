import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../../src/arxiv/http.js';
import { ArxivSource } from '../../src/arxiv/source.js';
import { ArxivError } from '../../src/arxiv/types.js';
import { figureCandidates } from '../../src/digest/figures.js';
import { IngestService } from '../../src/digest/ingest.js';
import { silentLogger } from '../../src/log.js';
import type { Paper } from '../../src/papers/paper.js';
import { createMemoryStore } from '../../src/store/index.js';
import type { GuildState, Store } from '../../src/store/types.js';
import {
  FakeArxiv,
  TestClock,
  apiById,
  htmlResponse,
  latexmlPage,
  rssFeedXml,
  type Responder,
} from '../fakes/fake-arxiv.js';
import { makePapers, subscription, topic } from '../helpers/bot.js';

const INTERVAL = 25;
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';

let fake: FakeArxiv;
let clock: TestClock;
let sources: ArxivSource[];

function source(options: { figureTimeoutMs?: number; figureAttempts?: number } = {}): ArxivSource {
  const fetcher = new PoliteFetcher({
    intervalMs: INTERVAL,
    clock,
    timeoutMs: 2000,
    backoff: { initialMs: 30_000, maxMs: 60_000 },
  });
  const s = new ArxivSource({
    apiUrl: fake.apiUrl,
    rssUrl: fake.rssUrl,
    htmlUrl: `${fake.baseUrl}/html`,
    fetcher,
    figureTimeoutMs: options.figureTimeoutMs ?? 1500,
    ...(options.figureAttempts !== undefined ? { figureAttempts: options.figureAttempts } : {}),
  });
  sources.push(s);
  return s;
}

beforeEach(async () => {
  clock = new TestClock();
  fake = await FakeArxiv.start({ minIntervalMs: INTERVAL, clock });
  sources = [];
});

afterEach(async () => {
  for (const s of sources) s.close();
  expect(fake.violations).toEqual([]);
  expect(fake.maxOpenConnections).toBeLessThanOrEqual(1);
  await fake.close();
});

const ID = '2611.01000';
const IDV = `${ID}v1`;

describe('ArxivSource.findFigure against the fake arXiv', () => {
  it.each<[string, Responder[], string | null, number]>([
    ['a page whose first figure is x1.png', [htmlResponse(latexmlPage(IDV, 'figure'))], `/html/${IDV}/x1.png`, 1],
    [
      'a page whose first image is an icon',
      [htmlResponse(latexmlPage(IDV, 'icon-first'))],
      `/html/${IDV}/extracted/6121904/figures/teaser.png`,
      1,
    ],
    ['a page without a figure', [htmlResponse(latexmlPage(IDV, 'no-figure'))], null, 1],
    ['no HTML version (404)', [htmlResponse(latexmlPage(IDV, 'not-found'), 404)], null, 1],
    ['no HTML version any more (410)', [htmlResponse('<h1>Gone</h1>', 410)], null, 1],
    [
      '503, then the page after the back-off',
      [{ status: 503, headers: { 'retry-after': '5' } }, htmlResponse(latexmlPage(IDV, 'figure'))],
      `/html/${IDV}/x1.png`,
      2,
    ],
    [
      'a slow page, within the timeout',
      [htmlResponse(latexmlPage(IDV, 'figure'), 200, { delayMs: 400 })],
      `/html/${IDV}/x1.png`,
      1,
    ],
    [
      'a redirect to the versioned page',
      [{ status: 301, headers: { location: `/html/${IDV}/` } }, htmlResponse(latexmlPage(IDV, 'figure'))],
      `/html/${IDV}/x1.png`,
      2,
    ],
  ])('%s', async (_name, responses, expected, requests) => {
    fake.html(IDV, ...responses);
    const url = await source().findFigure(ID, 1);
    expect(url).toBe(expected === null ? null : `${fake.baseUrl}${expected}`);
    expect(fake.htmlRequests).toHaveLength(requests);
    for (const r of fake.htmlRequests) {
      expect(String(r.headers['user-agent'])).toMatch(/^Paperboy\//);
      expect(String(r.headers.accept)).toMatch(/^text\/html/);
    }
    // After a 503 the next request waits out the back-off, as the server's clock sees it (a sleep may be a
    // millisecond short of it: the wait runs to a deadline set when the 503 arrived).
    const busy = responses.findIndex((r) => typeof r !== 'function' && r.status === 503);
    if (busy >= 0) {
      const [answered, retried] = [fake.htmlRequests[busy], fake.htmlRequests[busy + 1]];
      expect(retried!.startedAt - answered!.startedAt).toBeGreaterThanOrEqual(30_000);
    }
  });

  it.each<[string, Responder[], { code?: string; status?: number }, number]>([
    ['503 on every attempt', [{ status: 503 }], { code: 'unavailable' }, 2],
    ['429 on every attempt', [{ status: 429, headers: { 'retry-after': '60' } }], { code: 'unavailable' }, 2],
    [
      'a page slower than the timeout',
      [htmlResponse(latexmlPage(IDV, 'figure'), 200, { delayMs: 1200 })],
      { code: 'unavailable' },
      2,
    ],
    ['a dropped connection', [{ reset: true }], { code: 'unavailable' }, 2],
    ['403', [htmlResponse('<title>Forbidden</title>', 403)], { status: 403 }, 1],
  ])('leaves the answer unknown on %s', async (_name, responses, expected, requests) => {
    fake.html(IDV, ...responses);
    const error = await source({ figureTimeoutMs: 400 })
      .findFigure(ID, 1)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ArxivError);
    expect(error).toMatchObject(expected);
    expect(fake.htmlRequests).toHaveLength(requests);
  });
});

describe('figure lookups at ingest', () => {
  const papers = makePapers(6);
  const [p0, p1, p2, p3, p4, p5] = papers.map((p) => p.id);
  const GUILDS = ['300000000000000001', '300000000000000002', '300000000000000003'];
  let store: Store;

  function serve(pages: Record<string, Responder[]>): void {
    fake.rss('cs.LG', { body: rssFeedXml('cs.LG', LISTING_DATE, papers), etag: '"listing"' });
    fake.api(null, apiById(papers));
    for (const [idv, responses] of Object.entries(pages)) fake.html(idv, ...responses);
  }

  /** Two guilds with images on for the same topic, one with images off. */
  async function seed(images: [boolean, boolean, boolean] = [true, true, false]): Promise<void> {
    for (const [i, guildId] of GUILDS.entries()) {
      await store.state.updateGuild(guildId, (state) => {
        state.topics = [topic(guildId, { images: images[i] ?? false })];
        state.subscriptions = [subscription(guildId, { channelId: `40000000000000000${i}` })];
      });
    }
  }

  function ingestService(s: ArxivSource, maxLookups = 100) {
    let now = Date.parse('2026-11-24T12:00:00Z');
    const service = new IngestService({
      store,
      source: s,
      log: silentLogger,
      now: () => new Date(now),
      figures: { maxLookups, budgetMs: 60_000 },
    });
    // Each call is a new scheduled run, past the window in which an ingest is reused.
    return () => {
      now += 10 * 60_000;
      return service.refresh();
    };
  }

  const stored = async () =>
    Object.fromEntries(
      await Promise.all(
        papers.map(async (p) => [p.id, await store.archive.getFigure(p.id.replace(/v\d+$/, ''), 1)] as const),
      ),
    );
  const requestsFor = (idv: string) => fake.htmlRequests.filter((r) => r.path.startsWith(`/html/${idv}`)).length;

  beforeEach(() => {
    store = createMemoryStore();
  });

  it('fetches each page once, across two ingests and two guilds, and stores figure or none', async () => {
    serve({
      [p0!]: [htmlResponse(latexmlPage(p0!, 'figure'))],
      [p1!]: [htmlResponse(latexmlPage(p1!, 'icon-first'))],
      [p2!]: [htmlResponse(latexmlPage(p2!, 'no-figure'))],
      [p3!]: [htmlResponse(latexmlPage(p3!, 'not-found'), 404)],
      [p4!]: [{ status: 503 }, htmlResponse(latexmlPage(p4!, 'figure'))],
      [p5!]: [htmlResponse(latexmlPage(p5!, 'figure'), 200, { delayMs: 300 })],
    });
    await seed();
    const ingest = ingestService(source());

    const first = await ingest();
    expect(first.figures).toMatchObject({ wanted: 6, fetched: 6, found: 4, none: 2, left: 0, stopped: null });
    expect(await stored()).toEqual({
      [p0!]: `${fake.baseUrl}/html/${p0}/x1.png`,
      [p1!]: `${fake.baseUrl}/html/${p1}/extracted/6121904/figures/teaser.png`,
      [p2!]: null,
      [p3!]: null,
      [p4!]: `${fake.baseUrl}/html/${p4}/x1.png`,
      [p5!]: `${fake.baseUrl}/html/${p5}/x1.png`,
    });

    const second = await ingest();
    expect(second.notModified).toBe(true);
    expect(second.figures).toMatchObject({ wanted: 0, fetched: 0 });
    expect(papers.map((p) => requestsFor(p.id))).toEqual([1, 1, 1, 1, 2, 1]);
  });

  it('stores nothing when arXiv stays busy, stops asking, and asks again at the next ingest', async () => {
    serve({
      [p0!]: [htmlResponse(latexmlPage(p0!, 'figure'))],
      [p1!]: [{ status: 503 }, { status: 503 }, htmlResponse(latexmlPage(p1!, 'figure'))],
    });
    await seed();
    const ingest = ingestService(source());

    const first = await ingest();
    expect(first.figures).toMatchObject({ fetched: 2, found: 1, left: 5 });
    expect(first.figures?.stopped).toMatch(/arXiv busy/);
    expect(fake.htmlRequests.map((r) => r.path)).toEqual([`/html/${p0}`, `/html/${p1}`, `/html/${p1}`]);
    expect(await store.archive.getFigure(p1!.replace(/v1$/, ''), 1)).toBeUndefined();

    const second = await ingest();
    expect(second.figures).toMatchObject({ wanted: 5, fetched: 5, found: 1, none: 4, stopped: null });
    expect(requestsFor(p0!)).toBe(1);
  });

  it('keeps to the per-ingest cap and does the rest next time', async () => {
    serve(Object.fromEntries(papers.map((p) => [p.id, [htmlResponse(latexmlPage(p.id, 'figure'))]])));
    await seed();
    const ingest = ingestService(source(), 4);
    expect((await ingest()).figures).toMatchObject({
      wanted: 6,
      fetched: 4,
      left: 2,
      stopped: 'at most 4 pages per ingest',
    });
    expect((await ingest()).figures).toMatchObject({ wanted: 2, fetched: 2, left: 0, stopped: null });
    expect(fake.htmlRequests).toHaveLength(6);
  });

  it('fetches no page when no topic has images on', async () => {
    serve(Object.fromEntries(papers.map((p) => [p.id, [htmlResponse(latexmlPage(p.id, 'figure'))]])));
    await seed([false, false, false]);
    const result = await ingestService(source())();
    expect(result.figures).toBeNull();
    expect(fake.htmlRequests).toHaveLength(0);
    expect(fake.requests.length).toBeGreaterThan(0);
  });
});

describe('figureCandidates', () => {
  const paper = (id: string, title: string, extra: Partial<Paper> = {}): Paper => ({
    id,
    version: 1,
    title,
    authors: ['A. Author'],
    abstract: title,
    categories: ['cs.LG'],
    primaryCategory: 'cs.LG',
    comment: null,
    journalRef: null,
    doi: null,
    venue: null,
    codeUrl: null,
    published: '2026-11-23T18:00:00Z',
    updated: '2026-11-23T18:00:00Z',
    announced: '2026-11-24',
    announceType: 'new',
    withdrawn: false,
    absUrl: `https://arxiv.org/abs/${id}`,
    pdfUrl: `https://arxiv.org/pdf/${id}`,
    ...extra,
  });
  const guild = (guildId: string, topics: GuildState['topics'], subs: GuildState['subscriptions']): GuildState => ({
    guildId,
    topics,
    subscriptions: subs,
    settings: null,
    audit: [],
  });
  const candidates = [
    paper('2611.00001', 'Contrastive learning, contrastive learning, contrastive learning'),
    paper('2611.00002', 'Contrastive learning once'),
    paper('2611.00003', 'Diffusion models for images'),
    paper('2611.00004', 'Contrastive learning withdrawn', { withdrawn: true }),
    paper('2611.00005', 'Diffusion models, diffusion models'),
  ];
  const g = '300000000000000001';
  const diffusion = topic(g, { slug: 'diffusion', name: 'Diffusion', query: 'diffusion', images: true });

  it.each<[string, GuildState[], string[]]>([
    [
      'the papers a digest with images will post, best first, each once',
      [
        guild(g, [topic(g, { images: true })], [subscription(g)]),
        guild('2', [topic('2', { images: true })], [subscription('2')]),
      ],
      ['2611.00001', '2611.00002'],
    ],
    ['nothing for a topic with images off', [guild(g, [topic(g)], [subscription(g)])], []],
    ['nothing for a topic nobody subscribes to', [guild(g, [topic(g, { images: true })], [])], []],
    [
      'nothing for a paused subscription',
      [
        guild(
          g,
          [topic(g, { images: true })],
          [subscription(g, { paused: { reason: 'gone', at: '2026-11-01', notified: true } })],
        ),
      ],
      [],
    ],
    [
      'only up to the cap',
      [guild(g, [topic(g, { images: true })], [subscription(g, { maxPapers: 1 })])],
      ['2611.00001'],
    ],
    [
      'interleaved by rank across topics',
      [
        guild(
          g,
          [topic(g, { images: true }), diffusion],
          [subscription(g), subscription(g, { topicSlug: 'diffusion' })],
        ),
      ],
      ['2611.00001', '2611.00005', '2611.00002', '2611.00003'],
    ],
  ])('%s', (_name, guilds, expected) => {
    expect(figureCandidates(guilds, candidates).map((p) => p.id)).toEqual(expected);
  });
});
