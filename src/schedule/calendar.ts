/**
 * The arXiv announcement calendar. arXiv announces at 20:00 US Eastern, Sunday to Thursday, and
 * the listing feeds are rebuilt at midnight Eastern, so the feed dated Monday carries Sunday
 * evening's announcement. A "listing date" below is the date of that feed (Monday–Friday).
 */
import { UserError } from '../errors.js';
import { codeSpan } from '../format.js';
import { DEFAULT_LOCALE, translator, type Translate } from '../i18n/index.js';

const EASTERN = 'America/New_York';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: EASTERN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) in US Eastern time at `instant`. */
export function easternDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** Whether `text` is a real YYYY-MM-DD calendar date (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T12:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March; only a date that reads back the same is real.
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/**
 * A YYYY-MM-DD option, checked to be a real calendar date; undefined when the option is absent.
 * @throws UserError with the option's name and an example otherwise.
 */
export function readDateOption(value: string | null, optionName: string): string | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  // arXiv started in 1991: an earlier date is a typo.
  if (!isCalendarDate(text) || text < '1991') {
    throw UserError.of('shared.badDate', { option: optionName, got: codeSpan(text, 20) });
  }
  return text;
}

/** Add whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export class ArxivCalendar {
  private readonly holidays: ReadonlySet<string>;

  /** @param holidays Eastern dates of evenings without an announcement (besides Friday and Saturday). */
  constructor(holidays: Iterable<string>) {
    this.holidays = new Set(holidays);
  }

  /** The evening (Eastern date) whose announcement a listing date carries: always the day before (Sunday for Monday). */
  announcementEvening(listingDate: string): string {
    return addDays(listingDate, -1);
  }

  /** Whether the feed dated `listingDate` carries an announcement. */
  hasAnnouncement(listingDate: string): boolean {
    const day = weekday(listingDate);
    if (day === 0 || day === 6) return false;
    return !this.holidays.has(this.announcementEvening(listingDate));
  }

  /** The newest listing date that carries an announcement at `instant` (today's, once the feed has refreshed). */
  latestListing(instant: Date): string {
    let date = easternDate(instant);
    for (let i = 0; i < 14 && !this.hasAnnouncement(date); i++) date = addDays(date, -1);
    return date;
  }

  /** Why there is no listing on `listingDate` (in the words of `t`), or null if there is one. */
  quietReason(listingDate: string, t: Translate = translator(DEFAULT_LOCALE)): string | null {
    const day = weekday(listingDate);
    if (day === 0 || day === 6) return t('digestCommand.quietWeekend');
    if (!this.hasAnnouncement(listingDate)) {
      return t('digestCommand.quietHoliday', { evening: this.announcementEvening(listingDate) });
    }
    return null;
  }
}
