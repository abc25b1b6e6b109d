/**
 * A follow of an author alone wants that author's new papers in any category, not only in those the daily listing
 * reads: each ingest also asks the arXiv API for the followed authors' recent papers (a few `au:` searches for all
 * members together), keeps the papers a followed author really wrote ({@link authorMatches}: the API's author
 * search is loose) and archives those it did not have, as announced with the current listing.
 */
import { z } from 'zod';
import { authorPhrase, authorQueries, type AuthorQuery } from '../arxiv/author-query.js';
import type { Logger } from '../log.js';
import type { Paper, PaperRecord } from '../papers/paper.js';
import { addDays } from '../schedule/calendar.js';
import type { Follow, Store } from '../store/types.js';
import { authorMatches, splitAuthorName } from '../topics/author.js';

/** The authors that members follow alone, and since when (their oldest last DM; null: only the current listing). */
export interface FollowedAuthors {
  names: string[];
  since: string | null;
}

export interface AuthorSearchLimits {
  queriesPerIngest: number;
  authorsPerQuery: number;
  queryLength: number;
  resultsPerQuery: number;
  lookbackDays: number;
}

export interface AuthorSearchSource {
  /** One search, newest submissions first; the papers carry no announcement. */
  searchNewest(query: string, maxResults: number): Promise<{ papers: PaperRecord[]; totalResults: number }>;
}

export interface AuthorSearchReport {
  /** Distinct authors due for a search at this listing (each is searched once per listing). */
  due: number;
  /** Queries answered, and those left for the next ingest (over the bound, or from a failed one on). */
  queries: number;
  skipped: number;
  /** Authors in the skipped queries. */
  skippedAuthors: number;
  failed: boolean;
  /** Papers by followed authors that the searches found, and those new to the archive. */
  found: number;
  added: number;
}

/** When each author phrase was last searched (the listing date): who is due, and who waited longest. */
const SEARCHED_KEY = 'follows:authors-searched';
const searchedSchema = z.record(z.string(), z.string());

/** A listing carries papers submitted up to four days before its date (Thursday afternoon's in Monday's). */
const SUBMISSION_DAYS = 4;

/** A follow of an author and nothing else: the follows the searches are for. */
export function authorOnly(follow: Pick<Follow, 'author' | 'query' | 'categories'>): boolean {
  return follow.author !== null && follow.query === null && follow.categories.length === 0;
}

/** Whether a paper names one of these followed authors, by the follow rule. */
export function byFollowedAuthor(names: readonly string[]): (paper: Paper) => boolean {
  const followed = names.map(splitAuthorName);
  return (paper) =>
    paper.authors.some((raw) => {
      const author = splitAuthorName(raw);
      return followed.some((f) => authorMatches(f, author));
    });
}

/**
 * Search the followed authors not yet searched at the listing `date` (oldest search first, so that those the bound
 * leaves out go first at the next ingest), among papers submitted since `authors.since` (at most `lookbackDays`
 * before the listing); archive the papers they wrote that the archive lacks, as announced on `date`.
 */
export async function searchFollowedAuthors(
  deps: { store: Store; source: AuthorSearchSource; log: Logger; now: () => Date },
  authors: FollowedAuthors,
  date: string,
  limits: AuthorSearchLimits,
): Promise<AuthorSearchReport> {
  const { store, log } = deps;
  const stored = searchedSchema.safeParse(await store.state.getValue(SEARCHED_KEY)).data ?? {};
  const groups = new Map<string, string[]>();
  for (const name of new Set(authors.names)) {
    const phrase = authorPhrase(name);
    if (phrase !== null) groups.set(phrase, [...(groups.get(phrase) ?? []), name]);
  }
  // Only the authors still followed are remembered.
  const searched: Record<string, string> = {};
  for (const phrase of groups.keys()) if (stored[phrase] !== undefined) searched[phrase] = stored[phrase];
  const due = [...groups.keys()]
    .filter((phrase) => searched[phrase] !== date)
    .sort((a, b) => (searched[a] ?? '').localeCompare(searched[b] ?? '') || a.localeCompare(b));

  const oldest = addDays(date, -limits.lookbackDays);
  const since = authors.since === null || authors.since > date ? date : authors.since;
  const window = { from: addDays(since < oldest ? oldest : since, -SUBMISSION_DAYS), to: deps.now() };
  const { queries, unusable } = authorQueries(
    due.flatMap((phrase) => groups.get(phrase) ?? []),
    window,
    { authorsPerQuery: limits.authorsPerQuery, maxLength: limits.queryLength },
  );
  if (unusable.length > 0) log.warn({ authors: unusable.length }, 'followed authors too long to search');

  const report: AuthorSearchReport = {
    due: due.length,
    queries: 0,
    skipped: 0,
    skippedAuthors: 0,
    failed: false,
    found: 0,
    added: 0,
  };
  for (const query of queries.slice(0, limits.queriesPerIngest)) {
    try {
      const { found, added } = await runQuery(deps, query, date, limits.resultsPerQuery);
      report.found += found;
      report.added += added;
    } catch (error) {
      // arXiv is failing or refusing: the rest wait for the next ingest rather than add to its load.
      log.error({ err: error, query: query.query }, 'followed-author search failed');
      report.failed = true;
      break;
    }
    report.queries += 1;
    for (const name of query.authors) {
      const phrase = authorPhrase(name);
      if (phrase !== null) searched[phrase] = date;
    }
  }
  const left = queries.slice(report.queries);
  report.skipped = left.length;
  report.skippedAuthors = left.reduce((n, q) => n + q.authors.length, 0);
  if (report.queries > 0 || Object.keys(stored).length !== Object.keys(searched).length)
    await store.state.setValue(SEARCHED_KEY, searched);
  if (report.skipped > 0 && !report.failed)
    log.warn(
      { ...report, limit: limits.queriesPerIngest },
      'followed-author searches over the bound; left for the next ingest',
    );
  if (report.due > 0) log.info({ date, ...report }, 'followed authors searched');
  return report;
}

/** One search: the papers a followed author of the query wrote, the new ones archived as announced on `date`. */
async function runQuery(
  deps: { store: Store; source: AuthorSearchSource; log: Logger; now: () => Date },
  query: AuthorQuery,
  date: string,
  maxResults: number,
): Promise<{ found: number; added: number }> {
  const { store, source, log } = deps;
  const { papers, totalResults } = await source.searchNewest(query.query, maxResults);
  if (totalResults > papers.length)
    log.warn(
      { query: query.query, totalResults, read: papers.length },
      'followed-author search: older results left out',
    );
  const wrote = byFollowedAuthor(query.authors);
  const found = papers.filter((r) => wrote(r.paper));
  if (found.length === 0) return { found: 0, added: 0 };
  // A paper already archived came with a listing (or an earlier search): it keeps its own announcement.
  const archived = await store.archive.getMany(found.map((r) => r.paper.id));
  const fresh = found
    .filter((r) => !archived.has(r.paper.id))
    .map((r) => ({ ...r, paper: { ...r.paper, announced: date, announceType: 'new' as const } }));
  if (fresh.length === 0) return { found: found.length, added: 0 };
  const { inserted } = await store.archive.upsert(fresh, { at: deps.now() });
  return { found: found.length, added: inserted };
}
