/**
 * Compiled topic queries. A paper is tokenised once (`indexPaper`): its folded text is kept as one
 * string, and one typed array holds a Bloom filter, a hash table of its tokens and joined word
 * pairs (as slots), and per-position slot numbers and chains. No token becomes a string of its
 * own. Every topic's compiled query then runs against that with bit tests first, table probes
 * second, and integer comparisons along position chains for phrases and counts. No regular
 * expression is built from query text.
 */
import { archiveOf } from './category.js';
import type { QueryAst, TextField } from './query.js';
import { foldText, isPlainAscii, isWordCode, JOIN_HYPHEN, JOIN_NONE, joinKind } from './text.js';

/** The text of a paper that queries look at; a `Paper` fits. */
export interface PaperText {
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly primaryCategory?: string;
}

const TI = 1;
const ABS = 2;
const AU = 4;

/**
 * Offsets, positions and slot numbers are 16-bit: folded text past this many units is not
 * indexed. Tokens and separators take at least one unit each, so there are fewer positions than
 * units and at most one slot per unit (a token and a pair per two units), all below `NO_SLOT`.
 */
const MAX_TEXT = 65_000;
/**
 * Bloom filter size in 16-bit words (a power of two); two bits per key, in one word. The filter
 * is the first `BLOOM_WORDS` words of `IndexedPaper.data`.
 */
export const BLOOM_WORDS = 512;
/**
 * Per key: flags (field bits, prefix field bits << 3), first position as a token (+1, 0 none),
 * first position as a joined pair (+1, 0 none), 16-bit fingerprint of its hash, and for a token
 * the offset and length of its text.
 */
const SLOT = 6;
/**
 * Per position: join kind with the next token, next position of the same token (+1), next
 * position of the same joined pair (+1), slot of the token, slot of the pair it starts.
 */
const POS = 5;
/** Slot number of nothing: separators between fields and authors, positions that start no pair. */
const NO_SLOT = 0xffff;

/**
 * A paper prepared for matching; build it once with `indexPaper` and reuse it for every topic.
 * The layout is private to this module.
 */
export interface IndexedPaper {
  /** Title, abstract and authors, folded, separated by U+0000. */
  readonly text: string;
  /** Number of positions: tokens, plus one separator between fields and between authors. */
  readonly positions: number;
  /** Positions where the abstract and the authors start. */
  readonly abstractFrom: number;
  readonly authorsFrom: number;
  /** Real tokens per field: title, abstract, authors. */
  readonly lengths: readonly [number, number, number];
  /** Number of keys: tokens and joinable neighbour pairs (`semi`+`supervised` → `semisupervised`). */
  readonly keyCount: number;
  /** Bloom filter, hash table (slot + 1, 0 empty), slots and positions; offsets below. */
  readonly data: Uint16Array;
  readonly tableAt: number;
  readonly tableMask: number;
  readonly slotsAt: number;
  readonly positionsAt: number;
  /** Ids (`categoryId`) of the paper's categories and of their archives, lower-cased. */
  readonly categoryIds: readonly number[];
  /** `primaryCategory` as given to `indexPaper` (or null), and the ids of it and its archive. */
  readonly primaryCategory: string | null;
  readonly primaryIds: readonly number[];
  /**
   * The keys a prefix may match, as (first two UTF-16 units) × 65536 + slot, sorted: the keys
   * starting with two given units are one run of it. Built on first use.
   */
  prefixStarts: Float64Array | null;
}

// ---------------------------------------------------------------------------------------------
// Categories

const categoryIds = new Map<string, number>();

/** A small integer naming a lower-case category or archive, the same for the whole process. */
export function categoryId(key: string): number {
  let id = categoryIds.get(key);
  if (id === undefined) {
    id = categoryIds.size;
    categoryIds.set(key, id);
  }
  return id;
}

/** Ids of the categories and of their archives, lower-cased. */
export function categoryKeyIds(categories: readonly string[]): number[] {
  const ids: number[] = [];
  for (const category of categories) {
    const lower = category.toLowerCase();
    for (const id of [categoryId(lower), categoryId(archiveOf(lower))]) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Hashing and key text

/**
 * Keys hash as a polynomial over their UTF-16 units (then `mix`ed), so that a joined pair's hash
 * comes from its two tokens' hashes without reading the text again:
 * poly(a + b) = poly(a) × BASE^|b| + poly(b).
 */
const HASH_SEED = 0;
const HASH_BASE = 0x01000193;

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Polynomial hash state after `text[from, from + length)`, from state `h`. */
function poly(h: number, text: string, from: number, length: number): number {
  for (let i = from; i < from + length; i++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/** Hash of a key; a joined pair hashes as its concatenation. */
function hashKey(key: string): number {
  return mix(poly(HASH_SEED, key, 0, key.length));
}

/** Hash marking "some key starts with these `length` characters" (3 or 5). */
function hashStart(h: number, length: number): number {
  return mix(h ^ (0x9e3779b9 + length));
}

/** The start length a prefix is filtered by, or 0 when it is too short to be. */
function startLength(length: number): number {
  return length >= 5 ? 5 : length >= 3 ? 3 : 0;
}

/**
 * A key's text as up to two segments of the paper's text (a joined pair has two). Filled by
 * `segments`, read right away: one call at a time.
 */
const seg = { a: 0, aLength: 0, b: 0, bLength: 0 };

/** Point `seg` at the text of a slot: its token, or the two tokens of its first joined pair. */
function segments(paper: IndexedPaper, slot: number): void {
  const { data, slotsAt, positionsAt } = paper;
  const at = slotsAt + slot * SLOT;
  if (data[at + 1] !== 0) {
    seg.a = data[at + 4]!;
    seg.aLength = data[at + 5]!;
    seg.bLength = 0;
    return;
  }
  const i = data[at + 2]! - 1;
  const left = slotsAt + data[positionsAt + i * POS + 3]! * SLOT;
  const right = slotsAt + data[positionsAt + (i + 1) * POS + 3]! * SLOT;
  seg.a = data[left + 4]!;
  seg.aLength = data[left + 5]!;
  seg.b = data[right + 4]!;
  seg.bLength = data[right + 5]!;
}

/** Whether the text in `seg` starts with `prefix` (`exact`: and is exactly it). */
function segStartsWith(text: string, prefix: string, exact: boolean): boolean {
  const length = seg.aLength + seg.bLength;
  if (exact ? length !== prefix.length : length < prefix.length) return false;
  if (prefix.length <= seg.aLength) return text.startsWith(prefix, seg.a);
  for (let i = 0; i < seg.aLength; i++) if (text.charCodeAt(seg.a + i) !== prefix.charCodeAt(i)) return false;
  for (let i = seg.aLength; i < prefix.length; i++) {
    if (text.charCodeAt(seg.b + i - seg.aLength) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether the token at position `i` starts with `prefix`. */
function tokenStartsWith(paper: IndexedPaper, i: number, prefix: string): boolean {
  const slot = paper.data[paper.positionsAt + i * POS + 3]!;
  if (slot === NO_SLOT) return false;
  const at = paper.slotsAt + slot * SLOT;
  return paper.data[at + 5]! >= prefix.length && paper.text.startsWith(prefix, paper.data[at + 4]!);
}

/**
 * Bloom bits of a hash: two bits of one 16-bit word (a blocked filter), so that a test is a
 * single memory read.
 */
interface BloomBits {
  /** Word index. */
  readonly w: number;
  /** The two bits within the word. */
  readonly m: number;
}

function bloomBits(h: number): BloomBits {
  return { w: h & (BLOOM_WORDS - 1), m: (1 << ((h >>> 9) & 15)) | (1 << ((h >>> 13) & 15)) };
}

function inBloom(data: Uint16Array, bits: BloomBits): boolean {
  return (data[bits.w]! & bits.m) === bits.m;
}

function setBloom(data: Uint16Array, h: number): void {
  data[h & (BLOOM_WORDS - 1)]! |= (1 << ((h >>> 9) & 15)) | (1 << ((h >>> 13) & 15));
}

function fingerprint(hash: number): number {
  return hash >>> 16;
}

/** A key to look up, hashed once at compile time. */
interface Probe extends BloomBits {
  readonly key: string;
  readonly hash: number;
  /** Compared before the key's text. */
  readonly fingerprint: number;
}

function probe(key: string): Probe {
  const hash = hashKey(key);
  const { w, m } = bloomBits(hash);
  return { key, hash, fingerprint: fingerprint(hash), w, m };
}

/** Bloom bits saying that some indexed key starts like `prefix`, or null when none can. */
function startProbe(prefix: string): BloomBits | null {
  const length = startLength(prefix.length);
  return length === 0 ? null : bloomBits(hashStart(poly(HASH_SEED, prefix, 0, length), length));
}

/** The slot of a key in the paper, or -1. */
function find(paper: IndexedPaper, key: Probe): number {
  const data = paper.data;
  if ((data[key.w]! & key.m) !== key.m) return -1;
  const { tableAt, tableMask, slotsAt } = paper;
  for (let t = key.hash & tableMask; ; t = (t + 1) & tableMask) {
    const entry = data[tableAt + t]!;
    if (entry === 0) return -1;
    if (data[slotsAt + (entry - 1) * SLOT + 3] !== key.fingerprint) continue;
    segments(paper, entry - 1);
    if (segStartsWith(paper.text, key.key, true)) return entry - 1;
  }
}

/** Per-field counts for the score being computed (scores are computed one at a time). */
const counts = [0, 0, 0];

function resetCounts(): void {
  counts[0] = 0;
  counts[1] = 0;
  counts[2] = 0;
}

/** Occurrences of a slot per field (as a token and as a joined pair), added to `counts`. */
function countSlot(paper: IndexedPaper, slot: number): void {
  const { data, slotsAt, positionsAt, abstractFrom, authorsFrom } = paper;
  for (let link = 1; link <= 2; link++) {
    for (let p = data[slotsAt + slot * SLOT + link]!; p !== 0; p = data[positionsAt + (p - 1) * POS + link]!) {
      counts[p - 1 < abstractFrom ? 0 : p - 1 < authorsFrom ? 1 : 2]!++;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Indexing

/** Scratch space reused by every `indexPaper` call (one call runs at a time). */
let scratchTable = new Int32Array(1024);
let scratchSlots = new Uint16Array(1024 * SLOT);
let scratchHashes = new Uint32Array(1024);
let scratchPositions = new Uint16Array(1024 * POS);
/**
 * Per position: start and length in the text (separators: length 0), hash state of the token
 * (`poly`), and HASH_BASE to the power of its length.
 */
let scratchStarts = new Int32Array(1024);
let scratchLengths = new Int32Array(1024);
let scratchStates = new Int32Array(1024);
let scratchPowers = new Int32Array(1024);

/** A power of two keeping the load factor of a linear-probing table at or under 1/2. */
function tableSize(entries: number): number {
  let size = 16;
  while (size < entries * 2) size *= 2;
  return size;
}

/**
 * Index arrays are cut from shared slabs: one large buffer instead of thousands of small ones,
 * which the engine would allocate and collect one by one. A slab lives while any paper in it does.
 */
class Slabs<T extends Uint16Array | Float64Array> {
  private slab: T;
  private used = 0;

  constructor(
    private readonly make: (length: number) => T,
    private readonly slabLength: number,
  ) {
    this.slab = make(0);
  }

  take(length: number): T {
    if (this.used + length > this.slab.length) {
      this.slab = this.make(Math.max(this.slabLength, length));
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + length) as T;
    this.used += length;
    return view;
  }
}

/** Each paper's slots and positions. */
const indexSlabs = new Slabs((length) => new Uint16Array(length), 1 << 19);
/** Each paper's `prefixStarts`. */
const startsSlabs = new Slabs((length) => new Float64Array(length), 1 << 16);

function ensureScratch(units: number): void {
  // At most one position per unit plus separators; at most two keys per position.
  const positions = units + 1;
  if (scratchStarts.length < positions) {
    scratchStarts = new Int32Array(positions);
    scratchLengths = new Int32Array(positions);
    scratchStates = new Int32Array(positions);
    scratchPowers = new Int32Array(positions);
    scratchPositions = new Uint16Array(positions * POS);
  }
  const slots = 2 * positions;
  if (scratchHashes.length < slots) {
    scratchHashes = new Uint32Array(slots);
    scratchSlots = new Uint16Array(slots * SLOT);
  }
  const size = tableSize(slots);
  if (scratchTable.length < size) scratchTable = new Int32Array(size);
}

/** HASH_BASE to the powers 0 to 63: token lengths, looked up rather than multiplied out per unit. */
const BASE_POWERS = new Int32Array(64);
BASE_POWERS[0] = 1;
for (let k = 1; k < BASE_POWERS.length; k++) BASE_POWERS[k] = Math.imul(BASE_POWERS[k - 1]!, HASH_BASE);

function basePower(length: number): number {
  if (length < BASE_POWERS.length) return BASE_POWERS[length]!;
  let power = BASE_POWERS[BASE_POWERS.length - 1]!;
  for (let k = BASE_POWERS.length - 1; k < length; k++) power = Math.imul(power, HASH_BASE);
  return power;
}

/**
 * 1 for ASCII letters and digits. Kept here so that the tokeniser's inner loop makes no call for
 * plain ASCII text, the common case.
 */
const ASCII_WORD = new Uint8Array(128).map((_, code) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 1 : 0,
);

/**
 * Tokenise `text` into the scratch arrays: a position per token, and a separator position
 * (length 0) wherever a U+0000 lies between two tokens. Returns the number of positions and the
 * positions where the second and third parts (abstract, authors) begin.
 */
function scan(
  text: string,
  abstractAt: number,
  authorsAt: number,
): { n: number; abstractFrom: number; authorsFrom: number } {
  let n = 0;
  let previousEnd = -1;
  let boundary = false;
  let abstractFrom = -1;
  let authorsFrom = -1;
  const positions = scratchPositions;
  let i = 0;
  const length = text.length;
  while (i < length) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code < 0xdc00) code = text.codePointAt(i)!;
    if (!(code < 128 ? ASCII_WORD[code] === 1 : isWordCode(code))) {
      if (code === 0) boundary = true;
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    // Hash ASCII units on the way; a token with other characters is hashed again below.
    let ascii = code < 128;
    let h = (Math.imul(HASH_SEED, HASH_BASE) + code) | 0;
    for (;;) {
      i += code > 0xffff ? 2 : 1;
      if (i >= length) break;
      code = text.charCodeAt(i);
      if (code < 128) {
        if (ASCII_WORD[code] !== 1) break;
        h = (Math.imul(h, HASH_BASE) + code) | 0;
        continue;
      }
      if (code >= 0xd800 && code < 0xdc00) code = text.codePointAt(i)!;
      if (!isWordCode(code)) break;
      ascii = false;
    }
    if (!ascii) h = poly(HASH_SEED, text, start, i - start);
    if (boundary && n > 0 && scratchLengths[n - 1] !== 0) {
      scratchStarts[n] = start;
      scratchLengths[n] = 0;
      positions[(n - 1) * POS] = JOIN_NONE;
      positions[n * POS] = JOIN_NONE;
      n++;
    }
    boundary = false;
    if (abstractFrom < 0 && start >= abstractAt) abstractFrom = n;
    if (authorsFrom < 0 && start >= authorsAt) authorsFrom = n;
    if (n > 0 && scratchLengths[n - 1] !== 0) {
      positions[(n - 1) * POS] = joinKind(text, previousEnd, start, scratchLengths[n - 1]!, i - start);
    }
    scratchStarts[n] = start;
    scratchLengths[n] = i - start;
    scratchStates[n] = h;
    scratchPowers[n] = basePower(i - start);
    positions[n * POS] = JOIN_NONE;
    previousEnd = i;
    n++;
  }
  return { n, abstractFrom: abstractFrom < 0 ? n : abstractFrom, authorsFrom: authorsFrom < 0 ? n : authorsFrom };
}

/** Whether key `text[a, a + aLength) + text[b, b + bLength)` is the text of scratch slot `slot`. */
function sameKey(text: string, slot: number, a: number, aLength: number, b: number, bLength: number): boolean {
  const at = slot * SLOT;
  let c: number;
  let cLength: number;
  let d = 0;
  let dLength = 0;
  if (scratchSlots[at + 1] !== 0) {
    c = scratchSlots[at + 4]!;
    cLength = scratchSlots[at + 5]!;
  } else {
    const i = scratchSlots[at + 2]! - 1;
    c = scratchStarts[i]!;
    cLength = scratchLengths[i]!;
    d = scratchStarts[i + 1]!;
    dLength = scratchLengths[i + 1]!;
  }
  const length = aLength + bLength;
  if (length !== cLength + dLength) return false;
  for (let k = 0; k < length; k++) {
    const x = k < aLength ? text.charCodeAt(a + k) : text.charCodeAt(b + k - aLength);
    const y = k < cLength ? text.charCodeAt(c + k) : text.charCodeAt(d + k - cLength);
    if (x !== y) return false;
  }
  return true;
}

/** The scratch slot of a key, given a fresh (zeroed) one on first sight. */
function slotOf(
  text: string,
  hash: number,
  mask: number,
  count: number,
  a: number,
  aLength: number,
  b: number,
  bLength: number,
): number {
  for (let t = hash & mask; ; t = (t + 1) & mask) {
    const entry = scratchTable[t]!;
    if (entry === 0) {
      scratchTable[t] = count + 1;
      scratchHashes[count] = hash;
      // Six stores: cheaper than a `fill` call for so few elements.
      const at = count * SLOT;
      scratchSlots[at] = 0;
      scratchSlots[at + 1] = 0;
      scratchSlots[at + 2] = 0;
      scratchSlots[at + 3] = 0;
      scratchSlots[at + 4] = 0;
      scratchSlots[at + 5] = 0;
      return count;
    }
    if (scratchHashes[entry - 1] === hash && sameKey(text, entry - 1, a, aLength, b, bLength)) return entry - 1;
  }
}

/** Tokenise a paper once: the result serves every topic. */
export function indexPaper(paper: PaperText): IndexedPaper {
  // Plain ASCII (the common case) folds to lower case alone: one pass over the joined text.
  let text = `${paper.title}\0${paper.abstract}\0${paper.authors.join('\0')}`;
  let titleLength = paper.title.length;
  let abstractLength = paper.abstract.length;
  if (isPlainAscii(text)) text = text.toLowerCase();
  else {
    const title = foldText(paper.title);
    const abstract = foldText(paper.abstract);
    titleLength = title.length;
    abstractLength = abstract.length;
    text = `${title}\0${abstract}\0${paper.authors.map(foldText).join('\0')}`;
  }
  if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT);
  ensureScratch(text.length);
  const { n, abstractFrom, authorsFrom } = scan(text, titleLength + 1, titleLength + abstractLength + 2);
  const positions = scratchPositions;
  const slots = scratchSlots;
  const starts = scratchStarts;
  const lengths = scratchLengths;
  const states = scratchStates;
  const powers = scratchPowers;
  const size0 = tableSize(2 * n + 1);
  scratchTable.fill(0, 0, size0);
  const mask = size0 - 1;

  // Backwards, so that position chains come out in ascending order: give every token and joined
  // pair a slot, mark its fields, chain its positions.
  let count = 0;
  const fieldLengths: [number, number, number] = [0, 0, 0];
  for (let i = n - 1; i >= 0; i--) {
    const p = i * POS;
    positions[p + 1] = 0;
    positions[p + 2] = 0;
    positions[p + 3] = NO_SLOT;
    positions[p + 4] = NO_SLOT;
    const length = lengths[i]!;
    if (length === 0) continue;
    const field = i < abstractFrom ? 0 : i < authorsFrom ? 1 : 2;
    fieldLengths[field]++;
    const bit = 1 << field;
    const start = starts[i]!;
    const single = slotOf(text, mix(states[i]!), mask, count, start, length, 0, 0);
    if (single === count) count++;
    // The key may have been seen as a joined pair first: give it its own text now.
    slots[single * SLOT + 4] = start;
    slots[single * SLOT + 5] = length;
    slots[single * SLOT]! |= bit | (bit << 3);
    positions[p + 1] = slots[single * SLOT + 1]!;
    slots[single * SLOT + 1] = i + 1;
    positions[p + 3] = single;
    const join = positions[p]!;
    if (join === JOIN_NONE) continue;
    const next = starts[i + 1]!;
    const nextLength = lengths[i + 1]!;
    const joined = slotOf(
      text,
      mix((Math.imul(states[i]!, powers[i + 1]!) + states[i + 1]!) | 0),
      mask,
      count,
      start,
      length,
      next,
      nextLength,
    );
    if (joined === count) count++;
    slots[joined * SLOT]! |= join === JOIN_HYPHEN ? bit | (bit << 3) : bit;
    positions[p + 2] = slots[joined * SLOT + 2]!;
    slots[joined * SLOT + 2] = i + 1;
    positions[p + 4] = joined;
  }

  // Lay out the Bloom filter, an exact-size table, the slots and the positions.
  const size = tableSize(count);
  const tableAt = BLOOM_WORDS;
  const slotsAt = tableAt + size;
  const positionsAt = slotsAt + count * SLOT;
  const data = indexSlabs.take(positionsAt + n * POS);
  for (let slot = 0; slot < count; slot++) {
    const hash = scratchHashes[slot]!;
    slots[slot * SLOT + 3] = fingerprint(hash);
    setBloom(data, hash);
    let t = hash & (size - 1);
    while (data[tableAt + t] !== 0) t = (t + 1) & (size - 1);
    data[tableAt + t] = slot + 1;
    if (slots[slot * SLOT]! >>> 3 === 0) continue;
    // Starts of keys a prefix may match: 3 and 5 units, hashed as a query prefix is.
    const token = slots[slot * SLOT + 1]!;
    const a = token !== 0 ? slots[slot * SLOT + 4]! : starts[slots[slot * SLOT + 2]! - 1]!;
    const aLength = token !== 0 ? slots[slot * SLOT + 5]! : lengths[slots[slot * SLOT + 2]! - 1]!;
    const b = token !== 0 ? 0 : starts[slots[slot * SLOT + 2]!]!;
    const bLength = token !== 0 ? 0 : lengths[slots[slot * SLOT + 2]!]!;
    const total = startLength(aLength + bLength);
    let h = HASH_SEED;
    for (let k = 0; k < total; k++) {
      h = (Math.imul(h, HASH_BASE) + (k < aLength ? text.charCodeAt(a + k) : text.charCodeAt(b + k - aLength))) | 0;
      if (k === 2 || k === 4) setBloom(data, hashStart(h, k + 1));
    }
  }
  data.set(slots.subarray(0, count * SLOT), slotsAt);
  data.set(positions.subarray(0, n * POS), positionsAt);

  const primary = paper.primaryCategory ?? null;
  const categoryIds = categoryKeyIds(paper.categories);
  const primaryIds = primary === null ? [] : categoryKeyIds([primary]);
  return {
    text,
    positions: n,
    abstractFrom,
    authorsFrom,
    lengths: fieldLengths,
    keyCount: count,
    data,
    tableAt,
    tableMask: size - 1,
    slotsAt,
    positionsAt,
    categoryIds,
    primaryCategory: primary,
    primaryIds,
    prefixStarts: null,
  };
}

function fieldFlags(paper: IndexedPaper, slot: number): number {
  return paper.data[paper.slotsAt + slot * SLOT]! & 7;
}

/** Scratch for building `prefixStarts` (one build at a time). */
let scratchStarts64 = new Float64Array(1024);

function buildPrefixStarts(paper: IndexedPaper): Float64Array {
  const { data, slotsAt, text } = paper;
  if (scratchStarts64.length < paper.keyCount) scratchStarts64 = new Float64Array(paper.keyCount);
  let n = 0;
  for (let slot = 0; slot < paper.keyCount; slot++) {
    if (data[slotsAt + slot * SLOT]! >>> 3 === 0) continue;
    segments(paper, slot);
    // A prefix has at least two units; a one-unit key can only be the start of none.
    if (seg.aLength + seg.bLength < 2) continue;
    const second = seg.aLength >= 2 ? text.charCodeAt(seg.a + 1) : text.charCodeAt(seg.b);
    scratchStarts64[n++] = (text.charCodeAt(seg.a) * 65536 + second) * 65536 + slot;
  }
  const starts = startsSlabs.take(n);
  starts.set(scratchStarts64.subarray(0, n));
  starts.sort();
  paper.prefixStarts = starts;
  return starts;
}

/** End (exclusive) of the run `prefixRun` found last; read right away, one search at a time. */
let runEnd = 0;

/**
 * Where the keys a prefix may match that start like `prefix` does (same first two units) lie in
 * `paper.prefixStarts`: from the index returned to `runEnd`. A key's slot is its entry % 65536.
 */
function prefixRun(paper: IndexedPaper, prefix: string): number {
  const starts = paper.prefixStarts ?? buildPrefixStarts(paper);
  const from = (prefix.charCodeAt(0) * 65536 + prefix.charCodeAt(1)) * 65536;
  const to = from + 65536;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < starts.length && starts[end]! < to) end++;
  runEnd = end;
  return lo;
}

/** Whether a slot's text starts with `prefix`. */
function slotStartsWith(paper: IndexedPaper, slot: number, prefix: string): boolean {
  segments(paper, slot);
  return segStartsWith(paper.text, prefix, false);
}

// ---------------------------------------------------------------------------------------------
// Relevance

const K1 = 1.2;
interface FieldWeight {
  weight: number;
  /** Length normalisation strength (BM25's b). */
  b: number;
  /** Typical length in tokens. */
  average: number;
}
// A title hit outweighs any number of abstract hits (for titles under ~70 tokens).
const TITLE: FieldWeight = { weight: 4, b: 0.3, average: 12 };
const ABSTRACT: FieldWeight = { weight: 1, b: 0.75, average: 160 };
const AUTHORS: FieldWeight = { weight: 2, b: 0.3, average: 15 };
const PREFIX_WEIGHT = 0.8;
const CATEGORY_SCORE = 0.5;
/** Extra weight per word of a phrase beyond the first. */
const PHRASE_BONUS = 0.5;
/** Share of a phrase score earned by AND-ed words that happen to stand next to each other. */
const ADJACENCY_SHARE = 0.5;

function saturate(tf: number, length: number, field: FieldWeight): number {
  if (tf <= 0) return 0;
  const norm = 1 - field.b + (field.b * length) / field.average;
  return (field.weight * tf * (K1 + 1)) / (tf + K1 * norm);
}

function fieldScore(paper: IndexedPaper, mask: number, ti: number, abs: number, au: number): number {
  let score = 0;
  if (mask & TI) score += saturate(ti, paper.lengths[0], TITLE);
  if (mask & ABS) score += saturate(abs, paper.lengths[1], ABSTRACT);
  if (mask & AU) score += saturate(au, paper.lengths[2], AUTHORS);
  return score;
}

// ---------------------------------------------------------------------------------------------
// Words and prefixes

function fieldMask(field: TextField | null): number {
  switch (field) {
    case 'ti':
      return TI;
    case 'abs':
      return ABS;
    case 'au':
      return AU;
    case null:
      return TI | ABS;
  }
}

function wordIn(paper: IndexedPaper, key: Probe, mask: number): boolean {
  const slot = find(paper, key);
  return slot >= 0 && (fieldFlags(paper, slot) & mask) !== 0;
}

/** The score of a word in the fields of `mask`, or -1 when it is not there. */
function wordScore(paper: IndexedPaper, key: Probe, mask: number): number {
  const slot = find(paper, key);
  if (slot < 0 || (fieldFlags(paper, slot) & mask) === 0) return -1;
  resetCounts();
  countSlot(paper, slot);
  return fieldScore(paper, mask, counts[0]!, counts[1]!, counts[2]!);
}

interface Prefix {
  readonly text: string;
  readonly start: BloomBits | null;
}

function hasPrefix(paper: IndexedPaper, prefix: Prefix, mask: number): boolean {
  if (prefix.start !== null && !inBloom(paper.data, prefix.start)) return false;
  const { data, slotsAt } = paper;
  const from = prefixRun(paper, prefix.text);
  const to = runEnd;
  const starts = paper.prefixStarts!;
  for (let k = from; k < to; k++) {
    const slot = starts[k]! % 65536;
    if (((data[slotsAt + slot * SLOT]! >>> 3) & mask) !== 0 && slotStartsWith(paper, slot, prefix.text)) return true;
  }
  return false;
}

/** The score of a prefix in the fields of `mask`, or -1 when no word there starts with it. */
function prefixScore(paper: IndexedPaper, prefix: Prefix, mask: number): number {
  if (prefix.start !== null && !inBloom(paper.data, prefix.start)) return -1;
  const { data, slotsAt } = paper;
  const from = prefixRun(paper, prefix.text);
  const to = runEnd;
  const starts = paper.prefixStarts!;
  // One pass: every key starting with the prefix counts, but only one a prefix may match in these fields makes it a match.
  let found = false;
  resetCounts();
  for (let k = from; k < to; k++) {
    const slot = starts[k]! % 65536;
    if (!slotStartsWith(paper, slot, prefix.text)) continue;
    if (((data[slotsAt + slot * SLOT]! >>> 3) & mask) !== 0) found = true;
    countSlot(paper, slot);
  }
  return found ? PREFIX_WEIGHT * fieldScore(paper, mask, counts[0]!, counts[1]!, counts[2]!) : -1;
}

// ---------------------------------------------------------------------------------------------
// Phrases

/** A phrase ready to be looked for: words, and each neighbour pair written as one word. */
interface Phrase {
  readonly words: readonly string[];
  readonly merged: readonly string[];
  readonly prefix: boolean;
  readonly wordKeys: readonly Probe[];
  readonly mergedKeys: readonly Probe[];
  /** `merged[0]` as a prefix, when the phrase is two words ending in `*`. */
  readonly firstTwoPrefix: Prefix | null;
  /** For each later word: keys, one of which must be in the paper, or else a key starting with `prefix`. */
  readonly required: ReadonlyArray<{ readonly keys: readonly Probe[]; readonly prefix: Prefix | null }>;
}

function toPrefix(text: string): Prefix {
  return { text, start: startProbe(text) };
}

function compilePhrase(words: readonly string[], prefix: boolean): Phrase {
  const merged = words.slice(1).map((word, j) => words[j]! + word);
  const wordKeys = words.map(probe);
  const mergedKeys = merged.map(probe);
  const m = words.length;
  const required: Array<{ keys: Probe[]; prefix: Prefix | null }> = [];
  // A last word with `*` may be any word start, so it is found by the walk alone.
  for (let j = 1; j < m - (prefix ? 1 : 0); j++) {
    const keys = [wordKeys[j]!, mergedKeys[j - 1]!];
    let mergedPrefix: Prefix | null = null;
    if (j < m - 1) {
      if (prefix && j === m - 2) mergedPrefix = toPrefix(merged[j]!);
      else keys.push(mergedKeys[j]!);
    }
    required.push({ keys, prefix: mergedPrefix });
  }
  return {
    words,
    merged,
    prefix,
    wordKeys,
    mergedKeys,
    firstTwoPrefix: prefix && m === 2 ? toPrefix(merged[0]!) : null,
    required,
  };
}

/** Slots of the phrase's words and merged pairs in the paper being walked (-1 absent, -2 a prefix). */
let wordSlots = new Int32Array(64);
let mergedSlots = new Int32Array(64);

function resolve(phrase: Phrase, paper: IndexedPaper): void {
  const m = phrase.words.length;
  if (wordSlots.length < m) {
    wordSlots = new Int32Array(m);
    mergedSlots = new Int32Array(m);
  }
  for (let j = 0; j < m; j++) {
    wordSlots[j] = phrase.prefix && j === m - 1 ? -2 : find(paper, phrase.wordKeys[j]!);
    if (j < m - 1) mergedSlots[j] = phrase.prefix && j === m - 2 ? -2 : find(paper, phrase.mergedKeys[j]!);
  }
}

/**
 * Whether the phrase, from word `j` on, matches from position `i` on. A phrase word may be one
 * token, or two joinable tokens written together (`semisupervised` vs `semi-supervised`), and two
 * phrase words may be one token (`semi supervised` vs `semisupervised`). Uses `resolve`'s slots.
 */
function matchAt(phrase: Phrase, paper: IndexedPaper, i: number, j: number): boolean {
  const m = phrase.words.length;
  if (j === m) return true;
  if (i >= paper.positions) return false;
  const { data, positionsAt } = paper;
  const p = positionsAt + i * POS;
  const tokenSlot = data[p + 3]!;
  if (tokenSlot === NO_SLOT) return false;
  const word = wordSlots[j]!;
  const prefix = word === -2;
  if (
    (prefix ? tokenStartsWith(paper, i, phrase.words[j]!) : tokenSlot === word) &&
    matchAt(phrase, paper, i + 1, j + 1)
  ) {
    return true;
  }
  const join = data[p]!;
  if (join !== JOIN_NONE) {
    const fits = prefix ? join === JOIN_HYPHEN && pairStartsWith(paper, i, phrase.words[j]!) : data[p + 4] === word;
    if (fits && matchAt(phrase, paper, i + 2, j + 1)) return true;
  }
  if (j + 1 < m) {
    const both = mergedSlots[j]!;
    const fits = both === -2 ? tokenStartsWith(paper, i, phrase.merged[j]!) : tokenSlot === both;
    if (fits && matchAt(phrase, paper, i + 1, j + 2)) return true;
  }
  return false;
}

/** Whether the pair at `i`, `i + 1` starts with `prefix` and the first token alone is shorter. */
function pairStartsWith(paper: IndexedPaper, i: number, prefix: string): boolean {
  const { data, positionsAt, slotsAt } = paper;
  const left = slotsAt + data[positionsAt + i * POS + 3]! * SLOT;
  const right = slotsAt + data[positionsAt + (i + 1) * POS + 3]! * SLOT;
  seg.a = data[left + 4]!;
  seg.aLength = data[left + 5]!;
  seg.b = data[right + 4]!;
  seg.bLength = data[right + 5]!;
  return seg.aLength < prefix.length && segStartsWith(paper.text, prefix, false);
}

/**
 * Walk the positions where the phrase can start (its first word as a token or as a joined pair,
 * its first two words as one token) in the fields of `mask`. Without `all`, stop at the first
 * occurrence; with it, add every occurrence to `counts`. The kinds of start are disjoint.
 */
function walkPhrase(phrase: Phrase, paper: IndexedPaper, mask: number, all: boolean): boolean {
  resolve(phrase, paper);
  const { data, slotsAt } = paper;
  const first = wordSlots[0]!;
  if (first >= 0) {
    const at = slotsAt + first * SLOT;
    if (
      walkChain(phrase, paper, mask, all, data[at + 1]!, 1) ||
      walkChain(phrase, paper, mask, all, data[at + 2]!, 2)
    ) {
      return true;
    }
  }
  if (phrase.firstTwoPrefix === null) {
    const both = mergedSlots[0]!;
    return both >= 0 && walkChain(phrase, paper, mask, all, data[slotsAt + both * SLOT + 1]!, 1);
  }
  const start = phrase.firstTwoPrefix;
  if (!hasPrefix(paper, start, mask)) return false;
  const from = prefixRun(paper, start.text);
  const to = runEnd;
  const starts = paper.prefixStarts!;
  for (let k = from; k < to; k++) {
    const slot = starts[k]! % 65536;
    if (!slotStartsWith(paper, slot, start.text)) continue;
    if (walkChain(phrase, paper, mask, all, data[slotsAt + slot * SLOT + 1]!, 1)) return true;
  }
  return false;
}

/** One position chain of `walkPhrase`: `head` is a position + 1, `link` 1 for tokens, 2 for joined pairs. */
function walkChain(
  phrase: Phrase,
  paper: IndexedPaper,
  mask: number,
  all: boolean,
  head: number,
  link: number,
): boolean {
  const { data, positionsAt, abstractFrom, authorsFrom } = paper;
  for (let p = head; p !== 0; p = data[positionsAt + (p - 1) * POS + link]!) {
    const i = p - 1;
    const field = i < abstractFrom ? 0 : i < authorsFrom ? 1 : 2;
    if ((mask & (1 << field)) === 0 || !matchAt(phrase, paper, i, 0)) continue;
    if (!all) return true;
    counts[field]!++;
  }
  return false;
}

/** A cheap necessary condition: every later word of the phrase shows up somewhere in the fields. */
function mayContain(phrase: Phrase, paper: IndexedPaper, mask: number): boolean {
  for (const { keys, prefix } of phrase.required) {
    let found = false;
    for (const key of keys) {
      if (wordIn(paper, key, mask)) {
        found = true;
        break;
      }
    }
    if (!found && (prefix === null || !hasPrefix(paper, prefix, mask))) return false;
  }
  return true;
}

function phraseMatches(phrase: Phrase, paper: IndexedPaper, mask: number): boolean {
  return mayContain(phrase, paper, mask) && walkPhrase(phrase, paper, mask, false);
}

function phraseScore(phrase: Phrase, paper: IndexedPaper, mask: number): number {
  if (!mayContain(phrase, paper, mask)) return 0;
  resetCounts();
  walkPhrase(phrase, paper, mask, true);
  const weight = (1 + PHRASE_BONUS * (phrase.words.length - 1)) * (phrase.prefix ? PREFIX_WEIGHT : 1);
  return weight * fieldScore(paper, mask, counts[0]!, counts[1]!, counts[2]!);
}

// ---------------------------------------------------------------------------------------------
// Compilation

/** A query compiled for repeated use. */
export interface CompiledQuery {
  /** Whether the paper satisfies the query. */
  matches(paper: IndexedPaper): boolean;
  /**
   * Relevance of the paper: ≥ 0, higher is better, deterministic; 0 for a paper that does not
   * match. Only the parts of the query that match count.
   */
  score(paper: IndexedPaper): number;
  /** `matches` and `score` in one pass: the score, or -1 when the paper does not match. */
  evaluate(paper: IndexedPaper): number;
  /**
   * A necessary condition, as pairs (word, bits) of which at least one must be set in a paper's
   * Bloom filter for `matches` to hold (see `mayMatch`); null when the query has none.
   */
  readonly prefilter: Int32Array | null;
}

/** False when the query's prefilter rules the paper out; true when `matches` must decide. */
export function mayMatch(prefilter: Int32Array | null, paper: IndexedPaper): boolean {
  if (prefilter === null) return true;
  const data = paper.data;
  for (let k = 0; k < prefilter.length; k += 2) {
    const bits = prefilter[k + 1]!;
    if ((data[prefilter[k]!]! & bits) === bits) return true;
  }
  return false;
}

type Anchors = readonly BloomBits[];

const WORD = 0;
const PREFIX = 1;
const PHRASE = 2;
const CATEGORY = 3;
const NOT = 4;
const AND = 5;
const OR = 6;

const EMPTY_BITS = new Int32Array(0);

/** Bloom anchors of several parts in one flat array: triples (word, bits, part). */
class AnchorTable {
  readonly triples: Int32Array;

  constructor(parts: readonly Node[]) {
    const triples: number[] = [];
    parts.forEach((part, k) => {
      for (const bits of part.anchors ?? []) triples.push(bits.w, bits.m, k);
    });
    this.triples = triples.length === 0 ? EMPTY_BITS : Int32Array.from(triples);
  }
}

const NO_TABLE = new AnchorTable([]);

/**
 * A compiled query node. One class for every kind keeps property reads monomorphic, and plain
 * data walked by `test` and `evaluate` needs no closure per node.
 */
class Node {
  mask = 0;
  key: Probe | null = null;
  prefix: Prefix | null = null;
  phrase: Phrase | null = null;
  category = -1;
  /** Multiplies the score (adjacency bonuses). */
  weight = 1;
  /** NOT: the child; AND: children in test order; OR: children without anchors. */
  kids: Node[] = [];
  /** OR: children with anchors, and their anchors. */
  anchored: Node[] = [];
  table: AnchorTable = NO_TABLE;
  /** AND: phrase bonuses for words that stand next to each other, scored when the AND holds. */
  bonuses: Node[] = [];
  /** A cheap necessary condition for the node: at least one of these Bloom bit sets is present. */
  anchors: Anchors | null = null;

  constructor(readonly op: number) {}
}

/** Compile a parsed query once; the result is cheap to run on many indexed papers. */
export function compileQuery(ast: QueryAst): CompiledQuery {
  const root = compile(ast);
  const prefilter = root.anchors === null ? null : Int32Array.from(root.anchors.flatMap((bits) => [bits.w, bits.m]));
  return {
    matches: (paper) => test(root, paper),
    score: (paper) => Math.max(0, evaluate(root, paper)),
    evaluate: (paper) => evaluate(root, paper),
    prefilter,
  };
}

function compile(ast: QueryAst): Node {
  switch (ast.kind) {
    case 'word': {
      const node = new Node(ast.prefix ? PREFIX : WORD);
      node.mask = fieldMask(ast.field);
      if (ast.prefix) {
        node.prefix = toPrefix(ast.word);
        node.anchors = node.prefix.start && [node.prefix.start];
      } else {
        node.key = probe(ast.word);
        node.anchors = [node.key];
      }
      return node;
    }
    case 'phrase':
      return phraseNode(compilePhrase(ast.words, ast.prefix), fieldMask(ast.field), 1);
    case 'category': {
      const node = new Node(CATEGORY);
      node.category = categoryId(ast.category);
      return node;
    }
    case 'not': {
      const node = new Node(NOT);
      node.kids = [compile(ast.child)];
      return node;
    }
    case 'and': {
      const node = new Node(AND);
      const children = ast.children.map(compile);
      // Cheapest, most selective first: few anchors, then no anchors, negations last.
      const cost = (k: number): number => (children[k]!.op === NOT ? 1e6 : (children[k]!.anchors?.length ?? 1e3));
      const order = children.map((_, k) => k).sort((x, y) => cost(x) - cost(y) || x - y);
      node.kids = order.map((k) => children[k]!);
      node.anchors = node.kids[0]!.anchors;
      node.bonuses = adjacencyBonuses(ast.children);
      return node;
    }
    case 'or': {
      const node = new Node(OR);
      const children = ast.children.map(compile);
      node.anchored = children.filter((c) => c.anchors !== null);
      node.table = new AnchorTable(node.anchored);
      node.kids = children.filter((c) => c.anchors === null);
      node.anchors = node.kids.length === 0 ? node.anchored.flatMap((c) => c.anchors!) : null;
      return node;
    }
  }
}

function phraseNode(phrase: Phrase, mask: number, weight: number): Node {
  const node = new Node(PHRASE);
  node.phrase = phrase;
  node.mask = mask;
  node.weight = weight;
  const second = phrase.firstTwoPrefix === null ? phrase.mergedKeys[0]! : phrase.firstTwoPrefix.start;
  node.anchors = second && [phrase.wordKeys[0]!, second];
  return node;
}

/** AND-ed plain words in a row (`contrastive learning`) score extra where they stand together. */
function adjacencyBonuses(children: readonly QueryAst[]): Node[] {
  const bonuses: Node[] = [];
  let run: string[] = [];
  let runField: TextField | null = null;
  for (const child of [...children, null]) {
    const plain = child !== null && child.kind === 'word' && !child.prefix;
    if (!plain || (run.length > 0 && child.field !== runField)) {
      if (run.length >= 2) bonuses.push(phraseNode(compilePhrase(run, false), fieldMask(runField), ADJACENCY_SHARE));
      run = [];
    }
    if (plain) {
      runField = child.field;
      run.push(child.word);
    }
  }
  return bonuses;
}

function test(node: Node, paper: IndexedPaper): boolean {
  switch (node.op) {
    case WORD:
      return wordIn(paper, node.key!, node.mask);
    case PREFIX:
      return hasPrefix(paper, node.prefix!, node.mask);
    case PHRASE:
      return phraseMatches(node.phrase!, paper, node.mask);
    case CATEGORY:
      return paper.categoryIds.includes(node.category);
    case NOT:
      return !test(node.kids[0]!, paper);
    case AND: {
      for (const kid of node.kids) if (!test(kid, paper)) return false;
      return true;
    }
    default: {
      // OR: most papers are turned down by the Bloom bits alone.
      const data = paper.data;
      const triples = node.table.triples;
      let tried = -1;
      for (let k = 0; k < triples.length; k += 3) {
        const bits = triples[k + 1]!;
        if ((data[triples[k]!]! & bits) !== bits) continue;
        const part = triples[k + 2]!;
        if (part === tried) continue;
        tried = part;
        if (test(node.anchored[part]!, paper)) return true;
      }
      for (const kid of node.kids) if (test(kid, paper)) return true;
      return false;
    }
  }
}

/** The score of a matching node (only its matching parts count), or -1 when it does not match. */
function evaluate(node: Node, paper: IndexedPaper): number {
  switch (node.op) {
    case WORD:
      return wordScore(paper, node.key!, node.mask);
    case PREFIX:
      return prefixScore(paper, node.prefix!, node.mask);
    case PHRASE: {
      const score = phraseScore(node.phrase!, paper, node.mask);
      return score > 0 ? node.weight * score : -1;
    }
    case CATEGORY:
      return paper.categoryIds.includes(node.category) ? CATEGORY_SCORE : -1;
    case NOT:
      return test(node.kids[0]!, paper) ? -1 : 0;
    case AND: {
      let total = 0;
      for (const kid of node.kids) {
        const score = evaluate(kid, paper);
        if (score < 0) return -1;
        total += score;
      }
      for (const bonus of node.bonuses) total += Math.max(0, evaluate(bonus, paper));
      return total;
    }
    default: {
      const data = paper.data;
      const triples = node.table.triples;
      let total = -1;
      let tried = -1;
      for (let k = 0; k < triples.length; k += 3) {
        const part = triples[k + 2]!;
        if (part === tried) continue;
        const bits = triples[k + 1]!;
        if ((data[triples[k]!]! & bits) !== bits) continue;
        tried = part;
        const score = evaluate(node.anchored[part]!, paper);
        if (score >= 0) total = Math.max(total, 0) + score;
      }
      for (const kid of node.kids) {
        const score = evaluate(kid, paper);
        if (score >= 0) total = Math.max(total, 0) + score;
      }
      return total;
    }
  }
}
