import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArxivClient, formatSubmittedDate, type ArxivClientOptions } from '../../src/arxiv/client.js';
import { MemoryValidatorCache, PoliteFetcher } from '../../src/arxiv/http.js';
import { ArxivError } from '../../src/arxiv/types.js';
import { FakeArxiv, TestClock, apiById, apiFeedXml, type FakePaper } from '../fakes/fake-arxiv.js';
import { apiSearch } from '../fakes/fake-arxiv-search.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/arxiv/${name}`, import.meta.url), 'utf8');
const INTERVAL = 25;

/** `count` papers with ids 2501.10000v1, 2501.10001v1, … */
function papers(count: number, from = 10000): FakePaper[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `2501.${from + i}v1`,
    title: `Paper number ${i}`,
    abstract: `Abstract of paper ${i}.`,
    authors: [`Author ${i}`],
    categories: ['cs.LG'],
    comment: `${i + 4} pages`,
  }));
}

describe('formatSubmittedDate', () => {
  it.each([
    ['2025-01-06', '202501060000'],
    [new Date('2025-01-06T23:59:00Z'), '202501062359'],
    ['2024-12-31T18:30:00-05:00', '202412312330'],
  ])('%s → %s', (value, expected) => {
    expect(formatSubmittedDate(value)).toBe(expected);
  });

  it('refuses a non-date', () => {
    expect(() => formatSubmittedDate('yesterday')).toThrow(RangeError);
  });
});

describe('ArxivClient against the fake arXiv', () => {
  let fake: FakeArxiv;
  let clock: TestClock;
  let fetcher: PoliteFetcher;

  beforeEach(async () => {
    clock = new TestClock();
    fake = await FakeArxiv.start({ minIntervalMs: INTERVAL, clock });
  });

  afterEach(async () => {
    fetcher.close();
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  function client(options: Partial<ArxivClientOptions> = {}): ArxivClient {
    fetcher = new PoliteFetcher({
      intervalMs: INTERVAL,
      clock,
      timeoutMs: 2000,
      maxAttempts: 3,
      backoff: { initialMs: 30_000, maxMs: 60_000 },
      validators: new MemoryValidatorCache(),
    });
    return new ArxivClient({ fetcher, apiUrl: fake.apiUrl, rssUrl: fake.rssUrl, emptyPageRetries: 2, ...options });
  }

  describe('fetchListing', () => {
    it('makes one request to <rss>/<cats joined by +> and returns the listing', async () => {
      fake.rss('cs.LG+stat.ML', { body: fixture('rss-listing.xml'), etag: '"l1"' });
      const result = await client().fetchListing(['cs.LG', 'stat.ML']);
      expect(fake.requests.map((r) => r.path)).toEqual(['/rss/cs.LG+stat.ML']);
      expect(result.notModified).toBe(false);
      if (result.notModified) return;
      expect(result.listing.date).toBe('2025-01-07');
      expect(result.listing.entries).toHaveLength(5);
    });

    it('reports notModified once the validators are committed', async () => {
      fake.rss('cs.LG', { body: fixture('rss-listing.xml'), etag: '"l1"' });
      const c = client();
      const first = await c.fetchListing(['cs.LG']);
      if (!first.notModified) await first.commit();
      const second = await c.fetchListing(['cs.LG']);
      expect(second.notModified).toBe(true);
      expect(fake.requests[1]?.headers['if-none-match']).toBe('"l1"');
    });

    it.each([
      ['an error channel', { body: fixture('rss-error.xml') }, /Bad archive 'csLG'/],
      [
        'an error channel with HTTP 400',
        { status: 400, body: fixture('rss-error.xml') },
        /HTTP 400.*Bad archive 'csLG'/,
      ],
      ['an API feed', { body: fixture('api-current.xml') }, /expected a listing feed/],
    ])('throws ArxivError for %s', async (_name, response, message) => {
      fake.rss('csLG', response);
      const error: unknown = await client()
        .fetchListing(['csLG'])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArxivError);
      expect((error as ArxivError).message).toMatch(message);
      expect(fake.requests).toHaveLength(1);
    });

    it('accepts an empty channel as a listing with no entries', async () => {
      fake.rss('q-fin.TR', { body: fixture('rss-empty.xml') });
      const result = await client().fetchListing(['q-fin.TR']);
      expect(!result.notModified && result.listing.entries).toEqual([]);
    });
  });

  describe('fetchByIds', () => {
    it('asks in id_list batches of at most 100, keeps request order, and reports ids arXiv does not return', async () => {
      const known = papers(230);
      fake.api(null, apiById(known));
      const wanted = [...known.map((p) => p.id.replace(/v1$/, '')), '0808.05394'];
      const { entries, missing } = await client().fetchByIds(wanted);
      expect(entries.map((e) => e.id)).toEqual(known.map((p) => p.id));
      expect(missing).toEqual(['0808.05394']);
      const batches = fake.apiRequests.map((r) => (r.query.get('id_list') ?? '').split(',').length);
      expect(batches).toEqual([100, 100, 31]);
      expect(
        fake.apiRequests.every(
          (r) => r.query.get('max_results') === r.query.get('id_list')?.split(',').length.toString(),
        ),
      ).toBe(true);
    });

    it('matches versioned requests exactly and versionless ones to any version', async () => {
      fake.api(
        null,
        apiById([
          { ...papers(1)[0]!, id: '2501.10000v3' },
          { ...papers(1, 20000)[0]!, id: '2501.20000v2' },
        ]),
      );
      const { entries, missing } = await client().fetchByIds(['2501.10000', '2501.20000v2']);
      expect(entries.map((e) => e.id)).toEqual(['2501.10000v3', '2501.20000v2']);
      expect(missing).toEqual([]);
    });

    it('pages within a batch until totalResults', async () => {
      const known = papers(5);
      // A server that gives at most 2 entries per page whatever max_results says.
      fake.api(null, (r) => {
        const start = Number(r.query.get('start'));
        return {
          body: apiFeedXml(known.slice(start, start + 2), { totalResults: 5, startIndex: start, itemsPerPage: 2 }),
        };
      });
      const { entries } = await client().fetchByIds(known.map((p) => p.id));
      expect(entries).toHaveLength(5);
      expect(fake.apiRequests.map((r) => r.query.get('start'))).toEqual(['0', '2', '4']);
    });

    it.each([
      ['with totalResults 0', { totalResults: 0 }],
      ['with totalResults saying there are entries', { totalResults: 3 }],
    ])('retries an empty page %s, then uses the good answer', async (_name, meta) => {
      const known = papers(3);
      fake.api(null, { body: apiFeedXml([], meta) }, apiById(known));
      const { entries, missing } = await client().fetchByIds(known.map((p) => p.id));
      expect(entries).toHaveLength(3);
      expect(missing).toEqual([]);
      expect(fake.apiRequests).toHaveLength(2);
    });

    it('gives up on a page that stays empty and reports its ids as missing', async () => {
      fake.api(null, { body: apiFeedXml([], { totalResults: 2 }) });
      const { entries, missing } = await client({ emptyPageRetries: 2 }).fetchByIds(['2501.00001', '2501.00002']);
      expect(entries).toEqual([]);
      expect(missing).toEqual(['2501.00001', '2501.00002']);
      expect(fake.apiRequests).toHaveLength(3);
    });

    it('surfaces an API error', async () => {
      fake.api(null, { status: 400, body: fixture('api-error.xml') });
      await expect(client().fetchByIds(['2501.042x'])).rejects.toThrow(/incorrect id format for 2501\.042x/);
    });
  });

  describe('searchByDate', () => {
    it('builds the backfill query and pages until totalResults', async () => {
      const known = papers(250);
      fake.api(null, (r) => {
        const start = Number(r.query.get('start'));
        const max = Number(r.query.get('max_results'));
        return {
          body: apiFeedXml(known.slice(start, start + max), {
            totalResults: known.length,
            startIndex: start,
            itemsPerPage: max,
          }),
        };
      });
      const progress: number[] = [];
      const result = await client().searchByDate({
        categories: ['cs.LG', 'stat.ML'],
        from: '2025-01-06',
        to: new Date('2025-01-07T00:00:00Z'),
        onPage: (p) => progress.push(p.fetched),
      });
      expect(result.totalResults).toBe(250);
      expect(result.entries).toHaveLength(250);
      expect(progress).toEqual([100, 200, 250]);
      const first = fake.apiRequests[0]!;
      expect(first.query.get('search_query')).toBe(
        '(cat:cs.LG OR cat:stat.ML) AND submittedDate:[202501060000 TO 202501070000]',
      );
      expect(first.query.get('sortBy')).toBe('submittedDate');
      expect(first.url.search).toContain('search_query=(cat:cs.LG+OR+cat:stat.ML)+AND+submittedDate:');
      expect(fake.apiRequests.map((r) => [r.query.get('start'), r.query.get('max_results')])).toEqual([
        ['0', '100'],
        ['100', '100'],
        ['200', '100'],
      ]);
    });

    it('uses the page size given and stops at maxResults', async () => {
      const known = papers(100);
      fake.api(null, (r) => {
        const start = Number(r.query.get('start'));
        const max = Number(r.query.get('max_results'));
        return {
          body: apiFeedXml(known.slice(start, start + max), {
            totalResults: 100,
            startIndex: start,
            itemsPerPage: max,
          }),
        };
      });
      const result = await client({ pageSize: 30 }).searchByDate({
        categories: ['cs.LG'],
        from: '2025-01-06',
        to: '2025-01-07',
        maxResults: 70,
      });
      expect(result.entries).toHaveLength(70);
      expect(fake.apiRequests.map((r) => r.query.get('max_results'))).toEqual(['30', '30', '10']);
    });

    it('accepts an empty first page with totalResults 0 as no results', async () => {
      fake.api(null, { body: fixture('api-empty.xml') });
      const result = await client().searchByDate({ categories: ['cs.LG'], from: '2025-01-04', to: '2025-01-05' });
      expect(result).toEqual({ entries: [], totalResults: 0 });
      expect(fake.apiRequests).toHaveLength(1);
    });

    it('retries an empty later page, and fails clearly when it stays empty', async () => {
      const known = papers(4);
      const page = (start: number, items: FakePaper[]) => ({
        body: apiFeedXml(items, { totalResults: 4, startIndex: start, itemsPerPage: 2 }),
      });
      fake.api((q) => q.get('start') === '0', page(0, known.slice(0, 2)));
      fake.api((q) => q.get('start') === '2', page(2, []), page(2, known.slice(2)));
      const c = client({ pageSize: 2 });
      const ok = await c.searchByDate({ categories: ['cs.LG'], from: '2025-01-06', to: '2025-01-07' });
      expect(ok.entries).toHaveLength(4);
      expect(fake.apiRequests.map((r) => r.query.get('start'))).toEqual(['0', '2', '2']);

      fake.api((q) => q.get('start') === '2', page(2, []));
      await expect(c.searchByDate({ categories: ['cs.LG'], from: '2025-01-06', to: '2025-01-07' })).rejects.toThrow(
        /kept returning an empty page at start=2 of 4/,
      );
    });
  });

  describe('searchNewest', () => {
    const byAuthor = (n: number, authors: string[], published: string): FakePaper => ({
      ...papers(1, 20000 + n)[0]!,
      authors,
      published,
    });

    it('asks once, newest submissions first, and says how many there were in all', async () => {
      const known = [
        byAuthor(0, ['Yann LeCun'], '2026-11-20T10:00:00Z'),
        byAuthor(1, ['Y. LeCun', 'Ann Lee'], '2026-11-23T10:00:00Z'),
        byAuthor(2, ['Geoffrey Hinton'], '2026-11-22T10:00:00Z'),
        byAuthor(3, ['Yann LeCun'], '2026-10-01T10:00:00Z'),
        byAuthor(4, ['Ann Other'], '2026-11-23T11:00:00Z'),
      ];
      fake.api(null, apiSearch(known));
      const query = '(au:"yann lecun" OR au:"geoffrey hinton") AND submittedDate:[202611200000 TO 202611241200]';
      const result = await client().searchNewest(query, 2);
      expect(result.totalResults).toBe(3);
      expect(result.entries.map((e) => e.id)).toEqual(['2501.20001v1', '2501.20002v1']);
      expect(fake.apiRequests).toHaveLength(1);
      const [request] = fake.apiRequests;
      expect(request!.query.get('search_query')).toBe(query);
      expect(request!.url.search).toContain('search_query=(au:%22yann+lecun%22+OR+au:%22geoffrey+hinton%22)+AND+');
      expect([
        request!.query.get('sortBy'),
        request!.query.get('sortOrder'),
        request!.query.get('max_results'),
      ]).toEqual(['submittedDate', 'descending', '2']);
    });

    it('fails clearly when a page that should have entries stays empty', async () => {
      fake.api(null, { body: apiFeedXml([], { totalResults: 3 }) });
      await expect(client().searchNewest('au:"ann lee"', 10)).rejects.toThrow(/kept returning an empty page/);
    });
  });
});
