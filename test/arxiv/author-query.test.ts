import { describe, expect, it } from 'vitest';
import { authorPhrase, authorQueries } from '../../src/arxiv/author-query.js';

const WINDOW = { from: '2026-11-20', to: new Date('2026-11-24T12:34:00Z') };
const DATES = 'submittedDate:[202611200000 TO 202611241234]';
const LIMITS = { authorsPerQuery: 10, maxLength: 400 };

describe('authorPhrase', () => {
  it.each([
    ['Yann LeCun', 'yann lecun'],
    ['Y. LeCun', 'y lecun'],
    ['LeCun, Yann', 'yann lecun'],
    ['J.-P. Serre', 'j p serre'],
    ['Jean-Pierre Serre', 'jean-pierre serre'],
    ["Conor O'Brien", "conor o'brien"],
    ['Claus Lämmerzahl', 'claus lämmerzahl'],
    // What the query syntax reads is gone: quotes, parentheses, colons, brackets; no word reads as an operator.
    ['Yann "The" LeCun', 'yann the lecun'],
    ['A) OR au:"x', 'a or au x'],
    ['Ann [AND] Lee', 'ann and lee'],
    ['"', null],
    ['. -', null],
  ])('%s → %s', (name, phrase) => {
    expect(authorPhrase(name)).toBe(phrase);
  });
});

describe('authorQueries', () => {
  it('ORs the authors into one query bounded by the submission window', () => {
    const { queries, unusable } = authorQueries(['Yann LeCun', 'Geoffrey Hinton'], WINDOW, LIMITS);
    expect(unusable).toEqual([]);
    expect(queries).toEqual([
      { query: `(au:"yann lecun" OR au:"geoffrey hinton") AND ${DATES}`, authors: ['Yann LeCun', 'Geoffrey Hinton'] },
    ]);
  });

  it('searches two spellings of one phrase once, matching both', () => {
    const { queries } = authorQueries(['Y. LeCun', 'Ann Lee', 'y lecun', 'LeCun, Y.'], WINDOW, LIMITS);
    expect(queries).toEqual([
      {
        query: `(au:"y lecun" OR au:"ann lee") AND ${DATES}`,
        authors: ['Y. LeCun', 'Ann Lee', 'y lecun', 'LeCun, Y.'],
      },
    ]);
  });

  it('starts a new query past the number of authors per query', () => {
    const names = Array.from({ length: 7 }, (_, i) => `Author Number${i}`);
    const { queries } = authorQueries(names, WINDOW, { authorsPerQuery: 3, maxLength: 400 });
    expect(queries.map((q) => q.authors.length)).toEqual([3, 3, 1]);
    expect(queries.flatMap((q) => q.authors)).toEqual(names);
  });

  it('keeps every query within the length bound, and leaves out a name that cannot fit one', () => {
    const names = Array.from({ length: 40 }, (_, i) => `Firstname${i} Surname${i}`);
    const tooLong = `A ${'b'.repeat(250)}`;
    const { queries, unusable } = authorQueries([...names, tooLong], WINDOW, { authorsPerQuery: 50, maxLength: 200 });
    expect(unusable).toEqual([tooLong]);
    for (const q of queries) {
      expect(q.query.length).toBeLessThanOrEqual(200);
      expect(q.query.endsWith(` AND ${DATES}`)).toBe(true);
    }
    // Full queries: adding the next author would have broken the bound.
    expect(queries.length).toBeGreaterThan(1);
    expect(queries.flatMap((q) => q.authors)).toEqual(names);
  });

  it('says which names have nothing to search', () => {
    const { queries, unusable } = authorQueries(['"()"', 'Ann Lee'], WINDOW, LIMITS);
    expect(unusable).toEqual(['"()"']);
    expect(queries).toHaveLength(1);
  });
});
