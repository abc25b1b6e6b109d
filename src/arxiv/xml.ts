import he from 'he';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { z } from 'zod';
import { easternDate } from '../schedule/calendar.js';
import { ArxivError, checkedRawEntry, rawEntrySchema, type RawEntry, type SkippedEntry } from './types.js';

/**
 * A parsed XML element: its trimmed, entity-decoded text when it has neither attributes nor
 * children, else a record of `@_name` attributes, children by tag name and `#text`.
 */
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

/** How to build the tree: elements whose inner markup is kept as raw source text. */
export interface XmlParser {
  /** Dotted element paths (`rdf:RDF.item.description`) kept raw, entities and tags included. */
  readonly stopNodes: ReadonlySet<string>;
}

export function createXmlParser(stopNodes: string[] = []): XmlParser {
  return { stopNodes: new Set(stopNodes) };
}

/** One open element while the tree is built. */
interface Frame {
  name: string;
  path: string;
  attributes: Record<string, string>;
  children: Record<string, unknown> | null;
  text: string;
  /** Source index just after the start tag, for elements kept raw. */
  rawStart: number;
}

/**
 * Deepest element nesting accepted. arXiv documents nest a few levels; building paths for
 * thousands of levels costs time that grows with the square of the depth.
 */
const MAX_DEPTH = 64;

const XML_ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)([A-Za-z][A-Za-z0-9]*);/g;

/**
 * HTML named references (`&eacute;`, `&nbsp;`) are not XML, but servers have sent them and a
 * browser would show them: declare the ones a document uses, as `he` decodes them.
 */
function htmlEntitiesIn(xml: string): Record<string, string> | null {
  if (!xml.includes('&')) return null;
  let found: Record<string, string> | null = null;
  for (const m of xml.matchAll(XML_ENTITY)) {
    const name = m[1] ?? '';
    const decoded = he.decode(m[0]);
    if (decoded !== m[0]) (found ??= {})[name] = decoded;
  }
  return found;
}

function addChild(parent: Record<string, unknown>, name: string, value: unknown): void {
  const existing = parent[name];
  if (existing === undefined) parent[name] = repeated.has(name) ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
}

/** `@_name` keys, built once per attribute name rather than once per attribute read. */
const attributeKeys = new Map<string, string>();

function attributeKey(name: string): string {
  let key = attributeKeys.get(name);
  if (key === undefined) {
    key = `@_${name}`;
    // Names come from documents: the cache stays small for any number of them.
    if (attributeKeys.size < 1000) attributeKeys.set(name, key);
  }
  return key;
}

/** The value an element closes with: its text alone, or a record of attributes, children and text. */
function elementValue(frame: Frame): unknown {
  const text = frame.text === '' ? '' : frame.text.trim();
  let node = frame.children;
  for (const name in frame.attributes) (node ??= {})[attributeKey(name)] = frame.attributes[name];
  if (node === null) return text;
  if (text !== '') node['#text'] = text;
  return node;
}

/**
 * Parse a whole document into plain records (values are strings; attributes keep their names
 * with an `@_` prefix; repeated elements become arrays). The parser is strict XML: anything not
 * well-formed (truncated, mismatched tags, a stray `&`) becomes an ArxivError.
 */
export function parseXml(parser: XmlParser, xml: string): Record<string, XmlNode> {
  const sax = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const entities = htmlEntitiesIn(xml);
  if (entities) Object.assign(sax.ENTITIES, entities);
  // An undefined reference (`&foo;`) stays as written, as a browser shows it; every other error ends the parse.
  sax.on('error', (error) => {
    if (!error.message.endsWith('undefined entity.')) throw error;
  });
  const root: Record<string, unknown> = {};
  const stack: Frame[] = [];
  let top: Frame | undefined;
  const keepsRaw = parser.stopNodes.size > 0;
  // Depth inside an element kept raw: its descendants are checked by the parser but not built.
  let rawDepth = 0;

  sax.on('opentag', (tag: SaxesTagPlain) => {
    if (rawDepth > 0) {
      rawDepth++;
      return;
    }
    if (stack.length >= MAX_DEPTH) throw new Error(`elements nested more than ${MAX_DEPTH} deep`);
    // Paths are only needed to recognise elements kept raw.
    const path = keepsRaw ? (top ? `${top.path}.${tag.name}` : tag.name) : '';
    top = { name: tag.name, path, attributes: tag.attributes, children: null, text: '', rawStart: sax.position };
    stack.push(top);
    if (keepsRaw && parser.stopNodes.has(path) && !tag.isSelfClosing) rawDepth = 1;
  });
  sax.on('text', (text) => {
    if (top && rawDepth === 0) top.text += text;
  });
  sax.on('cdata', (text) => {
    if (top && rawDepth === 0) top.text += text;
  });
  sax.on('closetag', () => {
    if (rawDepth > 1) {
      rawDepth--;
      return;
    }
    const frame = stack.pop();
    if (!frame) return;
    if (rawDepth === 1) {
      rawDepth = 0;
      frame.text = xml.slice(frame.rawStart, xml.lastIndexOf('</', sax.position));
    }
    top = stack[stack.length - 1];
    addChild(top ? (top.children ??= {}) : root, frame.name, elementValue(frame));
  });

  try {
    sax.write(xml).close();
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^\d+:\d+: /, '') : String(error);
    throw new ArxivError(`arXiv sent malformed XML (line ${sax.line}): ${message}`, null, {
      code: 'malformed',
      cause: error,
    });
  }
  return root;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A child that may be missing, single or repeated, always as an array. */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of an element as parsed (entities decoded; raw source for elements kept raw), '' when it has none. */
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
  return rawText(v);
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
  return typeof a === 'string' ? a : null;
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

const PROLOG_ITEM = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/iy;
const ELEMENT_NAME = /<([A-Za-z_][\w:.-]*)/y;

/** The first element name of a document, ignoring the declaration, comments and doctype. */
export function rootElementName(body: string): string | null {
  // Only the head of the document is read: a feed of megabytes is not copied to find its first tag.
  for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
    PROLOG_ITEM.lastIndex = at;
    if (PROLOG_ITEM.test(body)) {
      at = PROLOG_ITEM.lastIndex - 1;
      continue;
    }
    ELEMENT_NAME.lastIndex = at;
    const m = ELEMENT_NAME.exec(body);
    if (m) return m[1] ?? null;
  }
  return null;
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

const easternHour = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hour: 'numeric',
  hourCycle: 'h23',
});

/** YYYY-MM-DD of an instant in US Eastern time (arXiv's clock); kept with the arXiv calendar. */
export { easternDate };

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
 * Validate candidate entries, keeping the good ones and reporting the others so that one odd
 * item does not cost the whole feed. Only an entry that fails the quick check goes through zod,
 * which says what is wrong with it.
 */
export function validateEntries(candidates: { index: number; entry: unknown }[]): {
  entries: RawEntry[];
  skipped: SkippedEntry[];
} {
  const entries: RawEntry[] = [];
  const skipped: SkippedEntry[] = [];
  for (const { index, entry } of candidates) {
    const checked = checkedRawEntry(entry);
    if (checked !== null) {
      entries.push(checked);
      continue;
    }
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
