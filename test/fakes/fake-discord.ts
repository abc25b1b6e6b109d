/**
 * A fake Discord (REST + gateway) on 127.0.0.1 that the real discord.js Client talks to.
 *
 *   const fake = new FakeDiscord({ token, guilds: [...] });
 *   const { apiUrl } = await fake.start();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
 *   await client.login(token);
 *
 * REST answers follow docs/discord.md: JSON errors with Discord's codes, 50035 `errors` trees, rate-limit headers on
 * every response, nonce deduplication, threads and forums, interaction callbacks and webhook edits, direct messages
 * (and who refuses them), component interactions in guilds and DMs, and file uploads kept byte for byte.
 *
 * This module is the server and the test-facing API; the rest lives by concern next to it:
 * fake-discord-model.ts (the world and its JSON), fake-discord-routes.ts (REST routes),
 * fake-discord-dm.ts (direct messages), fake-discord-interactions.ts (interactions and their webhooks),
 * fake-discord-gateway.ts (the gateway), fake-discord-limits.ts (rate limits, body and upload size),
 * fake-discord-validate.ts (request validation).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { until } from '../helpers/until.js';
import {
  FakeGateway,
  IDENTIFY_WINDOW_MS,
  shardOf,
  type DispatchRecord,
  type DisconnectOptions,
  type GatewayStats,
  type IdentifyViolation,
  type SessionStart,
} from './fake-discord-gateway.js';
import { FakeInteraction, InteractionDesk } from './fake-discord-interactions.js';
import { RateLimiter, checkUploads, parseBody, readBody, type HandledReply } from './fake-discord-limits.js';
import {
  ChannelKind,
  DEFAULT_ATTACHMENT_SIZE_LIMIT,
  DiscordModel,
  FAKE_DEFAULTS,
  INTENT_GUILD_MEMBERS,
  INTENT_GUILDS,
  str,
  toOverwrite,
  type UserState,
} from './fake-discord-model.js';
import { dmRefusal, openDm } from './fake-discord-dm.js';
import { RestRoutes, type RouteDef } from './fake-discord-routes.js';
import type {
  AutocompleteInteractionInit,
  BucketName,
  ButtonInteractionInit,
  CommandInteractionInit,
  FakeChannelInit,
  FakeDiscordOptions,
  FakeGuildInit,
  FakeMemberInit,
  FakeMessage,
  FakeUserSpec,
  FaultHandle,
  FaultSpec,
  InteractionInit,
  RecordedRequest,
  SelectInteractionInit,
  Violation,
} from './fake-discord-types.js';
import {
  ALL_PERMISSIONS,
  ApiError,
  DEFAULT_EVERYONE_PERMISSIONS,
  isRecord,
  shortHash,
  SnowflakeFactory,
  toBits,
  type JsonObject,
  type PermissionInput,
} from './fake-discord-util.js';

export * from './fake-discord-types.js';
export { ApiError, Perm, type FieldIssue, type PermissionInput } from './fake-discord-util.js';
export {
  IDENTIFY_WINDOW_MS,
  RESUMABLE_CLOSE_CODES,
  shardOf,
  type DispatchRecord,
  type GatewayStats,
  type IdentifyViolation,
  type SessionStart,
} from './fake-discord-gateway.js';
export { ChannelKind, FAKE_DEFAULTS } from './fake-discord-model.js';
export { FakeInteraction } from './fake-discord-interactions.js';

interface FaultState {
  spec: FaultSpec;
  remaining: number;
  hits: number;
  skip: number;
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
  readonly #model: DiscordModel;
  readonly #desk: InteractionDesk;
  readonly #routes: RestRoutes;
  readonly #limiter: RateLimiter;
  readonly #faults: FaultState[] = [];
  readonly #rateLimitHits = new Map<string, number>();
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
    this.#model = new DiscordModel({
      options,
      applicationId: this.applicationId,
      botUserId: this.botUserId,
      now: this.#now,
      ids: this.#ids,
      dispatch: (t, d, o) => this.#gateway.dispatch(t, d, o),
    });
    this.#limiter = new RateLimiter(options);
    this.#model.users.set(this.botUserId, {
      id: this.botUserId,
      username: options.botUsername ?? 'Paperboy',
      bot: true,
      acceptsDms: true,
      deleted: false,
    });
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
    for (const guild of guilds) this.#model.addGuildState(guild);
    for (const user of options.users ?? []) this.#model.ensureUser(user);
    this.#desk = new InteractionDesk(this.#model);
    const maxConcurrency = options.maxConcurrency ?? 1;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
      throw new Error(`maxConcurrency must be a whole number of 1 or more, got ${maxConcurrency}`);
    }
    this.#routes = new RestRoutes(this.#model, this.#desk, {
      gatewayUrl: () => this.gatewayUrl,
      identifies: () => this.#gateway.stats.identifies,
      maxConcurrency,
      recommendedShards: () =>
        options.shardCount ??
        Math.max(1, Math.ceil([...this.#model.guilds.values()].filter((g) => !g.removed).length / 1000)),
    });
    this.#gateway = new FakeGateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      allowedPrivilegedIntents: options.privilegedIntents ?? 0,
      maxConcurrency,
      maxGuildsPerShard: options.maxGuildsPerShard ?? 2500,
      identifyWindowMs:
        options.identifyWindowMs ??
        (options.shardCount !== undefined || options.maxConcurrency !== undefined ? IDENTIFY_WINDOW_MS : 0),
      resumeUrl: () => `${this.gatewayUrl}/resume`,
      readyUser: () => ({ ...this.#model.userJson(this.botUserId), verified: true, mfa_enabled: false, email: null }),
      readyApplication: () => ({ id: this.applicationId, flags: options.applicationFlags ?? 0 }),
      guildsForShard: (shardId, shardCount) =>
        [...this.#model.guilds.values()]
          .filter((g) => !g.removed && shardOf(g.id, shardCount) === shardId)
          .map((g) => ({ id: g.id, unavailable: g.unavailable })),
      guildCreatePayload: (guildId) => this.#model.guildCreateJson(this.#model.guildOrThrow(guildId)),
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

  /** Sessions started by IDENTIFY, in order: when, which shard, which identify rate-limit key. */
  get sessionStarts(): readonly SessionStart[] {
    return this.#gateway.sessionStarts;
  }

  /** IDENTIFYs refused (op 9) for coming sooner than `max_concurrency` allows. */
  get identifyViolations(): readonly IdentifyViolation[] {
    return this.#gateway.identifyViolations;
  }

  /** Every gateway dispatch with the session (and shard) it went to, in order. */
  get dispatches(): readonly DispatchRecord[] {
    return this.#gateway.dispatchLog;
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

  /**
   * 429 answers per request, a request being its method, path and nonce (its body when it has no nonce): a
   * message discord.js sends again after a 429 is the same request. Only requests answered 429 appear.
   */
  rateLimitedRequests(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.requests) {
      if (r.status !== 429) continue;
      const nonce = isRecord(r.body) ? r.body['nonce'] : undefined;
      const identity =
        typeof nonce === 'string' || typeof nonce === 'number'
          ? String(nonce)
          : shortHash(JSON.stringify(r.body ?? null));
      const key = `${r.method} ${r.path} ${identity}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
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
    return this.#model.visibleMessages(channelId);
  }

  /** Any message by id, ephemeral interaction responses included. */
  message(id: string): FakeMessage | undefined {
    return this.#model.messages.get(id);
  }

  /** Channel or thread as the REST API returns it. */
  channel(id: string): JsonObject | undefined {
    const channel = this.#model.channels.get(id);
    return channel && !channel.deleted ? this.#model.channelJson(channel) : undefined;
  }

  /** Threads whose parent is `parentId` (text channel or forum), oldest first. */
  threads(parentId: string): JsonObject[] {
    return [...this.#model.channels.values()]
      .filter((c) => c.parentId === parentId && c.thread && !c.deleted)
      .map((c) => this.#model.channelJson(c));
  }

  /** Registered commands: global when `guildId` is omitted. */
  commands(guildId?: string): JsonObject[] {
    return this.#model.commands.get(guildId ?? 'global') ?? [];
  }

  /** The bot's permissions in a channel, as the fake enforces them. */
  botPermissions(channelId: string): bigint {
    const channel = this.#model.channelOrThrow(channelId);
    return this.#model.permissionsIn(channel, this.botUserId);
  }

  /** Polls `check` until it returns something other than undefined/false. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 2000, what = 'condition'): Promise<T> {
    return until(check, timeoutMs, what);
  }

  /** Puts a bot message into a channel directly, as if posted before the test started. */
  seedMessage(channelId: string, body: Record<string, unknown>): FakeMessage {
    const channel = this.#model.channelOrThrow(channelId);
    return this.#model.createMessage(channel, body, {});
  }

  // -------------------------------------------------------------------------------------------------------------
  // World changes (each sends the gateway event Discord would send)

  async addGuild(init: FakeGuildInit): Promise<void> {
    const guild = this.#model.addGuildState(init);
    if (!guild.unavailable) {
      await this.#gateway.dispatch('GUILD_CREATE', this.#model.guildCreateJson(guild), { guildId: guild.id });
    }
  }

  /** The bot was removed from the guild: GUILD_DELETE without `unavailable`; REST then answers 10004/50001. */
  async removeGuild(guildId: string): Promise<void> {
    const guild = this.#model.guildOrThrow(guildId);
    await this.#gateway.dispatch('GUILD_DELETE', { id: guildId }, { guildId, requiredIntent: INTENT_GUILDS });
    guild.removed = true;
  }

  /** An outage (GUILD_DELETE with `unavailable: true`) or its end (GUILD_CREATE). */
  async setGuildAvailable(guildId: string, available: boolean): Promise<void> {
    const guild = this.#model.guildOrThrow(guildId);
    guild.unavailable = !available;
    if (available) await this.#gateway.dispatch('GUILD_CREATE', this.#model.guildCreateJson(guild), { guildId });
    else await this.#gateway.dispatch('GUILD_DELETE', { id: guildId, unavailable: true }, { guildId });
  }

  async addChannel(guildId: string, init: FakeChannelInit): Promise<void> {
    const guild = this.#model.guildOrThrow(guildId);
    const channel = this.#model.addChannelState(guild, init);
    await this.#gateway.dispatch(
      channel.thread ? 'THREAD_CREATE' : 'CHANNEL_CREATE',
      this.#model.channelJson(channel),
      {
        guildId,
        requiredIntent: INTENT_GUILDS,
      },
    );
  }

  async updateChannel(channelId: string, patch: Partial<Omit<FakeChannelInit, 'id'>>): Promise<void> {
    const channel = this.#model.channelOrThrow(channelId);
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
    await this.#gateway.dispatch(
      channel.thread ? 'THREAD_UPDATE' : 'CHANNEL_UPDATE',
      this.#model.channelJson(channel),
      {
        guildId: channel.guildId,
        requiredIntent: INTENT_GUILDS,
      },
    );
  }

  async deleteChannel(channelId: string): Promise<void> {
    const channel = this.#model.channelOrThrow(channelId);
    channel.deleted = true;
    const data = channel.thread
      ? { id: channel.id, guild_id: channel.guildId, parent_id: channel.parentId, type: channel.type }
      : this.#model.channelJson(channel);
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
    const guild = this.#model.guildOrThrow(guildId);
    const role = guild.roles.get(roleId);
    if (!role) throw new Error(`unknown role ${roleId}`);
    if (patch.permissions !== undefined) role.permissions = toBits(patch.permissions);
    if (patch.name !== undefined) role.name = patch.name;
    await this.#gateway.dispatch(
      'GUILD_ROLE_UPDATE',
      { guild_id: guildId, role: this.#model.roleJson(role) },
      {
        guildId,
        requiredIntent: INTENT_GUILDS,
      },
    );
  }

  /** Replaces the bot member's roles (the bot's own GUILD_MEMBER_UPDATE arrives without GUILD_MEMBERS). */
  async setBotRoles(guildId: string, roles: string[]): Promise<void> {
    const guild = this.#model.guildOrThrow(guildId);
    const member = guild.members.get(this.botUserId);
    if (!member) throw new Error('bot member missing');
    member.roles = [...roles];
    await this.#gateway.dispatch(
      'GUILD_MEMBER_UPDATE',
      { guild_id: guildId, ...this.#model.memberJson(member) },
      { guildId },
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // Users and direct messages (members of every guild are users; see fake-discord-dm.ts for Discord's rules)

  /** A user who exists on Discord; unless they also join a guild, they share none with the bot. */
  addUser(init: FakeUserSpec): void {
    this.#model.ensureUser(init);
  }

  /** Turns the user's direct messages on or off (off: sending answers 403 50007). */
  setAcceptsDms(userId: string, accepts: boolean): void {
    this.#userOrThrow(userId).acceptsDms = accepts;
  }

  /** A member joins a guild (GUILD_MEMBER_ADD, delivered only with the GUILD_MEMBERS intent). */
  async addMember(guildId: string, init: FakeMemberInit): Promise<void> {
    const guild = this.#model.guildOrThrow(guildId);
    const member = this.#model.ensureMember(guild, init);
    await this.#gateway.dispatch(
      'GUILD_MEMBER_ADD',
      { guild_id: guildId, ...this.#model.memberJson(member) },
      { guildId, requiredIntent: INTENT_GUILD_MEMBERS },
    );
  }

  /** A member leaves a guild (GUILD_MEMBER_REMOVE, delivered only with the GUILD_MEMBERS intent). */
  async removeMember(guildId: string, userId: string): Promise<void> {
    const guild = this.#model.guildOrThrow(guildId);
    if (!guild.members.delete(userId)) throw new Error(`user ${userId} is not a member of guild ${guildId}`);
    await this.#gateway.dispatch(
      'GUILD_MEMBER_REMOVE',
      { guild_id: guildId, user: this.#model.userJson(userId) },
      { guildId, requiredIntent: INTENT_GUILD_MEMBERS },
    );
  }

  /**
   * The account is deleted: the user leaves every guild; opening a DM with them answers 400 50033 and posting in an
   * already open DM answers 403 50007.
   */
  async deleteUser(userId: string): Promise<void> {
    const user = this.#userOrThrow(userId);
    for (const guild of this.#model.guilds.values()) {
      if (guild.members.has(userId)) await this.removeMember(guild.id, userId);
    }
    user.deleted = true;
    user.username = 'Deleted User';
  }

  /** Opens (or returns) the DM channel with a user, as `POST /users/@me/channels` would; returns its id. */
  openDm(userId: string): string {
    this.#userOrThrow(userId);
    return openDm(this.#model, userId).id;
  }

  /** The id of the DM channel opened with the user, if the bot (or `openDm`) opened one. */
  dmChannelId(userId: string): string | undefined {
    return this.#model.dmChannelByUser.get(userId);
  }

  /** Why a direct message to the user would be refused now (403 50007), or null if it would be delivered. */
  dmRefusal(userId: string): string | null {
    return dmRefusal(this.#model, userId);
  }

  /** Messages the user received by DM (visible, not deleted), oldest first; empty if no DM channel was opened. */
  directMessages(userId: string): FakeMessage[] {
    const channelId = this.dmChannelId(userId);
    return channelId ? this.#model.visibleMessages(channelId) : [];
  }

  /** Every `POST /channels/{dm}/messages` to the user's DM channel, refused and rate-limited ones included. */
  dmRequests(userId: string): RecordedRequest[] {
    const channelId = this.dmChannelId(userId);
    return channelId ? this.requestsTo('POST', `/channels/${channelId}/messages`) : [];
  }

  #userOrThrow(userId: string): UserState {
    const user = this.#model.users.get(userId);
    if (!user) throw new Error(`unknown user ${userId}`);
    return user;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Interactions

  /**
   * Dispatches INTERACTION_CREATE and returns a handle to observe the bot's answer. Guild interactions go to the
   * guild's shard, DM ones to shard 0.
   */
  async interaction(init: InteractionInit): Promise<FakeInteraction> {
    const record = this.#desk.buildInteraction(init);
    this.#model.interactions.set(record.id, record);
    this.#model.interactionsByToken.set(record.token, record);
    await this.#gateway.dispatch(
      'INTERACTION_CREATE',
      record.payload,
      record.guildId === null ? { shardId: 0, strict: true } : { guildId: record.guildId, strict: true },
    );
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
    const matched = versioned ? this.#routes.match(method, segments) : null;
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
    this.#requestBuckets.set(
      record,
      this.#limiter.bucketOf(route, matched && matched !== 'method' ? matched.params : {}),
    );
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
    const limited = this.#limiter.rateLimit(route, params);
    if (limited.status === 429) return limited;
    try {
      if (parsed.files.length > 0) {
        checkUploads(parsed.files, this.#options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT);
      }
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
    const rateHeaders =
      bucket && !('X-RateLimit-Bucket' in headers) ? this.#limiter.bucketHeaders(bucket, Date.now()) : {};
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
        'Retry-After': this.#limiter.retryAfterHeader(retryAfter),
        'X-RateLimit-Limit': String(this.#limiter.bucketLimit(route?.bucket ?? 'other').limit),
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

/** Permission bits for tests that describe overwrites or member permissions. */
export { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS };
