/**
 * A member's `/paper search`: what they may ask (validated options, a per-member rate), the page
 * they asked for, and the saved search behind the Previous/Next buttons and the select, which
 * only its owner (or anyone, for public results) in the same server can use.
 */
import type { Defaults } from '../../config/defaults.js';
import { UserError } from '../errors.js';
import { codeSpan } from '../format.js';
import { findTopic } from '../guilds/topics.js';
import { parseArxivId } from '../papers/ids.js';
import type { Paper } from '../papers/paper.js';
import { readDateOption } from '../schedule/calendar.js';
import { SearchQueryError, type Store, type Topic } from '../store/types.js';
import { QueryParseError } from '../topics/query.js';
import { MemberBudget } from './rate-limit.js';
import {
  SavedSearches,
  searchParamsSchema,
  searchScopes,
  type SaveSearchInput,
  type SavedSearch,
  type SearchParams,
} from './saved.js';
import { searchPapers, type SearchPageResult } from './service.js';

/** What a forged, expired, foreign or unknown search id gets: nothing about it is revealed. */
export const expiredSearch = (): UserError => UserError.of('paper.searchExpired');

export interface MemberSearchDeps {
  store: Pick<Store, 'state' | 'archive' | 'delivery'>;
  defaults: Pick<Defaults, 'search'>;
  now(): Date;
}

/** The search options as typed; null when not given. */
export interface SearchOptions {
  query: string;
  author: string | null;
  topic: string | null;
  since: string | null;
  scope: string | null;
  hasCode: boolean | null;
}

/** Validate a member's search options. @throws UserError saying what to fix. */
export function searchParams(options: SearchOptions): SearchParams {
  const query = options.query.trim();
  if (query === '') throw UserError.of('paper.emptyQuery');
  const author = options.author?.trim();
  const topic = options.topic?.trim();
  const since = readDateOption(options.since, 'since');
  const scope = options.scope ?? 'digests';
  if (!(searchScopes as readonly string[]).includes(scope)) throw UserError.of('paper.badScope');
  const raw = {
    query,
    scope,
    ...(author ? { author } : {}),
    ...(topic ? { topic } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(options.hasCode === true ? { hasCode: true } : {}),
  };
  const parsed = searchParamsSchema.safeParse(raw);
  if (!parsed.success) throw UserError.of('paper.searchTooLong');
  return parsed.data;
}

const searchBudget = new MemberBudget<MemberSearchDeps>((deps) => deps.defaults.search.perUserPerMinute, 60_000);

/** Count one search (a page turn included) for the member, or refuse with how long to wait. */
export function takeSearch(deps: MemberSearchDeps, userId: string): void {
  const verdict = searchBudget.take(deps, userId, deps.now().getTime());
  if (!verdict.ok) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw UserError.of('paper.searchTooFast', { seconds });
  }
}

/**
 * The guild's topic a search names, or null. `saved` says whether the search was saved earlier:
 * its topic may have been removed since, which reads differently from naming an unknown topic.
 * @throws UserError for an unknown or removed topic.
 */
export async function searchTopic(
  deps: MemberSearchDeps,
  guildId: string,
  params: SearchParams,
  saved = false,
): Promise<Topic | null> {
  if (params.topic === undefined) return null;
  const state = await deps.store.state.getGuild(guildId);
  if (!saved) return findTopic(state, params.topic);
  const topic = state.topics.find((t) => t.slug === params.topic);
  if (!topic) throw UserError.of('paper.searchTopicRemoved', { topic: codeSpan(params.topic) });
  return topic;
}

/**
 * One page of a search in a guild, restricted to `topic` when there is one.
 * @throws UserError for text with nothing searchable in it, or a topic query that no longer parses.
 */
export async function searchPage(
  deps: MemberSearchDeps,
  guildId: string,
  params: SearchParams,
  topic: Topic | null,
  page: number,
): Promise<SearchPageResult> {
  try {
    const pageSize = deps.defaults.search.pageSize;
    return await searchPapers(deps.store, { guildId, params, topic, page, pageSize });
  } catch (error) {
    if (error instanceof SearchQueryError) throw error.refusal;
    if (error instanceof QueryParseError) {
      throw UserError.of('paper.searchTopicBroken', { topic: codeSpan(topic?.slug ?? '') });
    }
    throw error;
  }
}

/** Save a search for its buttons; returns the key they carry. */
export function saveSearch(deps: MemberSearchDeps, input: SaveSearchInput): Promise<string> {
  return new SavedSearches(deps.store.state, () => deps.now()).save(input);
}

/**
 * A saved search a member clicked in a guild, and whether it is theirs. Someone else's private
 * search (they could not have clicked it: the id is forged), another guild's, an unknown or an
 * expired one all read as expired. @throws UserError {@link expiredSearch}.
 */
export async function loadSearch(
  deps: MemberSearchDeps,
  key: string,
  guildId: string,
  userId: string,
): Promise<{ saved: SavedSearch; own: boolean }> {
  const saved = await new SavedSearches(deps.store.state, () => deps.now()).load(key);
  if (saved === null || saved.guildId !== guildId) throw expiredSearch();
  const own = saved.userId === userId;
  if (!own && !saved.public) throw expiredSearch();
  return { saved, own };
}

/** The paper a member picked from a saved search's results. @throws UserError when it is gone. */
export async function openResult(
  deps: MemberSearchDeps,
  key: string,
  guildId: string,
  userId: string,
  value: string,
): Promise<Paper> {
  await loadSearch(deps, key, guildId, userId);
  const id = parseArxivId(value);
  if (id === null) throw expiredSearch();
  const paper = await deps.store.archive.get(id.id);
  if (paper === null) throw UserError.of('paper.resultGone', { id: id.id });
  return paper;
}
