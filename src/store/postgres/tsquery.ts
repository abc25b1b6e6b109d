import { fold, tokenize, type ParsedQuery, type Phrase } from '../fts-query.js';

/**
 * Both sides of PostgreSQL full-text search, tokenised here rather than by PostgreSQL's parser: the document
 * (`tsv`, a weighted tsvector written with the paper) and the query (`$1::tsquery`). Tokens are the project's own
 * (src/store/fts-query.ts: unicode61's rules, case and accents folded), so PostgreSQL matches exactly the papers
 * SQLite's FTS5 matches, and its parser, which costs about 0.7 ms per abstract, never runs on import.
 *
 * The query comes from the parsed query, never from raw user text: every operand is one folded token (letters,
 * digits and marks only) inside quotes, and the operators (`&`, `|`, `!`, `<->`, `:*`) come from the parse tree.
 * The text travels as a parameter.
 */

/** A lexeme in tsvector/tsquery literal syntax: quoted, with quotes and backslashes doubled. */
function quote(lexeme: string): string {
  if (!lexeme.includes("'") && !lexeme.includes('\\')) return `'${lexeme}'`;
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

const NON_ASCII_RE = /[^\p{ASCII}]/u;

/** One folded token as a quoted tsquery operand; `null` when folding leaves nothing. */
function operand(token: string, prefix: boolean, weight: string): string | null {
  const folded = fold(token);
  if (folded.length === 0) return null;
  // Tokens hold no quotes or backslashes (see tokenize); escaped anyway, as the grammar requires.
  const quoted = quote(folded);
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

/** Folded tokens of a text, space-separated: what `author_names` holds per author. */
export function foldedText(text: string): string {
  return tokenize(text).map(fold).join(' ');
}

/** tsvector limits: positions go up to 16383, a lexeme keeps at most 256 of them and is at most 2047 bytes. */
const MAX_POSITION = 16383;
const MAX_POSITIONS = 256;
const MAX_LEXEME_BYTES = 2047;
/** Positions left empty between parts and between authors, so that a phrase never spans two of them. */
const GAP = 8;

export type Weight = 'A' | 'B' | 'C' | 'D';

/**
 * The tsvector literal of a document made of weighted parts (each a list of texts: one per author, say), in
 * order, plus tags. Each part's tokens get consecutive positions, with a gap after each text.
 */
export function tsvectorLiteral(
  parts: ReadonlyArray<{ weight: Weight; texts: readonly string[] }>,
  tags: readonly string[] = [],
): string {
  // Per lexeme: its literal so far and how many positions it has. Built by appending: this runs per paper on import.
  const entries = new Map<string, { literal: string; count: number }>();
  let at = 1;
  for (const part of parts) {
    const weight = part.weight;
    for (const text of part.texts) {
      // ASCII text folds by lowercasing it once (as fold() does per token).
      const ascii = !NON_ASCII_RE.test(text);
      for (const token of tokenize(ascii ? text.toLowerCase() : text)) {
        const lexeme = ascii ? token : fold(token);
        // A UTF-16 unit is at most 3 bytes of UTF-8: only long lexemes need counting.
        if (
          lexeme.length === 0 ||
          (lexeme.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(lexeme) > MAX_LEXEME_BYTES)
        ) {
          at++;
          continue;
        }
        const position = at > MAX_POSITION ? MAX_POSITION : at;
        const entry = entries.get(lexeme);
        if (!entry) entries.set(lexeme, { literal: `${quote(lexeme)}:${position}${weight}`, count: 1 });
        else if (entry.count < MAX_POSITIONS) {
          entry.literal += `,${position}${weight}`;
          entry.count++;
        }
        at++;
      }
      at += GAP;
    }
  }
  const out: string[] = [];
  for (const entry of entries.values()) out.push(entry.literal);
  // Tags (lexemes no token can be) carry no position.
  for (const tag of tags) out.push(quote(tag));
  return out.join(' ');
}
