import { describe, expect, it } from 'vitest';
import { compileQuery, indexPaper } from '../../src/topics/match.js';
import type { CompiledQuery, MatchedTerm, PaperText } from '../../src/topics/match.js';
import { matchReport } from '../../src/digest/why.js';
import { formatQuery, parseQuery, parseQuerySpelled } from '../../src/topics/query.js';
import type { QueryAst, TermNode } from '../../src/topics/query.js';
import { explainMatch } from '../../src/topics/topic.js';
import { stressPapers, stressTopics } from './corpus.js';
import { topic } from '../helpers/bot.js';
import { makePaper, seededRandom } from './papers.js';

const paper: PaperText = {
  title: 'Semi-Supervised Contrastive Learning for Image Classification',
  abstract:
    'We propose self-supervised pre-training of vision transformers. Contrastive learning with pseudo-labels helps; ' +
    'see also the Schrödinger bridge.',
  authors: ['Geoffrey E. Hinton', '---', 'Yann LeCun', 'Jürgen Müller', 'Jean-Pierre Serre', 'Wei Wang', 'Li Wang'],
  categories: ['cs.LG', 'cs.CV'],
};
const indexed = indexPaper(paper);

const explain = (query: string): MatchedTerm[] | null => {
  const { ast, spelling } = parseQuerySpelled(query);
  return compileQuery(ast, spelling).explain(indexed, paper.authors);
};

describe('CompiledQuery.explain', () => {
  it.each<[string, string, MatchedTerm[] | null]>([
    ['a word, as written', 'CONTRASTIVE', [{ text: 'CONTRASTIVE' }]],
    ['an accented word, as written', 'Schrödinger', [{ text: 'Schrödinger' }]],
    ['an unaccented word meeting an accented one', 'schrodinger', [{ text: 'schrodinger' }]],
    ['a phrase keeps its quotes', '"contrastive learning"', [{ text: '"contrastive learning"' }]],
    ['curly quotes and extra spaces are tidied', '“Contrastive   Learning ”', [{ text: '"Contrastive Learning"' }]],
    ['a prefix keeps its star', 'transform*', [{ text: 'transform*' }]],
    ['a hyphenated prefix as written', 'self-supervis*', [{ text: 'self-supervis*' }]],
    ['a joined spelling meeting a hyphenated word', 'semisupervised', [{ text: 'semisupervised' }]],
    [
      'AND lists every term, in query order',
      '"contrastive learning" self-supervis* vision',
      [{ text: '"contrastive learning"' }, { text: 'self-supervis*' }, { text: 'vision' }],
    ],
    [
      'OR lists the branches that hold, not the others',
      'graph OR contrastive OR diffusion OR transformers',
      [{ text: 'contrastive' }, { text: 'transformers' }],
    ],
    [
      'an OR branch that holds only in part is left out',
      '(contrastive graph) OR (vision transformers)',
      [{ text: 'vision' }, { text: 'transformers' }],
    ],
    ['OR inside AND', '(siamese OR contrastive) learning', [{ text: 'contrastive' }, { text: 'learning' }]],
    ['NOT terms are never listed', 'contrastive -survey NOT (graph OR diffusion)', [{ text: 'contrastive' }]],
    ['nor doubly negated ones', 'learning -(-contrastive)', [{ text: 'learning' }]],
    [
      'a repeated term is listed once',
      '(contrastive learning) OR (contrastive image)',
      [{ text: 'contrastive' }, { text: 'learning' }, { text: 'image' }],
    ],
    ['a field on a term', 'ti:image OR abs:image', [{ text: 'ti:image' }]],
    ['a field on a group goes on each term', 'ti:(survey OR classification)', [{ text: 'ti:classification' }]],
    ['a category term', 'cat:cs.CV contrastive', [{ text: 'cat:cs.CV' }, { text: 'contrastive' }]],
    ['no match', 'contrastive -learning', null],
    ['no match on a missing word', 'diffusion', null],
  ])('%s: %s', (_, query, expected) => {
    expect(explain(query)).toEqual(expected);
  });

  it.each<[string, string, MatchedTerm[]]>([
    ['an author word', 'au:hinton', [{ text: 'au:hinton', authors: ['Geoffrey E. Hinton'] }]],
    ['after an author without letters', 'au:lecun', [{ text: 'au:lecun', authors: ['Yann LeCun'] }]],
    ['an author phrase', 'au:"yann lecun"', [{ text: 'au:"yann lecun"', authors: ['Yann LeCun'] }]],
    [
      'accents folded, the name as the paper writes it',
      'au:muller',
      [{ text: 'au:muller', authors: ['Jürgen Müller'] }],
    ],
    ['a hyphenated name, joined', 'au:jeanpierre', [{ text: 'au:jeanpierre', authors: ['Jean-Pierre Serre'] }]],
    ['an author prefix', 'au:serr*', [{ text: 'au:serr*', authors: ['Jean-Pierre Serre'] }]],
    ['a prefix over a hyphenated name', 'au:jeanp*', [{ text: 'au:jeanp*', authors: ['Jean-Pierre Serre'] }]],
    ['every author a term matches', 'au:wang', [{ text: 'au:wang', authors: ['Wei Wang', 'Li Wang'] }]],
    ['a name by its initial', 'au:"Y. LeCun"', [{ text: 'au:"Y. LeCun"', authors: ['Yann LeCun'] }]],
    ['a name surname first', 'au:"Serre, J.-P."', [{ text: 'au:"Serre, J.-P."', authors: ['Jean-Pierre Serre'] }]],
    ['a name, only the authors who bear it', 'au:"W. Wang"', [{ text: 'au:"W. Wang"', authors: ['Wei Wang'] }]],
    [
      'OR over authors, each with its own',
      'au:nobody OR au:lecun OR au:hinton',
      [
        { text: 'au:lecun', authors: ['Yann LeCun'] },
        { text: 'au:hinton', authors: ['Geoffrey E. Hinton'] },
      ],
    ],
    [
      'authors and words together',
      'au:hinton contrastive',
      [{ text: 'au:hinton', authors: ['Geoffrey E. Hinton'] }, { text: 'contrastive' }],
    ],
  ])('au: %s', (_, query, expected) => {
    expect(explain(query)).toEqual(expected);
  });

  it('leaves the names out when it is not given the authors', () => {
    const { ast, spelling } = parseQuerySpelled('au:hinton');
    expect(compileQuery(ast, spelling).explain(indexed)).toEqual([{ text: 'au:hinton', authors: [] }]);
  });

  it('writes terms the canonical way without the spelling', () => {
    expect(compileQuery(parseQuery('Self-Supervis* OR “Contrastive Learning”')).explain(indexed)).toEqual([
      { text: '"self supervis*"' },
      { text: '"contrastive learning"' },
    ]);
  });

  it('agrees with matching, and lists only positive terms that hold on their own (seeded corpus)', () => {
    const papers = stressPapers(150, 11);
    const topics = stressTopics(papers, 100, 12).filter((t) => t.query.trim() !== '');
    const compiledTerms = new Map<string, CompiledQuery>();
    const alone = (term: string): CompiledQuery => {
      let compiled = compiledTerms.get(term);
      if (compiled === undefined) compiledTerms.set(term, (compiled = compileQuery(parseQuery(term))));
      return compiled;
    };
    let explained = 0;
    for (const { query } of topics) {
      const { ast, spelling } = parseQuerySpelled(query);
      const compiled = compileQuery(ast, spelling);
      const positive = new Set(positiveTerms(ast).map((node) => spelling.get(node)));
      for (const p of papers) {
        const index = indexPaper(p);
        const terms = compiled.explain(index, p.authors);
        expect(terms === null).toBe(!compiled.matches(index));
        if (terms === null) continue;
        explained++;
        expect(terms.length).toBeGreaterThan(0);
        for (const term of terms) {
          expect(positive.has(term.text)).toBe(true);
          expect(alone(term.text).matches(index)).toBe(true);
          if (term.authors === undefined) continue;
          expect(term.authors.length).toBeGreaterThan(0);
          for (const name of term.authors) {
            const byName = indexPaper({ title: '', abstract: '', authors: [name], categories: [] });
            expect(alone(term.text).matches(byName)).toBe(true);
          }
        }
      }
    }
    expect(explained).toBeGreaterThan(100);
  });
});

describe('au: names in explanations and in why', () => {
  const byInitial = makePaper({
    id: '2501.00001',
    title: 'Gradient-based learning',
    authors: ['L. Bottou', 'Y. LeCun'],
    categories: ['cs.LG'],
  });
  const filter = (query: string) => ({ categories: ['cs.LG'], query, crossLists: true, updates: false });

  it('name the author as the paper spells them', () => {
    expect(explainMatch(filter('au:"Yann LeCun"'), byInitial)).toEqual({
      terms: [{ text: 'au:"Yann LeCun"', authors: ['Y. LeCun'] }],
      categories: [],
    });
  });

  it.each([
    ['au:"LeCun, Yann" learning', ['au:"lecun, yann"', 'learning']],
    ['au:"Yann LeCun" OR au:"J. LeCun"', ['au:"yann lecun"']],
  ])('agree with why (%s): the same terms hold', (query, held) => {
    const report = matchReport(topic('1', { query }), byInitial);
    expect(report).toMatchObject({ matched: true, terms: held });
    const explained = explainMatch(filter(query), byInitial)?.terms.map((t) => formatQuery(parseQuery(t.text)));
    expect(explained).toEqual(held);
  });

  it('agree with why on a name the paper does not bear', () => {
    expect(matchReport(topic('1', { query: 'au:"LeCun, J." learning' }), byInitial)).toMatchObject({
      matched: false,
      reason: 'query',
      found: ['learning'],
      missing: ['au:"lecun, j"'],
    });
    expect(explainMatch(filter('au:"LeCun, J." learning'), byInitial)).toBeNull();
  });
});

describe('authors named by au: terms', () => {
  it('are exactly those that match the term on their own (seeded papers, some authors without letters)', () => {
    const rand = seededRandom(21);
    const papers = stressPapers(150, 22);
    let checked = 0;
    for (const p of papers) {
      // Authors without letters or digits leave no trace in the index.
      const authors = p.authors.flatMap((name) => (rand() < 0.2 ? ['—', name] : [name]));
      const index = indexPaper({ ...p, authors });
      const [first = '', last = ''] = authors.filter((a) => a !== '—')[Math.floor(rand() * 2)]!.split(' ');
      for (const query of [
        `au:${last}`,
        `au:"${first} ${last}"`,
        `au:${first.slice(0, 3)}*`,
        `au:${last} OR au:${first}`,
        `au:"${first.slice(0, 1)}. ${last}"`,
        `au:"${last}, ${first}"`,
      ]) {
        const { ast, spelling } = parseQuerySpelled(query);
        const terms = compileQuery(ast, spelling).explain(index, authors);
        expect(terms).not.toBeNull();
        for (const term of terms ?? []) {
          const alone = compileQuery(parseQuery(term.text));
          const expected = authors.filter((name) =>
            alone.matches(indexPaper({ title: '', abstract: '', authors: [name], categories: [] })),
          );
          expect(term.authors).toEqual([...new Set(expected)]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

/** Term nodes under no NOT. */
function positiveTerms(ast: QueryAst): TermNode[] {
  switch (ast.kind) {
    case 'not':
      return [];
    case 'and':
    case 'or':
      return ast.children.flatMap(positiveTerms);
    default:
      return [ast];
  }
}

describe('explainMatch', () => {
  const base = { crossLists: true, updates: false };
  const p = makePaper({
    id: '2501.00001',
    title: 'Contrastive learning',
    authors: ['Ada Lovelace'],
    categories: ['cs.CV', 'cs.LG'],
  });

  it.each([
    [
      { categories: ['cs.LG'], query: 'contrastive' },
      { terms: [{ text: 'contrastive' }], categories: [] },
    ],
    [
      { categories: ['cs.LG', 'math.GT'], query: '' },
      { terms: [], categories: ['cs.LG'] },
    ],
    [
      { categories: ['cs', 'cs.CV'], query: ' ' },
      { terms: [], categories: ['cs', 'cs.CV'] },
    ],
    [
      { categories: [], query: '' },
      { terms: [], categories: [] },
    ],
    [
      { categories: ['cs.LG'], query: 'au:lovelace' },
      { terms: [{ text: 'au:lovelace', authors: ['Ada Lovelace'] }], categories: [] },
    ],
  ])('%j', (filter, expected) => {
    expect(explainMatch({ ...base, ...filter }, p)).toEqual(expected);
  });

  it.each([
    ['the query', { categories: ['cs.LG'], query: 'graph', crossLists: true }],
    ['the categories', { categories: ['math.GT'], query: '', crossLists: true }],
    ['a cross-list only', { categories: ['cs.LG'], query: '', crossLists: false }],
  ])('is null when %s leaves the paper out', (_, filter) => {
    expect(explainMatch({ ...filter, updates: false }, p)).toBeNull();
  });
});
