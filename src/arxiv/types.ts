import { z } from 'zod';
import { parseArxivId, VERSIONED_ID_PATTERN } from '../papers/ids.js';
import { announceTypes, type AnnounceType } from '../papers/paper.js';

/**
 * One entry as a feed or API response gives it, before normalisation. Text is raw
 * (LaTeX, entities already decoded by the XML parser, whitespace untouched).
 */
export interface RawEntry {
  /** The id as the source wrote it, possibly versioned: `2205.14459v2`, `hep-th/9901001`. */
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  primaryCategory: string | null;
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  /** ISO-8601, when the source has it. */
  published: string | null;
  updated: string | null;
  /** Announcement date YYYY-MM-DD (listing feeds only). */
  announced: string | null;
  announceType: AnnounceType | null;
}

/** What a listing feed says about one announcement. */
export interface Listing {
  /** Announcement date the feed is for, YYYY-MM-DD (US Eastern), or null if it does not say. */
  date: string | null;
  entries: RawEntry[];
}

/** An entry a parser had to leave out, with the reason (the rest of the feed still parses). */
export interface SkippedEntry {
  /** Position of the entry/item in the document, 0-based. */
  index: number;
  /** The id if one could be read. */
  id: string | null;
  reason: string;
}

/** The listing formats arXiv serves or has served. */
export type ListingFormat = 'rss2' | 'rdf' | 'atom';

/** A parsed listing feed: {@link Listing} plus what the parser saw. */
export interface ParsedListing extends Listing {
  format: ListingFormat;
  /** Channel/feed title, e.g. `cs.LG updates on arXiv.org`. */
  title: string;
  skipped: SkippedEntry[];
}

/** One page of an arXiv API (Atom) response. */
export interface ApiFeed {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  entries: RawEntry[];
  skipped: SkippedEntry[];
}

/** Versioned or versionless, new (`2205.14459`, `0704.0001`) or old scheme (`hep-th/9901001`, `math.GT/0309136`). */
export { VERSIONED_ID_PATTERN };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Validates what every parser hands out. */
export const rawEntrySchema = z.object({
  // The shape alone lets through what no arXiv id is (`2501.1234`: four-digit serials ended in 2014).
  id: z
    .string()
    .regex(VERSIONED_ID_PATTERN, 'not an arXiv id')
    .refine((id) => parseArxivId(id) !== null, 'not a valid arXiv id'),
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.string().min(1)),
  categories: z.array(z.string().min(1)),
  primaryCategory: z.string().min(1).nullable(),
  comment: z.string().nullable(),
  journalRef: z.string().nullable(),
  doi: z.string().min(1).nullable(),
  published: z.string().min(1).nullable(),
  updated: z.string().min(1).nullable(),
  announced: z.string().regex(isoDate).nullable(),
  announceType: z.enum(announceTypes).nullable(),
}) satisfies z.ZodType<RawEntry>;

const announceTypeSet: ReadonlySet<string> = new Set(announceTypes);

const isNonEmptyStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isNonEmptyOrNull = (v: unknown): v is string | null => v === null || (typeof v === 'string' && v !== '');

/**
 * The entry, in {@link rawEntrySchema}'s shape, when it passes every one of the schema's checks;
 * null otherwise (then the schema itself says why). Feeds carry thousands of entries, and this
 * check costs a fraction of a schema parse on each.
 */
export function checkedRawEntry(value: unknown): RawEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  const {
    id,
    title,
    abstract,
    authors,
    categories,
    primaryCategory,
    comment,
    journalRef,
    doi,
    published,
    updated,
    announced,
    announceType,
  } = e;
  if (typeof id !== 'string' || !VERSIONED_ID_PATTERN.test(id) || parseArxivId(id) === null) return null;
  if (typeof title !== 'string' || typeof abstract !== 'string') return null;
  if (!isNonEmptyStrings(authors) || !isNonEmptyStrings(categories)) return null;
  if (!isNonEmptyOrNull(primaryCategory) || !isStringOrNull(comment) || !isStringOrNull(journalRef)) return null;
  if (!isNonEmptyOrNull(doi) || !isNonEmptyOrNull(published) || !isNonEmptyOrNull(updated)) return null;
  if (announced !== null && (typeof announced !== 'string' || !isoDate.test(announced))) return null;
  if (announceType !== null && (typeof announceType !== 'string' || !announceTypeSet.has(announceType))) return null;
  return {
    id,
    title,
    abstract,
    authors: [...authors],
    categories: [...categories],
    primaryCategory,
    comment,
    journalRef,
    doi,
    published,
    updated,
    announced,
    announceType: announceType as AnnounceType | null,
  };
}

export const apiFeedMetaSchema = z.object({
  totalResults: z.number().int().min(0),
  startIndex: z.number().int().min(0),
  itemsPerPage: z.number().int().min(0),
});

/** What went wrong, for callers that react differently (retry later, tell a moderator, …). */
export type ArxivErrorCode =
  /** arXiv answered with an error entry / error channel / error status. */
  | 'api-error'
  /** The body is not the XML we expected (HTML page, truncated or malformed XML, unknown format). */
  | 'malformed'
  /** Retries ran out (429/503, timeouts, resets). */
  | 'unavailable'
  /** The caller cancelled. */
  | 'aborted';

/** An error reported by arXiv itself (error entry, "Feed error" channel, bad status). */
export class ArxivError extends Error {
  override name = 'ArxivError';
  readonly code: ArxivErrorCode;
  constructor(
    message: string,
    readonly status: number | null = null,
    options: { code?: ArxivErrorCode; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'api-error';
  }
}
