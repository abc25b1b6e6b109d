/**
 * A member's follows: what one may be, and which papers it matches. A follow is an author, a topic query
 * and/or categories; all that it names must hold (an author's papers in these categories, say). Authors match
 * robustly: case and accents do not matter, and initials stand for given names (`Y. LeCun` ~ `Yann LeCun`).
 */
import { ComposedUserError, UserError } from '../errors.js';
import { DEFAULT_LOCALE, t, translator, type Translate } from '../i18n/index.js';
import type { Paper } from '../papers/paper.js';
import type { Follow } from '../store/types.js';
import { authorMatches, splitAuthorName, surnameReadings, wantedSurname, type AuthorName } from '../topics/author.js';
import { normaliseCategory } from '../topics/category.js';
import { MAX_QUERY_LENGTH, QueryParseError, parseQuery } from '../topics/query.js';
import { explainMatch, topicMatcher, type MatchExplanation, type TopicMatcher } from '../topics/topic.js';
import { tokenizeText } from '../topics/text.js';

/** Follows one member may keep. */
export const MAX_FOLLOWS = 20;
/** Longest author name accepted. */
export const MAX_AUTHOR_LENGTH = 100;
/** Most categories one follow may name. */
export const MAX_FOLLOW_CATEGORIES = 10;

export interface FollowInput {
  author?: string | null | undefined;
  query?: string | null | undefined;
  categories?: string | null | undefined;
}

/** Check and normalise what a member asked to follow; a UserError saying what is wrong otherwise. */
export function checkFollowInput(input: FollowInput): Pick<Follow, 'author' | 'query' | 'categories'> {
  const author = input.author?.trim() ?? '';
  const query = input.query?.trim() ?? '';
  const rawCategories = input.categories?.trim() ?? '';
  if (!author && !query && !rawCategories) {
    throw UserError.of('follow.nothingToFollow');
  }
  if (author) {
    if (author.length > MAX_AUTHOR_LENGTH) throw UserError.of('follow.authorTooLong', { max: MAX_AUTHOR_LENGTH });
    if (splitAuthorName(author).surname.length === 0) throw UserError.of('follow.authorNoName', { author });
  }
  if (query) {
    if (query.length > MAX_QUERY_LENGTH) throw UserError.of('follow.queryTooLong', { max: MAX_QUERY_LENGTH });
    try {
      parseQuery(query);
    } catch (error) {
      if (error instanceof QueryParseError) {
        const { position, excerpt } = error;
        throw new ComposedUserError((locale) =>
          t(locale, 'follow.queryParse', { reason: error.reasonIn(locale), column: position + 1, excerpt }),
        );
      }
      throw error;
    }
  }
  const categories: string[] = [];
  if (rawCategories) {
    const words = rawCategories.split(/[\s,]+/).filter(Boolean);
    const unknown: string[] = [];
    for (const word of words) {
      const category = normaliseCategory(word);
      if (category === null) unknown.push(word);
      else if (!categories.includes(category)) categories.push(category);
    }
    if (unknown.length > 0)
      throw UserError.of('follow.notCategories', { list: unknown.map((u) => `\`${u}\``).join(', ') });
    if (categories.length > MAX_FOLLOW_CATEGORIES)
      throw UserError.of('follow.tooManyCategories', { max: MAX_FOLLOW_CATEGORIES });
  }
  return { author: author || null, query: query || null, categories };
}

/** The same follow (what it matches), whatever its id and when it was made. */
export function sameFollow(a: Pick<Follow, 'author' | 'query' | 'categories'>, b: typeof a): boolean {
  const key = (f: typeof a) =>
    JSON.stringify([f.author ? tokenizeText(f.author).tokens : null, f.query, [...f.categories].sort()]);
  return key(a) === key(b);
}

/** The next free follow id of a member: `f1`, `f2`, … (never reused while the follow exists). */
export function nextFollowId(follows: readonly Follow[]): string {
  const used = new Set(follows.map((f) => f.id));
  for (let n = 1; ; n++) if (!used.has(`f${n}`)) return `f${n}`;
}

/** A follow in a few words: `author Yann LeCun · "self-supervised" · in cs.LG, stat.ML` (in English by default). */
export function describeFollow(
  follow: Pick<Follow, 'author' | 'query' | 'categories'>,
  t: Translate = translator(DEFAULT_LOCALE),
): string {
  const parts: string[] = [];
  if (follow.author) parts.push(t('follow.describeAuthor', { author: follow.author }));
  if (follow.query) parts.push(follow.query);
  if (follow.categories.length > 0)
    parts.push(t('follow.describeCategories', { categories: follow.categories.join(t('follow.listSeparator')) }));
  return parts.join(t('follow.describeSeparator'));
}

/**
 * Each paper's authors split once, whichever members' follows look at them, and found by every spelling of their
 * surname that {@link authorMatches} tries (their last one, two or three words run together): a follow looks up
 * its surname instead of going through every author, which a collaboration's paper has by the thousand.
 */
const authorIndex = new WeakMap<Paper, Map<string, AuthorName[]>>();

function authorsBySurname(paper: Paper): Map<string, AuthorName[]> {
  let index = authorIndex.get(paper);
  if (!index) {
    index = new Map();
    for (const name of paper.authors.map(splitAuthorName)) {
      for (const { surname: key } of surnameReadings(name)) {
        const names = index.get(key);
        if (!names) index.set(key, [name]);
        else if (names.at(-1) !== name) names.push(name);
      }
    }
    authorIndex.set(paper, index);
  }
  return index;
}

/** A compiled follow: which papers it takes. */
export interface FollowMatcher {
  follow: Follow;
  /** A score (higher first) when the paper matches, else null. */
  match(paper: Paper): number | null;
  /** Why a paper it matched matched: the author as the paper names them, the query's terms or the categories. */
  explain(paper: Paper): MatchExplanation;
}

/** Compile follows; a follow whose stored query no longer parses matches nothing. */
export function compileFollows(follows: readonly Follow[]): FollowMatcher[] {
  return follows.map((follow) => {
    const author = follow.author ? splitAuthorName(follow.author) : null;
    const surname = author ? wantedSurname(author) : '';
    let topic: TopicMatcher | null;
    const filter = { categories: follow.categories, query: follow.query ?? '', crossLists: true, updates: false };
    try {
      topic = topicMatcher(filter);
    } catch {
      topic = null;
    }
    return {
      follow,
      match(paper) {
        if (!topic) return null;
        // The author first: it is cheaper than indexing the paper's text for the query.
        if (
          author &&
          !authorsBySurname(paper)
            .get(surname)
            ?.some((name) => authorMatches(author, name))
        )
          return null;
        const score = topic(paper);
        if (score === null) return null;
        // An author follow ranks the followed author's papers by how early the author is named.
        return author ? score + 1 : score;
      },
      explain(paper) {
        const found = topic ? explainMatch(filter, paper) : null;
        const names = author ? paper.authors.filter((raw) => authorMatches(author, splitAuthorName(raw))) : [];
        const terms = author
          ? [{ text: `au:${follow.author ?? ''}`, authors: names }, ...(found?.terms ?? [])]
          : (found?.terms ?? []);
        return { terms, categories: found?.categories ?? [] };
      },
    };
  });
}
