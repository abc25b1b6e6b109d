import { describe, expect, it } from 'vitest';
import { parseAuthorFilter, parseSearchQuery } from '../../src/store/fts-query.js';
import { authorNameTsQuery, authorTsQuery, toTsQuery, tsvectorLiteral } from '../../src/store/postgres/tsquery.js';

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

  it('restricts the author filter to the authors (weight B) and checks one name without weights', () => {
    const author = parseAuthorFilter('Geoffrey Hint*');
    expect(authorTsQuery(author)).toBe("'geoffrey':B & 'hint':*B");
    expect(authorNameTsQuery(author)).toBe("'geoffrey' & 'hint':*");
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
