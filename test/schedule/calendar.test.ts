import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { ArxivCalendar, addDays, easternDate, readDateOption } from '../../src/schedule/calendar.js';

const calendar = new ArxivCalendar(['2026-11-26', '2026-12-25']);

describe('easternDate', () => {
  it.each([
    ['2026-11-30T04:59:00Z', '2026-11-29'], // 23:59 EST Sunday
    ['2026-11-30T05:00:00Z', '2026-11-30'], // midnight EST Monday
    ['2026-07-01T03:59:00Z', '2026-06-30'], // 23:59 EDT
    ['2026-07-01T04:00:00Z', '2026-07-01'], // midnight EDT
  ])('%s is %s in US Eastern', (instant, date) => {
    expect(easternDate(new Date(instant))).toBe(date);
  });
});

describe('ArxivCalendar', () => {
  it.each([
    ['2026-11-23', true], // Monday: Sunday evening's announcement
    ['2026-11-24', true],
    ['2026-11-27', false], // Friday after Thanksgiving evening (holiday)
    ['2026-11-28', false], // Saturday
    ['2026-11-29', false], // Sunday
    ['2026-11-30', true],
    ['2026-12-26', false], // Saturday anyway
  ])('listing %s has an announcement: %s', (date, expected) => {
    expect(calendar.hasAnnouncement(date)).toBe(expected);
  });

  it.each([
    ['2026-11-27T15:00:00Z', '2026-11-26'], // Friday after a holiday: Thursday's listing is the latest
    ['2026-11-29T15:00:00Z', '2026-11-26'], // Sunday
    ['2026-11-30T04:00:00Z', '2026-11-26'], // Sunday 23:00 EST: Monday's feed not built yet
    ['2026-11-30T05:30:00Z', '2026-11-30'], // Monday 00:30 EST
    ['2026-11-24T12:00:00Z', '2026-11-24'],
  ])('latest listing at %s is %s', (instant, expected) => {
    expect(calendar.latestListing(new Date(instant))).toBe(expected);
  });

  it('explains quiet days', () => {
    expect(calendar.quietReason('2026-11-28')).toMatch(/weekends/);
    expect(calendar.quietReason('2026-11-27')).toMatch(/2026-11-26/);
    expect(calendar.quietReason('2026-11-30')).toBeNull();
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('readDateOption', () => {
  it.each([
    { value: null, date: undefined },
    { value: ' 2026-11-24 ', date: '2026-11-24' },
  ])('reads $value', ({ value, date }) => {
    expect(readDateOption(value, 'date')).toBe(date);
  });

  it.each(['2026-02-30', '1990-01-01', 'yesterday'])('refuses %j, in the reader’s language', (value) => {
    const error = (() => {
      try {
        readDateOption(value, 'date');
      } catch (caught) {
        if (caught instanceof UserError) return caught;
      }
      throw new Error(`accepted ${value}`);
    })();
    expect(error.message).toBe(`\`date\` must be a date written YYYY-MM-DD, such as 2026-11-24 (got \`${value}\`).`);
    expect(error.messageIn('zh-CN')).toBe(
      `\`date\` 必须是 YYYY-MM-DD 格式的日期，例如 2026-11-24（收到的是 \`${value}\`）。`,
    );
  });
});
