/**
 * A fake Discord (REST + gateway) on 127.0.0.1 that the real discord.js Client talks to.
 *
 *   const fake = new FakeDiscord({ token, guilds: [...] });
 *   const { apiUrl } = await fake.start();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
 *   await client.login(token);
 *
 * REST answers follow docs/discord.md: JSON errors with Discord's codes, 50035 `errors` trees, rate-limit headers on
 * every response, nonce deduplication, threads and forums, interaction callbacks and webhook edits.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway, type DisconnectOptions, type GatewayStats } from './fake-discord-gateway.js';
import type {
  AutocompleteInteractionInit,
  BucketLimit,
  BucketName,
  ButtonInteractionInit,
  CommandInteractionInit,
  FakeChannelInit,
  FakeDiscordOptions,
  FakeGuildInit,
  FakeMessage,
  FakeUserInit,
  FaultHandle,
  FaultSpec,
  InteractionCallbackRecord,
  InteractionInit,
  OptionInput,
  RecordedRequest,
  SelectInteractionInit,
  Violation,
  WebhookEditRecord,
} from './fake-discord-types.js';
import {
  ALL_PERMISSIONS,
  ApiError,
  DEFAULT_EVERYONE_PERMISSIONS,
  invalidForm,
  isRecord,
  IssueList,
  Perm,
  SnowflakeFactory,
  computePermissions,
  randomToken,
  shortHash,
  toBits,
  waitUntil,
  type JsonObject,
  type Overwrite,
  type PermissionInput,
} from './fake-discord-util.js';
import {
  MessageFlag,
  isEmptyMessage,
  validateAutoArchive,
  validateChoices,
  validateCommandList,
  validateMessageBody,
  validateThreadName,
} from './fake-discord-validate.js';

export * from './fake-discord-types.js';
export { ApiError, Perm, type FieldIssue, type PermissionInput } from './fake-discord-util.js';
export { RESUMABLE_CLOSE_CODES, type GatewayStats } from './fake-discord-gateway.js';

export const ChannelKind = {
  Text: 0,
  Voice: 2,
  Category: 4,
  Announcement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  Forum: 15,
  Media: 16,
} as const;

const THREAD_TYPES = new Set<number>([10, 11, 12]);
const FORUM_TYPES = new Set<number>([15, 16]);
const MESSAGEABLE_TYPES = new Set<number>([0, 2, 5, 10, 11, 12, 13]);
const INTENT_GUILDS = 1 << 0;
const INTENT_GUILD_MESSAGES = 1 << 9;
const CHANNEL_FLAG_REQUIRE_TAG = 1 << 4;
const BODY_LIMIT = 25 * 1024 * 1024;

/** Ids used when no guild description is given. */
export const FAKE_DEFAULTS = {
  token: 'fake-bot-token',
  applicationId: '100000000000000001',
  guildId: '200000000000000001',
  textChannelId: '300000000000000001',
  forumChannelId: '300000000000000002',
  ownerId: '400000000000000001',
  userId: '400000000000000002',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Internal state

interface UserState {
  id: string;
  username: string;
  bot: boolean;
}

interface RoleState {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  managed: boolean;
  mentionable: boolean;
  botId: string | null;
}

interface MemberState {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: number;
}

interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  roles: Map<string, RoleState>;
  members: Map<string, MemberState>;
  unavailable: boolean;
  removed: boolean;
  joinedAt: number;
  systemChannelId: string | null;
}

interface ThreadMeta {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  autoArchiveDuration: number;
  archiveTimestamp: number;
  createTimestamp: number;
  messageCount: number;
  totalMessageSent: number;
  appliedTags: string[];
}

interface ChannelState {
  id: string;
  guildId: string;
  name: string;
  type: number;
  parentId: string | null;
  position: number;
  topic: string | null;
  flags: number;
  nsfw: boolean;
  overwrites: Overwrite[];
  availableTags: { id: string; name: string; moderated: boolean }[];
  lastMessageId: string | null;
  forbidden: false | 'missing_permissions' | 'missing_access';
  thread: ThreadMeta | null;
  deleted: boolean;
  messageIds: string[];
}

interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionInit['kind'];
  guildId: string;
  channelId: string;
  userId: string;
  payload: JsonObject;
  createdAt: number;
  expiresAt: number;
  componentMessageId: string | null;
  callback: InteractionCallbackRecord | null;
  originalMessageId: string | null;
  edits: WebhookEditRecord[];
  followupIds: string[];
}

interface FaultState {
  spec: FaultSpec;
  remaining: number;
  hits: number;
  skip: number;
}

interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: { field: string; name: string; size: number }[];
}

interface Reply {
  status: number;
  body?: unknown;
}

interface HandledReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface RouteDef {
  method: string;
  template: string;
  segments: string[];
  bucket: BucketName;
  auth: boolean;
  /** Interaction endpoints don't count toward the global limit (docs/discord.md §2). */
  global: boolean;
  handler: (ctx: RouteContext) => Reply;
}

interface Window {
  start: number;
  count: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Interaction handle

/** What a test holds after sending an interaction: the callback, webhook edits and follow-ups. */
export class FakeInteraction {
  readonly #record: InteractionRecord;
  readonly #fake: FakeDiscord;

  /** @internal */
  constructor(record: InteractionRecord, fake: FakeDiscord) {
    this.#record = record;
    this.#fake = fake;
  }

  get id(): string {
    return this.#record.id;
  }

  get token(): string {
    return this.#record.token;
  }

  get kind(): InteractionInit['kind'] {
    return this.#record.kind;
  }

  /** The INTERACTION_CREATE `d` that was dispatched. */
  get payload(): JsonObject {
    return this.#record.payload;
  }

  get acknowledged(): boolean {
    return this.#record.callback !== null;
  }

  get callback(): InteractionCallbackRecord | undefined {
    return this.#record.callback ?? undefined;
  }

  /** Resolves with the first accepted callback body (`{ type, data }`); rejects after `timeoutMs`. */
  response(timeoutMs = 2000): Promise<InteractionCallbackRecord> {
    return waitUntil(() => this.#record.callback ?? undefined, timeoutMs, `a callback to interaction ${this.id}`);
  }

  /** PATCHes of `@original` or of follow-ups, in order. */
  edits(): readonly WebhookEditRecord[] {
    return this.#record.edits;
  }

  /** Messages created through the follow-up webhook (the first one after a deferred reply is the original). */
  followups(): FakeMessage[] {
    return this.#record.followupIds.flatMap((id) => this.#fake.message(id) ?? []);
  }

  /** The `@original` response message in its current state. */
  original(): FakeMessage | undefined {
    return this.#record.originalMessageId ? this.#fake.message(this.#record.originalMessageId) : undefined;
  }

  waitForEdit(count = 1, timeoutMs = 2000): Promise<WebhookEditRecord> {
    return waitUntil(() => this.#record.edits[count - 1], timeoutMs, `edit #${count} of interaction ${this.id}`);
  }

  waitForFollowup(count = 1, timeoutMs = 2000): Promise<FakeMessage> {
    return waitUntil(
      () => {
        const id = this.#record.followupIds[count - 1];
        return id ? this.#fake.message(id) : undefined;
      },
      timeoutMs,
      `follow-up #${count} of interaction ${this.id}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The fake Discord server. See the module comment for usage. */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  /** Every REST request in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Every 4xx the fake's own rules produced (validation, unknown ids, permissions, protocol), in order. */
  readonly violations: Violation[] = [];
  /** Requests to routes the fake does not implement. */
  readonly unhandled: RecordedRequest[] = [];
  /** Exceptions thrown inside the fake's own handlers (answered with 500); should stay empty. */
  readonly internalErrors: Error[] = [];

  readonly #options: FakeDiscordOptions;
  readonly #now: () => number;
  readonly #ids: SnowflakeFactory;
  readonly #gateway: FakeGateway;
  readonly #users = new Map<string, UserState>();
  readonly #guilds = new Map<string, GuildState>();
  readonly #channels = new Map<string, ChannelState>();
  readonly #messages = new Map<string, FakeMessage>();
  readonly #nonces = new Map<string, { messageId: string; at: number }>();
  readonly #interactions = new Map<string, InteractionRecord>();
  readonly #interactionsByToken = new Map<string, InteractionRecord>();
  readonly #commands = new Map<string, JsonObject[]>();
  readonly #commandIds = new Map<string, string>();
  readonly #faults: FaultState[] = [];
  readonly #windows = new Map<string, Window>();
  readonly #rateLimitHits = new Map<string, number>();
  readonly #routes: RouteDef[];
  readonly #hung = new Set<ServerResponse>();
  readonly #requestBuckets = new WeakMap<RecordedRequest, { bucket: BucketName; major: string }>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #invalidRequests = 0;
  #server: Server | null = null;
  #port = 0;
  #requestSeq = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.#options = options;
    this.token = options.token ?? FAKE_DEFAULTS.token;
    this.applicationId = options.applicationId ?? FAKE_DEFAULTS.applicationId;
    this.botUserId = options.botUserId ?? this.applicationId;
    this.#now = options.clock ?? Date.now;
    this.#ids = new SnowflakeFactory(this.#now);
    this.#users.set(this.botUserId, { id: this.botUserId, username: options.botUsername ?? 'Paperboy', bot: true });
    const guilds = options.guilds ?? [
      {
        id: FAKE_DEFAULTS.guildId,
        name: 'Paperboy Test',
        channels: [
          { id: FAKE_DEFAULTS.textChannelId, name: 'general', type: ChannelKind.Text },
          { id: FAKE_DEFAULTS.forumChannelId, name: 'papers', type: ChannelKind.Forum },
        ],
      },
    ];
    for (const guild of guilds) this.#addGuildState(guild);
    this.#routes = this.#buildRoutes();
    this.#gateway = new FakeGateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      allowedPrivilegedIntents: options.privilegedIntents ?? 0,
      resumeUrl: () => `${this.gatewayUrl}/resume`,
      readyUser: () => ({ ...this.#userJson(this.botUserId), verified: true, mfa_enabled: false, email: null }),
      readyApplication: () => ({ id: this.applicationId, flags: options.applicationFlags ?? 0 }),
      guildsForShard: (shardId, shardCount) =>
        [...this.#guilds.values()]
          .filter((g) => !g.removed && Number((BigInt(g.id) >> 22n) % BigInt(shardCount)) === shardId)
          .map((g) => ({ id: g.id, unavailable: g.unavailable })),
      guildCreatePayload: (guildId) => this.#guildCreateJson(this.#guildOrThrow(guildId)),
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lifecycle

  /** Listens on 127.0.0.1 (random port unless given). `apiUrl` is what goes into discord.js `rest.api`. */
  async start(): Promise<{ port: number; apiUrl: string; gatewayUrl: string }> {
    const server = createServer((req, res) => {
      this.#onRequest(req, res).catch((error: unknown) => {
        // A bug in the fake itself: answer 500 (discord.js retries) and keep it for the test to see.
        this.internalErrors.push(error instanceof Error ? error : new Error(String(error)));
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
      });
    });
    server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
      if (!this.#gateway.handleUpgrade(req, socket, head)) socket.destroy();
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port ?? 0, this.#options.host ?? '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return { port: this.#port, apiUrl: this.apiUrl, gatewayUrl: this.gatewayUrl };
  }

  get port(): number {
    return this.#port;
  }

  get apiUrl(): string {
    return `http://${this.#options.host ?? '127.0.0.1'}:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://${this.#options.host ?? '127.0.0.1'}:${this.#port}/gateway`;
  }

  /** Drops every socket (gateway, keep-alive, hung requests) and stops listening. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const res of this.#hung) res.destroy();
    this.#hung.clear();
    this.#gateway.close();
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Gateway controls

  /** Sends a dispatch to the shard owning `data.guild_id` (or every shard); throws if no session is identified. */
  async dispatch(event: string, data: unknown, options: { shardId?: number } = {}): Promise<void> {
    const guildId = isRecord(data) ? (str(data['guild_id']) ?? null) : null;
    await this.#gateway.dispatch(event, data, { guildId, strict: true, ...options });
  }

  /** Closes the gateway socket with a close code; see RESUMABLE_CLOSE_CODES for which keep the session. */
  disconnect(code = 4000, options: DisconnectOptions = {}): Promise<void> {
    return this.#gateway.disconnect(code, options);
  }

  invalidateSession(resumable: boolean, options: { shardId?: number } = {}): Promise<void> {
    return this.#gateway.invalidateSession(resumable, options);
  }

  requestReconnect(options: { shardId?: number } = {}): Promise<void> {
    return this.#gateway.requestReconnect(options);
  }

  /** Stop (or resume) answering heartbeats, to make the client detect a zombie connection. */
  setHeartbeatAck(enabled: boolean): void {
    this.#gateway.ackHeartbeats = enabled;
  }

  gatewayStats(): GatewayStats {
    return { ...this.#gateway.stats, open: this.#gateway.openSockets() };
  }

  /** IDENTIFY payloads received (token, intents, shard, properties). */
  get identifies(): readonly JsonObject[] {
    return this.#gateway.identifyPayloads;
  }

  /** Paths and query strings of websocket connections (`/gateway` or `/gateway/resume`). */
  get gatewayConnections(): readonly { path: string; query: Record<string, string>; at: number }[] {
    return this.#gateway.connectionLog;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Faults and records

  /** Makes the next `times` matching requests misbehave; see FaultSpec. */
  fail(spec: FaultSpec): FaultHandle {
    const state: FaultState = { spec, remaining: spec.times ?? 1, hits: 0, skip: spec.skip ?? 0 };
    this.#faults.push(state);
    return {
      get hits() {
        return state.hits;
      },
      get remaining() {
        return state.remaining;
      },
      cancel: () => {
        state.remaining = 0;
      },
    };
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** 429 answers per route (`POST /channels/:channel_id/messages`), or in total. */
  count429(route?: string): number {
    if (route !== undefined) return this.#rateLimitHits.get(route) ?? 0;
    let total = 0;
    for (const n of this.#rateLimitHits.values()) total += n;
    return total;
  }

  /** 401, 403 and 429 answers: what Cloudflare counts towards its 10,000 per 10 minutes ban. */
  get invalidRequestCount(): number {
    return this.#invalidRequests;
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.method === method.toUpperCase() &&
        (typeof path === 'string' ? r.path === path || r.route === `${r.method} ${path}` : path.test(r.path)),
    );
  }

  /** Visible (non-ephemeral, not deleted) messages of a channel or thread, oldest first. */
  messages(channelId: string): FakeMessage[] {
    const channel = this.#channels.get(channelId);
    if (!channel) return [];
    return channel.messageIds.flatMap((id) => {
      const m = this.#messages.get(id);
      return m && !m.deleted ? [m] : [];
    });
  }

  /** Any message by id, ephemeral interaction responses included. */
  message(id: string): FakeMessage | undefined {
    return this.#messages.get(id);
  }

  /** Channel or thread as the REST API returns it. */
  channel(id: string): JsonObject | undefined {
    const channel = this.#channels.get(id);
    return channel && !channel.deleted ? this.#channelJson(channel) : undefined;
  }

  /** Threads whose parent is `parentId` (text channel or forum), oldest first. */
  threads(parentId: string): JsonObject[] {
    return [...this.#channels.values()]
      .filter((c) => c.parentId === parentId && c.thread && !c.deleted)
      .map((c) => this.#channelJson(c));
  }

  /** Registered commands: global when `guildId` is omitted. */
  commands(guildId?: string): JsonObject[] {
    return this.#commands.get(guildId ?? 'global') ?? [];
  }

  /** The bot's permissions in a channel, as the fake enforces them. */
  botPermissions(channelId: string): bigint {
    const channel = this.#channelOrThrow(channelId);
    return this.#permissionsIn(channel, this.botUserId);
  }

  /** Polls `check` until it returns something other than undefined/false. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 2000, what = 'condition'): Promise<T> {
    return waitUntil(check, timeoutMs, what);
  }

  /** Puts a bot message into a channel directly, as if posted before the test started. */
  seedMessage(channelId: string, body: Record<string, unknown>): FakeMessage {
    const channel = this.#channelOrThrow(channelId);
    return this.#createMessage(channel, body, {});
  }

  // -------------------------------------------------------------------------------------------------------------
  // World changes (each sends the gateway event Discord would send)

  async addGuild(init: FakeGuildInit): Promise<void> {
    const guild = this.#addGuildState(init);
    if (!guild.unavailable) {
      await this.#gateway.dispatch('GUILD_CREATE', this.#guildCreateJson(guild), { guildId: guild.id });
    }
  }

  /** The bot was removed from the guild: GUILD_DELETE without `unavailable`; REST then answers 10004/50001. */
  async removeGuild(guildId: string): Promise<void> {
    const guild = this.#guildOrThrow(guildId);
    await this.#gateway.dispatch('GUILD_DELETE', { id: guildId }, { guildId, requiredIntent: INTENT_GUILDS });
    guild.removed = true;
  }

  /** An outage (GUILD_DELETE with `unavailable: true`) or its end (GUILD_CREATE). */
  async setGuildAvailable(guildId: string, available: boolean): Promise<void> {
    const guild = this.#guildOrThrow(guildId);
    guild.unavailable = !available;
    if (available) await this.#gateway.dispatch('GUILD_CREATE', this.#guildCreateJson(guild), { guildId });
    else await this.#gateway.dispatch('GUILD_DELETE', { id: guildId, unavailable: true }, { guildId });
  }

  async addChannel(guildId: string, init: FakeChannelInit): Promise<void> {
    const guild = this.#guildOrThrow(guildId);
    const channel = this.#addChannelState(guild, init);
    await this.#gateway.dispatch(channel.thread ? 'THREAD_CREATE' : 'CHANNEL_CREATE', this.#channelJson(channel), {
      guildId,
      requiredIntent: INTENT_GUILDS,
    });
  }

  async updateChannel(channelId: string, patch: Partial<Omit<FakeChannelInit, 'id'>>): Promise<void> {
    const channel = this.#channelOrThrow(channelId);
    if (patch.name !== undefined) channel.name = patch.name;
    if (patch.topic !== undefined) channel.topic = patch.topic;
    if (patch.flags !== undefined) channel.flags = patch.flags;
    if (patch.type !== undefined) channel.type = patch.type;
    if (patch.forbidden !== undefined)
      channel.forbidden = patch.forbidden === true ? 'missing_permissions' : patch.forbidden;
    if (patch.permissionOverwrites !== undefined) channel.overwrites = patch.permissionOverwrites.map(toOverwrite);
    if (patch.availableTags !== undefined) {
      channel.availableTags = patch.availableTags.map((t) => ({
        id: t.id,
        name: t.name,
        moderated: t.moderated ?? false,
      }));
    }
    if (channel.thread) {
      if (patch.archived !== undefined) {
        channel.thread.archived = patch.archived;
        channel.thread.archiveTimestamp = this.#now();
      }
      if (patch.locked !== undefined) channel.thread.locked = patch.locked;
    }
    await this.#gateway.dispatch(channel.thread ? 'THREAD_UPDATE' : 'CHANNEL_UPDATE', this.#channelJson(channel), {
      guildId: channel.guildId,
      requiredIntent: INTENT_GUILDS,
    });
  }

  async deleteChannel(channelId: string): Promise<void> {
    const channel = this.#channelOrThrow(channelId);
    channel.deleted = true;
    const data = channel.thread
      ? { id: channel.id, guild_id: channel.guildId, parent_id: channel.parentId, type: channel.type }
      : this.#channelJson(channel);
    await this.#gateway.dispatch(channel.thread ? 'THREAD_DELETE' : 'CHANNEL_DELETE', data, {
      guildId: channel.guildId,
      requiredIntent: INTENT_GUILDS,
    });
  }

  async updateRole(
    guildId: string,
    roleId: string,
    patch: { permissions?: PermissionInput; name?: string },
  ): Promise<void> {
    const guild = this.#guildOrThrow(guildId);
    const role = guild.roles.get(roleId);
    if (!role) throw new Error(`unknown role ${roleId}`);
    if (patch.permissions !== undefined) role.permissions = toBits(patch.permissions);
    if (patch.name !== undefined) role.name = patch.name;
    await this.#gateway.dispatch(
      'GUILD_ROLE_UPDATE',
      { guild_id: guildId, role: this.#roleJson(role) },
      {
        guildId,
        requiredIntent: INTENT_GUILDS,
      },
    );
  }

  /** Replaces the bot member's roles (the bot's own GUILD_MEMBER_UPDATE arrives without GUILD_MEMBERS). */
  async setBotRoles(guildId: string, roles: string[]): Promise<void> {
    const guild = this.#guildOrThrow(guildId);
    const member = guild.members.get(this.botUserId);
    if (!member) throw new Error('bot member missing');
    member.roles = [...roles];
    await this.#gateway.dispatch(
      'GUILD_MEMBER_UPDATE',
      { guild_id: guildId, ...this.#memberJson(member) },
      { guildId },
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // Interactions

  /** Dispatches INTERACTION_CREATE and returns a handle to observe the bot's answer. */
  async interaction(init: InteractionInit): Promise<FakeInteraction> {
    const record = this.#buildInteraction(init);
    this.#interactions.set(record.id, record);
    this.#interactionsByToken.set(record.token, record);
    await this.#gateway.dispatch('INTERACTION_CREATE', record.payload, { guildId: record.guildId, strict: true });
    return new FakeInteraction(record, this);
  }

  command(init: CommandInteractionInit): Promise<FakeInteraction> {
    return this.interaction({ kind: 'command', ...init });
  }

  autocomplete(init: AutocompleteInteractionInit): Promise<FakeInteraction> {
    return this.interaction({ kind: 'autocomplete', ...init });
  }

  button(init: ButtonInteractionInit): Promise<FakeInteraction> {
    return this.interaction({ kind: 'button', ...init });
  }

  select(init: SelectInteractionInit): Promise<FakeInteraction> {
    return this.interaction({ kind: 'select', ...init });
  }

  // =============================================================================================================
  // Model

  #addGuildState(init: FakeGuildInit): GuildState {
    const now = this.#now();
    const guild: GuildState = {
      id: init.id,
      name: init.name ?? `Guild ${init.id}`,
      ownerId: init.ownerId ?? FAKE_DEFAULTS.ownerId,
      roles: new Map(),
      members: new Map(),
      unavailable: init.unavailable ?? false,
      removed: false,
      joinedAt: now,
      systemChannelId: init.systemChannelId ?? null,
    };
    this.#guilds.set(guild.id, guild);
    guild.roles.set(guild.id, {
      id: guild.id,
      name: '@everyone',
      permissions: toBits(init.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS),
      position: 0,
      color: 0,
      managed: false,
      mentionable: false,
      botId: null,
    });
    const botRoleId = this.#ids.next();
    guild.roles.set(botRoleId, {
      id: botRoleId,
      name: this.#users.get(this.botUserId)?.username ?? 'bot',
      permissions: toBits(init.botRolePermissions, 0n),
      position: 1,
      color: 0,
      managed: true,
      mentionable: false,
      botId: this.botUserId,
    });
    for (const role of init.roles ?? []) {
      guild.roles.set(role.id, {
        id: role.id,
        name: role.name ?? (role.id === guild.id ? '@everyone' : `role-${role.id}`),
        permissions: toBits(role.permissions, 0n),
        position: role.position ?? (role.id === guild.id ? 0 : 2),
        color: role.color ?? 0,
        managed: role.managed ?? false,
        mentionable: role.mentionable ?? false,
        botId: null,
      });
    }
    guild.members.set(this.botUserId, {
      userId: this.botUserId,
      roles: [botRoleId, ...(init.botRoles ?? [])],
      nick: null,
      joinedAt: now,
    });
    for (const member of init.members ?? []) this.#ensureMember(guild, member);
    for (const channel of init.channels ?? []) this.#addChannelState(guild, channel);
    return guild;
  }

  #ensureMember(guild: GuildState, init: FakeUserInit & { id: string }): MemberState {
    if (!this.#users.has(init.id)) {
      this.#users.set(init.id, { id: init.id, username: init.username ?? `user${init.id.slice(-4)}`, bot: false });
    }
    let member = guild.members.get(init.id);
    if (!member) {
      member = { userId: init.id, roles: [], nick: null, joinedAt: this.#now() };
      guild.members.set(init.id, member);
    }
    if (init.roles) member.roles = [...init.roles];
    if (init.nick !== undefined) member.nick = init.nick;
    return member;
  }

  #addChannelState(guild: GuildState, init: FakeChannelInit): ChannelState {
    const type = init.type ?? ChannelKind.Text;
    const isThread = THREAD_TYPES.has(type);
    if (isThread && !init.parentId) throw new Error(`thread ${init.id} needs a parentId`);
    const now = this.#now();
    const channel: ChannelState = {
      id: init.id,
      guildId: guild.id,
      name: init.name ?? `channel-${init.id.slice(-4)}`,
      type,
      parentId: init.parentId ?? null,
      position: init.position ?? this.#channels.size,
      topic: init.topic ?? null,
      flags: init.flags ?? 0,
      nsfw: init.nsfw ?? false,
      overwrites: (init.permissionOverwrites ?? []).map(toOverwrite),
      availableTags: (init.availableTags ?? []).map((t) => ({
        id: t.id,
        name: t.name,
        moderated: t.moderated ?? false,
      })),
      lastMessageId: null,
      forbidden: init.forbidden === true ? 'missing_permissions' : (init.forbidden ?? false),
      thread: isThread
        ? {
            ownerId: init.ownerId ?? this.botUserId,
            archived: init.archived ?? false,
            locked: init.locked ?? false,
            autoArchiveDuration: 1440,
            archiveTimestamp: now,
            createTimestamp: now,
            messageCount: 0,
            totalMessageSent: 0,
            appliedTags: [],
          }
        : null,
      deleted: false,
      messageIds: [],
    };
    this.#channels.set(channel.id, channel);
    return channel;
  }

  #guildOrThrow(id: string): GuildState {
    const guild = this.#guilds.get(id);
    if (!guild) throw new Error(`unknown guild ${id}`);
    return guild;
  }

  #channelOrThrow(id: string): ChannelState {
    const channel = this.#channels.get(id);
    if (!channel) throw new Error(`unknown channel ${id}`);
    return channel;
  }

  /** The channel whose overwrites apply (a thread's parent). */
  #permissionChannel(channel: ChannelState): ChannelState {
    if (channel.thread && channel.parentId) return this.#channels.get(channel.parentId) ?? channel;
    return channel;
  }

  #permissionsIn(channel: ChannelState | null, userId: string, guildId = channel?.guildId): bigint {
    const guild = guildId ? this.#guilds.get(guildId) : undefined;
    if (!guild) return 0n;
    const member = guild.members.get(userId);
    const rolePermissions = new Map<string, bigint>();
    for (const role of guild.roles.values()) rolePermissions.set(role.id, role.permissions);
    return computePermissions(
      { guildId: guild.id, ownerId: guild.ownerId, rolePermissions, userId, memberRoles: member?.roles ?? [] },
      channel ? this.#permissionChannel(channel).overwrites : null,
    );
  }

  // ---- JSON views -------------------------------------------------------------------------------------------

  #userJson(id: string): JsonObject {
    const user = this.#users.get(id) ?? { id, username: `user${id.slice(-4)}`, bot: false };
    const json: JsonObject = {
      id: user.id,
      username: user.username,
      global_name: user.bot ? null : user.username,
      discriminator: user.bot ? '0000' : '0',
      avatar: null,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
    };
    if (user.bot) json['bot'] = true;
    return json;
  }

  #roleJson(role: RoleState): JsonObject {
    const json: JsonObject = {
      id: role.id,
      name: role.name,
      color: role.color,
      colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: role.position,
      permissions: role.permissions.toString(),
      managed: role.managed,
      mentionable: role.mentionable,
      flags: 0,
    };
    if (role.botId) json['tags'] = { bot_id: role.botId };
    return json;
  }

  #memberJson(member: MemberState): JsonObject {
    return {
      user: this.#userJson(member.userId),
      nick: member.nick,
      avatar: null,
      banner: null,
      roles: member.roles,
      joined_at: iso(member.joinedAt),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  #channelJson(channel: ChannelState): JsonObject {
    const json: JsonObject = {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      parent_id: channel.parentId,
      flags: channel.flags,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
    };
    if (channel.thread) {
      const t = channel.thread;
      Object.assign(json, {
        owner_id: t.ownerId,
        message_count: t.messageCount,
        member_count: 1,
        total_message_sent: t.totalMessageSent,
        applied_tags: t.appliedTags,
        thread_metadata: {
          archived: t.archived,
          auto_archive_duration: t.autoArchiveDuration,
          archive_timestamp: iso(t.archiveTimestamp),
          locked: t.locked,
          create_timestamp: iso(t.createTimestamp),
          ...(channel.type === ChannelKind.PrivateThread ? { invitable: true } : {}),
        },
      });
      return json;
    }
    Object.assign(json, {
      position: channel.position,
      permission_overwrites: channel.overwrites.map((o) => ({
        id: o.id,
        type: o.type,
        allow: o.allow.toString(),
        deny: o.deny.toString(),
      })),
      nsfw: channel.nsfw,
      topic: channel.topic,
    });
    if (FORUM_TYPES.has(channel.type)) {
      Object.assign(json, {
        available_tags: channel.availableTags.map((t) => ({ ...t, emoji_id: null, emoji_name: null })),
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
        default_thread_rate_limit_per_user: 0,
        default_auto_archive_duration: 1440,
      });
    }
    return json;
  }

  #guildJson(guild: GuildState): JsonObject {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: [...guild.roles.values()].map((r) => this.#roleJson(r)),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.systemChannelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      max_members: 500_000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
    };
  }

  #guildCreateJson(guild: GuildState): JsonObject {
    const channels = [...this.#channels.values()].filter((c) => c.guildId === guild.id && !c.deleted);
    return {
      ...this.#guildJson(guild),
      joined_at: iso(guild.joinedAt),
      large: false,
      unavailable: false,
      lazy: true,
      member_count: guild.members.size,
      members: [...guild.members.values()].map((m) => this.#memberJson(m)),
      channels: channels.filter((c) => !c.thread).map((c) => this.#channelJson(c)),
      threads: channels.filter((c) => c.thread && !c.thread.archived).map((c) => this.#channelJson(c)),
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  #messageJson(message: FakeMessage): JsonObject {
    const json: JsonObject = {
      id: message.id,
      type: message.type,
      channel_id: message.channelId,
      author: this.#userJson(message.authorId),
      content: message.content,
      timestamp: iso(message.createdAt),
      edited_timestamp: message.editedAt === null ? null : iso(message.editedAt),
      tts: message.tts,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: message.attachments.map((a) => ({
        id: a.id,
        filename: a.filename,
        size: a.size,
        url: `https://cdn.discordapp.com/attachments/${message.channelId}/${a.id}/${a.filename}`,
        proxy_url: `https://media.discordapp.net/attachments/${message.channelId}/${a.id}/${a.filename}`,
      })),
      embeds: message.embeds.map((e) => ({ type: 'rich', ...e })),
      components: message.components,
      pinned: false,
      flags: message.flags,
    };
    if (message.nonce !== null) json['nonce'] = message.nonce;
    if (message.webhookId) {
      json['webhook_id'] = message.webhookId;
      json['application_id'] = this.applicationId;
    }
    if (message.messageReference !== null) json['message_reference'] = message.messageReference;
    const interaction = message.interactionId ? this.#interactions.get(message.interactionId) : undefined;
    if (interaction) {
      json['interaction_metadata'] = {
        id: interaction.id,
        type: interaction.payload['type'],
        user: this.#userJson(interaction.userId),
        authorizing_integration_owners: { '0': interaction.guildId },
      };
    }
    if (message.threadId) {
      const thread = this.#channels.get(message.threadId);
      if (thread && !thread.deleted) json['thread'] = this.#channelJson(thread);
    }
    return json;
  }

  // ---- Messages ---------------------------------------------------------------------------------------------

  #createMessage(
    channel: ChannelState,
    body: Record<string, unknown>,
    options: {
      id?: string;
      type?: number;
      ephemeral?: boolean;
      loading?: boolean;
      interaction?: InteractionRecord;
      files?: RouteContext['files'];
    },
  ): FakeMessage {
    const now = this.#now();
    const rawFlags = typeof body['flags'] === 'number' ? body['flags'] : 0;
    const keep = MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.ComponentsV2;
    let flags = rawFlags & keep;
    if (options.ephemeral) flags |= MessageFlag.Ephemeral;
    if (options.loading) flags |= MessageFlag.Loading;
    const nonce = body['nonce'];
    const message: FakeMessage = {
      id: options.id ?? this.#ids.next(),
      channelId: channel.id,
      guildId: channel.guildId,
      authorId: this.botUserId,
      content: str(body['content']) ?? '',
      embeds: Array.isArray(body['embeds']) ? (body['embeds'].filter(isRecord) as Record<string, unknown>[]) : [],
      components: Array.isArray(body['components']) ? body['components'] : [],
      allowedMentions: body['allowed_mentions'],
      flags,
      nonce: typeof nonce === 'string' || typeof nonce === 'number' ? nonce : null,
      enforceNonce: body['enforce_nonce'] === true,
      tts: body['tts'] === true,
      type: options.type ?? 0,
      ephemeral: options.ephemeral ?? false,
      interactionId: options.interaction?.id ?? null,
      webhookId: options.interaction ? this.applicationId : null,
      threadId: null,
      attachments: (options.files ?? []).map((f) => ({ id: this.#ids.next(), filename: f.name, size: f.size })),
      messageReference: body['message_reference'] ?? null,
      createdAt: now,
      editedAt: null,
      deleted: false,
      lastBody: body,
    };
    this.#messages.set(message.id, message);
    if (message.nonce !== null) {
      this.#nonces.set(`${message.authorId}:${String(message.nonce)}`, { messageId: message.id, at: now });
    }
    if (!message.ephemeral) {
      channel.messageIds.push(message.id);
      channel.lastMessageId = message.id;
      if (channel.thread) {
        channel.thread.messageCount += 1;
        channel.thread.totalMessageSent += 1;
      }
      void this.#gateway.dispatch(
        'MESSAGE_CREATE',
        { ...this.#messageJson(message), guild_id: channel.guildId },
        {
          guildId: channel.guildId,
          requiredIntent: INTENT_GUILD_MESSAGES,
        },
      );
    }
    return message;
  }

  /** Validates, checks the result is not empty, then applies an edit body to a message. */
  #editMessage(message: FakeMessage, body: JsonObject, issuesAt: (string | number)[] = []): void {
    const issues = new IssueList();
    const flagsForCheck = 'flags' in body && typeof body['flags'] === 'number' ? body['flags'] : message.flags;
    validateMessageBody(issues, { ...body, flags: flagsForCheck }, issuesAt);
    if (issues.size > 0) throw invalidForm(issues);
    const next = {
      content: 'content' in body ? (str(body['content']) ?? '') : message.content,
      embeds:
        'embeds' in body ? (Array.isArray(body['embeds']) ? body['embeds'].filter(isRecord) : []) : message.embeds,
      components:
        'components' in body ? (Array.isArray(body['components']) ? body['components'] : []) : message.components,
      attachments:
        'attachments' in body && Array.isArray(body['attachments'])
          ? message.attachments.filter((a) =>
              (body['attachments'] as unknown[]).some((x) => isRecord(x) && x['id'] === a.id),
            )
          : message.attachments,
    };
    if (isEmptyMessage(next)) throw new ApiError(400, 50006);
    message.content = next.content;
    message.embeds = next.embeds as Record<string, unknown>[];
    message.components = next.components;
    message.attachments = next.attachments;
    if ('allowed_mentions' in body) message.allowedMentions = body['allowed_mentions'];
    if ('flags' in body && typeof body['flags'] === 'number') {
      const editable = MessageFlag.SuppressEmbeds | MessageFlag.ComponentsV2;
      message.flags = (message.flags & ~editable) | (body['flags'] & editable);
    }
    message.flags &= ~MessageFlag.Loading;
    message.editedAt = this.#now();
    message.lastBody = body;
    if (!message.ephemeral) {
      void this.#gateway.dispatch(
        'MESSAGE_UPDATE',
        { ...this.#messageJson(message), guild_id: message.guildId },
        {
          guildId: message.guildId,
          requiredIntent: INTENT_GUILD_MESSAGES,
        },
      );
    }
  }

  // ---- REST access rules ------------------------------------------------------------------------------------

  /** 404 10003 for unknown/deleted channels or channels of guilds the bot left; 50001 when it can't see it. */
  #channelFor(id: string | undefined): ChannelState {
    const channel = id ? this.#channels.get(id) : undefined;
    if (!channel || channel.deleted) throw new ApiError(404, 10003);
    const guild = this.#guilds.get(channel.guildId);
    if (!guild || guild.removed) throw new ApiError(404, 10003);
    if (channel.forbidden === 'missing_access') throw new ApiError(403, 50001);
    if (!(this.#permissionsIn(channel, this.botUserId) & Perm.ViewChannel)) throw new ApiError(403, 50001);
    return channel;
  }

  #requirePermission(channel: ChannelState, permission: bigint): void {
    if (channel.forbidden) throw new ApiError(403, channel.forbidden === 'missing_access' ? 50001 : 50013);
    if ((this.#permissionsIn(channel, this.botUserId) & permission) !== permission) throw new ApiError(403, 50013);
  }

  #guildFor(id: string | undefined): GuildState {
    const guild = id ? this.#guilds.get(id) : undefined;
    if (!guild || guild.removed) throw new ApiError(404, 10004);
    return guild;
  }

  /** Posting into a thread unarchives it unless it is locked (docs/discord.md §7). */
  #prepareThreadForPost(channel: ChannelState): void {
    const thread = channel.thread;
    if (!thread) return;
    if (thread.locked) throw new ApiError(403, 160005);
    if (thread.archived) {
      thread.archived = false;
      thread.archiveTimestamp = this.#now();
      void this.#gateway.dispatch('THREAD_UPDATE', this.#channelJson(channel), {
        guildId: channel.guildId,
        requiredIntent: INTENT_GUILDS,
      });
    }
  }

  // ---- Routes -----------------------------------------------------------------------------------------------

  #buildRoutes(): RouteDef[] {
    const routes: RouteDef[] = [];
    const add = (
      method: string,
      template: string,
      bucket: BucketName,
      handler: RouteDef['handler'],
      flags: { auth?: boolean; global?: boolean } = {},
    ): void => {
      routes.push({
        method,
        template,
        segments: template.split('/'),
        bucket,
        auth: flags.auth ?? true,
        global: flags.global ?? true,
        handler,
      });
    };
    const open = { auth: false, global: false };

    add('GET', '/gateway', 'other', () => ({ status: 200, body: { url: this.gatewayUrl } }), { auth: false });
    add('GET', '/gateway/bot', 'other', () => ({
      status: 200,
      body: {
        url: this.gatewayUrl,
        shards: this.#options.shardCount ?? 1,
        session_start_limit: {
          total: 1000,
          remaining: Math.max(0, 1000 - this.#gateway.stats.identifies),
          reset_after: 86_400_000,
          max_concurrency: 1,
        },
      },
    }));
    add('GET', '/users/@me', 'other', () => ({ status: 200, body: this.#userJson(this.botUserId) }));
    add('GET', '/users/:user_id', 'other', (ctx) => {
      const id = ctx.params['user_id'] ?? '';
      if (!this.#users.has(id)) throw new ApiError(404, 10013);
      return { status: 200, body: this.#userJson(id) };
    });
    add('GET', '/applications/@me', 'other', () => ({
      status: 200,
      body: {
        id: this.applicationId,
        name: this.#users.get(this.botUserId)?.username ?? 'bot',
        icon: null,
        description: '',
        summary: '',
        type: null,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: shortHash(this.applicationId),
        flags: this.#options.applicationFlags ?? 0,
        team: null,
        owner: this.#userJson(FAKE_DEFAULTS.ownerId),
        bot: this.#userJson(this.botUserId),
        approximate_guild_count: this.#guilds.size,
      },
    }));

    // Application commands (bulk overwrite).
    add('GET', '/applications/:application_id/commands', 'applicationCommands', (ctx) => this.#getCommands(ctx, null));
    add('PUT', '/applications/:application_id/commands', 'applicationCommands', (ctx) => this.#putCommands(ctx, null));
    add('GET', '/applications/:application_id/guilds/:guild_id/commands', 'applicationCommands', (ctx) =>
      this.#getCommands(ctx, ctx.params['guild_id'] ?? null),
    );
    add('PUT', '/applications/:application_id/guilds/:guild_id/commands', 'applicationCommands', (ctx) =>
      this.#putCommands(ctx, ctx.params['guild_id'] ?? null),
    );

    // Interactions and their webhooks.
    add(
      'POST',
      '/interactions/:interaction_id/:interaction_token/callback',
      'interactionCallback',
      (ctx) => this.#interactionCallback(ctx),
      open,
    );
    add('POST', '/webhooks/:webhook_id/:webhook_token', 'webhook', (ctx) => this.#followup(ctx), open);
    add(
      'GET',
      '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
      'webhook',
      (ctx) => {
        const record = this.#webhookInteraction(ctx);
        return { status: 200, body: this.#messageJson(this.#webhookMessage(record, ctx.params['message_id'])) };
      },
      open,
    );
    add(
      'PATCH',
      '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
      'webhook',
      (ctx) => this.#webhookEdit(ctx),
      open,
    );
    add(
      'DELETE',
      '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
      'webhook',
      (ctx) => {
        const record = this.#webhookInteraction(ctx);
        const message = this.#webhookMessage(record, ctx.params['message_id']);
        this.#deleteMessage(message);
        return { status: 204 };
      },
      open,
    );

    // Channels and messages.
    add('GET', '/channels/:channel_id', 'channel', (ctx) => ({
      status: 200,
      body: this.#channelJson(this.#channelFor(ctx.params['channel_id'])),
    }));
    add('GET', '/channels/:channel_id/messages', 'channelMessagesRead', (ctx) => this.#listMessages(ctx));
    add('POST', '/channels/:channel_id/messages', 'channelMessages', (ctx) => this.#postMessage(ctx));
    add('GET', '/channels/:channel_id/messages/:message_id', 'channelMessage', (ctx) => ({
      status: 200,
      body: this.#messageJson(this.#channelMessage(ctx)),
    }));
    add('PATCH', '/channels/:channel_id/messages/:message_id', 'channelMessage', (ctx) => {
      const message = this.#channelMessage(ctx);
      if (message.authorId !== this.botUserId) throw new ApiError(403, 50005);
      this.#editMessage(message, isRecord(ctx.body) ? ctx.body : {});
      return { status: 200, body: this.#messageJson(message) };
    });
    add('DELETE', '/channels/:channel_id/messages/:message_id', 'channelMessage', (ctx) => {
      const message = this.#channelMessage(ctx);
      if (message.authorId !== this.botUserId) {
        this.#requirePermission(this.#channelFor(ctx.params['channel_id']), Perm.ManageMessages);
      }
      this.#deleteMessage(message);
      return { status: 204 };
    });
    add('POST', '/channels/:channel_id/messages/:message_id/threads', 'threads', (ctx) => this.#threadFromMessage(ctx));
    add('POST', '/channels/:channel_id/threads', 'threads', (ctx) => this.#threadWithoutMessage(ctx));
    add('GET', '/channels/:channel_id/threads/archived/public', 'channel', (ctx) => {
      const channel = this.#channelFor(ctx.params['channel_id']);
      const threads = [...this.#channels.values()].filter(
        (c) => c.parentId === channel.id && c.thread?.archived && c.type !== ChannelKind.PrivateThread && !c.deleted,
      );
      return { status: 200, body: { threads: threads.map((c) => this.#channelJson(c)), members: [], has_more: false } };
    });

    // Guilds.
    add('GET', '/guilds/:guild_id', 'guild', (ctx) => {
      const guild = this.#guildFor(ctx.params['guild_id']);
      const body = this.#guildJson(guild);
      if (ctx.query.get('with_counts') === 'true') {
        body['approximate_member_count'] = guild.members.size;
        body['approximate_presence_count'] = 0;
      }
      return { status: 200, body };
    });
    add('GET', '/guilds/:guild_id/channels', 'guild', (ctx) => {
      const guild = this.#guildFor(ctx.params['guild_id']);
      const channels = [...this.#channels.values()].filter((c) => c.guildId === guild.id && !c.thread && !c.deleted);
      return { status: 200, body: channels.map((c) => this.#channelJson(c)) };
    });
    add('GET', '/guilds/:guild_id/roles', 'guild', (ctx) => ({
      status: 200,
      body: [...this.#guildFor(ctx.params['guild_id']).roles.values()].map((r) => this.#roleJson(r)),
    }));
    add('GET', '/guilds/:guild_id/members/:user_id', 'guild', (ctx) => {
      const guild = this.#guildFor(ctx.params['guild_id']);
      const member = guild.members.get(ctx.params['user_id'] ?? '');
      if (!member) throw new ApiError(404, 10007);
      return { status: 200, body: this.#memberJson(member) };
    });
    add('GET', '/guilds/:guild_id/threads/active', 'guild', (ctx) => {
      const guild = this.#guildFor(ctx.params['guild_id']);
      const threads = [...this.#channels.values()].filter(
        (c) => c.guildId === guild.id && c.thread && !c.thread.archived && !c.deleted,
      );
      return {
        status: 200,
        body: {
          threads: threads.map((c) => this.#channelJson(c)),
          members: threads
            .filter((c) => c.thread?.ownerId === this.botUserId)
            .map((c) => ({
              id: c.id,
              user_id: this.botUserId,
              join_timestamp: iso(c.thread?.createTimestamp ?? 0),
              flags: 1,
            })),
        },
      };
    });
    return routes;
  }

  #match(method: string, segments: string[]): { route: RouteDef; params: Record<string, string> } | 'method' | null {
    let pathMatched = false;
    for (const route of this.#routes) {
      if (route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const pattern = route.segments[i] ?? '';
        const actual = segments[i] ?? '';
        if (pattern.startsWith(':')) {
          if (actual === '') ok = false;
          params[pattern.slice(1)] = actual;
        } else if (pattern !== actual) {
          ok = false;
        }
        if (!ok) break;
      }
      if (!ok) continue;
      // Literal routes (`/users/@me`) are listed before parameter routes and win.
      if (route.method === method) return { route, params };
      pathMatched = true;
    }
    return pathMatched ? 'method' : null;
  }

  // ---- Handlers: commands -----------------------------------------------------------------------------------

  #checkApplication(ctx: RouteContext, guildId: string | null): string {
    if (ctx.params['application_id'] !== this.applicationId) throw new ApiError(403, 50001);
    if (guildId !== null) this.#guildFor(guildId);
    return guildId ?? 'global';
  }

  #getCommands(ctx: RouteContext, guildId: string | null): Reply {
    const key = this.#checkApplication(ctx, guildId);
    return { status: 200, body: this.#commands.get(key) ?? [] };
  }

  #putCommands(ctx: RouteContext, guildId: string | null): Reply {
    const key = this.#checkApplication(ctx, guildId);
    const issues = new IssueList();
    validateCommandList(issues, ctx.body);
    if (issues.size > 0) throw invalidForm(issues);
    const stored = (ctx.body as unknown[]).filter(isRecord).map((command) => {
      const type = typeof command['type'] === 'number' ? command['type'] : 1;
      const idKey = `${key}:${type}:${String(command['name'])}`;
      const id = this.#commandIds.get(idKey) ?? this.#ids.next();
      this.#commandIds.set(idKey, id);
      const json: JsonObject = {
        id,
        application_id: this.applicationId,
        version: this.#ids.next(),
        type,
        name: command['name'],
        name_localizations: command['name_localizations'] ?? null,
        description: command['description'] ?? '',
        description_localizations: command['description_localizations'] ?? null,
        options: command['options'] ?? [],
        default_member_permissions: command['default_member_permissions'] ?? null,
        nsfw: command['nsfw'] ?? false,
      };
      if (guildId) json['guild_id'] = guildId;
      else {
        json['contexts'] = command['contexts'] ?? null;
        json['integration_types'] = command['integration_types'] ?? [0];
        json['dm_permission'] = command['dm_permission'] ?? true;
      }
      return json;
    });
    this.#commands.set(key, stored);
    return { status: 200, body: stored };
  }

  // ---- Handlers: channel messages ---------------------------------------------------------------------------

  #channelMessage(ctx: RouteContext): FakeMessage {
    const channel = this.#channelFor(ctx.params['channel_id']);
    const message = this.#messages.get(ctx.params['message_id'] ?? '');
    if (!message || message.deleted || message.ephemeral || message.channelId !== channel.id) {
      throw new ApiError(404, 10008);
    }
    return message;
  }

  #listMessages(ctx: RouteContext): Reply {
    const channel = this.#channelFor(ctx.params['channel_id']);
    if (!(this.#permissionsIn(channel, this.botUserId) & Perm.ReadMessageHistory)) return { status: 200, body: [] };
    const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 50) || 50));
    let list = this.messages(channel.id);
    const before = ctx.query.get('before');
    const after = ctx.query.get('after');
    const around = ctx.query.get('around');
    if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
    if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
    if (around) {
      const index = list.findIndex((m) => BigInt(m.id) >= BigInt(around));
      const start = Math.max(0, (index < 0 ? list.length : index) - Math.floor(limit / 2));
      list = list.slice(start, start + limit);
    }
    return {
      status: 200,
      body: list
        .slice(-limit)
        .reverse()
        .map((m) => this.#messageJson(m)),
    };
  }

  #postMessage(ctx: RouteContext): Reply {
    const channel = this.#channelFor(ctx.params['channel_id']);
    if (FORUM_TYPES.has(channel.type)) throw new ApiError(400, 40058);
    if (!MESSAGEABLE_TYPES.has(channel.type)) throw new ApiError(400, 50008);
    this.#requirePermission(channel, channel.thread ? Perm.SendMessagesInThreads : Perm.SendMessages);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const issues = new IssueList();
    validateMessageBody(issues, body);
    if (issues.size > 0) throw invalidForm(issues);
    const nonce = body['nonce'];
    if (body['enforce_nonce'] === true && (typeof nonce === 'string' || typeof nonce === 'number')) {
      const seen = this.#nonces.get(`${this.botUserId}:${String(nonce)}`);
      const original = seen ? this.#messages.get(seen.messageId) : undefined;
      const window = this.#options.nonceWindowMs ?? 5 * 60_000;
      if (seen && original && !original.deleted && this.#now() - seen.at <= window) {
        return { status: 200, body: this.#messageJson(original) };
      }
    }
    if (
      isEmptyMessage({
        content: str(body['content']) ?? '',
        embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
        components: Array.isArray(body['components']) ? body['components'] : [],
        attachments: ctx.files,
        stickers: Array.isArray(body['sticker_ids']) ? body['sticker_ids'] : [],
        poll: body['poll'],
      })
    ) {
      throw new ApiError(400, 50006);
    }
    this.#prepareThreadForPost(channel);
    const message = this.#createMessage(channel, body, { files: ctx.files });
    return { status: 200, body: this.#messageJson(message) };
  }

  #deleteMessage(message: FakeMessage): void {
    message.deleted = true;
    const channel = this.#channels.get(message.channelId);
    if (channel) channel.messageIds = channel.messageIds.filter((id) => id !== message.id);
    if (!message.ephemeral) {
      void this.#gateway.dispatch(
        'MESSAGE_DELETE',
        { id: message.id, channel_id: message.channelId, guild_id: message.guildId },
        {
          guildId: message.guildId,
          requiredIntent: INTENT_GUILD_MESSAGES,
        },
      );
    }
  }

  // ---- Handlers: threads ------------------------------------------------------------------------------------

  #createThread(parent: ChannelState, id: string, name: string, type: number, body: JsonObject): ChannelState {
    const now = this.#now();
    const autoArchive = typeof body['auto_archive_duration'] === 'number' ? body['auto_archive_duration'] : 1440;
    const thread = this.#addChannelState(this.#guildOrThrow(parent.guildId), {
      id,
      name,
      type,
      parentId: parent.id,
      ownerId: this.botUserId,
    });
    if (thread.thread) {
      thread.thread.autoArchiveDuration = autoArchive;
      thread.thread.createTimestamp = now;
      thread.thread.archiveTimestamp = now;
      thread.thread.appliedTags = Array.isArray(body['applied_tags']) ? body['applied_tags'].map(String) : [];
    }
    return thread;
  }

  #announceThread(thread: ChannelState, extra: JsonObject = {}): void {
    void this.#gateway.dispatch(
      'THREAD_CREATE',
      { ...this.#channelJson(thread), newly_created: true, ...extra },
      {
        guildId: thread.guildId,
        requiredIntent: INTENT_GUILDS,
      },
    );
  }

  #threadFromMessage(ctx: RouteContext): Reply {
    const channel = this.#channelFor(ctx.params['channel_id']);
    if (channel.type !== ChannelKind.Text && channel.type !== ChannelKind.Announcement) throw new ApiError(400, 50024);
    const message = this.#channelMessage(ctx);
    if (message.threadId) throw new ApiError(400, 160004);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const issues = new IssueList();
    validateThreadName(issues, body['name']);
    validateAutoArchive(issues, body['auto_archive_duration']);
    if (issues.size > 0) throw invalidForm(issues);
    this.#requirePermission(channel, Perm.CreatePublicThreads);
    const type = channel.type === ChannelKind.Announcement ? ChannelKind.AnnouncementThread : ChannelKind.PublicThread;
    const thread = this.#createThread(channel, message.id, String(body['name']), type, body);
    message.threadId = thread.id;
    message.flags |= MessageFlag.HasThread;
    this.#announceThread(thread);
    return { status: 201, body: this.#channelJson(thread) };
  }

  #threadWithoutMessage(ctx: RouteContext): Reply {
    const channel = this.#channelFor(ctx.params['channel_id']);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const issues = new IssueList();
    validateThreadName(issues, body['name']);
    validateAutoArchive(issues, body['auto_archive_duration']);

    if (FORUM_TYPES.has(channel.type)) {
      const message = body['message'];
      if (!isRecord(message)) issues.add(['message'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else validateMessageBody(issues, message, ['message']);
      const tags = Array.isArray(body['applied_tags']) ? body['applied_tags'] : [];
      if (tags.length > 5) issues.add(['applied_tags'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
      tags.forEach((tag: unknown, i) => {
        if (!channel.availableTags.some((t) => t.id === String(tag))) {
          issues.add(['applied_tags', i], 'FORUM_TAG_INVALID', 'Tag does not exist in this channel');
        }
      });
      if (issues.size > 0) throw invalidForm(issues);
      if (channel.flags & CHANNEL_FLAG_REQUIRE_TAG && tags.length === 0) throw new ApiError(400, 40067);
      this.#requirePermission(channel, Perm.SendMessages);
      const starter = message as JsonObject;
      if (
        isEmptyMessage({
          content: str(starter['content']) ?? '',
          embeds: Array.isArray(starter['embeds']) ? starter['embeds'] : [],
          components: Array.isArray(starter['components']) ? starter['components'] : [],
          attachments: ctx.files,
          stickers: Array.isArray(starter['sticker_ids']) ? starter['sticker_ids'] : [],
        })
      ) {
        throw new ApiError(400, 50006);
      }
      // Forum posts take no nonce (docs/discord.md §5); the starter message id equals the thread id.
      const { nonce: _nonce, enforce_nonce: _enforce, ...starterBody } = starter;
      const thread = this.#createThread(
        channel,
        this.#ids.next(),
        String(body['name']),
        ChannelKind.PublicThread,
        body,
      );
      const starterMessage = this.#createMessage(thread, starterBody, { id: thread.id, files: ctx.files });
      channel.lastMessageId = thread.id;
      const messageJson = this.#messageJson(starterMessage);
      this.#announceThread(thread);
      return { status: 201, body: { ...this.#channelJson(thread), message: messageJson } };
    }

    if (channel.type !== ChannelKind.Text && channel.type !== ChannelKind.Announcement) throw new ApiError(400, 50024);
    const requested = typeof body['type'] === 'number' ? body['type'] : ChannelKind.PrivateThread;
    const allowed: number[] =
      channel.type === ChannelKind.Announcement
        ? [ChannelKind.AnnouncementThread]
        : [ChannelKind.PublicThread, ChannelKind.PrivateThread];
    if (!allowed.includes(requested)) {
      issues.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
    }
    if (issues.size > 0) throw invalidForm(issues);
    this.#requirePermission(
      channel,
      requested === ChannelKind.PrivateThread ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads,
    );
    const thread = this.#createThread(channel, this.#ids.next(), String(body['name']), requested, body);
    this.#announceThread(thread);
    return { status: 201, body: this.#channelJson(thread) };
  }

  // ---- Handlers: interactions -------------------------------------------------------------------------------

  #interactionCallback(ctx: RouteContext): Reply {
    const record = this.#interactions.get(ctx.params['interaction_id'] ?? '');
    if (!record || record.token !== ctx.params['interaction_token']) throw new ApiError(404, 10062);
    if (record.callback) throw new ApiError(400, 40060);
    if (this.#now() > record.expiresAt) throw new ApiError(404, 10062);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const type = body['type'];
    const data = isRecord(body['data']) ? body['data'] : undefined;
    const allowed = record.kind === 'autocomplete' ? [8] : record.kind === 'command' ? [4, 5, 9] : [4, 5, 6, 7, 9];
    const issues = new IssueList();
    if (typeof type !== 'number' || !allowed.includes(type)) {
      issues.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
      throw invalidForm(issues);
    }
    const channel = this.#channels.get(record.channelId);
    if (!channel) throw new ApiError(404, 10003);
    const commandReply = record.kind === 'command' ? 20 : 0;
    let message: FakeMessage | undefined;

    switch (type) {
      case 4: {
        if (!data) issues.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
        else validateMessageBody(issues, data, ['data']);
        if (issues.size > 0) throw invalidForm(issues);
        const d = data as JsonObject;
        if (
          isEmptyMessage({
            content: str(d['content']) ?? '',
            embeds: Array.isArray(d['embeds']) ? d['embeds'] : [],
            components: Array.isArray(d['components']) ? d['components'] : [],
            attachments: ctx.files,
          })
        ) {
          throw new ApiError(400, 50006);
        }
        const ephemeral = typeof d['flags'] === 'number' && (d['flags'] & MessageFlag.Ephemeral) !== 0;
        message = this.#createMessage(channel, d, {
          type: commandReply,
          ephemeral,
          interaction: record,
          files: ctx.files,
        });
        record.originalMessageId = message.id;
        break;
      }
      case 5: {
        const ephemeral = typeof data?.['flags'] === 'number' && (data['flags'] & MessageFlag.Ephemeral) !== 0;
        message = this.#createMessage(
          channel,
          {},
          { type: commandReply, ephemeral, loading: true, interaction: record },
        );
        record.originalMessageId = message.id;
        break;
      }
      case 6:
        record.originalMessageId = record.componentMessageId;
        break;
      case 7: {
        const target = record.componentMessageId ? this.#messages.get(record.componentMessageId) : undefined;
        if (!target) throw new ApiError(404, 10008);
        this.#editMessage(target, data ?? {}, ['data']);
        record.originalMessageId = target.id;
        message = target;
        break;
      }
      case 8:
        validateChoices(issues, data, ['data']);
        if (issues.size > 0) throw invalidForm(issues);
        break;
      default:
        break;
    }

    record.callback = { type, data, withResponse: ctx.query.get('with_response') === 'true', at: this.#now() };
    if (!record.callback.withResponse) return { status: 204 };
    const resource: JsonObject = { type };
    if (message) resource['message'] = this.#messageJson(message);
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.payload['type'],
          activity_instance_id: null,
          response_message_id: message?.id ?? null,
          response_message_loading: type === 5,
          response_message_ephemeral: message?.ephemeral ?? false,
        },
        resource,
      },
    };
  }

  #webhookInteraction(ctx: RouteContext): InteractionRecord {
    const record = this.#interactionsByToken.get(ctx.params['webhook_token'] ?? '');
    if (ctx.params['webhook_id'] !== this.applicationId || !record) throw new ApiError(404, 10015);
    const lifetime = this.#options.interactionTokenLifetimeMs ?? 15 * 60_000;
    if (this.#now() > record.createdAt + lifetime) throw new ApiError(401, 50027);
    if (!record.callback) throw new ApiError(404, 10015);
    return record;
  }

  #webhookMessage(record: InteractionRecord, target: string | undefined): FakeMessage {
    const id = target === '@original' ? record.originalMessageId : target;
    const allowedIds = [record.originalMessageId, ...record.followupIds];
    const message = id && allowedIds.includes(id) ? this.#messages.get(id) : undefined;
    if (!message || message.deleted) throw new ApiError(404, 10008);
    return message;
  }

  #webhookEdit(ctx: RouteContext): Reply {
    const record = this.#webhookInteraction(ctx);
    const target = ctx.params['message_id'] ?? '';
    const message = this.#webhookMessage(record, target);
    const body = isRecord(ctx.body) ? ctx.body : {};
    this.#editMessage(message, body);
    record.edits.push({ target, messageId: message.id, body, at: this.#now() });
    return { status: 200, body: this.#messageJson(message) };
  }

  #followup(ctx: RouteContext): Reply {
    const record = this.#webhookInteraction(ctx);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const issues = new IssueList();
    validateMessageBody(issues, body);
    if (issues.size > 0) throw invalidForm(issues);
    const original = record.originalMessageId ? this.#messages.get(record.originalMessageId) : undefined;
    let message: FakeMessage;
    if (original && original.flags & MessageFlag.Loading && record.callback?.type === 5) {
      // The first follow-up after a deferred reply replaces the "thinking" message.
      this.#editMessage(original, body);
      message = original;
    } else {
      const shape = {
        content: str(body['content']) ?? '',
        embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
        components: Array.isArray(body['components']) ? body['components'] : [],
        attachments: ctx.files,
      };
      if (isEmptyMessage(shape)) throw new ApiError(400, 50006);
      const channel = this.#channels.get(record.channelId);
      if (!channel) throw new ApiError(404, 10003);
      const ephemeral = typeof body['flags'] === 'number' && (body['flags'] & MessageFlag.Ephemeral) !== 0;
      message = this.#createMessage(channel, body, {
        type: record.kind === 'command' ? 20 : 0,
        ephemeral,
        interaction: record,
        files: ctx.files,
      });
    }
    record.followupIds.push(message.id);
    if (ctx.query.get('wait') !== 'true') return { status: 204 };
    return { status: 200, body: this.#messageJson(message) };
  }

  #buildInteraction(init: InteractionInit): InteractionRecord {
    const channel = this.#channelOrThrow(init.channelId);
    const guild = this.#guildOrThrow(init.guildId ?? channel.guildId);
    const userId = init.user?.id ?? FAKE_DEFAULTS.userId;
    const member = this.#ensureMember(guild, { ...init.user, id: userId });
    const memberPermissions =
      init.permissions !== undefined ? toBits(init.permissions) : this.#permissionsIn(channel, userId, guild.id);
    const id = this.#ids.next();
    const token = Buffer.from(`interaction:${id}:${randomToken(48)}`).toString('base64url');
    const now = this.#now();
    const base: JsonObject = {
      id,
      application_id: this.applicationId,
      token,
      version: 1,
      guild_id: guild.id,
      guild: { id: guild.id, locale: 'en-US', features: [] },
      channel_id: channel.id,
      channel: { ...this.#channelJson(channel), permissions: memberPermissions.toString() },
      member: { ...this.#memberJson(member), permissions: memberPermissions.toString() },
      app_permissions: this.#permissionsIn(channel, this.botUserId, guild.id).toString(),
      locale: init.locale ?? 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 26_214_400,
    };
    let componentMessageId: string | null = null;
    switch (init.kind) {
      case 'command':
      case 'autocomplete':
        base['type'] = init.kind === 'command' ? 2 : 4;
        base['data'] = this.#commandData(init, guild, channel, userId);
        break;
      case 'button':
      case 'select': {
        const message = this.#messages.get(init.messageId);
        if (!message || message.deleted) throw new Error(`unknown message ${init.messageId}`);
        if (!componentExists(message.components, init.customId)) {
          throw new Error(`message ${init.messageId} has no component with custom_id ${init.customId}`);
        }
        componentMessageId = message.id;
        base['type'] = 3;
        base['message'] = this.#messageJson(message);
        base['data'] =
          init.kind === 'button'
            ? { custom_id: init.customId, component_type: 2 }
            : { custom_id: init.customId, component_type: 3, values: init.values };
        break;
      }
    }
    return {
      id,
      token,
      kind: init.kind,
      guildId: guild.id,
      channelId: channel.id,
      userId,
      payload: base,
      createdAt: now,
      expiresAt: now + (init.expiresInMs ?? this.#options.interactionResponseWindowMs ?? 3000),
      componentMessageId,
      callback: null,
      originalMessageId: null,
      edits: [],
      followupIds: [],
    };
  }

  #findCommand(name: string, guildId: string): JsonObject | undefined | null {
    const guildCommands = this.#commands.get(guildId) ?? [];
    const globalCommands = this.#commands.get('global') ?? [];
    if (guildCommands.length === 0 && globalCommands.length === 0) return null;
    return [...guildCommands, ...globalCommands].find((c) => c['name'] === name && (c['type'] ?? 1) === 1);
  }

  #commandData(
    init: CommandInteractionInit & { kind: 'command' | 'autocomplete'; focused?: string },
    guild: GuildState,
    channel: ChannelState,
    userId: string,
  ): JsonObject {
    const definition = this.#findCommand(init.name, guild.id);
    if (definition === undefined) throw new Error(`command /${init.name} is not registered`);
    let defs: unknown[] = definition ? (Array.isArray(definition['options']) ? definition['options'] : []) : [];
    const descend = (name: string, type: number): void => {
      if (!definition) return;
      const next = defs.find((o) => isRecord(o) && o['name'] === name && o['type'] === type);
      if (!isRecord(next))
        throw new Error(`command /${init.name} has no ${type === 2 ? 'group' : 'subcommand'} ${name}`);
      defs = Array.isArray(next['options']) ? next['options'] : [];
    };
    if (init.subcommandGroup) descend(init.subcommandGroup, 2);
    if (init.subcommand) descend(init.subcommand, 1);

    const resolved: Record<string, Record<string, unknown>> = {};
    const addResolved = (kind: string, id: string, value: unknown): void => {
      resolved[kind] ??= {};
      (resolved[kind] as Record<string, unknown>)[id] = value;
    };
    const entries = Object.entries(init.options ?? {});
    if (init.focused !== undefined && !entries.some(([name]) => name === init.focused))
      entries.push([init.focused, '']);
    const leaf = entries.map(([name, input]): JsonObject => {
      const def = defs.find((o) => isRecord(o) && o['name'] === name);
      if (definition && !isRecord(def)) throw new Error(`command /${init.name} has no option ${name}`);
      const type = inferOptionType(input, isRecord(def) && typeof def['type'] === 'number' ? def['type'] : undefined);
      const value = typeof input === 'object' ? input.value : input;
      const option: JsonObject = { name, type, value };
      if (name === init.focused) {
        option['focused'] = true;
        option['value'] = String(value);
        return option;
      }
      const idValue = String(value);
      if (type === 7) {
        const target = this.#channels.get(idValue);
        if (!target) throw new Error(`unknown channel ${idValue} for option ${name}`);
        addResolved('channels', idValue, {
          ...this.#channelJson(target),
          permissions: this.#permissionsIn(target, userId, guild.id).toString(),
        });
      } else if (type === 8 || (type === 9 && guild.roles.has(idValue))) {
        const role = guild.roles.get(idValue);
        if (!role) throw new Error(`unknown role ${idValue} for option ${name}`);
        addResolved('roles', idValue, this.#roleJson(role));
      } else if (type === 6 || type === 9) {
        const member = this.#ensureMember(guild, { id: idValue });
        addResolved('users', idValue, this.#userJson(idValue));
        const { user: _user, ...memberJson } = this.#memberJson(member);
        const permissions = this.#permissionsIn(channel, idValue, guild.id).toString();
        addResolved('members', idValue, { ...memberJson, permissions });
      }
      return option;
    });
    let options: JsonObject[] = leaf;
    if (init.subcommand) options = [{ name: init.subcommand, type: 1, options }];
    if (init.subcommandGroup) options = [{ name: init.subcommandGroup, type: 2, options }];

    const idKey = `${definition?.['guild_id'] ?? 'global'}:1:${init.name}`;
    let commandId = definition ? str(definition['id']) : this.#commandIds.get(idKey);
    if (!commandId) {
      commandId = this.#ids.next();
      this.#commandIds.set(idKey, commandId);
    }
    const data: JsonObject = { id: commandId, name: init.name, type: 1, options };
    if (definition?.['guild_id']) data['guild_id'] = definition['guild_id'];
    if (Object.keys(resolved).length > 0) data['resolved'] = resolved;
    return data;
  }

  // =============================================================================================================
  // HTTP plumbing

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch {
      this.#send(res, null, 413, { message: 'Request entity too large', code: 40005 }, {});
      return;
    }
    const versioned = /^\/api(?:\/v(\d+))?(\/.*)?$/.exec(url.pathname);
    const segments = (versioned?.[2] ?? '/').split('/').map(decodeSegment);
    const path = segments.join('/');
    const matched = versioned ? this.#match(method, segments) : null;
    const route = matched && matched !== 'method' ? matched.route : null;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[key] = value;
      else if (Array.isArray(value)) headers[key] = value.join(', ');
    }
    const record: RecordedRequest = {
      seq: ++this.#requestSeq,
      method,
      path,
      rawPath: url.pathname,
      route: route ? `${method} ${route.template}` : null,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      files: [],
      at: Date.now(),
      status: null,
      outcome: 'pending',
      fault: false,
    };
    this.requests.push(record);
    this.#requestBuckets.set(record, this.#bucketOf(route, matched && matched !== 'method' ? matched.params : {}));
    res.on('close', () => {
      // The client gave up (timeout, destroy) before an answer was written.
      if (record.outcome === 'pending' && !res.writableFinished) record.outcome = 'aborted';
      this.#hung.delete(res);
    });

    let parsed: { body: unknown; files: RecordedRequest['files'] } | ApiError;
    try {
      parsed = await parseBody(raw, headers['content-type'] ?? '');
    } catch {
      parsed = new ApiError(400, 50109);
    }
    if (!(parsed instanceof ApiError)) {
      record.body = parsed.body;
      record.files = parsed.files;
    }

    const fault = this.#takeFault(method, path, route?.template ?? null);
    if (fault) {
      record.fault = true;
      // Delay-only faults, and `applyFirst`, let the request take effect before the misbehaviour.
      const takesEffect = fault.applyFirst === true || (fault.status === undefined && !fault.hang && !fault.reset);
      let result: HandledReply | null = null;
      if (takesEffect) {
        if (parsed instanceof ApiError) result = { status: parsed.status, body: parsed.body(), headers: {} };
        else if (route && matched && matched !== 'method') {
          result = this.#handle(record, route, matched.params, url.searchParams, parsed);
        } else result = { status: 404, body: { message: '404: Not Found', code: 0 }, headers: {} };
      }
      await this.#applyFault(res, record, fault, route, result);
      return;
    }

    if (!versioned || matched === null) {
      this.unhandled.push(record);
      this.#send(res, record, 404, { message: '404: Not Found', code: 0 }, {});
      return;
    }
    if (matched === 'method') {
      this.#send(res, record, 405, { message: '405: Method Not Allowed', code: 0 }, {});
      return;
    }
    if (parsed instanceof ApiError) {
      this.#recordViolation(record, parsed);
      this.#send(res, record, parsed.status, parsed.body(), {});
      return;
    }
    const result = this.#handle(record, matched.route, matched.params, url.searchParams, parsed);
    this.#send(res, record, result.status, result.body, result.headers);
  }

  /** Auth, rate limits, then the route handler; returns what to answer. */
  #handle(
    record: RecordedRequest,
    route: RouteDef,
    params: Record<string, string>,
    query: URLSearchParams,
    parsed: { body: unknown; files: RecordedRequest['files'] },
  ): HandledReply {
    if (route.auth && record.headers['authorization'] !== `Bot ${this.token}`) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 }, headers: {} };
    }
    const limited = this.#rateLimit(route, params);
    if (limited.status === 429) return limited;
    try {
      const reply = route.handler({
        method: record.method,
        path: record.path,
        params,
        query,
        body: parsed.body,
        files: parsed.files,
      });
      return { status: reply.status, body: reply.body, headers: limited.headers };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.#recordViolation(record, error);
      return { status: error.status, body: error.body(), headers: limited.headers };
    }
  }

  #recordViolation(record: RecordedRequest, error: ApiError): void {
    this.violations.push({
      at: Date.now(),
      method: record.method,
      path: record.path,
      route: record.route,
      status: error.status,
      code: error.code,
      message: error.message,
      errors: error.issues?.flat() ?? [],
    });
  }

  #send(
    res: ServerResponse,
    record: RecordedRequest | null,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): void {
    if (res.destroyed || res.writableEnded) return;
    const payload = status === 204 || body === undefined ? '' : JSON.stringify(body);
    // Every answer carries the bucket headers; answers that were not counted report the current state.
    const bucket = record ? this.#requestBuckets.get(record) : undefined;
    const rateHeaders = bucket && !('X-RateLimit-Bucket' in headers) ? this.#bucketHeaders(bucket, Date.now()) : {};
    const out: Record<string, string | number> = {
      ...rateHeaders,
      ...headers,
      'Content-Length': Buffer.byteLength(payload),
    };
    if (payload) out['Content-Type'] = 'application/json';
    res.writeHead(status, out);
    res.end(payload);
    if (!record) return;
    record.status = status;
    record.outcome = 'answered';
    if (status === 429)
      this.#rateLimitHits.set(
        record.route ?? record.path,
        (this.#rateLimitHits.get(record.route ?? record.path) ?? 0) + 1,
      );
    if (status === 401 || status === 403 || status === 429) this.#invalidRequests += 1;
  }

  // ---- Rate limits --------------------------------------------------------------------------------------------

  #bucketLimit(bucket: BucketName): BucketLimit {
    return (
      this.#options.rateLimits?.buckets?.[bucket] ??
      this.#options.rateLimits?.defaultBucket ?? { limit: 1000, windowMs: 1000 }
    );
  }

  #window(key: string, limit: BucketLimit, now: number): Window {
    let window = this.#windows.get(key);
    if (!window || now >= window.start + limit.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  #retryAfterHeader(seconds: number): string {
    return this.#options.rateLimits?.integerRetryAfter ? String(Math.max(1, Math.ceil(seconds))) : seconds.toFixed(3);
  }

  /** Counts the request in the global and route windows; returns headers for the answer or a 429. */
  /** The bucket a request counts in: its route family and major parameter. */
  #bucketOf(route: RouteDef | null, params: Record<string, string>): { bucket: BucketName; major: string } {
    if (!route) return { bucket: 'other', major: '' };
    const major =
      params['channel_id'] ??
      params['guild_id'] ??
      (params['webhook_id'] ? `${params['webhook_id']}/${params['webhook_token'] ?? ''}` : undefined) ??
      params['interaction_id'] ??
      '';
    return { bucket: route.bucket, major };
  }

  /** `X-RateLimit-*` headers for a bucket; with `remaining` omitted, the current count is reported. */
  #bucketHeaders(at: { bucket: BucketName; major: string }, now: number, remaining?: number): Record<string, string> {
    const limit = this.#bucketLimit(at.bucket);
    const window = this.#window(`${at.bucket}:${at.major}`, limit, now);
    const resetAt = window.start + limit.windowMs;
    return {
      'X-RateLimit-Limit': String(limit.limit),
      'X-RateLimit-Remaining': String(Math.max(0, remaining ?? limit.limit - window.count)),
      'X-RateLimit-Reset': (resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': (Math.max(0, resetAt - now) / 1000).toFixed(3),
      'X-RateLimit-Bucket': shortHash(at.bucket),
    };
  }

  /** Counts the request in the global and route windows; returns headers for the answer or a 429. */
  #rateLimit(route: RouteDef, params: Record<string, string>): HandledReply {
    const now = Date.now();
    const at = this.#bucketOf(route, params);
    const limit = this.#bucketLimit(at.bucket);
    const window = this.#window(`${at.bucket}:${at.major}`, limit, now);
    const globalLimit = this.#options.rateLimits?.global ?? { limit: 50, windowMs: 1000 };
    if (route.global && globalLimit !== false) {
      const g = this.#window('global', globalLimit, now);
      if (g.count >= globalLimit.limit) {
        const retryAfter = Math.max(0.001, (g.start + globalLimit.windowMs - now) / 1000);
        return {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global: true },
          headers: {
            ...this.#bucketHeaders(at, now),
            'Retry-After': this.#retryAfterHeader(retryAfter),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          },
        };
      }
      g.count += 1;
    }
    if (window.count >= limit.limit) {
      const retryAfter = Math.max(0.001, (window.start + limit.windowMs - now) / 1000);
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global: false },
        headers: {
          ...this.#bucketHeaders(at, now, 0),
          'Retry-After': this.#retryAfterHeader(retryAfter),
          'X-RateLimit-Scope': 'user',
        },
      };
    }
    window.count += 1;
    return { status: 200, body: undefined, headers: this.#bucketHeaders(at, now) };
  }

  // ---- Faults -------------------------------------------------------------------------------------------------

  #takeFault(method: string, path: string, template: string | null): FaultSpec | null {
    for (const state of this.#faults) {
      if (state.remaining <= 0) continue;
      const spec = state.spec;
      if (spec.method && spec.method.toUpperCase() !== method) continue;
      const matches =
        typeof spec.path === 'string'
          ? spec.path.replace(/^\/api(\/v\d+)?/, '') === path || spec.path === template
          : spec.path.test(path);
      if (!matches) continue;
      if (state.skip > 0) {
        state.skip -= 1;
        continue;
      }
      state.remaining -= 1;
      state.hits += 1;
      return spec;
    }
    return null;
  }

  async #applyFault(
    res: ServerResponse,
    record: RecordedRequest,
    spec: FaultSpec,
    route: RouteDef | null,
    result: HandledReply | null,
  ): Promise<void> {
    if (spec.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          resolve();
        }, spec.delayMs);
        this.#timers.add(timer);
      });
    }
    if (spec.reset) {
      record.outcome = 'reset';
      res.socket?.destroy();
      return;
    }
    if (spec.hang) {
      record.outcome = 'hung';
      this.#hung.add(res);
      return;
    }
    if (spec.status === undefined) {
      const late = result ?? { status: 500, body: { message: '500: Internal Server Error', code: 0 }, headers: {} };
      this.#send(res, record, late.status, late.body, late.headers);
      return;
    }
    const status = spec.status;
    let body: unknown = spec.body;
    const headers: Record<string, string> = { ...spec.headers };
    if (status === 429) {
      const retryAfter = spec.retryAfter ?? 0.1;
      const resetAt = Date.now() + retryAfter * 1000;
      Object.assign(headers, {
        'Retry-After': this.#retryAfterHeader(retryAfter),
        'X-RateLimit-Limit': String(this.#bucketLimit(route?.bucket ?? 'other').limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': (resetAt / 1000).toFixed(3),
        'X-RateLimit-Reset-After': retryAfter.toFixed(3),
        'X-RateLimit-Bucket': shortHash(route?.bucket ?? 'other'),
        'X-RateLimit-Scope': spec.global ? 'global' : 'user',
        ...(spec.global ? { 'X-RateLimit-Global': 'true' } : {}),
        ...spec.headers,
      });
      body ??= { message: 'You are being rate limited.', retry_after: retryAfter, global: spec.global ?? false };
    }
    body ??=
      spec.code !== undefined
        ? new ApiError(status, spec.code, spec.message).body()
        : { message: spec.message ?? `${status}: ${STATUS_CODES[status] ?? 'Error'}`, code: 0 };
    this.#send(res, record, status, body, headers);
  }
}

// ---------------------------------------------------------------------------------------------------------------

function toOverwrite(init: { id: string; type: 0 | 1; allow?: PermissionInput; deny?: PermissionInput }): Overwrite {
  return { id: init.id, type: init.type, allow: toBits(init.allow), deny: toBits(init.deny) };
}

function inferOptionType(input: OptionInput, declared: number | undefined): number {
  if (typeof input === 'object') return input.type;
  if (declared !== undefined) return declared;
  if (typeof input === 'boolean') return 5;
  if (typeof input === 'number') return Number.isInteger(input) ? 4 : 10;
  return 3;
}

function componentExists(components: unknown, customId: string): boolean {
  if (!Array.isArray(components)) return false;
  return components.some(
    (c: unknown) =>
      isRecord(c) &&
      (c['custom_id'] === customId ||
        componentExists(c['components'], customId) ||
        (isRecord(c['accessory']) && c['accessory']['custom_id'] === customId)),
  );
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON bodies, or multipart bodies (files) whose JSON sits in `payload_json`. */
async function parseBody(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files: RecordedRequest['files'] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedRequest['files'] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, name: value.name, size: value.size });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

/** Permission bits for tests that describe overwrites or member permissions. */
export { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS };
