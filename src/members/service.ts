/**
 * What a member can do with their follows: add, list, remove, pause and resume their DMs. A follow belongs to
 * its member alone; the server it was made in only learns that the member follows something (its `followers`
 * list, which schedules the DMs), never what.
 */
import { UserError } from '../errors.js';
import { DEFAULT_LOCALE, translator, type Locale } from '../i18n/index.js';
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
  /** The member's Discord language when Paperboy supports it: kept for their DMs (null: unsupported, kept as is). */
  locale?: Locale | null;
}

/** Keep the member's language in their state (inside an update the command makes anyway); true when it changed. */
export function keepLocale(member: MemberState, locale: Locale | null | undefined): boolean {
  if (locale === null || locale === undefined || member.locale === locale) return false;
  member.locale = locale;
  return true;
}

/**
 * Keep the member's language for a command that writes nothing else: one write when it changed, and none for a
 * member Paperboy keeps nothing about (their language alone would be the only thing kept).
 */
export async function rememberLocale(state: StateStore, member: MemberState, locale: Locale | null): Promise<void> {
  if (locale === null || member.locale === locale) return;
  if (member.follows.length === 0 && member.saved.length === 0) return;
  await state.updateMember(member.userId, (m) => {
    keepLocale(m, locale);
  });
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
  if (duplicate) throw already(duplicate, ctx.locale);
  if (current.follows.length >= MAX_FOLLOWS) throw tooMany();
  await enlist(ctx.state, ctx.guildId, ctx.userId);
  return ctx.state.updateMember(ctx.userId, (member) => {
    // Checked again under the member's lock: another command may have added one meanwhile.
    const again = member.follows.find((f) => sameFollow(f, wanted));
    if (again) throw already(again, ctx.locale);
    if (member.follows.length >= MAX_FOLLOWS) throw tooMany();
    keepLocale(member, ctx.locale);
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

/** The follow is described in the member's language (the refusal's own words follow the reply's). */
function already(follow: Follow, locale: Locale | null | undefined): UserError {
  return UserError.of('follow.already', {
    id: follow.id,
    follow: describeFollow(follow, translator(locale ?? DEFAULT_LOCALE)),
  });
}

function tooMany(): UserError {
  return UserError.of('follow.tooMany', { max: MAX_FOLLOWS });
}

/** Remove a follow by id; the removed follow. */
export async function removeFollow(ctx: Omit<MemberContext, 'guildId'>, id: string): Promise<Follow> {
  const { removed, member } = await ctx.state.updateMember(ctx.userId, (m) => {
    const index = m.follows.findIndex((f) => f.id === id.trim());
    if (index < 0) {
      throw m.follows.length === 0 ? UserError.of('follow.removeNone') : UserError.of('follow.removeUnknown', { id });
    }
    keepLocale(m, ctx.locale);
    const [gone] = m.follows.splice(index, 1);
    return { removed: gone!, member: m };
  });
  await delist(ctx.state, removed.guildId, member);
  return removed;
}

/** Turn the member's DMs off (`off`) or back on; turning them on also lifts a pause Discord's refusal caused. */
export async function setDms(ctx: Omit<MemberContext, 'guildId'>, on: boolean): Promise<MemberState> {
  return ctx.state.updateMember(ctx.userId, (m) => {
    keepLocale(m, ctx.locale);
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
