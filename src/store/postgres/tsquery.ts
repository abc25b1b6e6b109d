import { fold, tokenize, type ParsedQuery, type Phrase } from '../fts-query.js';

/**
 * The project's parsed query (src/store/fts-query.ts) → `to_tsquery('simple', …)` input. User text never reaches
 * PostgreSQL as syntax: every operand is one folded token (letters, digits and marks only), written inside quotes,
 * and the operators (`&`, `|`, `!`, `<->`, `:*`) come from the parse tree. The text travels as a parameter.
 */

/** One folded token as a quoted tsquery operand; `null` when folding leaves nothing. */
function operand(token: string, prefix: boolean, weight: string): string | null {
  const folded = fold(token);
  if (folded.length === 0) return null;
  // Tokens hold no quotes or backslashes (see tokenize); escaped anyway, as the grammar requires.
  const quoted = `'${folded.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  const label = `${prefix ? '*' : ''}${weight}`;
  return label ? `${quoted}:${label}` : quoted;
}

function phrase(p: Phrase, weight = ''): string | null {
  const parts: string[] = [];
  p.tokens.forEach((t, i) => {
    const o = operand(t, p.prefix && i === p.tokens.length - 1, weight);
    if (o) parts.push(o);
  });
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' <-> ')})`;
}

function anyOf(phrases: readonly Phrase[]): string | null {
  const parts = phrases.map((p) => phrase(p)).filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' | ')})`;
}

/** The text query: every group (any of its phrases), and none of the excluded phrases. */
export function toTsQuery(query: ParsedQuery): string {
  const groups = query.groups.map(anyOf).filter((g): g is string => g !== null);
  let expr = groups.join(' & ');
  const excluded = anyOf(query.excluded);
  if (expr && excluded) expr = `${expr} & !${excluded}`;
  return expr;
}

/** The author filter as a cheap index condition: each of its words somewhere in the authors (weight B). */
export function authorTsQuery(author: Phrase): string {
  return author.tokens
    .map((t, i) => operand(t, author.prefix && i === author.tokens.length - 1, 'B'))
    .filter((o): o is string => o !== null)
    .join(' & ');
}

/** The author filter for one author's name (see `author_names`): all its words, in any order. */
export function authorNameTsQuery(author: Phrase): string {
  return author.tokens
    .map((t, i) => operand(t, author.prefix && i === author.tokens.length - 1, ''))
    .filter((o): o is string => o !== null)
    .join(' & ');
}

/** Folded tokens of a text, space-separated: what the `fts_*` columns hold. */
export function foldedText(text: string): string {
  return tokenize(text).map(fold).join(' ');
}
