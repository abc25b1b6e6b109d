/** Digest schedules: cron validation with messages that say what to fix, a plain-words reading, the next run. */
import cron from 'node-cron';

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

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function quoted(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

export type ScheduleCheck = { ok: true; schedule: string } | { ok: false; message: string };

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
  return { ok: true, schedule };
}

/** When a schedule next fires in a time zone, or null if it never does (`0 0 31 2 *`). */
export function nextRun(schedule: string, timezone: string): Date | null {
  try {
    const task = cron.createTask(schedule, () => undefined, { timezone });
    const [next] = task.getNextRuns(1);
    void task.destroy();
    return next ?? null;
  } catch {
    return null;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `1-5` → Monday to Friday; `0,6` → Sunday and Saturday. */
function listWords(values: readonly number[], names: readonly string[]): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const v of sorted) {
    const last = runs[runs.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else runs.push([v, v]);
  }
  const words = runs.flatMap(([a, b]) => {
    if (a === b) return [names[a] ?? String(a)];
    if (b === a + 1) return [names[a] ?? String(a), names[b] ?? String(b)];
    return [`${names[a] ?? a} to ${names[b] ?? b}`];
  });
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A schedule in plain words: `30 7 * * 1-5` → "at 07:30, Monday to Friday". Assumes a valid schedule. */
export function describeSchedule(schedule: string): string {
  const parsed = cron.validateDetailed(schedule);
  const fields = parsed.fields;
  const [minuteText = '*', hourText = '*', domText = '*', monthText = '*', dowText = '*'] = schedule.split(' ');
  if (!fields) return schedule;
  const minutes = fields.minute;
  const hours = fields.hour;

  let time: string;
  if (hourText === '*' && minutes.length === 1) time = `every hour at minute ${minutes[0]}`;
  else if (minutes.length * hours.length <= 6) {
    time = `at ${hours.flatMap((h) => minutes.map((m) => `${pad(h)}:${pad(m)}`)).join(', ')}`;
  } else time = `at minutes ${minuteText} of hours ${hourText}`;

  const weekdays = fields.dayOfWeek.map((d) => (typeof d === 'number' ? d % 7 : Number(d) % 7));
  const days: string[] = [];
  if (domText !== '*') {
    const dom = fields.dayOfMonth.map(Number);
    days.push(`on day${dom.length === 1 ? '' : 's'} ${listWords(dom, [])} of the month`);
  }
  if (dowText !== '*') days.push(listWords(weekdays, DAY_NAMES));
  let when = days.length === 0 ? 'every day' : days.join(' or ');
  if (monthText !== '*') when += `, in ${listWords(fields.month, ['', ...MONTH_NAMES])}`;
  return `${time}, ${when}`;
}
