/**
 * Author names matched robustly, for follows and for `au:` terms alike: case and accents do not matter, initials
 * stand for given names (`Y. LeCun` ~ `Yann LeCun`), `LeCun, Yann` puts the surname first, and a surname written
 * in parts is the same surname (`Le Cun` ~ `LeCun`).
 */
import { tokenizeText } from './text.js';

/** An author name split for matching: given-name tokens (full or initials) and the surname's tokens. */
export interface AuthorName {
  given: string[];
  surname: string[];
}

/** How many of an author's last words {@link authorMatches} tries as their surname. */
export const SURNAME_WORDS = 3;

/**
 * Split a name: `Yann LeCun`, `Y. LeCun`, `LeCun, Yann`, `Jean-Pierre Serre`, `J.-P. Serre`. Without a comma the
 * last word is the surname (particles such as `van der` then count as given names, which an initial or a full
 * name still matches); with one, what precedes it.
 */
export function splitAuthorName(name: string): AuthorName {
  const comma = name.indexOf(',');
  const words = tokenizeText(name).tokens;
  return nameOfWords(words, comma < 0 ? null : tokenizeText(name.slice(0, comma)).tokens.length);
}

/** A name from its folded words: the first `surnameFirst` of them the surname (`LeCun, Yann`), or else the last. */
export function nameOfWords(words: readonly string[], surnameFirst: number | null): AuthorName {
  if (surnameFirst === null) return { surname: words.slice(-1), given: words.slice(0, -1) };
  return { surname: words.slice(0, surnameFirst), given: words.slice(surnameFirst) };
}

/** `y` ~ `yann`, `yann` ~ `yann`; two different full names or initials do not match. */
function givenCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1) return b.startsWith(a);
  if (b.length === 1) return a.startsWith(b);
  return false;
}

/** One way of reading an author's name: a surname spelling, and the given names before it. */
export interface SurnameReading {
  /** The surname's words run together. */
  readonly surname: string;
  readonly given: readonly string[];
}

/**
 * The readings of an author's name that {@link authorMatches} tries: their last one, two or three words (given
 * names first, so `LeCun, Yann` is `yann lecun`) as the surname (`lecun`; `cun`, `lecun` for `Yann Le Cun`). The
 * spellings differ in length, so each is read once; a paper's authors are found by them.
 */
export function surnameReadings(author: AuthorName): SurnameReading[] {
  const words = [...author.given, ...author.surname];
  const readings: SurnameReading[] = [];
  for (let k = 1; k <= Math.min(SURNAME_WORDS, words.length); k++) {
    readings.push({ surname: words.slice(-k).join(''), given: words.slice(0, -k) });
  }
  return readings;
}

/** The surname an author is looked for by: its words run together (`Le Cun` → `lecun`); empty for none. */
export function wantedSurname(followed: AuthorName): string {
  return followed.surname.join('');
}

/** Whether the given names that both lists spell out agree in order (full names equal, an initial the start of the other). */
export function givenNamesAgree(followed: readonly string[], given: readonly string[]): boolean {
  const n = Math.min(followed.length, given.length);
  for (let i = 0; i < n; i++) if (!givenCompatible(followed[i]!, given[i]!)) return false;
  return true;
}

/**
 * Whether a paper's author is the followed author: the same surname (compared without spaces, so `Le Cun` is
 * `LeCun`), and the given names that both spell out agree in order (full names equal, an initial the start of
 * the other). A follow of just a surname takes every author of that surname.
 */
export function authorMatches(followed: AuthorName, author: AuthorName): boolean {
  const wanted = wantedSurname(followed);
  if (wanted === '') return false;
  // The author's surname is the last one, two or three words: whichever spell the followed one.
  return surnameReadings(author).some(
    (reading) => reading.surname === wanted && givenNamesAgree(followed.given, reading.given),
  );
}
