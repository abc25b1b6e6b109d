/** IANA time zones: the canonical name of what a moderator typed, a zone's UTC offset, suggestions. */
import { MAX_CHOICES, type Choice } from '../format.js';

const ZONE_NAMES: readonly string[] = (() => {
  const names = new Set(Intl.supportedValuesOf('timeZone'));
  // Some ICU builds list UTC only as an alias; it is the one name everybody types.
  names.add('UTC');
  return [...names].sort();
})();

/** Offered first when nothing is typed yet: where Paperboy's users mostly are. */
export const COMMON_ZONES: readonly string[] = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Zurich',
  'Europe/Stockholm',
  'Europe/Moscow',
  'Asia/Jerusalem',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Africa/Johannesburg',
];

/**
 * The canonical IANA name for a time zone the runtime knows (`europe/berlin` → `Europe/Berlin`),
 * or null. Fixed offsets (`+01:00`) are refused: they ignore daylight saving time.
 */
export function canonicalTimeZone(input: string): string | null {
  const text = input.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) return null;
  const exact = ZONE_NAMES.find((zone) => zone.toLowerCase() === text.toLowerCase());
  if (exact !== undefined) return exact;
  try {
    // Aliases the list leaves out (`US/Eastern`, `Etc/GMT+5`) are still valid IANA names.
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** `UTC+01:00` for a zone at a moment. */
export function utcOffset(zone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return part === undefined || part === 'GMT' ? 'UTC' : part.replace('GMT', 'UTC');
}

/** Time zones matching what was typed (common ones first when nothing is), with their current offset. */
export function timezoneChoices(typed: string, now: Date): Choice[] {
  const query = typed.trim().toLowerCase().replace(/\s+/g, '_');
  let zones: string[];
  if (query === '') {
    zones = [...COMMON_ZONES];
  } else {
    const city = (zone: string) => zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();
    const rank = (zone: string): number => {
      const lower = zone.toLowerCase();
      if (lower === query) return 0;
      if (city(zone).startsWith(query)) return 1;
      if (lower.startsWith(query)) return 2;
      return lower.includes(query) ? 3 : 4;
    };
    zones = ZONE_NAMES.map((zone) => ({ zone, rank: rank(zone) }))
      .filter((z) => z.rank < 4)
      .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone))
      .map((z) => z.zone);
  }
  return zones.slice(0, MAX_CHOICES).map((zone) => ({ name: `${zone} (${utcOffset(zone, now)})`, value: zone }));
}
