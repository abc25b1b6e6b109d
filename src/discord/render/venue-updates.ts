import type { VenueLine, VenueUpdatePlan } from '../../digest/venue-updates.js';
import { DEFAULT_LOCALE, translator, type Locale, type MessageKey } from '../../i18n/index.js';
import { digestNonce, type DigestMessageBody } from './digest-messages.js';
import { LIMITS } from './limits.js';
import { fitText } from './sanitize.js';
import { readerDate } from './text.js';

const TITLE_MAX = 200;
const VENUE_MAX = 100;

const HEADERS = {
  channel: 'venue.headerChannel',
  saved: 'venue.headerSaved',
} as const satisfies Record<VenueUpdatePlan['audience'], MessageKey>;

/** `**Title** — now accepted at **Venue** (v3) — [posted here](…)`; a member's line links the arXiv page. */
export function venueLineText(
  line: VenueLine,
  audience: VenueUpdatePlan['audience'],
  locale: Locale = DEFAULT_LOCALE,
): string {
  const t = translator(locale);
  const title = fitText(line.title, TITLE_MAX) || line.paperId;
  const venue = fitText(line.venue, VENUE_MAX);
  // The angle brackets keep Discord from unfurling the arXiv page under the DM.
  const link =
    audience === 'channel' ? `[${t('venue.postedHere')}](${line.url})` : `[${t('venue.arxiv')}](<${line.url}>)`;
  return t('venue.line', { title, venue, version: line.version, link });
}

/**
 * A venue update as the one message it sends: a header with the date, then one line per paper while they fit in
 * Discord's 2,000 characters, and a last line counting the papers left for the next update. No embeds, no
 * mentions; the nonce derives from the update's key like a digest's.
 */
export function renderVenueUpdate(
  plan: VenueUpdatePlan,
  nonceBase: string,
): { body: DigestMessageBody; paperIds: string[] } {
  const locale = plan.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const moreLine = (count: number): string => t('venue.more', { count });
  const lines = [`${t(HEADERS[plan.audience])} · ${fitText(readerDate(locale, plan.date), 32)}`];
  const paperIds: string[] = [];
  let length = lines[0]!.length;
  for (const [i, line] of plan.lines.entries()) {
    const text = venueLineText(line, plan.audience, locale);
    const rest = plan.lines.length - i - 1;
    const closing = rest > 0 ? 1 + moreLine(rest).length : 0;
    if (length + 1 + text.length + closing > LIMITS.content) break;
    lines.push(text);
    paperIds.push(line.paperId);
    length += 1 + text.length;
  }
  const more = plan.lines.length - paperIds.length;
  if (more > 0) lines.push(moreLine(more));
  return {
    body: {
      content: lines.join('\n'),
      embeds: [],
      allowed_mentions: { parse: [] },
      nonce: digestNonce(nonceBase, 0),
      enforce_nonce: true,
    },
    paperIds,
  };
}
