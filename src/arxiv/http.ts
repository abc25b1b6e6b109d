import type { LookupFunction } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Client, Dispatcher, interceptors } from 'undici';
import { silentLogger, type Logger } from '../log.js';
import { USER_AGENT } from '../version.js';
import { apiErrorMessage } from './parse-api.js';
import { rssErrorMessage } from './parse-rss.js';
import { ArxivError } from './types.js';
import { decodeBody, htmlTitle, looksLikeHtml } from './xml.js';

const unzip = promisify(zlib.unzip);
/** Content-Encodings Paperboy accepts (and asks for). */
const decoders = new Map([
  ['gzip', unzip],
  ['x-gzip', unzip],
  ['deflate', unzip],
  ['br', promisify(zlib.brotliDecompress)],
]);

/** Time as the fetcher sees it; injected so tests can skip long back-offs. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** HTTP validators remembered for a URL, sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Where validators live between runs (the store may provide a persistent one). */
export interface ValidatorCache {
  get(url: string): Promise<Validators | undefined>;
  set(url: string, validators: Validators): Promise<void>;
}

/** Validators kept in memory, for tests and one-off CLI runs. */
export class MemoryValidatorCache implements ValidatorCache {
  readonly entries = new Map<string, Validators>();
  get(url: string): Promise<Validators | undefined> {
    return Promise.resolve(this.entries.get(url));
  }
  set(url: string, validators: Validators): Promise<void> {
    this.entries.set(url, validators);
    return Promise.resolve();
  }
}

export interface BackoffOptions {
  /** First wait after a 429/503/timeout/reset (a longer Retry-After wins). Default 30 s. */
  initialMs: number;
  /** Cap on the growing wait. Default 5 min. */
  maxMs: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
}

export interface PoliteFetcherOptions {
  /** Minimum time from the start of one request to the start of the next, retries included. Default 3000. */
  intervalMs?: number;
  /** Default {@link USER_AGENT}. */
  userAgent?: string;
  /** Per-attempt limit for the whole exchange, headers and body (each redirect hop has its own). Default 120 s. */
  timeoutMs?: number;
  /** Attempts per request before giving up, first one included. Default 5. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** A Retry-After longer than this is not waited for: the request fails instead. Default 15 min. */
  maxRetryAfterMs?: number;
  /** Redirects followed per request. Default 3. */
  maxRedirects?: number;
  /**
   * For interactive use: a host name that does not resolve or a refused connection, which no wait can fix, throws
   * at once with one clear message instead of being retried. Default false. (Other 4xx than 408/429 never retry.)
   */
  failFast?: boolean;
  /** Resolves host names; default the system resolver. */
  lookup?: LookupFunction;
  validators?: ValidatorCache;
  clock?: Clock;
  logger?: Logger;
  /** Told of every attempt sent (retries included): the HTTP status, or null when no answer came. */
  onAttempt?: (status: number | null) => void;
}

type Headers = Record<string, string | string[] | undefined>;

/** What the parse callback gets besides the body. */
export interface ResponseInfo {
  url: string;
  status: number;
  headers: Headers;
}

export interface GetOptions<T> {
  /**
   * Turns the decoded body into a value; its errors are not retried. Validators are only
   * remembered once it has succeeded, so a body that failed to parse is fetched again next time.
   */
  parse: (body: string, info: ResponseInfo) => T;
  /** Send If-None-Match / If-Modified-Since and report 304 as `notModified`. Default false. */
  conditional?: boolean;
  /** Cancels waiting and the request in flight; not retried. */
  signal?: AbortSignal;
  /** `html` asks for a web page (a paper's HTML version) instead of a feed, and accepts one. Default `feed`. */
  expect?: 'feed' | 'html';
  /** Per-attempt limit for this request; default the fetcher's. */
  timeoutMs?: number;
  /** Attempts for this request, first one included; default the fetcher's. */
  maxAttempts?: number;
}

export type GetResult<T> =
  | { notModified: true; url: string }
  | {
      notModified: false;
      url: string;
      status: number;
      value: T;
      /**
       * Remember this response's validators, so the next conditional GET can get a 304.
       * Call it once the value has been safely used (e.g. stored).
       */
      commit: () => Promise<void>;
    };

interface RawResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Failures worth another attempt, after waiting. */
class RetryableError extends Error {
  override name = 'RetryableError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);
/** Failures no wait can fix, thrown at once under `failFast`. */
const unreachable = new Map([
  ['ENOTFOUND', 'its name does not resolve'],
  ['EAI_AGAIN', 'its name does not resolve'],
  ['ECONNREFUSED', 'it refused the connection'],
]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Notes the moment a dispatch's request goes out on the connection, and passes every event on. */
function noteSent(handler: Dispatcher.DispatchHandlers, onSent: () => void): Dispatcher.DispatchHandlers {
  return {
    onConnect: (abort) => {
      onSent();
      handler.onConnect?.(abort);
    },
    onError: (error) => handler.onError?.(error),
    onUpgrade: (...args) => handler.onUpgrade?.(...args),
    onResponseStarted: () => handler.onResponseStarted?.(),
    onHeaders: (...args) => handler.onHeaders?.(...args) ?? true,
    onData: (chunk) => handler.onData?.(chunk) ?? true,
    onComplete: (trailers) => handler.onComplete?.(trailers),
    onBodySent: (...args) => handler.onBodySent?.(...args),
  };
}

/** One connection in total: a request to another origin closes the previous origin's connection first. */
class OneConnection extends Dispatcher {
  private current: { origin: string; client: Client } | null = null;

  constructor(private readonly options: Client.Options) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const origin = String(options.origin);
    if (this.current?.origin !== origin) {
      void this.current?.client.destroy();
      this.current = { origin, client: new Client(origin, this.options) };
    }
    return this.current.client.dispatch(options, handler);
  }

  override async destroy(): Promise<void> {
    const client = this.current?.client;
    this.current = null;
    await client?.destroy();
  }
}

/**
 * The one way Paperboy talks to arXiv: a queue that sends one request at a time over one
 * keep-alive connection, spaced `intervalMs` apart (start to start, retries and redirects
 * included), with Paperboy's User-Agent, conditional GETs, and back-off on 408/429/503,
 * 5xx, timeouts and resets that honours Retry-After.
 */
export class PoliteFetcher {
  readonly intervalMs: number;
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: Required<BackoffOptions>;
  private readonly maxRetryAfterMs: number;
  private readonly failFast: boolean;
  private readonly validators: ValidatorCache;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly onAttempt: (status: number | null) => void;
  private readonly connection: OneConnection;
  private readonly dispatcher: Dispatcher;

  private tail: Promise<unknown> = Promise.resolve();
  private lastStart = Number.NEGATIVE_INFINITY;
  private notBefore = Number.NEGATIVE_INFINITY;
  /** URL of the request in flight, after any redirects (the queue sends one at a time). */
  private hop = '';
  /** Every URL the request in flight has been sent to, redirects included. */
  private readonly hops = new Set<string>();
  /** Starts the timeout of the request in flight once its turn has come. */
  private onTurn = (): void => {};

  constructor(options: PoliteFetcherOptions = {}) {
    this.intervalMs = options.intervalMs ?? 3000;
    this.userAgent = options.userAgent ?? USER_AGENT;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.backoff = { factor: 2, ...(options.backoff ?? { initialMs: 30_000, maxMs: 300_000 }) };
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 15 * 60_000;
    this.failFast = options.failFast ?? false;
    this.validators = options.validators ?? new MemoryValidatorCache();
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? silentLogger;
    this.onAttempt = options.onAttempt ?? (() => undefined);
    this.connection = new OneConnection({ connect: options.lookup ? { lookup: options.lookup } : {} });
    const maxRedirections = options.maxRedirects ?? 3;
    this.dispatcher = this.connection.compose(this.spacing, interceptors.redirect({ maxRedirections }));
  }

  /** GET a URL through the queue. Throws ArxivError when arXiv refuses or retries run out. */
  get<T>(url: string, options: GetOptions<T>): Promise<GetResult<T>> {
    const run = this.tail.then(() => this.exchange(url, options));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Close the kept-alive connection. */
  close(): void {
    void this.connection.destroy();
  }

  /**
   * Holds every dispatch, the first one and each redirect hop, until its turn in the spacing; then, as
   * connecting may delay it, spaces the next one from when it actually leaves.
   */
  private readonly spacing: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
    const hop = new URL(opts.path, opts.origin).toString();
    if (this.hops.has(hop)) {
      // A redirect back to a URL of this attempt: no number of further hops ends it.
      handler.onError?.(
        new ArxivError(`arXiv redirected ${this.hop} too many times (in a loop)`, null, { code: 'api-error' }),
      );
      return true;
    }
    this.hops.add(hop);
    this.hop = hop;
    const sent = noteSent(handler, () => {
      this.lastStart = Math.max(this.lastStart, this.clock.now());
    });
    this.waitTurn((opts as { signal?: AbortSignal }).signal)
      .then(() => {
        this.onTurn();
        return dispatch(opts, sent);
      })
      .catch((error: Error) => handler.onError?.(error));
    return true;
  };

  private async exchange<T>(url: string, options: GetOptions<T>): Promise<GetResult<T>> {
    const conditional = options.conditional ?? false;
    const html = options.expect === 'html';
    const maxAttempts = Math.max(1, options.maxAttempts ?? this.maxAttempts);
    const cached = conditional ? await this.validators.get(url) : undefined;
    const requestHeaders: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: html
        ? 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1'
        : 'application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (cached?.etag) requestHeaders['if-none-match'] = cached.etag;
    if (cached?.lastModified) requestHeaders['if-modified-since'] = cached.lastModified;

    // Retries stay in this loop: undici's retry interceptor waits on its own timer (not our clock), lets a
    // short Retry-After cut the back-off and caps a long one instead of refusing it.
    let target = url;
    for (let attempt = 1; ; attempt += 1) {
      let response: RawResponse;
      try {
        response = await this.attempt(target, requestHeaders, options);
        if (retryableStatuses.has(response.status)) {
          const retryAfter = parseRetryAfter(header(response.headers, 'retry-after'), this.clock.now());
          throw new RetryableError(`HTTP ${response.status}`, response.status, retryAfter);
        }
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
        target = this.hop; // the URL that failed, after any redirects
        if (attempt >= maxAttempts) {
          throw new ArxivError(
            `arXiv did not answer ${url} after ${attempt} attempts (last: ${error.message})`,
            error.status,
            { code: 'unavailable', cause: error },
          );
        }
        if (error.retryAfterMs !== null && error.retryAfterMs > this.maxRetryAfterMs) {
          throw new ArxivError(
            `arXiv asked to wait ${Math.round(error.retryAfterMs / 1000)} s before retrying ${url}, longer than the ${Math.round(this.maxRetryAfterMs / 1000)} s limit`,
            error.status,
            { code: 'unavailable', cause: error },
          );
        }
        // Retry-After is a minimum; a short one does not cut the back-off (arXiv rate-limits below its documented rate).
        const delay = Math.max(error.retryAfterMs ?? 0, this.backoffDelay(attempt));
        this.notBefore = Math.max(this.notBefore, this.clock.now() + delay);
        this.log.warn(
          { url: target, attempt, status: error.status, reason: error.message, delayMs: delay },
          'arXiv request failed, retrying',
        );
        continue;
      }

      if (redirectStatuses.has(response.status)) {
        // The redirect interceptor hands back a redirect it would not follow.
        const location = header(response.headers, 'location');
        throw new ArxivError(
          `arXiv redirected ${this.hop} ${location ? 'too many times' : 'without a Location'}`,
          response.status,
          { code: 'api-error' },
        );
      }
      if (response.status === 304 && conditional) {
        this.log.debug({ url }, 'arXiv: not modified');
        return { notModified: true, url };
      }
      const body = decodeBody(await this.decompress(response, this.hop));
      if (response.status < 200 || response.status >= 300) {
        const reason =
          apiErrorMessage(body) ??
          rssErrorMessage(body) ??
          (looksLikeHtml(body) ? htmlTitle(body) : null) ??
          body.trim().slice(0, 200);
        throw new ArxivError(
          `arXiv answered HTTP ${response.status} for ${url}${reason ? `: ${reason}` : ''}`,
          response.status,
          { code: 'api-error' },
        );
      }
      if (!html && looksLikeHtml(body)) {
        const title = htmlTitle(body);
        throw new ArxivError(
          `arXiv sent an HTML page instead of a feed for ${url}${title ? ` ("${title}")` : ''}`,
          response.status,
          { code: 'malformed' },
        );
      }
      const value = options.parse(body, { url: this.hop, status: response.status, headers: response.headers });
      const etag = header(response.headers, 'etag');
      const lastModified = header(response.headers, 'last-modified');
      const fresh: Validators = {};
      if (etag) fresh.etag = etag;
      if (lastModified) fresh.lastModified = lastModified;
      const commit = async (): Promise<void> => {
        if (conditional && (fresh.etag || fresh.lastModified)) await this.validators.set(url, fresh);
      };
      return { notModified: false, url, status: response.status, value, commit };
    }
  }

  private backoffDelay(attempt: number): number {
    const { initialMs, maxMs, factor } = this.backoff;
    return Math.min(maxMs, initialMs * factor ** (attempt - 1));
  }

  /** Wait out any back-off, then the interval since the previous start; then claim this start. */
  private async waitTurn(signal: AbortSignal | undefined): Promise<void> {
    await this.waitUntil(this.notBefore, signal);
    await this.waitUntil(this.lastStart + this.intervalMs, signal);
    this.lastStart = this.clock.now();
  }

  private async waitUntil(target: number, signal: AbortSignal | undefined): Promise<void> {
    for (let wait = target - this.clock.now(); wait > 0; wait = target - this.clock.now()) {
      if (signal?.aborted) break;
      await this.clock.sleep(wait);
    }
    if (signal?.aborted)
      throw new ArxivError('arXiv request cancelled', null, { code: 'aborted', cause: signal.reason });
  }

  /** One attempt (redirects followed); failures worth another one throw {@link RetryableError}. */
  private async attempt(
    target: string,
    headers: Record<string, string>,
    options: GetOptions<unknown>,
  ): Promise<RawResponse> {
    const { signal, timeoutMs = this.timeoutMs } = options;
    const { origin, pathname, search } = new URL(target);
    this.log.debug({ url: target }, 'arXiv request');
    this.hops.clear();
    // Our own timer, per hop: undici's headers and body timeouts tick once a second and do not bound the whole exchange.
    const timeout = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.onTurn = () => {
      clearTimeout(timer);
      timer = setTimeout(() => timeout.abort(), timeoutMs);
    };
    let status: number | null = null;
    try {
      const response = await this.dispatcher.request({
        origin,
        path: pathname + search,
        method: 'GET',
        headers,
        signal: AbortSignal.any(signal ? [signal, timeout.signal] : [timeout.signal]),
      });
      status = response.statusCode;
      this.onAttempt(status);
      return { status, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
    } catch (error) {
      if (error instanceof ArxivError) throw error;
      if (signal?.aborted)
        throw new ArxivError('arXiv request cancelled', null, { code: 'aborted', cause: signal.reason });
      // A body cut short was counted with its status already.
      if (status === null) this.onAttempt(null);
      const { code, message } = error as NodeJS.ErrnoException;
      const reason = unreachable.get(code ?? '');
      if (this.failFast && reason) {
        throw new ArxivError(`Cannot reach arXiv at ${new URL(this.hop).host}: ${reason} (${code})`, null, {
          code: 'unavailable',
          cause: error,
        });
      }
      if (timeout.signal.aborted) throw new RetryableError(`no complete answer within ${timeoutMs} ms`, status);
      throw new RetryableError(status === null ? (code ?? message) : `body cut short: ${message}`, status);
    } finally {
      clearTimeout(timer);
    }
  }

  private async decompress(response: RawResponse, url: string): Promise<Buffer> {
    const encoding = header(response.headers, 'content-encoding')?.trim().toLowerCase() ?? '';
    try {
      return (await decoders.get(encoding)?.(response.body)) ?? response.body;
    } catch (error) {
      throw new ArxivError(`arXiv sent a corrupt ${encoding} body for ${url}`, response.status, {
        code: 'malformed',
        cause: error,
      });
    }
  }
}
