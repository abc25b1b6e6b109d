/**
 * Sets of papers in a batch as bitsets (bit i = the batch's paper i), so that a topic rules out
 * most of a batch with a few word-wide ANDs and ORs instead of one test per paper.
 */
import { BLOOM_WORDS } from './keys.js';
import type { IndexedPaper } from './paper-index.js';

/** A set of batch papers; `words` 32-bit words long. */
export type PaperSet = Uint32Array;

/** Number of 32-bit words in a set over `count` papers. */
export function setWords(count: number): number {
  return (count + 31) >>> 5;
}

/** Add paper `i` to `set`. */
export function addPaper(set: PaperSet, i: number): void {
  set[i >>> 5]! |= 1 << (i & 31);
}

/** Call `visit` with each paper of `set`, in ascending order. */
export function forEachPaper(set: PaperSet, visit: (i: number) => void): void {
  for (let w = 0; w < set.length; w++) {
    let bits = set[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      visit((w << 5) + 31 - Math.clz32(low));
      bits ^= low;
    }
  }
}

/**
 * The papers' Bloom filters turned on their side: for each filter bit, the set of papers whose
 * filter has it. A query's prefilter (see `mayMatch`) then names its candidates for the whole
 * batch at once.
 */
export class BloomColumns {
  /** Filter bits per paper. */
  private static readonly BITS = BLOOM_WORDS * 16;
  /**
   * Storage given back by a finished batch (`release`) for the next one: clearing megabytes the
   * processor has touched before costs less than having fresh ones mapped in.
   */
  private static spare: Uint32Array | null = null;
  readonly words: number;
  private readonly columns: Uint32Array;
  /** The whole storage `columns` is cut from. */
  private readonly storage: Uint32Array;

  constructor(papers: readonly IndexedPaper[]) {
    const words = setWords(papers.length);
    this.words = words;
    // Word j of the set of filter bit c lies at j × BITS + c: the 32 papers of one word write to
    // one contiguous block.
    const BITS = BloomColumns.BITS;
    const length = BITS * words;
    const spare = BloomColumns.spare;
    if (spare !== null && spare.length >= length) {
      BloomColumns.spare = null;
      this.storage = spare;
      this.columns = spare.subarray(0, length);
      this.columns.fill(0);
    } else {
      this.columns = new Uint32Array(length);
      this.storage = this.columns;
    }
    const columns = this.columns;
    // Filter word by filter word across the 32 papers of a block, so that all the writes for one
    // filter word land in one 64-byte run of `columns`.
    const filters: Uint16Array[] = [];
    for (let j = 0; j < words; j++) {
      const block = j * BITS;
      const count = Math.min(32, papers.length - j * 32);
      for (let k = 0; k < count; k++) filters[k] = papers[j * 32 + k]!.data;
      for (let w = 0; w < BLOOM_WORDS; w++) {
        const at = block + w * 16 + 31;
        for (let k = 0; k < count; k++) {
          let bits = filters[k]![w]!;
          const bit = 1 << k;
          while (bits !== 0) {
            const low = bits & -bits;
            columns[at - Math.clz32(low)]! |= bit;
            bits ^= low;
          }
        }
      }
    }
  }

  /** Hand the storage on to the next batch; this object is not used again afterwards. */
  release(): void {
    const spare = BloomColumns.spare;
    if (spare === null || spare.length < this.storage.length) BloomColumns.spare = this.storage;
  }

  /**
   * Narrow `set` to the papers `prefilter` lets through: those with both bits of at least one of
   * its (word, bits) pairs. A null prefilter lets every paper through.
   */
  narrow(set: PaperSet, prefilter: Int32Array | null, scratch: PaperSet): void {
    if (prefilter === null) return;
    const { columns, words } = this;
    const BITS = BloomColumns.BITS;
    scratch.fill(0);
    for (let k = 0; k < prefilter.length; k += 2) {
      const w = prefilter[k]!;
      const bits = prefilter[k + 1]!;
      const high = w * 16 + 31 - Math.clz32(bits);
      const low = w * 16 + 31 - Math.clz32(bits & -bits);
      for (let j = 0; j < words; j++) {
        // Only words with candidates left need looking at.
        if (set[j] !== 0) scratch[j]! |= columns[j * BITS + high]! & columns[j * BITS + low]!;
      }
    }
    for (let j = 0; j < words; j++) set[j]! &= scratch[j]!;
  }
}
