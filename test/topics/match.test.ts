import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, indexPaper, mayMatch } from '../../src/topics/match.js';
import type { PaperText } from '../../src/topics/match.js';
import { parseQuery, parseQuerySpelled } from '../../src/topics/query.js';
import type { PhraseNode, QueryAst, WordNode } from '../../src/topics/query.js';
import { authorMatches, splitAuthorName } from '../../src/topics/author.js';
import { foldText, tokenizeText } from '../../src/topics/text.js';
import { BATCH_MIN_TOPICS, rankTopics } from '../../src/topics/topic.js';
import { makePaper } from '../store/papers.js';
import { seededRandom } from './papers.js';
import { propertyRuns } from '../helpers/property-runs.js';

const papers: Record<string, PaperText> = {
  P1: {
    title: 'Semi-Supervised Contrastive Learning for Image Classification',
    abstract: 'We propose a contrastive loss that uses pseudo-labels. Experiments on ImageNet show gains.',
    authors: ['Geoffrey E. Hinton', 'Yann LeCun'],
    categories: ['cs.LG', 'cs.CV'],
  },
  P2: {
    title: 'Solving the Schrödinger equation with neural networks',
    abstract: 'A variational ansatz based on deep neural networks for quantum many-body problems.',
    authors: ['Giuseppe Carleo'],
    categories: ['quant-ph', 'cond-mat.dis-nn'],
  },
  P3: {
    title: 'Semisupervised segmentation of medical images',
    abstract: 'Semi supervised training with a small labelled set; we also study self-training and pre-training.',
    authors: ['Łukasz Kaiser'],
    categories: ['cs.CV', 'eess.IV'],
  },
  P4: {
    title: 'A survey of graph neural networks',
    abstract: 'We review message passing, graph transformers and over-smoothing.',
    authors: ['Petar Veličković'],
    categories: ['cs.LG', 'stat.ML'],
  },
  P5: {
    title: 'Fully supervised semantic segmentation',
    abstract: 'We train a supervised network on densely labelled data; a contrastive head did not help.',
    authors: ['Jane Doe'],
    categories: ['cs.CV'],
  },
  P6: {
    title: 'Knot invariants from Khovanov homology',
    abstract: 'We compute Khovanov homology for 3-manifolds and braids, a priori bounded.',
    authors: ['Ana Schrödinger'],
    categories: ['math.GT'],
  },
  P7: {
    title: 'Notes',
    abstract: 'A semi supervised view of pre-training, and of X-ray data.',
    authors: ['Jane Roe'],
    categories: ['cs.LG'],
  },
};
const indexed = Object.entries(papers).map(([id, paper]) => ({ id, index: indexPaper(paper) }));

const matching = (query: string): string[] => {
  const compiled = compileQuery(parseQuery(query));
  return indexed.filter(({ index }) => compiled.matches(index)).map(({ id }) => id);
};

const cases: Array<[string, string[]]> = [
  // case and accents
  ['contrastive', ['P1', 'P5']],
  ['CONTRASTIVE', ['P1', 'P5']],
  ['schrodinger', ['P2']],
  ['Schrödinger', ['P2']],
  ['SCHRÖDINGER', ['P2']],
  ['au:schrodinger', ['P6']],
  ['au:lukasz', ['P3']],
  ['au:velickovic', ['P4']],
  // word boundaries
  ['net', []],
  ['image', ['P1']],
  ['images', ['P3']],
  // hyphens: split, joined and spaced spellings meet
  ['semi-supervised', ['P1', 'P3', 'P7']],
  ['semisupervised', ['P1', 'P3', 'P7']],
  ['"semi supervised"', ['P1', 'P3', 'P7']],
  ['supervised', ['P1', 'P3', 'P5', 'P7']],
  ['self-training', ['P3']],
  ['selftraining', ['P3']],
  ['pretraining', ['P3', 'P7']],
  ['oversmoothing', ['P4']],
  ['pseudolabels', ['P1']],
  ['"many body problems"', ['P2']],
  ['manybody', ['P2']],
  ['3-manifolds', ['P6']],
  ['manifolds', ['P6']],
  // a prefix reaches across a hyphen, not across a space
  ['semisup*', ['P1', 'P3']],
  ['pretrain*', ['P3', 'P7']],
  ['xra*', ['P7']],
  ['"semi sup*"', ['P1', 'P3', 'P7']],
  // a space joins only words of two letters or more
  ['apriori', []],
  ['"a priori"', ['P6']],
  // phrases
  ['"contrastive loss"', ['P1']],
  ['"loss contrastive"', []],
  ['"neural networks"', ['P2', 'P4']],
  ['"graph transformer*"', ['P4']],
  ['"contrastive learn*"', ['P1']],
  // prefixes
  ['network*', ['P2', 'P4', 'P5']],
  ['net*', ['P2', 'P4', 'P5']],
  ['smooth*', ['P4']],
  ['semisup*', ['P1', 'P3']],
  ['pseudo-lab*', ['P1']],
  ['khov*', ['P6']],
  // fields
  ['ti:segmentation', ['P3', 'P5']],
  ['abs:segmentation', []],
  ['abs:contrastive', ['P1', 'P5']],
  ['ti:contrastive', ['P1']],
  ['au:hinton', ['P1']],
  ['hinton', []],
  ['au:"yann lecun"', ['P1']],
  ['au:"hinton yann"', []],
  ['au:(hinton OR kaiser)', ['P1', 'P3']],
  ['ti:(survey OR knot*)', ['P4', 'P6']],
  ['ti:(graph -survey)', []],
  // NOT, OR precedence, parentheses
  ['segmentation -medical', ['P5']],
  ['segmentation NOT medical', ['P5']],
  ['-contrastive', ['P2', 'P3', 'P4', 'P6', 'P7']],
  ['contrastive OR khovanov', ['P1', 'P5', 'P6']],
  ['contrastive segmentation OR khovanov', ['P5', 'P6']],
  ['contrastive (segmentation OR khovanov)', ['P5']],
  ['khovanov OR contrastive segmentation', ['P5', 'P6']],
  ['-(contrastive OR segmentation)', ['P2', 'P4', 'P6', 'P7']],
  ['NOT NOT khovanov', ['P6']],
  // categories
  ['cat:cs', ['P1', 'P3', 'P4', 'P5', 'P7']],
  ['cat:cs.CV', ['P1', 'P3', 'P5']],
  ['cat:CS.cv', ['P1', 'P3', 'P5']],
  ['cat:cond-mat', ['P2']],
  ['cat:math.GT', ['P6']],
  ['cat:math', ['P6']],
  ['cat:cs -cat:cs.CV', ['P4', 'P7']],
  ['cat:stat.ML OR cat:quant-ph', ['P2', 'P4']],
];

describe('compileQuery().matches', () => {
  it.each(cases)('%j', (query, expected) => {
    expect(matching(query)).toEqual(expected);
  });
});

describe('text folding', () => {
  it.each([
    ['Schrödinger', 'schrodinger'],
    ['ﬁne-tuning', 'fine-tuning'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['İstanbul', 'istanbul'],
    ['naïve café', 'naive cafe'],
    ['soft\u00ADhyphen', 'softhyphen'],
  ])('%s → %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('splits on letter/digit boundaries, any script', () => {
    expect(tokenizeText('GPT-4o: 無監督 learning (α-β), 3D').tokens).toEqual([
      'gpt',
      '4o',
      '無監督',
      'learning',
      'α',
      'β',
      '3d',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Scores

const score = (query: string, paper: PaperText): number => compileQuery(parseQuery(query)).score(indexPaper(paper));
const filler = (n: number): string => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');
const text = (title: string, abstract: string): PaperText => ({
  title,
  abstract,
  authors: ['A. Author'],
  categories: ['cs.LG'],
});

describe('compileQuery().score', () => {
  it.each([
    [
      'a title hit beats abstract hits',
      'contrastive',
      text('Contrastive methods for vision', filler(100)),
      text('Methods for vision', `contrastive ${filler(30)} contrastive ${filler(30)} contrastive`),
    ],
    [
      'a title hit beats abstract hits in a long title',
      'graph',
      text(`Graph ${filler(30)}`, filler(100)),
      text('Short title', `graph graph graph graph graph ${filler(5)}`),
    ],
    [
      'adjacent words beat scattered ones',
      'contrastive learning',
      text('Vision', `we study contrastive learning here ${filler(50)}`),
      text('Vision', `we study contrastive methods for learning ${filler(49)}`),
    ],
    [
      'a phrase beats a word',
      '"contrastive learning" OR contrastive',
      text('Vision', `contrastive learning ${filler(50)}`),
      text('Vision', `contrastive methods ${filler(50)}`),
    ],
    ['more hits beat fewer', 'graph', text('T', `graph graph ${filler(50)}`), text('T', `graph ${filler(51)}`)],
    ['a short abstract beats a long one', 'graph', text('T', `graph ${filler(20)}`), text('T', `graph ${filler(300)}`)],
    [
      'more OR alternatives beat fewer',
      'graph OR neural',
      text('T', `graph neural ${filler(50)}`),
      text('T', `graph ${filler(51)}`),
    ],
  ])('%s', (_name, query, better, worse) => {
    const a = score(query, better);
    const b = score(query, worse);
    expect(a).toBeGreaterThan(b);
    expect(b).toBeGreaterThan(0);
  });

  it('is deterministic and ignores negated terms', () => {
    const paper = text('Contrastive graph learning', `graph ${filler(40)}`);
    expect(score('graph -survey', paper)).toBe(score('graph', paper));
    expect(score('graph', paper)).toBe(score('graph', paper));
    expect(score('-survey', paper)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: boolean structure agrees with a direct evaluation over token lists

const words = ['graph', 'neural', 'quantum', 'knot', 'model', 'learning', 'field', 'spin'];

function reference(ast: QueryAst, title: string[], abstract: string[]): boolean {
  switch (ast.kind) {
    case 'word':
      return title.includes(ast.word) || abstract.includes(ast.word);
    case 'not':
      return !reference(ast.child, title, abstract);
    case 'and':
      return ast.children.every((c) => reference(c, title, abstract));
    case 'or':
      return ast.children.some((c) => reference(c, title, abstract));
    default:
      throw new Error(`not generated: ${ast.kind}`);
  }
}

const { query: booleanQuery } = fc.letrec<{ query: string; and: string; or: string; not: string }>((tie) => ({
  query: fc.oneof({ maxDepth: 3 }, fc.constantFrom(...words), tie('and'), tie('or'), tie('not')),
  and: fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' ')})`),
  or: fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' OR ')})`),
  not: tie('query').map((x) => `-${x}`),
}));

describe('compiled matching', () => {
  const rand = seededRandom(11);
  const pick = (n: number): string[] => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]!);
  // Punctuation between words so that no two tokens join into a compound.
  const corpus = Array.from({ length: 120 }, () => ({ title: pick(3), abstract: pick(8) })).map(
    ({ title, abstract }) => ({
      title,
      abstract,
      index: indexPaper({ title: title.join(', '), abstract: abstract.join('. '), authors: [], categories: [] }),
    }),
  );

  it('agrees with a direct evaluation of AND, OR and NOT', () => {
    fc.assert(
      fc.property(booleanQuery, (query) => {
        const ast = parseQuery(query);
        const compiled = compileQuery(ast);
        for (const paper of corpus)
          expect(compiled.matches(paper.index)).toBe(reference(ast, paper.title, paper.abstract));
      }),
      { seed: 42, numRuns: propertyRuns(300) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the index agrees with a direct, string-based reading of the same rules

interface Field {
  tokens: string[];
  joins: number[];
}

/** Tokens of one or more texts, `''` between them, as the language defines them (text.ts). */
function field(texts: readonly string[]): Field {
  const out: Field = { tokens: [], joins: [] };
  for (const text of texts) {
    const run = tokenizeText(text);
    if (run.tokens.length === 0) continue;
    if (out.tokens.length > 0) {
      out.tokens.push('');
      out.joins.push(0);
    }
    out.tokens.push(...run.tokens);
    out.joins.push(...run.joins);
  }
  return out;
}

/** Word `w` as a token, or as two joined tokens (prefix: a token or a hyphenated pair starting with it). */
function wordAt(f: Field, i: number, w: string, prefix: boolean): number {
  const t = f.tokens[i]!;
  if (t === '') return 0;
  const pair = f.joins[i] ? t + f.tokens[i + 1]! : null;
  if (prefix) {
    if (t.startsWith(w)) return 1;
    if (pair !== null && f.joins[i] === 2 && t.length < w.length && pair.startsWith(w)) return 2;
    return 0;
  }
  if (t === w) return 1;
  if (pair !== null && pair === w) return 2;
  return 0;
}

/** Every way the phrase can match from token `i` (words may also merge pairwise into one token). */
function phraseAt(f: Field, i: number, words: readonly string[], prefix: boolean, j = 0): boolean {
  if (j === words.length) return true;
  if (i >= f.tokens.length || f.tokens[i] === '') return false;
  const last = prefix && j === words.length - 1;
  const consumed = wordAt(f, i, words[j]!, last);
  if (consumed === 1 && phraseAt(f, i + 1, words, prefix, j + 1)) return true;
  // A joined pair may also stand for the word when the single token does not finish the phrase.
  if (f.joins[i] && (last ? f.joins[i] === 2 && f.tokens[i]!.length < words[j]!.length : true)) {
    const pair = f.tokens[i]! + f.tokens[i + 1]!;
    if ((last ? pair.startsWith(words[j]!) : pair === words[j]) && phraseAt(f, i + 2, words, prefix, j + 1))
      return true;
  }
  if (j + 1 < words.length) {
    const both = words[j]! + words[j + 1]!;
    const lastBoth = prefix && j + 1 === words.length - 1;
    if ((lastBoth ? f.tokens[i]!.startsWith(both) : f.tokens[i] === both) && phraseAt(f, i + 1, words, prefix, j + 2))
      return true;
  }
  return false;
}

/** `names`: whether an `au:` term also takes an author who bears it as a name (else only as written). */
function referenceMatch(ast: QueryAst, paper: PaperText, names = true): boolean {
  const fields = (f: TextFieldName | null): Field[] =>
    f === 'ti'
      ? [field([paper.title])]
      : f === 'abs'
        ? [field([paper.abstract])]
        : f === 'au'
          ? [field(paper.authors)]
          : [field([paper.title]), field([paper.abstract])];
  switch (ast.kind) {
    case 'word':
      return (
        fields(ast.field).some((f) => f.tokens.some((_, i) => wordAt(f, i, ast.word, ast.prefix) > 0)) ||
        (names && bearsName(ast, paper))
      );
    case 'phrase':
      return (
        fields(ast.field).some((f) => f.tokens.some((_, i) => phraseAt(f, i, ast.words, ast.prefix))) ||
        (names && bearsName(ast, paper))
      );
    case 'category':
      return paper.categories.some(
        (c) => c.toLowerCase() === ast.category || c.toLowerCase().split('.')[0] === ast.category,
      );
    case 'not':
      return !referenceMatch(ast.child, paper, names);
    case 'and':
      return ast.children.every((c) => referenceMatch(c, paper, names));
    case 'or':
      return ast.children.some((c) => referenceMatch(c, paper, names));
  }
}

type TextFieldName = 'ti' | 'abs' | 'au';

/** Whether an `au:` word or phrase without `*` names one of the paper's authors, as a follow of it would. */
function bearsName(ast: WordNode | PhraseNode, paper: PaperText): boolean {
  if (ast.field !== 'au' || ast.prefix) return false;
  const words = ast.kind === 'word' ? [ast.word] : ast.words;
  const comma = ast.kind === 'phrase' ? ast.surnameFirst : undefined;
  const name =
    comma === undefined ? words.join(' ') : `${words.slice(0, comma).join(' ')}, ${words.slice(comma).join(' ')}`;
  return paper.authors.some((author) => authorMatches(splitAuthorName(name), splitAuthorName(author)));
}

describe('the index', () => {
  const parts = [
    'semi',
    'supervised',
    'semisupervised',
    'pre',
    'training',
    'pretraining',
    'a',
    'priori',
    'graph',
    'network',
    'x',
    'ray',
    'xray',
    'Schrödinger',
    'gpt',
    '4',
    'gpt4',
  ];
  const separators = [' ', ' ', '-', '- ', ', ', '. ', ' – ', '/'];
  const text = fc
    .array(fc.tuple(fc.constantFrom(...parts), fc.constantFrom(...separators)), { maxLength: 14 })
    .map((pieces) => pieces.map(([w, s]) => w + s).join(''));
  const paperArb = fc.record({
    title: text,
    abstract: text,
    authors: fc.array(text, { maxLength: 3 }),
    categories: fc.subarray(['cs.LG', 'cs.CV', 'math.GT', 'quant-ph']),
  });
  const word = fc.constantFrom(
    ...parts,
    'semi-supervised',
    'pre-training',
    'x-ray',
    'gpt-4',
    'se*',
    'semis*',
    'semisu*',
    'pretr*',
    'xr*',
    'gpt4*',
    'graph*',
    'net*',
    'sch*',
  );
  const phrase = fc
    .tuple(fc.array(fc.constantFrom(...parts), { minLength: 2, maxLength: 3 }), fc.boolean())
    .map(([ws, star]) => `"${ws.join(' ')}${star ? '*' : ''}"`);
  const leaf = fc.tuple(fc.constantFrom('', '', 'ti:', 'abs:', 'au:'), fc.oneof(word, phrase)).map(([f, t]) => f + t);
  const { query } = fc.letrec<{ query: string }>((tie) => ({
    query: fc.oneof(
      { maxDepth: 2 },
      leaf,
      fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' ')})`),
      fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' OR ')})`),
      tie('query').map((x) => `-(${x})`),
    ),
  }));
  const valid = query.filter((q) => {
    try {
      parseQuery(q);
      return true;
    } catch {
      return false; // e.g. a phrase whose last word is too short for `*`
    }
  });

  it('matches exactly the papers a direct reading of the rules matches', () => {
    fc.assert(
      fc.property(valid, fc.array(paperArb, { minLength: 1, maxLength: 8 }), (q, ps) => {
        const ast = parseQuery(q);
        const compiled = compileQuery(ast);
        for (const p of ps) {
          const index = indexPaper(p);
          const expected = referenceMatch(ast, p);
          expect(compiled.matches(index)).toBe(expected);
          // One pass and two passes agree.
          expect(compiled.evaluate(index) >= 0).toBe(expected);
          if (!expected) expect(compiled.score(index)).toBe(0);
        }
      }),
      { seed: 42, numRuns: propertyRuns(3000) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// au: names, matched as follows match authors

describe('au: names', () => {
  const paper = (authors: string[]): PaperText => ({
    title: 'Gradient-based learning',
    abstract: 'We train networks.',
    authors,
    categories: ['cs.LG'],
  });
  const byFull = paper(['Léon Bottou', 'Yann LeCun']);
  const byInitial = paper(['L. Bottou', 'Y. LeCun']);
  const holds = (query: string, p: PaperText): boolean => {
    const compiled = compileQuery(parseQuery(query));
    const index = indexPaper(p);
    const matches = compiled.matches(index);
    // The prefilter never turns down a paper the query takes.
    if (matches) expect(mayMatch(compiled.prefilter, index)).toBe(true);
    expect(compiled.evaluate(index) >= 0).toBe(matches);
    return matches;
  };

  it.each([
    'au:lecun',
    'au:"Y LeCun"',
    'au:"Y. LeCun"',
    'au:"Yann LeCun"',
    'au:"LeCun, Yann"',
    'au:"Le Cun"',
    'au:LeCun,Y',
  ])('%s matches a paper by Yann LeCun and one by Y. LeCun', (query) => {
    expect(holds(query, byFull)).toBe(true);
    expect(holds(query, byInitial)).toBe(true);
  });

  it.each(['au:"J. LeCun"', 'au:"Yves LeCun"', 'au:"LeCun, J"', 'au:"Yann Bottou"', 'au:"Bottou, Yann"'])(
    '%s does not match a paper by Yann LeCun',
    (query) => {
      expect(holds(query, byFull)).toBe(false);
    },
  );

  it.each([
    ['au:"Yann LeCun"', 'Yann Le Cun'],
    ['au:"Yann LeCun"', 'LeCun, Yann'],
    ['au:"Y. LeCun"', 'Le Cun, Yann'],
    ['au:"LeCun, Y."', 'Yann Le Cun'],
    ['au:"L. van der Maaten"', 'Laurens van der Maaten'],
    ['au:vandermaaten', 'Laurens van der Maaten'],
    ['au:"J.-P. Serre"', 'Jean-Pierre Serre'],
    ['au:"Jean-Pierre Serre"', 'J. P. Serre'],
    ['au:"C. Lammerzahl"', 'Claus Lämmerzahl'],
    ['au:dalembert', "Jean d'Alembert"],
  ])('%s matches a paper by %s', (query, author) => {
    expect(holds(query, paper([author]))).toBe(true);
  });

  it('keeps matching what an au: term wrote out before: any of an author’s words', () => {
    expect(holds('au:yann', byFull)).toBe(true);
    expect(holds('au:"yann lecun"', byFull)).toBe(true);
    expect(holds('au:yann', byInitial)).toBe(false);
  });

  it('keeps prefix terms literal: word starts of the names as written', () => {
    expect(holds('au:lec*', byFull)).toBe(true);
    expect(holds('au:lec*', byInitial)).toBe(true);
    expect(holds('au:"y lec*"', byInitial)).toBe(true);
    expect(holds('au:"yann lec*"', byInitial)).toBe(false);
    expect(holds('au:lec*', paper(['Yann Le Cun']))).toBe(false);
  });

  it('combines with the rest of the language', () => {
    expect(holds('au:"Y. LeCun" -au:"L. Bottou"', byFull)).toBe(false);
    expect(holds('au:"Y. LeCun" (au:hinton OR ti:gradient)', byInitial)).toBe(true);
    expect(holds('ti:learning au:"LeCun, Yann"', byInitial)).toBe(true);
  });

  it('finds and names an author among a collaboration’s thousands', () => {
    const authors = Array.from({ length: 3000 }, (_, i) => `A. Person${i}`);
    authors.splice(1500, 0, 'LeCun, Yann');
    const p = paper(authors);
    expect(holds('au:"Y. LeCun"', p)).toBe(true);
    expect(holds('au:"J. LeCun"', p)).toBe(false);
    const { ast, spelling } = parseQuerySpelled('au:"Y. LeCun"');
    expect(compileQuery(ast, spelling).explain(indexPaper(p), authors)).toEqual([
      { text: 'au:"Y. LeCun"', authors: ['LeCun, Yann'] },
    ]);
  });

  it('scores an author who bears the name like one who writes it out', () => {
    const query = compileQuery(parseQuery('au:"Yann LeCun"'));
    const full = query.score(indexPaper(byFull));
    expect(full).toBeGreaterThan(0);
    expect(query.score(indexPaper(byInitial))).toBeCloseTo(full, 10);
  });
});

describe('au: names through the index', () => {
  const given = ['Yann', 'Y.', 'Y', 'Yves', 'Jean-Pierre', 'J.-P.', 'J. P.', 'Léon', 'L.', 'Wei', 'W.', 'Zoë'];
  const particles = ['', '', 'Le', 'van der', 'de', "d'"];
  const surnames = ['LeCun', 'Cun', 'Serre', 'Maaten', 'Wang', 'Müller', 'Muller', 'Bottou', 'Yann'];
  const nameArb = fc
    .tuple(
      fc.constantFrom(...given),
      fc.constantFrom(...particles),
      fc.constantFrom(...surnames),
      fc.constantFrom('given first', 'given first', 'surname first', 'surname only', 'no letters'),
    )
    .map(([g, p, s, form]) => {
      const surname = p === "d'" ? `d'${s}` : `${p} ${s}`.trim();
      if (form === 'surname first') return `${surname}, ${g}`;
      if (form === 'surname only') return surname;
      if (form === 'no letters') return '—';
      return `${g} ${surname}`;
    });
  const paperArb = fc.record({
    title: fc.constantFrom('Gradient learning', 'Yann and Serre on LeCun'),
    abstract: fc.constantFrom('', 'Le Cun van der Maaten wrote it.'),
    authors: fc.array(nameArb, { maxLength: 5 }),
    categories: fc.constant(['cs.LG']),
  });
  const foldedWord = fc
    .tuple(fc.constantFrom(...particles), fc.constantFrom(...surnames, ...given))
    .map(([p, s]) => `${p}${s}`.replace(/[^\p{L}]/gu, ''))
    .filter((w) => w.length > 0);
  const termArb = fc.oneof(
    foldedWord.map((w) => `au:${w}`),
    nameArb.filter((n) => n !== '—').map((n) => `au:"${n}"`),
    fc.constantFrom('au:lec*', 'au:"y lec*"', 'au:mu*', 'au:"van der*"', 'au:"jean pierre"', 'au:jeanpierre'),
  );
  const queryArb = fc.oneof(
    termArb,
    fc.tuple(termArb, termArb).map(([a, b]) => `${a} OR ${b}`),
    fc.tuple(termArb, termArb).map(([a, b]) => `${a} ${b}`),
    fc.tuple(termArb, termArb).map(([a, b]) => `${a} -${b}`),
    termArb.map((a) => `(${a} OR ti:gradient) abs:wrote`),
  );

  it('matches exactly the papers a direct reading takes, and the prefilter keeps every one of them', () => {
    let named = 0;
    fc.assert(
      fc.property(queryArb, fc.array(paperArb, { minLength: 1, maxLength: 6 }), (q, ps) => {
        const ast = parseQuery(q);
        const compiled = compileQuery(ast);
        for (const p of ps) {
          const index = indexPaper(p);
          const expected = referenceMatch(ast, p);
          expect(compiled.matches(index)).toBe(expected);
          expect(compiled.evaluate(index) >= 0).toBe(expected);
          if (expected) expect(mayMatch(compiled.prefilter, index)).toBe(true);
          if (expected && !referenceMatch(ast, p, false)) named++;
        }
      }),
      { seed: 7, numRuns: propertyRuns(2000) },
    );
    // Enough papers were taken by a name alone, not as written.
    expect(named).toBeGreaterThan(40);
  });

  it('ranks the same on the batch path as a direct reading, over every topic', () => {
    fc.assert(
      fc.property(
        fc.array(queryArb, { minLength: 5, maxLength: 10 }),
        fc.array(paperArb, { minLength: 20, maxLength: 40 }),
        (queries, ps) => {
          const papers = ps.map((p, i) => makePaper({ ...p, categories: [...p.categories], id: `2501.${10000 + i}` }));
          const filters = Array.from({ length: BATCH_MIN_TOPICS }, (_, t) => ({
            categories: [],
            query: queries[t % queries.length]!,
            crossLists: true,
            updates: true,
          }));
          const expected = queries.map((q) => {
            const ast = parseQuery(q);
            return papers.filter((p) => referenceMatch(ast, p)).map((p) => p.id);
          });
          rankTopics(filters, papers).forEach((list, t) => {
            expect(list.map((r) => r.paper.id).sort()).toEqual(expected[t % queries.length]);
          });
        },
      ),
      { seed: 11, numRuns: propertyRuns(40) },
    );
  });
});
