/**
 * Text normalisation shared by the query parser and the paper index, so that a query word and
 * the paper text it should meet are folded the same way.
 */

const MARKS = /\p{M}+/gu;
/** Soft hyphen and zero-width characters: invisible, and they would split a word in two. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Letters that NFKD leaves alone but a reader treats as their plain Latin spelling. */
const SPECIAL = /[ßæœøłđðþıħς]/g;
const SPECIAL_MAP: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ς: 'σ',
};
/** Printable ASCII and ordinary whitespace: nothing to fold but case. */
const ASCII = /^[ -~\t\n\r]*$/;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const WORD_CHAR_AT_END = /[\p{L}\p{N}]$/u;
/** 1 for ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128).map((_, code) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 1 : 0,
);
/** Answers for the Basic Multilingual Plane, filled as met: 0 not yet known, 1 a word character, 2 not one. */
const BMP_WORD = new Uint8Array(0x10000);
for (let code = 0; code < 128; code++) BMP_WORD[code] = ASCII_WORD[code] === 1 ? 1 : 2;
const astralWord = new Map<number, boolean>();

/** Whether a code point is a letter or a digit (any script). */
export function isWordCode(code: number): boolean {
  if (code < 0x10000) {
    const known = BMP_WORD[code]!;
    if (known !== 0) return known === 1;
    const word = WORD_CHAR.test(String.fromCharCode(code));
    BMP_WORD[code] = word ? 1 : 2;
    return word;
  }
  let known = astralWord.get(code);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(code));
    if (astralWord.size < 65_536) astralWord.set(code, known);
  }
  return known;
}

/** No join between two tokens. */
export const JOIN_NONE = 0;
/** Tokens separated by whitespace only (`semi supervised`). */
export const JOIN_SPACE = 1;
/** Tokens separated by a hyphen (`semi-supervised`). */
export const JOIN_HYPHEN = 2;

/** Any ASCII: nothing in it decomposes, is a mark or is spelled out, so folding is lower-casing. */
const ANY_ASCII = /^[\0-\x7f]*$/;

/** Whether `text` is all ASCII (control characters included), which `foldText` only lower-cases. */
export function isPlainAscii(text: string): boolean {
  return ANY_ASCII.test(text);
}

/** Fold case and accents: NFKD, diacritics stripped, lowercase, a few ligatures spelled out. */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(INVISIBLE, '')
    .replace(SPECIAL, (c) => SPECIAL_MAP[c] ?? c);
}

/** Word tokens of folded text, with how each token joins the next one. */
export interface TokenRun {
  tokens: string[];
  /** `joins[i]` says how `tokens[i]` and `tokens[i + 1]` may be read as one word (the last is JOIN_NONE). */
  joins: number[];
}

/** Split folded text into letter/digit tokens and record which neighbours may form a compound. */
export function tokenize(folded: string): TokenRun {
  const run: TokenRun = { tokens: [], joins: [] };
  tokenizeInto(folded, run);
  return run;
}

/** `tokenize`, appending to `run`; returns how many tokens were added. */
export function tokenizeInto(folded: string, run: TokenRun): number {
  const { tokens, joins } = run;
  const before = tokens.length;
  let previous = '';
  let previousEnd = 0;
  let i = 0;
  while (i < folded.length) {
    let code = folded.codePointAt(i)!;
    if (!isWordCode(code)) {
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    do {
      i += code > 0xffff ? 2 : 1;
      code = i < folded.length ? folded.codePointAt(i)! : -1;
    } while (code >= 0 && isWordCode(code));
    const token = folded.slice(start, i);
    if (tokens.length > before) joins.push(joinKind(folded, previousEnd, start, previous.length, token.length));
    tokens.push(token);
    previous = token;
    previousEnd = i;
  }
  if (tokens.length > before) joins.push(JOIN_NONE);
  return tokens.length - before;
}

/** Fold and tokenise in one step. */
export function tokenizeText(text: string): TokenRun {
  return tokenize(foldText(text));
}

/** Whether folded text ends in a letter or digit (a `*` must follow one). */
export function endsWithWordChar(folded: string): boolean {
  return WORD_CHAR_AT_END.test(folded);
}

function isHyphen(code: number): boolean {
  // - ‐ ‑ ‒ – −
  return code === 0x2d || (code >= 0x2010 && code <= 0x2013) || code === 0x2212;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xa0;
}

/**
 * How the tokens around the gap `text[from, to)` may join: `semi-supervised` (a hyphen, maybe
 * followed by a line-break space) joins; `semi supervised` joins when both parts are at least two
 * characters, so that `a priori` stays two words while `pre training` meets `pretraining`.
 * Anything else (punctuation, ` - `) does not.
 */
export function joinKind(text: string, from: number, to: number, leftLength: number, rightLength: number): number {
  const first = text.charCodeAt(from);
  if (isHyphen(first)) {
    for (let i = from + 1; i < to; i++) if (!isSpace(text.charCodeAt(i))) return JOIN_NONE;
    return JOIN_HYPHEN;
  }
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return JOIN_NONE;
  return leftLength >= 2 && rightLength >= 2 ? JOIN_SPACE : JOIN_NONE;
}
