/**
 * Digest schedules: cron validation with messages that say what to fix, a plain-words reading,
 * the next and previous firing in a time zone. node-cron runs the schedules (scheduler.ts) and
 * validates them here, so a schedule accepted here is one the scheduler takes; cron-parser
 * answers "when" without starting a task.
 */
import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';
// Registers cronstrue's Simplified Chinese with the module above.
import 'cronstrue/locales/zh_CN.js';
import cron from 'node-cron';
import { ComposedUserError, UserError } from '../errors.js';
import { codeSpan } from '../format.js';
import { DEFAULT_LOCALE, t, type Locale } from '../i18n/index.js';
import { canonicalTimeZone } from './timezones.js';

/** arXiv announces once a day: more than this many runs a day only costs requests. */
export const MAX_RUNS_PER_DAY = 24;

const FIELDS = [
  { key: 'minute', min: 0, max: 59 },
  { key: 'hour', min: 0, max: 23 },
  { key: 'dayOfMonth', min: 1, max: 31 },
  { key: 'month', min: 1, max: 12 },
  { key: 'dayOfWeek', min: 0, max: 7 },
] as const;

function quoted(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

/** A failed check: `message` in English, `error` the refusal in any locale. */
type Refused = { ok: false; message: string; error: UserError };
export type ScheduleCheck = { ok: true; schedule: string } | Refused;
export type TimeZoneCheck = { ok: true; timezone: string } | Refused;

function refused(error: UserError): Refused {
  return { ok: false, message: error.message, error };
}

/** One field's problem, in a locale's words (node-cron's own message for a field it does not name). */
type FieldProblem = (locale: Locale) => string;

function fieldProblem(error: { field?: string; value?: string; message: string }): FieldProblem {
  const field = FIELDS.find((f) => f.key === error.field);
  if (!field) return () => error.message;
  const name = (locale: Locale) => t(locale, `settings.schedule.fields.${field.key}`);
  const value = error.value ?? '';
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n < field.min || n > field.max) {
      return (locale) =>
        t(locale, 'settings.schedule.outOfRange', { field: name(locale), value, min: field.min, max: field.max });
    }
    if (field.key === 'dayOfMonth') return (locale) => t(locale, 'settings.schedule.dayNotInMonths', { value });
  }
  return (locale) => t(locale, 'settings.schedule.invalidField', { field: name(locale), value: quoted(value) });
}

/** Whether `input` is a usable 5-field cron schedule; the message says what is wrong and how to write one. */
export function checkSchedule(input: string): ScheduleCheck {
  const schedule = input.trim().replace(/\s+/g, ' ');
  const fail = (problem: (locale: Locale) => string): ScheduleCheck =>
    refused(
      new ComposedUserError((locale) =>
        t(locale, 'settings.schedule.problem', {
          schedule: quoted(schedule),
          problem: problem(locale),
          help: t(locale, 'settings.schedule.help'),
        }),
      ),
    );
  const parts = schedule === '' ? [] : schedule.split(' ');
  if (parts.length !== 5) {
    return fail((locale) => t(locale, 'settings.schedule.fieldCount', { count: parts.length }));
  }

  const result = cron.validateDetailed(schedule);
  if (!result.valid || !result.fields) {
    const problems = result.errors.map(fieldProblem);
    return fail((locale) =>
      t(locale, 'settings.schedule.fieldProblems', {
        problems: problems.map((p) => p(locale)).join(t(locale, 'settings.schedule.problemSeparator')),
      }),
    );
  }
  const perDay = result.fields.minute.length * result.fields.hour.length;
  if (perDay > MAX_RUNS_PER_DAY) {
    return fail((locale) => t(locale, 'settings.schedule.tooOften', { perDay, max: MAX_RUNS_PER_DAY }));
  }
  try {
    CronExpressionParser.parse(schedule);
  } catch (error) {
    // node-cron took it but the date arithmetic cannot: it would never show a next run.
    const reason = error instanceof Error ? error.message : String(error);
    return fail((locale) => t(locale, 'settings.schedule.noDates', { reason }));
  }
  return { ok: true, schedule };
}

/** Whether `input` names a time zone; the message suggests how to write one. */
export function checkTimeZone(input: string): TimeZoneCheck {
  const timezone = canonicalTimeZone(input);
  if (timezone !== null) return { ok: true, timezone };
  return refused(UserError.of('settings.unknownTimeZone', { zone: codeSpan(input, 64) }));
}

/** How far back a catch-up looks for a missed firing. */
export const CATCH_UP_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Candidate firings examined before giving up (a schedule such as "Friday the 13th" skips many). */
const MAX_CANDIDATES = 5_000;

type Expression = ReturnType<typeof CronExpressionParser.parse>;

/**
 * node-cron (which triggers the runs) fires only on days matching both the day-of-month and the weekday
 * field; cron-parser alone takes either when both are restricted.
 */
function firesOn(expression: Expression, date: { getDate(): number; getDay(): number }): boolean {
  const weekday = date.getDay();
  const weekdays: readonly (number | string)[] = expression.fields.dayOfWeek.values;
  const days: readonly (number | string)[] = expression.fields.dayOfMonth.values;
  return days.includes(date.getDate()) && (weekdays.includes(weekday) || (weekday === 0 && weekdays.includes(7)));
}

/** When a schedule next fires after `now` in a time zone, or null if it never does or does not parse. */
export function nextRun(schedule: string, timezone: string, now: Date): Date | null {
  try {
    const expression = CronExpressionParser.parse(schedule, { tz: timezone, currentDate: now });
    for (let i = 0; i < MAX_CANDIDATES && expression.hasNext(); i++) {
      const firing = expression.next();
      if (firesOn(expression, firing)) return firing.toDate();
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * The most recent firing of a schedule at or before `now`, strictly after `after` and no more than
 * {@link CATCH_UP_WINDOW_MS} back; null if none: the run a scheduler missed since the last one it made.
 */
export function lastFiring(schedule: string, timezone: string, after: Date, now: Date): Date | null {
  const stop = Math.max(after.getTime(), now.getTime() - CATCH_UP_WINDOW_MS);
  try {
    // prev() is strictly before its start: one millisecond later takes a firing at `now` itself.
    const expression = CronExpressionParser.parse(schedule, { tz: timezone, currentDate: new Date(now.getTime() + 1) });
    for (let i = 0; i < MAX_CANDIDATES && expression.hasPrev(); i++) {
      const firing = expression.prev();
      if (firing.getTime() <= stop) return null;
      if (firesOn(expression, firing)) return firing.toDate();
    }
    return null;
  } catch {
    return null;
  }
}

/** cronstrue's name for each locale. */
const CRONSTRUE_LOCALES: Readonly<Record<Locale, string>> = { 'en-US': 'en', 'zh-CN': 'zh_CN' };

/**
 * A valid schedule in plain words, to follow a colon or "run": `30 7 * * 1-5` → "at 07:30, Monday through Friday"
 * (in Chinese, "在07:30, 星期一至星期五").
 */
export function describeSchedule(schedule: string, locale: Locale = DEFAULT_LOCALE): string {
  try {
    const words = cronstrue.toString(schedule, {
      locale: CRONSTRUE_LOCALES[locale],
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
    return words.charAt(0).toLowerCase() + words.slice(1);
  } catch {
    return schedule;
  }
}
