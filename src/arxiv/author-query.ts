/**
 * API searches for the new papers of many authors: their `au:` phrases OR-ed together, a few per query, each query
 * bounded to a submission window and kept short, so that hundreds of followed authors cost a few requests.
 */
import { formatSubmittedDate } from './client.js';

export interface AuthorQueryLimits {
  /** Most authors one query names. */
  authorsPerQuery: number;
  /** Longest `search_query`, date clause included, before percent-encoding. */
  maxLength: number;
}

export interface AuthorQuery {
  /** The `search_query` value. */
  query: string;
  /** The names it searches, as given. */
  authors: string[];
}

export interface AuthorQueries {
  queries: AuthorQuery[];
  /** Names that make no query: nothing searchable in them, or too long to fit one with the date clause. */
  unusable: string[];
}

/**
 * An author as the inside of an `au:"…"` phrase: lower case (so that no word reads as `AND`/`OR`), without the
 * characters the query syntax gives a meaning to (quotes, parentheses, colons, brackets) or that a name only
 * punctuates (`Y.`), and `Surname, Given` turned around. Null when no word is left.
 */
export function authorPhrase(name: string): string | null {
  const comma = name.indexOf(',');
  const ordered = comma >= 0 ? `${name.slice(comma + 1)} ${name.slice(0, comma)}` : name;
  const words = ordered
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}'’-]+/gu, ' ')
    .split(' ')
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, ''))
    .filter((w) => w !== '');
  return words.length === 0 ? null : words.join(' ');
}

/** `submittedDate:[… TO …]`, the only date filter the API accepts. */
function dateClause(from: Date | string, to: Date | string): string {
  return `submittedDate:[${formatSubmittedDate(from)} TO ${formatSubmittedDate(to)}]`;
}

function build(terms: readonly string[], clause: string): string {
  return `(${terms.join(' OR ')}) AND ${clause}`;
}

/**
 * The queries that search `names` among papers submitted in `[from, to]`: one `au:"…"` term per distinct phrase
 * (two spellings of one phrase are searched once), in the order given, packed into as few queries as the limits
 * allow.
 */
export function authorQueries(
  names: readonly string[],
  window: { from: Date | string; to: Date | string },
  limits: AuthorQueryLimits,
): AuthorQueries {
  const clause = dateClause(window.from, window.to);
  const queries: AuthorQuery[] = [];
  const unusable: string[] = [];
  // Each term's list of names: the `authors` of the query that holds it.
  const holders = new Map<string, string[]>();
  let terms: string[] = [];
  let authors: string[] = [];
  const flush = (): void => {
    if (terms.length > 0) queries.push({ query: build(terms, clause), authors });
    terms = [];
    authors = [];
  };
  for (const name of names) {
    const phrase = authorPhrase(name);
    if (phrase === null) {
      unusable.push(name);
      continue;
    }
    const term = `au:"${phrase}"`;
    const holder = holders.get(term);
    if (holder) {
      // Searched already: that query's papers are matched against this spelling too.
      holder.push(name);
      continue;
    }
    if (build([term], clause).length > limits.maxLength) {
      unusable.push(name);
      continue;
    }
    if (terms.length >= limits.authorsPerQuery || build([...terms, term], clause).length > limits.maxLength) flush();
    terms.push(term);
    authors.push(name);
    holders.set(term, authors);
  }
  flush();
  return { queries, unusable };
}
