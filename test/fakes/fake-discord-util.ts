/**
 * Small building blocks shared by the fake Discord: ids, permissions, Discord-shaped errors.
 */
import { createHash, randomBytes } from 'node:crypto';

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Discord's epoch (2015-01-01T00:00:00Z) in ms. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** Strictly increasing snowflakes whose timestamp comes from the injected clock. */
export class SnowflakeFactory {
  #last = 0n;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  next(): string {
    const candidate = (BigInt(Math.floor(this.#now())) - DISCORD_EPOCH) << 22n;
    const id = candidate > this.#last ? candidate : this.#last + 1n;
    this.#last = id;
    return id.toString();
  }
}

export function randomToken(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 32);
}

// Permission bits (docs: topics/permissions).
export const Perm = {
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export const ALL_PERMISSIONS = (1n << 53n) - 1n;

/** What @everyone may do unless the guild description says otherwise: a bot that can post digests, no admin. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.AddReactions |
  Perm.UseExternalEmojis |
  Perm.UseApplicationCommands |
  Perm.CreatePublicThreads |
  Perm.SendMessagesInThreads;

export type PermissionInput = bigint | string | number;

export function toBits(value: PermissionInput | undefined, fallback = 0n): bigint {
  if (value === undefined) return fallback;
  return typeof value === 'bigint' ? value : BigInt(value);
}

export interface Overwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  rolePermissions: ReadonlyMap<string, bigint>;
  userId: string;
  memberRoles: readonly string[];
}

/** Discord's documented algorithm: base permissions, then @everyone, role and member overwrites, then implicit denials. */
export function computePermissions(subject: PermissionSubject, overwrites: readonly Overwrite[] | null): bigint {
  if (subject.userId === subject.ownerId) return ALL_PERMISSIONS;
  let base = subject.rolePermissions.get(subject.guildId) ?? 0n;
  for (const role of subject.memberRoles) base |= subject.rolePermissions.get(role) ?? 0n;
  if (base & Perm.Administrator) return ALL_PERMISSIONS;
  if (!overwrites) return base;

  let perms = base;
  const everyone = overwrites.find((o) => o.id === subject.guildId);
  if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && subject.memberRoles.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  perms = (perms & ~deny) | allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === subject.userId);
  if (member) perms = (perms & ~member.deny) | member.allow;

  if (!(perms & Perm.ViewChannel)) return 0n;
  if (!(perms & Perm.SendMessages)) {
    perms &= ~(Perm.MentionEveryone | Perm.SendTTSMessages | Perm.AttachFiles | Perm.EmbedLinks);
  }
  return perms;
}

/** One entry of a 50035 `errors` tree, flattened for assertions (`embeds.0.title`). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export type IssuePath = readonly (string | number)[];

export class IssueList {
  readonly items: { path: IssuePath; code: string; message: string }[] = [];

  add(path: IssuePath, code: string, message: string): void {
    this.items.push({ path, code, message });
  }

  get size(): number {
    return this.items.length;
  }

  flat(): FieldIssue[] {
    return this.items.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
  }

  /** Discord's nested `errors` object: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
  tree(): JsonObject {
    const root: JsonObject = {};
    for (const issue of this.items) {
      let node = root;
      for (const segment of issue.path) {
        const key = String(segment);
        const next = node[key];
        if (isRecord(next)) {
          node = next;
        } else {
          const created: JsonObject = {};
          node[key] = created;
          node = created;
        }
      }
      const list = Array.isArray(node['_errors']) ? (node['_errors'] as unknown[]) : [];
      list.push({ code: issue.code, message: issue.message });
      node['_errors'] = list;
    }
    return root;
  }
}

/** Messages Discord sends with the JSON error codes the fake produces. */
export const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  0: 'General error',
  10003: 'Unknown Channel',
  10004: 'Unknown Guild',
  10007: 'Unknown Member',
  10008: 'Unknown Message',
  10011: 'Unknown Role',
  10013: 'Unknown User',
  10015: 'Unknown Webhook',
  10062: 'Unknown interaction',
  10063: 'Unknown application command',
  20028: 'The write action you are performing on the channel has hit the write rate limit.',
  30015: 'Maximum number of attachments in a message reached (10)',
  40005: 'Request entity too large',
  40058: 'Cannot send a message in a forum channel',
  40060: 'Interaction has already been acknowledged.',
  40067: 'A tag is required to create a forum post in this channel',
  50001: 'Missing Access',
  50005: 'Cannot edit a message authored by another user',
  50006: 'Cannot send an empty message',
  50007: 'Cannot send messages to this user',
  50008: 'Cannot send messages in a non-text channel',
  50013: 'Missing Permissions',
  50024: 'Cannot execute action on this channel type',
  50027: 'Invalid Webhook Token',
  50033: 'Invalid Recipient(s)',
  50035: 'Invalid Form Body',
  50083: 'Operation cannot be performed on an archived thread',
  50109: 'The request body contains invalid JSON.',
  160004: 'A thread has already been created for this message',
  160005: 'Thread is locked',
};

/** A Discord JSON error; the REST layer turns it into `{ code, message, errors? }` with `status`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: number;
  readonly issues: IssueList | null;

  constructor(status: number, code: number, message?: string, issues: IssueList | null = null) {
    super(message ?? ERROR_MESSAGES[code] ?? `${status}`);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  body(): JsonObject {
    const body: JsonObject = { message: this.message, code: this.code };
    if (this.issues && this.issues.size > 0) body['errors'] = this.issues.tree();
    return body;
  }
}

export function invalidForm(issues: IssueList): ApiError {
  return new ApiError(400, 50035, 'Invalid Form Body', issues);
}
