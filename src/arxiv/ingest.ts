import { silentLogger, type Logger } from '../log.js';
import type { AnnounceType, PaperRecord } from '../papers/paper.js';
import { toPaper } from '../papers/normalise.js';
import type { ArxivClient } from './client.js';
import { baseId, splitVersion } from './ids.js';
import { ArxivError, type RawEntry } from './types.js';

export interface IngestOptions {
  /** The union of every category wanted; fetched as one feed. */
  categories: readonly string[];
  /** Keep `replace`/`replace-cross` items (new versions). Default false. */
  includeReplacements?: boolean;
  /** Keep `cross` items. Default true. */
  includeCrossLists?: boolean;
  /**
   * Of the replacements kept, keep only those whose versionless id this answers with (such as the papers already
   * archived); asked once per listing, before the API enrichment, so the others cost no API request.
   */
  keepReplacements?: (ids: readonly string[]) => Promise<ReadonlySet<string>>;
  signal?: AbortSignal;
}

export interface IngestDeps {
  logger?: Logger;
  /** RawEntry → PaperRecord; defaults to the shared normaliser. */
  convert?: (entry: RawEntry) => PaperRecord;
  /**
   * Remember the feed's validators as soon as the papers are ready (true, the default), or leave
   * it to the caller through `commit()` once the papers are stored (false: safe across a crash).
   */
  autoCommit?: boolean;
}

export interface IngestResult {
  /** Announcement date of the listing, YYYY-MM-DD (US Eastern); null when not modified or unknown. */
  date: string | null;
  /** One record per paper, in listing order; `paper.announceType` flags cross-lists and replacements. */
  papers: PaperRecord[];
  /** The feed had not changed since the last committed fetch (HTTP 304). */
  notModified: boolean;
  /** Versionless ids the API did not return (or all, if it failed); those papers carry the listing's own data. */
  missing: string[];
  /** Entries that could not be turned into a Paper. */
  rejected: { id: string; reason: string }[];
  /**
   * Remember the feed's validators so the next ingest can get a 304. Does nothing after autoCommit,
   * or when some papers were rejected or the API enrichment failed (the next ingest then refetches).
   */
  commit(): Promise<void>;
}

/** Feed URL stays stable (and so does its ETag) whatever order the categories come in. */
export function normaliseCategories(categories: readonly string[]): string[] {
  return [...new Set(categories.map((c) => c.trim()).filter((c) => c !== ''))].sort();
}

function wantedType(type: AnnounceType | null, options: IngestOptions): boolean {
  switch (type) {
    case 'new':
    case null:
      return true;
    case 'cross':
      return options.includeCrossLists ?? true;
    case 'replace':
      return options.includeReplacements ?? false;
    case 'replace-cross':
      return (options.includeReplacements ?? false) && (options.includeCrossLists ?? true);
  }
}

function isReplacement(type: AnnounceType | null): boolean {
  return type === 'replace' || type === 'replace-cross';
}

/**
 * The listing says when and how a paper was announced; the API knows its full metadata (comment,
 * journal ref, latest version). Missing or empty API fields fall back to the listing's.
 */
export function mergeEntry(listed: RawEntry, api: RawEntry | undefined): RawEntry {
  if (!api) return listed;
  const listedVersion = splitVersion(listed.id).version ?? 0;
  const apiVersion = splitVersion(api.id).version ?? 0;
  return {
    id: apiVersion >= listedVersion ? api.id : listed.id,
    title: api.title.trim() !== '' ? api.title : listed.title,
    abstract: api.abstract.trim() !== '' ? api.abstract : listed.abstract,
    authors: api.authors.length > 0 ? api.authors : listed.authors,
    categories: api.categories.length > 0 ? api.categories : listed.categories,
    primaryCategory: api.primaryCategory ?? listed.primaryCategory,
    comment: api.comment,
    journalRef: api.journalRef ?? listed.journalRef,
    doi: api.doi ?? listed.doi,
    published: api.published ?? listed.published,
    updated: api.updated ?? listed.updated,
    announced: listed.announced ?? api.announced,
    announceType: listed.announceType ?? api.announceType,
  };
}

/**
 * One ingest of the daily announcement: a single (conditional) listing request for the union of
 * categories, the kept items enriched through API `id_list` batches, merged and normalised.
 * A paper the API does not return keeps the listing's data rather than being lost.
 */
export async function ingestListing(
  client: ArxivClient,
  options: IngestOptions,
  deps: IngestDeps = {},
): Promise<IngestResult> {
  const log = deps.logger ?? silentLogger;
  const convert = deps.convert ?? toPaper;
  const categories = normaliseCategories(options.categories);
  const noop = (): Promise<void> => Promise.resolve();
  if (categories.length === 0)
    return { date: null, papers: [], notModified: false, missing: [], rejected: [], commit: noop };

  const fetched = await client.fetchListing(categories, options.signal ? { signal: options.signal } : {});
  if (fetched.notModified) {
    log.info({ url: fetched.url }, 'arXiv listing not modified');
    return { date: null, papers: [], notModified: true, missing: [], rejected: [], commit: noop };
  }
  const { listing } = fetched;

  const kept = new Map<string, RawEntry>();
  for (const entry of listing.entries) {
    if (!wantedType(entry.announceType, options)) continue;
    const key = baseId(entry.id);
    if (!kept.has(key)) kept.set(key, entry);
  }
  if (options.keepReplacements) {
    const replaced = [...kept].filter(([, e]) => isReplacement(e.announceType)).map(([id]) => id);
    const keep = replaced.length > 0 ? await options.keepReplacements(replaced) : new Set<string>();
    for (const id of replaced) if (!keep.has(id)) kept.delete(id);
  }

  const ids = [...kept.keys()];
  let apiEntries: RawEntry[] = [];
  let missing: string[] = [];
  let enrichmentFailed = false;
  if (ids.length > 0) {
    try {
      ({ entries: apiEntries, missing } = await client.fetchByIds(
        ids,
        options.signal ? { signal: options.signal } : {},
      ));
    } catch (error) {
      // Tomorrow's feed no longer lists these papers: keep them with the listing's data rather than lose them.
      if (error instanceof ArxivError && error.code === 'aborted') throw error;
      log.error({ err: error, ids: ids.length }, 'arXiv API enrichment failed; using the listing data alone');
      missing = ids;
      enrichmentFailed = true;
    }
  }
  const byId = new Map(apiEntries.map((e) => [baseId(e.id), e]));

  const papers: PaperRecord[] = [];
  const rejected: { id: string; reason: string }[] = [];
  for (const [id, listed] of kept) {
    const merged = mergeEntry(listed, byId.get(id));
    try {
      papers.push(convert(merged));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      rejected.push({ id, reason });
      log.error({ id, err: error }, 'arXiv ingest: could not normalise a paper');
    }
  }

  log.info(
    {
      url: fetched.url,
      date: listing.date,
      listed: listing.entries.length,
      kept: kept.size,
      enriched: byId.size,
      missing: missing.length,
      rejected: rejected.length,
    },
    'arXiv listing ingested',
  );

  let committed = false;
  const commit = async (): Promise<void> => {
    // Leave the feed to be fetched again next time if anything is worth another try.
    if (committed || rejected.length > 0 || enrichmentFailed) return;
    committed = true;
    await fetched.commit();
  };
  if (deps.autoCommit ?? true) await commit();
  return { date: listing.date, papers, notModified: false, missing, rejected, commit };
}
