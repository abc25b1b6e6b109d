/**
 * Venue updates: when a later version of a paper already posted in a channel brings a venue (none before, or
 * another one), the channel hears it once — "now accepted at **NeurIPS 2026** (v3)", linked to the message that
 * posted the paper — and so does each member who saved it, in a DM.
 *
 * An update is a digest of its own kind (topic slug {@link UPDATES_SLUG}), planned, recorded and sent through the
 * same ledger as any digest: at most one per channel (or member) per listing date, its nonce derived from its key,
 * and its (channel, paper, venue) pairs claimed in the same transaction as the plan, so that a venue is told in a
 * channel once, across restarts and crashes. Pure: the runner (runner.ts) reads the store and sends.
 */
import { DEFAULT_LOCALE, t, type Locale } from '../i18n/index.js';
import type { Paper } from '../papers/paper.js';
import type { DigestRecord, GuildSettings, SavedPaper, VenueEvent } from '../store/types.js';
import { REFUSED } from './deliver.js';
import { UPDATES_SLUG } from './kinds.js';
import type { MessageBody } from './poster.js';
import { messageUrl } from './why.js';

export { isVenueUpdate, UPDATES_SLUG } from './kinds.js';

/** How far back venue events are looked at: a run missed for longer than this tells nothing of older ones. */
export const VENUE_WINDOW_DAYS = 14;

/** A guild's `venue_updates` setting: on unless a moderator turned it off. */
export function venueUpdatesOn(settings: Pick<GuildSettings, 'venueUpdates'> | null): boolean {
  return settings?.venueUpdates !== false;
}

/** The oldest event time a run at `now` considers (ISO). */
export function venueWindowStart(now: Date): string {
  return new Date(now.getTime() - VENUE_WINDOW_DAYS * 86_400_000).toISOString();
}

/** One line of an update: a paper, its new venue and where to see it. */
export interface VenueLine {
  paperId: string;
  title: string;
  venue: string;
  /** The version that brought the venue. */
  version: number;
  /** The message that posted the paper (a channel's update), or its arXiv page (a member's). */
  url: string;
}

export interface VenueUpdatePlan {
  /** `channel`: papers posted in the channel; `saved`: papers a member saved. */
  audience: 'channel' | 'saved';
  /** The listing date the update goes out with. */
  date: string;
  /** Oldest event first. */
  lines: VenueLine[];
  /** The language of the update: the server's, or the member's for a DM; default en-US. */
  locale?: Locale;
}

/**
 * Turns an update's lines into the one message it sends, with the papers that message names (a message that
 * cannot hold every line names how many more there are; those wait for the next update).
 */
export type VenueUpdateRenderer = (
  plan: VenueUpdatePlan,
  nonceBase: string,
) => { body: MessageBody; paperIds: string[] };

/** Each paper's latest event, oldest first: a paper that changed venue twice since is told its latest once. */
export function latestEvents(events: readonly VenueEvent[]): VenueEvent[] {
  const latest = new Map<string, VenueEvent>();
  for (const e of events) {
    const seen = latest.get(e.paperId);
    if (!seen || e.at > seen.at || (e.at === seen.at && e.version > seen.version)) latest.set(e.paperId, e);
  }
  return [...latest.values()].sort((a, b) => cmp(a.at, b.at) || cmp(a.paperId, b.paperId));
}

/** The event still describes the archived paper (not withdrawn, no other venue since). */
function current(event: VenueEvent, papers: ReadonlyMap<string, Paper>): Paper | null {
  const paper = papers.get(event.paperId);
  return paper && !paper.withdrawn && paper.venue === event.venue ? paper : null;
}

/**
 * The lines of one channel's update: each paper whose latest venue event came after the digest that posted it
 * there (a digest planned later showed the venue already), whose posting message was sent (not refused), and
 * whose venue the channel was not told yet.
 */
export function channelVenueLines(input: {
  events: readonly VenueEvent[];
  papers: ReadonlyMap<string, Paper>;
  /** The papers of these events posted in the channel, with the digest that posted each. */
  posted: ReadonlyMap<string, DigestRecord>;
  claimed: ReadonlyMap<string, ReadonlySet<string>>;
}): VenueLine[] {
  const lines: VenueLine[] = [];
  for (const event of latestEvents(input.events)) {
    const paper = current(event, input.papers);
    const digest = input.posted.get(event.paperId);
    if (!paper || !digest || digest.createdAt >= event.at) continue;
    if (input.claimed.get(event.paperId)?.has(event.venue)) continue;
    const message = digest.messages.find((m) => m.paperIds.includes(event.paperId));
    if (!message?.messageId || message.messageId === REFUSED) continue;
    lines.push({
      paperId: paper.id,
      title: paper.title,
      venue: event.venue,
      version: event.version,
      url: messageUrl(digest, message.index, message.messageId),
    });
  }
  return lines;
}

/** The lines of a member's update: saved papers whose venue came after they were saved and was not told yet. */
export function savedVenueLines(input: {
  events: readonly VenueEvent[];
  papers: ReadonlyMap<string, Paper>;
  saved: readonly SavedPaper[];
  claimed: ReadonlyMap<string, ReadonlySet<string>>;
}): VenueLine[] {
  const savedAt = new Map(input.saved.map((s) => [s.paperId, s.at]));
  const lines: VenueLine[] = [];
  for (const event of latestEvents(input.events)) {
    const paper = current(event, input.papers);
    const at = savedAt.get(event.paperId);
    if (!paper || at === undefined || at >= event.at) continue;
    if (input.claimed.get(event.paperId)?.has(event.venue)) continue;
    lines.push({
      paperId: paper.id,
      title: paper.title,
      venue: event.venue,
      version: event.version,
      url: `https://arxiv.org/abs/${paper.id}`,
    });
  }
  return lines;
}

/**
 * An update as a pending digest record: no ledger claims of its own (its papers' claims stay with the digests
 * that posted them); its lines' papers are on its one message, for the venue claims made with it.
 */
export function venueUpdateRecord(input: {
  guildId: string;
  channelId: string;
  date: string;
  rendered: { body: MessageBody; paperIds: string[] };
  createdAt: string;
  /** The language of the forum post's name. */
  locale?: Locale;
}): DigestRecord {
  const key = venueUpdateKey(input.guildId, input.channelId, input.date);
  return {
    key,
    guildId: input.guildId,
    channelId: input.channelId,
    topicSlug: UPDATES_SLUG,
    date: input.date,
    paperIds: [],
    skippedIds: [],
    messages: [
      {
        index: 0,
        nonce: input.rendered.body.nonce ?? '',
        paperIds: input.rendered.paperIds,
        body: input.rendered.body,
        messageId: null,
      },
    ],
    // A forum takes the update as a post of this name.
    threadName: t(input.locale ?? DEFAULT_LOCALE, 'venue.threadName', { date: input.date }),
    openThread: false,
    threadId: null,
    status: 'pending',
    attempts: 0,
    error: null,
    createdAt: input.createdAt,
    finishedAt: null,
  };
}

/** One update per channel (or member's DM channel) per listing date: the key says so. */
export function venueUpdateKey(guildId: string, channelId: string, date: string): string {
  return `${guildId}:${channelId}:${UPDATES_SLUG}:${date}:1`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
