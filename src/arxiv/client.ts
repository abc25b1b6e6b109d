import { silentLogger, type Logger } from '../log.js';
import type { PoliteFetcher } from './http.js';
import { baseId, splitVersion } from './ids.js';
import { parseApiFeed } from './parse-api.js';
import { parseAny } from './parse-any.js';
import { ArxivError, type ApiFeed, type ParsedListing, type RawEntry } from './types.js';

export const DEFAULT_API_URL = 'https://export.arxiv.org/api/query';
export const DEFAULT_RSS_URL = 'https://rss.arxiv.org/rss';
/** arXiv serves at most this many results of one query through paging. */
export const API_MAX_RESULTS = 30_000;

export interface ArxivClientOptions {
  /** Every request goes through it (one connection, spacing, retries). */
  fetcher: PoliteFetcher;
  /** ARXIV_API_URL. Default `https://export.arxiv.org/api/query`. */
  apiUrl?: string;
  /** ARXIV_RSS_URL. Default `https://rss.arxiv.org/rss`. */
  rssUrl?: string;
  /** `max_results` per search page. Default 100. */
  pageSize?: number;
  /** Ids per `id_list` request, at most 100. Default 100. */
  idBatchSize?: number;
  /** Extra tries for a 200 page that is empty although it should not be. Default 3. */
  emptyPageRetries?: number;
  logger?: Logger;
}

export type ListingResult =
  | { notModified: true; url: string }
  | {
      notModified: false;
      url: string;
      listing: ParsedListing;
      /** Remember the feed's ETag/Last-Modified; call once the listing has been used. */
      commit: () => Promise<void>;
    };

export interface FetchByIdsResult {
  /** One entry per requested paper that arXiv returned, in request order. */
  entries: RawEntry[];
  /** Requested ids arXiv did not return (nonexistent, or still missing after retries). */
  missing: string[];
}

export interface SearchByDateOptions {
  /** Archives or subject classes, OR-ed: `cs.LG`, `stat.ML`. */
  categories: readonly string[];
  /** Submission window, inclusive, to the minute in GMT. A `YYYY-MM-DD` string means 00:00 GMT that day. */
  from: Date | string;
  to: Date | string;
  /** Override the client's page size for this search. */
  pageSize?: number;
  /** Stop after this many results. Default and ceiling 30,000. */
  maxResults?: number;
  /** Called after each page, e.g. for progress on a TTY. */
  onPage?: (progress: { fetched: number; totalResults: number }) => void;
  signal?: AbortSignal;
}

export interface SearchResult {
  entries: RawEntry[];
  totalResults: number;
}

/** `YYYYMMDDHHMM` in GMT, the form `submittedDate:[… TO …]` accepts. */
export function formatSubmittedDate(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

/** Percent-encode a query value the way arXiv's own examples read: `+` for spaces, `:` `,` `/` left alone. */
function encodeValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/%20/g, '+')
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%2F/gi, '/');
}

function queryString(params: Record<string, string | number>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeValue(String(v))}`)
    .join('&');
}

/** arXiv's listing feeds and API, spoken through one {@link PoliteFetcher}. */
export class ArxivClient {
  readonly apiUrl: string;
  readonly rssUrl: string;
  private readonly fetcher: PoliteFetcher;
  private readonly pageSize: number;
  private readonly idBatchSize: number;
  private readonly emptyPageRetries: number;
  private readonly log: Logger;

  constructor(options: ArxivClientOptions) {
    this.fetcher = options.fetcher;
    this.apiUrl = options.apiUrl ?? DEFAULT_API_URL;
    this.rssUrl = (options.rssUrl ?? DEFAULT_RSS_URL).replace(/\/+$/, '');
    this.pageSize = Math.min(2000, Math.max(1, options.pageSize ?? 100));
    this.idBatchSize = Math.min(100, Math.max(1, options.idBatchSize ?? 100));
    this.emptyPageRetries = Math.max(0, options.emptyPageRetries ?? 3);
    this.log = options.logger ?? silentLogger;
  }

  /**
   * One conditional GET of `${rssUrl}/${categories joined by '+'}`. Throws ArxivError for an
   * error channel (bad category) or a body that is not a listing.
   */
  async fetchListing(categories: readonly string[], options: { signal?: AbortSignal } = {}): Promise<ListingResult> {
    if (categories.length === 0) throw new RangeError('fetchListing needs at least one category');
    const url = `${this.rssUrl}/${categories.map((c) => encodeURIComponent(c.trim())).join('+')}`;
    const result = await this.fetcher.get(url, {
      conditional: true,
      ...(options.signal ? { signal: options.signal } : {}),
      parse: (body) => {
        const doc = parseAny(body);
        if (doc.kind !== 'listing')
          throw new ArxivError(`expected a listing feed from ${url}, got an API response`, null, { code: 'malformed' });
        return doc.listing;
      },
    });
    if (result.notModified) return { notModified: true, url };
    const listing = result.value;
    if (listing.skipped.length > 0)
      this.log.warn({ url, skipped: listing.skipped }, 'arXiv listing: some items could not be read');
    return { notModified: false, url, listing, commit: result.commit };
  }

  /**
   * Metadata for papers by id (versioned or not), in `id_list` batches, paging until
   * `totalResults`. Ids arXiv does not return are listed in `missing`, never dropped silently.
   */
  async fetchByIds(ids: readonly string[], options: { signal?: AbortSignal } = {}): Promise<FetchByIdsResult> {
    const wanted = [...new Set(ids.map((i) => i.trim()).filter((i) => i !== ''))];
    const found = new Map<string, RawEntry>();
    for (let i = 0; i < wanted.length; i += this.idBatchSize) {
      const batch = wanted.slice(i, i + this.idBatchSize);
      for (const entry of await this.fetchBatch(batch, options.signal)) {
        const key = this.matchRequested(entry.id, batch);
        if (key !== null && !found.has(key)) found.set(key, entry);
      }
    }
    const entries = wanted.map((id) => found.get(id)).filter((e): e is RawEntry => e !== undefined);
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length > 0) this.log.warn({ missing }, 'arXiv API did not return some requested ids');
    return { entries, missing };
  }

  /** Which requested id an answer belongs to: the same versioned id, else the same paper. */
  private matchRequested(returned: string, batch: readonly string[]): string | null {
    if (batch.includes(returned)) return returned;
    const base = baseId(returned);
    return batch.find((id) => splitVersion(id).version === null && id === base) ?? null;
  }

  private async fetchBatch(batch: readonly string[], signal: AbortSignal | undefined): Promise<RawEntry[]> {
    const entries: RawEntry[] = [];
    let start = 0;
    let total = Number.POSITIVE_INFINITY;
    while (start < total) {
      const params = { id_list: batch.join(','), start, max_results: batch.length };
      // The ids came from arXiv itself, so an empty answer is suspect even on the first page.
      const page = await this.page(params, { suspectEmptyFirstPage: true, signal });
      if (page === null) break;
      total = Math.min(page.totalResults, batch.length);
      if (page.entries.length === 0) break;
      entries.push(...page.entries);
      start += page.entries.length;
    }
    return entries;
  }

  /**
   * Backfill: papers submitted in a window to any of the categories, oldest first, paging
   * with `start`/`max_results` until `totalResults` (at most 30,000).
   */
  async searchByDate(options: SearchByDateOptions): Promise<SearchResult> {
    if (options.categories.length === 0) throw new RangeError('searchByDate needs at least one category');
    const cats = options.categories.map((c) => `cat:${c.trim()}`).join(' OR ');
    const query = `(${cats}) AND submittedDate:[${formatSubmittedDate(options.from)} TO ${formatSubmittedDate(options.to)}]`;
    const pageSize = Math.min(2000, Math.max(1, options.pageSize ?? this.pageSize));
    const limit = Math.min(API_MAX_RESULTS, options.maxResults ?? API_MAX_RESULTS);
    const seen = new Set<string>();
    const entries: RawEntry[] = [];
    let start = 0;
    let total = Number.POSITIVE_INFINITY;
    while (start < Math.min(total, limit)) {
      const params = {
        search_query: query,
        sortBy: 'submittedDate',
        sortOrder: 'ascending',
        start,
        max_results: Math.min(pageSize, limit - start),
      };
      const page = await this.page(params, { suspectEmptyFirstPage: false, signal: options.signal });
      if (page === null) {
        throw new ArxivError(
          `arXiv API kept returning an empty page at start=${start} of ${Number.isFinite(total) ? total : '?'} for ${query}`,
          null,
          {
            code: 'unavailable',
          },
        );
      }
      total = page.totalResults;
      if (page.entries.length === 0) break;
      for (const e of page.entries) {
        const key = baseId(e.id);
        if (!seen.has(key)) {
          seen.add(key);
          entries.push(e);
        }
      }
      start += page.entries.length;
      options.onPage?.({ fetched: entries.length, totalResults: Math.min(total, limit) });
    }
    return { entries, totalResults: total === Number.POSITIVE_INFINITY ? 0 : total };
  }

  /**
   * One page of a search, newest submissions first: for queries that a submission window keeps small, such as
   * followed authors' new papers. `totalResults` above the entries returned says that older ones were left out.
   */
  async searchNewest(query: string, maxResults: number, options: { signal?: AbortSignal } = {}): Promise<SearchResult> {
    const params = {
      search_query: query,
      sortBy: 'submittedDate',
      sortOrder: 'descending',
      start: 0,
      max_results: Math.min(2000, Math.max(1, maxResults)),
    };
    const page = await this.page(params, { suspectEmptyFirstPage: false, signal: options.signal });
    if (page === null)
      throw new ArxivError(`arXiv API kept returning an empty page for ${query}`, null, { code: 'unavailable' });
    return { entries: page.entries, totalResults: page.totalResults };
  }

  /**
   * One API page, retried (through the fetcher's spacing) while it comes back empty but should
   * not: `totalResults` says there is more, the page is not the first, or the caller knows the ids exist.
   * Null when it is still empty after the retries.
   */
  private async page(
    params: Record<string, string | number>,
    options: { suspectEmptyFirstPage: boolean; signal: AbortSignal | undefined },
  ): Promise<ApiFeed | null> {
    const url = `${this.apiUrl}?${queryString(params)}`;
    const start = Number(params['start'] ?? 0);
    for (let retry = 0; ; retry += 1) {
      const result = await this.fetcher.get(url, {
        ...(options.signal ? { signal: options.signal } : {}),
        parse: (body) => parseApiFeed(body),
      });
      if (result.notModified) throw new ArxivError(`unexpected 304 for ${url}`, 304, { code: 'malformed' });
      const feed = result.value;
      if (feed.skipped.length > 0)
        this.log.warn({ url, skipped: feed.skipped }, 'arXiv API: some entries could not be read');
      const suspicious =
        feed.entries.length === 0 &&
        feed.skipped.length === 0 &&
        (start > 0 || feed.totalResults > start || options.suspectEmptyFirstPage);
      if (!suspicious) return feed;
      if (retry >= this.emptyPageRetries) {
        this.log.warn(
          { url, totalResults: feed.totalResults, retries: retry },
          'arXiv API: page still empty after retries',
        );
        return null;
      }
      this.log.info(
        { url, totalResults: feed.totalResults, retry: retry + 1 },
        'arXiv API: unexpected empty page, retrying',
      );
    }
  }
}
