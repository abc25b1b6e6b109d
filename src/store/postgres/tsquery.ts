import { fold, foldedTokens, type ParsedQuery, type Phrase } from '../fts-query.js';

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

/**
 * The author filter for one author's name (see `author_names`, folded words joined by single spaces), as LIKE
 * patterns on the name with a space added at each end: each of its words, in any order, the last as a prefix if
 * starred. Cheaper for PostgreSQL than building a tsvector of every name of every candidate.
 */
export function authorNamePatterns(author: Phrase): string[] {
  return author.tokens.map((t, i) => {
    // Tokens are letters, digits and marks: nothing LIKE reads specially, escaped all the same.
    const word = fold(t).replace(/[\\%_]/g, '\\$&');
    return author.prefix && i === author.tokens.length - 1 ? `% ${word}%` : `% ${word} %`;
  });
}

/** Folded tokens of a text, space-separated: what `author_names` holds per author. */
export function foldedText(text: string): string {
  return foldedTokens(text).join(' ');
}

/** tsvector limits: positions go up to 16383, a lexeme keeps at most 256 of them and is at most 2047 bytes. */
const MAX_POSITION = 16383;
const MAX_POSITIONS = 256;
const MAX_LEXEME_BYTES = 2047;
/** Positions left empty between parts and between authors, so that a phrase never spans two of them. */
const GAP = 8;
/** PostgreSQL's WordEntryPos: the weight in the top two bits (A 3 … D 0), the position in the other 14. */
const WEIGHT_BITS = { A: 3 << 14, B: 2 << 14, C: 1 << 14, D: 0 } as const;
const POSITION_MASK = 0x3fff;
/** The type OID of `tsvector` (fixed in PostgreSQL's catalog), named by a binary `tsvector[]`. */
const TSVECTOR_OID = 3614;

export type Weight = 'A' | 'B' | 'C' | 'D';
export type DocumentParts = ReadonlyArray<{ weight: Weight; texts: readonly string[] }>;

/**
 * Each lexeme of a document made of weighted parts (each a list of texts: one per author, say), in order of first
 * occurrence, with its positions as WordEntryPos values. Each part's tokens get consecutive positions, with a gap
 * after each text; positions past the last one PostgreSQL can hold are that last one.
 */
function lexemePositions(parts: DocumentParts): Map<string, number[]> {
  const entries = new Map<string, number[]>();
  let at = 1;
  for (const part of parts) {
    const weight = WEIGHT_BITS[part.weight];
    for (const text of part.texts) {
      for (const lexeme of foldedTokens(text)) {
        // A UTF-16 unit is at most 3 bytes of UTF-8: only long lexemes need counting.
        if (
          lexeme.length === 0 ||
          (lexeme.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(lexeme) > MAX_LEXEME_BYTES)
        ) {
          at++;
          continue;
        }
        const position = (at > MAX_POSITION ? MAX_POSITION : at) | weight;
        const positions = entries.get(lexeme);
        if (!positions) entries.set(lexeme, [position]);
        else if (positions.length < MAX_POSITIONS) positions.push(position);
        at++;
      }
      at += GAP;
    }
  }
  return entries;
}

const WEIGHT_LETTERS = ['D', 'C', 'B', 'A'] as const;

/**
 * The tsvector literal of a document (see {@link lexemePositions}) plus tags, lexemes in order of first occurrence:
 * what {@link TsvectorArray} sends in binary, in the text form PostgreSQL reads and prints.
 */
export function tsvectorLiteral(parts: DocumentParts, tags: readonly string[] = []): string {
  const out: string[] = [];
  for (const [lexeme, positions] of lexemePositions(parts)) {
    const list = positions.map((p) => `${p & POSITION_MASK}${WEIGHT_LETTERS[p >> 14]}`).join(',');
    out.push(`${quote(lexeme)}:${list}`);
  }
  // Tags (lexemes no token can be) carry no position.
  for (const tag of tags) out.push(quote(tag));
  return out.join(' ');
}

/**
 * Positions as PostgreSQL keeps them when it reads a literal (`uniquePos`): only the last position can repeat (every
 * position past it is it); the first time it appears after others, the list ends there, and a list made only of it
 * becomes one entry with the highest of its weights.
 */
function uniquePositions(positions: number[]): number[] {
  const last = positions[positions.length - 1]!;
  if ((last & POSITION_MASK) !== MAX_POSITION) return positions;
  const first = positions.findIndex((p) => (p & POSITION_MASK) === MAX_POSITION);
  if (first > 0) return positions.slice(0, first + 1);
  let top = 0;
  for (const p of positions) top = Math.max(top, p & ~POSITION_MASK);
  return [MAX_POSITION | top];
}

/** Order of two lexemes as PostgreSQL sorts them: by their UTF-8 bytes, which is the order of their code points. */
function byCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (half of a code point above U+FFFF) sorts after U+E000–U+FFFF, not before.
    if (x >= 0xd800 && y >= 0xd800 && x < 0xe000 !== y < 0xe000) return x < 0xe000 ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Binary tsvectors (`tsvectorrecv`) written back to back as the elements of one binary `tsvector[]` (`array_recv`):
 * one parameter carrying the search documents of a chunk of rows. Each tsvector is the lexeme count, then each
 * lexeme (NUL-terminated UTF-8) with its position count and positions, in order of first occurrence: PostgreSQL
 * sorts them (in C, cheaper than here) and keeps the rest as sent. Parsing the same document as a literal cost the
 * server about 50 µs per paper on import.
 */
export class TsvectorArray {
  #buf = Buffer.allocUnsafe(1 << 18);
  #at = 20;
  #count = 0;

  #room(bytes: number): void {
    if (this.#at + bytes <= this.#buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#at + bytes));
    this.#buf.copy(bigger, 0, 0, this.#at);
    this.#buf = bigger;
  }

  /** Append the document of {@link tsvectorLiteral} (the same lexemes, positions and tags). */
  add(parts: DocumentParts, tags: readonly string[] = []): void {
    const entries = lexemePositions(parts);
    this.#room(8);
    const lengthAt = this.#at;
    this.#buf.writeInt32BE(entries.size + tags.length, lengthAt + 4);
    this.#at += 8;
    // PostgreSQL lays the lexemes out in sorted order, each with positions 2-byte aligned; a tag has none, so the
    // lexeme after it may start unaligned. Writing the tags and the lexeme that follows them in sorted order last,
    // in that order, gives the same padding and so the same stored size: the values compare equal (`=`).
    const sortedTags = [...tags].sort(byCodePoints);
    const lastTag = sortedTags[sortedTags.length - 1];
    let afterTags: string | undefined;
    if (lastTag !== undefined) {
      const first = lastTag.charCodeAt(0);
      for (const lexeme of entries.keys()) {
        if (
          lexeme.charCodeAt(0) >= first &&
          byCodePoints(lexeme, lastTag) > 0 &&
          (afterTags === undefined || byCodePoints(lexeme, afterTags) < 0)
        )
          afterTags = lexeme;
      }
    }
    for (const [lexeme, positions] of entries) if (lexeme !== afterTags) this.#entry(lexeme, positions);
    for (const tag of sortedTags) this.#entry(tag, []);
    if (afterTags !== undefined) this.#entry(afterTags, entries.get(afterTags)!);
    this.#buf.writeInt32BE(this.#at - lengthAt - 4, lengthAt);
    this.#count++;
  }

  #entry(lexeme: string, positions: number[]): void {
    const kept = positions.length > 0 ? uniquePositions(positions) : positions;
    this.#lexeme(lexeme, kept.length);
    const buf = this.#buf;
    let at = this.#at;
    for (const p of kept) {
      buf[at++] = p >> 8;
      buf[at++] = p & 0xff;
    }
    this.#at = at;
  }

  /** The lexeme, its NUL and its position count, with room for the positions after it. */
  #lexeme(lexeme: string, positions: number): void {
    const n = lexeme.length;
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    this.#room(3 * n + 3 + 2 * positions);
    const buf = this.#buf;
    let at = this.#at;
    let i = 0;
    for (; i < n; i++) {
      const c = lexeme.charCodeAt(i);
      if (c >= 0x80) break;
      buf[at++] = c;
    }
    if (i < n) at = this.#at + buf.write(lexeme, this.#at);
    buf[at++] = 0;
    buf[at++] = positions >> 8;
    buf[at++] = positions & 0xff;
    this.#at = at;
  }

  /** The `tsvector[]` parameter: a copy, so the writer can be reused. */
  toBuffer(): Buffer {
    const buf = this.#buf;
    buf.writeInt32BE(1, 0); // dimensions
    buf.writeInt32BE(0, 4); // no NULLs
    buf.writeInt32BE(TSVECTOR_OID, 8);
    buf.writeInt32BE(this.#count, 12);
    buf.writeInt32BE(1, 16); // lower bound
    return Buffer.from(buf.subarray(0, this.#at));
  }
}
