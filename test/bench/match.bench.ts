/**
 * Topic matching at the target scale: 1,000 topics × 2,000 papers, timed end to end as a digest
 * runs it — every topic query parsed and compiled, every paper folded, tokenised and indexed
 * (fresh Paper objects each run, so no index is reused), every pair matched and scored, every
 * topic's list sorted.
 */
import { performance } from 'node:perf_hooks';
import type { Paper } from '../../src/papers/paper.js';
import { explainMatch, rankTopics, topicMatcher } from '../../src/topics/topic.js';
import type { TopicFilter } from '../../src/topics/topic.js';
import { seededRandom } from '../helpers/random.js';
import { stressPapers, stressTopics } from '../topics/corpus.js';
import { generatePapers, vocabulary } from './generate.js';
import { median, ms, ratio } from './stats.js';
import type { Bench, BenchContext, BenchRow } from './types.js';

const PAPERS = 2000;
const TOPICS = 1000;
const TARGET_MS = 200;
/** Papers a digest shows per topic, and so explains (the default cap). */
const SHOWN = 25;

/**
 * Topics as moderators write them, from the generator's vocabulary: 1–3 categories or an archive,
 * and a query of field words, quoted field terms, `stem*` prefixes, `ti:`/`au:` filters, OR-lists,
 * an excluded word; a tenth have no query (the whole category).
 */
export function realisticTopics(count: number, seed: number): TopicFilter[] {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const fields = Object.keys(vocabulary.fieldWords);
  const categories = vocabulary.categories;
  const archives = [...new Set(categories.map((c) => c.split('.')[0]!))];
  const plain = (word: string): string => word.replace(/[^\p{L}\p{N} -]/gu, '').trim();
  return Array.from({ length: count }, () => {
    const field = pick(fields);
    // Hyphenated compounds stay (`semi-supervised`); a prefix is cut from a word's leading letters.
    const words = vocabulary.fieldWords[field]!.map(plain).filter(
      (w) => /^[a-z][a-z0-9-]*[a-z0-9]$/.test(w) && w.length >= 3,
    );
    const terms = vocabulary.fieldTerms[field]!.map(plain).filter((t) => t.includes(' '));
    const term = (): string => {
      const r = rand();
      if (r < 0.4) return pick(words);
      if (r < 0.7) return `"${pick(terms)}"`;
      if (r < 0.8) {
        const word = /^[a-z]+/.exec(pick(words))![0].padEnd(3, 'x');
        return `${word.slice(0, Math.max(3, Math.min(word.length - 1, 4 + Math.floor(rand() * 3))))}*`;
      }
      if (r < 0.88) return `ti:${pick(words)}`;
      if (r < 0.92) return `au:${pick(vocabulary.lastNames).toLowerCase()}`;
      return `(${pick(words)} OR "${pick(terms)}")`;
    };
    const r = rand();
    const alternatives = Array.from({ length: 2 + Math.floor(rand() * 8) }, term).join(' OR ');
    const query =
      r < 0.1
        ? ''
        : r < 0.3
          ? `(${alternatives}) ${pick(words)}`
          : r < 0.4
            ? `${alternatives} -${pick(words)}`
            : alternatives;
    return {
      categories: Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
        rand() < 0.15 ? pick(archives) : pick(categories),
      ),
      query,
      crossLists: rand() < 0.8,
      updates: rand() < 0.2,
    };
  });
}

/** Index, compile, match and sort, as the planner does; returns the matches found. */
function endToEnd(topics: readonly TopicFilter[], papers: readonly Paper[]): number {
  const fresh = papers.map((p) => ({ ...p }));
  return rankTopics(topics, fresh).reduce((n, list) => n + list.length, 0);
}

/** The straightforward way: one matcher per topic, each asked about every paper. */
function topicByTopic(topics: readonly TopicFilter[], papers: readonly Paper[]): number {
  const fresh = papers.map((p) => ({ ...p }));
  let n = 0;
  for (const topic of topics) {
    const match = topicMatcher(topic);
    for (const paper of fresh) if (match(paper) !== null) n++;
  }
  return n;
}

/**
 * What a digest explains once it has matched: why each topic's first `SHOWN` papers matched it,
 * from the compiled queries and paper indexes the matching left behind. Returns the explanations made.
 */
function explainShown(topics: readonly TopicFilter[], ranked: ReadonlyArray<ReadonlyArray<{ paper: Paper }>>): number {
  let n = 0;
  topics.forEach((topic, t) => {
    for (const { paper } of ranked[t]!.slice(0, SHOWN)) {
      if (explainMatch(topic, paper) === null) throw new Error(`a ranked paper does not match: ${paper.id}`);
      n++;
    }
  });
  return n;
}

/** Wall and CPU milliseconds: on a shared machine the CPU time shows what the wall time hides. */
function timed(run: () => number): { ms: number; cpuMs: number; value: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

/** The rows are measured synchronously; what the measuring throws rejects the bench's promise. */
export const bench: Bench = (ctx) => new Promise((resolve) => resolve(measure(ctx)));

function measure(ctx: BenchContext): BenchRow[] {
  const rows: BenchRow[] = [];
  const corpora: Array<[string, Paper[], TopicFilter[]]> = [];
  const realistic = generatePapers(PAPERS, ctx.seed);
  corpora.push(['generated papers, realistic topics', realistic, realisticTopics(TOPICS, ctx.seed + 1)]);
  const stress = stressPapers(PAPERS, ctx.seed + 2);
  corpora.push(['stress corpus (Zipf words, 3–15-term OR-lists)', stress, stressTopics(stress, TOPICS, ctx.seed + 3)]);
  for (const [name, papers, topics] of corpora) {
    endToEnd(topics, papers);
    const batch: number[] = [];
    const naive: number[] = [];
    const cpu: number[] = [];
    let matches = 0;
    // Compiled queries are cached by their text: every run gets query texts it has not seen (trailing
    // spaces, which change nothing else), so each run parses and compiles all 1,000 again.
    const unseen = (n: number): TopicFilter[] => topics.map((t) => ({ ...t, query: t.query + ' '.repeat(n) }));
    for (let run = 0; run < ctx.runs; run++) {
      const forBatch = unseen(2 * run + 1);
      const forEach = unseen(2 * run + 2);
      const a = timed(() => endToEnd(forBatch, papers));
      const b = timed(() => topicByTopic(forEach, papers));
      if (a.value !== b.value) throw new Error(`rankTopics found ${a.value} matches, topic-by-topic ${b.value}`);
      batch.push(a.ms);
      cpu.push(a.cpuMs);
      naive.push(b.ms);
      matches = a.value;
    }
    const m = median(batch);
    ctx.log(`matching, ${name}: ${ms(m)} (${matches} matches); topic by topic ${ms(median(naive))}`);
    // Explaining reuses the matching's compiled queries and indexes: match once, then explain each run.
    const shown = unseen(0);
    const fresh = papers.map((p) => ({ ...p }));
    const ranked = rankTopics(shown, fresh);
    const explaining: number[] = [];
    const explainingCpu: number[] = [];
    let explained = 0;
    for (let run = 0; run < ctx.runs; run++) {
      const e = timed(() => explainShown(shown, ranked));
      explaining.push(e.ms);
      explainingCpu.push(e.cpuMs);
      explained = e.value;
    }
    const x = median(explaining);
    ctx.log(`explaining, ${name}: ${ms(x)} (${explained} papers shown)`);
    rows.push({
      area: 'matching',
      what: `${TOPICS.toLocaleString('en-US')} topics × ${PAPERS.toLocaleString('en-US')} papers, ${name}`,
      target: `≤ ${TARGET_MS} ms, compile included`,
      measured: ms(m),
      ratio: ratio(m / median(naive), 'topic by topic'),
      pass: m <= TARGET_MS,
      notes: `median of ${ctx.runs} (CPU ${ms(median(cpu))}); includes parsing and compiling every query and folding, tokenising and indexing every paper; ${matches} matches`,
    });
    rows.push({
      area: 'matching',
      what: `why each shown paper matched: the first ${SHOWN} of each topic, ${name}`,
      target: '',
      measured: ms(x),
      ratio: ratio(x / m, 'matching'),
      pass: null,
      notes: `median of ${ctx.runs} (CPU ${ms(median(explainingCpu))}); ${explained} papers explained, ${((x * 1000) / Math.max(1, explained)).toFixed(1)} µs each, after matching (its compiled queries and indexes reused)`,
    });
  }
  return rows;
}
