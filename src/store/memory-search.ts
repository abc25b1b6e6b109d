import { AUTHOR_NEAR_SLACK, fold, foldedTokens, type ParsedQuery, type Phrase } from './fts-query.js';
import { FIELD_WEIGHTS, SEARCH_COLUMNS, type SearchColumn, type SearchFields } from './shared.js';

/** Folded tokens of each searchable column of one paper, plus each author's tokens on their own. */
export interface IndexedDoc {
  columns: Record<SearchColumn, string[]>;
  authors: string[][];
}

export function indexDoc(fields: SearchFields, authors: readonly string[]): IndexedDoc {
  const columns = {} as Record<SearchColumn, string[]>;
  for (const c of SEARCH_COLUMNS) columns[c] = foldedTokens(fields[c]);
  return { columns, authors: authors.map((a) => foldedTokens(a)) };
}

function tokenMatches(docToken: string, queryToken: string, prefix: boolean): boolean {
  return prefix ? docToken.startsWith(queryToken) : docToken === queryToken;
}

/** How many times the phrase occurs in a token list. */
function occurrences(tokens: readonly string[], phrase: Phrase): number {
  const q = phrase.tokens.map(fold);
  let n = 0;
  for (let i = 0; i + q.length <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < q.length && ok; j++) {
      ok = tokenMatches(tokens[i + j] as string, q[j] as string, phrase.prefix && j === q.length - 1);
    }
    if (ok) n++;
  }
  return n;
}

function phraseScore(doc: IndexedDoc, phrase: Phrase): number {
  let score = 0;
  for (const c of SEARCH_COLUMNS) score += FIELD_WEIGHTS[c] * occurrences(doc.columns[c], phrase);
  return score;
}

/** Every author-filter token within one author's name, close together (the SQLite store uses NEAR). */
function authorMatches(doc: IndexedDoc, author: Phrase): boolean {
  const q = author.tokens.map(fold);
  const window = q.length + AUTHOR_NEAR_SLACK;
  return doc.authors.some((name) => {
    const positions = q.map((t, i) => {
      const prefix = author.prefix && i === q.length - 1;
      return name.flatMap((tok, at) => (tokenMatches(tok, t, prefix) ? [at] : []));
    });
    if (positions.some((p) => p.length === 0)) return false;
    const all = positions.flat();
    return Math.max(...all) - Math.min(...all) < window;
  });
}

/**
 * Reference scoring: weighted count of phrase hits per column; 0 when the paper does not match.
 * Not BM25, but it orders the same way where it matters (a title hit above an abstract-only hit).
 */
export function scoreDoc(doc: IndexedDoc, query: ParsedQuery, author?: Phrase): number {
  if (author && !authorMatches(doc, author)) return 0;
  if (query.excluded.some((p) => phraseScore(doc, p) > 0)) return 0;
  let total = 0;
  for (const group of query.groups) {
    const s = group.reduce((sum, p) => sum + phraseScore(doc, p), 0);
    if (s === 0) return 0;
    total += s;
  }
  return total;
}
