import {
  ChannelType,
  DiscordAPIError,
  HTTPError,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  type Client,
  type GuildBasedChannel,
  type PermissionResolvable,
} from 'discord.js';
import { isMemberGuild } from '../members/digests.js';
import { DeliveryError, type ChannelKind, type MessageBody, type Poster } from '../digest/poster.js';
import { validateMessage, type MessageBodyLike } from './render/index.js';

/** Codes that mean the channel is gone or closed to the bot: retrying cannot help. */
const CHANNEL_CODES = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownGuild,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
  RESTJSONErrorCodes.ThreadLocked,
  // Direct messages to a member: closed to the bot, or the account is gone.
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.UnknownUser,
  RESTJSONErrorCodes.InvalidRecipients,
]);

const THREAD_ARCHIVE_MINUTES = 1440;

// Discord's own English names of the permissions (marked i18n-ignore: not yet in the catalogs).
const NEEDED: Record<ChannelKind, Array<[bigint, string]>> = {
  text: [
    [PermissionFlagsBits.ViewChannel, 'View Channel'], // i18n-ignore
    [PermissionFlagsBits.SendMessages, 'Send Messages'], // i18n-ignore
    [PermissionFlagsBits.EmbedLinks, 'Embed Links'], // i18n-ignore
  ],
  forum: [
    [PermissionFlagsBits.ViewChannel, 'View Channel'], // i18n-ignore
    [PermissionFlagsBits.SendMessages, 'Send Messages'], // i18n-ignore
    [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'], // i18n-ignore
    [PermissionFlagsBits.EmbedLinks, 'Embed Links'], // i18n-ignore
  ],
  thread: [
    [PermissionFlagsBits.ViewChannel, 'View Channel'], // i18n-ignore
    [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'], // i18n-ignore
    [PermissionFlagsBits.EmbedLinks, 'Embed Links'], // i18n-ignore
  ],
};

export function channelKindOf(channel: GuildBasedChannel): ChannelKind | null {
  return channelKindOfType(channel.type);
}

/** The permissions the bot lacks to post digests in `channel`, by name (empty when it can). */
export function missingPermissions(channel: GuildBasedChannel, kind: ChannelKind, thread = false): string[] {
  const me = channel.guild.members.me;
  const perms = me ? channel.permissionsFor(me) : null;
  const needed = [...NEEDED[kind]];
  if (thread && kind === 'text') {
    needed.push(
      [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'], // i18n-ignore
      [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'], // i18n-ignore
    );
  }
  return needed.filter(([bit]) => !perms?.has(bit as PermissionResolvable)).map(([, name]) => name);
}

/** Map a discord.js failure to Paperboy's delivery policy. */
export function classify(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    if (code !== null && CHANNEL_CODES.has(code)) {
      const reason = CODE_REASONS.get(code);
      return reason === undefined
        ? new DeliveryError(error.message, 'channel', code)
        : DeliveryError.of('channel', code, reason);
    }
    // The server's active-thread cap clears as threads archive: try again later. A 401 is the bot's
    // token, not the message: keep the digest pending rather than skip its messages one by one.
    if (error.status >= 500 || error.status === 401 || code === RESTJSONErrorCodes.MaximumActiveThreads) {
      return new DeliveryError(`Discord error ${error.status}: ${error.message}`, 'transient', code);
    }
    return new DeliveryError(`Discord refused the message: ${error.message}`, 'rejected', code);
  }
  if (error instanceof HTTPError) return new DeliveryError(`Discord error ${error.status}`, 'transient');
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`could not reach Discord: ${message}`, 'transient');
}

/** What a channel code means to a moderator; other codes keep Discord's own message. */
const CODE_REASONS = new Map(
  Object.entries({
    [RESTJSONErrorCodes.UnknownChannel]: 'notice.channelGone',
    [RESTJSONErrorCodes.UnknownGuild]: 'notice.guildGone',
    [RESTJSONErrorCodes.MissingAccess]: 'notice.noAccess',
    [RESTJSONErrorCodes.MissingPermissions]: 'notice.noPermission',
    [RESTJSONErrorCodes.CannotSendMessagesToThisUser]: 'notice.dmsRefused',
    [RESTJSONErrorCodes.UnknownUser]: 'notice.accountGone',
    [RESTJSONErrorCodes.InvalidRecipients]: 'notice.unknownAccount',
  } as const).map(([code, key]) => [Number(code), key]),
);

/** Refuse a body Discord would reject, before it costs a request (and an invalid-request strike). */
function checkLimits(body: MessageBody): void {
  const problems = validateMessage(body as MessageBodyLike);
  if (problems.length > 0)
    throw new DeliveryError(`the message breaks Discord's limits: ${problems.join('; ')}`, 'rejected');
}

/** A channel's kind from its API type number (what a REST-only process reads). */
export function channelKindOfType(type: ChannelType): ChannelKind | null {
  switch (type) {
    case ChannelType.GuildText:
    case ChannelType.GuildAnnouncement:
      return 'text';
    case ChannelType.GuildForum:
    case ChannelType.GuildMedia:
      return 'forum';
    case ChannelType.PublicThread:
    case ChannelType.PrivateThread:
    case ChannelType.AnnouncementThread:
      return 'thread';
    default:
      return null;
  }
}

export interface PosterOptions {
  /**
   * REST only: the process holds no gateway connection, so no guild or channel cache (a worker of the
   * distributed mode). Channel kinds come from `kindHint` (what the subscription recorded) or one request per
   * channel; permissions are not checked ahead (Discord's 50001/50013 answers pause the subscription instead).
   */
  restOnly?: { kindHint(guildId: string, channelId: string): Promise<ChannelKind | null> };
}

/** Digest delivery over discord.js's REST client: bodies are sent exactly as rendered. */
export class DiscordPoster implements Poster {
  readonly #kinds = new Map<string, ChannelKind>();

  constructor(
    private readonly client: Client,
    private readonly options: PosterOptions = {},
  ) {}

  async channelKind(guildId: string, channelId: string): Promise<ChannelKind> {
    // A member's direct messages: a plain channel, no permissions to check.
    if (isMemberGuild(guildId)) return 'text';
    if (this.options.restOnly) return this.restChannelKind(guildId, channelId, this.options.restOnly);
    const channel = await this.fetchChannel(guildId, channelId);
    const kind = channelKindOf(channel);
    if (!kind) throw DeliveryError.of('channel', null, 'notice.notDigestChannel');
    const missing = missingPermissions(channel, kind);
    if (missing.length > 0) {
      throw DeliveryError.of('channel', RESTJSONErrorCodes.MissingPermissions, 'notice.missingPermissions', {
        permissions: missing.join(', '),
      });
    }
    return kind;
  }

  async openDm(userId: string): Promise<string> {
    try {
      const channel = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id: string;
      };
      return channel.id;
    } catch (error) {
      throw classify(error);
    }
  }

  async postMessage(channelId: string, body: MessageBody): Promise<string> {
    checkLimits(body);
    try {
      const message = (await this.client.rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
      return message.id;
    } catch (error) {
      throw classify(error);
    }
  }

  async startThread(channelId: string, messageId: string, name: string): Promise<string> {
    // A crash after creating the thread: it came back with the guild's active threads, no request needed.
    if (this.client.channels.cache.get(messageId)?.isThread()) return messageId;
    try {
      const thread = (await this.client.rest.post(Routes.threads(channelId, messageId), {
        body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      })) as { id: string };
      return thread.id;
    } catch (error) {
      // A message holds one thread whose id is the message's: a crash after creating it lands here.
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) {
        return messageId;
      }
      throw classify(error);
    }
  }

  async createForumPost(forumId: string, name: string, body: MessageBody): Promise<string> {
    const channel = this.client.channels.cache.get(forumId);
    const tags =
      channel && 'availableTags' in channel && channel.flags.has('RequireTag')
        ? channel.availableTags.slice(0, 1).map((t) => t.id)
        : [];
    checkLimits(body);
    try {
      const thread = (await this.client.rest.post(Routes.threads(forumId), {
        body: {
          name,
          auto_archive_duration: THREAD_ARCHIVE_MINUTES,
          message: body,
          ...(tags.length > 0 ? { applied_tags: tags } : {}),
        },
      })) as { id: string };
      return thread.id;
    } catch (error) {
      throw classify(error);
    }
  }

  async findForumPost(guildId: string, forumId: string, name: string): Promise<string | null> {
    try {
      const active = (await this.client.rest.get(Routes.guildActiveThreads(guildId))) as {
        threads: Array<{ id: string; parent_id?: string | null; name?: string }>;
      };
      return active.threads.find((t) => t.parent_id === forumId && t.name === name)?.id ?? null;
    } catch (error) {
      throw classify(error);
    }
  }

  async notifyModerators(guildId: string, text: string, avoidChannelId?: string): Promise<boolean> {
    let ids: string[];
    if (this.options.restOnly) {
      const guild = (await this.client.rest.get(Routes.guild(guildId)).catch(() => null)) as {
        public_updates_channel_id?: string | null;
        system_channel_id?: string | null;
      } | null;
      ids = [guild?.public_updates_channel_id, guild?.system_channel_id].filter(
        (id): id is string => typeof id === 'string' && id !== avoidChannelId,
      );
    } else {
      const guild = this.client.guilds.cache.get(guildId);
      if (!guild) return false;
      ids = [guild.publicUpdatesChannel, guild.systemChannel]
        .filter((c): c is NonNullable<typeof c> => c !== null && c.id !== avoidChannelId)
        .filter((c) => missingPermissions(c, 'text').length === 0)
        .map((c) => c.id);
    }
    for (const id of ids) {
      const channel = { id };
      try {
        await this.client.rest.post(Routes.channelMessages(channel.id), {
          body: { content: text.slice(0, 2000), allowed_mentions: { parse: [] } },
        });
        return true;
      } catch {
        // Try the next channel; the pause is still shown by /subscription list.
      }
    }
    return false;
  }

  private async restChannelKind(
    guildId: string,
    channelId: string,
    restOnly: NonNullable<PosterOptions['restOnly']>,
  ): Promise<ChannelKind> {
    const known = this.#kinds.get(channelId) ?? (await restOnly.kindHint(guildId, channelId));
    if (known) return known;
    let type: ChannelType;
    try {
      ({ type } = (await this.client.rest.get(Routes.channel(channelId))) as { type: ChannelType });
    } catch (error) {
      throw classify(error);
    }
    const kind = channelKindOfType(type);
    if (!kind) throw DeliveryError.of('channel', null, 'notice.notDigestChannel');
    this.#kinds.set(channelId, kind);
    return kind;
  }

  private async fetchChannel(guildId: string, channelId: string): Promise<GuildBasedChannel> {
    const guild = this.client.guilds.cache.get(guildId);
    if (!guild) throw DeliveryError.of('channel', RESTJSONErrorCodes.UnknownGuild, 'notice.guildGone');
    try {
      const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId));
      if (!channel) throw DeliveryError.of('channel', RESTJSONErrorCodes.UnknownChannel, 'notice.channelGone');
      return channel;
    } catch (error) {
      throw classify(error);
    }
  }
}
