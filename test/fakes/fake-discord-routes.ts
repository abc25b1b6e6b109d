/**
 * The fake Discord's REST routes: the route table (method, template, rate-limit bucket, whether it needs the bot
 * token) and the handlers for the gateway, users, application commands, channels, messages, threads and forum
 * posts, and guilds. Interaction routes delegate to fake-discord-interactions.ts. Handlers throw `ApiError` for
 * Discord's error answers.
 */
import type { BucketName, FakeMessage, RecordedFile } from './fake-discord-types.js';
import { ApiError, invalidForm, isRecord, IssueList, Perm, shortHash, type JsonObject } from './fake-discord-util.js';
import {
  MessageFlag,
  isEmptyMessage,
  validateAutoArchive,
  validateCommandList,
  validateMessageBody,
  validateThreadName,
} from './fake-discord-validate.js';
import {
  CHANNEL_FLAG_REQUIRE_TAG,
  ChannelKind,
  FAKE_DEFAULTS,
  FORUM_TYPES,
  MESSAGEABLE_TYPES,
  iso,
  str,
  type DiscordModel,
} from './fake-discord-model.js';
import type { InteractionDesk } from './fake-discord-interactions.js';
import { dmRoutes, requireDmRecipient } from './fake-discord-dm.js';

export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
}

export interface Reply {
  status: number;
  body?: unknown;
}

export interface RouteDef {
  method: string;
  template: string;
  segments: string[];
  bucket: BucketName;
  auth: boolean;
  /** Interaction endpoints don't count toward the global limit (docs/discord.md §2). */
  global: boolean;
  handler: (ctx: RouteContext) => Reply;
}

/** What the routes need of the server around them. */
export interface RouteServer {
  gatewayUrl(): string;
  /** IDENTIFYs so far (for `session_start_limit`). */
  identifies(): number;
  /** `session_start_limit.max_concurrency`. */
  readonly maxConcurrency: number;
  /** The `shards` /gateway/bot recommends. */
  recommendedShards(): number;
}

/** The route table and its handlers. */
export class RestRoutes {
  readonly #routes: RouteDef[];
  readonly #interactions: InteractionDesk;
  readonly #server: RouteServer;

  constructor(
    private readonly model: DiscordModel,
    interactions: InteractionDesk,
    server: RouteServer,
  ) {
    this.#interactions = interactions;
    this.#server = server;
    this.#routes = this.#buildRoutes();
  }

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

    add('GET', '/gateway', 'other', () => ({ status: 200, body: { url: this.#server.gatewayUrl() } }), { auth: false });
    add('GET', '/gateway/bot', 'other', () => ({
      status: 200,
      body: {
        url: this.#server.gatewayUrl(),
        shards: this.#server.recommendedShards(),
        session_start_limit: {
          total: 1000,
          remaining: Math.max(0, 1000 - this.#server.identifies()),
          reset_after: 86_400_000,
          max_concurrency: this.#server.maxConcurrency,
        },
      },
    }));
    add('GET', '/users/@me', 'other', () => ({ status: 200, body: this.model.userJson(this.model.botUserId) }));
    for (const route of dmRoutes(this.model)) add(route.method, route.template, route.bucket, route.handler);
    add('GET', '/users/:user_id', 'other', (ctx) => {
      const id = ctx.params['user_id'] ?? '';
      if (!this.model.users.has(id)) throw new ApiError(404, 10013);
      return { status: 200, body: this.model.userJson(id) };
    });
    add('GET', '/applications/@me', 'other', () => ({
      status: 200,
      body: {
        id: this.model.applicationId,
        name: this.model.users.get(this.model.botUserId)?.username ?? 'bot',
        icon: null,
        description: '',
        summary: '',
        type: null,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: shortHash(this.model.applicationId),
        flags: this.model.options.applicationFlags ?? 0,
        team: null,
        owner: this.model.userJson(FAKE_DEFAULTS.ownerId),
        bot: this.model.userJson(this.model.botUserId),
        approximate_guild_count: this.model.guilds.size,
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
      (ctx) => this.#interactions.interactionCallback(ctx),
      open,
    );
    add('POST', '/webhooks/:webhook_id/:webhook_token', 'webhook', (ctx) => this.#interactions.followup(ctx), open);
    add(
      'GET',
      '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
      'webhook',
      (ctx) => {
        const record = this.#interactions.webhookInteraction(ctx);
        return {
          status: 200,
          body: this.model.messageJson(this.#interactions.webhookMessage(record, ctx.params['message_id'])),
        };
      },
      open,
    );
    add(
      'PATCH',
      '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
      'webhook',
      (ctx) => this.#interactions.webhookEdit(ctx),
      open,
    );
    add(
      'DELETE',
      '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
      'webhook',
      (ctx) => {
        const record = this.#interactions.webhookInteraction(ctx);
        const message = this.#interactions.webhookMessage(record, ctx.params['message_id']);
        this.model.deleteMessage(message);
        return { status: 204 };
      },
      open,
    );

    // Channels and messages.
    add('GET', '/channels/:channel_id', 'channel', (ctx) => ({
      status: 200,
      body: this.model.channelJson(this.model.channelFor(ctx.params['channel_id'])),
    }));
    add('GET', '/channels/:channel_id/messages', 'channelMessagesRead', (ctx) => this.#listMessages(ctx));
    add('POST', '/channels/:channel_id/messages', 'channelMessages', (ctx) => this.#postMessage(ctx));
    add('GET', '/channels/:channel_id/messages/:message_id', 'channelMessage', (ctx) => ({
      status: 200,
      body: this.model.messageJson(this.#channelMessage(ctx)),
    }));
    add('PATCH', '/channels/:channel_id/messages/:message_id', 'channelMessage', (ctx) => {
      const message = this.#channelMessage(ctx);
      if (message.authorId !== this.model.botUserId) throw new ApiError(403, 50005);
      this.model.editMessage(message, isRecord(ctx.body) ? ctx.body : {}, [], ctx.files);
      return { status: 200, body: this.model.messageJson(message) };
    });
    add('DELETE', '/channels/:channel_id/messages/:message_id', 'channelMessage', (ctx) => {
      const message = this.#channelMessage(ctx);
      if (message.authorId !== this.model.botUserId) {
        this.model.requirePermission(this.model.channelFor(ctx.params['channel_id']), Perm.ManageMessages);
      }
      this.model.deleteMessage(message);
      return { status: 204 };
    });
    add('POST', '/channels/:channel_id/messages/:message_id/threads', 'threads', (ctx) => this.#threadFromMessage(ctx));
    add('POST', '/channels/:channel_id/threads', 'threads', (ctx) => this.#threadWithoutMessage(ctx));
    add('GET', '/channels/:channel_id/threads/archived/public', 'channel', (ctx) => {
      const channel = this.model.channelFor(ctx.params['channel_id']);
      const threads = [...this.model.channels.values()].filter(
        (c) => c.parentId === channel.id && c.thread?.archived && c.type !== ChannelKind.PrivateThread && !c.deleted,
      );
      return {
        status: 200,
        body: { threads: threads.map((c) => this.model.channelJson(c)), members: [], has_more: false },
      };
    });

    // Guilds.
    add('GET', '/guilds/:guild_id', 'guild', (ctx) => {
      const guild = this.model.guildFor(ctx.params['guild_id']);
      const body = this.model.guildJson(guild);
      if (ctx.query.get('with_counts') === 'true') {
        body['approximate_member_count'] = guild.members.size;
        body['approximate_presence_count'] = 0;
      }
      return { status: 200, body };
    });
    add('GET', '/guilds/:guild_id/channels', 'guild', (ctx) => {
      const guild = this.model.guildFor(ctx.params['guild_id']);
      const channels = [...this.model.channels.values()].filter(
        (c) => c.guildId === guild.id && !c.thread && !c.deleted,
      );
      return { status: 200, body: channels.map((c) => this.model.channelJson(c)) };
    });
    add('GET', '/guilds/:guild_id/roles', 'guild', (ctx) => ({
      status: 200,
      body: [...this.model.guildFor(ctx.params['guild_id']).roles.values()].map((r) => this.model.roleJson(r)),
    }));
    add('GET', '/guilds/:guild_id/members/:user_id', 'guild', (ctx) => {
      const guild = this.model.guildFor(ctx.params['guild_id']);
      const member = guild.members.get(ctx.params['user_id'] ?? '');
      if (!member) throw new ApiError(404, 10007);
      return { status: 200, body: this.model.memberJson(member) };
    });
    add('GET', '/guilds/:guild_id/threads/active', 'guild', (ctx) => {
      const guild = this.model.guildFor(ctx.params['guild_id']);
      const threads = [...this.model.channels.values()].filter(
        (c) => c.guildId === guild.id && c.thread && !c.thread.archived && !c.deleted,
      );
      return {
        status: 200,
        body: {
          threads: threads.map((c) => this.model.channelJson(c)),
          members: threads
            .filter((c) => c.thread?.ownerId === this.model.botUserId)
            .map((c) => ({
              id: c.id,
              user_id: this.model.botUserId,
              join_timestamp: iso(c.thread?.createTimestamp ?? 0),
              flags: 1,
            })),
        },
      };
    });
    return routes;
  }

  match(method: string, segments: string[]): { route: RouteDef; params: Record<string, string> } | 'method' | null {
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
    if (ctx.params['application_id'] !== this.model.applicationId) throw new ApiError(403, 50001);
    if (guildId !== null) this.model.guildFor(guildId);
    return guildId ?? 'global';
  }

  #getCommands(ctx: RouteContext, guildId: string | null): Reply {
    const key = this.#checkApplication(ctx, guildId);
    return { status: 200, body: this.model.commands.get(key) ?? [] };
  }

  #putCommands(ctx: RouteContext, guildId: string | null): Reply {
    const key = this.#checkApplication(ctx, guildId);
    const issues = new IssueList();
    validateCommandList(issues, ctx.body);
    if (issues.size > 0) throw invalidForm(issues);
    const stored = (ctx.body as unknown[]).filter(isRecord).map((command) => {
      const type = typeof command['type'] === 'number' ? command['type'] : 1;
      const idKey = `${key}:${type}:${String(command['name'])}`;
      const id = this.model.commandIds.get(idKey) ?? this.model.ids.next();
      this.model.commandIds.set(idKey, id);
      const json: JsonObject = {
        id,
        application_id: this.model.applicationId,
        version: this.model.ids.next(),
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
    this.model.commands.set(key, stored);
    return { status: 200, body: stored };
  }

  // ---- Handlers: channel messages ---------------------------------------------------------------------------

  #channelMessage(ctx: RouteContext): FakeMessage {
    const channel = this.model.channelFor(ctx.params['channel_id']);
    const message = this.model.messages.get(ctx.params['message_id'] ?? '');
    if (!message || message.deleted || message.ephemeral || message.channelId !== channel.id) {
      throw new ApiError(404, 10008);
    }
    return message;
  }

  #listMessages(ctx: RouteContext): Reply {
    const channel = this.model.channelFor(ctx.params['channel_id']);
    if (!(this.model.permissionsIn(channel, this.model.botUserId) & Perm.ReadMessageHistory))
      return { status: 200, body: [] };
    const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 50) || 50));
    let list = this.model.visibleMessages(channel.id);
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
        .map((m) => this.model.messageJson(m)),
    };
  }

  #postMessage(ctx: RouteContext): Reply {
    const channel = this.model.channelFor(ctx.params['channel_id']);
    if (FORUM_TYPES.has(channel.type)) throw new ApiError(400, 40058);
    if (!MESSAGEABLE_TYPES.has(channel.type)) throw new ApiError(400, 50008);
    if (channel.type === ChannelKind.DM) requireDmRecipient(this.model, channel);
    else this.model.requirePermission(channel, channel.thread ? Perm.SendMessagesInThreads : Perm.SendMessages);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const issues = new IssueList();
    validateMessageBody(issues, body);
    if (issues.size > 0) throw invalidForm(issues);
    const nonce = body['nonce'];
    if (body['enforce_nonce'] === true && (typeof nonce === 'string' || typeof nonce === 'number')) {
      const seen = this.model.nonces.get(`${this.model.botUserId}:${String(nonce)}`);
      const original = seen ? this.model.messages.get(seen.messageId) : undefined;
      const window = this.model.options.nonceWindowMs ?? 5 * 60_000;
      if (seen && original && !original.deleted && this.model.now() - seen.at <= window) {
        return { status: 200, body: this.model.messageJson(original) };
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
    this.model.prepareThreadForPost(channel);
    const message = this.model.createMessage(channel, body, { files: ctx.files });
    return { status: 200, body: this.model.messageJson(message) };
  }

  #threadFromMessage(ctx: RouteContext): Reply {
    const channel = this.model.channelFor(ctx.params['channel_id']);
    if (channel.type !== ChannelKind.Text && channel.type !== ChannelKind.Announcement) throw new ApiError(400, 50024);
    const message = this.#channelMessage(ctx);
    if (message.threadId) throw new ApiError(400, 160004);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const issues = new IssueList();
    validateThreadName(issues, body['name']);
    validateAutoArchive(issues, body['auto_archive_duration']);
    if (issues.size > 0) throw invalidForm(issues);
    this.model.requirePermission(channel, Perm.CreatePublicThreads);
    const type = channel.type === ChannelKind.Announcement ? ChannelKind.AnnouncementThread : ChannelKind.PublicThread;
    const thread = this.model.createThread(channel, message.id, String(body['name']), type, body);
    message.threadId = thread.id;
    message.flags |= MessageFlag.HasThread;
    this.model.announceThread(thread);
    return { status: 201, body: this.model.channelJson(thread) };
  }

  #threadWithoutMessage(ctx: RouteContext): Reply {
    const channel = this.model.channelFor(ctx.params['channel_id']);
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
      this.model.requirePermission(channel, Perm.SendMessages);
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
      const thread = this.model.createThread(
        channel,
        this.model.ids.next(),
        String(body['name']),
        ChannelKind.PublicThread,
        body,
      );
      const starterMessage = this.model.createMessage(thread, starterBody, { id: thread.id, files: ctx.files });
      channel.lastMessageId = thread.id;
      const messageJson = this.model.messageJson(starterMessage);
      this.model.announceThread(thread);
      return { status: 201, body: { ...this.model.channelJson(thread), message: messageJson } };
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
    this.model.requirePermission(
      channel,
      requested === ChannelKind.PrivateThread ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads,
    );
    const thread = this.model.createThread(channel, this.model.ids.next(), String(body['name']), requested, body);
    this.model.announceThread(thread);
    return { status: 201, body: this.model.channelJson(thread) };
  }
}
