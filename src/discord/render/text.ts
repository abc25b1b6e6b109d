/**
 * Plain-text helpers for the renderer: cleaning untrusted text, cutting it at a boundary, writing a date.
 * They know nothing about markdown; see sanitize.ts for that.
 */
import { formatDateTime, type Locale } from '../../i18n/index.js';

// C0 and C1 controls other than whitespace, DEL, the BOM, and bidi embeddings/overrides/isolates
// (which would flip the text around them, including the layout the renderer adds).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFEFF\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Real scripts stack a few marks per letter; hundreds ("zalgo") only smear over the lines around.
const MARK_PILE = /(\p{M}{4})\p{M}+/gu;

/** Strip control characters and lone surrogates, collapse every whitespace run (newlines too) to one space, trim. */
export function cleanUntrusted(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(INVISIBLE_CONTROLS, '')
    .replace(MARK_PILE, '$1')
    .replace(/[\s\u0085]+/g, ' ')
    .trim();
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The largest index ≤ `index` that does not split a user-perceived character (surrogate pair, emoji sequence, base + marks). */
export function graphemeFloor(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const segment = graphemes.segment(text).containing(index);
  return segment === undefined ? index : segment.index;
}

export interface TruncateOptions {
  /** Prefer ending after a whole sentence when that keeps at least this share of `max` (0–1). Off when undefined. */
  sentenceShare?: number;
  /** Appended when text was cut. Default `…`. */
  ellipsis?: string;
}

const ABBREVIATION = /(?:^|[\s(])(?:al|e\.g|i\.e|cf|vs|etc|resp|approx|Fig|Figs|Eq|Eqs|Sec|Ref|Refs|Tab|No|[A-Z])\.$/;
const TRAILING_JUNK = /[\s,;:\-–—([{/&]+$/u;

function lastSentenceEnd(text: string, end: number, from: number): number {
  for (let i = end - 1; i >= from; i--) {
    const ch = text[i];
    if ((ch === '.' || ch === '!' || ch === '?') && (i + 1 >= text.length || text[i + 1] === ' ')) {
      if (ch === '.' && ABBREVIATION.test(text.slice(Math.max(0, i - 8), i + 1))) continue;
      return i + 1;
    }
  }
  return -1;
}

/**
 * Cut `text` to at most `max` UTF-16 units: after a sentence when that keeps enough, else at the
 * last space, else at a character boundary; the ellipsis is included in `max`.
 */
export function truncateText(text: string, max: number, options: TruncateOptions = {}): string {
  if (text.length <= max) return text;
  const ellipsis = options.ellipsis ?? '…';
  const room = max - ellipsis.length - 1; // one spare unit for the space before a sentence-end ellipsis
  if (room <= 0) return max >= ellipsis.length ? ellipsis : '';
  const limit = graphemeFloor(text, room);
  if (options.sentenceShare !== undefined) {
    const end = lastSentenceEnd(text, limit, Math.floor(room * options.sentenceShare));
    if (end > 0) return `${text.slice(0, end)} ${ellipsis}`;
  }
  const space = text.lastIndexOf(' ', limit);
  const cut = space >= room * 0.6 ? space : limit;
  const kept = text.slice(0, cut).replace(TRAILING_JUNK, '');
  return kept === '' ? ellipsis : `${kept}${ellipsis}`;
}

/** Locales whose readers get a date as `YYYY-MM-DD`, as English digests have always shown it. */
const ISO_DATE_LOCALES: ReadonlySet<Locale> = new Set(['en-US']);

/** A `YYYY-MM-DD` date as the locale writes it (`2026年11月24日`); any other text is returned as it is. */
export function readerDate(locale: Locale, text: string): string {
  if (ISO_DATE_LOCALES.has(locale) || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? text : formatDateTime(locale, date, { dateStyle: 'long', timeZone: 'UTC' });
}
