/**
 * What a member can do with their follows: add, list, remove, pause and resume their DMs. A follow belongs to
 * its member alone; the server it was made in only learns that the member follows something (its `followers`
 * list, which schedules the DMs), never what.
 */
import { UserError } from '../errors.js';
import type { Follow, MemberState, StateStore } from '../store/types.js';
import {
  checkFollowInput,
  describeFollow,
  MAX_FOLLOWS,
  nextFollowId,
  sameFollow,
  type FollowInput,
} from './follows.js';

export interface MemberContext {
  state: StateStore;
  /** The server the command came from. */
  guildId: string;
  userId: string;
  now: Date;
}

/** Add the member to the server's followers (idempotent; a stale entry costs one empty look at the member). */
async function enlist(state: StateStore, guildId: string, userId: string): Promise<void> {
  await state.updateGuild(guildId, (guild) => {
    const followers = guild.followers ?? [];
    if (!followers.includes(userId)) guild.followers = [...followers, userId];
  });
}

/** Take the member off the server's followers once none of their follows is from there. */
async function delist(state: StateStore, guildId: string, member: MemberState): Promise<void> {
  if (member.follows.some((f) => f.guildId === guildId)) return;
  await state.updateGuild(guildId, (guild) => {
    if (guild.followers?.includes(member.userId))
      guild.followers = guild.followers.filter((id) => id !== member.userId);
  });
}

/**
 * Add a follow. The server's followers list is written first: if the process stops between the two writes,
 * the server merely looks at a member with nothing to send.
 */
export async function addFollow(ctx: MemberContext, input: FollowInput): Promise<Follow> {
  const wanted = checkFollowInput(input);
  const current = await ctx.state.getMember(ctx.userId);
  const duplicate = current.follows.find((f) => sameFollow(f, wanted));
  if (duplicate) throw new UserError(`You already follow that (\`${duplicate.id}\`: ${describeFollow(duplicate)}).`);
  if (current.follows.length >= MAX_FOLLOWS) throw tooMany();
  await enlist(ctx.state, ctx.guildId, ctx.userId);
  return ctx.state.updateMember(ctx.userId, (member) => {
    // Checked again under the member's lock: another command may have added one meanwhile.
    const again = member.follows.find((f) => sameFollow(f, wanted));
    if (again) throw new UserError(`You already follow that (\`${again.id}\`: ${describeFollow(again)}).`);
    if (member.follows.length >= MAX_FOLLOWS) throw tooMany();
    const follow: Follow = {
      id: nextFollowId(member.follows),
      guildId: ctx.guildId,
      ...wanted,
      createdAt: ctx.now.toISOString(),
    };
    member.follows.push(follow);
    return follow;
  });
}

function tooMany(): UserError {
  return new UserError(
    `You have ${MAX_FOLLOWS} follows, the most a member can have. Remove one with \`/follow remove\`.`,
  );
}

/** Remove a follow by id; the removed follow. */
export async function removeFollow(ctx: Omit<MemberContext, 'guildId'>, id: string): Promise<Follow> {
  const { removed, member } = await ctx.state.updateMember(ctx.userId, (m) => {
    const index = m.follows.findIndex((f) => f.id === id.trim());
    if (index < 0) {
      throw new UserError(
        m.follows.length === 0
          ? 'You follow nothing yet: `/follow add` starts.'
          : `You have no follow \`${id}\`. \`/follow list\` shows yours.`,
      );
    }
    const [gone] = m.follows.splice(index, 1);
    return { removed: gone!, member: m };
  });
  await delist(ctx.state, removed.guildId, member);
  return removed;
}

/** Turn the member's DMs off (`off`) or back on; turning them on also lifts a pause Discord's refusal caused. */
export async function setDms(ctx: Omit<MemberContext, 'guildId'>, on: boolean): Promise<MemberState> {
  return ctx.state.updateMember(ctx.userId, (m) => {
    m.dm.off = !on;
    if (on) {
      m.dm.paused = null;
      // The DM channel is opened again on the next DM: the member may have blocked and unblocked the bot.
      m.dm.channelId = null;
    }
    return m;
  });
}

/**
 * The pause the member has not heard about yet (Discord refused a DM), marked as told; null if there is none.
 * Read first, written only when there is news: most commands cost one read.
 */
export async function untoldPause(state: StateStore, userId: string): Promise<string | null> {
  const member = await state.getMember(userId);
  if (!member.dm.paused || member.dm.paused.told) return null;
  return state.updateMember(userId, (m) => {
    if (!m.dm.paused || m.dm.paused.told) return null;
    m.dm.paused.told = true;
    return m.dm.paused.reason;
  });
}
