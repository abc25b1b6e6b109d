/** The kinds of digest the ledger holds: a topic's (or a member's follows'), and venue updates. */
import { translator, type Locale } from '../i18n/index.js';
import type { DigestRecord } from '../store/types.js';

/** The topic slug of venue updates (src/digest/venue-updates.ts): no topic can have it (slugs start with a letter or digit). */
export const UPDATES_SLUG = '~venue';

export function isVenueUpdate(digest: Pick<DigestRecord, 'topicSlug'>): boolean {
  return digest.topicSlug === UPDATES_SLUG;
}

/** How messages to moderators name a digest: "the contrastive digest", "the venue update". */
export function digestName(digest: Pick<DigestRecord, 'topicSlug'>, locale: Locale): string {
  const t = translator(locale);
  return isVenueUpdate(digest) ? t('notice.venueUpdateName') : t('notice.digestName', { topic: digest.topicSlug });
}
