/**
 * Public shapes of the fake Discord: how to describe guilds, faults and interactions, and what gets recorded.
 */
import type { FieldIssue, PermissionInput } from './fake-discord-util.js';

export interface FakeOverwriteInit {
  /** Role id (type 0) or user id (type 1). */
  id: string;
  type: 0 | 1;
  allow?: PermissionInput;
  deny?: PermissionInput;
}

export interface FakeForumTag {
  id: string;
  name: string;
  moderated?: boolean;
}

export interface FakeChannelInit {
  id: string;
  name?: string;
  /** 0 text, 2 voice, 4 category, 5 announcement, 10/11/12 threads, 15 forum, 16 media. Default 0. */
  type?: number;
  /** Category for channels; parent channel for threads (required for types 10-12). */
  parentId?: string;
  position?: number;
  topic?: string;
  /** Channel flags; forums use 16 (REQUIRE_TAG). */
  flags?: number;
  nsfw?: boolean;
  /**
   * Make the channel refuse the bot regardless of permissions: `true`/`'missing_permissions'` answers writes with
   * 403 50013, `'missing_access'` answers every request on the channel with 403 50001.
   */
  forbidden?: boolean | 'missing_permissions' | 'missing_access';
  permissionOverwrites?: FakeOverwriteInit[];
  availableTags?: FakeForumTag[];
  /** Threads only. */
  archived?: boolean;
  locked?: boolean;
  ownerId?: string;
}

export interface FakeRoleInit {
  id: string;
  name?: string;
  permissions?: PermissionInput;
  position?: number;
  color?: number;
  managed?: boolean;
  mentionable?: boolean;
}

export interface FakeMemberInit {
  id: string;
  username?: string;
  roles?: string[];
  nick?: string;
  /** False: the user refuses direct messages (sending one answers 403 50007). Applies to the user, not the guild. */
  acceptsDms?: boolean;
}

/** A user as the fake knows them; members of every guild are users too. */
export interface FakeUserSpec {
  id: string;
  username?: string;
  /** Default true; false makes every direct message to the user answer 403 50007. */
  acceptsDms?: boolean;
  bot?: boolean;
}

export interface FakeGuildInit {
  id: string;
  name?: string;
  /** Default: a user that is neither the bot nor a default interaction user. */
  ownerId?: string;
  channels?: FakeChannelInit[];
  /** Extra roles; a role whose id equals the guild id replaces the default @everyone. */
  roles?: FakeRoleInit[];
  /** @everyone permissions; default View/Send/Embed/Attach/History/Reactions/Threads/App commands. */
  everyonePermissions?: PermissionInput;
  /** Permissions of the bot's managed role (default 0: the bot relies on @everyone). */
  botRolePermissions?: PermissionInput;
  /** Ids from `roles` that the bot's member also has. */
  botRoles?: string[];
  members?: FakeMemberInit[];
  /** Listed as unavailable in READY and never sent as GUILD_CREATE until made available. */
  unavailable?: boolean;
  /** Where Discord posts system messages (and Paperboy its notices to moderators). */
  systemChannelId?: string;
  /** The server's language (`preferred_locale`, sent with GUILD_CREATE); default en-US. */
  preferredLocale?: string;
}

export interface BucketLimit {
  limit: number;
  windowMs: number;
}

/**
 * Rate-limit buckets by route family; each is counted per major parameter (channel, guild, webhook, interaction).
 * - channelMessages: POST /channels/:id/messages
 * - channelMessage: GET/PATCH/DELETE /channels/:id/messages/:mid
 * - channelMessagesRead: GET /channels/:id/messages
 * - threads: POST /channels/:id/threads and /channels/:id/messages/:mid/threads
 * - channel: other /channels/:id routes
 * - guild: /guilds/:id/...
 * - dmChannels: POST /users/@me/channels (direct messages then count in channelMessages of the DM channel)
 * - interactionCallback, webhook, applicationCommands, other
 */
export type BucketName =
  | 'channelMessages'
  | 'channelMessage'
  | 'channelMessagesRead'
  | 'threads'
  | 'channel'
  | 'guild'
  | 'interactionCallback'
  | 'webhook'
  | 'applicationCommands'
  | 'dmChannels'
  | 'other';

export interface RateLimitOptions {
  buckets?: Partial<Record<BucketName, BucketLimit>>;
  /** Limit for buckets not named in `buckets`. Default 1000 per second (effectively unlimited). */
  defaultBucket?: BucketLimit;
  /** Global limit across non-interaction routes; default 50 per second; `false` turns it off. */
  global?: BucketLimit | false;
  /** Send `Retry-After` as whole seconds (rounded up) instead of decimal seconds. */
  integerRetryAfter?: boolean;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  /** Default: the application id (as for most bots). */
  botUserId?: string;
  botUsername?: string;
  applicationFlags?: number;
  /** Default: one guild with a text channel and a forum (see FAKE_DEFAULTS). */
  guilds?: FakeGuildInit[];
  /** Users beyond the guilds' members (e.g. someone who shares no guild with the bot). */
  users?: FakeUserSpec[];
  /** Largest file accepted per upload, in bytes; default 10 MiB (Discord's default). Bigger answers 413 40005. */
  attachmentSizeLimit?: number;
  host?: string;
  port?: number;
  /** HELLO heartbeat interval; default 41250 ms like Discord. */
  heartbeatIntervalMs?: number;
  /**
   * Recommended `shards` returned by /gateway/bot (discord.js uses it with `shards: 'auto'`); default one per
   * 1000 guilds, as Discord recommends. Clients may identify with any shard count (Discord allows it): each
   * dispatch goes to the session whose `[shard_id, num_shards]` owns the guild.
   */
  shardCount?: number;
  /**
   * `session_start_limit.max_concurrency` of /gateway/bot; default 1. The gateway enforces it (see
   * `identifyWindowMs`): one IDENTIFY per 5 s per rate-limit key `shard_id % max_concurrency`; one too early is
   * answered with op 9 INVALID_SESSION and recorded.
   */
  maxConcurrency?: number;
  /**
   * The identify pacing window, ms; 0 does not check. Default: Discord's 5000 when the fake is sharded
   * (`shardCount` or `maxConcurrency` given), else 0, so that tests which restart a one-shard bot within seconds
   * do not wait 5 s for each restart as they would on Discord.
   */
  identifyWindowMs?: number;
  /** A session that would hold more guilds than this is closed with 4011 (sharding required); default 2500. */
  maxGuildsPerShard?: number;
  /** Privileged intents the application is allowed (bitfield); others close the socket with 4014. */
  privilegedIntents?: number;
  /** Clock for message timestamps, snowflakes, the nonce window and interaction/token expiry. */
  clock?: () => number;
  /** How long `enforce_nonce` deduplicates; default 5 minutes. */
  nonceWindowMs?: number;
  /** How long an interaction waits for its first callback; default 3000 ms. */
  interactionResponseWindowMs?: number;
  /** How long an interaction token works for edits and follow-ups; default 15 minutes. */
  interactionTokenLifetimeMs?: number;
  rateLimits?: RateLimitOptions;
}

export interface FaultSpec {
  method?: string;
  /** Decoded path after `/api/v10` (`/channels/1/messages`), a route template (`/channels/:channel_id/messages`) or a RegExp on the path. */
  path: string | RegExp;
  /** How many matching requests to affect; default 1. */
  times?: number;
  /** Let this many matching requests through untouched first (e.g. fail only the third message); default 0. */
  skip?: number;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Discord JSON error code for the body. */
  code?: number;
  message?: string;
  /** Full body override. */
  body?: unknown;
  headers?: Record<string, string>;
  /** For 429: seconds to put in `Retry-After` and `retry_after`; default 0.1. */
  retryAfter?: number;
  /** For 429: a global rate limit (adds `X-RateLimit-Global`, scope `global`). */
  global?: boolean;
  /** Wait before answering. Without `status`, the request is handled normally and only the answer is late. */
  delayMs?: number;
  /** Never answer; the client's timeout fires. */
  hang?: boolean;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Perform the request's effect (e.g. create the message) before hanging, resetting or answering `status`. */
  applyFirst?: boolean;
}

export interface FaultHandle {
  readonly hits: number;
  readonly remaining: number;
  cancel(): void;
}

export interface RecordedRequest {
  readonly seq: number;
  readonly method: string;
  /** Decoded path after the version prefix, e.g. `/webhooks/1/tok/messages/@original`. */
  readonly path: string;
  /** The URL path as received (may be percent-encoded). */
  readonly rawPath: string;
  /** `METHOD /route/:template`, or null for an unknown route. */
  readonly route: string | null;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  readonly at: number;
  status: number | null;
  outcome: 'pending' | 'answered' | 'hung' | 'reset' | 'aborted';
  /** True when a `fail()` rule handled it. */
  fault: boolean;
}

/** One `files[n]` part of a multipart request, as received. */
export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  name: string;
  size: number;
  /** The part's Content-Type as sent (discord.js sends `application/octet-stream` when it cannot tell). */
  contentType: string;
  data: Buffer;
}

/** A file attached to a message. */
export interface FakeAttachment {
  readonly id: string;
  filename: string;
  size: number;
  contentType: string;
  description: string | null;
  /** The bytes that were uploaded. */
  readonly data: Buffer;
}

export interface Violation {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly route: string | null;
  readonly status: number;
  readonly code: number;
  readonly message: string;
  /** Flattened 50035 issues (`embeds.0.title`), empty for other codes. */
  readonly errors: FieldIssue[];
}

export interface FakeMessage {
  readonly id: string;
  readonly channelId: string;
  readonly guildId: string | null;
  readonly authorId: string;
  content: string;
  embeds: Record<string, unknown>[];
  components: unknown[];
  /** As received (not part of Discord's message object). */
  allowedMentions: unknown;
  flags: number;
  nonce: string | number | null;
  enforceNonce: boolean;
  tts: boolean;
  type: number;
  ephemeral: boolean;
  interactionId: string | null;
  webhookId: string | null;
  threadId: string | null;
  attachments: FakeAttachment[];
  messageReference: unknown;
  readonly createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** The last body that created or edited this message, as received. */
  lastBody: Record<string, unknown>;
}

export type OptionValue = string | number | boolean;
/** A plain value (type inferred from the registered command, else from the JS type) or an explicit option type. */
export type OptionInput = OptionValue | { type: number; value: OptionValue };

export interface FakeUserInit {
  id?: string;
  username?: string;
  roles?: string[];
  nick?: string;
}

export interface InteractionBaseInit {
  channelId: string;
  /** Default: the channel's guild. */
  guildId?: string;
  user?: FakeUserInit;
  /** The member's permissions in the channel; default computed from roles and overwrites. */
  permissions?: PermissionInput;
  locale?: string;
  /** Overrides interactionResponseWindowMs for this interaction. */
  expiresInMs?: number;
}

export interface CommandInteractionInit extends InteractionBaseInit {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, OptionInput>;
}

export interface AutocompleteInteractionInit extends CommandInteractionInit {
  /** Name of the focused option; its value is taken from `options` (default ''). */
  focused: string;
}

/**
 * A click on a message's button. `channelId` defaults to the message's channel; in a DM channel the clicking user is
 * the DM's recipient (`user` may be omitted) and the payload carries `user` instead of `member` and no `guild_id`.
 */
export interface ButtonInteractionInit extends Omit<InteractionBaseInit, 'channelId'> {
  channelId?: string;
  messageId: string;
  customId: string;
}

/** A choice in a message's select menu. */
export interface SelectInteractionInit extends ButtonInteractionInit {
  values: string[];
  /**
   * Throw unless `values` are what Discord's client lets a user pick: between `min_values` and `max_values`
   * (default 1) distinct values, from a string select's options. Off by default, so that tests can also send the
   * values a forged or stale message would carry.
   */
  strict?: boolean;
}

export type InteractionInit =
  | ({ kind: 'command' } & CommandInteractionInit)
  | ({ kind: 'autocomplete' } & AutocompleteInteractionInit)
  | ({ kind: 'button' } & ButtonInteractionInit)
  | ({ kind: 'select' } & SelectInteractionInit);

export interface InteractionCallbackRecord {
  /** 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  data: Record<string, unknown> | undefined;
  withResponse: boolean;
  at: number;
}

export interface WebhookEditRecord {
  /** As requested: `@original` or a message id. */
  target: string;
  messageId: string;
  body: Record<string, unknown>;
  at: number;
}
