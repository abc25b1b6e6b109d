import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { indexPaper } from '../../src/topics/match.js';
import { QueryParseError } from '../../src/topics/query.js';
import { BATCH_MIN_TOPICS, rankPapers, rankTopics, topicMatcher } from '../../src/topics/topic.js';
import type { TopicFilter } from '../../src/topics/topic.js';
import { stressPapers, stressTopics } from './corpus.js';
import { makePaper, seededRandom } from './papers.js';

const topic = (overrides: Partial<TopicFilter>): TopicFilter => ({
  categories: ['cs.LG'],
  query: '',
  crossLists: true,
  updates: false,
  ...overrides,
});

const paper = (overrides: Partial<Paper>): Paper =>
  makePaper({ id: '2501.00001', title: 'Contrastive learning', abstract: 'We study views.', ...overrides });

const cases: Array<[string, Partial<TopicFilter>, Partial<Paper>, boolean]> = [
  ['archive covers its subject classes', { categories: ['cs'] }, { categories: ['cs.LG'] }, true],
  ['subject class is exact', { categories: ['cs.LG'] }, { categories: ['cs.CV'] }, false],
  ['topic category case does not matter', { categories: ['CS.lg'] }, { categories: ['cs.LG'] }, true],
  [
    'paper category case does not matter',
    { categories: ['cs.LG'] },
    { categories: ['CS.LG'], primaryCategory: 'CS.LG' },
    true,
  ],
  ['any of several topic categories', { categories: ['math.GT', 'cs.CV'] }, { categories: ['cs.CV'] }, true],
  ['math does not cover math-ph', { categories: ['math'] }, { categories: ['math-ph'] }, false],
  ['astro-ph covers astro-ph.EP', { categories: ['astro-ph'] }, { categories: ['astro-ph.EP'] }, true],
  ['archive without classes', { categories: ['hep-th'] }, { categories: ['hep-th'] }, true],
  ['subject class does not cover its archive', { categories: ['cs.LG'] }, { categories: ['cs'] }, false],
  ['no categories allows any', { categories: [] }, { categories: ['q-bio.NC'] }, true],
  [
    'cross-list counts by default',
    { categories: ['cs.LG'] },
    { categories: ['stat.ML', 'cs.LG'], primaryCategory: 'stat.ML', announceType: 'cross' },
    true,
  ],
  [
    'without cross-lists only the primary category counts',
    { categories: ['cs.LG'], crossLists: false },
    { categories: ['stat.ML', 'cs.LG'], primaryCategory: 'stat.ML', announceType: 'cross' },
    false,
  ],
  [
    'without cross-lists a primary match still counts',
    { categories: ['cs'], crossLists: false },
    { categories: ['cs.LG', 'stat.ML'], primaryCategory: 'cs.LG' },
    true,
  ],
  ['replacements left out by default', {}, { announceType: 'replace' }, false],
  ['cross-list replacements left out by default', {}, { announceType: 'replace-cross' }, false],
  ['replacements kept with updates', { updates: true }, { announceType: 'replace' }, true],
  ['cross announcements are not updates', {}, { announceType: 'cross' }, true],
  ['papers without an announce type pass', {}, { announceType: null }, true],
  ['the query must match', { query: 'diffusion' }, {}, false],
  ['the query matches', { query: 'contrastive -diffusion' }, {}, true],
  ['an empty query takes every paper', { query: '   ' }, {}, true],
  ['categories come before the query', { categories: ['math'], query: 'contrastive' }, {}, false],
];

describe('topicMatcher', () => {
  it.each(cases)('%s', (_name, topicOverrides, paperOverrides, expected) => {
    const match = topicMatcher(topic(topicOverrides));
    const p = paper(paperOverrides);
    expect(match(p) !== null).toBe(expected);
    // Same answer with a shared index, and with one built without the primary category.
    expect(match(p, indexPaper(p)) !== null).toBe(expected);
    const { primaryCategory: _primary, ...withoutPrimary } = p;
    expect(match(p, indexPaper(withoutPrimary)) !== null).toBe(expected);
  });

  it('scores an empty query 0 and a matching query above 0', () => {
    expect(topicMatcher(topic({}))(paper({}))).toBe(0);
    expect(topicMatcher(topic({ query: 'contrastive' }))(paper({}))).toBeGreaterThan(0);
  });

  it('remembers category answers per category set without mixing them up', () => {
    const match = topicMatcher(topic({ categories: ['cs.LG', 'math'] }));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 150; i++) {
        const other = `physics.x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
        expect(match(paper({ categories: [other] }))).toBeNull();
        expect(match(paper({ categories: [other, 'cs.LG'] }))).not.toBeNull();
        expect(match(paper({ categories: [`math.${i}`, other] }))).not.toBeNull();
      }
    }
  });

  it('joins words longer than 64 characters like short ones', () => {
    const a = `${'a'.repeat(70)}b`;
    const b = 'c'.repeat(80);
    const long = paper({ title: `x ${a}-${b} y`, abstract: `${b} ${a}` });
    const score = (query: string): number | null => topicMatcher(topic({ categories: [], query }))(long);
    for (const query of [`${a}${b}`, `"${a} ${b}"`, `${b}${a}`, `${a}${b.slice(0, 10)}*`]) {
      expect(score(query), query).toBeGreaterThan(0);
    }
    expect(score(`${a}${a}`)).toBeNull();
  });

  it('refuses a topic whose query does not parse', () => {
    expect(() => topicMatcher(topic({ query: '(contrastive' }))).toThrow(QueryParseError);
  });

  it('refuses a query that does not parse every time, in rankTopics too', () => {
    const broken = topic({ query: 'learning AND (views' });
    expect(() => topicMatcher(broken)).toThrow(QueryParseError);
    expect(() => topicMatcher(broken)).toThrow(QueryParseError);
    expect(() => rankTopics([topic({ query: 'views' }), broken], [paper({})])).toThrow(QueryParseError);
  });
});

describe('rankPapers', () => {
  const papers = [
    paper({ id: '2501.00003', title: 'Views', abstract: `contrastive ${'x '.repeat(40)}` }),
    paper({ id: '2501.00002', title: 'Contrastive learning of views', abstract: 'contrastive' }),
    paper({ id: '2501.00001', title: 'Diffusion', abstract: 'nothing here' }),
    paper({ id: '2501.00005', title: 'Views', abstract: `contrastive ${'x '.repeat(40)}` }),
    paper({ id: '2501.00004', title: 'Contrastive', abstract: 'contrastive', categories: ['math.GT'] }),
  ];

  it('keeps matching papers, best first, ties by id', () => {
    const ranked = rankPapers(topic({ query: 'contrastive' }), papers);
    expect(ranked.map((r) => r.paper.id)).toEqual(['2501.00002', '2501.00003', '2501.00005']);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(ranked[1]!.score).toBe(ranked[2]!.score);
  });

  it('orders an empty query by id', () => {
    expect(rankPapers(topic({}), papers).map((r) => r.paper.id)).toEqual([
      '2501.00001',
      '2501.00002',
      '2501.00003',
      '2501.00005',
    ]);
  });
});

describe('rankTopics', () => {
  const rand = seededRandom(3);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const words = ['contrastive', 'learning', 'graph', 'neural', 'quantum', 'knot', 'semi-supervised', 'diffusion'];
  const categories = ['cs.LG', 'cs.CV', 'stat.ML', 'math.GT', 'quant-ph', 'hep-th'];
  const types = ['new', 'cross', 'replace', 'replace-cross', null] as const;
  const papers = Array.from({ length: 120 }, (_, i) => {
    const own = [pick(categories), pick(categories)];
    return makePaper({
      id: `2501.${String(i).padStart(5, '0')}`,
      title: `${pick(words)} ${pick(words)}`,
      abstract: Array.from({ length: 12 }, () => pick(words)).join(' '),
      categories: own,
      primaryCategory: own[0]!,
      announceType: pick(types),
    });
  });
  const topics: TopicFilter[] = Array.from({ length: 40 }, (_, k) => ({
    categories: k % 7 === 0 ? [] : [pick([...categories, 'cs', 'math'])],
    query: k % 5 === 0 ? '' : `${pick(words)} OR "${pick(words)} ${pick(words)}" -${pick(words)}`,
    crossLists: k % 3 !== 0,
    updates: k % 4 === 0,
  }));

  it('gives each topic what topicMatcher and rankPapers give it', () => {
    const batch = rankTopics(topics, papers);
    topics.forEach((topic, t) => {
      const match = topicMatcher(topic);
      const expected = papers
        .filter((p) => match(p) !== null)
        .map((p) => p.id)
        .sort();
      expect(batch[t]!.map((r) => r.paper.id).sort()).toEqual(expected);
      expect(batch[t]!.map((r) => r.score)).toEqual(batch[t]!.map((r) => match(r.paper)));
      expect(batch[t]).toEqual(rankPapers(topic, papers));
    });
    expect(batch.some((list) => list.length > 0 && list.length < papers.length)).toBe(true);
  });

  it('ranks the same on its batch path (from BATCH_MIN_TOPICS topics) as topic by topic', () => {
    const repeated = Array.from({ length: Math.ceil(BATCH_MIN_TOPICS / topics.length) }, () => topics).flat();
    expect(repeated.length).toBeGreaterThanOrEqual(BATCH_MIN_TOPICS);
    const batch = rankTopics(repeated, papers);
    expect(batch.slice(0, topics.length)).toEqual(rankTopics(topics, papers));
    expect(batch.slice(topics.length, 2 * topics.length)).toEqual(batch.slice(0, topics.length));
  });

  it('keeps the categories and rules of each topic when topics share a query text', () => {
    const own = [
      paper({ id: '2501.00001', title: 'Contrastive views', categories: ['cs.LG'], primaryCategory: 'cs.LG' }),
      paper({ id: '2501.00002', title: 'Contrastive knots', categories: ['math.GT'], primaryCategory: 'math.GT' }),
      paper({
        id: '2501.00003',
        title: 'Contrastive knots again',
        categories: ['math.GT', 'cs.LG'],
        primaryCategory: 'math.GT',
      }),
      paper({ id: '2501.00004', title: 'Diffusion', categories: ['cs.LG'], primaryCategory: 'cs.LG' }),
      paper({
        id: '2501.00005',
        title: 'Contrastive update',
        categories: ['cs.LG'],
        primaryCategory: 'cs.LG',
        announceType: 'replace',
      }),
    ];
    const shared = [
      topic({ query: 'contrastive', categories: ['cs.LG'], crossLists: false }),
      topic({ query: 'contrastive', categories: ['math.GT'] }),
      topic({ query: 'contrastive', categories: ['cs.LG'], crossLists: true, updates: true }),
    ];
    const ids = rankTopics(shared, own).map((list) => list.map((r) => r.paper.id).sort());
    expect(ids).toEqual([['2501.00001'], ['2501.00002', '2501.00003'], ['2501.00001', '2501.00003', '2501.00005']]);
    const alone = rankPapers(topic({ query: 'contrastive' }), [own[0]!]);
    expect(rankTopics(shared, own)[0]).toEqual(alone);
  });

  it('agrees with topicMatcher on the whole query language, accents and CJK included', () => {
    const corpus = stressPapers(300, 11);
    const unicode = [
      [
        'Schrödinger équation for Ångström-scale qubits',
        'Die Größe der Übergänge; naïve coöperation.',
        ['Zoë Ærøe', 'Łukasz Đokić'],
      ],
      ['量子计算 与 机器学习', '我们研究量子计算中的 contrastive learning 方法。', ['王 小明']],
      ['Semi-supervised pre training', 'A semisupervised pretraining scheme, an ex-ante plan.', ['José Núñez']],
    ].map(([title, abstract, authors], k) =>
      makePaper({
        id: `2502.${String(k).padStart(5, '0')}`,
        title: title as string,
        abstract: abstract as string,
        authors: authors as string[],
        categories: ['quant-ph', 'cs.LG'],
        primaryCategory: k === 1 ? 'cs.LG' : 'quant-ph',
        announceType: k === 2 ? 'replace' : 'new',
      }),
    );
    const all = [...corpus, ...unicode];
    const own: TopicFilter[] = [
      'schrodinger OR grosse',
      '"equation for angstrom"',
      'ti:qubit* -naive',
      'au:zoe OR au:lukasz OR au:nunez',
      '量子计算',
      '"semi supervised" pretrain*',
      'semisupervised "pre-training" OR "ex ante"',
      'cat:quant-ph contrastive',
      '(abs:cooperation OR ti:angstrom) -cat:cs.LG',
    ].flatMap((query) => [
      { categories: ['quant-ph'], query, crossLists: true, updates: true },
      { categories: ['cs'], query, crossLists: false, updates: false },
    ]);
    const topics = [...stressTopics(corpus, 200, 12), ...own];
    // A paper whose primary category changed after it was indexed must still be judged by the new one.
    rankTopics(topics.slice(0, 1), all);
    const moved = all[5]!;
    (moved as { primaryCategory: string }).primaryCategory = moved.primaryCategory === 'cs.LG' ? 'math.GT' : 'cs.LG';
    const batch = rankTopics(topics, all);
    let matched = 0;
    topics.forEach((topic, t) => {
      const match = topicMatcher(topic);
      const expected = all
        .map((paper) => ({ paper, score: match(paper) }))
        .filter((r): r is { paper: Paper; score: number } => r.score !== null)
        .sort((a, b) => b.score - a.score || (a.paper.id < b.paper.id ? -1 : 1));
      expect(batch[t], topic.query).toEqual(expected);
      matched += expected.length;
    });
    expect(matched).toBeGreaterThan(1000);
    expect(own.filter((_, t) => batch[200 + t]!.some((r) => r.paper.id.startsWith('2502.'))).length).toBeGreaterThan(8);
  });
});
