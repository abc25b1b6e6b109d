import { UserError } from '../errors.js';
import { SearchQueryError } from './types.js';

/**
 * User search text → a small query tree → a SAFE SQLite FTS5 MATCH expression.
 *
 * Supported: bare words (all must match), `"exact phrase"`, a trailing `*` for a prefix (at least
 * {@link MIN_PREFIX_CHARS} characters before it), `OR` between words (binds tighter than the implicit AND,
 * as in web search), `-word` / `-"phrase"` / `NOT word` to exclude. Field prefixes from the topic language
 * (`ti:`, `au:`, `abs:`) are dropped and the rest searched everywhere. Everything else is punctuation: it splits
 * words exactly as the unicode61 tokenizer does, and a word split that way becomes a phrase of its parts, so
 * `semi-supervised` finds "semi supervised" (and also "semisupervised"). Every token reaches FTS5 inside double
 * quotes, so no user text is ever read as FTS5 syntax.
 */

/** A run of tokens that must appear next to each other; the last may be a prefix. */
export interface Phrase {
  tokens: string[];
  prefix: boolean;
}

/** Any of these phrases. */
export type Alternatives = Phrase[];

export interface ParsedQuery {
  /** Every group must match (AND); inside a group any phrase may (OR). Never empty. */
  groups: Alternatives[];
  /** A paper matching any of these is left out. */
  excluded: Phrase[];
}

/** Input beyond this many characters is ignored. */
export const MAX_QUERY_CHARS = 1000;
/** At most this many tokens are searched for; the rest of the input is ignored. */
export const MAX_QUERY_TOKENS = 32;
/** A prefix search needs at least this many characters before the `*`; shorter ones search the word itself. */
export const MIN_PREFIX_CHARS = 3;

/**
 * Letters, digits, private-use characters and the combining marks after them: what unicode61 (removing
 * diacritics) treats as token characters. A mark with no base character before it is dropped, as it folds away.
 */
const TOKEN_RE = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;
/** The same classes one character at a time, for {@link tokenize}'s scan. */
const TOKEN_START = /^[\p{L}\p{N}\p{Co}]$/u;
const TOKEN_MARK = /^\p{M}$/u;
const UNKNOWN = 0;
const START = 1;
const MARK = 2;
const OTHER = 3;
/** Class of each BMP code unit, worked out by the regexes above on first sight (ASCII up front). */
const BMP_CLASS = new Uint8Array(0x10000);
const ASTRAL_CLASS = new Map<number, number>();

function classify(codePoint: number): number {
  const c = String.fromCodePoint(codePoint);
  return TOKEN_START.test(c) ? START : TOKEN_MARK.test(c) ? MARK : OTHER;
}
for (let c = 0; c < 0x80; c++) BMP_CLASS[c] = classify(c);

function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    let k = BMP_CLASS[codePoint]!;
    if (k === UNKNOWN) BMP_CLASS[codePoint] = k = classify(codePoint);
    return k;
  }
  let k = ASTRAL_CLASS.get(codePoint);
  if (k === undefined) ASTRAL_CLASS.set(codePoint, (k = classify(codePoint)));
  return k;
}
const HYPHENS = new Set(['-', '\u2010', '\u2011']);
const FIELD_PREFIX_RE = /^(?:ti|abs|au|all|title|abstract|author|authors):/i;
// Control characters and whitespace of every kind separate words.
const SPACE_RE = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * Split text into tokens the way the unicode61 tokenizer does (case and accents kept): the matches of
 * {@link TOKEN_RE}, found by a scan by character class, about twice as fast as the regex on import.
 */
export function tokenize(text: string): string[] {
  return scan(text, false);
}

/** `tokenize(text).map(fold)` in one pass: only tokens with capitals or non-ASCII characters are folded. */
export function foldedTokens(text: string): string[] {
  return scan(text, true);
}

function scan(text: string, folded: boolean): string[] {
  const out: string[] = [];
  const n = text.length;
  let start = -1;
  // What the token so far needs to be folded: nothing, lowercasing (a capital A–Z), or fold() (beyond ASCII).
  let needs = 0;
  for (let i = 0; i <= n;) {
    let cp = i < n ? text.charCodeAt(i) : 0x20;
    let width = 1;
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        width = 2;
      }
    }
    const k = cp < 0x80 ? BMP_CLASS[cp]! : classOf(cp);
    if (k === START || (k === MARK && start >= 0)) {
      if (start < 0) start = i;
      if (cp >= 0x80) needs = 2;
      else if (cp >= 0x41 && cp <= 0x5a && needs === 0) needs = 1;
    } else if (start >= 0) {
      // The end of a token (the text's end reads as a space).
      const token = text.slice(start, i);
      out.push(!folded || needs === 0 ? token : needs === 1 ? token.toLowerCase() : fold(token));
      start = -1;
      needs = 0;
    }
    i += width;
  }
  return out;
}

/** Case- and accent-folded form of a token, as `unicode61 remove_diacritics 2` compares them. */
export function fold(token: string): string {
  let ascii = true;
  for (let i = 0; i < token.length && ascii; i++) ascii = token.charCodeAt(i) < 0x80;
  // ASCII needs no decomposition: the common case, kept cheap for bulk imports.
  if (ascii) return token.toLowerCase();
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Lexeme {
  kind: 'word' | 'phrase' | 'or' | 'not';
  text: string;
  negated: boolean;
  prefix: boolean;
}

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  const chars = Array.from(input);
  let i = 0;
  const isSpace = (c: string | undefined) => c === undefined || SPACE_RE.test(c);
  while (i < chars.length) {
    const c = chars[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    // `"…"` or `-"…"` with a closing quote: a phrase. An unbalanced quote is just a separator.
    const negatedQuote = c === '-' && chars[i + 1] === '"';
    const quoteAt = negatedQuote ? i + 1 : c === '"' ? i : -1;
    if (quoteAt >= 0) {
      const close = chars.indexOf('"', quoteAt + 1);
      if (close > 0) {
        const prefix = chars[close + 1] === '*';
        out.push({ kind: 'phrase', text: chars.slice(quoteAt + 1, close).join(''), negated: negatedQuote, prefix });
        i = close + (prefix ? 2 : 1);
        continue;
      }
      i = quoteAt + 1;
      continue;
    }
    let end = i;
    while (end < chars.length && !isSpace(chars[end]) && chars[end] !== '"') end++;
    let word = chars.slice(i, end).join('');
    i = end;
    if (word === 'OR' || word === '|') {
      out.push({ kind: 'or', text: word, negated: false, prefix: false });
      continue;
    }
    if (word === 'NOT') {
      out.push({ kind: 'not', text: word, negated: false, prefix: false });
      continue;
    }
    if (word === 'AND' || word === '&&') continue;
    let negated = false;
    if (word.startsWith('-') || word.startsWith('+')) {
      negated = word.startsWith('-');
      word = word.replace(/^[-+]+/, '');
    }
    word = word.replace(FIELD_PREFIX_RE, '');
    const prefix = /\*+$/.test(word);
    out.push({ kind: 'word', text: word.replace(/\*+$/, ''), negated, prefix });
  }
  return out;
}

/** Phrases a typed word or quoted phrase stands for: one, or two for a hyphenated word. */
function phrasesOf(lexeme: Lexeme): Phrase[] {
  const tokens = tokenize(lexeme.text);
  if (tokens.length === 0) return [];
  const last = tokens[tokens.length - 1] as string;
  const prefix = lexeme.prefix && Array.from(fold(last)).length >= MIN_PREFIX_CHARS;
  const phrases: Phrase[] = [{ tokens, prefix }];
  if (lexeme.kind === 'word' && tokens.length > 1) {
    // Only hyphens between the parts: `semi-supervised` is also written `semisupervised`.
    const gaps = lexeme.text.split(TOKEN_RE).slice(1, -1);
    if (gaps.every((g) => Array.from(g).length === 1 && HYPHENS.has(g)))
      phrases.push({ tokens: [tokens.join('')], prefix });
  }
  return phrases;
}

function countTokens(phrases: readonly Phrase[]): number {
  return phrases.reduce((n, p) => n + p.tokens.length, 0);
}

/**
 * Parse user search text. Throws {@link SearchQueryError} when nothing searchable is left.
 * Never throws anything else, whatever the input.
 */
export function parseSearchQuery(input: string): ParsedQuery {
  // Cut before normalising, so that a huge input costs no more than a long one.
  const text = Array.from(
    String(input)
      .slice(0, MAX_QUERY_CHARS * 2)
      .normalize('NFC'),
  )
    .slice(0, MAX_QUERY_CHARS)
    .join('');
  const groups: Alternatives[] = [];
  const excluded: Phrase[] = [];
  let budget = MAX_QUERY_TOKENS;
  let pendingOr = false;
  let pendingNot = false;
  // Whether the last thing added was a positive group that a following OR may extend.
  let lastWasPositive = false;
  for (const lexeme of lex(text)) {
    if (lexeme.kind === 'or') {
      pendingOr = lastWasPositive;
      continue;
    }
    if (lexeme.kind === 'not') {
      pendingNot = true;
      continue;
    }
    const phrases = phrasesOf(lexeme);
    const negated = lexeme.negated || pendingNot;
    pendingNot = false;
    if (phrases.length === 0) continue;
    const cost = countTokens(phrases);
    if (cost > budget) break;
    budget -= cost;
    if (negated) {
      excluded.push(...phrases);
      lastWasPositive = false;
      pendingOr = false;
      continue;
    }
    const previous = groups[groups.length - 1];
    if (pendingOr && previous) previous.push(...phrases);
    else groups.push(phrases);
    lastWasPositive = true;
    pendingOr = false;
  }
  if (groups.length === 0) {
    if (excluded.length > 0) {
      throw new SearchQueryError(UserError.of('paper.searchOnlyExcluded'));
    }
    throw new SearchQueryError(UserError.of('paper.searchNothing'));
  }
  return { groups, excluded };
}

/**
 * Parse the author filter: its words must all appear close together in one paper's author list.
 * A trailing `*` makes the last word a prefix. Throws {@link SearchQueryError} if it has no letters or digits.
 */
export function parseAuthorFilter(input: string): Phrase {
  const text = String(input).slice(0, 200).normalize('NFC');
  const tokens = tokenize(text).slice(0, 8);
  const last = tokens[tokens.length - 1];
  if (last === undefined) throw new SearchQueryError(UserError.of('paper.searchEmptyAuthor'));
  const prefix = /\*\s*$/.test(text) && Array.from(fold(last)).length >= MIN_PREFIX_CHARS;
  return { tokens, prefix };
}

function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/** One phrase in FTS5 syntax: tokens inside one quoted string, `*` after it for a prefix. */
export function phraseToFts(phrase: Phrase): string {
  return `${quote(phrase.tokens.join(' '))}${phrase.prefix ? '*' : ''}`;
}

function alternativesToFts(phrases: readonly Phrase[]): string {
  return phrases.length === 1 ? phraseToFts(phrases[0] as Phrase) : `(${phrases.map(phraseToFts).join(' OR ')})`;
}

/** How many tokens apart (beyond adjacency) the author filter's words may be: room for middle names. */
export const AUTHOR_NEAR_SLACK = 2;

/** The FTS5 MATCH expression for a parsed query, optionally also requiring an author. */
export function toFtsMatch(query: ParsedQuery, author?: Phrase): string {
  let expr = query.groups.map(alternativesToFts).join(' AND ');
  if (author) {
    const near = author.tokens.map((t, i) =>
      i === author.tokens.length - 1 && author.prefix ? `${quote(t)}*` : quote(t),
    );
    const distance = author.tokens.length - 1 + AUTHOR_NEAR_SLACK;
    expr = `(${expr}) AND {authors} : NEAR(${near.join(' ')}, ${distance})`;
  }
  if (query.excluded.length > 0) {
    expr = `(${expr}) NOT ${alternativesToFts(query.excluded)}`;
  }
  return expr;
}
