import { describe, expect, it } from 'vitest';
import { checkSchedule, checkTimeZone, describeSchedule, lastFiring, nextRun } from '../../src/schedule/cron.js';
import { t } from '../../src/i18n/index.js';
import { canonicalTimeZone, timezoneChoices, utcOffset } from '../../src/schedule/timezones.js';

const HELP = 'A schedule is 5 fields: minute hour day month weekday, e.g. `30 7 * * 1-5` (07:30, Monday to Friday).';

describe('checkSchedule', () => {
  it.each([
    { input: '30 7 * * 1-5', schedule: '30 7 * * 1-5' },
    { input: '  0   9 * * MON-FRI ', schedule: '0 9 * * MON-FRI' },
    { input: '0 8,20 * * *', schedule: '0 8,20 * * *' },
  ])('accepts $input', ({ input, schedule }) => {
    expect(checkSchedule(input)).toEqual({ ok: true, schedule });
  });

  it.each([
    { input: '', says: '` `: that is 0 fields, not 5.' },
    { input: '30 7 * *', says: '`30 7 * *`: that is 4 fields, not 5.' },
    { input: '61 * * * *', says: '`61 * * * *`: minute 61 is out of range (0–59).' },
    { input: '0 0 31 2 *', says: '`0 0 31 2 *`: day 31 does not occur in the months given.' },
    {
      input: '*/5 * * * *',
      says: '`*/5 * * * *`: that runs 288 times a day; arXiv announces once a day, so at most 24 runs a day make sense.',
    },
  ])('refuses $input', ({ input, says }) => {
    const checked = checkSchedule(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message.replace('``', '` `')).toBe(`${says} ${HELP}`);
  });

  it.each([
    { input: '30 7 * *', says: '`30 7 * *`：这里有 4 个字段，而不是 5 个。' },
    { input: '61 99 * * *', says: '`61 99 * * *`：分钟 61 超出范围（0–59）；小时 99 超出范围（0–23）。' },
    {
      input: '*/5 * * * *',
      says: '`*/5 * * * *`：这样每天会运行 288 次；arXiv 每天只发布一次，每天最多运行 24 次才有意义。',
    },
  ])('refuses $input in Chinese too', ({ input, says }) => {
    const checked = checkSchedule(input);
    if (checked.ok) throw new Error(`accepted ${input}`);
    expect(checked.error.message).toBe(checked.message);
    expect(checked.error.messageIn('zh-CN')).toBe(`${says}${t('zh-CN', 'settings.schedule.help')}`);
  });
});

describe('time zones', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['America/New_York', 'America/New_York'],
    ['Mars/Olympus', null],
    ['+01:00', null],
    ['', null],
    ['Europe/Berlin; DROP', null],
  ])('canonicalTimeZone(%j) = %j', (input, zone) => {
    expect(canonicalTimeZone(input)).toBe(zone);
  });

  it('checkTimeZone says how to write one', () => {
    expect(checkTimeZone('asia/shanghai')).toEqual({ ok: true, timezone: 'Asia/Shanghai' });
    const bad = checkTimeZone('Nowhere');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^`Nowhere` is not a time zone Paperboy knows\. Use an IANA name/);
  });

  it('offers at most 25 time zones for any text, with their offset', () => {
    const july = new Date('2026-07-01T00:00:00Z');
    for (const typed of ['', 'a', 'e', 'america', '/', '_', 'x']) {
      expect(timezoneChoices(typed, july).length).toBeLessThanOrEqual(25);
    }
    expect(timezoneChoices('berlin', july)[0]).toEqual({ name: 'Europe/Berlin (UTC+02:00)', value: 'Europe/Berlin' });
    expect(utcOffset('Europe/Berlin', new Date('2026-01-01T00:00:00Z'))).toBe('UTC+01:00');
  });
});

describe('describeSchedule', () => {
  it.each([
    ['30 7 * * 1-5', 'at 07:30, Monday through Friday'],
    ['30 1 * * 1-5', 'at 01:30, Monday through Friday'],
    ['0 8,20 * * *', 'at 08:00 and 20:00'],
    ['0 * * * *', 'every hour'],
    ['0 9 1,15 * *', 'at 09:00, on day 1 and 15 of the month'],
    ['0 9 * * 0,6', 'at 09:00, only on Sunday and Saturday'],
    ['0 9 * * 7', 'at 09:00, only on Sunday'],
    ['15 6 * 1-3 MON-FRI', 'at 06:15, Monday through Friday, January through March'],
    ['*/30 9-17 * * 1-5', 'every 30 minutes, between 09:00 and 17:59, Monday through Friday'],
  ])('describeSchedule(%j)', (schedule, words) => {
    expect(checkSchedule(schedule).ok).toBe(true);
    expect(describeSchedule(schedule)).toBe(words);
  });

  it.each([
    ['30 7 * * 1-5', '在07:30, 星期一至星期五'],
    ['0 8,20 * * *', '在 08:00 和 20:00'],
  ])('describeSchedule(%j) in Chinese', (schedule, words) => {
    expect(describeSchedule(schedule, 'zh-CN')).toBe(words);
  });
});

describe('nextRun and lastFiring', () => {
  // Monday 7 December 2026, 03:00 UTC = 04:00 in Berlin.
  const now = new Date('2026-12-07T03:00:00Z');

  it.each([
    { schedule: '30 7 * * 1-5', zone: 'Europe/Berlin', next: '2026-12-07T06:30:00.000Z' },
    { schedule: '30 1 * * 1-5', zone: 'America/New_York', next: '2026-12-07T06:30:00.000Z' },
    { schedule: '0 9 * * 0', zone: 'UTC', next: '2026-12-13T09:00:00.000Z' },
    { schedule: '0 3 * * *', zone: 'UTC', next: '2026-12-08T03:00:00.000Z' },
    { schedule: '0 0 31 2 *', zone: 'UTC', next: null },
    { schedule: 'not a schedule', zone: 'UTC', next: null },
  ])('nextRun($schedule, $zone)', ({ schedule, zone, next }) => {
    expect(nextRun(schedule, zone, now)?.toISOString() ?? null).toBe(next);
  });

  it('follows daylight saving time', () => {
    // 07:30 Berlin is 05:30 UTC in summer, 06:30 UTC in winter.
    expect(nextRun('30 7 * * *', 'Europe/Berlin', new Date('2026-07-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-07-01T05:30:00.000Z',
    );
  });

  it.each([
    { case: 'the run missed over the weekend', after: '2026-12-03T12:00:00Z', fired: '2026-12-04T06:30:00.000Z' },
    { case: 'nothing since the last run', after: '2026-12-04T07:00:00Z', fired: null },
    { case: 'the last run exactly at the firing', after: '2026-12-04T06:30:00Z', fired: null },
  ])('lastFiring: $case', ({ after, fired }) => {
    const found = lastFiring('30 7 * * 1-5', 'Europe/Berlin', new Date(after), now);
    expect(found?.toISOString() ?? null).toBe(fired);
  });

  it('lastFiring is null for an empty window or a bad schedule', () => {
    expect(lastFiring('0 3 * * *', 'UTC', now, now)).toBeNull();
    expect(lastFiring('0 0 31 2 *', 'UTC', new Date(0), now)).toBeNull();
  });

  it('nextRun takes a day only when both the day of month and the weekday match, as node-cron fires', () => {
    // Friday the 13th, not every Friday nor every 13th.
    const next = nextRun('0 0 13 * 5', 'UTC', now);
    expect(next?.getUTCDate()).toBe(13);
    expect(next?.getUTCDay()).toBe(5);
  });
});
