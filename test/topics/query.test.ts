import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, indexPaper } from '../../src/topics/match.js';
import type { IndexedPaper } from '../../src/topics/match.js';
import {
  formatQuery,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  parseQuery,
  parseQuerySpelled,
  queryHelp,
  QueryParseError,
  queryTerms,
} from '../../src/topics/query.js';
import type { QueryAst, QueryErrorCode } from '../../src/topics/query.js';
import { propertyRuns } from '../helpers/property-runs.js';

type Expect = string | { error: QueryErrorCode; at: number };

const terms = (n: number): string => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
const nested = (n: number): string => `${'('.repeat(n)}a${')'.repeat(n)}`;

/** Query → its canonical form, or the error and the 0-based offset it must point at. */
const cases: Array<[string, Expect]> = [
  // words, phrases, implicit AND
  ['contrastive', 'contrastive'],
  ['Contrastive Learning', 'contrastive learning'],
  ['a   b\tc', 'a b c'],
  ['x', 'x'],
  ['Schrödinger', 'schrodinger'],
  ['"exact phrase"', '"exact phrase"'],
  ['"single"', 'single'],
  ['“curly quotes”', '"curly quotes"'],
  ['semi-supervised', '"semi supervised"'],
  ['GPT-4', '"gpt 4"'],
  ['12:30', '"12 30"'],
  ['or and not', 'or and not'],
  ['', { error: 'empty', at: 0 }],
  ['   ', { error: 'empty', at: 0 }],
  ['a'.repeat(MAX_QUERY_LENGTH + 1), { error: 'too-long', at: MAX_QUERY_LENGTH }],
  [terms(MAX_QUERY_TERMS), terms(MAX_QUERY_TERMS)],
  [terms(MAX_QUERY_TERMS + 1), { error: 'too-many-terms', at: terms(MAX_QUERY_TERMS).length + 1 }],
  ['"open', { error: 'unclosed-quote', at: 0 }],
  ['a "b c', { error: 'unclosed-quote', at: 2 }],
  ['""', { error: 'empty-phrase', at: 0 }],
  ['a " "', { error: 'empty-phrase', at: 2 }],
  ['!!!', { error: 'no-text', at: 0 }],
  ['a "?!"', { error: 'no-text', at: 3 }],
  // OR, AND, precedence, parentheses
  ['a OR b', 'a OR b'],
  ['a b OR c', '(a b) OR c'],
  ['a OR b c', 'a OR (b c)'],
  ['a (b OR c)', 'a (b OR c)'],
  ['a AND b', 'a b'],
  ['((a))', 'a'],
  ['(a OR (b OR c))', 'a OR b OR c'],
  ['(a b) c', 'a b c'],
  [nested(10), 'a'],
  [nested(11), { error: 'too-deep', at: 10 }],
  ['OR a', { error: 'or-operand', at: 0 }],
  ['a OR', { error: 'or-operand', at: 2 }],
  ['a OR OR b', { error: 'or-operand', at: 2 }],
  ['(a OR) b', { error: 'or-operand', at: 3 }],
  ['AND a', { error: 'and-operand', at: 0 }],
  ['a AND', { error: 'and-operand', at: 2 }],
  ['(a b', { error: 'unbalanced-paren', at: 0 }],
  ['a (b (c)', { error: 'unbalanced-paren', at: 2 }],
  ['a b)', { error: 'unbalanced-paren', at: 3 }],
  ['(a))', { error: 'unbalanced-paren', at: 3 }],
  [')', { error: 'unbalanced-paren', at: 0 }],
  ['()', { error: 'empty-group', at: 0 }],
  ['a ( )', { error: 'empty-group', at: 2 }],
  // NOT and -
  ['-survey', '-survey'],
  ['NOT survey', '-survey'],
  ['a -(b OR c)', 'a -(b OR c)'],
  ['-"a b"', '-"a b"'],
  ['--a', '-(-a)'],
  ['-ti:survey', '-ti:survey'],
  ['NOT', { error: 'not-operand', at: 0 }],
  ['a NOT', { error: 'not-operand', at: 2 }],
  ['a - b', { error: 'not-operand', at: 2 }],
  ['a -', { error: 'not-operand', at: 2 }],
  ['(a -)', { error: 'not-operand', at: 3 }],
  ['NOT OR a', { error: 'not-operand', at: 0 }],
  // fields
  ['ti:graph', 'ti:graph'],
  ['TI:Graph', 'ti:graph'],
  ['abs:"neural network"', 'abs:"neural network"'],
  ['au:hinton', 'au:hinton'],
  ['ti:(survey OR review)', 'ti:(survey OR review)'],
  ['ti:a OR ti:b', 'ti:(a OR b)'],
  ['ti:(a -b)', 'ti:(a -b)'],
  ['ti:(a (b OR c))', 'ti:(a (b OR c))'],
  ['au:(hinton lecun) ti:deep', 'au:(hinton lecun) ti:deep'],
  ['ti:ti:x', 'ti:x'],
  ['ti:a abs:a', 'ti:a abs:a'],
  ['foo:bar', { error: 'unknown-field', at: 0 }],
  ['x title:graph', { error: 'unknown-field', at: 2 }],
  ['ti:', { error: 'field-operand', at: 0 }],
  ['ti: graph', { error: 'field-operand', at: 0 }],
  ['a ti:)', { error: 'field-operand', at: 2 }],
  ['ti:-graph', { error: 'field-operand', at: 3 }],
  ['ti:(au:x)', { error: 'nested-field', at: 4 }],
  ['ti:au:x', { error: 'nested-field', at: 3 }],
  // categories
  ['cat:cs', 'cat:cs'],
  ['cat:CS.lg', 'cat:cs.lg'],
  ['cat:"cs.LG"', 'cat:cs.lg'],
  ['cat:(cs.LG OR stat.ML)', 'cat:(cs.lg OR stat.ml)'],
  ['cat:hep-th -cat:astro-ph', 'cat:(hep-th -astro-ph)'],
  ['cat:cs ti:a ti:b', 'cat:cs ti:(a b)'],
  ['ti:a ti:b OR abs:c', 'ti:(a b) OR abs:c'],
  ['a -ti:b -ti:c', 'a -ti:b -ti:c'],
  ['cat:foo', { error: 'bad-category', at: 4 }],
  ['cat:cs.*', { error: 'bad-category', at: 4 }],
  ['cat:hep-th.XX', { error: 'bad-category', at: 4 }],
  ['cat:"a b"', { error: 'bad-category', at: 5 }],
  // au: names written surname first keep their comma, between two words only
  ['au:"LeCun, Yann"', 'au:"lecun, yann"'],
  ['au:"Le Cun, Y."', 'au:"le cun, y"'],
  ['au:LeCun,Yann', 'au:"lecun, yann"'],
  ['au:"LeCun,"', 'au:lecun'],
  ['au:", Yann LeCun"', 'au:"yann lecun"'],
  ['au:"Yann LeCun, Jr"', 'au:"yann lecun, jr"'],
  ['au:"LeCun, Ya*"', 'au:"lecun ya*"'],
  ['ti:"LeCun, Yann"', 'ti:"lecun yann"'],
  ['au:("LeCun, Yann" OR hinton)', 'au:("lecun, yann" OR hinton)'],
  // prefixes
  ['transform*', 'transform*'],
  ['"contrastive learn*"', '"contrastive learn*"'],
  ['pseudo-label*', '"pseudo label*"'],
  ['ab*', 'ab*'],
  ['a*', { error: 'short-prefix', at: 1 }],
  ['*', { error: 'short-prefix', at: 0 }],
  ['"x*"', { error: 'short-prefix', at: 2 }],
  ['semi-s*', { error: 'short-prefix', at: 6 }],
  ['foo-*', { error: 'short-prefix', at: 4 }],
  ['fo*o', { error: 'misplaced-star', at: 2 }],
  ['*foo', { error: 'misplaced-star', at: 0 }],
  ['foo**', { error: 'misplaced-star', at: 3 }],
  ['"a* bc"', { error: 'misplaced-star', at: 2 }],
];

describe('parseQuery', () => {
  it.each(cases)('%j', (query, expected) => {
    if (typeof expected === 'string') {
      expect(formatQuery(parseQuery(query))).toBe(expected);
      return;
    }
    let caught: unknown;
    try {
      parseQuery(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QueryParseError);
    const error = caught as QueryParseError;
    expect({ code: error.code, at: error.position }).toEqual({ code: expected.error, at: expected.at });
  });

  it('has a case for every error code', () => {
    const codes = new Set(cases.flatMap(([, e]) => (typeof e === 'string' ? [] : [e.error])));
    const all: QueryErrorCode[] = [
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
    ];
    expect([...codes].sort()).toEqual([...all].sort());
  });

  it('builds flat trees with fields on the terms', () => {
    expect(parseQuery('ti:(a OR "b cd*") -cat:cs')).toEqual({
      kind: 'and',
      children: [
        {
          kind: 'or',
          children: [
            { kind: 'word', field: 'ti', word: 'a', prefix: false },
            { kind: 'phrase', field: 'ti', words: ['b', 'cd'], prefix: true },
          ],
        },
        { kind: 'not', child: { kind: 'category', category: 'cs' } },
      ],
    });
  });

  it('lists the terms of a query', () => {
    expect(queryTerms(parseQuery('a (b OR -"c d") cat:cs')).map((t) => t.kind)).toEqual([
      'word',
      'word',
      'phrase',
      'category',
    ]);
  });

  it.each([
    ['Contrastive self-supervis*', ['Contrastive', 'self-supervis*']],
    ['“Contrastive   Learning” OR -"a b"', ['"Contrastive Learning"', '"a b"']],
    ['TI:Survey ti:(graph* OR "message passing")', ['ti:Survey', 'ti:graph*', 'ti:"message passing"']],
    ['au:Müller cat:cs.LG -cat:math', ['au:Müller', 'cat:cs.LG', 'cat:math']],
    ['"a"b', ['"a"', 'b']],
  ])('spells the terms of %j as written', (query, expected) => {
    const { ast, spelling } = parseQuerySpelled(query);
    expect(ast).toEqual(parseQuery(query));
    expect(queryTerms(ast).map((term) => spelling.get(term))).toEqual(expected);
  });
});

describe('QueryParseError', () => {
  const failure = (query: string): QueryParseError => {
    try {
      parseQuery(query);
    } catch (error) {
      if (error instanceof QueryParseError) return error;
      throw error;
    }
    throw new Error(`parsed: ${query}`);
  };

  it.each([
    ['a OR', 'OR needs a term on both sides (column 3)\na OR\n  ^'],
    ['contrastive "learning', 'unclosed quote: add the closing `"` (column 13)\ncontrastive "learning\n            ^'],
    ['(a b', 'unbalanced parenthesis: this `(` is never closed (column 1)\n(a b\n^'],
    ['foo:x', 'unknown field `foo:` (use ti:, abs:, au:, cat:) (column 1)\nfoo:x\n^'],
    ['deep a*', '`*` needs at least 2 letters before it (column 7)\ndeep a*\n      ^'],
    ['無監督 "', 'unclosed quote: add the closing `"` (column 5)\n無監督 "\n    ^'],
  ])('%j shows where', (query, message) => {
    expect(failure(query).message).toBe(message);
  });

  it('shows a window of a long query around the fault', () => {
    const query = `${'word '.repeat(20)}(oops ${'more '.repeat(20)}`;
    const error = failure(query);
    const [line, caret] = error.excerpt.split('\n');
    expect(line?.startsWith('…')).toBe(true);
    expect(line?.endsWith('…')).toBe(true);
    expect(line?.length).toBeLessThanOrEqual(62);
    expect(line?.[caret!.indexOf('^')]).toBe('(');
  });

  it('keeps the reason apart from the picture', () => {
    const error = failure('a OR');
    expect(error.reason).toBe('OR needs a term on both sides');
    expect(error.name).toBe('QueryParseError');
    expect(error.query).toBe('a OR');
  });

  it.each([
    ['a OR', 'OR 两边都需要有词'],
    ['foo:x', '未知字段 `foo:`（可用 ti:、abs:、au:、cat:）'],
    ['ti:(au:x)', '`au:` 不能放在 `ti:(…)` 里面：一个分组只能有一个字段'],
    ['x'.repeat(501), '查询太长：501 个字符（最多 500 个）'],
  ])('%j gives its reason in Chinese too', (query, reason) => {
    const error = failure(query);
    expect(error.reasonIn('zh-CN')).toBe(reason);
    expect(error.reasonIn('en-US')).toBe(error.reason);
  });
});

describe('queryHelp', () => {
  it.each(['en-US', 'zh-CN'] as const)('is one paragraph that names every operator and the limits (%s)', (locale) => {
    const help = queryHelp(locale);
    expect(help).not.toContain('\n');
    for (const part of ['OR', '"exact phrase"', '-word', 'NOT', 'ti:', 'abs:', 'au:', 'cat:', '*', 'semi-supervised']) {
      expect(help).toContain(part);
    }
    expect(help).toContain(String(MAX_QUERY_LENGTH));
    expect(help).toContain(String(MAX_QUERY_TERMS));
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const pieces = [
  '(',
  ')',
  '"',
  '“',
  'OR',
  'AND',
  'NOT',
  '-',
  'ti:',
  'cat:',
  'au:',
  'foo:',
  ':',
  '*',
  'a*',
  'ab*',
  'x-y',
  'é',
  ' ',
  ' ',
  'cs.LG',
  '!',
  'word',
];
const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));

describe('parseQuery on any text', () => {
  it('returns a tree or throws QueryParseError pointing inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), soup), (query) => {
        try {
          parseQuery(query);
        } catch (error) {
          if (!(error instanceof QueryParseError)) throw error;
          expect(error.position).toBeGreaterThanOrEqual(0);
          expect(error.position).toBeLessThanOrEqual(query.length);
          expect(error.message).toContain('^');
        }
      }),
      { seed: 42, numRuns: propertyRuns(3000) },
    );
  });
});

const vocabulary = [
  'contrastive',
  'learning',
  'semi',
  'supervised',
  'semisupervised',
  'graph',
  'neural',
  'network',
  'networks',
  'schrödinger',
  'self',
  'model',
  'models',
  'diffusion',
  'pre',
  'training',
  'pretraining',
  'quantum',
  'knot',
  'hinton',
];
const queryWords = [
  ...vocabulary,
  'semi-supervised',
  'Self-Supervised',
  'pre-training',
  'learn*',
  'net*',
  'model*',
  'GPT-4',
  'Schrodinger',
];

const word = fc.constantFrom(...queryWords);
const phrase = fc
  .array(fc.constantFrom(...vocabulary), { minLength: 2, maxLength: 3 })
  .map((ws) => `"${ws.join(' ')}"`);
const textField = fc.constantFrom('', '', 'ti:', 'abs:', 'au:');
const category = fc.constantFrom('cat:cs', 'cat:cs.LG', 'cat:math', 'cat:stat.ML', 'cat:quant-ph');

const { query: plainQuery } = fc.letrec<{
  query: string;
  leaf: string;
  and: string;
  or: string;
  not: string;
  group: string;
}>((tie) => ({
  query: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'plain' },
    tie('leaf'),
    tie('and'),
    tie('or'),
    tie('not'),
    tie('group'),
  ),
  leaf: fc.oneof(word, phrase),
  and: fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(' ')),
  or: fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(' OR ')),
  not: tie('query').map((x) => `-(${x})`),
  group: tie('query').map((x) => `(${x})`),
}));

const { query: anyQuery } = fc.letrec<{ query: string; leaf: string; and: string; or: string; not: string }>((tie) => ({
  query: fc.oneof({ maxDepth: 3, depthIdentifier: 'any' }, tie('leaf'), tie('and'), tie('or'), tie('not')),
  leaf: fc.oneof(
    fc.tuple(textField, fc.oneof(word, phrase)).map(([f, w]) => f + w),
    category,
    fc.tuple(fc.constantFrom('ti:', 'abs:', 'au:'), plainQuery).map(([f, q]) => `${f}(${q})`),
  ),
  and: fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(' ')),
  or: fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(' OR ')),
  not: tie('query').map((x) => `NOT (${x})`),
}));

/** Generated queries short enough that even their canonical form stays under the limits. */
const validQuery = anyQuery.filter((query) => {
  if (query.length > MAX_QUERY_LENGTH - 100) return false;
  try {
    parseQuery(query);
  } catch (error) {
    // Anything but a size limit is a real failure: let the property see it.
    return !(error instanceof QueryParseError && error.code === 'too-many-terms');
  }
  return true;
});

const sentence = (rand: () => number, n: number): string => {
  const joiners = [' ', ' ', ' ', '-', ', '];
  let text = '';
  for (let i = 0; i < n; i++) {
    const w = vocabulary[Math.floor(rand() * vocabulary.length)] ?? 'x';
    text += (i === 0 ? '' : joiners[Math.floor(rand() * joiners.length)]) + (rand() < 0.2 ? w.toUpperCase() : w);
  }
  return text;
};

function generatedPapers(): IndexedPaper[] {
  const rand = mulberry(7);
  const categories = ['cs.LG', 'cs.CV', 'math.GT', 'stat.ML', 'quant-ph'];
  return Array.from({ length: 150 }, () =>
    indexPaper({
      title: sentence(rand, 3 + Math.floor(rand() * 6)),
      abstract: sentence(rand, 10 + Math.floor(rand() * 30)),
      authors: [sentence(rand, 2), sentence(rand, 2)],
      categories: categories.filter(() => rand() < 0.4),
    }),
  );
}

function mulberry(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('formatQuery', () => {
  const papers = generatedPapers();
  const matching = (ast: QueryAst): boolean[] => {
    const compiled = compileQuery(ast);
    return papers.map((p) => compiled.matches(p));
  };

  it('prints a query that parses back to the same tree and matches the same papers', () => {
    let nonTrivial = 0;
    fc.assert(
      fc.property(validQuery, (query) => {
        const ast = parseQuery(query);
        const again = parseQuery(formatQuery(ast));
        expect(again).toEqual(ast);
        const before = matching(ast);
        expect(matching(again)).toEqual(before);
        if (before.some(Boolean) && !before.every(Boolean)) nonTrivial++;
      }),
      { seed: 42, numRuns: propertyRuns(400) },
    );
    // The generated papers must tell queries apart, or the comparison proves nothing.
    expect(nonTrivial).toBeGreaterThan(100);
  });

  it('is stable: formatting a formatted query changes nothing', () => {
    fc.assert(
      fc.property(validQuery, (query) => {
        const once = formatQuery(parseQuery(query));
        expect(formatQuery(parseQuery(once))).toBe(once);
      }),
      { seed: 42, numRuns: propertyRuns(400) },
    );
  });
});
