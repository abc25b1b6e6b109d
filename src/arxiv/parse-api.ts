import { extractId } from './ids.js';
import { ArxivError, apiFeedMetaSchema, type ApiFeed } from './types.js';
import {
  attr,
  createXmlParser,
  decodeBody,
  isRecord,
  list,
  optionalText,
  parseXml,
  rootElementName,
  text,
  validateEntries,
} from './xml.js';

const parser = createXmlParser();

/** arXiv reports query errors as a feed with one entry titled `Error` whose id points at /api/errors. */
function errorEntryMessage(entry: Record<string, unknown>): string | null {
  const id = text(entry['id']) ?? '';
  const title = text(entry['title'])?.trim();
  if (!/\/api\/errors/.test(id) && !(title === 'Error' && extractId(id) === null)) return null;
  return optionalText(entry['summary'])?.trim() ?? 'unknown error';
}

function count(feed: Record<string, unknown>, name: string): number {
  const raw = text(feed[`opensearch:${name}`])?.trim();
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : NaN;
}

function doiFromLinks(links: unknown[]): string | null {
  for (const link of links) {
    if (attr(link, 'title') !== 'doi') continue;
    const href = attr(link, 'href');
    const m = href ? /doi\.org\/(.+)$/.exec(href) : null;
    if (m?.[1]) return decodeURIComponent(m[1]);
  }
  return null;
}

/** Assemble one entry from the Atom element; validation happens afterwards. */
function toCandidate(entry: Record<string, unknown>): unknown {
  const links = list(entry['link']);
  const categories = list(entry['category'])
    .map((c) => attr(c, 'term'))
    .filter((t): t is string => t !== null && t !== '');
  const authors = list(entry['author'])
    .map((a) => (isRecord(a) ? text(a['name'])?.trim() : text(a)?.trim()))
    .filter((n): n is string => n !== undefined && n !== null && n !== '');
  return {
    id: extractId(text(entry['id'])) ?? text(entry['id']),
    // A missing <title> has been seen after backend changes; the feed-level <title> is not the paper's.
    title: text(entry['title']) ?? '',
    abstract: text(entry['summary']) ?? '',
    authors,
    categories,
    primaryCategory: attr(entry['arxiv:primary_category'], 'term') ?? categories[0] ?? null,
    comment: optionalText(entry['arxiv:comment']),
    journalRef: optionalText(entry['arxiv:journal_ref']),
    doi: optionalText(entry['arxiv:doi'])?.trim() ?? doiFromLinks(links),
    published: optionalText(entry['published'])?.trim() ?? null,
    updated: optionalText(entry['updated'])?.trim() ?? null,
    announced: null,
    announceType: null,
  };
}

/**
 * Parse an arXiv API response (Atom 1.0), legacy (≤2025) or current layout.
 * Throws ArxivError for an error feed or a document that is not an API feed.
 */
export function parseApiFeed(body: string | Uint8Array): ApiFeed {
  const xml = decodeBody(body);
  const root = rootElementName(xml);
  if (root !== 'feed')
    throw new ArxivError(`expected an arXiv API Atom feed, got <${root ?? 'nothing'}>`, null, { code: 'malformed' });
  const doc = parseXml(parser, xml);
  const feed = doc['feed'];
  if (!isRecord(feed)) throw new ArxivError('arXiv API feed has no <feed> element', null, { code: 'malformed' });

  const rawEntries = list(feed['entry']).filter(isRecord);
  for (const entry of rawEntries) {
    const message = errorEntryMessage(entry);
    if (message !== null) throw new ArxivError(`arXiv API error: ${message}`, null, { code: 'api-error' });
  }

  const meta = apiFeedMetaSchema.safeParse({
    totalResults: count(feed, 'totalResults'),
    startIndex: count(feed, 'startIndex'),
    itemsPerPage: count(feed, 'itemsPerPage'),
  });
  if (!meta.success) {
    throw new ArxivError('arXiv API feed lacks opensearch:totalResults/startIndex/itemsPerPage', null, {
      code: 'malformed',
    });
  }

  const { entries, skipped } = validateEntries(
    rawEntries.map((entry, index) => ({ index, entry: toCandidate(entry) })),
  );
  return { ...meta.data, entries, skipped };
}

/** The message of an API error feed, if the body is one (used for non-2xx responses). */
export function apiErrorMessage(body: string): string | null {
  try {
    parseApiFeed(body);
    return null;
  } catch (error) {
    return error instanceof ArxivError && error.code === 'api-error' ? error.message : null;
  }
}
