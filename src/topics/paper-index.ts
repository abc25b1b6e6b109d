/**
 * The index a paper is matched against. A paper is tokenised once (`indexPaper`): its folded text
 * is kept as one string, and one typed array holds a Bloom filter, a hash table of its tokens and
 * joined word pairs (as slots), and per-position slot numbers and chains. No token becomes a string
 * of its own. Queries (see match.ts) test Bloom bits first, probe the table second, and compare
 * integers along position chains for phrases and counts.
 */
import { splitAuthorName, SURNAME_WORDS, surnameReadings } from './author.js';
import { archiveOf } from './category.js';
import {
  basePower,
  BLOOM_WORDS,
  bloomHas,
  fingerprint,
  HASH_SEED,
  hashStart,
  mix,
  poly,
  polyJoin,
  polyStep,
  setBloom,
  startLength,
} from './keys.js';
import type { BloomBits, Prefix, Probe } from './keys.js';
import type { TextField } from './query.js';
import { foldText, isPlainAscii, isWordCode, JOIN_HYPHEN, JOIN_NONE, joinKind } from './text.js';

/** The text of a paper that queries look at; a `Paper` fits. */
export interface PaperText {
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly primaryCategory?: string;
}

// ---------------------------------------------------------------------------------------------
// Fields

/** The indexed fields, in text order. */
const TITLE = 0;
const ABSTRACT = 1;
const AUTHORS = 2;
export type Field = typeof TITLE | typeof ABSTRACT | typeof AUTHORS;

/** Sets of fields as bits, `1 << field`. */
export const TITLE_BIT = 1 << TITLE;
export const ABSTRACT_BIT = 1 << ABSTRACT;
export const AUTHORS_BIT = 1 << AUTHORS;
const ALL_FIELDS = TITLE_BIT | ABSTRACT_BIT | AUTHORS_BIT;

/** The fields a query term looks in: the one named, or title and abstract. */
export function fieldMask(field: TextField | null): number {
  switch (field) {
    case 'ti':
      return TITLE_BIT;
    case 'abs':
      return ABSTRACT_BIT;
    case 'au':
      return AUTHORS_BIT;
    case null:
      return TITLE_BIT | ABSTRACT_BIT;
  }
}

/** Real tokens per field: title, abstract, authors. */
export interface FieldLengths {
  title: number;
  abstract: number;
  authors: number;
}

/** Occurrences per field, for the score being computed. */
export class FieldCounts {
  title = 0;
  abstract = 0;
  authors = 0;

  clear(): void {
    this.title = 0;
    this.abstract = 0;
    this.authors = 0;
  }

  /** Count one more occurrence at position `i` of `paper`. */
  add(paper: IndexedPaper, i: number): void {
    if (i < paper.abstractFrom) this.title++;
    else if (i < paper.authorsFrom) this.abstract++;
    else this.authors++;
  }
}

// ---------------------------------------------------------------------------------------------
// Layout of `IndexedPaper.data`
//
//   [0, BLOOM_WORDS)                             Bloom filter (keys.ts)
//   [TABLE_AT, TABLE_AT + tableMask + 1)         hash table of keys: slot + 1, 0 empty
//   [slotsAt, slotsAt + keyCount × Slot.Size)    one slot per key
//   [positionsAt, … + positions × Position.Size) one record per position
//
// Offsets, positions and slot numbers are 16-bit: folded text past MAX_TEXT units is not indexed.
// Tokens and separators take at least one unit each, so there are fewer positions than units and
// at most one slot per unit (a token and a pair per two units), all below `NO_SLOT`.
//
// Positions chain: each key's occurrences as a token, and as the first token of a joined pair,
// form a list in ascending order. Chains hold links, a position + 1 (END = 0 ends the list).

const MAX_TEXT = 65_000;
const TABLE_AT = BLOOM_WORDS;

/** The words of a slot (one per key). Const enums: the bundler writes the numbers in place. */
const enum Slot {
  /** Field bits of the key's occurrences, and of those a prefix may match << `Flags.PrefixShift`. */
  Flags = 0,
  /** The head links of its chains, as a token and as a joined pair (+ `Chain`). */
  Heads = 1,
  /** The 16-bit fingerprint of its hash. */
  Fingerprint = 3,
  /** For a token, the offset and length of its text (a pair's text is its two tokens'). */
  TextStart = 4,
  TextLength = 5,
  Size = 6,
}

/** Field bits of the occurrences a prefix may match (tokens, and pairs joined by a hyphen). */
const enum Flags {
  PrefixShift = 3,
}

/** The words of a position record. */
const enum Position {
  /** Join kind with the next token (text.ts `JOIN_*`). */
  Join = 0,
  /** The next link of the same token, and of the same joined pair (+ `Chain`). */
  Next = 1,
  /** Slot of its token, and of the pair it starts (`NO_SLOT`: none). */
  TokenSlot = 3,
  PairSlot = 4,
  Size = 5,
}

/** The chains of a key: its occurrences as a token, and as a joined pair starting there. */
export const TOKEN_CHAIN = 0;
export const PAIR_CHAIN = 1;
export type Chain = typeof TOKEN_CHAIN | typeof PAIR_CHAIN;

/** Link ending a chain. */
export const END = 0;

/** Slot number of nothing: separators between fields and authors, positions that start no pair. */
export const NO_SLOT = 0xffff;

/** One of a paper's authors, read with one of their surname spellings (`surnameReadings`). */
export interface PaperAuthor {
  /** The given names before that surname. */
  readonly given: readonly string[];
  /** Its place among the authors with letters or digits in their names (see `authorsAt` in explain.ts). */
  readonly ordinal: number;
}

/**
 * A paper prepared for matching; build it once with `indexPaper` and reuse it for every topic.
 * The accessors read its packed `data` by name.
 */
export class IndexedPaper {
  /**
   * The keys a prefix may match, as (first two UTF-16 units) × 65536 + slot, sorted: the keys
   * starting with two given units are one run of it. Built on first use (`prefixStarts`).
   */
  starts: Float64Array | null = null;
  /** The authors by each spelling of their surname (`surnameReadings`). Built on first use (`paperAuthors`). */
  authorsBySurname: Map<string, PaperAuthor[]> | null = null;

  constructor(
    /** Title, abstract and authors, folded, separated by U+0000. */
    readonly text: string,
    /** Number of positions: tokens, plus one separator between fields and between authors. */
    readonly positions: number,
    /** Positions where the abstract and the authors start. */
    readonly abstractFrom: number,
    readonly authorsFrom: number,
    /** Where the authors start in `text`. */
    readonly authorsAt: number,
    readonly lengths: FieldLengths,
    /** Number of keys: tokens and joinable neighbour pairs (`semi`+`supervised` → `semisupervised`). */
    readonly keyCount: number,
    /** Bloom filter, hash table, slots and positions (see the layout above). */
    readonly data: Uint16Array,
    readonly tableMask: number,
    readonly slotsAt: number,
    readonly positionsAt: number,
    /** Ids (`categoryId`) of the paper's categories and of their archives, lower-cased. */
    readonly categoryIds: readonly number[],
    /** `primaryCategory` as given to `indexPaper` (or null), and the ids of it and its archive. */
    readonly primaryCategory: string | null,
    readonly primaryIds: readonly number[],
  ) {}

  // The accessors below read `data` at offsets inside it by construction: hence their `!`.

  /** Whether the Bloom filter has both bits. */
  hasBits(bits: BloomBits): boolean {
    return bloomHas(this.data, bits.word, bits.bits);
  }

  /** The field position `i` lies in. */
  fieldOf(i: number): Field {
    return i < this.abstractFrom ? TITLE : i < this.authorsFrom ? ABSTRACT : AUTHORS;
  }

  /** Entry `t` of the hash table: slot + 1, or 0 for an empty entry. */
  tableEntry(t: number): number {
    return this.data[TABLE_AT + t]!;
  }

  /** Field bits of a key's occurrences. */
  fields(slot: number): number {
    return this.data[this.slotsAt + slot * Slot.Size + Slot.Flags]! & ALL_FIELDS;
  }

  /** Field bits of the occurrences of a key that a prefix may match. */
  prefixFields(slot: number): number {
    return this.data[this.slotsAt + slot * Slot.Size + Slot.Flags]! >>> Flags.PrefixShift;
  }

  /** The first link of a key's chain. */
  head(slot: number, chain: Chain): number {
    return this.data[this.slotsAt + slot * Slot.Size + Slot.Heads + chain]!;
  }

  /** The link after `link` in a chain. */
  next(link: number, chain: Chain): number {
    return this.data[this.positionsAt + (link - 1) * Position.Size + Position.Next + chain]!;
  }

  /** Whether the key occurs as a token (else it is only ever a joined pair). */
  isToken(slot: number): boolean {
    return this.head(slot, TOKEN_CHAIN) !== END;
  }

  slotFingerprint(slot: number): number {
    return this.data[this.slotsAt + slot * Slot.Size + Slot.Fingerprint]!;
  }

  /** Offset and length of a token key's text. */
  textStart(slot: number): number {
    return this.data[this.slotsAt + slot * Slot.Size + Slot.TextStart]!;
  }

  textLength(slot: number): number {
    return this.data[this.slotsAt + slot * Slot.Size + Slot.TextLength]!;
  }

  /** How position `i`'s token joins the next (`JOIN_*`). */
  join(i: number): number {
    return this.data[this.positionsAt + i * Position.Size + Position.Join]!;
  }

  /** The slot of position `i`'s token, `NO_SLOT` for a separator. */
  tokenSlot(i: number): number {
    return this.data[this.positionsAt + i * Position.Size + Position.TokenSlot]!;
  }

  /** The slot of the joined pair starting at position `i`, `NO_SLOT` for none. */
  pairSlot(i: number): number {
    return this.data[this.positionsAt + i * Position.Size + Position.PairSlot]!;
  }
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
// Looking keys up

/**
 * Whether `text[a, a + aLength) + text[b, b + bLength)` starts with `prefix` (`exact`: and is
 * exactly it).
 */
function segmentsStartWith(
  text: string,
  a: number,
  aLength: number,
  b: number,
  bLength: number,
  prefix: string,
  exact: boolean,
): boolean {
  const length = aLength + bLength;
  if (exact ? length !== prefix.length : length < prefix.length) return false;
  if (prefix.length <= aLength) return text.startsWith(prefix, a);
  for (let i = 0; i < aLength; i++) if (text.charCodeAt(a + i) !== prefix.charCodeAt(i)) return false;
  for (let i = aLength; i < prefix.length; i++) {
    if (text.charCodeAt(b + i - aLength) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Whether a key's text (a token's, or the two tokens' of its first joined pair) starts with
 * `prefix` (`exact`: and is exactly it).
 */
export function slotStartsWith(paper: IndexedPaper, slot: number, prefix: string, exact: boolean): boolean {
  let a: number;
  let aLength: number;
  let b = 0;
  let bLength = 0;
  if (paper.isToken(slot)) {
    a = paper.textStart(slot);
    aLength = paper.textLength(slot);
  } else {
    const i = paper.head(slot, PAIR_CHAIN) - 1;
    const left = paper.tokenSlot(i);
    const right = paper.tokenSlot(i + 1);
    a = paper.textStart(left);
    aLength = paper.textLength(left);
    b = paper.textStart(right);
    bLength = paper.textLength(right);
  }
  return segmentsStartWith(paper.text, a, aLength, b, bLength, prefix, exact);
}

/** Whether the token at position `i` starts with `prefix`. */
export function tokenStartsWith(paper: IndexedPaper, i: number, prefix: string): boolean {
  const slot = paper.tokenSlot(i);
  return (
    slot !== NO_SLOT && paper.textLength(slot) >= prefix.length && paper.text.startsWith(prefix, paper.textStart(slot))
  );
}

/** Whether the pair at `i`, `i + 1` starts with `prefix` and the first token alone is shorter. */
export function pairStartsWith(paper: IndexedPaper, i: number, prefix: string): boolean {
  const left = paper.tokenSlot(i);
  const right = paper.tokenSlot(i + 1);
  const aLength = paper.textLength(left);
  return (
    aLength < prefix.length &&
    segmentsStartWith(
      paper.text,
      paper.textStart(left),
      aLength,
      paper.textStart(right),
      paper.textLength(right),
      prefix,
      false,
    )
  );
}

/** The slot of a key in the paper, or -1. */
export function findSlot(paper: IndexedPaper, key: Probe): number {
  if (!paper.hasBits(key)) return -1;
  const mask = paper.tableMask;
  for (let t = key.hash & mask; ; t = (t + 1) & mask) {
    const entry = paper.tableEntry(t);
    if (entry === 0) return -1;
    const slot = entry - 1;
    if (paper.slotFingerprint(slot) === key.fingerprint && slotStartsWith(paper, slot, key.key, true)) return slot;
  }
}

/** Whether the key occurs in the fields of `mask`. */
export function hasWord(paper: IndexedPaper, key: Probe, mask: number): boolean {
  const slot = findSlot(paper, key);
  return slot >= 0 && (paper.fields(slot) & mask) !== 0;
}

/** Whether some key a prefix may match in the fields of `mask` starts with `prefix`. */
export function hasPrefix(paper: IndexedPaper, prefix: Prefix, mask: number): boolean {
  if (prefix.start !== null && !paper.hasBits(prefix.start)) return false;
  const starts = prefixStarts(paper);
  const from = prefixRunStart(starts, prefix.text);
  const to = prefixRunEnd(starts, from, prefix.text);
  for (let k = from; k < to; k++) {
    const slot = startSlot(starts, k);
    if ((paper.prefixFields(slot) & mask) !== 0 && slotStartsWith(paper, slot, prefix.text, false)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Prefix starts

/** First two units of a prefix, as the high part of a `starts` entry. */
function startKey(prefix: string): number {
  return (prefix.charCodeAt(0) * 65536 + prefix.charCodeAt(1)) * 65536;
}

/** The slot of entry `k` of `IndexedPaper.starts`. */
export function startSlot(starts: Float64Array, k: number): number {
  return starts[k]! % 65536;
}

/** `paper.starts`, built on first use. */
export function prefixStarts(paper: IndexedPaper): Float64Array {
  return paper.starts ?? builder.prefixStarts(paper);
}

/** The first entry of `starts` of a key starting like `prefix` (same first two units). */
export function prefixRunStart(starts: Float64Array, prefix: string): number {
  const from = startKey(prefix);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] ?? from) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The end (exclusive) of the run of `starts` that begins at `from`, of keys starting like `prefix`. */
export function prefixRunEnd(starts: Float64Array, from: number, prefix: string): number {
  const to = startKey(prefix) + 65536;
  let end = from;
  while (end < starts.length && (starts[end] ?? to) < to) end++;
  return end;
}

// ---------------------------------------------------------------------------------------------
// Authors

/**
 * The paper's authors by each spelling of their surname, read from its folded text (so past `MAX_TEXT` as little
 * as the rest of the index), built on first use: only papers whose Bloom filter has an `au:` name's surname ask.
 */
export function paperAuthors(paper: IndexedPaper): Map<string, PaperAuthor[]> {
  if (paper.authorsBySurname !== null) return paper.authorsBySurname;
  const authors = new Map<string, PaperAuthor[]>();
  let ordinal = 0;
  for (const text of paper.text.slice(paper.authorsAt).split('\0')) {
    const readings = surnameReadings(splitAuthorName(text));
    if (readings.length === 0) continue;
    for (const { surname, given } of readings) {
      const author = { given, ordinal };
      const list = authors.get(surname);
      if (list === undefined) authors.set(surname, [author]);
      else list.push(author);
    }
    ordinal++;
  }
  paper.authorsBySurname = authors;
  return authors;
}

// ---------------------------------------------------------------------------------------------
// Indexing

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

/**
 * 1 for ASCII letters and digits. Kept here so that the tokeniser's inner loop makes no call for
 * plain ASCII text, the common case.
 */
const ASCII_WORD = new Uint8Array(128).map((_, code) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 1 : 0,
);

/** What `scan` found: the number of positions, and where the abstract and the authors begin. */
interface Scanned {
  readonly n: number;
  readonly abstractFrom: number;
  readonly authorsFrom: number;
}

/**
 * Builds indexes. Its arrays are scratch space reused by every paper (one is indexed at a time);
 * only the finished index is copied out, into a slab.
 */
class IndexBuilder {
  /** Hash table while keys are collected: slot + 1, 0 empty. */
  private table = new Int32Array(1024);
  /** Slots, as laid out in `data` once done, and each slot's full hash. */
  private slots = new Uint16Array(1024 * Slot.Size);
  private hashes = new Uint32Array(1024);
  /** Positions, as laid out in `data` once done. */
  private records = new Uint16Array(1024 * Position.Size);
  /**
   * Per position: start and length in the text (separators: length 0), hash state of the token
   * (`poly`), and HASH_BASE to the power of its length.
   */
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private states = new Int32Array(1024);
  private powers = new Int32Array(1024);
  /** `IndexedPaper.starts` before it is sorted and copied out. */
  private unsorted = new Float64Array(1024);

  /** Each paper's slots and positions. */
  private readonly indexSlabs = new Slabs((length) => new Uint16Array(length), 1 << 19);
  /** Each paper's `starts`. */
  private readonly startsSlabs = new Slabs((length) => new Float64Array(length), 1 << 16);

  private ensure(units: number): void {
    // At most one position per unit plus separators; at most two keys per position.
    const positions = units + 1;
    if (this.starts.length < positions) {
      this.starts = new Int32Array(positions);
      this.lengths = new Int32Array(positions);
      this.states = new Int32Array(positions);
      this.powers = new Int32Array(positions);
      this.records = new Uint16Array(positions * Position.Size);
    }
    const slots = 2 * positions;
    if (this.hashes.length < slots) {
      this.hashes = new Uint32Array(slots);
      this.slots = new Uint16Array(slots * Slot.Size);
    }
    const size = tableSize(slots);
    if (this.table.length < size) this.table = new Int32Array(size);
  }

  /**
   * Tokenise `text` into the scratch arrays: a position per token, and a separator position
   * (length 0) wherever a U+0000 lies between two tokens. The abstract and the authors start at
   * units `abstractAt` and `authorsAt`.
   */
  private scan(text: string, abstractAt: number, authorsAt: number): Scanned {
    let n = 0;
    let previousEnd = -1;
    let boundary = false;
    let abstractFrom = -1;
    let authorsFrom = -1;
    const { records, starts, lengths, states, powers } = this;
    let i = 0;
    const length = text.length;
    while (i < length) {
      let code = text.charCodeAt(i);
      if (code >= 0xd800 && code < 0xdc00) code = text.codePointAt(i) ?? code;
      if (!(code < 128 ? ASCII_WORD[code] === 1 : isWordCode(code))) {
        if (code === 0) boundary = true;
        i += code > 0xffff ? 2 : 1;
        continue;
      }
      const start = i;
      // Hash ASCII units on the way; a token with other characters is hashed again below.
      let ascii = code < 128;
      let h = polyStep(HASH_SEED, code);
      for (;;) {
        i += code > 0xffff ? 2 : 1;
        if (i >= length) break;
        code = text.charCodeAt(i);
        if (code < 128) {
          if (ASCII_WORD[code] !== 1) break;
          h = polyStep(h, code);
          continue;
        }
        if (code >= 0xd800 && code < 0xdc00) code = text.codePointAt(i) ?? code;
        if (!isWordCode(code)) break;
        ascii = false;
      }
      if (!ascii) h = poly(HASH_SEED, text, start, i - start);
      const previousLength = n > 0 ? lengths[n - 1]! : 0;
      if (boundary && previousLength !== 0) {
        starts[n] = start;
        lengths[n] = 0;
        records[(n - 1) * Position.Size + Position.Join] = JOIN_NONE;
        records[n * Position.Size + Position.Join] = JOIN_NONE;
        n++;
      } else if (previousLength !== 0) {
        records[(n - 1) * Position.Size + Position.Join] = joinKind(
          text,
          previousEnd,
          start,
          previousLength,
          i - start,
        );
      }
      boundary = false;
      if (abstractFrom < 0 && start >= abstractAt) abstractFrom = n;
      if (authorsFrom < 0 && start >= authorsAt) authorsFrom = n;
      starts[n] = start;
      lengths[n] = i - start;
      states[n] = h;
      powers[n] = basePower(i - start);
      records[n * Position.Size + Position.Join] = JOIN_NONE;
      previousEnd = i;
      n++;
    }
    return { n, abstractFrom: abstractFrom < 0 ? n : abstractFrom, authorsFrom: authorsFrom < 0 ? n : authorsFrom };
  }

  /** Whether key `text[a, a + aLength) + text[b, b + bLength)` is the text of scratch slot `slot`. */
  private sameKey(text: string, slot: number, a: number, aLength: number, b: number, bLength: number): boolean {
    const { slots, starts, lengths } = this;
    let c: number;
    let cLength: number;
    let d = 0;
    let dLength = 0;
    if (slots[slot * Slot.Size + Slot.Heads + TOKEN_CHAIN]! !== END) {
      c = slots[slot * Slot.Size + Slot.TextStart]!;
      cLength = slots[slot * Slot.Size + Slot.TextLength]!;
    } else {
      const i = slots[slot * Slot.Size + Slot.Heads + PAIR_CHAIN]! - 1;
      c = starts[i]!;
      cLength = lengths[i]!;
      d = starts[i + 1]!;
      dLength = lengths[i + 1]!;
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

  /** The scratch slot of a key (hash table of `mask` + 1 entries), given a fresh one, `count`, on first sight. */
  private slotOf(
    text: string,
    hash: number,
    mask: number,
    count: number,
    a: number,
    aLength: number,
    b: number,
    bLength: number,
  ): number {
    const { table, slots } = this;
    for (let t = hash & mask; ; t = (t + 1) & mask) {
      const entry = table[t] ?? 0;
      if (entry === 0) {
        table[t] = count + 1;
        this.hashes[count] = hash;
        // Six stores: cheaper than a `fill` call for so few elements.
        const at = count * Slot.Size;
        slots[at + Slot.Flags] = 0;
        slots[at + Slot.Heads + TOKEN_CHAIN] = 0;
        slots[at + Slot.Heads + PAIR_CHAIN] = 0;
        slots[at + Slot.Fingerprint] = 0;
        slots[at + Slot.TextStart] = 0;
        slots[at + Slot.TextLength] = 0;
        return count;
      }
      if (this.hashes[entry - 1] === hash && this.sameKey(text, entry - 1, a, aLength, b, bLength)) return entry - 1;
    }
  }

  /** Tokenise a paper once: the result serves every topic. */
  index(paper: PaperText): IndexedPaper {
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
    this.ensure(text.length);
    const authorsAt = Math.min(text.length, titleLength + abstractLength + 2);
    const { n, abstractFrom, authorsFrom } = this.scan(text, titleLength + 1, authorsAt);
    const { records, slots, starts, lengths, states, powers } = this;
    const collecting = tableSize(2 * n + 1);
    this.table.fill(0, 0, collecting);
    const collectingMask = collecting - 1;

    // Backwards, so that position chains come out in ascending order: give every token and joined
    // pair a slot, mark its fields, chain its positions.
    let count = 0;
    let titleTokens = 0;
    let abstractTokens = 0;
    let authorTokens = 0;
    for (let i = n - 1; i >= 0; i--) {
      const p = i * Position.Size;
      records[p + Position.Next + TOKEN_CHAIN] = END;
      records[p + Position.Next + PAIR_CHAIN] = END;
      records[p + Position.TokenSlot] = NO_SLOT;
      records[p + Position.PairSlot] = NO_SLOT;
      const length = lengths[i]!;
      if (length === 0) continue;
      const field = i < abstractFrom ? TITLE : i < authorsFrom ? ABSTRACT : AUTHORS;
      if (field === TITLE) titleTokens++;
      else if (field === ABSTRACT) abstractTokens++;
      else authorTokens++;
      const bit = 1 << field;
      const start = starts[i]!;
      const state = states[i] ?? 0;
      const single = this.slotOf(text, mix(state), collectingMask, count, start, length, 0, 0);
      if (single === count) count++;
      // The key may have been seen as a joined pair first: give it its own text now.
      const at = single * Slot.Size;
      slots[at + Slot.TextStart] = start;
      slots[at + Slot.TextLength] = length;
      slots[at + Slot.Flags] = slots[single * Slot.Size + Slot.Flags]! | bit | (bit << Flags.PrefixShift);
      records[p + Position.Next + TOKEN_CHAIN] = slots[single * Slot.Size + Slot.Heads + TOKEN_CHAIN]!;
      slots[at + Slot.Heads + TOKEN_CHAIN] = i + 1;
      records[p + Position.TokenSlot] = single;
      const join = records[p + Position.Join] ?? JOIN_NONE;
      if (join === JOIN_NONE) continue;
      const nextState = polyJoin(state, powers[i + 1] ?? 0, states[i + 1] ?? 0);
      const joined = this.slotOf(
        text,
        mix(nextState),
        collectingMask,
        count,
        start,
        length,
        starts[i + 1]!,
        lengths[i + 1]!,
      );
      if (joined === count) count++;
      const pairAt = joined * Slot.Size;
      const flags = join === JOIN_HYPHEN ? bit | (bit << Flags.PrefixShift) : bit;
      slots[pairAt + Slot.Flags] = slots[joined * Slot.Size + Slot.Flags]! | flags;
      records[p + Position.Next + PAIR_CHAIN] = slots[joined * Slot.Size + Slot.Heads + PAIR_CHAIN]!;
      slots[pairAt + Slot.Heads + PAIR_CHAIN] = i + 1;
      records[p + Position.PairSlot] = joined;
    }

    // Lay out the Bloom filter, an exact-size table, the slots and the positions.
    const size = tableSize(count);
    const slotsAt = TABLE_AT + size;
    const positionsAt = slotsAt + count * Slot.Size;
    const data = this.indexSlabs.take(positionsAt + n * Position.Size);
    for (let slot = 0; slot < count; slot++) {
      const hash = this.hashes[slot] ?? 0;
      slots[slot * Slot.Size + Slot.Fingerprint] = fingerprint(hash);
      setBloom(data, hash);
      let t = hash & (size - 1);
      while (data[TABLE_AT + t] !== 0) t = (t + 1) & (size - 1);
      data[TABLE_AT + t] = slot + 1;
      if (slots[slot * Slot.Size + Slot.Flags]! >>> Flags.PrefixShift === 0) continue;
      // Starts of keys a prefix may match: 3 and 5 units, hashed as a query prefix is.
      let a: number;
      let aLength: number;
      let b = 0;
      let bLength = 0;
      if (slots[slot * Slot.Size + Slot.Heads + TOKEN_CHAIN]! !== END) {
        a = slots[slot * Slot.Size + Slot.TextStart]!;
        aLength = slots[slot * Slot.Size + Slot.TextLength]!;
      } else {
        const i = slots[slot * Slot.Size + Slot.Heads + PAIR_CHAIN]! - 1;
        a = starts[i]!;
        aLength = lengths[i]!;
        b = starts[i + 1]!;
        bLength = lengths[i + 1]!;
      }
      const total = startLength(aLength + bLength);
      let h = HASH_SEED;
      for (let k = 0; k < total; k++) {
        h = polyStep(h, k < aLength ? text.charCodeAt(a + k) : text.charCodeAt(b + k - aLength));
        if (k === 2 || k === 4) setBloom(data, hashStart(h, k + 1));
      }
    }
    this.surnameBits(text, data, authorsFrom, n);
    data.set(slots.subarray(0, count * Slot.Size), slotsAt);
    data.set(records.subarray(0, n * Position.Size), positionsAt);

    const primary = paper.primaryCategory ?? null;
    return new IndexedPaper(
      text,
      n,
      abstractFrom,
      authorsFrom,
      authorsAt,
      { title: titleTokens, abstract: abstractTokens, authors: authorTokens },
      count,
      data,
      size - 1,
      slotsAt,
      positionsAt,
      categoryKeyIds(paper.categories),
      primary,
      primary === null ? [] : categoryKeyIds([primary]),
    );
  }

  /**
   * Set the Bloom bits of each author's surname spellings that `authorMatches` tries beyond their last word (a
   * token, so a key already): their last two and three words run together, read given names first for a name
   * written `Surname, Given`. An `au:` name then rules papers out by its surname's bits alone. Positions
   * `authorsFrom` to `n` (the scratch arrays of `scan`) are the authors, one separator between two.
   */
  private surnameBits(text: string, data: Uint16Array, authorsFrom: number, n: number): void {
    const { starts, lengths, states, powers } = this;
    for (let first = authorsFrom; first < n;) {
      let end = first;
      while (end < n && lengths[end] !== 0) end++;
      const words = end - first;
      if (words >= 2) {
        // `Surname, Given` reads `Given Surname`: the words turn round at the first comma.
        const turn = commaAfter(text, starts, first, end);
        const last = first + ((turn + words - 1) % words);
        let h = states[last]!;
        let power = powers[last]!;
        for (let k = 2; k <= Math.min(SURNAME_WORDS, words); k++) {
          const i = first + ((turn + words - k) % words);
          h = polyJoin(states[i]!, power, h);
          power = Math.imul(powers[i]!, power);
          setBloom(data, mix(h));
        }
      }
      first = end + 1;
    }
  }

  /** Build `paper.starts` (see `IndexedPaper.starts`). */
  prefixStarts(paper: IndexedPaper): Float64Array {
    const text = paper.text;
    if (this.unsorted.length < paper.keyCount) this.unsorted = new Float64Array(paper.keyCount);
    const unsorted = this.unsorted;
    let n = 0;
    for (let slot = 0; slot < paper.keyCount; slot++) {
      if (paper.prefixFields(slot) === 0) continue;
      // A prefix has at least two units; a one-unit key can only be the start of none.
      let a: number;
      let second: number;
      if (paper.isToken(slot)) {
        if (paper.textLength(slot) < 2) continue;
        a = paper.textStart(slot);
        second = text.charCodeAt(a + 1);
      } else {
        const i = paper.head(slot, PAIR_CHAIN) - 1;
        const left = paper.tokenSlot(i);
        a = paper.textStart(left);
        second =
          paper.textLength(left) >= 2
            ? text.charCodeAt(a + 1)
            : text.charCodeAt(paper.textStart(paper.tokenSlot(i + 1)));
      }
      unsorted[n++] = (text.charCodeAt(a) * 65536 + second) * 65536 + slot;
    }
    const starts = this.startsSlabs.take(n);
    starts.set(unsorted.subarray(0, n));
    starts.sort();
    paper.starts = starts;
    return starts;
  }
}

/**
 * How many of an author's words (positions `first` to `end`) come before the first comma of their name, which
 * `splitAuthorName` reads as the surname; 0 when there is none (or none before the first word).
 */
function commaAfter(text: string, starts: Int32Array, first: number, end: number): number {
  for (let at = starts[first]! - 1; at >= 0 && text.charCodeAt(at) !== 0; at--) {
    if (text.charCodeAt(at) === COMMA) return 0;
  }
  for (let i = first + 1; i < end; i++) {
    for (let at = starts[i - 1]!; at < starts[i]!; at++) if (text.charCodeAt(at) === COMMA) return i - first;
  }
  return 0;
}

const COMMA = 0x2c;

const builder = new IndexBuilder();

/** Tokenise a paper once: the result serves every topic. */
export function indexPaper(paper: PaperText): IndexedPaper {
  return builder.index(paper);
}
