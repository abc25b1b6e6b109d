import { z } from 'zod';
import { silentLogger, type Logger } from '../log.js';
import type { PaperRecord } from '../papers/paper.js';
import { toPaper } from '../papers/normalise.js';
import { ArxivClient, type SearchByDateOptions } from './client.js';
import { firstFigure, htmlPageUrl } from './figure.js';
import { PoliteFetcher, type Clock, type ValidatorCache, type Validators } from './http.js';
import { ingestListing, type IngestOptions, type IngestResult } from './ingest.js';
import { ArxivError, type RawEntry } from './types.js';

/** The part of the state store the validators need (structural, so arxiv/ does not depend on store/). */
export interface KeyValueStore {
  getValue(key: string): Promise<unknown>;
  setValue(key: string, value: unknown): Promise<void>;
}

/** What a stored validators entry must look like; anything else counts as none (the page is fetched in full). */
const storedValidators: z.ZodType<Validators> = z.object({
  etag: z.string().exactOptional(),
  lastModified: z.string().exactOptional(),
});

/** Validators kept in the state store under `arxiv:validators:<url>`, so 304s survive restarts. */
export function keyValueValidatorCache(store: KeyValueStore): ValidatorCache {
  const key = (url: string) => `arxiv:validators:${url}`;
  return {
    get: async (url) => storedValidators.safeParse(await store.getValue(key(url))).data,
    set: (url, validators) => store.setValue(key(url), validators),
  };
}

export interface ArxivSourceOptions {
  apiUrl?: string;
  rssUrl?: string;
  /** ARXIV_HTML_URL: where papers' HTML versions live. Default `https://arxiv.org/html`. */
  htmlUrl?: string;
  /** Per-attempt limit for one HTML page. Default 30 s. */
  figureTimeoutMs?: number;
  /** Attempts for one HTML page, first one included (a 429/503 is backed off before the next). Default 2. */
  figureAttempts?: number;
  /** ARXIV_REQUEST_INTERVAL_MS. Default 3000. */
  intervalMs?: number;
  /** Where feed validators are kept; memory when absent. */
  store?: KeyValueStore;
  log?: Logger;
  /** See {@link IngestDeps.autoCommit}. Default true. */
  autoCommit?: boolean;
  clock?: Clock;
  /** The fetcher's `failFast`, for interactive commands. Default false (the bot's patient back-off). */
  failFast?: boolean;
  /** Use this fetcher instead of building one (tests: short timeouts and back-off). */
  fetcher?: PoliteFetcher;
  /** Told of every arXiv request sent (retries included): its HTTP status, or null when no answer came. */
  onAttempt?: (status: number | null) => void;
}

/** Everything the bot and the CLI ask of arXiv, behind one polite connection. */
export class ArxivSource {
  readonly client: ArxivClient;
  private readonly fetcher: PoliteFetcher;
  private readonly log: Logger;
  private readonly autoCommit: boolean;
  private readonly htmlUrl: string;
  private readonly figureTimeoutMs: number;
  private readonly figureAttempts: number;

  constructor(options: ArxivSourceOptions = {}) {
    this.log = options.log ?? silentLogger;
    this.fetcher =
      options.fetcher ??
      new PoliteFetcher({
        ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
        ...(options.store ? { validators: keyValueValidatorCache(options.store) } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.failFast ? { failFast: true } : {}),
        ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
        logger: this.log,
      });
    this.client = new ArxivClient({
      fetcher: this.fetcher,
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
      ...(options.rssUrl ? { rssUrl: options.rssUrl } : {}),
      logger: this.log,
    });
    this.autoCommit = options.autoCommit ?? true;
    this.htmlUrl = options.htmlUrl ?? 'https://arxiv.org/html';
    this.figureTimeoutMs = options.figureTimeoutMs ?? 30_000;
    this.figureAttempts = options.figureAttempts ?? 2;
  }

  /** The daily listing for the union of categories, enriched and normalised. */
  ingestListing(options: IngestOptions): Promise<IngestResult> {
    return ingestListing(this.client, options, { logger: this.log, autoCommit: this.autoCommit });
  }

  /** Papers by id (latest version unless versioned); ids arXiv does not know are left out. */
  async fetchPapers(ids: string[]): Promise<PaperRecord[]> {
    const { entries } = await this.client.fetchByIds(ids);
    return this.convert(entries);
  }

  /** Backfill by submission date (CLI `fetch --since`). */
  async searchPapers(options: SearchByDateOptions): Promise<PaperRecord[]> {
    const { entries } = await this.client.searchByDate(options);
    return this.convert(entries);
  }

  /** Newest first, one request (see {@link ArxivClient.searchNewest}); the papers carry no announcement. */
  async searchNewest(query: string, maxResults: number): Promise<{ papers: PaperRecord[]; totalResults: number }> {
    const { entries, totalResults } = await this.client.searchNewest(query, maxResults);
    return { papers: this.convert(entries), totalResults };
  }

  /**
   * The first figure of a paper version's HTML page, through the same polite queue as every
   * other arXiv request: its URL, or null when the page has none or the paper has no HTML
   * version (404/410). Anything else (429/5xx after back-off, timeouts, other refusals) throws
   * an {@link ArxivError}: the answer is unknown and worth asking again later.
   */
  async findFigure(id: string, version: number): Promise<string | null> {
    const page = htmlPageUrl(this.htmlUrl, id, version);
    try {
      const result = await this.fetcher.get(page, {
        expect: 'html',
        timeoutMs: this.figureTimeoutMs,
        maxAttempts: this.figureAttempts,
        parse: (body, info) => firstFigure(body, info.url),
      });
      return result.notModified ? null : result.value;
    } catch (error) {
      if (error instanceof ArxivError && (error.status === 404 || error.status === 410)) return null;
      throw error;
    }
  }

  close(): void {
    this.fetcher.close();
  }

  private convert(entries: RawEntry[]): PaperRecord[] {
    const papers: PaperRecord[] = [];
    for (const entry of entries) {
      try {
        papers.push(toPaper(entry));
      } catch (error) {
        this.log.error({ id: entry.id, err: error }, 'arXiv: could not normalise a paper');
      }
    }
    return papers;
  }
}

/** The composition root's entry point (src/main.ts). */
export function createArxivSource(options: ArxivSourceOptions = {}): ArxivSource {
  return new ArxivSource(options);
}
