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

/** When a schedule next fires after `now` in a time zone, or null if it never does or does not parse. */
export function nextRun(schedule: string, timezone: string, now: Date): Date | null {
  try {
    const dates = CronExpressionParser.parse(schedule, { tz: timezone, currentDate: now });
    return dates.hasNext() ? dates.next().toDate() : null;
  } catch {
    return null;
  }
}

/**
 * The latest firing of a schedule strictly before `before` and strictly after `after`, or null:
 * the run a scheduler missed between the last one it made (`after`) and now (`before`).
 */
export function previousFiring(schedule: string, timezone: string, before: Date, after: Date): Date | null {
  if (before.getTime() <= after.getTime()) return null;
  try {
    const dates = CronExpressionParser.parse(schedule, { tz: timezone, currentDate: before });
    if (!dates.hasPrev()) return null;
    const previous = dates.prev().toDate();
    return previous.getTime() > after.getTime() ? previous : null;
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
