import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArxivClient } from '../../src/arxiv/client.js';
import { MemoryValidatorCache, PoliteFetcher } from '../../src/arxiv/http.js';
import { ingestListing, mergeEntry, normaliseCategories, type IngestDeps } from '../../src/arxiv/ingest.js';
import { ArxivSource } from '../../src/arxiv/source.js';
import type { RawEntry } from '../../src/arxiv/types.js';
import type { PaperRecord } from '../../src/papers/paper.js';
import { FakeArxiv, TestClock, apiById, type FakePaper } from '../fakes/fake-arxiv.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/arxiv/${name}`, import.meta.url), 'utf8');
const INTERVAL = 25;

/** What the API knows about the papers in rss-listing.xml; 2412.18820 is deliberately absent. */
const apiPapers: FakePaper[] = [
  {
    id: '2501.03001v1',
    title: 'Contrastive Pretraining with Noisy Views: When Does Augmentation Hurt?',
    abstract: 'We characterise when strong augmentations make contrastive objectives learn spurious invariances.',
    authors: ['Ana Pérez', 'Ben Okafor', 'Chen Wei'],
    categories: ['cs.LG', 'cs.CV'],
    comment: 'Accepted to ICLR 2025. Code: https://github.com/example-lab/noisy-views',
    published: '2025-01-06T15:02:11Z',
  },
  {
    id: '2501.03017v1',
    title: 'Calibrated Forecasts for Grid Load \\& Solar Output',
    abstract: 'A quantile regression ensemble for day-ahead grid load.',
    authors: ['Sofía Lämmle', 'Grzegorz Brzęczyszczykiewicz'],
    categories: ['cs.LG', 'eess.SY'],
    comment: '14 pages',
    published: '2025-01-06T09:40:00Z',
  },
  {
    id: '2406.11111v3',
    title: 'Scaling Laws for Tabular Foundation Models',
    abstract: 'We fit compute-optimal scaling laws.',
    authors: ['Laura Becker', 'Diego Alvarez'],
    categories: ['cs.LG'],
    comment: 'v3: added TabPFN baselines',
    published: '2024-06-17T11:00:00Z',
    updated: '2025-01-06T10:00:00Z',
  },
  {
    id: 'math/0611234v4',
    title: 'Rates for Kernel Two-Sample Tests on Manifolds',
    abstract: 'Minimax rates for MMD tests.',
    authors: ['Pierre-Alain Fournier'],
    categories: ['math.ST', 'stat.ML'],
    published: '2006-11-08T12:00:00Z',
    updated: '2025-01-06T08:00:00Z',
  },
];

/** A stand-in normaliser that records what it was given. */
function recordingConvert(seen: RawEntry[]): NonNullable<IngestDeps['convert']> {
  return (entry) => {
    seen.push(entry);
    return { paper: { id: entry.id } as PaperRecord['paper'], raw: { title: entry.title, abstract: entry.abstract } };
  };
}

describe('normaliseCategories', () => {
  it.each([
    [
      ['stat.ML', 'cs.LG', 'cs.LG', ' stat.ML '],
      ['cs.LG', 'stat.ML'],
    ],
    [['cs', ''], ['cs']],
    [[], []],
  ])('%j → %j', (input, expected) => {
    expect(normaliseCategories(input)).toEqual(expected);
  });
});

describe('mergeEntry', () => {
  const listed: RawEntry = {
    id: '2501.03001v1',
    title: 'Listing title',
    abstract: 'Listing abstract',
    authors: ['A. One'],
    categories: ['cs.LG'],
    primaryCategory: 'cs.LG',
    comment: null,
    journalRef: 'J. Listing 1 (2025)',
    doi: '10.1/listing',
    published: null,
    updated: null,
    announced: '2025-01-07',
    announceType: 'cross',
  };
  const api: RawEntry = {
    ...listed,
    id: '2501.03001v2',
    title: 'API title',
    abstract: 'API abstract',
    authors: ['A. One', 'B. Two'],
    categories: ['stat.ML', 'cs.LG'],
    primaryCategory: 'stat.ML',
    comment: '9 pages',
    journalRef: null,
    doi: null,
    published: '2025-01-05T10:00:00Z',
    updated: '2025-01-06T10:00:00Z',
    announced: null,
    announceType: null,
  };

  it.each<[string, RawEntry | undefined, Partial<RawEntry>]>([
    ['no API entry: the listing as is', undefined, listed],
    [
      'API metadata, listing announcement',
      api,
      {
        id: '2501.03001v2',
        title: 'API title',
        authors: ['A. One', 'B. Two'],
        primaryCategory: 'stat.ML',
        comment: '9 pages',
        published: '2025-01-05T10:00:00Z',
        announced: '2025-01-07',
        announceType: 'cross',
        journalRef: 'J. Listing 1 (2025)',
        doi: '10.1/listing',
      },
    ],
    ['an API entry without a title keeps the listing title', { ...api, title: '' }, { title: 'Listing title' }],
    ['the title "0" is a title', { ...api, title: '0' }, { title: '0' }],
    [
      'an API version older than the listing keeps the listing version',
      { ...api, id: '2501.03001v1' },
      { id: '2501.03001v1' },
    ],
  ])('%s', (_name, apiEntry, expected) => {
    expect(mergeEntry(listed, apiEntry)).toMatchObject(expected);
  });
});

describe('ingestListing against the fake arXiv', () => {
  let fake: FakeArxiv;
  let clock: TestClock;
  let fetcher: PoliteFetcher;
  let client: ArxivClient;

  beforeEach(async () => {
    clock = new TestClock();
    fake = await FakeArxiv.start({ minIntervalMs: INTERVAL, clock });
    fake.rss('cs.LG+stat.ML', { body: fixture('rss-listing.xml'), etag: '"2025-01-07"' });
    fake.api(null, apiById(apiPapers));
    fetcher = new PoliteFetcher({
      intervalMs: INTERVAL,
      clock,
      maxAttempts: 2,
      backoff: { initialMs: 30_000, maxMs: 60_000 },
      validators: new MemoryValidatorCache(),
    });
    client = new ArxivClient({ fetcher, apiUrl: fake.apiUrl, rssUrl: fake.rssUrl, emptyPageRetries: 1 });
  });

  afterEach(async () => {
    fetcher.close();
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  it('fetches the union once, keeps new and cross, enriches through one id_list batch, falls back for missing ids', async () => {
    const seen: RawEntry[] = [];
    const result = await ingestListing(
      client,
      { categories: ['stat.ML', 'cs.LG', 'cs.LG'] },
      { convert: recordingConvert(seen) },
    );
    expect(fake.requests.map((r) => r.path)).toEqual(['/rss/cs.LG+stat.ML', '/api/query']);
    expect(fake.apiRequests[0]?.query.get('id_list')).toBe('2501.03001,2501.03017,2412.18820');
    expect(result).toMatchObject({ date: '2025-01-07', notModified: false, missing: ['2412.18820'], rejected: [] });
    expect(seen.map((e) => [e.id, e.announceType, e.comment])).toEqual([
      ['2501.03001v1', 'new', 'Accepted to ICLR 2025. Code: https://github.com/example-lab/noisy-views'],
      ['2501.03017v1', 'new', '14 pages'],
      ['2412.18820v2', 'cross', null],
    ]);
    expect(seen[0]).toMatchObject({
      announced: '2025-01-07',
      published: '2025-01-06T15:02:11Z',
      authors: ['Ana Pérez', 'Ben Okafor', 'Chen Wei'],
    });
    // The listing's own DOI and journal ref survive when the API has none.
    expect(seen[1]).toMatchObject({ doi: '10.1016/j.egyai.2025.100412', journalRef: 'Energy and AI 19 (2025) 100412' });
    expect(seen[2]).toMatchObject({
      authors: ['Ingrid Solberg', 'Yusuf Demir'],
      announced: '2025-01-07',
      published: null,
    });
  });

  it.each([
    [{ includeReplacements: true }, ['2501.03001v1', '2501.03017v1', '2412.18820v2', '2406.11111v3', 'math/0611234v4']],
    [{ includeCrossLists: false }, ['2501.03001v1', '2501.03017v1']],
    [{ includeReplacements: true, includeCrossLists: false }, ['2501.03001v1', '2501.03017v1', '2406.11111v3']],
  ])('with %j keeps %j', async (flags, ids) => {
    const seen: RawEntry[] = [];
    await ingestListing(client, { categories: ['cs.LG', 'stat.ML'], ...flags }, { convert: recordingConvert(seen) });
    expect(seen.map((e) => e.id)).toEqual(ids);
  });

  it('keeps only the replacements the caller wants, asked once before the API is', async () => {
    const seen: RawEntry[] = [];
    const asked: string[][] = [];
    await ingestListing(
      client,
      {
        categories: ['cs.LG', 'stat.ML'],
        includeReplacements: true,
        keepReplacements: (ids) => {
          asked.push([...ids]);
          return Promise.resolve(new Set(['2406.11111']));
        },
      },
      { convert: recordingConvert(seen) },
    );
    expect(asked).toEqual([['2406.11111', 'math/0611234']]);
    expect(seen.map((e) => e.id)).toEqual(['2501.03001v1', '2501.03017v1', '2412.18820v2', '2406.11111v3']);
    // The replacement left out costs no API request.
    expect(fake.apiRequests.map((r) => r.query.get('id_list'))).toEqual([
      '2501.03001,2501.03017,2412.18820,2406.11111',
    ]);
  });

  it('revalidates at the next ingest and reports 304 as notModified without touching the API', async () => {
    const convert = recordingConvert([]);
    await ingestListing(client, { categories: ['cs.LG', 'stat.ML'] }, { convert });
    const second = await ingestListing(client, { categories: ['stat.ML', 'cs.LG'] }, { convert });
    expect(second).toMatchObject({ notModified: true, papers: [], date: null });
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      ['/rss/cs.LG+stat.ML', 200],
      ['/api/query', 200],
      ['/rss/cs.LG+stat.ML', 304],
    ]);
    expect(fake.requests[2]?.headers['if-none-match']).toBe('"2025-01-07"');
  });

  it('with autoCommit off, remembers the feed only once the caller commits', async () => {
    const deps = { convert: recordingConvert([]), autoCommit: false };
    const first = await ingestListing(client, { categories: ['cs.LG', 'stat.ML'] }, deps);
    const again = await ingestListing(client, { categories: ['cs.LG', 'stat.ML'] }, deps);
    expect(again.notModified).toBe(false);
    await first.commit();
    expect((await ingestListing(client, { categories: ['cs.LG', 'stat.ML'] }, deps)).notModified).toBe(true);
  });

  it('keeps the papers it could convert, reports the others, and leaves the feed to be fetched again', async () => {
    const convert: IngestDeps['convert'] = (entry) => {
      if (entry.id.startsWith('2501.03017')) throw new Error('cannot normalise');
      return recordingConvert([])(entry);
    };
    const result = await ingestListing(client, { categories: ['cs.LG', 'stat.ML'] }, { convert });
    expect(result.papers.map((p) => p.paper.id)).toEqual(['2501.03001v1', '2412.18820v2']);
    expect(result.rejected).toEqual([{ id: '2501.03017', reason: 'cannot normalise' }]);
    expect((await ingestListing(client, { categories: ['cs.LG', 'stat.ML'] }, { convert })).notModified).toBe(false);
  });

  it('keeps every paper with the listing data when the API stays unavailable', async () => {
    fake.api(null, { status: 503 });
    const seen: RawEntry[] = [];
    const result = await ingestListing(
      client,
      { categories: ['cs.LG', 'stat.ML'] },
      { convert: recordingConvert(seen) },
    );
    expect(seen.map((e) => e.id)).toEqual(['2501.03001v1', '2501.03017v1', '2412.18820v2']);
    expect(result.missing).toEqual(['2501.03001', '2501.03017', '2412.18820']);
    expect(fake.apiRequests).toHaveLength(2);
  });

  it('returns an empty announcement (empty channel) as zero papers', async () => {
    fake.rss('q-fin.TR', { body: fixture('rss-empty.xml') });
    const result = await ingestListing(client, { categories: ['q-fin.TR'] }, { convert: recordingConvert([]) });
    expect(result).toMatchObject({ date: '2025-07-07', papers: [], notModified: false });
    expect(fake.apiRequests).toHaveLength(0);
  });

  it('fails on an error channel', async () => {
    fake.rss('csLG', { body: fixture('rss-error.xml') });
    await expect(ingestListing(client, { categories: ['csLG'] })).rejects.toThrow(/Bad archive 'csLG'/);
  });
});

describe('ArxivSource end to end (real normaliser)', () => {
  let fake: FakeArxiv;
  let source: ArxivSource;

  beforeEach(async () => {
    const clock = new TestClock();
    fake = await FakeArxiv.start({ minIntervalMs: INTERVAL, clock });
    fake.rss('cs.LG+stat.ML', { body: fixture('rss-listing.xml'), etag: '"2025-01-07"' });
    fake.api(null, apiById(apiPapers));
    const values = new Map<string, unknown>();
    source = new ArxivSource({
      apiUrl: fake.apiUrl,
      rssUrl: fake.rssUrl,
      intervalMs: INTERVAL,
      clock,
      store: {
        getValue: (key) => Promise.resolve(values.get(key)),
        setValue: (key, value) => Promise.resolve(void values.set(key, value)),
      },
    });
  });

  afterEach(async () => {
    source.close();
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  it('turns the day’s listing into Paper records', async () => {
    const result = await source.ingestListing({ categories: ['cs.LG', 'stat.ML'], includeReplacements: true });
    expect(result).toMatchObject({ date: '2025-01-07', notModified: false, missing: ['2412.18820'], rejected: [] });
    const papers = Object.fromEntries(result.papers.map((r) => [r.paper.id, r.paper]));
    expect(Object.keys(papers)).toEqual(['2501.03001', '2501.03017', '2412.18820', '2406.11111', 'math/0611234']);
    expect(papers['2501.03001']).toMatchObject({
      version: 1,
      title: 'Contrastive Pretraining with Noisy Views: When Does Augmentation Hurt?',
      authors: ['Ana Pérez', 'Ben Okafor', 'Chen Wei'],
      categories: ['cs.LG', 'cs.CV'],
      primaryCategory: 'cs.LG',
      comment: 'Accepted to ICLR 2025. Code: https://github.com/example-lab/noisy-views',
      codeUrl: 'https://github.com/example-lab/noisy-views',
      published: '2025-01-06T15:02:11.000Z',
      announced: '2025-01-07',
      announceType: 'new',
      withdrawn: false,
    });
    expect(papers['2501.03017']).toMatchObject({
      title: 'Calibrated Forecasts for Grid Load & Solar Output',
      doi: '10.1016/j.egyai.2025.100412',
    });
    expect(papers['2412.18820']).toMatchObject({
      version: 2,
      announceType: 'cross',
      comment: null,
      announced: '2025-01-07',
    });
    expect(papers['2406.11111']).toMatchObject({
      version: 3,
      announceType: 'replace',
      comment: 'v3: added TabPFN baselines',
    });
    expect(papers['math/0611234']).toMatchObject({
      version: 4,
      announceType: 'replace-cross',
      primaryCategory: 'math.ST',
    });

    const again = await source.ingestListing({ categories: ['stat.ML', 'cs.LG'], includeReplacements: true });
    expect(again.notModified).toBe(true);
  });

  it('fetches papers by id', async () => {
    const records = await source.fetchPapers(['2406.11111', '0808.05394']);
    expect(records.map((r) => [r.paper.id, r.paper.version])).toEqual([['2406.11111', 3]]);
  });
});
