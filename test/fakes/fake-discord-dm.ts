/**
 * Direct messages in the fake Discord: `POST /users/@me/channels` opens (or returns) the one DM channel per
 * recipient, and the rules for who can be messaged there. Posting uses the channel message route with the DM's own
 * per-channel bucket and the global limit (fake-discord-routes.ts).
 *
 * What Discord does (D resources/user.mdx "Create DM", topics/opcodes-and-status-codes.mdx):
 * - opening a DM returns the existing channel if there is one; it does not check whether the user can be messaged;
 * - an id that is no (longer a) user answers 400 50033 "Invalid Recipient(s)" (GET /users/:id answers 404 10013);
 * - sending answers 403 50007 "Cannot send messages to this user" when the user turned DMs off, deleted their
 *   account, is a bot, or shares no guild with the bot.
 */
import type { BucketName } from './fake-discord-types.js';
import { ApiError, invalidForm, isRecord, IssueList } from './fake-discord-util.js';
import { ChannelKind, type ChannelState, type DiscordModel } from './fake-discord-model.js';
import type { Reply, RouteContext } from './fake-discord-routes.js';

export interface DmRoute {
  method: string;
  template: string;
  bucket: BucketName;
  handler: (ctx: RouteContext) => Reply;
}

/** The DM channel with `userId`, created on first use; its id stays the same for that user. */
export function openDm(model: DiscordModel, userId: string): ChannelState {
  const existing = model.dmChannelByUser.get(userId);
  const known = existing ? model.channels.get(existing) : undefined;
  if (known) return known;
  const channel: ChannelState = {
    id: model.ids.next(),
    guildId: null,
    recipientId: userId,
    name: '',
    type: ChannelKind.DM,
    parentId: null,
    position: 0,
    topic: null,
    flags: 0,
    nsfw: false,
    overwrites: [],
    availableTags: [],
    lastMessageId: null,
    forbidden: false,
    thread: null,
    deleted: false,
    messageIds: [],
  };
  model.channels.set(channel.id, channel);
  model.dmChannelByUser.set(userId, channel.id);
  return channel;
}

/** Whether the user is a member of a guild the bot is still in. */
export function sharesGuild(model: DiscordModel, userId: string): boolean {
  for (const guild of model.guilds.values()) {
    if (!guild.removed && guild.members.has(userId) && guild.members.has(model.botUserId)) return true;
  }
  return false;
}

/** Why a direct message to the user would be refused, or null when it would be delivered. */
export function dmRefusal(model: DiscordModel, userId: string): string | null {
  const user = model.users.get(userId);
  if (!user || user.deleted) return 'the account is deleted';
  if (user.bot) return 'bots cannot be sent direct messages';
  if (!user.acceptsDms) return 'the user does not accept direct messages';
  if (!sharesGuild(model, userId)) return 'the user shares no guild with the bot';
  return null;
}

/** 403 50007 unless the DM channel's recipient can receive a message now. */
export function requireDmRecipient(model: DiscordModel, channel: ChannelState): void {
  if (channel.recipientId === null || dmRefusal(model, channel.recipientId) !== null) throw new ApiError(403, 50007);
}

/** The DM routes, added to the route table by RestRoutes. */
export function dmRoutes(model: DiscordModel): DmRoute[] {
  return [
    {
      method: 'POST',
      template: '/users/@me/channels',
      bucket: 'dmChannels',
      handler: (ctx) => {
        const body = isRecord(ctx.body) ? ctx.body : {};
        const raw = body['recipient_id'];
        const issues = new IssueList();
        if (raw === undefined || raw === null)
          issues.add(['recipient_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        else if ((typeof raw !== 'string' && typeof raw !== 'number') || !/^\d{1,20}$/.test(String(raw))) {
          // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any JSON value, printed as Discord prints it
          issues.add(['recipient_id'], 'NUMBER_TYPE_COERCE', `Value "${String(raw)}" is not snowflake.`);
        }
        if (issues.size > 0) throw invalidForm(issues);
        const userId = String(raw);
        const user = model.users.get(userId);
        if (!user || user.deleted || userId === model.botUserId) throw new ApiError(400, 50033);
        return { status: 200, body: model.channelJson(openDm(model, userId)) };
      },
    },
  ];
}
