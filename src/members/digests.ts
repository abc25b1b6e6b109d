/**
 * A member's direct-message digest: the papers of a new listing that the member's follows (from one server)
 * match, planned as a digest to the member's DM channel so that it goes through the same exactly-once path as a
 * channel's: the ledger, keyed by the DM channel, never lets a paper reach the member twice.
 *
 * Such a digest is recorded under the pseudo-guild `dm:<user id>` (so a server's `/digest today`, its
 * digest-scoped search and its moderators never see a member's private follows) and the topic slug of the
 * server it was followed from.
 */
import { DEFAULT_LOCALE, isLocale, t, translator, type Locale, type Translate } from '../i18n/index.js';
import type { Paper } from '../papers/paper.js';
import type { Follow, MemberState, StateStore, Subscription, Topic } from '../store/types.js';
import type { SubscriptionPlan } from '../digest/plan.js';
import { compileFollows, describeFollow, type FollowMatcher } from './follows.js';

const PREFIX = 'dm:';

/** Papers one DM carries at most; the rest are counted in its last line. */
export const DM_MAX_PAPERS = 25;

/** The pseudo-guild a member's digests are recorded under. */
export function memberGuild(userId: string): string {
  return `${PREFIX}${userId}`;
}

export function isMemberGuild(guildId: string): boolean {
  return guildId.startsWith(PREFIX);
}

/** The member of a pseudo-guild id. */
export function memberOf(guildId: string): string {
  return guildId.slice(PREFIX.length);
}

/** The follows a member made in a server: the ones its schedule delivers. */
export function followsFrom(member: MemberState, guildId: string): Follow[] {
  return member.follows.filter((f) => f.guildId === guildId);
}

/** The language of the member's DMs: their own when Paperboy speaks it, else the server's they followed from. */
export function memberLocale(member: Pick<MemberState, 'locale'>, serverLocale: Locale): Locale {
  return isLocale(member.locale) ? member.locale : serverLocale;
}

/** Whether the member's DMs are off (by the member) or paused (Discord refused them): why, in `words`. */
export function dmBlocked(member: MemberState, words: Translate = translator(DEFAULT_LOCALE)): string | null {
  if (member.dm.off) return words('follow.dmsOffByMember');
  if (member.dm.paused) return member.dm.paused.reason;
  return null;
}

/**
 * Plan one member's DM for the papers `candidates` (announced since the last DM from this server), `posted`
 * being those the member already received. Every follow from the server counts; a paper matching several is sent
 * once, tagged with each follow it matched, best score first, at most {@link DM_MAX_PAPERS}. The DM's words are in
 * `locale`.
 */
export function planMemberDigest(
  member: MemberState,
  guildId: string,
  dmChannelId: string,
  candidates: readonly Paper[],
  posted: ReadonlySet<string> | ReadonlyMap<string, string>,
  createdAt: string,
  locale: Locale = DEFAULT_LOCALE,
): SubscriptionPlan {
  const follows = followsFrom(member, guildId);
  const matchers = compileFollows(follows);
  const hits: Array<{ paper: Paper; score: number; labels: string[]; by: FollowMatcher[] }> = [];
  for (const paper of candidates) {
    if (paper.withdrawn || posted.has(paper.id)) continue;
    let best: number | null = null;
    const labels: string[] = [];
    const by: FollowMatcher[] = [];
    for (const matcher of matchers) {
      const score = matcher.match(paper);
      if (score === null) continue;
      labels.push(describeFollow(matcher.follow));
      by.push(matcher);
      best = best === null ? score : Math.max(best, score);
    }
    if (best !== null) hits.push({ paper, score: best, labels, by });
  }
  hits.sort((a, b) => b.score - a.score);
  const subscription: Subscription = {
    guildId: memberGuild(member.userId),
    channelId: dmChannelId,
    topicSlug: guildId,
    mentionRoleId: null,
    maxPapers: DM_MAX_PAPERS,
    thread: false,
    channelKind: 'text',
    paused: null,
    lastDigestDate: member.dmDates[guildId] ?? null,
    changed: { by: member.userId, at: createdAt },
  };
  const topic: Topic = {
    guildId: subscription.guildId,
    slug: guildId,
    name: t(locale, 'digest.yourFollows'),
    categories: [],
    query: '',
    crossLists: true,
    updates: false,
    images: false,
    color: 0x5865f2,
    changed: { by: member.userId, at: createdAt },
  };
  return {
    subscription,
    topic,
    // Explained only for the papers the DM shows.
    papers: hits.slice(0, DM_MAX_PAPERS).map((h) => ({
      paper: h.paper,
      topicNames: h.labels,
      matched: h.by.map((m, i) => ({ topicName: h.labels[i]!, explanation: m.explain(h.paper) })),
    })),
    overflow: hits.slice(DM_MAX_PAPERS).map((h) => h.paper),
    error: null,
    reclaim: [],
  };
}

/**
 * Discord refused the member's DMs for good (50007, an unknown account): pause them until the member's next
 * command says so. Returns whether this call paused them.
 */
export function pauseMember(state: StateStore, userId: string, reason: string, at: Date): Promise<boolean> {
  return state.updateMember(userId, (member) => {
    if (member.dm.paused) return false;
    member.dm.paused = { reason, at: at.toISOString(), told: false };
    return true;
  });
}
