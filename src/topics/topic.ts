/**
 * A topic as a filter: its categories, cross-list and update rules, then its query.
 */
import type { Paper } from '../papers/paper.js';
import type { Topic } from '../store/types.js';
import { addPaper, BloomColumns, forEachPaper } from './batch.js';
import type { PaperSet } from './batch.js';
import { compileQuery, mayMatch } from './match.js';
import type { CompiledQuery, MatchedTerm } from './match.js';
import { categoryId, categoryKeyIds, indexPaper } from './paper-index.js';
import type { IndexedPaper } from './paper-index.js';
import { parseQuerySpelled } from './query.js';

/** A topic's slug: 2–32 of a–z, 0–9 and -, not starting with -. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/;

export { indexPaper } from './paper-index.js';
export type { IndexedPaper, PaperText } from './paper-index.js';
export type { MatchedTerm } from './match.js';

/** The parts of a topic that decide which papers it wants. */
export type TopicFilter = Pick<Topic, 'categories' | 'query' | 'crossLists' | 'updates'>;

/** Score of a paper for a topic (≥ 0), or null when the topic does not want it. */
export type TopicMatcher = (paper: Paper, indexed?: IndexedPaper) => number | null;

/** Why a topic (or any filter of the same kind) wants a paper. */
export interface MatchExplanation {
  /** The query's terms that make it match (`CompiledQuery.explain`); empty without a query. */
  readonly terms: readonly MatchedTerm[];
  /** Without a query: the filter's categories, as it spells them, that let the paper in. */
  readonly categories: readonly string[];
}

export interface RankedPaper {
  paper: Paper;
  score: number;
}

const indexCache = new WeakMap<Paper, IndexedPaper>();

/** `indexPaper`, remembered per Paper object (papers are not mutated once built). */
export function indexPaperOnce(paper: Paper): IndexedPaper {
  let indexed = indexCache.get(paper);
  if (indexed === undefined) {
    indexed = indexPaper(paper);
    indexCache.set(paper, indexed);
  }
  return indexed;
}

/** Compiled queries by query text; compiled queries hold no per-run state, so topics share them. */
const compiledQueries = new Map<string, CompiledQuery>();
/** Enough for every topic of a large deployment; past it the oldest entry makes room. */
const COMPILED_QUERIES_KEPT = 10_000;

/**
 * `compileQuery` of the parsed text, remembered per query text: a digest checks each topic's query
 * and then ranks with it, and many channels share topics.
 * @throws QueryParseError when the query does not parse.
 */
function compiledQuery(text: string): CompiledQuery {
  let query = compiledQueries.get(text);
  if (query === undefined) {
    const { ast, spelling } = parseQuerySpelled(text);
    query = compileQuery(ast, spelling);
    if (compiledQueries.size >= COMPILED_QUERIES_KEPT) compiledQueries.delete(compiledQueries.keys().next().value!);
    compiledQueries.set(text, query);
  }
  return query;
}

/**
 * A topic's categories as a bitmap over category ids. Papers carry the ids of their categories
 * and of their archives, so an archive matches by its own id.
 */
class CategoryGate {
  readonly any: boolean;
  /** Ids of the wanted categories and archives. */
  readonly ids: readonly number[];
  /** 1 at the id of each wanted category or archive. */
  private readonly wanted: number[];

  constructor(categories: readonly string[]) {
    this.any = categories.length === 0;
    const ids = [...new Set(categories.map((c) => categoryId(c.toLowerCase())))];
    this.ids = ids;
    this.wanted = new Array<number>(Math.max(0, ...ids) + 1).fill(0);
    for (const id of ids) this.wanted[id] = 1;
  }

  covers(ids: readonly number[]): boolean {
    if (this.any) return true;
    const wanted = this.wanted;
    for (const id of ids) {
      // Ids past the bitmap belong to categories first seen after this topic was compiled.
      if (id < wanted.length && wanted[id] === 1) return true;
    }
    return false;
  }
}

/** A topic ready to filter papers. */
class CompiledTopic {
  readonly gate: CategoryGate;
  readonly crossLists: boolean;
  readonly updates: boolean;
  /** Null for an empty query: every paper the categories allow. */
  readonly query: CompiledQuery | null;

  constructor(topic: TopicFilter) {
    this.gate = new CategoryGate(topic.categories);
    this.crossLists = topic.crossLists;
    this.updates = topic.updates;
    this.query = topic.query.trim() === '' ? null : compiledQuery(topic.query);
  }

  /** Whether announce type and categories let the paper through. */
  admits(paper: Paper, indexed: IndexedPaper): boolean {
    if (!this.updates && (paper.announceType === 'replace' || paper.announceType === 'replace-cross')) return false;
    return this.gate.covers(this.categoryIds(paper, indexed));
  }

  /** The ids of the categories (and archives) of the paper that the topic looks at. */
  categoryIds(paper: Paper, indexed: IndexedPaper): readonly number[] {
    if (this.crossLists) return indexed.categoryIds;
    if (indexed.primaryCategory === paper.primaryCategory) return indexed.primaryIds;
    return categoryKeyIds([paper.primaryCategory]);
  }

  /** The score of a paper the topic admits, or null when its query does not match. */
  rate(indexed: IndexedPaper): number | null {
    const query = this.query;
    if (query === null) return 0;
    if (!mayMatch(query.prefilter, indexed)) return null;
    const score = query.evaluate(indexed);
    return score < 0 ? null : score;
  }

  /** `rate` for a paper already past the query's prefilter. */
  ratePassed(indexed: IndexedPaper): number | null {
    const query = this.query;
    if (query === null) return 0;
    const score = query.evaluate(indexed);
    return score < 0 ? null : score;
  }
}

/**
 * Compile a topic into a matcher. Categories first: an archive (`cs`) covers its subject
 * classes, a subject class (`cs.LG`) only itself, case-insensitively; an empty list allows any.
 * Without `crossLists` only the primary category counts; without `updates` replacement
 * announcements are left out. Then the query, where an empty one takes every paper (score 0).
 * @throws QueryParseError when the topic's query does not parse.
 */
export function topicMatcher(topic: TopicFilter): TopicMatcher {
  const compiled = new CompiledTopic(topic);
  return (paper, indexed = indexPaperOnce(paper)) => (compiled.admits(paper, indexed) ? compiled.rate(indexed) : null);
}

/**
 * Why a topic wants a paper, or null when it does not. Meant for the papers a digest shows: the
 * query is the one `rankTopics` compiled and the paper's index the one it built (both are
 * remembered), walked once more for this paper.
 * @throws QueryParseError when the topic's query does not parse.
 */
export function explainMatch(topic: TopicFilter, paper: Paper): MatchExplanation | null {
  const compiled = new CompiledTopic(topic);
  const indexed = indexPaperOnce(paper);
  if (!compiled.admits(paper, indexed)) return null;
  if (compiled.query === null) {
    const ids = compiled.categoryIds(paper, indexed);
    const categories = topic.categories.filter((category) => ids.includes(categoryId(category.toLowerCase())));
    return { terms: [], categories };
  }
  const terms = compiled.query.explain(indexed, paper.authors);
  return terms === null ? null : { terms, categories: [] };
}

/** The papers a topic wants, most relevant first (ties by id). */
export function rankPapers(topic: TopicFilter, papers: readonly Paper[]): RankedPaper[] {
  return rankTopics([topic], papers)[0]!;
}

/**
 * From this many topics on, `rankTopics` holds the batch as sets; below it each topic looks at each
 * paper. Building the sets costs about what 200 topics cost one paper at a time (2,000 papers: 25–30 ms
 * either way), and a guild's run ranks a handful of topics.
 */
export const BATCH_MIN_TOPICS = 200;

/**
 * `rankPapers` for many topics at once, one list per topic, in the order of `topics`. Built for
 * hundreds of topics over thousands of papers: every paper is indexed once, and the batch is held
 * as sets of papers (by category, by primary category, updates, Bloom filter bit), so that each
 * topic narrows the batch to its candidates with word-wide set operations before any paper is
 * looked at one by one; candidates are then scored paper by paper. Fewer than
 * {@link BATCH_MIN_TOPICS} topics check each paper directly, with the same result.
 * @throws QueryParseError when a topic's query does not parse.
 */
export function rankTopics(topics: readonly TopicFilter[], papers: readonly Paper[]): RankedPaper[][] {
  const compiled = topics.map((topic) => new CompiledTopic(topic));
  const indexed = papers.map(indexPaperOnce);
  if (compiled.length < BATCH_MIN_TOPICS) {
    return compiled.map((topic) => {
      const list: RankedPaper[] = [];
      papers.forEach((paper, i) => {
        const index = indexed[i]!;
        if (!topic.admits(paper, index)) return;
        const score = topic.rate(index);
        if (score !== null) list.push({ paper, score });
      });
      return list.sort(byRelevance);
    });
  }
  const sets = new BatchSets(papers, indexed);
  const words = sets.columns.words;
  // Each topic's candidates as one set (set operations only), then papers in the outer loop, so
  // that a paper's index stays in the processor's cache while its candidate topics look at it.
  const candidates = new Uint32Array(compiled.length * words);
  const scratch = new Uint32Array(words);
  const perPaper = new Int32Array(papers.length + 1);
  compiled.forEach((topic, t) => {
    const set = candidates.subarray(t * words, (t + 1) * words);
    sets.admitted(topic, set);
    sets.columns.narrow(set, topic.query?.prefilter ?? null, scratch);
    forEachPaper(set, (i) => perPaper[i + 1]!++);
  });
  sets.columns.release();
  for (let i = 0; i < papers.length; i++) perPaper[i + 1]! += perPaper[i]!;
  // Candidate topics of paper i: topicsOf[perPaper[i], perPaper[i + 1]), ascending.
  const topicsOf = new Int32Array(perPaper[papers.length]!);
  const filled = perPaper.slice(0, papers.length);
  compiled.forEach((_, t) =>
    forEachPaper(candidates.subarray(t * words, (t + 1) * words), (i) => (topicsOf[filled[i]!++] = t)),
  );
  const ranked: RankedPaper[][] = topics.map(() => []);
  papers.forEach((paper, i) => {
    const index = indexed[i]!;
    for (let k = perPaper[i]!; k < perPaper[i + 1]!; k++) {
      const t = topicsOf[k]!;
      const score = compiled[t]!.ratePassed(index);
      if (score !== null) ranked[t]!.push({ paper, score });
    }
  });
  for (const list of ranked) list.sort(byRelevance);
  return ranked;
}

/** A batch of papers as sets: by category id, by primary category id, updates, Bloom bits. */
class BatchSets {
  readonly columns: BloomColumns;
  private readonly all: PaperSet;
  private readonly updates: PaperSet;
  private readonly byCategory = new Map<number, PaperSet>();
  private readonly byPrimary = new Map<number, PaperSet>();
  /** Papers indexed without their current primary category: primary-only topics ask them directly. */
  private readonly unsure: number[] = [];

  constructor(
    private readonly papers: readonly Paper[],
    private readonly indexed: readonly IndexedPaper[],
  ) {
    this.columns = new BloomColumns(indexed);
    const words = this.columns.words;
    this.all = new Uint32Array(words);
    this.updates = new Uint32Array(words);
    const member = (sets: Map<number, PaperSet>, id: number, i: number): void => {
      let set = sets.get(id);
      if (set === undefined) {
        set = new Uint32Array(words);
        sets.set(id, set);
      }
      addPaper(set, i);
    };
    papers.forEach((paper, i) => {
      const index = indexed[i]!;
      addPaper(this.all, i);
      if (paper.announceType === 'replace' || paper.announceType === 'replace-cross') addPaper(this.updates, i);
      for (const id of index.categoryIds) member(this.byCategory, id, i);
      if (index.primaryCategory === paper.primaryCategory)
        for (const id of index.primaryIds) member(this.byPrimary, id, i);
      else this.unsure.push(i);
    });
  }

  /** Write into `set` the papers the topic's announce type and category rules admit. */
  admitted(topic: CompiledTopic, set: PaperSet): void {
    if (topic.gate.any) set.set(this.all);
    else {
      set.fill(0);
      const sets = topic.crossLists ? this.byCategory : this.byPrimary;
      for (const id of topic.gate.ids) {
        const members = sets.get(id);
        if (members !== undefined) for (let j = 0; j < set.length; j++) set[j]! |= members[j]!;
      }
      if (!topic.crossLists) {
        for (const i of this.unsure) if (topic.admits(this.papers[i]!, this.indexed[i]!)) addPaper(set, i);
      }
    }
    if (!topic.updates) for (let j = 0; j < set.length; j++) set[j]! &= ~this.updates[j]!;
  }
}

function byRelevance(a: RankedPaper, b: RankedPaper): number {
  return b.score - a.score || (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0);
}
