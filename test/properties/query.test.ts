/**
 * Properties of the topic query language: any text either parses or is refused with the parser's
 * own error pointing inside it, and the canonical spelling of any accepted query (up to and past
 * the length cap) parses back to a query that matches exactly the same papers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, indexPaper } from '../../src/topics/match.js';
import type { IndexedPaper } from '../../src/topics/match.js';
import { formatQuery, MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, parseQuery, QueryParseError } from '../../src/topics/query.js';
import type { QueryAst } from '../../src/topics/query.js';
import { seededRandom } from '../helpers/random.js';
import { propertyRuns } from '../helpers/property-runs.js';

const SEED = 20_261_127;

/** Single UTF-16 units, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const control = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const pieces = [
  '(',
  ')',
  '"',
  '“',
  '”',
  '„',
  'OR',
  'AND',
  'NOT',
  'or',
  '-',
  '--',
  'ti:',
  'abs:',
  'au:',
  'cat:',
  'TI:',
  'foo:',
  ':',
  '*',
  'a*',
  'ab*',
  'x-y',
  'é',
  'ß',
  'ﬃ',
  '\u0301',
  '\u200b',
  '\u00ad',
  ' ',
  '\t',
  '\n',
  'cs.LG',
  'cs',
  'hep-th',
  '!',
  '\\',
  "'",
  'word',
  '12:30',
  '\ud800',
  '\udfff',
  '😀',
  '\u0000',
];
const soupPiece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...pieces) },
  { weight: 1, arbitrary: anyUnit },
  { weight: 1, arbitrary: control },
);
const soup = (maxLength: number): fc.Arbitrary<string> =>
  fc.array(soupPiece, { maxLength }).map((parts) => parts.join(''));

/** Text of any shape: raw Unicode, grammar soup, and long runs around the length cap. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: anyUnit, maxLength: 120 }),
  soup(40),
  soup(400),
  fc
    .tuple(soup(20), fc.integer({ min: MAX_QUERY_LENGTH - 20, max: MAX_QUERY_LENGTH + 20 }))
    .map(([head, n]) => (head + 'ab '.repeat(n)).slice(0, n)),
);

/** Error codes, so that a refusal is always one the parser names. */
const CODES = new Set([
  'empty',
  'too-long',
  'too-many-terms',
  'too-deep',
  'unclosed-quote',
  'empty-phrase',
  'unbalanced-paren',
  'empty-group',
  'or-operand',
  'and-operand',
  'not-operand',
  'unknown-field',
  'field-operand',
  'nested-field',
  'bad-category',
  'short-prefix',
  'misplaced-star',
  'no-text',
]);

/** The shape `parseQuery` promises: flat junctions of two or more, folded non-empty words. */
function expectWellFormed(ast: QueryAst): void {
  switch (ast.kind) {
    case 'word':
      expect(ast.word).not.toBe('');
      break;
    case 'phrase':
      expect(ast.words.length).toBeGreaterThanOrEqual(2);
      for (const w of ast.words) expect(w).not.toBe('');
      break;
    case 'category':
      expect(ast.category).toMatch(/^[a-z-]+(\.[a-z-]+)?$/);
      break;
    case 'not':
      expectWellFormed(ast.child);
      break;
    case 'and':
    case 'or':
      expect(ast.children.length).toBeGreaterThanOrEqual(2);
      for (const child of ast.children) {
        expect(child.kind).not.toBe(ast.kind);
        expectWellFormed(child);
      }
      break;
  }
}

/** Parse, and on refusal check it is the parser's own error pointing inside the text. */
function parseOrRefuse(text: string): QueryAst | QueryParseError {
  try {
    return parseQuery(text);
  } catch (error) {
    if (!(error instanceof QueryParseError)) throw error;
    expect(CODES.has(error.code)).toBe(true);
    expect(Number.isInteger(error.position)).toBe(true);
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(text.length);
    expect(error.message).toContain('^');
    expect(error.excerpt.split('\n')).toHaveLength(2);
    return error;
  }
}

describe('parseQuery on arbitrary text', () => {
  it('returns a well-formed tree or its own error with a position, never anything else', () => {
    let parsed = 0;
    let refused = 0;
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseOrRefuse(text);
        if (result instanceof QueryParseError) {
          refused++;
          if (text.length > MAX_QUERY_LENGTH) expect(result.code).toBe('too-long');
        } else {
          parsed++;
          expectWellFormed(result);
        }
      }),
      { seed: SEED, numRuns: propertyRuns(2000) },
    );
    // Both outcomes must be exercised, or the property says little.
    expect(parsed).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated queries of the grammar (spec §3)

const vocabulary = [
  'contrastive',
  'learning',
  'semi',
  'supervised',
  'semisupervised',
  'graph',
  'neural',
  'networks',
  'schrödinger',
  'self',
  'model',
  'diffusion',
  'pre',
  'training',
  'pretraining',
  'quantum',
  'knot',
  'straße',
  'ﬃne',
  'æther',
];
const plainWord = fc.oneof(
  fc.constantFrom(...vocabulary),
  fc.constantFrom('Semi-Supervised', 'pre-training', 'GPT-4', 'SCHRÖDINGER', 'Straße', 'self‐supervised', '12:30'),
  fc.constantFrom('learn*', 'net*', 'mod*', 'Schrö*', 'diff*'),
);
const phrase = fc
  .tuple(
    fc.array(fc.constantFrom(...vocabulary), { minLength: 2, maxLength: 4 }),
    fc.boolean(),
    fc.constantFrom('"', '“'),
  )
  .map(([words, prefix, open]) => `${open}${words.join(' ')}${prefix ? '*' : ''}${open === '"' ? '"' : '”'}`);
const textField = fc.constantFrom('', '', '', 'ti:', 'abs:', 'au:', 'TI:');
const category = fc.constantFrom(
  'cat:cs',
  'cat:cs.LG',
  'cat:CS.lg',
  'cat:math',
  'cat:stat.ML',
  'cat:quant-ph',
  'cat:hep-th',
);
const negation = fc.constantFrom('-', 'NOT ', '--', 'NOT -');

type Shapes = { query: string; leaf: string; and: string; or: string; not: string; group: string };

/** Queries with no field inside (they can go under a field group). */
const { query: fieldless } = fc.letrec<Shapes>((tie) => ({
  query: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'fieldless' },
    tie('leaf'),
    tie('and'),
    tie('or'),
    tie('not'),
    tie('group'),
  ),
  leaf: fc.oneof(plainWord, phrase),
  and: fc.array(tie('query'), { minLength: 2, maxLength: 4 }).map((xs) => xs.join(' ')),
  or: fc.array(tie('query'), { minLength: 2, maxLength: 4 }).map((xs) => xs.join(' OR ')),
  not: fc.tuple(negation, tie('query')).map(([op, x]) => `${op}(${x})`),
  group: tie('query').map((x) => `(${x})`),
}));

const { query: grammarQuery } = fc.letrec<Shapes>((tie) => ({
  query: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'any' },
    tie('leaf'),
    tie('and'),
    tie('or'),
    tie('not'),
    tie('group'),
  ),
  leaf: fc.oneof(
    fc.tuple(textField, fc.oneof(plainWord, phrase)).map(([f, w]) => f + w),
    category,
    fc.tuple(fc.constantFrom('ti:', 'abs:', 'au:'), fieldless).map(([f, q]) => `${f}(${q})`),
    fc.tuple(negation, textField, plainWord).map(([op, f, w]) => op + f + w),
  ),
  and: fc
    .tuple(fc.array(tie('query'), { minLength: 2, maxLength: 4 }), fc.constantFrom(' ', '  ', ' AND ', '\t'))
    .map(([xs, glue]) => xs.join(glue)),
  or: fc.array(tie('query'), { minLength: 2, maxLength: 4 }).map((xs) => xs.join(' OR ')),
  not: fc.tuple(negation, tie('query')).map(([op, x]) => `${op}(${x})`),
  group: tie('query').map((x) => `(${x})`),
}));

/** Grammar queries of every size, many of them padded up to or just past the length cap. */
const sizedQuery = fc.oneof(
  grammarQuery,
  fc
    .tuple(
      fc.array(grammarQuery, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: MAX_QUERY_LENGTH - 60, max: MAX_QUERY_LENGTH + 10 }),
      fc.constantFrom(' semi-supervised', ' ﬃne-Straße', ' pretrainingcontrastivediffusion', '   '),
    )
    .map(([parts, target, padding]) => {
      let text = parts.join(' ');
      while (text.length < target) text += padding;
      return text;
    }),
);

/** Limits a grammatical query may still hit; anything else would be a parser bug. */
const SIZE_LIMITS = new Set(['too-long', 'too-many-terms', 'too-deep']);

function generatedPapers(): IndexedPaper[] {
  const rand = seededRandom(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const joiners = [' ', ' ', ' ', '-', ', ', '‐'];
  const sentence = (n: number): string =>
    Array.from({ length: n }, (_, i) => {
      const w = pick(vocabulary);
      return (i === 0 ? '' : pick(joiners)) + (rand() < 0.2 ? w.toUpperCase() : w);
    }).join('');
  const categories = ['cs.LG', 'cs.CV', 'math.GT', 'stat.ML', 'quant-ph', 'hep-th'];
  return Array.from({ length: 200 }, () =>
    indexPaper({
      title: sentence(3 + Math.floor(rand() * 6)),
      abstract: sentence(10 + Math.floor(rand() * 40)),
      authors: [sentence(2), sentence(2)],
      categories: categories.filter(() => rand() < 0.35),
    }),
  );
}

describe('formatQuery on generated queries', () => {
  const papers = generatedPapers();
  const matching = (ast: QueryAst): boolean[] => {
    const compiled = compileQuery(ast);
    return papers.map((paper) => compiled.matches(paper));
  };

  it('prints every accepted query so that it parses back and matches exactly the same papers', () => {
    let accepted = 0;
    let nearCap = 0;
    let nonTrivial = 0;
    fc.assert(
      fc.property(sizedQuery, (text) => {
        const result = parseOrRefuse(text);
        if (result instanceof QueryParseError) {
          expect(SIZE_LIMITS.has(result.code), `${result.code}: ${result.message}`).toBe(true);
          return;
        }
        accepted++;
        if (text.length > MAX_QUERY_LENGTH - 60) nearCap++;
        const printed = formatQuery(result);
        expect(printed.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        const again = parseQuery(printed);
        expect(again).toEqual(result);
        const before = matching(result);
        expect(matching(again)).toEqual(before);
        expect(formatQuery(again)).toBe(printed);
        if (before.some(Boolean) && !before.every(Boolean)) nonTrivial++;
      }),
      { seed: SEED, numRuns: propertyRuns(600) },
    );
    expect(accepted).toBeGreaterThan(250);
    expect(nearCap).toBeGreaterThan(30);
    expect(nonTrivial).toBeGreaterThan(30);
  });

  it('refuses, rather than accepts, a query whose full spelling would not fit the limits', () => {
    // Folding and the printed parentheses can make the canonical spelling longer or deeper than the input.
    const ligatures = 'ﬃ'.repeat(200);
    const hyphens = 'semi-supervised '.repeat(31).trim();
    let alternating = 'z';
    for (let i = 0; i < MAX_QUERY_DEPTH; i++) alternating = `w${i} (v${i} u${i} OR ${alternating})`;
    const cases: Array<[string, string]> = [
      [ligatures, 'too-long'],
      [hyphens, 'too-long'],
      [alternating, 'too-deep'],
    ];
    for (const [text, code] of cases) {
      expect(text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      const result = parseOrRefuse(text);
      expect(result).toBeInstanceOf(QueryParseError);
      expect((result as QueryParseError).code).toBe(code);
    }
  });
});
