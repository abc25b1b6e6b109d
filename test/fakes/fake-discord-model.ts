/**
 * The fake Discord's world: users, guilds, roles, members, channels, threads, messages, registered commands and
 * interactions; the permissions computed from them; their JSON as the API shows it; and the changes to messages
 * and threads, each sending the gateway event Discord would send. The REST routes (fake-discord-routes.ts) and
 * interactions (fake-discord-interactions.ts) work on it; fake-discord.ts serves it.
 */
import type { FakeGateway } from './fake-discord-gateway.js';
import type {
  FakeAttachment,
  FakeChannelInit,
  FakeDiscordOptions,
  FakeGuildInit,
  FakeMessage,
  FakeUserInit,
  InteractionCallbackRecord,
  InteractionInit,
  RecordedFile,
  WebhookEditRecord,
} from './fake-discord-types.js';
import {
  ApiError,
  DEFAULT_EVERYONE_PERMISSIONS,
  invalidForm,
  isRecord,
  IssueList,
  Perm,
  computePermissions,
  toBits,
  type JsonObject,
  type Overwrite,
  type PermissionInput,
  type SnowflakeFactory,
} from './fake-discord-util.js';
import { MessageFlag, isEmptyMessage, validateMessageBody } from './fake-discord-validate.js';

export const ChannelKind = {
  Text: 0,
  DM: 1,
  Voice: 2,
  Category: 4,
  Announcement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  Forum: 15,
  Media: 16,
} as const;

export const THREAD_TYPES = new Set<number>([10, 11, 12]);
export const FORUM_TYPES = new Set<number>([15, 16]);
export const MESSAGEABLE_TYPES = new Set<number>([0, 1, 2, 5, 10, 11, 12, 13]);
export const INTENT_GUILDS = 1 << 0;
export const INTENT_GUILD_MEMBERS = 1 << 1;
export const INTENT_GUILD_MESSAGES = 1 << 9;
export const INTENT_DIRECT_MESSAGES = 1 << 12;
export const CHANNEL_FLAG_REQUIRE_TAG = 1 << 4;

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

export interface UserState {
  id: string;
  username: string;
  bot: boolean;
  /** False: the user has turned off direct messages (sending answers 50007). */
  acceptsDms: boolean;
  /** The account was deleted: it left every guild and can no longer be messaged. */
  deleted: boolean;
}

export interface RoleState {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  managed: boolean;
  mentionable: boolean;
  botId: string | null;
}

export interface MemberState {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: number;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  roles: Map<string, RoleState>;
  members: Map<string, MemberState>;
  unavailable: boolean;
  removed: boolean;
  joinedAt: number;
  systemChannelId: string | null;
  preferredLocale: string;
}

export interface ThreadMeta {
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

export interface ChannelState {
  id: string;
  /** Null for a DM channel. */
  guildId: string | null;
  /** The other user of a DM channel; null for guild channels. */
  recipientId: string | null;
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

export interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionInit['kind'];
  /** Null for an interaction in a DM. */
  guildId: string | null;
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

/** What the bot and the recipient may do in a DM (no guild, so no roles or overwrites). */
export const DM_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.AddReactions |
  Perm.UseExternalEmojis |
  Perm.MentionEveryone;

/** Default per-file upload cap: 10 MiB (D reference.mdx, "Uploading Files"). */
export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function toOverwrite(init: {
  id: string;
  type: 0 | 1;
  allow?: PermissionInput;
  deny?: PermissionInput;
}): Overwrite {
  return { id: init.id, type: init.type, allow: toBits(init.allow), deny: toBits(init.deny) };
}

export interface ModelOptions {
  options: FakeDiscordOptions;
  applicationId: string;
  botUserId: string;
  now: () => number;
  ids: SnowflakeFactory;
  /** Sends a gateway event (the gateway is created after the model). */
  dispatch: FakeGateway['dispatch'];
}

/** The state behind the fake's REST API and gateway events. */
export class DiscordModel {
  readonly options: FakeDiscordOptions;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly now: () => number;
  readonly ids: SnowflakeFactory;
  readonly users = new Map<string, UserState>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, FakeMessage>();
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  /** Registered commands by guild id, or `global`. */
  readonly commands = new Map<string, JsonObject[]>();
  readonly commandIds = new Map<string, string>();
  /** DM channel id by recipient user id: one DM channel per user, reused on every open. */
  readonly dmChannelByUser = new Map<string, string>();
  readonly #dispatch: FakeGateway['dispatch'];

  constructor(init: ModelOptions) {
    this.options = init.options;
    this.applicationId = init.applicationId;
    this.botUserId = init.botUserId;
    this.now = init.now;
    this.ids = init.ids;
    this.#dispatch = init.dispatch;
  }

  /** Visible (non-ephemeral, not deleted) messages of a channel or thread, oldest first. */
  visibleMessages(channelId: string): FakeMessage[] {
    const channel = this.channels.get(channelId);
    if (!channel) return [];
    return channel.messageIds.flatMap((id) => {
      const m = this.messages.get(id);
      return m && !m.deleted ? [m] : [];
    });
  }

  addGuildState(init: FakeGuildInit): GuildState {
    const now = this.now();
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
      preferredLocale: init.preferredLocale ?? 'en-US',
    };
    this.guilds.set(guild.id, guild);
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
    const botRoleId = this.ids.next();
    guild.roles.set(botRoleId, {
      id: botRoleId,
      name: this.users.get(this.botUserId)?.username ?? 'bot',
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
    for (const member of init.members ?? []) this.ensureMember(guild, member);
    for (const channel of init.channels ?? []) this.addChannelState(guild, channel);
    return guild;
  }

  ensureUser(init: { id: string; username?: string; acceptsDms?: boolean; bot?: boolean }): UserState {
    let user = this.users.get(init.id);
    if (!user) {
      user = {
        id: init.id,
        username: init.username ?? `user${init.id.slice(-4)}`,
        bot: init.bot ?? false,
        acceptsDms: true,
        deleted: false,
      };
      this.users.set(init.id, user);
    }
    if (init.acceptsDms !== undefined) user.acceptsDms = init.acceptsDms;
    return user;
  }

  ensureMember(guild: GuildState, init: FakeUserInit & { id: string; acceptsDms?: boolean }): MemberState {
    this.ensureUser(init);
    let member = guild.members.get(init.id);
    if (!member) {
      member = { userId: init.id, roles: [], nick: null, joinedAt: this.now() };
      guild.members.set(init.id, member);
    }
    if (init.roles) member.roles = [...init.roles];
    if (init.nick !== undefined) member.nick = init.nick;
    return member;
  }

  addChannelState(guild: GuildState, init: FakeChannelInit): ChannelState {
    const type = init.type ?? ChannelKind.Text;
    const isThread = THREAD_TYPES.has(type);
    if (isThread && !init.parentId) throw new Error(`thread ${init.id} needs a parentId`);
    const now = this.now();
    const channel: ChannelState = {
      id: init.id,
      guildId: guild.id,
      recipientId: null,
      name: init.name ?? `channel-${init.id.slice(-4)}`,
      type,
      parentId: init.parentId ?? null,
      position: init.position ?? this.channels.size,
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
    this.channels.set(channel.id, channel);
    return channel;
  }

  guildOrThrow(id: string): GuildState {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`unknown guild ${id}`);
    return guild;
  }

  channelOrThrow(id: string): ChannelState {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`unknown channel ${id}`);
    return channel;
  }

  /** The channel whose overwrites apply (a thread's parent). */
  permissionChannel(channel: ChannelState): ChannelState {
    if (channel.thread && channel.parentId) return this.channels.get(channel.parentId) ?? channel;
    return channel;
  }

  permissionsIn(channel: ChannelState | null, userId: string, guildId = channel?.guildId): bigint {
    if (channel?.type === ChannelKind.DM) {
      return userId === this.botUserId || userId === channel.recipientId ? DM_PERMISSIONS : 0n;
    }
    const guild = guildId ? this.guilds.get(guildId) : undefined;
    if (!guild) return 0n;
    const member = guild.members.get(userId);
    const rolePermissions = new Map<string, bigint>();
    for (const role of guild.roles.values()) rolePermissions.set(role.id, role.permissions);
    return computePermissions(
      { guildId: guild.id, ownerId: guild.ownerId, rolePermissions, userId, memberRoles: member?.roles ?? [] },
      channel ? this.permissionChannel(channel).overwrites : null,
    );
  }

  // ---- JSON views -------------------------------------------------------------------------------------------

  userJson(id: string): JsonObject {
    const user = this.users.get(id) ?? { id, username: `user${id.slice(-4)}`, bot: false };
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

  roleJson(role: RoleState): JsonObject {
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

  memberJson(member: MemberState): JsonObject {
    return {
      user: this.userJson(member.userId),
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

  channelJson(channel: ChannelState): JsonObject {
    if (channel.type === ChannelKind.DM) {
      return {
        id: channel.id,
        type: ChannelKind.DM,
        last_message_id: channel.lastMessageId,
        flags: 0,
        recipients: channel.recipientId ? [this.userJson(channel.recipientId)] : [],
      };
    }
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

  guildJson(guild: GuildState): JsonObject {
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
      roles: [...guild.roles.values()].map((r) => this.roleJson(r)),
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
      preferred_locale: guild.preferredLocale,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
    };
  }

  guildCreateJson(guild: GuildState): JsonObject {
    const channels = [...this.channels.values()].filter((c) => c.guildId === guild.id && !c.deleted);
    return {
      ...this.guildJson(guild),
      joined_at: iso(guild.joinedAt),
      large: false,
      unavailable: false,
      lazy: true,
      member_count: guild.members.size,
      members: [...guild.members.values()].map((m) => this.memberJson(m)),
      channels: channels.filter((c) => !c.thread).map((c) => this.channelJson(c)),
      threads: channels.filter((c) => c.thread && !c.thread.archived).map((c) => this.channelJson(c)),
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  messageJson(message: FakeMessage): JsonObject {
    const json: JsonObject = {
      id: message.id,
      type: message.type,
      channel_id: message.channelId,
      author: this.userJson(message.authorId),
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
        content_type: a.contentType,
        ...(a.description !== null ? { description: a.description } : {}),
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
    const interaction = message.interactionId ? this.interactions.get(message.interactionId) : undefined;
    if (interaction) {
      json['interaction_metadata'] = {
        id: interaction.id,
        type: interaction.payload['type'],
        user: this.userJson(interaction.userId),
        authorizing_integration_owners: { '0': interaction.guildId ?? '0' },
      };
    }
    if (message.threadId) {
      const thread = this.channels.get(message.threadId);
      if (thread && !thread.deleted) json['thread'] = this.channelJson(thread);
    }
    return json;
  }

  // ---- Messages ---------------------------------------------------------------------------------------------

  createMessage(
    channel: ChannelState,
    body: Record<string, unknown>,
    options: {
      id?: string;
      type?: number;
      ephemeral?: boolean;
      loading?: boolean;
      interaction?: InteractionRecord;
      files?: readonly RecordedFile[];
    },
  ): FakeMessage {
    const now = this.now();
    const rawFlags = typeof body['flags'] === 'number' ? body['flags'] : 0;
    const keep = MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.ComponentsV2;
    let flags = rawFlags & keep;
    if (options.ephemeral) flags |= MessageFlag.Ephemeral;
    if (options.loading) flags |= MessageFlag.Loading;
    const nonce = body['nonce'];
    const message: FakeMessage = {
      id: options.id ?? this.ids.next(),
      channelId: channel.id,
      guildId: channel.guildId,
      authorId: this.botUserId,
      content: str(body['content']) ?? '',
      embeds: Array.isArray(body['embeds']) ? body['embeds'].filter(isRecord) : [],
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
      attachments: this.attachmentsFrom(options.files ?? [], body['attachments']),
      messageReference: body['message_reference'] ?? null,
      createdAt: now,
      editedAt: null,
      deleted: false,
      lastBody: body,
    };
    this.messages.set(message.id, message);
    if (message.nonce !== null) {
      this.nonces.set(`${message.authorId}:${String(message.nonce)}`, { messageId: message.id, at: now });
    }
    if (!message.ephemeral) {
      channel.messageIds.push(message.id);
      channel.lastMessageId = message.id;
      if (channel.thread) {
        channel.thread.messageCount += 1;
        channel.thread.totalMessageSent += 1;
      }
      this.#messageEvent('MESSAGE_CREATE', message.guildId, this.messageJson(message));
    }
    return message;
  }

  /**
   * Attachments for uploaded `files[n]`, with the `description` (and `filename`) given for id `n` in the body's
   * `attachments` list.
   */
  attachmentsFrom(files: readonly RecordedFile[], meta: unknown): FakeAttachment[] {
    const entries = Array.isArray(meta) ? meta.filter(isRecord) : [];
    return files.map((file) => {
      const n = /^files\[(\d+)\]$/.exec(file.field)?.[1];
      const entry = entries.find((e) => n !== undefined && String(e['id']) === n);
      return {
        id: this.ids.next(),
        filename: str(entry?.['filename']) ?? file.name,
        size: file.size,
        contentType: file.contentType,
        description: str(entry?.['description']) ?? null,
        data: file.data,
      };
    });
  }

  /** Message events: guild ones to the guild's shard, DM ones (no `guild_id`) to shard 0 (D events/gateway.mdx). */
  #messageEvent(t: string, guildId: string | null, data: JsonObject): void {
    if (guildId === null) {
      void this.#dispatch(t, data, { shardId: 0, requiredIntent: INTENT_DIRECT_MESSAGES });
      return;
    }
    void this.#dispatch(t, { ...data, guild_id: guildId }, { guildId, requiredIntent: INTENT_GUILD_MESSAGES });
  }

  /**
   * Validates, checks the result is not empty, then applies an edit body to a message. Uploaded `files` are added;
   * an `attachments` list keeps only the existing attachments it names (D reference.mdx, "Editing Message
   * Attachments").
   */
  editMessage(
    message: FakeMessage,
    body: JsonObject,
    issuesAt: (string | number)[] = [],
    files: readonly RecordedFile[] = [],
  ): void {
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
      attachments: [
        ...('attachments' in body && Array.isArray(body['attachments'])
          ? message.attachments.filter((a) =>
              (body['attachments'] as unknown[]).some((x) => isRecord(x) && x['id'] === a.id),
            )
          : message.attachments),
        ...this.attachmentsFrom(files, body['attachments']),
      ],
    };
    if (isEmptyMessage(next)) throw new ApiError(400, 50006);
    message.content = next.content;
    message.embeds = next.embeds;
    message.components = next.components;
    message.attachments = next.attachments;
    if ('allowed_mentions' in body) message.allowedMentions = body['allowed_mentions'];
    if ('flags' in body && typeof body['flags'] === 'number') {
      const editable = MessageFlag.SuppressEmbeds | MessageFlag.ComponentsV2;
      message.flags = (message.flags & ~editable) | (body['flags'] & editable);
    }
    message.flags &= ~MessageFlag.Loading;
    message.editedAt = this.now();
    message.lastBody = body;
    if (!message.ephemeral) this.#messageEvent('MESSAGE_UPDATE', message.guildId, this.messageJson(message));
  }

  // ---- REST access rules ------------------------------------------------------------------------------------

  /** 404 10003 for unknown/deleted channels or channels of guilds the bot left; 50001 when it can't see it. */
  channelFor(id: string | undefined): ChannelState {
    const channel = id ? this.channels.get(id) : undefined;
    if (!channel || channel.deleted) throw new ApiError(404, 10003);
    if (channel.guildId === null) return channel;
    const guild = this.guilds.get(channel.guildId);
    if (!guild || guild.removed) throw new ApiError(404, 10003);
    if (channel.forbidden === 'missing_access') throw new ApiError(403, 50001);
    if (!(this.permissionsIn(channel, this.botUserId) & Perm.ViewChannel)) throw new ApiError(403, 50001);
    return channel;
  }

  requirePermission(channel: ChannelState, permission: bigint): void {
    if (channel.forbidden) throw new ApiError(403, channel.forbidden === 'missing_access' ? 50001 : 50013);
    if ((this.permissionsIn(channel, this.botUserId) & permission) !== permission) throw new ApiError(403, 50013);
  }

  guildFor(id: string | undefined): GuildState {
    const guild = id ? this.guilds.get(id) : undefined;
    if (!guild || guild.removed) throw new ApiError(404, 10004);
    return guild;
  }

  /** Posting into a thread unarchives it unless it is locked (docs/discord.md §7). */
  prepareThreadForPost(channel: ChannelState): void {
    const thread = channel.thread;
    if (!thread) return;
    if (thread.locked) throw new ApiError(403, 160005);
    if (thread.archived) {
      thread.archived = false;
      thread.archiveTimestamp = this.now();
      void this.#dispatch('THREAD_UPDATE', this.channelJson(channel), {
        guildId: channel.guildId,
        requiredIntent: INTENT_GUILDS,
      });
    }
  }

  // ---- Deletions and threads --------------------------------------------------------------------------------

  deleteMessage(message: FakeMessage): void {
    message.deleted = true;
    const channel = this.channels.get(message.channelId);
    if (channel) channel.messageIds = channel.messageIds.filter((id) => id !== message.id);
    if (!message.ephemeral) {
      this.#messageEvent('MESSAGE_DELETE', message.guildId, { id: message.id, channel_id: message.channelId });
    }
  }

  createThread(parent: ChannelState, id: string, name: string, type: number, body: JsonObject): ChannelState {
    const now = this.now();
    const autoArchive = typeof body['auto_archive_duration'] === 'number' ? body['auto_archive_duration'] : 1440;
    const thread = this.addChannelState(this.guildOrThrow(parent.guildId ?? ''), {
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

  announceThread(thread: ChannelState, extra: JsonObject = {}): void {
    void this.#dispatch(
      'THREAD_CREATE',
      { ...this.channelJson(thread), newly_created: true, ...extra },
      {
        guildId: thread.guildId,
        requiredIntent: INTENT_GUILDS,
      },
    );
  }
}
