/**
 * Properties of the search path: any user text becomes either a safe FTS5 MATCH expression or the
 * search's own refusal, a real SQLite archive answers every such query with a page, and the
 * in-memory store finds exactly the papers the SQLite store finds for plain word queries.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery, toFtsMatch } from '../../src/store/fts-query.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { SearchQueryError, type SearchFilters, type Store } from '../../src/store/types.js';
import { seededRandom } from '../helpers/random.js';
import { makeRecord } from '../store/papers.js';
import { propertyRuns } from '../helpers/property-runs.js';

const SEED = 20_261_127;

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const syntax = fc.constantFrom(
  '"',
  '""',
  '*',
  '-',
  '+',
  '(',
  ')',
  ':',
  '^',
  ' OR ',
  ' NOT ',
  ' AND ',
  'NEAR',
  'NEAR(',
  '{',
  '}',
  ' ',
  "'",
  ';',
  '--',
  '|',
  '&&',
  'ti:',
  'au:',
  '{authors}:',
  'rank',
  '\u0000',
  '\n',
  '\u200b',
  '\ud800',
  'é',
  'ﬃ',
  '😀',
  'DROP TABLE papers;',
);
const vocabulary = [
  'graph',
  'neural',
  'contrastive',
  'learning',
  'semi',
  'supervised',
  'semisupervised',
  'schrödinger',
  'Straße',
  'diffusion',
  'quantum',
  'network',
  'self',
  'model',
  'ÉCOLE',
  'naïve',
  'gpt',
  '4',
  'x',
];
const word = fc.constantFrom(...vocabulary);

/** Any text a user could type into the search box, and far more. */
const anyQuery = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: anyUnit, maxLength: 80 }),
  fc.array(fc.oneof(syntax, word, anyUnit), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.array(fc.oneof(syntax, word), { minLength: 300, maxLength: 800 }).map((parts) => parts.join(' ')),
);

const anyFilters: fc.Arbitrary<SearchFilters> = fc.record(
  {
    author: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Lovelace', 'ada*', 'Å', '"', 'NEAR(')),
    category: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('cs.LG', 'cs', 'quant-ph', "cs.LG' OR 1=1")),
    since: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2025-01-01', '2099-12-31', '0000-00-00')),
    hasCode: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** What may stand outside double-quoted strings in a MATCH expression: FTS5 operators only. */
const OPERATORS_ONLY = /^(?:[\s()*,]|AND|OR|NOT|NEAR|\{authors\}|:|\d+)*$/;

describe('parseSearchQuery and toFtsMatch on arbitrary text', () => {
  it('give a MATCH expression with every user token quoted, or the search’s own refusal', () => {
    let parsed = 0;
    fc.assert(
      fc.property(anyQuery, (text) => {
        let expression: string;
        try {
          expression = toFtsMatch(parseSearchQuery(text));
        } catch (error) {
          expect(error).toBeInstanceOf(SearchQueryError);
          expect((error as Error).message.length).toBeGreaterThan(10);
          return;
        }
        parsed++;
        // Strip the quoted strings ("" is an escaped quote inside one): only operators may remain.
        const outside = expression.replace(/"(?:[^"]|"")*"/g, '');
        expect(outside).toMatch(OPERATORS_ONLY);
      }),
      { seed: SEED, numRuns: propertyRuns(3000) },
    );
    expect(parsed).toBeGreaterThan(1000);
  });
});

// ---------------------------------------------------------------------------------------------
// The archives

const joiners = [' ', ' ', ' ', '-', ', ', ' — ', '‐', '\n'];

function corpus(): ReturnType<typeof makeRecord>[] {
  const rand = seededRandom(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (n: number): string =>
    Array.from({ length: n }, (_, i) => {
      const w = pick(vocabulary);
      return (i === 0 ? '' : pick(joiners)) + (rand() < 0.2 ? w.toUpperCase() : w);
    }).join('');
  return Array.from({ length: 80 }, (_, i) => {
    const id = `2501.${String(i + 1).padStart(5, '0')}`;
    return makeRecord({
      id,
      title: sentence(3 + Math.floor(rand() * 5)),
      abstract: sentence(8 + Math.floor(rand() * 30)),
      authors: [sentence(2), 'Ada Lovelace'],
      categories: [pick(['cs.LG', 'cs.CV', 'quant-ph', 'stat.ML'])],
      codeUrl: rand() < 0.3 ? 'https://github.com/example/code' : null,
      announced: pick(['2025-01-07', '2025-02-03', '2025-03-10']),
    });
  });
}

let dir: string;
let sqlite: Store;
let memory: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperboy-search-props-'));
  sqlite = await openSqliteStore(join(dir, 'archive.sqlite'));
  memory = createMemoryStore();
  const records = corpus();
  await sqlite.archive.upsert(records);
  await memory.archive.upsert(records);
});

afterAll(async () => {
  await sqlite?.close();
  await memory?.close();
  await rm(dir, { recursive: true, force: true });
});

const PAGE = { offset: 0, limit: 5 };

/** Plain queries: words, phrases, OR, exclusions and prefixes over the corpus vocabulary. */
const simpleQuery = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: word },
      { weight: 1, arbitrary: word.map((w) => `-${w}`) },
      { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `${a} OR ${b}`) },
      { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`) },
      { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `${a}-${b}`) },
      { weight: 1, arbitrary: word.filter((w) => w.length >= 4).map((w) => `${w.slice(0, 4)}*`) },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => parts.join(' '));

describe('archive.search on a real SQLite archive', () => {
  it('answers any text and filters with a page, or refuses with SearchQueryError — never an SQLite error', async () => {
    let pages = 0;
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyQuery, simpleQuery),
        fc.oneof(fc.constant({}), anyFilters),
        async (text, filters) => {
          for (const store of [sqlite, memory]) {
            try {
              const page = await store.archive.search(text, filters, PAGE);
              pages++;
              expect(page.total).toBeGreaterThanOrEqual(page.hits.length);
              expect(page.hits.length).toBeLessThanOrEqual(PAGE.limit);
              if (page.total > 0) nonEmpty++;
            } catch (error) {
              if (!(error instanceof SearchQueryError)) throw error;
            }
          }
        },
      ),
      { seed: SEED, numRuns: propertyRuns(400) },
    );
    expect(pages).toBeGreaterThan(200);
    expect(nonEmpty).toBeGreaterThan(20);
  });
});

describe('memory and SQLite stores', () => {
  it('find the same papers for plain word queries', async () => {
    const everything = { offset: 0, limit: 100 };
    let compared = 0;
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(simpleQuery, async (text) => {
        const found = async (store: Store): Promise<string[] | 'refused'> => {
          try {
            const page = await store.archive.search(text, {}, everything);
            expect(page.total).toBe(page.hits.length);
            return page.hits.map((hit) => hit.paper.id).sort();
          } catch (error) {
            if (!(error instanceof SearchQueryError)) throw error;
            return 'refused';
          }
        };
        const fromSqlite = await found(sqlite);
        expect(await found(memory)).toEqual(fromSqlite);
        compared++;
        if (fromSqlite !== 'refused' && fromSqlite.length > 0 && fromSqlite.length < 80) nonTrivial++;
      }),
      { seed: SEED, numRuns: propertyRuns(300) },
    );
    expect(compared).toBe(300);
    expect(nonTrivial).toBeGreaterThan(100);
  });
});
