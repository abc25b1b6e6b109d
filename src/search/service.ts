import type { Paper } from '../papers/paper.js';
import type { SearchFilters, Store } from '../store/types.js';
import { topicMatcher, type TopicFilter } from '../topics/topic.js';
import type { SearchParams } from './saved.js';

/**
 * With a topic, the best-ranked text matches up to this many are checked against the topic's
 * matcher and paged in memory: the topic language (categories, cross-lists, its own query) has
 * no full-text equivalent, and the first few hundred hits are what anyone pages through.
 */
export const TOPIC_SCAN_LIMIT = 500;

export interface SearchPageResult {
  papers: Paper[];
  /** Matching papers (with a topic: among the first {@link TOPIC_SCAN_LIMIT} text matches). */
  total: number;
  /** Zero-based page actually shown: a page past the end shows the last one. */
  page: number;
  pages: number;
  pageSize: number;
  /** With a topic, more text matches existed than were checked against it. */
  truncated: boolean;
}

export interface SearchRequest {
  guildId: string;
  params: SearchParams;
  /** The guild's topic named by `params.topic`, resolved by the caller. */
  topic: TopicFilter | null;
  page: number;
  pageSize: number;
}

/**
 * One page of a member's search: ranked full-text matches, restricted to the papers posted in
 * the guild (scope `digests`) or not (scope `all`), then to the topic when one is given.
 * @throws SearchQueryError for text with nothing searchable in it.
 * @throws QueryParseError when the topic's own query no longer parses.
 */
export async function searchPapers(
  store: Pick<Store, 'archive' | 'delivery'>,
  request: SearchRequest,
): Promise<SearchPageResult> {
  const { params, pageSize } = request;
  const filters: SearchFilters = {};
  if (params.author !== undefined) filters.author = params.author;
  if (params.since !== undefined) filters.since = params.since;
  if (params.hasCode === true) filters.hasCode = true;
  if (params.scope === 'digests') filters.ids = await store.delivery.postedInGuild(request.guildId);

  if (request.topic !== null) {
    const match = topicMatcher(request.topic);
    const { hits, total } = await store.archive.search(params.query, filters, { offset: 0, limit: TOPIC_SCAN_LIMIT });
    const wanted = hits.map((h) => h.paper).filter((paper) => match(paper) !== null);
    const pages = Math.max(1, Math.ceil(wanted.length / pageSize));
    const page = clampPage(request.page, pages);
    return {
      papers: wanted.slice(page * pageSize, (page + 1) * pageSize),
      total: wanted.length,
      page,
      pages,
      pageSize,
      truncated: total > hits.length,
    };
  }

  let page = Math.max(0, request.page);
  let result = await store.archive.search(params.query, filters, { offset: page * pageSize, limit: pageSize });
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  if (result.hits.length === 0 && result.total > 0) {
    // Fewer results than when the page was shown (papers are never removed, but ids may be): show the last page.
    page = pages - 1;
    result = await store.archive.search(params.query, filters, { offset: page * pageSize, limit: pageSize });
  }
  return { papers: result.hits.map((h) => h.paper), total: result.total, page, pages, pageSize, truncated: false };
}

function clampPage(page: number, pages: number): number {
  return Math.min(Math.max(0, page), pages - 1);
}
