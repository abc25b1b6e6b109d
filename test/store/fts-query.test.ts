import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_TOKENS,
  fold,
  foldedTokens,
  parseAuthorFilter,
  parseSearchQuery,
  toFtsMatch,
  tokenize,
} from '../../src/store/fts-query.js';
import { SearchQueryError } from '../../src/store/types.js';
import { propertyRuns } from '../helpers/property-runs.js';

const match = (q: string) => toFtsMatch(parseSearchQuery(q));

describe('parseSearchQuery → FTS5 MATCH', () => {
  it.each([
    ['contrastive learning', '"contrastive" AND "learning"'],
    ['"exact phrase" here', '"exact phrase" AND "here"'],
    ['contrast*', '"contrast"*'],
    ['co*', '"co"'],
    ['"visual repr"*', '"visual repr"*'],
    ['a OR b c', '("a" OR "b") AND "c"'],
    ['OR a OR', '"a"'],
    ['graph -neural', '("graph") NOT "neural"'],
    ['graph -"neural net" NOT deep', '("graph") NOT ("neural net" OR "deep")'],
    ['semi-supervised', '("semi supervised" OR "semisupervised")'],
    ['self-sup*', '("self sup"* OR "selfsup"*)'],
    ['title:foo', '"foo"'],
    ['cat:cs.LG', '"cat cs LG"'],
    ['ti:foo au:bar', '"foo" AND "bar"'],
    ['NEAR(a b)', '"NEAR a" AND "b"'],
    ['{title}: x', '"title" AND "x"'],
    ['^x (y)', '"x" AND "y"'],
    ['"unbalanced quote', '"unbalanced" AND "quote"'],
    ['x AND y', '"x" AND "y"'],
    ['3.5 GPT-4o', '"3 5" AND ("GPT 4o" OR "GPT4o")'],
    ['contr\u0000astive', '"contr" AND "astive"'],
    ['Lämmerzahl', '"Lämmerzahl"'],
    ['无监督 学习', '"无监督" AND "学习"'],
  ])('%j → %s', (query, expected) => {
    expect(match(query)).toBe(expected);
  });

  it.each(['', '   ', '*', '-', '"', '()', '🙂', '\u0000\u0001', 'OR AND NOT', '^:{}'])(
    '%j has nothing to search for',
    (q) => {
      expect(() => parseSearchQuery(q)).toThrow(SearchQueryError);
    },
  );

  it('explains that exclusions alone find nothing', () => {
    expect(() => parseSearchQuery('-graph NOT neural')).toThrow(/at least one word/);
  });

  it('caps the number of tokens and the length', () => {
    const parsed = parseSearchQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '));
    expect(parsed.groups.flat().reduce((n, p) => n + p.tokens.length, 0)).toBe(MAX_QUERY_TOKENS);
    expect(() => parseSearchQuery(`${' '.repeat(5000)}word`)).toThrow(SearchQueryError);
  });

  it('builds the author filter as a NEAR group on the authors column', () => {
    expect(toFtsMatch(parseSearchQuery('x'), parseAuthorFilter('Geoffrey Hinton'))).toBe(
      '("x") AND {authors} : NEAR("Geoffrey" "Hinton", 3)',
    );
    expect(toFtsMatch(parseSearchQuery('x -y'), parseAuthorFilter('Hint*'))).toBe(
      '(("x") AND {authors} : NEAR("Hinton"*, 2)) NOT "y"'.replace('Hinton', 'Hint'),
    );
    expect(() => parseAuthorFilter('--')).toThrow(SearchQueryError);
  });

  it('never lets a quote or syntax character through unquoted (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (q) => {
        let expr: string;
        try {
          expr = match(q);
        } catch (error) {
          return error instanceof SearchQueryError;
        }
        // Outside quoted strings only our own operators, parentheses and stars remain.
        const outside = expr.replace(/"[^"]*"/g, '');
        return /^[\s()*]*(?:(?:AND|OR|NOT)[\s()*]*)*$/.test(outside.replace(/\b(AND|OR|NOT)\b/g, ' $1 '));
      }),
      { numRuns: propertyRuns(2000), seed: 7 },
    );
  });

  it('tokenises like unicode61: letters and digits, accents kept for FTS5 to fold', () => {
    expect(tokenize("semi-supervised, O(n²) Lämmerzahl's x_y")).toEqual([
      'semi',
      'supervised',
      'O',
      'n²',
      'Lämmerzahl',
      's',
      'x',
      'y',
    ]);
  });

  it('finds exactly the matches of the token regex, folded or not, for any text (property)', () => {
    const tokenRe = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;
    // Marks alone and after letters, digits of other scripts, private use, astral letters, lone surrogate halves,
    // capitals.
    const tricky = fc.constantFrom(
      '\u0301',
      'e\u0301',
      '\u0663',
      '\ue000',
      '𝐱',
      '\ud835',
      '\udc31',
      '²',
      '_',
      ' ',
      '-',
      'Graph',
      'ZOË',
      'İ',
    );
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ maxLength: 8 }), tricky), {
        maxLength: 30,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const tokens = t.match(tokenRe) ?? [];
        expect(tokenize(t)).toEqual(tokens);
        expect(foldedTokens(t)).toEqual(tokens.map(fold));
      }),
      { numRuns: propertyRuns(3000), seed: 11 },
    );
  });
});
