import type { UserError } from '../errors.js';
import type { z } from 'zod';
import type { Paper, PaperRecord } from '../papers/paper.js';
import type { Db } from './postgres/connection.js';
import type { Fence } from './postgres/fence.js';
import type {
  auditEntrySchema,
  changeStampSchema,
  digestRecordSchema,
  followSchema,
  guildSettingsSchema,
  guildStateSchema,
  memberStateSchema,
  plannedMessageSchema,
  savedPaperSchema,
  subscriptionSchema,
  topicSchema,
  venueEventSchema,
} from './schemas.js';

/*
 * The stored shapes (guild state, digest records) are defined once, as zod schemas in ./schemas.ts; their
 * types here are derived from them, and the field docs live on the schemas.
 */

/** Who changed something and when: shown by `/topic show` and `/settings show`. */
export type ChangeStamp = z.output<typeof changeStampSchema>;

export type Topic = z.output<typeof topicSchema>;

export type Subscription = z.output<typeof subscriptionSchema>;

export type GuildSettings = z.output<typeof guildSettingsSchema>;

/** One entry of a guild's change log. */
export type AuditEntry = z.output<typeof auditEntrySchema>;

/** All of one guild's configuration; written as one unit so that every change is all or nothing. */
export type GuildState = z.output<typeof guildStateSchema>;

export type Follow = z.output<typeof followSchema>;

export type SavedPaper = z.output<typeof savedPaperSchema>;

/** One member's follows, reading list and DM status; private to the member. */
export type MemberState = z.output<typeof memberStateSchema>;

/** A venue a later version of a paper brought (see the schema). */
export type VenueEvent = z.output<typeof venueEventSchema>;

/** Small, per-guild configuration (keyv in the embedded deployment). */
export interface StateStore {
  getGuild(guildId: string): Promise<GuildState>;
  /**
   * Apply `change` to the guild's state and store the result atomically. Concurrent updates to
   * one guild are serialised; if `change` throws, nothing is written.
   */
  updateGuild<T>(guildId: string, change: (state: GuildState) => T): Promise<T>;
  /** Every guild that has any state. */
  listGuildIds(): Promise<string[]>;
  /** A member's data (empty when there is none). */
  getMember(userId: string): Promise<MemberState>;
  /** As updateGuild, for one member's data. */
  updateMember<T>(userId: string, change: (state: MemberState) => T): Promise<T>;
  /** Every member that has any data. */
  listMemberIds(): Promise<string[]>;
  /** Remove everything kept about the member; whether there was anything. */
  deleteMember(userId: string): Promise<boolean>;
  /**
   * Free-form small values (feed validators, scheduler marks): whatever JSON was stored, or undefined.
   * Unchecked: the caller parses it with a schema of what it expects.
   */
  getValue(key: string): Promise<unknown>;
  setValue(key: string, value: unknown): Promise<void>;
}

export interface SearchFilters {
  author?: string;
  category?: string;
  /** Papers announced (or published, if never announced) on or after this date, YYYY-MM-DD. */
  since?: string;
  hasCode?: boolean;
  /** Restrict to these paper ids (e.g. the papers posted in one guild). */
  ids?: readonly string[];
}

export interface SearchHit {
  paper: Paper;
  /** Relevance: higher is better. Comparable only within one result list. */
  score: number;
}

export interface SearchPage {
  hits: SearchHit[];
  total: number;
}

/** The paper archive with full-text search. */
export interface PaperArchive {
  /**
   * Insert or update papers by versionless id, in one transaction; a newer version replaces an older one,
   * never the reverse. Re-importing the same version updates it, except that fields the incoming record
   * lacks (null: `comment`, `journalRef`, `doi`, `venue`, `codeUrl`, `announced`, `announceType`) keep their
   * stored values, so a listing entry and an API entry for one paper complete each other. `updated` counts
   * only papers whose stored data changed.
   *
   * In the same transaction, a stored paper that comes back as a later version with a venue it did not have
   * (none, or another one) records a {@link VenueEvent} stamped `at` (default: now); a paper and venue already
   * recorded keep their first event.
   */
  upsert(records: readonly PaperRecord[], options?: { at?: Date }): Promise<{ inserted: number; updated: number }>;
  get(id: string): Promise<Paper | null>;
  getMany(ids: readonly string[]): Promise<Map<string, Paper>>;
  /** Papers announced on a date (YYYY-MM-DD), by id; optionally only those in some categories or archives (`cs`). */
  announcedOn(date: string, categories?: readonly string[]): Promise<Paper[]>;
  /** Papers announced from `from` to `to` (YYYY-MM-DD, both inclusive), by date then id; optionally in some categories. */
  announcedBetween(from: string, to: string, categories?: readonly string[]): Promise<Paper[]>;
  /** Latest announcement date present in the archive, or null. */
  latestAnnouncement(): Promise<string | null>;
  /**
   * Ranked full-text search over title, authors, abstract and venue. `query` is user text:
   * it is never passed to the full-text engine as syntax. Throws `SearchQueryError` for a
   * query that has nothing searchable in it (syntax: src/store/fts-query.ts). Best hit first.
   */
  search(query: string, filters: SearchFilters, page: { offset: number; limit: number }): Promise<SearchPage>;
  count(): Promise<number>;
  /** Figure lookup cache (issue "Pictures"): `null` means "looked, none". */
  setFigure(id: string, version: number, url: string | null): Promise<void>;
  getFigure(id: string, version: number): Promise<string | null | undefined>;
  /** Venue events recorded at or after `since` (ISO time), oldest first (then by paper id). */
  venueEvents(since: string): Promise<VenueEvent[]>;
}

/** One Discord message of a digest, planned before it is sent. */
export type PlannedMessage = z.output<typeof plannedMessageSchema>;

/** Where the ledger says a paper was posted: the channel and the digest that claimed it there. */
export interface PostedPaper {
  channelId: string;
  paperId: string;
  digestKey: string;
}

/** A venue update's claim: this paper's venue is told in the digest's channel once. */
export interface VenueClaim {
  paperId: string;
  venue: string;
}

/** A digest: planned, then sent message by message (or given up); the field docs are on its schema. */
export type DigestRecord = z.output<typeof digestRecordSchema>;

/** Delivery ledger and digest archive: what was posted where. Grows forever, so real tables. */
export interface DeliveryStore {
  /**
   * Record a planned digest and claim its (channel, paper) pairs — posted and skipped — in one transaction. Pairs
   * already claimed in that channel are left out of the claim and returned, so the caller can
   * re-plan; nothing is written in that case. Throws {@link DigestExistsError} if a digest with
   * this key was already planned.
   */
  planDigest(
    digest: DigestRecord,
    options?: {
      /**
       * Papers posted in the channel before that this digest posts again as new versions (topics
       * with `updates`): their claims move to this digest unless they were claimed on its date or later.
       */
      reclaim?: readonly string[];
      /**
       * A venue update's (paper, venue) pairs, claimed in the digest's channel in the same transaction: a pair
       * already claimed there makes the plan fail like a taken paper. Released like papers when it is given up.
       */
      venues?: readonly VenueClaim[];
    },
  ): Promise<{ ok: true } | { ok: false; taken: string[] }>;
  /** The message at `index` was sent (or found) with this id. */
  markMessageSent(key: string, index: number, messageId: string): Promise<void>;
  setThread(key: string, threadId: string): Promise<void>;
  finishDigest(key: string, status: 'sent' | 'failed'): Promise<void>;
  /** Count one failed delivery attempt and remember why; returns the attempts so far. */
  recordAttempt(key: string, error: string): Promise<number>;
  /**
   * Give a digest up: status `failed`, `error` = reason, and the claims on papers that no sent
   * message carries are released, so that the next digest offers them again.
   */
  failDigest(key: string, reason: string): Promise<void>;
  getDigest(key: string): Promise<DigestRecord | null>;
  /** Digests not yet finished, oldest first: what a restart must complete; with `channelId`, that channel's only. */
  pendingDigests(channelId?: string): Promise<DigestRecord[]>;
  /** Which of these papers were already posted (or claimed) in the channel. */
  postedIn(channelId: string, paperIds: readonly string[]): Promise<Set<string>>;
  /** Like {@link postedIn}, with the date of the digest that claimed each paper. */
  claimDates(channelId: string, paperIds: readonly string[]): Promise<Map<string, string>>;
  /** Digests of a guild on a date, optionally one topic. */
  digestsOn(guildId: string, date: string, topicSlug?: string): Promise<DigestRecord[]>;
  /** Ids of every paper posted (or claimed) in a guild (the `digests` search scope), sorted. */
  postedInGuild(guildId: string): Promise<string[]>;
  /** Where in a guild these papers were posted (or claimed): one row per channel and paper, in no set order. */
  postedWhere(guildId: string, paperIds: readonly string[]): Promise<PostedPaper[]>;
  /** The venues already claimed for these papers in the channel (see `planDigest`'s `venues`), by paper. */
  venueClaims(channelId: string, paperIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /**
   * Remove every digest of the guild and its ledger entries (a member's DM records, `dm:<user>`, when the member
   * asks for their data to be deleted); how many digests went.
   */
  forgetGuild(guildId: string): Promise<number>;
}

export interface Store {
  state: StateStore;
  archive: PaperArchive;
  delivery: DeliveryStore;
  /** PostgreSQL only: the pool, the URL (for the leader's dedicated connection) and the claims' fence. */
  postgres?: PostgresHandle;
  close(): Promise<void>;
}

/** What the distributed mode needs of a PostgreSQL store (see src/cluster/). */
export interface PostgresHandle {
  db: Db;
  url: string;
  fence: Fence;
}

/** User search text that has nothing searchable in it: `refusal` says so in any locale, `message` in English. */
export class SearchQueryError extends Error {
  override name = 'SearchQueryError';
  constructor(
    readonly refusal: UserError,
    options?: ErrorOptions,
  ) {
    super(refusal.message, options);
  }
}

/** A digest with this key was already planned: resume it (see `pendingDigests`) or plan under another key. */
export class DigestExistsError extends Error {
  override name = 'DigestExistsError';
  constructor(readonly key: string) {
    super(`A digest with key "${key}" was already planned`);
  }
}
