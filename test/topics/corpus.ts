/**
 * A seeded stress corpus for topic matching: papers of Zipf-distributed made-up words, and topics
 * whose queries use the whole query language (words, phrases, prefixes, field filters, OR, NOT,
 * hyphenated compounds) with keywords drawn from the corpus itself, as a real topic's are.
 */
import { catalog } from '../../config/catalog.js';
import type { Paper } from '../../src/papers/paper.js';
import { tokenizeText } from '../../src/topics/text.js';
import type { TopicFilter } from '../../src/topics/topic.js';
import { makePaper, seededRandom } from './papers.js';

const SYLLABLES = [
  'ka',
  'to',
  'ri',
  'mon',
  'sel',
  'va',
  'tor',
  'lin',
  'qui',
  'de',
  'ran',
  'sol',
  'pe',
  'ne',
  'xa',
  'bu',
  'fe',
  'gor',
];
const CATEGORIES = [
  'cs.LG',
  'cs.CV',
  'cs.CL',
  'cs.AI',
  'cs.RO',
  'cs.SI',
  'cs.IR',
  'cs.CR',
  'stat.ML',
  'math.GT',
  'math.AT',
  'math.PR',
  'math.OC',
  'quant-ph',
  'gr-qc',
  'hep-th',
  'hep-ph',
  'astro-ph.EP',
  'astro-ph.HE',
  'astro-ph.CO',
  'astro-ph.GA',
  'cond-mat.mtrl-sci',
  'cond-mat.stat-mech',
  'physics.comp-ph',
  'physics.flu-dyn',
  'eess.IV',
  'q-bio.NC',
  'econ.EM',
];
const ANNOUNCE_TYPES = ['new', 'new', 'new', 'cross', 'replace', 'replace-cross'] as const;

/** Papers of 6–15 title words, 6–10 abstract sentences and 2–9 authors, skewed towards the first categories. */
export function stressPapers(count: number, seed: number): Paper[] {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const vocabulary = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(SYLLABLES)).join(''),
  );
  // Zipf-like: word k is drawn with probability ∝ 1/(k+1).
  const word = (): string => vocabulary[Math.floor(Math.exp(rand() * Math.log(vocabulary.length))) - 1]!;
  const sentence = (n: number): string => {
    let text = '';
    for (let i = 0; i < n; i++) text += (i === 0 ? '' : rand() < 0.05 ? '-' : rand() < 0.08 ? ', ' : ' ') + word();
    return `${text}.`;
  };
  return Array.from({ length: count }, (_, i) => {
    const own = [
      ...new Set(
        Array.from(
          { length: 1 + Math.floor(rand() * 3) },
          () => CATEGORIES[Math.floor(rand() ** 2 * CATEGORIES.length)]!,
        ),
      ),
    ];
    return makePaper({
      id: `2501.${String(i).padStart(5, '0')}`,
      title: sentence(6 + Math.floor(rand() * 10)),
      abstract: Array.from({ length: 6 + Math.floor(rand() * 5) }, () => sentence(12 + Math.floor(rand() * 16))).join(
        ' ',
      ),
      authors: Array.from({ length: 2 + Math.floor(rand() * 8) }, () => `${word()} ${word()}`),
      categories: own,
      primaryCategory: own[0]!,
      announceType: pick(ANNOUNCE_TYPES),
    });
  });
}

/**
 * Topics over `papers`: a tenth with no query, a fifth with a catalog query, the rest OR-lists of
 * 3–15 terms built from words that occur in 0.2–5 % of the papers (a topic's keywords), some
 * AND-ed with a keyword or excluding one.
 */
export function stressTopics(papers: readonly Paper[], count: number, seed: number): TopicFilter[] {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const documentFrequency = new Map<string, number>();
  const texts = papers.map((paper) => tokenizeText(`${paper.title}. ${paper.abstract}`).tokens);
  for (const tokens of texts) {
    for (const token of new Set(tokens)) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  }
  const isTopical = (word: string): boolean => {
    const df = documentFrequency.get(word) ?? 0;
    return word.length >= 3 && df >= 0.002 * papers.length && df <= 0.05 * papers.length;
  };
  const topical = [...documentFrequency.keys()].filter(isTopical).sort();
  // Phrases as topics write them: two neighbouring keywords, not "of the".
  const pairs: string[] = [];
  for (const tokens of texts) {
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (isTopical(tokens[i]!) && isTopical(tokens[i + 1]!)) pairs.push(`${tokens[i]} ${tokens[i + 1]}`);
    }
  }
  if (topical.length === 0 || pairs.length === 0)
    throw new Error('the corpus is too small to draw topic keywords from');
  const keyword = (): string => pick(topical);
  const term = (): string => {
    const r = rand();
    if (r < 0.45) return keyword();
    if (r < 0.7) return `"${pick(pairs)}"`;
    if (r < 0.8) return `${keyword().slice(0, 4 + Math.floor(rand() * 3))}*`;
    if (r < 0.87) return `${pick(['ti:', 'abs:', 'au:'])}${keyword()}`;
    if (r < 0.92) return `${keyword()}-${keyword()}`;
    return `(${keyword()} OR ${keyword()})`;
  };
  const query = (): string => {
    const r = rand();
    if (r < 0.1) return '';
    if (r < 0.3) return pick(catalog).query;
    const alternatives = Array.from({ length: 3 + Math.floor(rand() * 13) }, term).join(' OR ');
    if (r < 0.45) return `(${alternatives}) ${keyword()}`;
    if (r < 0.55) return `${alternatives} -${keyword()}`;
    return alternatives;
  };
  const categories = [...new Set(papers.flatMap((p) => p.categories))];
  const archives = [...new Set(categories.map((c) => c.split('.')[0]!))];
  return Array.from({ length: count }, () => ({
    categories: Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
      rand() < 0.15 ? pick(archives) : pick(categories),
    ),
    query: query(),
    crossLists: rand() < 0.8,
    updates: rand() < 0.2,
  }));
}
