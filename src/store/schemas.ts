import { z } from 'zod';
import type { DigestRecord, GuildState, PlannedMessage } from './types.js';

/** Schemas for what is read back from storage: a value that does not fit is reported, never trusted. */

const changeStamp = z.object({ by: z.string(), at: z.string() });

const topic = z.object({
  guildId: z.string(),
  slug: z.string().min(1),
  name: z.string(),
  categories: z.array(z.string()),
  query: z.string(),
  crossLists: z.boolean(),
  updates: z.boolean(),
  images: z.boolean(),
  color: z.number().int().min(0).max(0xffffff),
  changed: changeStamp,
});

const subscription = z.object({
  guildId: z.string(),
  channelId: z.string().min(1),
  topicSlug: z.string().min(1),
  mentionRoleId: z.string().nullable(),
  maxPapers: z.number().int().min(1),
  thread: z.boolean(),
  paused: z.object({ reason: z.string(), at: z.string(), notified: z.boolean() }).nullable(),
  lastDigestDate: z.string().nullable(),
  changed: changeStamp,
});

const settings = z.object({
  guildId: z.string(),
  schedule: z.string(),
  timezone: z.string(),
  abstractLength: z.number().int().min(0),
  maxPapers: z.number().int().min(1),
  changed: changeStamp.nullable(),
});

const auditEntry = z.object({
  guildId: z.string(),
  userId: z.string(),
  action: z.string(),
  detail: z.string(),
  at: z.string(),
});

export const guildStateSchema: z.ZodType<GuildState> = z.object({
  guildId: z.string().min(1),
  topics: z.array(topic),
  subscriptions: z.array(subscription),
  settings: settings.nullable(),
  audit: z.array(auditEntry),
});

const plannedMessage: z.ZodType<PlannedMessage> = z.object({
  index: z.number().int().min(0),
  nonce: z.string(),
  paperIds: z.array(z.string()),
  body: z.custom<unknown>(() => true),
  messageId: z.string().nullable(),
});

export const digestRecordSchema: z.ZodType<DigestRecord> = z.object({
  key: z.string().min(1),
  guildId: z.string(),
  channelId: z.string(),
  topicSlug: z.string(),
  date: z.string(),
  paperIds: z.array(z.string()),
  skippedIds: z.array(z.string()),
  messages: z.array(plannedMessage),
  threadName: z.string(),
  openThread: z.boolean(),
  threadId: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().min(0),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export function emptyGuildState(guildId: string): GuildState {
  return { guildId, topics: [], subscriptions: [], settings: null, audit: [] };
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
