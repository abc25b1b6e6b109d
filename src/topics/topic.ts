/**
 * A topic as a filter: its categories, cross-list and update rules, then its query.
 */
import type { Paper } from '../papers/paper.js';
import type { Topic } from '../store/types.js';
import { categoryId, categoryKeyIds, compileQuery, indexPaper, mayMatch } from './match.js';
import type { CompiledQuery, IndexedPaper } from './match.js';
import { parseQuery } from './query.js';

export { indexPaper } from './match.js';
export type { IndexedPaper, PaperText } from './match.js';

/** The parts of a topic that decide which papers it wants. */
export type TopicFilter = Pick<Topic, 'categories' | 'query' | 'crossLists' | 'updates'>;

/** Score of a paper for a topic (≥ 0), or null when the topic does not want it. */
export type TopicMatcher = (paper: Paper, indexed?: IndexedPaper) => number | null;

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

/**
 * A topic's categories as a bitmap over category ids. Papers carry the ids of their categories
 * and of their archives, so an archive matches by its own id.
 */
class CategoryGate {
  private readonly any: boolean;
  /** 1 at the id of each wanted category or archive. */
  private readonly wanted: number[];

  constructor(categories: readonly string[]) {
    this.any = categories.length === 0;
    const ids = categories.map((c) => categoryId(c.toLowerCase()));
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
    this.query = topic.query.trim() === '' ? null : compileQuery(parseQuery(topic.query));
  }

  /** Whether announce type and categories let the paper through. */
  admits(paper: Paper, indexed: IndexedPaper): boolean {
    if (!this.updates && (paper.announceType === 'replace' || paper.announceType === 'replace-cross')) return false;
    if (this.crossLists) return this.gate.covers(indexed.categoryIds);
    if (indexed.primaryCategory === paper.primaryCategory) return this.gate.covers(indexed.primaryIds);
    return this.gate.covers(categoryKeyIds([paper.primaryCategory]));
  }

  /** The score of a paper the topic admits, or null when its query does not match. */
  rate(indexed: IndexedPaper): number | null {
    const query = this.query;
    if (query === null) return 0;
    if (!mayMatch(query.prefilter, indexed)) return null;
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

/** The papers a topic wants, most relevant first (ties by id). */
export function rankPapers(topic: TopicFilter, papers: readonly Paper[]): RankedPaper[] {
  return rankTopics([topic], papers)[0]!;
}

/**
 * `rankPapers` for many topics at once, one list per topic, in the order of `topics`. Built for
 * hundreds of topics over thousands of papers: every paper is indexed once, papers are the outer
 * loop so that a paper's index stays in the processor's cache while the topics look at it, and a
 * paper only meets the topics its categories admit (worked out once per distinct set of
 * categories).
 * @throws QueryParseError when a topic's query does not parse.
 */
export function rankTopics(topics: readonly TopicFilter[], papers: readonly Paper[]): RankedPaper[][] {
  const compiled = topics.map((topic) => new CompiledTopic(topic));
  const indexed = papers.map(indexPaperOnce);
  const ranked: RankedPaper[][] = topics.map(() => []);
  // Topics whose categories admit a category set, by set id: cross-listing topics by the paper's
  // whole set, the others by the set of its primary category.
  const bySet = new Map<number, number[]>();
  const byPrimarySet = new Map<number, number[]>();
  const candidates = (sets: Map<number, number[]>, setId: number, ids: readonly number[], crossLists: boolean): number[] => {
    let list = sets.get(setId);
    if (list === undefined) {
      list = [];
      for (let t = 0; t < compiled.length; t++) {
        const topic = compiled[t]!;
        if (topic.crossLists === crossLists && topic.gate.covers(ids)) list.push(t);
      }
      sets.set(setId, list);
    }
    return list;
  };
  papers.forEach((paper, i) => {
    const index = indexed[i]!;
    const update = paper.announceType === 'replace' || paper.announceType === 'replace-cross';
    const primaryKnown = index.primaryCategory === paper.primaryCategory;
    const lists = [
      candidates(bySet, index.categorySetId, index.categoryIds, true),
      primaryKnown ? candidates(byPrimarySet, index.primarySetId, index.primaryIds, false) : null,
    ];
    for (const list of lists) {
      for (const t of list ?? []) {
        const topic = compiled[t]!;
        if (update && !topic.updates) continue;
        const score = topic.rate(index);
        if (score !== null) ranked[t]!.push({ paper, score });
      }
    }
    if (!primaryKnown) {
      // An index built without this primary category: ask each primary-only topic directly.
      compiled.forEach((topic, t) => {
        if (topic.crossLists || !topic.admits(paper, index)) return;
        const score = topic.rate(index);
        if (score !== null) ranked[t]!.push({ paper, score });
      });
    }
  });
  for (const list of ranked) list.sort(byRelevance);
  return ranked;
}

function byRelevance(a: RankedPaper, b: RankedPaper): number {
  return b.score - a.score || (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0);
}
