/**
 * Digest schedules: cron validation with messages that say what to fix, a plain-words reading,
 * the next and previous firing in a time zone. node-cron runs the schedules (scheduler.ts) and
 * validates them here, so a schedule accepted here is one the scheduler takes; cron-parser
 * answers "when" without starting a task.
 */
import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';
import cron from 'node-cron';
import { codeSpan } from '../format.js';
import { canonicalTimeZone } from './timezones.js';

/** Example shown with every schedule problem. */
const SCHEDULE_HELP =
  'A schedule is 5 fields: minute hour day month weekday, e.g. `30 7 * * 1-5` (07:30, Monday to Friday).';
/** arXiv announces once a day: more than this many runs a day only costs requests. */
export const MAX_RUNS_PER_DAY = 24;

const FIELDS = [
  { key: 'minute', label: 'minute', min: 0, max: 59 },
  { key: 'hour', label: 'hour', min: 0, max: 23 },
  { key: 'dayOfMonth', label: 'day of month', min: 1, max: 31 },
  { key: 'month', label: 'month', min: 1, max: 12 },
  { key: 'dayOfWeek', label: 'weekday', min: 0, max: 7 },
] as const;

function quoted(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

export type ScheduleCheck = { ok: true; schedule: string } | { ok: false; message: string };
export type TimeZoneCheck = { ok: true; timezone: string } | { ok: false; message: string };

/** Whether `input` is a usable 5-field cron schedule; the message says what is wrong and how to write one. */
export function checkSchedule(input: string): ScheduleCheck {
  const schedule = input.trim().replace(/\s+/g, ' ');
  const fail = (problem: string): ScheduleCheck => ({
    ok: false,
    message: `${quoted(schedule)}: ${problem} ${SCHEDULE_HELP}`,
  });
  const parts = schedule === '' ? [] : schedule.split(' ');
  if (parts.length !== 5) return fail(`that is ${parts.length} field${parts.length === 1 ? '' : 's'}, not 5.`);

  const result = cron.validateDetailed(schedule);
  if (!result.valid || !result.fields) {
    const problems = result.errors.map((error) => {
      const field = FIELDS.find((f) => f.key === error.field);
      if (!field) return error.message;
      const value = error.value ?? '';
      if (/^\d+$/.test(value)) {
        const n = Number(value);
        if (n < field.min || n > field.max)
          return `${field.label} ${value} is out of range (${field.min}–${field.max})`;
        if (field.key === 'dayOfMonth') return `day ${value} does not occur in the months given`;
      }
      return `${field.label} ${quoted(value)} is not valid`;
    });
    return fail(`${problems.join('; ')}.`);
  }
  const perDay = result.fields.minute.length * result.fields.hour.length;
  if (perDay > MAX_RUNS_PER_DAY) {
    return fail(
      `that runs ${perDay} times a day; arXiv announces once a day, so at most ${MAX_RUNS_PER_DAY} runs a day make sense.`,
    );
  }
  try {
    CronExpressionParser.parse(schedule);
  } catch (error) {
    // node-cron took it but the date arithmetic cannot: it would never show a next run.
    return fail(`${error instanceof Error ? error.message : String(error)}.`);
  }
  return { ok: true, schedule };
}

/** Whether `input` names a time zone; the message suggests how to write one. */
export function checkTimeZone(input: string): TimeZoneCheck {
  const timezone = canonicalTimeZone(input);
  if (timezone !== null) return { ok: true, timezone };
  return {
    ok: false,
    message:
      `${codeSpan(input, 64)} is not a time zone Paperboy knows. Use an IANA name such as \`Europe/Berlin\`, ` +
      '`America/New_York`, `Asia/Shanghai` or `UTC` (start typing in `timezone:` for suggestions).',
  };
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

/** A valid schedule in plain words, to follow a colon or "run": `30 7 * * 1-5` → "at 07:30, Monday through Friday". */
export function describeSchedule(schedule: string): string {
  try {
    const words = cronstrue.toString(schedule, { use24HourTimeFormat: true, throwExceptionOnParseError: true });
    return words.charAt(0).toLowerCase() + words.slice(1);
  } catch {
    return schedule;
  }
}
