/** The kinds of digest the ledger holds: a topic's (or a member's follows'), and venue updates. */
import type { DigestRecord } from '../store/types.js';

/** The topic slug of venue updates (src/digest/venue-updates.ts): no topic can have it (slugs start with a letter or digit). */
export const UPDATES_SLUG = '~venue';

export function isVenueUpdate(digest: Pick<DigestRecord, 'topicSlug'>): boolean {
  return digest.topicSlug === UPDATES_SLUG;
}

/** How messages to moderators name a digest: "the contrastive digest", "the venue update". */
export function digestName(digest: Pick<DigestRecord, 'topicSlug'>): string {
  return isVenueUpdate(digest) ? 'venue update' : `${digest.topicSlug} digest`;
}
