import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseAuthorFilter, parseSearchQuery } from '../../src/store/fts-query.js';
import {
  authorNamePatterns,
  authorTsQuery,
  toTsQuery,
  TsvectorArray,
  tsvectorLiteral,
  type DocumentParts,
} from '../../src/store/postgres/tsquery.js';
import { generatePapers } from '../bench/generate.js';
import { describePg, PG_ADMIN_URL } from './pg-server.js';

describe('PostgreSQL tsquery from the parsed query', () => {
  it.each([
    ['graph neural', "'graph' & 'neural'"],
    ['"graph neural"', "('graph' <-> 'neural')"],
    ['pseudo OR revisited semisupervised', "('pseudo' | 'revisited') & 'semisupervised'"],
    ['graph -neural', "'graph' & !'neural'"],
    ['graph NOT "neural net"', "'graph' & !('neural' <-> 'net')"],
    ['contrast*', "'contrast':*"],
    ['"visual represent"*', "('visual' <-> 'represent':*)"],
    ['co*', "'co'"],
    ['semi-supervised', "(('semi' <-> 'supervised') | 'semisupervised')"],
    ['Lämmerzahl', "'lammerzahl'"],
    ["'; DROP TABLE papers; --", "'drop' & 'table' & 'papers'"],
    ['a:b:c:d', "('a' <-> 'b' <-> 'c' <-> 'd')"],
    ['\\ & | ! <-> :* ()', ''],
  ])('%s → %s', (query, expected) => {
    let parsed;
    try {
      parsed = parseSearchQuery(query);
    } catch {
      expect(expected).toBe('');
      return;
    }
    expect(toTsQuery(parsed)).toBe(expected);
  });

  it("restricts the author filter to the authors (weight B) and checks one name's words", () => {
    const author = parseAuthorFilter('Geoffrey Hint*');
    expect(authorTsQuery(author)).toBe("'geoffrey':B & 'hint':*B");
    expect(authorNamePatterns(author)).toEqual(['% geoffrey %', '% hint%']);
    expect(authorNamePatterns(parseAuthorFilter('Zoë Müller'))).toEqual(['% zoe %', '% muller %']);
  });

  it('writes the document with weights, gaps between texts and position-less tags', () => {
    expect(
      tsvectorLiteral(
        [
          { weight: 'A', texts: ['Graph graph'] },
          { weight: 'B', texts: ['Zoë Müller', 'Ana'] },
        ],
        ['~m2025-01'],
      ),
    ).toBe("'graph':1A,2A 'zoe':11B 'muller':12B 'ana':21B '~m2025-01'");
  });
});

/** Documents as the archive writes them (generated papers), and the corners of the tsvector format. */
function documents(): Array<{ name: string; parts: DocumentParts; tags: string[] }> {
  const filler = (n: number, word = 'w') => Array.from({ length: n }, (_, i) => `${word}${i % 300}`).join(' ');
  const corners: Array<{ name: string; parts: DocumentParts; tags?: string[] }> = [
    { name: 'empty', parts: [], tags: [] },
    {
      name: 'accents, capitals, other scripts',
      parts: [
        { weight: 'A', texts: ['İstanbul Zoë ΛCDM-baryon 量子 ٣ x²'] },
        { weight: 'B', texts: ['Zoë Müller', 'Ana'] },
      ],
    },
    { name: 'astral and private-use characters', parts: [{ weight: 'C', texts: ['𝐱𝐲 \ue000a ab 𝐱 é éé'] }] },
    // Past position 16383 every position is 16383: the first one ends the list, or one entry keeps the top weight.
    {
      name: 'positions past the last one',
      parts: [
        { weight: 'A', texts: [`omega ${filler(16400)} omega late`] },
        { weight: 'C', texts: ['late omega'] },
        { weight: 'B', texts: ['late'] },
      ],
    },
    { name: 'more than 256 positions', parts: [{ weight: 'D', texts: [filler(400, 'same ')] }] },
    {
      name: 'a lexeme too long to index',
      parts: [{ weight: 'C', texts: [`${'λ'.repeat(1100)} ${'é'.repeat(700)} ok`] }],
    },
    { name: 'two tags', parts: [{ weight: 'A', texts: ['éa b ü'] }], tags: ['~m2025-01', '~a'] },
  ];
  const generated = generatePapers(300, 5).map((p): { name: string; parts: DocumentParts; tags?: string[] } => ({
    name: p.id,
    parts: [
      { weight: 'A', texts: [p.title] },
      { weight: 'B', texts: p.authors },
      { weight: 'C', texts: [p.abstract] },
      { weight: 'D', texts: [p.venue ?? ''] },
    ],
  }));
  return [...corners, ...generated].map((d) => ({ ...d, tags: d.tags ?? ['~m2025-01'] }));
}

describePg('binary tsvectors', () => {
  it('are the values PostgreSQL reads from the literal: equal (which compares the stored size first) and same text', async () => {
    const docs = documents();
    const array = new TsvectorArray();
    for (const d of docs) array.add(d.parts, d.tags);
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    try {
      const { rows } = await c.query<{ eq: boolean; text: boolean; lexemes: number }>(
        `SELECT l::tsvector = b AS eq, l::tsvector::text = b::text AS text, length(b) AS lexemes
         FROM unnest($1::text[], $2::tsvector[]) AS x (l, b)`,
        [docs.map((d) => tsvectorLiteral(d.parts, d.tags)), array.toBuffer()],
      );
      expect(rows).toHaveLength(docs.length);
      const wrong = rows.flatMap((r, i) => (r.eq && r.text ? [] : [docs[i]!.name]));
      expect(wrong).toEqual([]);
      expect(rows.slice(0, 7).map((r) => r.lexemes)).toEqual([0, 10, 7, 303, 302, 3, 5]);
    } finally {
      await c.end();
    }
  });
});
