import { z } from 'zod';
import type { GuildState, MemberState } from './types.js';

/**
 * Schemas of what Paperboy stores: the single source of the stored shapes. src/store/types.ts derives the
 * TypeScript types from them, and what is read back from storage is parsed with them: a value that does not
 * fit is reported, never trusted.
 */

export const changeStampSchema = z.object({ by: z.string(), at: z.string() });

export const topicSchema = z.object({
  guildId: z.string(),
  slug: z.string().min(1),
  name: z.string(),
  categories: z.array(z.string()),
  query: z.string(),
  crossLists: z.boolean(),
  updates: z.boolean(),
  images: z.boolean(),
  /** 24-bit RGB. */
  color: z.number().int().min(0).max(0xffffff),
  changed: changeStampSchema,
});

export const subscriptionSchema = z.object({
  guildId: z.string(),
  channelId: z.string().min(1),
  topicSlug: z.string().min(1),
  mentionRoleId: z.string().nullable(),
  maxPapers: z.number().int().min(1),
  /** In a text channel, open a thread per digest. Forum channels always get a post. */
  thread: z.boolean(),
  /** What the channel was when subscribed (a worker without the gateway's cache reads it here). */
  channelKind: z.enum(['text', 'forum', 'thread']).optional(),
  /** Set when delivery failed for good (channel gone, permission lost); cleared by re-subscribing. */
  paused: z.object({ reason: z.string(), at: z.string(), notified: z.boolean() }).nullable(),
  /** Announcement date (YYYY-MM-DD) of the last digest run for this subscription. */
  lastDigestDate: z.string().nullable(),
  changed: changeStampSchema,
});

export const guildSettingsSchema = z.object({
  guildId: z.string(),
  schedule: z.string(),
  timezone: z.string(),
  abstractLength: z.number().int().min(0),
  maxPapers: z.number().int().min(1),
  /** Tell a channel when a paper posted there is accepted at a venue (`/settings set venue_updates`); absent: on. */
  venueUpdates: z.boolean().optional(),
  /** The language of digests and notices (`/settings set language`), a supported locale; absent: the server's own. */
  language: z.string().optional(),
  changed: changeStampSchema.nullable(),
});

export const auditEntrySchema = z.object({
  guildId: z.string(),
  userId: z.string(),
  action: z.string(),
  detail: z.string(),
  at: z.string(),
});

export const guildStateSchema = z.object({
  guildId: z.string().min(1),
  topics: z.array(topicSchema),
  subscriptions: z.array(subscriptionSchema),
  settings: guildSettingsSchema.nullable(),
  audit: z.array(auditEntrySchema),
  /** Members who follow something from this server (their DMs go out on its schedule); absent: none. */
  followers: z.array(z.string()).optional(),
  /** The server's own language as Discord last reported it (its preferred locale); absent: not seen, or en-US. */
  locale: z.string().optional(),
});

/**
 * A member's follow: an author, a topic query and/or categories, matched against each new listing; what matches
 * comes by direct message on the schedule of the server it was made in. Private to its member.
 */
export const followSchema = z.object({
  /** Short and stable within the member's follows: what `/follow remove` names. */
  id: z.string().min(1),
  /** The server it was made in: its schedule and time zone time the member's DMs. */
  guildId: z.string().min(1),
  author: z.string().nullable(),
  query: z.string().nullable(),
  categories: z.array(z.string()),
  createdAt: z.string(),
});

/** A paper on a member's reading list. */
export const savedPaperSchema = z.object({
  paperId: z.string().min(1),
  at: z.string(),
  /** Where it was saved from (null: a DM). */
  guildId: z.string().nullable(),
});

/** Everything Paperboy keeps about one member, written as one unit. Fields default so older records still read. */
export const memberStateSchema = z.object({
  userId: z.string().min(1),
  follows: z.array(followSchema).default([]),
  saved: z.array(savedPaperSchema).default([]),
  dm: z
    .object({
      /** The DM channel with the member, once opened. */
      channelId: z.string().nullable(),
      /** The member turned DMs off (`/follow pause`). */
      off: z.boolean(),
      /** Discord refused DMs for good (50007, unknown user): no more tries until the member's next command. */
      paused: z.object({ reason: z.string(), at: z.string(), told: z.boolean() }).nullable(),
    })
    .default({ channelId: null, off: false, paused: null }),
  /** Per server followed from: the listing date of the last DM (where the next one's candidates start). */
  dmDates: z.record(z.string(), z.string()).default({}),
  /** The member's Discord language when it is a supported one (kept from their commands), for their DMs; absent: the server's. */
  locale: z.string().optional(),
});

export const plannedMessageSchema = z.object({
  index: z.number().int().min(0),
  nonce: z.string(),
  paperIds: z.array(z.string()),
  /** The exact JSON body that is POSTed. */
  body: z.unknown(),
  messageId: z.string().nullable(),
});

export const digestRecordSchema = z.object({
  /** `<guild>:<channel>:<topic>:<date>` */
  key: z.string().min(1),
  guildId: z.string(),
  channelId: z.string(),
  topicSlug: z.string(),
  /** Announcement date the digest covers, YYYY-MM-DD. */
  date: z.string(),
  /** The papers the digest posts, in order: these are claimed in the ledger. */
  paperIds: z.array(z.string()),
  /** Papers that matched but were left out (past the cap): claimed too, so they are not offered again; never released. */
  skippedIds: z.array(z.string()),
  messages: z.array(plannedMessageSchema),
  /** Name of the thread or forum post the digest opens, when it opens one. */
  threadName: z.string(),
  /** In a text channel, open a thread on the first message (decided when planned, not when sent). */
  openThread: z.boolean(),
  /** Thread or forum post the digest went into, when it has one. */
  threadId: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed']),
  /** Failed delivery attempts so far (see `recordAttempt`). */
  attempts: z.number().int().min(0),
  /** Why the last attempt failed, or why the digest was given up. */
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/**
 * A later version of an archived paper brought a venue it did not have (none before, or another one): recorded
 * by the archive's upsert in the same transaction, once per paper and venue. What venue updates are made of.
 */
export const venueEventSchema = z.object({
  paperId: z.string().min(1),
  /** The version that brought the venue. */
  version: z.number().int().min(1),
  venue: z.string().min(1),
  /** When the archive learned it (ISO time). */
  at: z.string(),
});

export function emptyGuildState(guildId: string): GuildState {
  return { guildId, topics: [], subscriptions: [], settings: null, audit: [] };
}

export function emptyMemberState(userId: string): MemberState {
  return { userId, follows: [], saved: [], dm: { channelId: null, off: false, paused: null }, dmDates: {} };
}

/** Zod issues in one line: `topics.0.color: Too big…; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`)
    .join('; ');
}

/** Stored data that does not have the expected shape. */
export class CorruptDataError extends Error {
  override name = 'CorruptDataError';
}
