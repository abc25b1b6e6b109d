import { seededRandom } from '../helpers/random.js';
import type { Paper, PaperRecord } from '../../src/papers/paper.js';

/** One paper with sensible defaults; tests override what they care about. */
export function makePaper(overrides: Partial<Paper> & { id: string }): Paper {
  const version = overrides.version ?? 1;
  return {
    version,
    title: `Paper ${overrides.id}`,
    authors: ['Ada Lovelace'],
    abstract: 'An abstract about nothing in particular.',
    categories: ['cs.LG'],
    primaryCategory: overrides.categories?.[0] ?? 'cs.LG',
    comment: null,
    journalRef: null,
    doi: null,
    venue: null,
    codeUrl: null,
    published: '2025-01-06T18:00:00Z',
    updated: '2025-01-06T18:00:00Z',
    announced: '2025-01-07',
    announceType: 'new',
    withdrawn: false,
    absUrl: `https://arxiv.org/abs/${overrides.id}v${version}`,
    pdfUrl: `https://arxiv.org/pdf/${overrides.id}v${version}`,
    ...overrides,
  };
}

/** A record whose raw text equals its cleaned text unless given. */
export function makeRecord(overrides: Partial<Paper> & { id: string }, raw?: Partial<PaperRecord['raw']>): PaperRecord {
  const paper = makePaper(overrides);
  return { paper, raw: { title: raw?.title ?? paper.title, abstract: raw?.abstract ?? paper.abstract } };
}

const STOPWORDS = (
  'the of and a in to we is for that on with this by as are an be from our which can it these at their show ' +
  'using based both more than such also new two not into its has over have between while each when'
).split(' ');
export const DOMAIN = (
  'learning model neural network data training method results performance approach deep representation graph ' +
  'optimization inference language image features task tasks framework algorithm semantic generative attention ' +
  'transformer diffusion robust sparse kernel bayesian stochastic gradient policy reinforcement agent reward ' +
  'quantum field theory gauge symmetry black hole gravity cosmology galaxy dark matter spin lattice phase ' +
  'transition topological manifold algebra group theorem proof bound estimator convergence regression ' +
  'contrastive supervised unsupervised self clustering embedding retrieval segmentation detection tracking'
).split(' ');
const SYLLABLES = 'ka lo mi tre sen pho qua dri vel nor ast gen tic ber mon zu fal ex ion ter pra cul dis ven'.split(
  ' ',
);

/**
 * A vocabulary with a Zipf-like frequency curve, as in real abstracts: a few very common words,
 * a middle of field words and a long tail of rare ones (made-up but pronounceable).
 */
function vocabulary(rnd: () => number): { common: string[]; pickWord: () => string; pickTitleWord: () => string } {
  const tail = new Set<string>();
  while (tail.size < 20_000) {
    const n = 2 + Math.floor(rnd() * 3);
    tail.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]).join(''));
  }
  const ranked = [...STOPWORDS, ...DOMAIN, ...tail];
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < ranked.length; r++) cumulative.push((total += 1 / (r + 1)));
  const draw = (from: number) => {
    const x = cumulative[from - 1] ?? 0;
    const target = x + rnd() * (total - x);
    let lo = from;
    let hi = ranked.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo] as string;
  };
  return { common: STOPWORDS, pickWord: () => draw(0), pickTitleWord: () => draw(STOPWORDS.length) };
}

const NAMES = 'Wei Anna Luis Priya Jonas Mei Omar Sofia Kenji Olga Ravi Chloé José Björn Zoë Ahmed Ines Tariq'.split(
  ' ',
);
const SURNAMES =
  'Zhang Müller García Patel Kowalski Nguyen Rossi Dubois Tanaka Ivanova Singh Lämmerzahl Smith Okafor'.split(' ');
const CATEGORIES = [
  'cs.LG',
  'cs.CV',
  'cs.CL',
  'cs.AI',
  'stat.ML',
  'hep-th',
  'gr-qc',
  'math.CO',
  'quant-ph',
  'astro-ph.GA',
];

/** `count` synthetic papers with arXiv-like lengths (10-word titles, ~180-word abstracts, ~5 authors). */
export function syntheticPapers(count: number, seed = 1): PaperRecord[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const vocab = vocabulary(rnd);
  const words = (n: number, title = false) =>
    Array.from({ length: n }, () => (title ? vocab.pickTitleWord() : vocab.pickWord())).join(' ');
  const records: PaperRecord[] = [];
  for (let i = 0; i < count; i++) {
    const id = `25${String(1 + Math.floor(i / 30000)).padStart(2, '0')}.${String(i % 30000).padStart(5, '0')}`;
    const primary = pick(CATEGORIES);
    const day = 1 + (i % 28);
    const title = words(6 + Math.floor(rnd() * 8), true);
    const abstract = `${words(120 + Math.floor(rnd() * 120))}.`;
    const paper = makePaper({
      id,
      title: title[0]?.toUpperCase() + title.slice(1),
      abstract,
      authors: Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => `${pick(NAMES)} ${pick(SURNAMES)}`),
      categories: rnd() < 0.4 ? [primary, pick(CATEGORIES)].filter((c, k, a) => a.indexOf(c) === k) : [primary],
      primaryCategory: primary,
      codeUrl: rnd() < 0.2 ? `https://github.com/example/repo${i}` : null,
      venue: rnd() < 0.1 ? pick(['NeurIPS 2025', 'ICML 2025', 'CVPR 2025', 'ApJ']) : null,
      published: `2025-03-${String(day).padStart(2, '0')}T18:00:00Z`,
      announced: `2025-03-${String(day).padStart(2, '0')}`,
    });
    records.push({ paper, raw: { title: paper.title, abstract: paper.abstract } });
  }
  return records;
}

export { seededRandom };
