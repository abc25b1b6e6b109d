/**
 * Phrases: words next to each other in a paper's index. A phrase word may be one token, or two
 * joinable tokens written together (`semisupervised` vs `semi-supervised`), and two phrase words
 * may be one token (`semi supervised` vs `semisupervised`); a last word with `*` is a word start.
 */
import { probe, toPrefix } from './keys.js';
import type { BloomBits, Prefix, Probe } from './keys.js';
import {
  END,
  findSlot,
  hasPrefix,
  hasWord,
  NO_SLOT,
  PAIR_CHAIN,
  pairStartsWith,
  prefixRunEnd,
  prefixRunStart,
  prefixStarts,
  slotStartsWith,
  startSlot,
  TOKEN_CHAIN,
  tokenStartsWith,
} from './paper-index.js';
import type { Chain, FieldCounts, IndexedPaper } from './paper-index.js';
import { JOIN_HYPHEN, JOIN_NONE } from './text.js';

/** For a later word of a phrase: keys, one of which must be in the paper, or else a key starting with `prefix`. */
interface Requirement {
  readonly keys: readonly Probe[];
  readonly prefix: Prefix | null;
}

/** A phrase ready to be looked for: words, and each neighbour pair written as one word. */
export interface Phrase {
  readonly words: readonly string[];
  /** `merged[j]` is `words[j] + words[j + 1]`. */
  readonly merged: readonly string[];
  /** Whether the last word is a word start. */
  readonly prefix: boolean;
  /** The last word, and the last two words merged (empty for a one-word phrase). */
  readonly lastWord: string;
  readonly lastMerged: string;
  readonly wordKeys: readonly Probe[];
  readonly mergedKeys: readonly Probe[];
  /** `merged[0]` as a prefix, when the phrase is two words ending in `*`. */
  readonly firstTwoPrefix: Prefix | null;
  readonly required: readonly Requirement[];
}

/** Item `j` of a list compiled from the same words, so present. */
function itemAt<T>(items: readonly T[], j: number): T {
  const item = items[j];
  if (item === undefined) throw new RangeError(`no item ${j} in a list of ${items.length}`);
  return item;
}

export function compilePhrase(words: readonly string[], prefix: boolean): Phrase {
  const m = words.length;
  const merged = words.slice(1).map((word, j) => itemAt(words, j) + word);
  const wordKeys = words.map(probe);
  const mergedKeys = merged.map(probe);
  const required: Requirement[] = [];
  // A last word with `*` may be any word start, so it is found by the walk alone.
  for (let j = 1; j < m - (prefix ? 1 : 0); j++) {
    const keys = [itemAt(wordKeys, j), itemAt(mergedKeys, j - 1)];
    let mergedPrefix: Prefix | null = null;
    if (j < m - 1) {
      if (prefix && j === m - 2) mergedPrefix = toPrefix(itemAt(merged, j));
      else keys.push(itemAt(mergedKeys, j));
    }
    required.push({ keys, prefix: mergedPrefix });
  }
  return {
    words,
    merged,
    prefix,
    lastWord: itemAt(words, m - 1),
    lastMerged: merged[m - 2] ?? '',
    wordKeys,
    mergedKeys,
    firstTwoPrefix: prefix && m === 2 ? toPrefix(itemAt(merged, 0)) : null,
    required,
  };
}

/** The Bloom keys of a phrase's first two words: its first word, and its first two words as one. */
export function phraseAnchors(phrase: Phrase): BloomBits[] | null {
  const second = phrase.firstTwoPrefix === null ? (phrase.mergedKeys[0] ?? null) : phrase.firstTwoPrefix.start;
  const first = phrase.wordKeys[0];
  return second === null || first === undefined ? null : [first, second];
}

/** A cheap necessary condition: every later word of the phrase shows up somewhere in the fields. */
function mayContain(phrase: Phrase, paper: IndexedPaper, mask: number): boolean {
  for (const { keys, prefix } of phrase.required) {
    let found = false;
    for (const key of keys) {
      if (hasWord(paper, key, mask)) {
        found = true;
        break;
      }
    }
    if (!found && (prefix === null || !hasPrefix(paper, prefix, mask))) return false;
  }
  return true;
}

/** What a phrase word stands for in a paper, besides a slot. */
/** Slot of a phrase word that is not in the paper. */
const ABSENT = -1;
/** Slot of a phrase's last word when it is a word start: any key starting with it. */
const WORD_START = -2;

/**
 * Looks for phrases, one paper at a time: the slots of a phrase's words and merged pairs in the
 * paper, then the positions where it can start. The slot arrays are scratch space the walker
 * keeps from one look to the next.
 */
export class PhraseWalker {
  /** Per word (`ABSENT`, `WORD_START` or a slot), and per neighbour pair written as one word. */
  private readonly wordSlots: number[] = [];
  private readonly mergedSlots: number[] = [];
  /** While `locate` runs: where it notes the positions found. */
  private found: number[] | null = null;

  /** Whether the phrase occurs in the fields of `mask`. */
  matches(phrase: Phrase, paper: IndexedPaper, mask: number): boolean {
    return mayContain(phrase, paper, mask) && this.walk(phrase, paper, mask, null);
  }

  /** Append the start of every occurrence of the phrase in the fields of `mask` to `positions`. */
  locate(phrase: Phrase, paper: IndexedPaper, mask: number, positions: number[]): void {
    if (!mayContain(phrase, paper, mask)) return;
    this.found = positions;
    try {
      this.walk(phrase, paper, mask, null);
    } finally {
      this.found = null;
    }
  }

  /** Add every occurrence of the phrase in the fields of `mask` to `counts`. */
  count(phrase: Phrase, paper: IndexedPaper, mask: number, counts: FieldCounts): void {
    if (mayContain(phrase, paper, mask)) this.walk(phrase, paper, mask, counts);
  }

  private resolve(phrase: Phrase, paper: IndexedPaper): void {
    const m = phrase.words.length;
    const prefix = phrase.prefix;
    const { wordSlots, mergedSlots } = this;
    let j = 0;
    for (const key of phrase.wordKeys) {
      wordSlots[j] = prefix && j === m - 1 ? WORD_START : findSlot(paper, key);
      j++;
    }
    j = 0;
    for (const key of phrase.mergedKeys) {
      mergedSlots[j] = prefix && j === m - 2 ? WORD_START : findSlot(paper, key);
      j++;
    }
  }

  /**
   * Walk the positions where the phrase can start (its first word as a token or as a joined pair,
   * its first two words as one token) in the fields of `mask`. Without `counts`, stop at the first
   * occurrence (while `locate` runs: note every one); with them, add every occurrence. The kinds
   * of start are disjoint.
   */
  private walk(phrase: Phrase, paper: IndexedPaper, mask: number, counts: FieldCounts | null): boolean {
    this.resolve(phrase, paper);
    const first = this.wordSlots[0] ?? ABSENT;
    if (
      first >= 0 &&
      (this.walkChain(phrase, paper, mask, counts, paper.head(first, TOKEN_CHAIN), TOKEN_CHAIN) ||
        this.walkChain(phrase, paper, mask, counts, paper.head(first, PAIR_CHAIN), PAIR_CHAIN))
    ) {
      return true;
    }
    const start = phrase.firstTwoPrefix;
    if (start === null) {
      const both = this.mergedSlots[0] ?? ABSENT;
      return both >= 0 && this.walkChain(phrase, paper, mask, counts, paper.head(both, TOKEN_CHAIN), TOKEN_CHAIN);
    }
    if (!hasPrefix(paper, start, mask)) return false;
    const starts = prefixStarts(paper);
    const from = prefixRunStart(starts, start.text);
    const to = prefixRunEnd(starts, from, start.text);
    for (let k = from; k < to; k++) {
      const slot = startSlot(starts, k);
      if (!slotStartsWith(paper, slot, start.text, false)) continue;
      if (this.walkChain(phrase, paper, mask, counts, paper.head(slot, TOKEN_CHAIN), TOKEN_CHAIN)) return true;
    }
    return false;
  }

  /** One position chain from `head`: each position in the fields of `mask` where the phrase matches. */
  private walkChain(
    phrase: Phrase,
    paper: IndexedPaper,
    mask: number,
    counts: FieldCounts | null,
    head: number,
    chain: Chain,
  ): boolean {
    for (let link = head; link !== END; link = paper.next(link, chain)) {
      const i = link - 1;
      if ((mask & (1 << paper.fieldOf(i))) === 0 || !this.matchAt(phrase, paper, i, 0)) continue;
      if (counts !== null) counts.add(paper, i);
      else if (this.found === null) return true;
      else this.found.push(i);
    }
    return false;
  }

  /** Whether the phrase, from word `j` on, matches from position `i` on (slots from `resolve`). */
  private matchAt(phrase: Phrase, paper: IndexedPaper, i: number, j: number): boolean {
    const m = phrase.words.length;
    if (j === m) return true;
    if (i >= paper.positions) return false;
    const tokenSlot = paper.tokenSlot(i);
    if (tokenSlot === NO_SLOT) return false;
    const word = this.wordSlots[j] ?? ABSENT;
    const wordStart = word === WORD_START;
    if (
      (wordStart ? tokenStartsWith(paper, i, phrase.lastWord) : tokenSlot === word) &&
      this.matchAt(phrase, paper, i + 1, j + 1)
    ) {
      return true;
    }
    const join = paper.join(i);
    if (join !== JOIN_NONE) {
      const fits = wordStart
        ? join === JOIN_HYPHEN && pairStartsWith(paper, i, phrase.lastWord)
        : paper.pairSlot(i) === word;
      if (fits && this.matchAt(phrase, paper, i + 2, j + 1)) return true;
    }
    if (j + 1 < m) {
      const both = this.mergedSlots[j] ?? ABSENT;
      const fits = both === WORD_START ? tokenStartsWith(paper, i, phrase.lastMerged) : tokenSlot === both;
      if (fits && this.matchAt(phrase, paper, i + 1, j + 2)) return true;
    }
    return false;
  }
}
