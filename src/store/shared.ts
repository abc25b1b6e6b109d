import { UserError } from '../errors.js';
import { paperSchema, type Paper, type PaperRecord } from '../papers/paper.js';
import { describeIssues, digestRecordSchema } from './schemas.js';
import { fold, foldedTokens, tokenize } from './fts-query.js';
import { SearchQueryError, type DigestRecord, type SearchFilters } from './types.js';

/** The text of one paper that full-text search looks at, one entry per indexed column. */
export interface SearchFields {
  title: string;
  /** The author list as a JSON array: the tokenizer sees the names, quotes and commas separate them. */
  authors: string;
  venue: string;
  abstract: string;
  /** Tokens of the raw title that its cleaned form lacks (LaTeX spellings such as `alpha`, `mathcal`). */
  titleRaw: string;
  abstractRaw: string;
}

/** Column order of the FTS table and of {@link FIELD_WEIGHTS}. */
export const SEARCH_COLUMNS = ['title', 'authors', 'venue', 'abstract', 'titleRaw', 'abstractRaw'] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

/** BM25 weights: a hit in the title counts most, then authors and venue, then the abstract. */
export const FIELD_WEIGHTS: Readonly<Record<SearchColumn, number>> = {
  title: 10,
  authors: 5,
  venue: 4,
  abstract: 1,
  titleRaw: 3,
  abstractRaw: 0.5,
};

/**
 * Raw-text tokens missing from the cleaned text, first occurrence order. Storing only these (not the whole
 * raw text again) keeps LaTeX spellings searchable without counting every shared word twice in BM25.
 */
export function extraTokens(raw: string, cleaned: string): string {
  if (raw === cleaned) return '';
  const seen = new Set(foldedTokens(cleaned));
  const extra: string[] = [];
  for (const token of tokenize(raw)) {
    const key = fold(token);
    if (seen.has(key)) continue;
    seen.add(key);
    extra.push(token);
  }
  return extra.join(' ');
}

export function searchFields(record: PaperRecord): SearchFields {
  const { paper, raw } = record;
  return {
    title: paper.title,
    authors: JSON.stringify(paper.authors),
    venue: paper.venue ?? '',
    abstract: paper.abstract,
    titleRaw: extraTokens(raw.title, paper.title),
    abstractRaw: extraTokens(raw.abstract, paper.abstract),
  };
}

/** Fields that only some sources provide (the RSS listing has no comment, the API no announcement). */
const KEEP_WHEN_MISSING = ['comment', 'journalRef', 'doi', 'venue', 'codeUrl', 'announced', 'announceType'] as const;

/**
 * What upserting `incoming` over `stored` does. An older version is ignored. The same or a newer version
 * replaces the stored paper, except that a field the incoming record lacks (null) keeps its stored value:
 * a listing entry re-imported after the API entry must not erase the comment, nor the API entry the
 * announcement date.
 */
export function mergePaper(
  stored: Paper | undefined,
  incoming: Paper,
): { action: 'insert' | 'update' | 'skip'; paper: Paper } {
  if (!stored) return { action: 'insert', paper: canonicalPaper(incoming) };
  if (incoming.version < stored.version) return { action: 'skip', paper: stored };
  const merged: Paper = { ...incoming };
  for (const field of KEEP_WHEN_MISSING) {
    if (merged[field] === null && stored[field] !== null) (merged as Record<string, unknown>)[field] = stored[field];
  }
  const paper = canonicalPaper(merged);
  const same = JSON.stringify(paper) === JSON.stringify(canonicalPaper(stored));
  return { action: same ? 'skip' : 'update', paper: same ? stored : paper };
}

/** A venue a later version brought to a stored paper: a venue event once stamped with a time. */
export interface VenueChange {
  paperId: string;
  version: number;
  venue: string;
}

/** What an upsert batch does, decided before anything is written. */
export interface UpsertPlan {
  inserts: { record: PaperRecord; paper: Paper }[];
  updates: { record: PaperRecord; paper: Paper }[];
  /** Stored papers that this batch brings to a later version with a venue they did not have. */
  venues: VenueChange[];
}

/**
 * Whether storing `next` over `stored` is a venue event: a later version whose venue is new (none before, or
 * another one). The same version completed by a second source (the API's comment after the listing's entry) is
 * not: that venue was the paper's all along.
 */
export function venueChange(stored: Paper, next: Paper): VenueChange | null {
  if (next.version <= stored.version || next.venue === null || next.venue === stored.venue) return null;
  return { paperId: next.id, version: next.version, venue: next.venue };
}

/**
 * Apply {@link mergePaper} to a batch in order (the same id may come twice) and keep the last outcome per id:
 * a new id is one insert, a stored id one update if its data changed at all.
 */
export function planUpsert(records: readonly PaperRecord[], stored: ReadonlyMap<string, Paper>): UpsertPlan {
  for (const record of records) {
    // Refused before anything is written: a bad row would otherwise fail every later read of it.
    const checked = paperSchema.safeParse(record.paper);
    if (!checked.success) {
      throw new TypeError(
        `upsert: paper ${String(record.paper?.id)} is invalid, nothing was written: ${describeIssues(checked.error)}`,
      );
    }
  }
  const working = new Map<string, { record: PaperRecord; paper: Paper }>();
  for (const record of records) {
    const id = record.paper.id;
    const before = working.get(id)?.paper ?? stored.get(id);
    const { action, paper } = mergePaper(before, record.paper);
    if (action !== 'skip') working.set(id, { record, paper });
  }
  const plan: UpsertPlan = { inserts: [], updates: [], venues: [] };
  for (const [id, change] of working) {
    const original = stored.get(id);
    if (!original) plan.inserts.push(change);
    else if (JSON.stringify(change.paper) !== JSON.stringify(canonicalPaper(original))) {
      plan.updates.push(change);
      const venue = venueChange(original, change.paper);
      if (venue) plan.venues.push(venue);
    }
  }
  return plan;
}

/** A copy with the keys in schema order, so that equal papers serialise equally. */
export function canonicalPaper(p: Paper): Paper {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    authors: [...p.authors],
    abstract: p.abstract,
    categories: [...p.categories],
    primaryCategory: p.primaryCategory,
    comment: p.comment,
    journalRef: p.journalRef,
    doi: p.doi,
    venue: p.venue,
    codeUrl: p.codeUrl,
    published: p.published,
    updated: p.updated,
    announced: p.announced,
    announceType: p.announceType,
    withdrawn: p.withdrawn,
    absUrl: p.absUrl,
    pdfUrl: p.pdfUrl,
  };
}

/** The keys a paper is found under by the category filter: each category and its archive (`cs.LG` → `cs`). */
export function categoryKeys(categories: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const c of categories) {
    keys.add(c.toLowerCase());
    const dot = c.indexOf('.');
    if (dot > 0) keys.add(c.slice(0, dot).toLowerCase());
  }
  return [...keys];
}

/** The date the `since` filter compares: announcement date, else the day of first publication. */
export function sinceDate(p: Paper): string {
  return p.announced ?? p.published.slice(0, 10);
}

/** Refuse a digest that could not be read back. */
export function checkDigest(d: DigestRecord): void {
  const checked = digestRecordSchema.safeParse(d);
  if (!checked.success)
    throw new TypeError(`planDigest: digest ${String(d?.key)} is invalid: ${describeIssues(checked.error)}`);
}

/** Papers that a message already sent carries: their ledger claims stay when a digest is given up. */
export function sentPaperIds(d: DigestRecord): Set<string> {
  return new Set(d.messages.filter((m) => m.messageId !== null).flatMap((m) => m.paperIds));
}

/** Papers that only messages not sent carry: a venue update given up releases their claims. */
export function unsentPaperIds(d: DigestRecord): string[] {
  const sent = sentPaperIds(d);
  return [...new Set(d.messages.flatMap((m) => m.paperIds))].filter((id) => !sent.has(id));
}

/** Venue claim rows grouped by paper. */
export function groupVenues(rows: ReadonlyArray<{ paper_id: string; venue: string }>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) out.set(r.paper_id, (out.get(r.paper_id) ?? new Set()).add(r.venue));
  return out;
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function checkPage(page: { offset: number; limit: number }): void {
  if (!Number.isInteger(page.offset) || page.offset < 0) throw new RangeError('page.offset must be a whole number ≥ 0');
  if (!Number.isInteger(page.limit) || page.limit < 1) throw new RangeError('page.limit must be a whole number ≥ 1');
}

export function checkFilters(filters: SearchFilters): void {
  if (filters.since !== undefined && !DATE_RE.test(filters.since)) {
    throw new SearchQueryError(UserError.of('paper.searchBadSince', { since: filters.since }));
  }
}
