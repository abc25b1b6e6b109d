/**
 * Timing of topic matching at the target scale: 1,000 topics × 2,000 papers. Not a test.
 *
 *   npx tsx test/topics/measure.ts [--rounds N] [--real [DIR]]
 *
 * By default the papers are generated (seeded, Zipf-distributed words). `--real` reads real
 * arXiv papers from the shared samples (DIR, default ../shared/arxiv-samples: the RSS listing of all
 * archives and the JSON-lines days). Topic queries are built from the corpus itself: a fifth are
 * the catalog's queries, the rest use words that occur in 0.2–5 % of the papers, as a topic's
 * keywords do, and neighbouring pairs of such words as phrases. Times are the best of N rounds,
 * wall clock.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { catalog } from '../../config/catalog.js';
import type { Paper } from '../../src/papers/paper.js';
import type { IndexedPaper } from '../../src/topics/match.js';
import { tokenizeText } from '../../src/topics/text.js';
import { indexPaper, rankTopics, topicMatcher } from '../../src/topics/topic.js';
import type { TopicFilter } from '../../src/topics/topic.js';
import { makePaper, seededRandom } from './papers.js';

const PAPERS = 2000;
const TOPICS = 1000;
const args = process.argv.slice(2);
const flag = (name: string): number => args.indexOf(name);
const rounds = flag('--rounds') >= 0 ? Number(args[flag('--rounds') + 1]) : 5;
const real = flag('--real') >= 0;
const realDir = real && args[flag('--real') + 1] && !args[flag('--real') + 1]!.startsWith('--')
  ? args[flag('--real') + 1]!
  : join(process.cwd(), '..', 'shared', 'arxiv-samples');

const rand = seededRandom(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

// ---------------------------------------------------------------------------------------------
// Papers

function generatedPapers(): Paper[] {
  const syllables = ['ka', 'to', 'ri', 'mon', 'sel', 'va', 'tor', 'lin', 'qui', 'de', 'ran', 'sol', 'pe', 'ne', 'xa', 'bu', 'fe', 'gor'];
  const vocabulary = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(syllables)).join(''),
  );
  // Zipf-like: word k is drawn with probability ∝ 1/(k+1).
  const word = (): string => vocabulary[Math.floor(Math.exp(rand() * Math.log(vocabulary.length))) - 1]!;
  const sentence = (n: number): string => {
    let text = '';
    for (let i = 0; i < n; i++) text += (i === 0 ? '' : rand() < 0.05 ? '-' : rand() < 0.08 ? ', ' : ' ') + word();
    return `${text}.`;
  };
  const categories = [
    'cs.LG', 'cs.CV', 'cs.CL', 'cs.AI', 'cs.RO', 'cs.SI', 'cs.IR', 'cs.CR', 'stat.ML', 'math.GT', 'math.AT', 'math.PR',
    'math.OC', 'quant-ph', 'gr-qc', 'hep-th', 'hep-ph', 'astro-ph.EP', 'astro-ph.HE', 'astro-ph.CO', 'astro-ph.GA',
    'cond-mat.mtrl-sci', 'cond-mat.stat-mech', 'physics.comp-ph', 'physics.flu-dyn', 'eess.IV', 'q-bio.NC', 'econ.EM',
  ];
  const announceTypes = ['new', 'new', 'new', 'cross', 'replace', 'replace-cross'] as const;
  return Array.from({ length: PAPERS }, (_, i) => {
    // Skewed towards the first categories, as cs.* dominates a real day.
    const own = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => categories[Math.floor(rand() ** 2 * categories.length)]!))];
    return makePaper({
      id: `2501.${String(i).padStart(5, '0')}`,
      title: sentence(6 + Math.floor(rand() * 10)),
      abstract: Array.from({ length: 6 + Math.floor(rand() * 5) }, () => sentence(12 + Math.floor(rand() * 16))).join(' '),
      authors: Array.from({ length: 2 + Math.floor(rand() * 8) }, () => `${word()} ${word()}`),
      categories: own,
      primaryCategory: own[0]!,
      announceType: pick(announceTypes),
    });
  });
}

function realPapers(dir: string): Paper[] {
  const papers = new Map<string, Paper>();
  const xml = new XMLParser({ ignoreAttributes: true });
  const rss = xml.parse(readFileSync(join(dir, 'rss-new', 'all-archives_2024-11-28.xml'), 'utf8')) as {
    rss: { channel: { item: Array<Record<string, unknown>> } };
  };
  for (const item of rss.rss.channel.item) {
    const id = String(item['guid']).replace(/^oai:arXiv\.org:/, '').replace(/v\d+$/, '');
    const categories = ([] as unknown[]).concat(item['category'] ?? []).map(String);
    papers.set(id, makePaper({
      id,
      title: String(item['title']),
      abstract: String(item['description']).replace(/^.*?Abstract:\s*/s, ''),
      authors: String(item['dc:creator'] ?? '').split(/,\s*/),
      categories,
      primaryCategory: categories[0] ?? 'cs.LG',
      announceType: (String(item['arxiv:announce_type'] ?? 'new') as Paper['announceType']),
    }));
  }
  const jsonl = join(dir, 'derived-jsonl');
  for (const file of readdirSync(jsonl)) {
    for (const line of readFileSync(join(jsonl, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as { id: string; title: string; summary: string; authors: string[]; categories: string[] };
      papers.set(entry.id, makePaper({
        id: entry.id,
        title: entry.title,
        abstract: entry.summary,
        authors: entry.authors,
        categories: entry.categories,
        primaryCategory: entry.categories[0] ?? 'cs.LG',
      }));
    }
  }
  const all = [...papers.values()];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, PAPERS);
}

const papers = real ? realPapers(realDir) : generatedPapers();

// ---------------------------------------------------------------------------------------------
// Topics, from the corpus' own words

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
// Phrases as topics write them: two neighbouring words that are both keywords, not "of the".
const pairs: string[] = [];
for (const tokens of texts) {
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (isTopical(tokens[i]!) && isTopical(tokens[i + 1]!)) pairs.push(`${tokens[i]} ${tokens[i + 1]}`);
  }
}
const keyword = (): string => pick(topical);

function term(): string {
  const r = rand();
  if (r < 0.45) return keyword();
  if (r < 0.7) return `"${pick(pairs)}"`;
  if (r < 0.8) return `${keyword().slice(0, 4 + Math.floor(rand() * 3))}*`;
  if (r < 0.87) return `${pick(['ti:', 'abs:', 'au:'])}${keyword()}`;
  if (r < 0.92) return `${keyword()}-${keyword()}`;
  return `(${keyword()} OR ${keyword()})`;
}

function query(): string {
  const r = rand();
  if (r < 0.1) return '';
  if (r < 0.3) return pick(catalog).query;
  const alternatives = Array.from({ length: 3 + Math.floor(rand() * 13) }, term).join(' OR ');
  if (r < 0.45) return `(${alternatives}) ${keyword()}`;
  if (r < 0.55) return `${alternatives} -${keyword()}`;
  return alternatives;
}

const corpusCategories = [...new Set(papers.flatMap((p) => p.categories))];
const archives = [...new Set(corpusCategories.map((c) => c.split('.')[0]!))];
const topics: TopicFilter[] = Array.from({ length: TOPICS }, () => ({
  categories: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.15 ? pick(archives) : pick(corpusCategories))),
  query: query(),
  crossLists: rand() < 0.8,
  updates: rand() < 0.2,
}));

// ---------------------------------------------------------------------------------------------
// Timing

function time<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const best: Record<string, number> = {};
const note = (name: string, ms: number): void => {
  best[name] = Math.min(best[name] ?? Infinity, ms);
};
let hits = 0;
let gated = 0;

for (let round = 0; round < rounds; round++) {
  const index = time(() => papers.map((p) => indexPaper(p)));
  const indexed: IndexedPaper[] = index.value;
  note('index 2,000 papers (indexPaper)', index.ms);
  const compile = time(() => topics.map((t) => topicMatcher(t)));
  note('compile 1,000 topics (topicMatcher)', compile.ms);
  const matchers = compile.value;

  const topicMajor = time(() => {
    let n = 0;
    for (const match of matchers) {
      for (let i = 0; i < papers.length; i++) if (match(papers[i]!, indexed[i]!) !== null) n++;
    }
    return n;
  });
  note('match with topicMatcher, topic after topic', topicMajor.ms);
  hits = topicMajor.value;

  // rankTopics indexes each Paper object once; the first call here pays for it, later ones do not.
  if (round === 0) rankTopics(topics, papers);
  const batch = time(() => rankTopics(topics, papers));
  note('rankTopics, papers indexed (compile + match + sort)', batch.ms);
  if (batch.value.reduce((n, list) => n + list.length, 0) !== hits) throw new Error('rankTopics disagrees with topicMatcher');

  const fresh = papers.map((p) => ({ ...p }));
  const ranked = time(() => rankTopics(topics, fresh));
  note('rankTopics end to end (index + compile + match + sort)', ranked.ms);
}

const allowAll = topics.map((t) => topicMatcher({ ...t, query: '' }));
const indexed = papers.map((p) => indexPaper(p));
for (const allow of allowAll) for (let i = 0; i < papers.length; i++) if (allow(papers[i]!, indexed[i]!) !== null) gated++;

console.log(
  `${real ? 'real' : 'generated'} corpus: ${papers.length} papers, ${TOPICS} topics, ${topical.length} topical words; ` +
    `${((100 * gated) / (papers.length * TOPICS)).toFixed(1)} % of pairs pass the category/update filter, ` +
    `${hits} matches (${((100 * hits) / Math.max(1, gated)).toFixed(1)} % of those). Best of ${rounds} rounds:`,
);
for (const [name, ms] of Object.entries(best)) console.log(`  ${name.padEnd(58)} ${ms.toFixed(1).padStart(7)} ms`);
