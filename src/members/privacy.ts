/**
 * A member's own data, for `/privacy export` and `/privacy delete`: everything Paperboy keeps about the member
 * (follows, reading list, DM status) as one JSON document, and its removal. Both act on the member who asks, never
 * on anyone else.
 */
import { DEFAULT_LOCALE, translator, type Translate } from '../i18n/index.js';
import type { DeliveryStore, Follow, MemberState, SavedPaper, StateStore, Store } from '../store/types.js';
import { memberGuild } from './digests.js';

/** Version of the export's shape, so that a reader can tell what it holds. */
export const EXPORT_FORMAT = 'paperboy-member-data/1';
export const EXPORT_FILE = 'paperboy-data.json';

export interface MemberExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  userId: string;
  follows: Follow[];
  /** The reading list, oldest first; `guildId` null: saved from a direct message. */
  saved: SavedPaper[];
  directMessages: {
    /** The DM channel Paperboy opened with you, if any. */
    channelId: string | null;
    /** You turned DMs off (`/follow pause`). */
    off: boolean;
    /** Discord refused a DM: why and when. */
    paused: MemberState['dm']['paused'];
    /** Per server followed from: the listing date of your last DM from there. */
    lastListingByServer: Record<string, string>;
    /** The language of your DMs (your Discord language, kept from your commands); null: the server's. */
    language: string | null;
  };
  /** arXiv ids the delivery ledger holds for your DMs: sent to you, or left out past the 25-a-time cap. */
  directMessagePapers: string[];
}

/** Everything kept about the member, as the JSON `/privacy export` attaches, and a summary of it. */
export async function exportMemberData(
  store: Pick<Store, 'state' | 'delivery'>,
  userId: string,
  now: Date,
): Promise<{ data: MemberExport; summary: MemberDataSummary }> {
  const member = await store.state.getMember(userId);
  const data: MemberExport = {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    userId,
    follows: member.follows,
    saved: member.saved,
    directMessages: {
      channelId: member.dm.channelId,
      off: member.dm.off,
      paused: member.dm.paused,
      lastListingByServer: member.dmDates,
      language: member.locale ?? null,
    },
    directMessagePapers: await store.delivery.postedInGuild(memberGuild(userId)),
  };
  return { data, summary: summarize(member) };
}

export interface MemberDataSummary {
  follows: number;
  saved: number;
  /** DM channel, DM switch, pause, per-server dates or the DMs' language are stored. */
  dmSettings: boolean;
  /** Servers whose followers list names the member (their DMs go out on those servers' schedules). */
  servers: string[];
}

/** What the member has stored. */
export function summarize(member: MemberState): MemberDataSummary {
  const servers = new Set([...member.follows.map((f) => f.guildId), ...Object.keys(member.dmDates)]);
  return {
    follows: member.follows.length,
    saved: member.saved.length,
    dmSettings:
      member.dm.channelId !== null ||
      member.dm.off ||
      member.dm.paused !== null ||
      Object.keys(member.dmDates).length > 0 ||
      member.locale !== undefined,
    servers: [...servers].sort(),
  };
}

export function isEmpty(summary: MemberDataSummary): boolean {
  return summary.follows === 0 && summary.saved === 0 && !summary.dmSettings;
}

/** "2 follows, 14 saved papers and your direct-message settings" (in English by default). */
export function describeSummary(summary: MemberDataSummary, t: Translate = translator(DEFAULT_LOCALE)): string {
  const parts = [t('privacy.follows', { count: summary.follows }), t('privacy.saved', { count: summary.saved })];
  if (summary.dmSettings) parts.push(t('privacy.dmSettings'));
  const last = parts.pop() ?? '';
  return t('privacy.listLast', { list: parts.join(t('privacy.listSeparator')), last });
}

/**
 * Remove everything kept about the member: their document first (so that a stop halfway leaves, at worst, a
 * server that looks at a member with nothing to send), then their entry in each server's followers list.
 * Returns what was removed and the servers whose followers changed (to be rescheduled).
 */
export async function deleteMemberData(
  state: StateStore,
  userId: string,
  delivery?: Pick<DeliveryStore, 'forgetGuild'>,
): Promise<{ removed: MemberDataSummary; delisted: string[]; dmDigests: number }> {
  const member = await state.getMember(userId);
  const removed = summarize(member);
  await state.deleteMember(userId);
  // The record of their DMs too: which papers were sent, and the messages as sent (follow labels, match reasons).
  const dmDigests = delivery ? await delivery.forgetGuild(memberGuild(userId)) : 0;
  const delisted: string[] = [];
  for (const guildId of removed.servers) {
    const guild = await state.getGuild(guildId);
    if (!guild.followers?.includes(userId)) continue;
    await state.updateGuild(guildId, (g) => {
      g.followers = (g.followers ?? []).filter((id) => id !== userId);
    });
    delisted.push(guildId);
  }
  return { removed, delisted, dmDigests };
}
