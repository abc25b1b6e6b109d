import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { planUpsert, venueChange } from '../../src/store/shared.js';
import { makePaper, makeRecord } from './papers.js';

const ID = '2501.04444';
const paper = (version: number, venue: string | null, extra: Partial<Paper> = {}): Paper =>
  makePaper({ id: ID, version, venue, ...extra });

describe('venueChange: which upserts are venue events', () => {
  it.each<{ case: string; stored: Paper; next: Paper; event: { version: number; venue: string } | null }>([
    {
      case: 'a later version brings a first venue',
      stored: paper(1, null),
      next: paper(2, 'ICML 2025'),
      event: { version: 2, venue: 'ICML 2025' },
    },
    {
      case: 'a later version brings another venue',
      stored: paper(2, 'ICLR 2025'),
      next: paper(3, 'ICML 2025'),
      event: { version: 3, venue: 'ICML 2025' },
    },
    {
      case: 'several versions later',
      stored: paper(1, null),
      next: paper(4, 'JMLR'),
      event: { version: 4, venue: 'JMLR' },
    },
    {
      case: 'a later version keeps the venue',
      stored: paper(2, 'ICML 2025'),
      next: paper(3, 'ICML 2025'),
      event: null,
    },
    { case: 'a later version drops the venue', stored: paper(2, 'ICML 2025'), next: paper(3, null), event: null },
    { case: 'the same version completed by the API', stored: paper(1, null), next: paper(1, 'ICML 2025'), event: null },
    {
      case: 'the same version with another venue',
      stored: paper(2, 'ICLR 2025'),
      next: paper(2, 'ICML 2025'),
      event: null,
    },
    { case: 'an older version', stored: paper(3, null), next: paper(2, 'ICML 2025'), event: null },
  ])('$case', ({ stored, next, event }) => {
    expect(venueChange(stored, next)).toEqual(event === null ? null : { paperId: ID, ...event });
  });
});

describe('planUpsert: venue events of a batch', () => {
  const stored = new Map([[ID, paper(1, null)]]);

  it('compares the batch’s last word with what was stored, not step by step', () => {
    // The listing entry of v2 (no comment: the stored venue stays) and then the API's v2 with its venue.
    const plan = planUpsert(
      [makeRecord({ ...paper(2, null), announceType: 'replace' }), makeRecord(paper(2, 'NeurIPS 2025'))],
      stored,
    );
    expect(plan.venues).toEqual([{ paperId: ID, version: 2, venue: 'NeurIPS 2025' }]);
  });

  it('records nothing for a new paper, whatever its venue, nor for a skipped older version', () => {
    expect(planUpsert([makeRecord({ ...paper(3, 'CVPR 2025'), id: '2501.09999' })], stored).venues).toEqual([]);
    const later = new Map([[ID, paper(3, null)]]);
    expect(planUpsert([makeRecord(paper(2, 'ICML 2025'))], later).venues).toEqual([]);
  });

  it('keeps a stored venue that a record without one leaves alone: no event', () => {
    const withVenue = new Map([[ID, paper(1, 'ICML 2025')]]);
    const plan = planUpsert([makeRecord(paper(2, null))], withVenue);
    expect(plan.updates.map((u) => u.paper.venue)).toEqual(['ICML 2025']);
    expect(plan.venues).toEqual([]);
  });
});
