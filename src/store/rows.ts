/**
 * The archive's and the ledger's rows, as both SQL back ends store them, and their way back to records: the
 * same columns in SQLite and PostgreSQL, the JSON text columns parsed, and the record checked with its zod
 * schema (a row that does not parse is {@link CorruptDataError}, never a half-read record).
 */
import { paperSchema, type Paper } from '../papers/paper.js';
import { CorruptDataError, describeIssues, digestRecordSchema, venueEventSchema } from './schemas.js';
import type { DigestRecord, VenueEvent } from './types.js';

/** SQLite keeps booleans as 0/1, PostgreSQL as booleans. */
type StoredBoolean = number | boolean;

const isTrue = (value: StoredBoolean): boolean => value === true || value === 1;

export interface PaperRow {
  /** Insertion order; PostgreSQL's bigint arrives as text. */
  seq: number | string;
  id: string;
  version: number;
  title: string;
  authors: string;
  abstract: string;
  categories: string;
  primary_category: string;
  comment: string | null;
  journal_ref: string | null;
  doi: string | null;
  venue: string | null;
  code_url: string | null;
  published: string;
  updated: string;
  announced: string | null;
  announce_type: string | null;
  withdrawn: StoredBoolean;
  abs_url: string;
  pdf_url: string;
}

export const PAPER_COLUMNS = [
  'seq',
  'id',
  'version',
  'title',
  'authors',
  'abstract',
  'categories',
  'primary_category',
  'comment',
  'journal_ref',
  'doi',
  'venue',
  'code_url',
  'published',
  'updated',
  'announced',
  'announce_type',
  'withdrawn',
  'abs_url',
  'pdf_url',
] as const;

/** The paper columns of `papers p`, for a SELECT. */
export const SELECT_PAPER = PAPER_COLUMNS.map((c) => `p.${c}`).join(', ');

/** A stored paper row as a Paper. */
export function rowToPaper(row: PaperRow): Paper {
  return readPaperRow(row, 'Stored');
}

/** `where` names the row in an error: "Stored paper 2401.00001", "Source paper 2401.00001". */
export function readPaperRow(row: PaperRow, where: string): Paper {
  let candidate: unknown;
  try {
    candidate = {
      id: row.id,
      version: row.version,
      title: row.title,
      authors: JSON.parse(row.authors) as unknown,
      abstract: row.abstract,
      categories: JSON.parse(row.categories) as unknown,
      primaryCategory: row.primary_category,
      comment: row.comment,
      journalRef: row.journal_ref,
      doi: row.doi,
      venue: row.venue,
      codeUrl: row.code_url,
      published: row.published,
      updated: row.updated,
      announced: row.announced,
      announceType: row.announce_type,
      withdrawn: isTrue(row.withdrawn),
      absUrl: row.abs_url,
      pdfUrl: row.pdf_url,
    };
  } catch (error) {
    throw new CorruptDataError(`${where} paper ${row.id} has a malformed JSON column`, { cause: error });
  }
  const parsed = paperSchema.safeParse(candidate);
  if (!parsed.success)
    throw new CorruptDataError(`${where} paper ${row.id} is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export interface DigestRow {
  key: string;
  guild_id: string;
  channel_id: string;
  topic_slug: string;
  date: string;
  status: string;
  paper_ids: string;
  skipped_ids: string;
  messages: string;
  thread_name: string;
  open_thread: StoredBoolean;
  thread_id: string | null;
  attempts: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export const DIGEST_COLUMNS = [
  'key',
  'guild_id',
  'channel_id',
  'topic_slug',
  'date',
  'status',
  'paper_ids',
  'skipped_ids',
  'messages',
  'thread_name',
  'open_thread',
  'thread_id',
  'attempts',
  'error',
  'created_at',
  'finished_at',
].join(', ');

/**
 * A digest's values in {@link DIGEST_COLUMNS} order, for an INSERT; `storeBoolean` writes a boolean the way the
 * database keeps it (SQLite 0/1, PostgreSQL a boolean).
 */
export function digestToRow(digest: DigestRecord, storeBoolean: (value: boolean) => StoredBoolean): unknown[] {
  return [
    digest.key,
    digest.guildId,
    digest.channelId,
    digest.topicSlug,
    digest.date,
    digest.status,
    JSON.stringify(digest.paperIds),
    JSON.stringify(digest.skippedIds),
    JSON.stringify(digest.messages),
    digest.threadName,
    storeBoolean(digest.openThread),
    digest.threadId,
    digest.attempts,
    digest.error,
    digest.createdAt,
    digest.finishedAt,
  ];
}

export function rowToDigest(row: DigestRow): DigestRecord {
  let candidate: unknown;
  try {
    candidate = {
      key: row.key,
      guildId: row.guild_id,
      channelId: row.channel_id,
      topicSlug: row.topic_slug,
      date: row.date,
      paperIds: JSON.parse(row.paper_ids) as unknown,
      skippedIds: JSON.parse(row.skipped_ids) as unknown,
      messages: JSON.parse(row.messages) as unknown,
      threadName: row.thread_name,
      openThread: isTrue(row.open_thread),
      threadId: row.thread_id,
      status: row.status,
      attempts: row.attempts,
      error: row.error,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    };
  } catch (error) {
    throw new CorruptDataError(`Stored digest "${row.key}" has a malformed JSON column`, { cause: error });
  }
  const parsed = digestRecordSchema.safeParse(candidate);
  if (!parsed.success)
    throw new CorruptDataError(`Stored digest "${row.key}" is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export interface VenueEventRow {
  paper_id: string;
  venue: string;
  version: number;
  at: string;
}

export const VENUE_EVENT_COLUMNS = 'paper_id, venue, version, at';

export function rowToVenueEvent(row: VenueEventRow): VenueEvent {
  const parsed = venueEventSchema.safeParse({
    paperId: row.paper_id,
    venue: row.venue,
    version: row.version,
    at: row.at,
  });
  if (!parsed.success)
    throw new CorruptDataError(
      `Stored venue event of paper ${row.paper_id} is invalid: ${describeIssues(parsed.error)}`,
    );
  return parsed.data;
}
