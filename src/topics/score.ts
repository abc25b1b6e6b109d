/**
 * Relevance: BM25-like scores from how often a query's words, word starts and phrases occur in
 * each field of a paper, weighted by field (a title hit counts most).
 */
import type { Prefix, Probe } from './keys.js';
import {
  ABSTRACT_BIT,
  AUTHORS_BIT,
  END,
  findSlot,
  PAIR_CHAIN,
  prefixRunEnd,
  prefixRunStart,
  prefixStarts,
  slotStartsWith,
  startSlot,
  TITLE_BIT,
  TOKEN_CHAIN,
} from './paper-index.js';
import type { Chain, FieldCounts, IndexedPaper } from './paper-index.js';
import type { Phrase, PhraseWalker } from './phrase.js';

const K1 = 1.2;

interface FieldWeight {
  weight: number;
  /** Length normalisation strength (BM25's b). */
  b: number;
  /** Typical length in tokens. */
  average: number;
}

// A title hit outweighs any number of abstract hits (for titles under ~70 tokens).
const TITLE_WEIGHT: FieldWeight = { weight: 4, b: 0.3, average: 12 };
const ABSTRACT_WEIGHT: FieldWeight = { weight: 1, b: 0.75, average: 160 };
const AUTHORS_WEIGHT: FieldWeight = { weight: 2, b: 0.3, average: 15 };
const PREFIX_WEIGHT = 0.8;
/** Extra weight per word of a phrase beyond the first. */
const PHRASE_BONUS = 0.5;
/** The score of a matching category term. */
export const CATEGORY_SCORE = 0.5;
/** Share of a phrase score earned by AND-ed words that happen to stand next to each other. */
export const ADJACENCY_SHARE = 0.5;

function saturate(tf: number, length: number, field: FieldWeight): number {
  if (tf <= 0) return 0;
  const norm = 1 - field.b + (field.b * length) / field.average;
  return (field.weight * tf * (K1 + 1)) / (tf + K1 * norm);
}

function fieldScore(paper: IndexedPaper, mask: number, counts: FieldCounts): number {
  const lengths = paper.lengths;
  let score = 0;
  if (mask & TITLE_BIT) score += saturate(counts.title, lengths.title, TITLE_WEIGHT);
  if (mask & ABSTRACT_BIT) score += saturate(counts.abstract, lengths.abstract, ABSTRACT_WEIGHT);
  if (mask & AUTHORS_BIT) score += saturate(counts.authors, lengths.authors, AUTHORS_WEIGHT);
  return score;
}

function countChain(paper: IndexedPaper, head: number, chain: Chain, counts: FieldCounts): void {
  for (let link = head; link !== END; link = paper.next(link, chain)) counts.add(paper, link - 1);
}

/** Add a key's occurrences (as a token and as a joined pair) to `counts`. */
function countSlot(paper: IndexedPaper, slot: number, counts: FieldCounts): void {
  countChain(paper, paper.head(slot, TOKEN_CHAIN), TOKEN_CHAIN, counts);
  countChain(paper, paper.head(slot, PAIR_CHAIN), PAIR_CHAIN, counts);
}

/** The score of a word in the fields of `mask`, or -1 when it is not there. */
export function wordScore(paper: IndexedPaper, key: Probe, mask: number, counts: FieldCounts): number {
  const slot = findSlot(paper, key);
  if (slot < 0 || (paper.fields(slot) & mask) === 0) return -1;
  counts.clear();
  countSlot(paper, slot, counts);
  return fieldScore(paper, mask, counts);
}

/** The score of a prefix in the fields of `mask`, or -1 when no word there starts with it. */
export function prefixScore(paper: IndexedPaper, prefix: Prefix, mask: number, counts: FieldCounts): number {
  if (prefix.start !== null && !paper.hasBits(prefix.start)) return -1;
  const starts = prefixStarts(paper);
  const from = prefixRunStart(starts, prefix.text);
  const to = prefixRunEnd(starts, from, prefix.text);
  // One pass: every key starting with the prefix counts, but only one a prefix may match in these
  // fields makes it a match.
  let found = false;
  counts.clear();
  for (let k = from; k < to; k++) {
    const slot = startSlot(starts, k);
    if (!slotStartsWith(paper, slot, prefix.text, false)) continue;
    if ((paper.prefixFields(slot) & mask) !== 0) found = true;
    countSlot(paper, slot, counts);
  }
  return found ? PREFIX_WEIGHT * fieldScore(paper, mask, counts) : -1;
}

/**
 * The score of an `au:` name of `words` words that `authors` of the paper's authors bear (not as written, else
 * it scores as a word or phrase), as a phrase of as many words found once per author.
 */
export function nameScore(paper: IndexedPaper, words: number, authors: number): number {
  return (1 + PHRASE_BONUS * (words - 1)) * saturate(authors, paper.lengths.authors, AUTHORS_WEIGHT);
}

/** The score of a phrase in the fields of `mask`, 0 when it is not there. */
export function phraseScore(
  phrase: Phrase,
  paper: IndexedPaper,
  mask: number,
  walker: PhraseWalker,
  counts: FieldCounts,
): number {
  counts.clear();
  walker.count(phrase, paper, mask, counts);
  const weight = (1 + PHRASE_BONUS * (phrase.words.length - 1)) * (phrase.prefix ? PREFIX_WEIGHT : 1);
  return weight * fieldScore(paper, mask, counts);
}
