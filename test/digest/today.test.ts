import { describe, expect, it } from 'vitest';
import { defaults } from '../../config/defaults.js';
import { chooseListing, digestDay } from '../../src/digest/today.js';
import { ArxivCalendar } from '../../src/schedule/calendar.js';
import { subscription, topic } from '../helpers/bot.js';
import { makePaper } from '../topics/papers.js';
import { GUILD, guildWorld, TEXT } from '../guilds/world.js';

const calendar = new ArxivCalendar(defaults.arxivHolidays);
/** Monday 23 November 2026, noon in New York. */
const MONDAY = new Date('2026-11-23T17:00:00Z');
/** Saturday 28 November 2026 (the Thanksgiving evening before it had no announcement either). */
const SATURDAY = new Date('2026-11-28T17:00:00Z');

describe('chooseListing', () => {
  it.each([
    {
      case: 'today, a listing day',
      now: MONDAY,
      asked: undefined,
      want: { kind: 'listing', date: '2026-11-23', notes: [] },
    },
    {
      case: 'a past listing day',
      now: MONDAY,
      asked: '2026-11-20',
      want: { kind: 'listing', date: '2026-11-20', notes: [] },
    },
    {
      case: 'today, a weekend',
      now: SATURDAY,
      asked: undefined,
      want: {
        kind: 'listing',
        date: '2026-11-26',
        notes: [
          'No arXiv listing today (2026-11-28): arXiv makes no announcements on Friday and Saturday evenings, so there is no listing on weekends. Showing the latest listing, 2026-11-26.',
        ],
      },
    },
    {
      case: 'a holiday',
      now: SATURDAY,
      asked: '2026-11-27',
      want: {
        kind: 'quiet',
        message:
          'There was no arXiv listing on 2026-11-27: arXiv made no announcement on the evening of 2026-11-26 (holiday schedule). The listing before it is 2026-11-26 (`date:2026-11-26`).',
      },
    },
  ])('$case', ({ now, asked, want }) => {
    expect(chooseListing(calendar, now, asked)).toEqual(want);
  });

  it('refuses a date still to come', () => {
    expect(() => chooseListing(calendar, MONDAY, '2026-12-01')).toThrow(
      '2026-12-01 is still to come: the latest arXiv listing is 2026-11-23.',
    );
  });
});

describe('digestDay', () => {
  async function world(withSubscription: boolean) {
    const w = guildWorld();
    await w.store.state.updateGuild(GUILD, (state) => {
      state.topics = [topic(GUILD)];
      state.subscriptions = withSubscription ? [subscription(GUILD, { channelId: TEXT })] : [];
    });
    return { ...w, calendar, delivery: w.store.delivery };
  }

  it('says how to subscribe when the server has no subscriptions', async () => {
    const w = await world(false);
    expect(await digestDay(w, GUILD, '2026-11-23', undefined, MONDAY)).toEqual({
      kind: 'empty',
      message:
        'This server has no subscriptions yet: a moderator can add one with `/subscription add topic:<slug>` (see `/topic list`).',
    });
  });

  it('refuses an unknown topic', async () => {
    const w = await world(true);
    await expect(digestDay(w, GUILD, '2026-11-23', 'nope', MONDAY)).rejects.toThrow(
      'This server has no topic `nope`. Its topics: `contrastive`.',
    );
  });

  it('says the listing is not fetched yet, then previews it once it is', async () => {
    const w = await world(true);
    const before = await digestDay(w, GUILD, '2026-11-23', undefined, MONDAY);
    expect(before.kind === 'sections' && before.sections[0]?.entries).toEqual([
      { kind: 'not-fetched', channelId: TEXT },
    ]);

    const papers = [
      makePaper({ id: '2611.00001', title: 'Contrastive learning at scale', announced: '2026-11-23' }),
      makePaper({ id: '2611.00002', title: 'Graph networks', announced: '2026-11-23' }),
    ];
    await w.store.archive.upsert(papers.map((paper) => ({ paper, raw: { title: paper.title, abstract: '' } })));
    const after = await digestDay(w, GUILD, '2026-11-23', undefined, MONDAY);
    expect(after.kind).toBe('sections');
    if (after.kind !== 'sections') return;
    expect(after.sections).toEqual([
      {
        slug: 'contrastive',
        topic: topic(GUILD),
        entries: [{ kind: 'preview', channelId: TEXT, papers: ['2611.00001'], overflow: 0 }],
      },
    ]);
    expect([...after.papers.keys()]).toEqual(['2611.00001']);
    expect(after.settings.schedule).toBe(defaults.schedule);
  });

  it('has no preview for a past listing', async () => {
    const w = await world(true);
    const past = await digestDay(w, GUILD, '2026-11-20', undefined, MONDAY);
    expect(past.kind === 'sections' && past.sections[0]?.entries).toEqual([{ kind: 'none', channelId: TEXT }]);
  });
});
