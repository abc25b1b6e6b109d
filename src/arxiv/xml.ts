import he from 'he';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { ArxivError, rawEntrySchema, type RawEntry, type SkippedEntry } from './types.js';

/** A parsed XML node as fast-xml-parser returns it with our options. */
export type XmlNode = unknown;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Bytes → text as UTF-8 whatever the transport claimed (invalid sequences become U+FFFD);
 * strings pass through without a byte-order mark.
 */
export function decodeBody(body: string | Uint8Array): string {
  const text = typeof body === 'string' ? body : utf8.decode(body);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Element names that may repeat and so always come back as arrays. */
const repeated = new Set(['entry', 'item', 'author', 'category', 'link', 'rdf:li', 'day']);

/**
 * A parser that keeps every value a string (a paper titled `0` stays "0"), keeps attributes,
 * and leaves entity decoding to {@link text} so that numeric and HTML references are handled alike.
 */
export function createXmlParser(stopNodes: string[] = []): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: true,
    isArray: (name) => repeated.has(name),
    stopNodes,
  });
}

/** Validate, then parse; anything that is not well-formed XML becomes an ArxivError. */
export function parseXml(parser: XMLParser, xml: string): Record<string, XmlNode> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new ArxivError(`arXiv sent malformed XML (line ${line}): ${msg}`, null, { code: 'malformed' });
  }
  return parser.parse(xml) as Record<string, XmlNode>;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A child that may be missing, single or repeated, always as an array. */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The raw (still entity-encoded) text of an element, '' when it has none. */
export function rawText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return rawText(v[0]);
  if (isRecord(v)) {
    const t = v['#text'];
    return t === undefined ? '' : rawText(t);
  }
  return null;
}

/** Decoded text of an element, or null when the element is absent. */
export function text(v: unknown): string | null {
  const raw = rawText(v);
  return raw === null ? null : he.decode(raw);
}

/** Decoded text, with empty and whitespace-only counted as absent. */
export function optionalText(v: unknown): string | null {
  const t = text(v);
  return t === null || t.trim() === '' ? null : t;
}

/** Decoded value of an attribute. */
export function attr(v: unknown, name: string): string | null {
  if (!isRecord(v)) return null;
  const a = v[`@_${name}`];
  return typeof a === 'string' ? he.decode(a) : null;
}

const tag = /<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>/g;
const blockEnd = /<\/(?:p|div|li)\s*>|<br\s*\/?>/gi;

/**
 * Text of an HTML fragment that arrived either as real child elements (kept raw by a stop node)
 * or entity-escaped (`&lt;p&gt;…`): tags are removed only where they really are tags, and
 * escaped text is decoded exactly once more.
 */
export function htmlFragmentText(raw: string): string {
  const hasRealTags = /<[A-Za-z/]/.test(raw);
  if (hasRealTags) return he.decode(raw.replace(blockEnd, '\n').replace(tag, ''));
  const html = he.decode(raw);
  return he.decode(html.replace(blockEnd, '\n').replace(tag, ''));
}

/** Texts of `<a …>name</a>` links in an HTML fragment (real or escaped), in order. */
export function htmlLinkTexts(raw: string): string[] | null {
  const html = /<[A-Za-z/]/.test(raw) ? raw : he.decode(raw);
  const links = [...html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a\s*>/gi)];
  if (links.length === 0) return null;
  return links.map((m) => he.decode((m[1] ?? '').replace(tag, '')).trim()).filter((s) => s !== '');
}

/** The first element name of a document, ignoring the declaration, comments and doctype. */
export function rootElementName(body: string): string | null {
  const stripped = body.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '');
  const m = /<([A-Za-z_][\w:.-]*)/.exec(stripped);
  return m?.[1] ?? null;
}

/** True when the body is an HTML page rather than a feed. */
export function looksLikeHtml(body: string): boolean {
  const root = rootElementName(body);
  return /^<!doctype\s+html/i.test(body.trimStart()) || root?.toLowerCase() === 'html';
}

/** The `<title>` of an HTML page, for error messages. */
export function htmlTitle(body: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body);
  return m?.[1] ? he.decode(m[1]).replace(/\s+/g, ' ').trim() : null;
}

const easternDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const easternHour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });

/** YYYY-MM-DD of an instant in US Eastern time (arXiv's clock). */
export function easternDate(instant: Date): string {
  const parts = Object.fromEntries(easternDay.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** Hour 0–23 of an instant in US Eastern time. */
export function easternHourOf(instant: Date): number {
  return Number(easternHour.formatToParts(instant).find((p) => p.type === 'hour')?.value ?? '0');
}

/** Parse an RFC 822 / ISO-8601 date; null when absent or unreadable. */
export function parseDate(value: string | null): Date | null {
  if (value === null) return null;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * Validate candidate entries with zod, keeping the good ones and reporting the others
 * so that one odd item does not cost the whole feed.
 */
export function validateEntries(candidates: { index: number; entry: unknown }[]): {
  entries: RawEntry[];
  skipped: SkippedEntry[];
} {
  const entries: RawEntry[] = [];
  const skipped: SkippedEntry[] = [];
  for (const { index, entry } of candidates) {
    const parsed = rawEntrySchema.safeParse(entry);
    if (parsed.success) {
      entries.push(parsed.data);
    } else {
      const id = isRecord(entry) && typeof entry['id'] === 'string' ? entry['id'] : null;
      skipped.push({ index, id, reason: z.prettifyError(parsed.error).replace(/\n/g, '; ') });
    }
  }
  return { entries, skipped };
}
