import { describe, expect, it } from 'vitest';
import type { RawEntry } from '../../src/arxiv/types.js';
import { toPaper } from '../../src/papers/normalise.js';
import { paperSchema } from '../../src/papers/paper.js';

const base: RawEntry = {
  id: 'http://arxiv.org/abs/2205.14459v2',
  title: '  Contrastive Learning of\n  $\\alpha$-Stable Representations ',
  abstract:
    "  We study $\\alpha$-stable laws with R\\'enyi divergences &amp; show $O(n^2)$ bounds.\n  Code is available at\n  \\href{https://github.com/foo/bar\\_baz}{here}.",
  authors: ['Jane Doe', '  Pál Erd\\H{o}s ', ''],
  categories: ['cs.LG', 'stat.ML', 'cs.LG', ' cs.CV '],
  primaryCategory: 'stat.ML',
  comment: 'Accepted to NeurIPS 2025 (Spotlight). 12 pages',
  journalRef: null,
  doi: ' 10.1000/xyz ',
  published: '2022-05-28T17:00:01Z',
  updated: '2022-10-07T19:45:01Z',
  announced: null,
  announceType: null,
};

describe('toPaper', () => {
  it('cleans and derives every field', () => {
    const { paper, raw } = toPaper(base);
    expect(paper).toEqual({
      id: '2205.14459',
      version: 2,
      title: 'Contrastive Learning of α-Stable Representations',
      authors: ['Jane Doe', 'Pál Erdős'],
      abstract: 'We study α-stable laws with Rényi divergences & show O(n²) bounds. Code is available at here.',
      categories: ['stat.ML', 'cs.LG', 'cs.CV'],
      primaryCategory: 'stat.ML',
      comment: 'Accepted to NeurIPS 2025 (Spotlight). 12 pages',
      journalRef: null,
      doi: '10.1000/xyz',
      venue: 'NeurIPS 2025',
      codeUrl: 'https://github.com/foo/bar_baz',
      published: '2022-05-28T17:00:01.000Z',
      updated: '2022-10-07T19:45:01.000Z',
      announced: null,
      announceType: null,
      withdrawn: false,
      absUrl: 'https://arxiv.org/abs/2205.14459',
      pdfUrl: 'https://arxiv.org/pdf/2205.14459v2',
    });
    expect(paperSchema.safeParse(paper).success).toBe(true);
    // raw text keeps the LaTeX for search, with whitespace collapsed only
    expect(raw).toEqual({
      title: 'Contrastive Learning of $\\alpha$-Stable Representations',
      abstract:
        "We study $\\alpha$-stable laws with R\\'enyi divergences &amp; show $O(n^2)$ bounds. Code is available at \\href{https://github.com/foo/bar\\_baz}{here}.",
    });
  });

  const variants: readonly (readonly [string, Partial<RawEntry>, Partial<ReturnType<typeof toPaper>['paper']>])[] = [
    [
      'an unversioned id is version 1',
      { id: '2401.00001' },
      { id: '2401.00001', version: 1, pdfUrl: 'https://arxiv.org/pdf/2401.00001v1' },
    ],
    ['an OAI id from RSS', { id: 'oai:arXiv.org:2401.00001v3' }, { id: '2401.00001', version: 3 }],
    [
      'an old-scheme id',
      { id: 'http://arxiv.org/abs/cond-mat/0412498v1' },
      {
        id: 'cond-mat/0412498',
        absUrl: 'https://arxiv.org/abs/cond-mat/0412498',
        pdfUrl: 'https://arxiv.org/pdf/cond-mat/0412498v1',
      },
    ],
    [
      'no primary category: the first one',
      { primaryCategory: null, categories: ['math.GT', 'math.AG'] },
      { primaryCategory: 'math.GT', categories: ['math.GT', 'math.AG'] },
    ],
    [
      'a primary category missing from the list comes first',
      { primaryCategory: 'hep-th', categories: ['gr-qc'] },
      { primaryCategory: 'hep-th', categories: ['hep-th', 'gr-qc'] },
    ],
    [
      'venue from the journal reference',
      { comment: '12 pages', journalRef: 'Phys. Rev. B 74, 024520 (2006)' },
      { venue: 'Phys. Rev. B 2006', journalRef: 'Phys. Rev. B 74, 024520 (2006)' },
    ],
    ['empty comment becomes null', { comment: '   ' }, { comment: null, venue: null }],
    [
      'withdrawn by comment',
      { comment: 'This paper has been withdrawn by the authors' },
      { withdrawn: true, venue: null },
    ],
    [
      'withdrawn by abstract notice',
      { comment: null, abstract: 'This paper has been withdrawn by the authors.' },
      { withdrawn: true, codeUrl: null },
    ],
    [
      'RSS entry with only an announcement date',
      { published: null, updated: null, announced: '2025-04-28', announceType: 'new' },
      {
        published: '2025-04-28T00:00:00.000Z',
        updated: '2025-04-28T00:00:00.000Z',
        announced: '2025-04-28',
        announceType: 'new',
      },
    ],
    [
      'RFC 822 dates from RSS',
      { published: 'Mon, 28 Apr 2025 00:00:00 -0400', updated: null },
      { published: '2025-04-28T04:00:00.000Z', updated: '2025-04-28T04:00:00.000Z' },
    ],
    ['old RDF abstract in <p>', { abstract: '<p>An abstract &amp; more.</p>' }, { abstract: 'An abstract & more.' }],
    [
      'comment LaTeX made readable',
      { comment: "Undergraduate thesis, Escola Polit\\'ecnica" },
      { comment: 'Undergraduate thesis, Escola Politécnica' },
    ],
    [
      'code link from the comment',
      { abstract: 'No links here.', comment: 'Code: github.com/a/b.' },
      { codeUrl: 'https://github.com/a/b' },
    ],
  ];

  it.each(variants)('%s', (_name, change, expected) => {
    const { paper } = toPaper({ ...base, ...change });
    expect(paper).toMatchObject(expected);
    expect(paperSchema.safeParse(paper).success).toBe(true);
  });

  it.each([['abc'], ['2213.00001'], [''], ['https://example.org/abs/2205.14459']])(
    'throws a clear error for the id %j',
    (id) => {
      expect(() => toPaper({ ...base, id })).toThrow(/not an arXiv id/);
    },
  );

  it('throws a clear error for an announcement date or type that a feed cannot have produced', () => {
    expect(() => toPaper({ ...base, announced: '28 Apr 2025' })).toThrow(
      /2205\.14459 has an announcement date that is not YYYY-MM-DD: "28 Apr 2025"/,
    );
    const announceType = 'old' as RawEntry['announceType'];
    expect(() => toPaper({ ...base, announceType })).toThrow(/2205\.14459 has an unknown announce type: "old"/);
  });

  it('throws a clear error for an entry without any usable date', () => {
    expect(() => toPaper({ ...base, published: 'yesterday', updated: null, announced: null })).toThrow(
      /no usable date/,
    );
  });
});
