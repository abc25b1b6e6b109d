import { describe, expect, it } from 'vitest';
import { defaults, parseDefaults } from '../../config/defaults.js';

describe('config/defaults.ts', () => {
  it('ships a schedule and time zone /settings set would accept', () => {
    expect(parseDefaults(defaults)).toEqual(defaults);
  });

  it.each([
    {
      case: 'a schedule that does not parse',
      patch: { schedule: '61 * * * *' },
      says: /schedule: `61 \* \* \* \*`: minute 61 is out of range/,
    },
    {
      case: 'a schedule with too many runs',
      patch: { schedule: '* * * * *' },
      says: /schedule: .*runs 1440 times a day/,
    },
    {
      case: 'an unknown time zone',
      patch: { timezone: 'Mars/Olympus' },
      says: /timezone: `Mars\/Olympus` is not a time zone/,
    },
    { case: 'a fixed offset', patch: { timezone: '+01:00' }, says: /timezone: `\+01:00` is not a time zone/ },
  ])('refuses $case at load, naming the field', ({ patch, says }) => {
    expect(() => parseDefaults({ ...defaults, ...patch })).toThrow(says);
    expect(() => parseDefaults({ ...defaults, ...patch })).toThrow(/^config\/defaults\.ts is invalid:/);
  });

  it('lists every bad field at once', () => {
    expect(() => parseDefaults({ ...defaults, schedule: 'x', timezone: 'y' })).toThrow(
      /schedule: [^\n]+\n- timezone: /,
    );
  });
});
