import type { VenueLine, VenueUpdatePlan } from '../../digest/venue-updates.js';
import { digestNonce, type DigestMessageBody } from './digest-messages.js';
import { LIMITS } from './limits.js';
import { fitText } from './sanitize.js';

const TITLE_MAX = 200;
const VENUE_MAX = 100;

const HEADERS: Record<VenueUpdatePlan['audience'], string> = {
  channel: '🎓 **Now accepted** — papers posted here',
  saved: '🎓 **Now accepted** — papers you saved',
};

/** `**Title** — now accepted at **Venue** (v3) — [posted here](…)`; a member's line links the arXiv page. */
export function venueLineText(line: VenueLine, audience: VenueUpdatePlan['audience']): string {
  const title = fitText(line.title, TITLE_MAX) || line.paperId;
  const venue = fitText(line.venue, VENUE_MAX);
  // The angle brackets keep Discord from unfurling the arXiv page under the DM.
  const link = audience === 'channel' ? `[posted here](${line.url})` : `[arXiv](<${line.url}>)`;
  return `**${title}** — now accepted at **${venue}** (v${line.version}) — ${link}`;
}

function moreLine(more: number): string {
  return `…and ${more} more in the next update.`;
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
  const lines = [`${HEADERS[plan.audience]} · ${fitText(plan.date, 32)}`];
  const paperIds: string[] = [];
  let length = lines[0]!.length;
  for (const [i, line] of plan.lines.entries()) {
    const text = venueLineText(line, plan.audience);
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
