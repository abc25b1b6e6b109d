/**
 * Keys as the paper index stores them and as compiled queries look them up: one hash per key,
 * computed without building a string, and the Bloom filter bits it sets.
 */

/**
 * Keys hash as a polynomial over their UTF-16 units (then `mix`ed), so that a joined pair's hash
 * comes from its two tokens' hashes without reading the text again:
 * poly(a + b) = poly(a) × BASE^|b| + poly(b).
 */
export const HASH_SEED = 0;
export const HASH_BASE = 0x01000193;

export function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Polynomial hash state after `text[from, from + length)`, from state `h`. */
export function poly(h: number, text: string, from: number, length: number): number {
  for (let i = from; i < from + length; i++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/** One more unit `code` on polynomial state `h`. */
export function polyStep(h: number, code: number): number {
  return (Math.imul(h, HASH_BASE) + code) | 0;
}

/** Polynomial state of two keys written one after the other: `h` of the first, `next` of the second. */
export function polyJoin(h: number, nextPower: number, next: number): number {
  return (Math.imul(h, nextPower) + next) | 0;
}

/** Hash of a key; a joined pair hashes as its concatenation. */
function hashKey(key: string): number {
  return mix(poly(HASH_SEED, key, 0, key.length));
}

/** Hash marking "some key starts with these `length` characters" (3 or 5). */
export function hashStart(h: number, length: number): number {
  return mix(h ^ (0x9e3779b9 + length));
}

/** The start length a prefix is filtered by, or 0 when it is too short to be. */
export function startLength(length: number): number {
  return length >= 5 ? 5 : length >= 3 ? 3 : 0;
}

/** The 16 bits of a hash stored with its key and compared before the key's text. */
export function fingerprint(hash: number): number {
  return hash >>> 16;
}

/** HASH_BASE to the powers 0 to 63: token lengths, looked up rather than multiplied out per unit. */
const BASE_POWERS = new Int32Array(64);
{
  let power = 1;
  for (let k = 0; k < BASE_POWERS.length; k++) {
    BASE_POWERS[k] = power;
    power = Math.imul(power, HASH_BASE);
  }
}
const LAST_POWER = BASE_POWERS[BASE_POWERS.length - 1] ?? 0;

/** HASH_BASE to the power `length`: what `poly` multiplies a state by over `length` more units. */
export function basePower(length: number): number {
  if (length < BASE_POWERS.length) return BASE_POWERS[length] ?? 0;
  let power = LAST_POWER;
  for (let k = BASE_POWERS.length - 1; k < length; k++) power = Math.imul(power, HASH_BASE);
  return power;
}

// ---------------------------------------------------------------------------------------------
// Bloom filter

/**
 * Bloom filter size in 16-bit words (a power of two); two bits per key, in one word. The filter
 * is the first `BLOOM_WORDS` words of `IndexedPaper.data`.
 */
export const BLOOM_WORDS = 512;

/**
 * Bloom bits of a hash: two bits of one 16-bit word (a blocked filter), so that a test is a
 * single memory read.
 */
export interface BloomBits {
  /** Word index. */
  readonly word: number;
  /** The two bits within the word. */
  readonly bits: number;
}

function bloomWord(h: number): number {
  return h & (BLOOM_WORDS - 1);
}

function bloomMask(h: number): number {
  return (1 << ((h >>> 9) & 15)) | (1 << ((h >>> 13) & 15));
}

function bloomBits(h: number): BloomBits {
  return { word: bloomWord(h), bits: bloomMask(h) };
}

/** Whether the filter (the first `BLOOM_WORDS` words of `data`) has every bit of `bits` in `word`. */
export function bloomHas(data: Uint16Array, word: number, bits: number): boolean {
  return ((data[word] ?? 0) & bits) === bits;
}

export function setBloom(data: Uint16Array, h: number): void {
  const word = bloomWord(h);
  data[word] = (data[word] ?? 0) | bloomMask(h);
}

// ---------------------------------------------------------------------------------------------
// Compiled keys

/** A key to look up, hashed once at compile time. */
export interface Probe extends BloomBits {
  readonly key: string;
  readonly hash: number;
  /** Compared before the key's text. */
  readonly fingerprint: number;
}

export function probe(key: string): Probe {
  const hash = hashKey(key);
  return { key, hash, fingerprint: fingerprint(hash), word: bloomWord(hash), bits: bloomMask(hash) };
}

/** A word start (`stem*`): its text, and the Bloom bits of its first 3 or 5 units (null when shorter). */
export interface Prefix {
  readonly text: string;
  readonly start: BloomBits | null;
}

export function toPrefix(text: string): Prefix {
  const length = startLength(text.length);
  return { text, start: length === 0 ? null : bloomBits(hashStart(poly(HASH_SEED, text, 0, length), length)) };
}
