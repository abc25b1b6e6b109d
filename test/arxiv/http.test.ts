import { readFileSync } from 'node:fs';
import { createServer, type LookupFunction } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MemoryValidatorCache,
  PoliteFetcher,
  parseRetryAfter,
  type PoliteFetcherOptions,
} from '../../src/arxiv/http.js';
import { parseAny } from '../../src/arxiv/parse-any.js';
import { parseApiFeed } from '../../src/arxiv/parse-api.js';
import { ArxivError } from '../../src/arxiv/types.js';
import { FakeArxiv, TestClock } from '../fakes/fake-arxiv.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/arxiv/${name}`, import.meta.url), 'utf8');
const INTERVAL = 25;

let fake: FakeArxiv;
let clock: TestClock;
let fetchers: PoliteFetcher[];

function fetcher(options: PoliteFetcherOptions = {}): PoliteFetcher {
  const f = new PoliteFetcher({
    intervalMs: INTERVAL,
    clock,
    timeoutMs: 2000,
    maxAttempts: 4,
    backoff: { initialMs: 30_000, maxMs: 60_000 },
    ...options,
  });
  fetchers.push(f);
  return f;
}

const asText = { parse: (body: string) => body };
const asApi = { parse: (body: string) => parseApiFeed(body) };

async function rejection(promise: Promise<unknown>): Promise<ArxivError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ArxivError);
    return error as ArxivError;
  }
  throw new Error('expected a rejection');
}

describe('PoliteFetcher against the fake arXiv', () => {
  beforeEach(async () => {
    clock = new TestClock();
    fake = await FakeArxiv.start({ minIntervalMs: INTERVAL, clock });
    fetchers = [];
  });

  afterEach(async () => {
    for (const f of fetchers) f.close();
    await fake.close();
  });

  describe('PoliteFetcher manners', () => {
    it('sends one request at a time over one connection, spaced by the interval, with the Paperboy User-Agent', async () => {
      fake.api(null, { body: fixture('api-current.xml') });
      const f = fetcher();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => f.get(`${fake.apiUrl}?id_list=${i}`, asApi)),
      );
      expect(results.every((r) => !r.notModified && r.value.entries.length === 4)).toBe(true);
      expect(fake.requests).toHaveLength(6);
      expect(fake.violations).toEqual([]);
      expect(fake.maxInFlight).toBe(1);
      expect(fake.connectionsOpened).toBe(1);
      expect(fake.requests.map((r) => r.query.get('id_list'))).toEqual(['0', '1', '2', '3', '4', '5']);
      for (const r of fake.requests)
        expect(r.headers['user-agent']).toMatch(/^Paperboy\/\d+\.\d+\.\d+ \(\+https?:\/\//);
      const gaps = fake.requests.slice(1).map((r, i) => r.startedAt - (fake.requests[i]?.startedAt ?? 0));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL * 0.6);
    });

    it.each([
      ['429 with Retry-After in seconds', { status: 429, headers: { 'retry-after': '120' } }, 120_000],
      ['503 with Retry-After in seconds', { status: 503, headers: { 'retry-after': '45' } }, 45_000],
      ['429 with a Retry-After shorter than the back-off', { status: 429, headers: { 'retry-after': '2' } }, 30_000],
      ['503 without Retry-After (first back-off step)', { status: 503 }, 30_000],
      ['502 without Retry-After', { status: 502 }, 30_000],
    ])('retries after %s, honouring the wait', async (_name, failure, wait) => {
      fake.api(null, failure, { body: fixture('api-empty.xml') });
      const result = await fetcher().get(fake.apiUrl, asApi);
      expect(result.notModified).toBe(false);
      expect(fake.requests).toHaveLength(2);
      expect(clock.sleeps.some((ms) => ms >= wait - 5 && ms <= wait)).toBe(true);
      expect(fake.requests[1]!.startedAt - fake.requests[0]!.startedAt).toBeGreaterThanOrEqual(wait);
      expect(fake.violations).toEqual([]);
    });

    it('honours Retry-After given as an HTTP date', async () => {
      const at = () => new Date(clock.now() + 90_000).toUTCString();
      fake.api(null, () => ({ status: 429, headers: { 'retry-after': at() } }), { body: fixture('api-empty.xml') });
      await fetcher().get(fake.apiUrl, asApi);
      const gap = fake.requests[1]!.startedAt - fake.requests[0]!.startedAt;
      expect(gap).toBeGreaterThanOrEqual(89_000);
      expect(gap).toBeLessThan(91_500);
    });

    it('grows the back-off up to its cap, then gives up with a clear error', async () => {
      fake.api(null, { status: 503 });
      const error = await rejection(fetcher().get(fake.apiUrl, asApi));
      expect(error.code).toBe('unavailable');
      expect(error.status).toBe(503);
      expect(error.message).toMatch(/after 4 attempts.*HTTP 503/);
      expect(fake.requests).toHaveLength(4);
      const gaps = fake.requests.slice(1).map((r, i) => r.startedAt - fake.requests[i]!.startedAt);
      expect(gaps[0]).toBeGreaterThanOrEqual(30_000);
      expect(gaps[1]).toBeGreaterThanOrEqual(60_000);
      expect(gaps[2]).toBeGreaterThanOrEqual(60_000);
      expect(gaps[2]).toBeLessThan(90_000);
      expect(fake.violations).toEqual([]);
    });

    it('fails at once when Retry-After is longer than it is willing to wait', async () => {
      fake.api(null, { status: 429, headers: { 'retry-after': '86400' } });
      const error = await rejection(fetcher({ maxRetryAfterMs: 3_600_000 }).get(fake.apiUrl, asApi));
      expect(error.message).toMatch(/asked to wait 86400 s/);
      expect(fake.requests).toHaveLength(1);
    });

    it.each([
      ['a timeout', { delayMs: 400, body: fixture('api-empty.xml') }],
      ['a connection reset', { reset: true }],
      ['a body cut short', { truncate: true, body: fixture('api-current.xml') }],
    ])('retries %s with the back-off, keeping the interval', async (_name, failure) => {
      fake.api(null, failure, { body: fixture('api-current.xml') });
      const result = await fetcher({ timeoutMs: 100 }).get(fake.apiUrl, asApi);
      expect(!result.notModified && result.value.entries).toHaveLength(4);
      expect(fake.requests).toHaveLength(2);
      expect(fake.requests[1]!.startedAt - fake.requests[0]!.startedAt).toBeGreaterThanOrEqual(30_000);
      expect(fake.violations).toEqual([]);
    });

    it.each([
      [
        'HTML page with status 200',
        {
          body: '<!DOCTYPE html>\n<html><head><title>Service Maintenance</title></head><body>Back soon</body></html>',
          headers: { 'content-type': 'text/html' },
        },
        /HTML page.*Service Maintenance/,
        'malformed',
      ],
      ['truncated XML sent in full', { body: fixture('api-current.xml').slice(0, 900) }, /malformed XML/, 'malformed'],
      [
        'HTTP 400 with an API error entry',
        { status: 400, body: fixture('api-error.xml') },
        /HTTP 400.*incorrect id format for 2501\.042x/,
        'api-error',
      ],
      [
        'HTTP 400 with an error channel',
        { status: 400, body: fixture('rss-error.xml') },
        /HTTP 400.*Bad archive 'csLG'/,
        'api-error',
      ],
      ['HTTP 404', { status: 404, body: 'Not Found' }, /HTTP 404.*Not Found/, 'api-error'],
      [
        'HTTP 403',
        { status: 403, body: '<html><head><title>Forbidden</title></head></html>' },
        /HTTP 403.*Forbidden/,
        'api-error',
      ],
    ])('does not retry %s and says why', async (_name, response, message, code) => {
      fake.api(null, response);
      const error = await rejection(fetcher().get(fake.apiUrl, { parse: (body) => parseAny(body) }));
      expect(error.message).toMatch(message);
      expect(error.code).toBe(code);
      expect(fake.requests).toHaveLength(1);
    });

    it('decodes bodies as UTF-8 whatever the Content-Type says, with replacement characters for bad bytes', async () => {
      const bytes = Buffer.from(fixture('api-legacy.xml').replace('Jonas Østergaard', 'Jonas @stergaard'), 'utf8');
      bytes[bytes.indexOf('@')] = 0xc3; // a lead byte with no continuation
      fake.api(null, { body: bytes, headers: { 'content-type': 'application/atom+xml; charset=ISO-8859-1' } });
      const result = await fetcher().get(fake.apiUrl, asApi);
      const authors = !result.notModified ? result.value.entries[0]?.authors : [];
      expect(authors).toEqual(['Claus Lämmerzahl', 'Jonas \uFFFDstergaard', 'M. Ibáñez-Ruiz']);
    });

    it('accepts a gzip-encoded body', async () => {
      fake.api(null, {
        body: gzipSync(Buffer.from(fixture('api-legacy.xml'))),
        headers: { 'content-encoding': 'gzip' },
      });
      const result = await fetcher().get(fake.apiUrl, asApi);
      expect(!result.notModified && result.value.entries[0]?.authors[0]).toBe('Claus Lämmerzahl');
      expect(fake.requests[0]?.headers['accept-encoding']).toMatch(/gzip/);
    });

    it('follows a redirect as a separate, spaced request', async () => {
      fake.route((r) => r.path === '/old/cs.LG', { status: 301, headers: { location: '/rss/cs.LG' } });
      fake.rss('cs.LG', { body: fixture('rss-listing.xml') });
      const result = await fetcher().get(`${fake.baseUrl}/old/cs.LG`, asText);
      expect(!result.notModified && result.value).toContain('<rss');
      expect(fake.requests.map((r) => r.path)).toEqual(['/old/cs.LG', '/rss/cs.LG']);
      expect(fake.violations).toEqual([]);
    });

    it.each<[string, Record<string, string | null>, RegExp, string[]]>([
      ['without a Location', { '/a': null }, /redirected \S+\/a without a Location/, ['/a']],
      ['in a loop', { '/a': '/b', '/b': '/a' }, /redirected \S+\/b too many times \(in a loop\)/, ['/a', '/b']],
      [
        'more often than allowed',
        { '/a': '/b', '/b': '/c', '/c': '/d', '/d': '/e' },
        /redirected \S+\/d too many times/,
        ['/a', '/b', '/c', '/d'],
      ],
    ])('fails at once, unretried, on a redirect %s', async (_name, redirects, message, paths) => {
      for (const [from, to] of Object.entries(redirects))
        fake.route((r) => r.path === from, { status: 302, headers: to === null ? {} : { location: to } });
      const error = await rejection(fetcher().get(`${fake.baseUrl}/a`, asText));
      expect(error.message).toMatch(message);
      expect(error.code).toBe('api-error');
      expect(fake.requests.map((r) => r.path)).toEqual(paths);
      expect(fake.violations).toEqual([]);
    });

    it('follows a redirect to another host as a separate, spaced request, over one connection at a time', async () => {
      const other = await FakeArxiv.start({ minIntervalMs: INTERVAL, clock });
      try {
        fake.route((r) => r.path === '/rss/cs.LG', { status: 301, headers: { location: `${other.rssUrl}/cs.LG` } });
        other.rss('cs.LG', { body: fixture('rss-listing.xml') });
        const result = await fetcher().get(`${fake.rssUrl}/cs.LG`, { parse: (body, info) => info.url });
        expect(!result.notModified && result.value).toBe(`${other.rssUrl}/cs.LG`);
        expect(other.requests[0]!.startedAt - fake.requests[0]!.startedAt).toBeGreaterThanOrEqual(INTERVAL * 0.6);
        expect(other.requests[0]?.headers['user-agent']).toMatch(/^Paperboy\//);
        expect([fake.maxOpenConnections, other.maxOpenConnections]).toEqual([1, 1]);
      } finally {
        await other.close();
      }
    });

    it('closes the kept-alive connection before talking to another host, and keeps the spacing across hosts', async () => {
      const other = await FakeArxiv.start({ clock });
      try {
        fake.api(null, { body: fixture('api-empty.xml') });
        other.rss('cs.LG', { body: fixture('rss-empty.xml') });
        const f = fetcher();
        await f.get(fake.apiUrl, asApi);
        await f.get(`${other.rssUrl}/cs.LG`, asText);
        await f.get(fake.apiUrl, asApi);
        expect(fake.connectionsOpened).toBe(2);
        expect(other.connectionsOpened).toBe(1);
        expect(other.requests[0]!.startedAt - fake.requests[0]!.startedAt).toBeGreaterThanOrEqual(INTERVAL * 0.6);
        expect(fake.requests[1]!.startedAt - other.requests[0]!.startedAt).toBeGreaterThanOrEqual(INTERVAL * 0.6);
        expect(other.violations).toEqual([]);
      } finally {
        await other.close();
      }
    });

    it('stops waiting when the caller aborts', async () => {
      fake.api(null, { status: 503 });
      const controller = new AbortController();
      const f = fetcher({
        clock: { now: clock.now, sleep: (ms) => (ms > 1000 ? (controller.abort(), clock.sleep(ms)) : clock.sleep(ms)) },
      });
      const error = await rejection(f.get(fake.apiUrl, { ...asApi, signal: controller.signal }));
      expect(error.code).toBe('aborted');
      expect(fake.requests).toHaveLength(1);
    });
  });

  describe('failFast', () => {
    const lookups: string[] = [];
    /** A resolver that fails as the system's does, without asking any DNS server. */
    const failingLookup =
      (code: string): LookupFunction =>
      (hostname, _options, callback) => {
        lookups.push(hostname);
        const error = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname });
        process.nextTick(() => callback(error, '', 4));
      };
    /** A URL on 127.0.0.1 where nothing listens. */
    async function refusedUrl(): Promise<string> {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      await new Promise((resolve) => server.close(resolve));
      return `http://127.0.0.1:${port}/api/query`;
    }

    it.each<[string, () => Promise<[string, PoliteFetcherOptions]>, RegExp]>([
      [
        'a host name that does not resolve',
        () => Promise.resolve(['http://export.arxiv.invalid/api/query', { lookup: failingLookup('ENOTFOUND') }]),
        /^Cannot reach arXiv at export\.arxiv\.invalid: its name does not resolve \(ENOTFOUND\)$/,
      ],
      [
        'a resolver that does not answer',
        () => Promise.resolve(['http://export.arxiv.invalid/api/query', { lookup: failingLookup('EAI_AGAIN') }]),
        /^Cannot reach arXiv at export\.arxiv\.invalid: its name does not resolve \(EAI_AGAIN\)$/,
      ],
      [
        'a refused connection',
        async () => [await refusedUrl(), {}],
        /^Cannot reach arXiv at 127\.0\.0\.1:\d+: it refused the connection \(ECONNREFUSED\)$/,
      ],
    ])('throws at once on %s; without it the bot backs off and retries', async (_name, setup, message) => {
      lookups.length = 0;
      const [url, options] = await setup();
      const quick = await rejection(fetcher({ ...options, failFast: true }).get(url, asApi));
      expect(quick.message).toMatch(message);
      expect(quick.code).toBe('unavailable');
      expect(clock.sleeps.filter((ms) => ms > INTERVAL)).toEqual([]);

      const patient = await rejection(fetcher(options).get(url, asApi));
      expect(patient.message).toMatch(/did not answer .* after 4 attempts/);
      expect(clock.sleeps.filter((ms) => ms > 29_000)).toHaveLength(3);
      if (options.lookup) expect(lookups).toEqual(Array(5).fill('export.arxiv.invalid'));
    });

    it.each([
      ['HTTP 404', 404, 1],
      ['HTTP 408', 408, 2],
      ['HTTP 429', 429, 2],
    ])('%s under failFast: %i request(s)', async (_name, status, requests) => {
      fake.api(null, { status, body: 'no' }, { body: fixture('api-empty.xml') });
      const result = await fetcher({ failFast: true })
        .get(fake.apiUrl, asApi)
        .catch((e: unknown) => e);
      expect(fake.requests).toHaveLength(requests);
      if (requests === 1) expect((result as ArxivError).message).toMatch(/HTTP 404 for .*: no/);
      else expect((result as { notModified: boolean }).notModified).toBe(false);
      expect(fake.violations).toEqual([]);
    });
  });

  describe('conditional GET', () => {
    it.each([
      ['ETag', { etag: '"v-20250107"' }, 'if-none-match', '"v-20250107"'],
      [
        'Last-Modified',
        { lastModified: 'Tue, 07 Jan 2025 05:00:00 GMT' },
        'if-modified-since',
        'Tue, 07 Jan 2025 05:00:00 GMT',
      ],
    ])(
      'revalidates with the %s once committed and reports 304 as notModified',
      async (_name, validator, header, value) => {
        fake.rss('cs.LG', { body: fixture('rss-listing.xml'), ...validator });
        const validators = new MemoryValidatorCache();
        const f = fetcher({ validators });
        const url = `${fake.rssUrl}/cs.LG`;

        const first = await f.get(url, { ...asText, conditional: true });
        expect(first.notModified).toBe(false);
        // Not committed yet: the next request is a plain GET again.
        const second = await f.get(url, { ...asText, conditional: true });
        expect(second.notModified).toBe(false);
        expect(fake.requests[1]?.headers[header]).toBeUndefined();
        if (!second.notModified) await second.commit();

        const third = await f.get(url, { ...asText, conditional: true });
        expect(third).toEqual({ notModified: true, url });
        expect(fake.requests[2]?.headers[header]).toBe(value);
        expect(fake.requests[2]?.status).toBe(304);
        expect(fake.violations).toEqual([]);
      },
    );

    it('remembers nothing when the body failed to parse', async () => {
      fake.rss('cs.LG', { body: '<rss><channel><title>cut', etag: '"x"' });
      const validators = new MemoryValidatorCache();
      const f = fetcher({ validators });
      await rejection(f.get(`${fake.rssUrl}/cs.LG`, { parse: (b) => parseAny(b), conditional: true }));
      expect(validators.entries.size).toBe(0);
    });

    it('does not send validators on unconditional requests', async () => {
      const validators = new MemoryValidatorCache();
      await validators.set(fake.apiUrl, { etag: '"e"' });
      fake.api(null, { body: fixture('api-empty.xml'), etag: '"e"' });
      const result = await fetcher({ validators }).get(fake.apiUrl, asApi);
      expect(result.notModified).toBe(false);
      expect(fake.requests[0]?.headers['if-none-match']).toBeUndefined();
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-07T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Tue, 07 Jan 2025 12:01:30 GMT', 90_000],
    ['Tue, 07 Jan 2025 11:00:00 GMT', 0],
    ['soon', null],
    [undefined, null],
  ])('%j → %j', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
