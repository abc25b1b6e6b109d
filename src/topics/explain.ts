/**
 * Where a matched term stands in a paper, read from the paper's index (its slots and position
 * chains), for saying which of a paper's authors an `au:` term matched. Only papers about to be
 * shown are asked, so nothing here is on the matching path.
 */
import type { Prefix, Probe } from './keys.js';
import {
  AUTHORS_BIT,
  END,
  findSlot,
  NO_SLOT,
  PAIR_CHAIN,
  prefixRunEnd,
  prefixRunStart,
  prefixStarts,
  slotStartsWith,
  startSlot,
  TOKEN_CHAIN,
} from './paper-index.js';
import type { Chain, IndexedPaper } from './paper-index.js';
import { foldText, JOIN_HYPHEN, tokenize } from './text.js';

/** Append the positions of a slot's chain that lie in the fields of `mask` (`hyphenOnly`: pairs joined by a hyphen). */
function chainPositions(
  paper: IndexedPaper,
  slot: number,
  chain: Chain,
  mask: number,
  hyphenOnly: boolean,
  out: number[],
): void {
  for (let link = paper.head(slot, chain); link !== END; link = paper.next(link, chain)) {
    const i = link - 1;
    if ((mask & (1 << paper.fieldOf(i))) === 0) continue;
    if (hyphenOnly && paper.join(i) !== JOIN_HYPHEN) continue;
    out.push(i);
  }
}

/** Append the positions in the fields of `mask` where a word occurs, as a token or a joined pair. */
export function wordPositions(paper: IndexedPaper, key: Probe, mask: number, out: number[]): void {
  const slot = findSlot(paper, key);
  if (slot < 0 || (paper.fields(slot) & mask) === 0) return;
  chainPositions(paper, slot, TOKEN_CHAIN, mask, false, out);
  chainPositions(paper, slot, PAIR_CHAIN, mask, false, out);
}

/**
 * Append the positions in the fields of `mask` of the words a prefix matches: tokens, and pairs
 * joined by a hyphen (as `hasPrefix` reads them).
 */
export function prefixPositions(paper: IndexedPaper, prefix: Prefix, mask: number, out: number[]): void {
  if (prefix.start !== null && !paper.hasBits(prefix.start)) return;
  const starts = prefixStarts(paper);
  const from = prefixRunStart(starts, prefix.text);
  const to = prefixRunEnd(starts, from, prefix.text);
  for (let k = from; k < to; k++) {
    const slot = startSlot(starts, k);
    if ((paper.prefixFields(slot) & mask) === 0 || !slotStartsWith(paper, slot, prefix.text, false)) continue;
    chainPositions(paper, slot, TOKEN_CHAIN, mask, false, out);
    chainPositions(paper, slot, PAIR_CHAIN, mask, true, out);
  }
}

/**
 * The authors, as `authors` names them and in their order (each name once), that the given
 * positions fall in, or that `places` names (0 for the first author with letters or digits in
 * their name, and so on).
 * `authors` must be the list the paper was indexed with. The index puts one separator between two
 * authors with letters or digits in their names, so the k-th separator of the authors field
 * precedes the (k + 1)-th such author.
 */
export function authorsAt(
  paper: IndexedPaper,
  positions: readonly number[],
  authors: readonly string[],
  places: readonly number[] = [],
): string[] {
  const named = authors.filter((name) => tokenize(foldText(name)).tokens.length > 0);
  const hit = new Set<number>(places);
  for (const i of positions) {
    if ((AUTHORS_BIT & (1 << paper.fieldOf(i))) === 0) continue;
    let k = 0;
    for (let j = paper.authorsFrom; j < i; j++) if (paper.tokenSlot(j) === NO_SLOT) k++;
    hit.add(k);
  }
  return [...new Set(named.filter((_, k) => hit.has(k)))];
}
