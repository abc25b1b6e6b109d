import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Worker } from 'node:worker_threads';

/** How the fake answers one request. */
export interface FakeResponse {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Wait this long (real time) before answering. */
  delayMs?: number;
  /** Drop the connection instead of answering. */
  reset?: boolean;
  /** Announce the full Content-Length, send half the body, then drop the connection. */
  truncate?: boolean;
  /** Sent as ETag; a request with a matching If-None-Match gets 304. */
  etag?: string;
  /** Sent as Last-Modified; a matching If-Modified-Since gets 304. */
  lastModified?: string;
}

export type Responder = FakeResponse | ((request: RecordedRequest) => FakeResponse);

export interface RecordedRequest {
  method: string;
  path: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The test clock's time when the request arrived. */
  startedAt: number;
  /** Which connection carried it, numbered from 1. */
  connection: number;
  /** Status the fake answered with; null for a reset. */
  status: number | null;
}

function defaultTolerance(minIntervalMs: number): number {
  return Math.round(Math.min(Math.max(minIntervalMs * 0.4, 15), minIntervalMs * 0.8));
}

export interface FakeArxivOptions {
  /** Politeness check: minimum time between the starts of two requests. Default 0 (no check). */
  minIntervalMs?: number;
  /**
   * Slack for scheduling jitter in that check: arrival times in this worker lag the client's sends,
   * by up to ~15 ms on a loaded 2-core machine. Default 40% of the interval, at least 15 ms but at
   * most 80% of it: a client that ignores the interval sends with gaps near 0 and is still caught,
   * and tests that check the spacing itself use intervals of a second, where 40% applies.
   */
  toleranceMs?: number;
  /** The test's clock, shared with the client so that skipped back-offs count on both sides. */
  clock?: TestClock;
  /** Every User-Agent must start with this. Default `Paperboy/`. */
  userAgentPrefix?: string;
}

interface Route {
  match: (request: RecordedRequest) => boolean;
  responses: Responder[];
  served: number;
}

interface Stats {
  connectionsOpened: number;
  maxOpenConnections: number;
  maxInFlight: number;
}

type FromWorker =
  | { type: 'listening'; port: number }
  | { type: 'connection'; violations: string[]; stats: Stats }
  | {
      type: 'request';
      id: number;
      method: string;
      url: string;
      headers: IncomingHttpHeaders;
      startedAt: number;
      connection: number;
      violations: string[];
      stats: Stats;
    };

/**
 * The HTTP side of the fake, in its own thread: its timestamps do not depend on what the client
 * (in the test's thread) happens to be doing, so the spacing it measures is the spacing on the wire.
 * Plain JavaScript because a worker does not go through the test runner's TypeScript transform.
 */
const workerSource = String.raw`
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { minIntervalMs, toleranceMs, userAgentPrefix, offset } = workerData;
const now = () => Date.now() + (offset ? offset[0] : 0);
const stats = { connectionsOpened: 0, maxOpenConnections: 0, maxInFlight: 0 };
const sockets = new Map();
const pending = new Map();
let inFlight = 0;
let lastStart = null;
let nextId = 0;
const server = http.createServer();
server.keepAliveTimeout = 30000;
let warm = false;
server.on('connection', (socket) => {
  if (!warm) return;
  stats.connectionsOpened += 1;
  sockets.set(socket, stats.connectionsOpened);
  stats.maxOpenConnections = Math.max(stats.maxOpenConnections, sockets.size);
  const violations = sockets.size > 1 ? [sockets.size + ' connections open at once'] : [];
  // A connection the client has ended (or that we dropped) no longer counts, even before 'close'.
  socket.on('end', () => sockets.delete(socket));
  socket.on('close', () => sockets.delete(socket));
  parentPort.postMessage({ type: 'connection', violations, stats: { ...stats } });
});
server.on('request', (req, res) => {
  const startedAt = now();
  if (!warm) { res.end('warm'); return; }
  const id = ++nextId;
  const violations = [];
  const ua = req.headers['user-agent'] || '';
  if (!ua.startsWith(userAgentPrefix)) violations.push('request #' + id + ' has User-Agent "' + ua + '"');
  if (lastStart !== null && minIntervalMs > 0) {
    const gap = startedAt - lastStart;
    if (gap < minIntervalMs - toleranceMs) {
      violations.push('request #' + id + ' (' + req.url + ') started ' + gap + ' ms after the previous one, minimum ' + minIntervalMs + ' ms');
    }
  }
  lastStart = startedAt;
  inFlight += 1;
  stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
  if (inFlight > 1) violations.push(inFlight + ' requests in flight at once (' + req.url + ')');
  let done = false;
  res.on('close', () => {
    if (!done) { done = true; inFlight -= 1; }
    pending.delete(id);
  });
  pending.set(id, { req, res });
  req.resume();
  parentPort.postMessage({
    type: 'request', id, method: req.method, url: req.url, headers: req.headers, startedAt,
    connection: sockets.get(req.socket) || 0, violations, stats: { ...stats },
  });
});
function answer(req, res, r) {
  if (res.destroyed) return;
  if (r.reset) { sockets.delete(req.socket); req.socket.destroy(); return; }
  const body = Buffer.from(r.body || new Uint8Array());
  const headers = { ...r.headers };
  if (r.status !== 304) headers['content-length'] = String(body.length);
  res.writeHead(r.status, headers);
  if (r.status === 304) { res.end(); return; }
  if (r.truncate) {
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => { sockets.delete(req.socket); req.socket.destroy(); });
    return;
  }
  res.end(body);
}
parentPort.on('message', (m) => {
  if (m.type === 'respond') {
    const p = pending.get(m.id);
    if (!p) return;
    if (m.response.delayMs) {
      const timer = setTimeout(() => answer(p.req, p.res, m.response), m.response.delayMs);
      p.res.on('close', () => clearTimeout(timer));
    } else {
      answer(p.req, p.res, m.response);
    }
  } else if (m.type === 'close') {
    server.closeAllConnections();
    server.close(() => parentPort.close());
  }
});
// Run the HTTP code paths once before the test starts, so the first measured request is not slowed by a cold start.
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const agent = new http.Agent({ keepAlive: false });
  const ping = (n) => http.get({ host: '127.0.0.1', port, path: '/warm', agent }, (res) => {
    res.resume();
    res.on('end', () => {
      if (n > 1) { ping(n - 1); return; }
      agent.destroy();
      setTimeout(() => { warm = true; parentPort.postMessage({ type: 'listening', port }); }, 5);
    });
  });
  ping(3);
});
`;

/**
 * A stand-in for rss.arxiv.org and export.arxiv.org on 127.0.0.1: serves `/rss/<cats>` and
 * `/api/query?…` from programmable routes, records every request, and checks the client's
 * manners itself (spacing, one request and one connection at a time, User-Agent). Tests assert
 * that {@link violations} is empty.
 */
export class FakeArxiv {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  connectionsOpened = 0;
  maxOpenConnections = 0;
  maxInFlight = 0;

  private readonly routes: Route[] = [];
  private port = 0;

  private constructor(private readonly worker: Worker) {}

  static async start(options: FakeArxivOptions = {}): Promise<FakeArxiv> {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        minIntervalMs: options.minIntervalMs ?? 0,
        toleranceMs: options.toleranceMs ?? defaultTolerance(options.minIntervalMs ?? 0),
        userAgentPrefix: options.userAgentPrefix ?? 'Paperboy/',
        offset: options.clock?.sharedOffset ?? null,
      },
    });
    const fake = new FakeArxiv(worker);
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'listening') {
          fake.port = message.port;
          resolve();
        } else {
          fake.onMessage(message);
        }
      });
    });
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get rssUrl(): string {
    return `${this.baseUrl}/rss`;
  }
  get apiUrl(): string {
    return `${this.baseUrl}/api/query`;
  }

  /**
   * Answer requests that `match` with `responses` in turn, the last one repeating.
   * The most recently added matching route wins, so a test can override a default.
   */
  route(match: (request: RecordedRequest) => boolean, ...responses: Responder[]): this {
    if (responses.length === 0) throw new Error('route needs at least one response');
    this.routes.push({ match, responses, served: 0 });
    return this;
  }

  /** `/rss/<cats>`, e.g. `rss('cs.LG+stat.ML', …)`. */
  rss(categories: string, ...responses: Responder[]): this {
    return this.route((r) => r.path === `/rss/${categories}`, ...responses);
  }

  /** `/api/query`, optionally only for queries that `match`. */
  api(match: ((query: URLSearchParams) => boolean) | null, ...responses: Responder[]): this {
    return this.route((r) => r.path === '/api/query' && (match === null || match(r.query)), ...responses);
  }

  /** `/html/<id>v<n>`, a paper's HTML version, e.g. `html('2501.03001v1', { body: latexmlPage(…) })`. */
  html(idVersion: string, ...responses: Responder[]): this {
    return this.route((r) => r.path === `/html/${idVersion}` || r.path === `/html/${idVersion}/`, ...responses);
  }

  /** Requests to the API, in order. */
  get apiRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/api/query');
  }

  /** Requests for papers' HTML pages, in order. */
  get htmlRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/html/'));
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' });
    const timer = setTimeout(() => void this.worker.terminate(), 1000);
    await exited;
    clearTimeout(timer);
  }

  private onMessage(message: Exclude<FromWorker, { type: 'listening' }>): void {
    this.violations.push(...message.violations);
    this.connectionsOpened = message.stats.connectionsOpened;
    this.maxOpenConnections = message.stats.maxOpenConnections;
    this.maxInFlight = message.stats.maxInFlight;
    if (message.type !== 'request') return;

    const url = new URL(message.url, this.baseUrl);
    const recorded: RecordedRequest = {
      method: message.method,
      path: url.pathname,
      url,
      query: url.searchParams,
      headers: message.headers,
      startedAt: message.startedAt,
      connection: message.connection,
      status: null,
    };
    this.requests.push(recorded);
    const route = [...this.routes].reverse().find((r) => r.match(recorded));
    const responder = route ? route.responses[Math.min(route.served++, route.responses.length - 1)] : undefined;
    const response: FakeResponse =
      responder === undefined
        ? { status: 404, body: 'no route' }
        : typeof responder === 'function'
          ? responder(recorded)
          : responder;
    this.worker.postMessage({ type: 'respond', id: message.id, response: this.shape(recorded, response) });
  }

  /** Final status, headers and body, with conditional requests answered by 304. */
  private shape(
    recorded: RecordedRequest,
    response: FakeResponse,
  ): Required<Omit<FakeResponse, 'etag' | 'lastModified'>> {
    const headers: Record<string, string> = { 'content-type': 'application/xml; charset=utf-8', ...response.headers };
    if (response.etag) headers['etag'] = response.etag;
    if (response.lastModified) headers['last-modified'] = response.lastModified;
    const etagMatch = response.etag !== undefined && recorded.headers['if-none-match'] === response.etag;
    const dateMatch =
      response.lastModified !== undefined && recorded.headers['if-modified-since'] === response.lastModified;
    const status = response.reset ? null : etagMatch || dateMatch ? 304 : (response.status ?? 200);
    recorded.status = status;
    if (status === 304) delete headers['content-type'];
    const body =
      typeof response.body === 'string' ? new TextEncoder().encode(response.body) : (response.body ?? new Uint8Array());
    return {
      status: status ?? 0,
      headers,
      body: status === 304 ? new Uint8Array() : body,
      delayMs: response.delayMs ?? 0,
      reset: response.reset ?? false,
      truncate: response.truncate ?? false,
    };
  }
}

/** The LaTeXML-shaped pages of test/fixtures/arxiv/html, by what their first figure is. */
const LATEXML_PAGES = {
  /** `x1.png`, after arXiv's header logo and a table of contents. */
  figure: 'figure-first.html',
  /** `extracted/6121904/figures/teaser.png`, after icons in the title, the abstract and a figure of their own. */
  'icon-first': 'icon-first.html',
  /** None: an SVG drawing, a table, an algorithm, a figure holding a table. */
  'no-figure': 'no-figure.html',
  /** arXiv's "No HTML for …" page, served with a 404. */
  'not-found': 'not-found.html',
} as const;

/**
 * One of the fixture pages as the HTML version of `idVersion` (its `<base href>` rewritten), so
 * its figure resolves to `<server>/html/<idVersion>/…`.
 */
export function latexmlPage(idVersion: string, kind: keyof typeof LATEXML_PAGES): string {
  const page = readFileSync(new URL(`../fixtures/arxiv/html/${LATEXML_PAGES[kind]}`, import.meta.url), 'utf8');
  return page
    .replace(/\/html\/\d{4}\.\d{4,5}v\d+\//g, `/html/${idVersion}/`)
    .replace(/'\d{4}\.\d{4,5}v\d+'/g, `'${idVersion}'`);
}

/** An HTML response, as arXiv sends its pages. */
export function htmlResponse(body: string, status = 200, extra: Partial<FakeResponse> = {}): FakeResponse {
  return { status, body, headers: { 'content-type': 'text/html; charset=utf-8' }, ...extra };
}

/** A paper as the fake serves it. */
export interface FakePaper {
  /** Versioned: `2501.01234v1`. */
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  comment?: string;
  journalRef?: string;
  doi?: string;
  published?: string;
  updated?: string;
  announceType?: 'new' | 'cross' | 'replace' | 'replace-cross';
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An API response in the current (2025+) layout. */
export function apiFeedXml(
  papers: readonly FakePaper[],
  meta: { totalResults?: number; startIndex?: number; itemsPerPage?: number } = {},
): string {
  const entries = papers.map((p) => {
    const published = p.published ?? '2025-01-06T18:00:00Z';
    return `  <entry>
    <id>http://arxiv.org/abs/${p.id}</id>
    <title>${escapeXml(p.title)}</title>
    <updated>${p.updated ?? published}</updated>
    <link href="https://arxiv.org/abs/${p.id}" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/${p.id}" rel="related" type="application/pdf" title="pdf"/>
    <summary>${escapeXml(p.abstract)}</summary>
${p.categories.map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n')}
    <published>${published}</published>
${p.comment ? `    <arxiv:comment>${escapeXml(p.comment)}</arxiv:comment>\n` : ''}    <arxiv:primary_category term="${p.categories[0] ?? ''}"/>
${p.journalRef ? `    <arxiv:journal_ref>${escapeXml(p.journalRef)}</arxiv:journal_ref>\n` : ''}${p.authors.map((a) => `    <author>\n      <name>${escapeXml(a)}</name>\n    </author>`).join('\n')}
${p.doi ? `    <arxiv:doi>${escapeXml(p.doi)}</arxiv:doi>\n    <link rel="related" href="https://doi.org/${p.doi}" title="doi"/>\n` : ''}  </entry>`;
  });
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/fake</id>
  <title>arXiv Query: fake</title>
  <updated>2025-01-07T00:00:00Z</updated>
  <opensearch:itemsPerPage>${meta.itemsPerPage ?? papers.length}</opensearch:itemsPerPage>
  <opensearch:totalResults>${meta.totalResults ?? papers.length}</opensearch:totalResults>
  <opensearch:startIndex>${meta.startIndex ?? 0}</opensearch:startIndex>
${entries.join('\n')}
</feed>
`;
}

/** A rss.arxiv.org listing (RSS 2.0) for `categories` dated `pubDate`. */
export function rssFeedXml(categories: string, pubDate: string, papers: readonly FakePaper[]): string {
  const items = papers.map((p) => {
    const base = p.id.replace(/v\d+$/, '');
    return `    <item>
      <title>${escapeXml(p.title)}</title>
      <link>https://arxiv.org/abs/${base}</link>
      <description>arXiv:${p.id} Announce Type: ${p.announceType ?? 'new'} 
Abstract: ${escapeXml(p.abstract)}</description>
      <guid isPermaLink="false">oai:arXiv.org:${p.id}</guid>
${p.categories.map((c) => `      <category>${c}</category>`).join('\n')}
      <pubDate>${pubDate}</pubDate>
      <arxiv:announce_type>${p.announceType ?? 'new'}</arxiv:announce_type>
      <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
${p.doi ? `      <arxiv:DOI>${escapeXml(p.doi)}</arxiv:DOI>\n` : ''}${p.journalRef ? `      <arxiv:journal_reference>${escapeXml(p.journalRef)}</arxiv:journal_reference>\n` : ''}      <dc:creator>${escapeXml(p.authors.join(', '))}</dc:creator>
    </item>`;
  });
  const names = categories.split('+').join(', ');
  return `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
  <channel>
    <title>${names} updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/${categories}</link>
    <description>${names} updates on the arXiv.org e-print archive.</description>
    <language>en-us</language>
    <pubDate>${pubDate}</pubDate>
${items.join('\n')}
  </channel>
</rss>
`;
}

/**
 * A responder that answers `id_list` queries from a set of papers the way arXiv does:
 * unknown ids silently dropped, `start`/`max_results` honoured.
 */
export function apiById(papers: readonly FakePaper[]): (request: RecordedRequest) => FakeResponse {
  return (request) => {
    const ids = (request.query.get('id_list') ?? '').split(',').filter((i) => i !== '');
    const found = ids
      .map((id) => papers.find((p) => p.id === id || p.id.replace(/v\d+$/, '') === id))
      .filter((p): p is FakePaper => p !== undefined);
    const start = Number(request.query.get('start') ?? 0);
    const max = Number(request.query.get('max_results') ?? 10);
    const page = found.slice(start, start + max);
    return { body: apiFeedXml(page, { totalResults: found.length, startIndex: start, itemsPerPage: max }) };
  };
}

/**
 * A clock for the fetcher and the fake alike: short waits (the request interval) really pass,
 * long ones (back-off, Retry-After) are skipped by moving time forward, so a test sees the
 * same spacing the server checks without waiting for it. Every requested sleep is recorded.
 */
export class TestClock {
  readonly sleeps: number[] = [];
  /** Milliseconds skipped so far, shared with the fake's thread. */
  readonly sharedOffset = new Float64Array(new SharedArrayBuffer(8));

  constructor(private readonly skipAboveMs = 100) {}

  now = (): number => Date.now() + (this.sharedOffset[0] ?? 0);

  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    if (ms > this.skipAboveMs) {
      this.sharedOffset[0] = (this.sharedOffset[0] ?? 0) + ms;
      await new Promise((resolve) => setImmediate(resolve));
    } else {
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  };
}
