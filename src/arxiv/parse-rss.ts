import { splitCreators } from './authors.js';
import { extractId, splitListingDescription, toAnnounceType } from './ids.js';
import { ArxivError, type ParsedListing } from './types.js';
import {
  createXmlParser,
  decodeBody,
  easternDate,
  isRecord,
  list,
  optionalText,
  parseDate,
  parseXml,
  rootElementName,
  text,
  validateEntries,
} from './xml.js';

const parser = createXmlParser();

/** Announcement date of a listing: the channel's pubDate (midnight US Eastern) as YYYY-MM-DD. */
function channelDate(channel: Record<string, unknown>, items: Record<string, unknown>[]): string | null {
  const date = parseDate(text(channel['pubDate'])) ?? parseDate(text(items[0]?.['pubDate']));
  return date ? easternDate(date) : null;
}

/** An item's own date, for a channel without one. */
function itemAnnounced(item: Record<string, unknown>): string | null {
  const date = parseDate(text(item['pubDate']));
  return date ? easternDate(date) : null;
}

function toCandidate(item: Record<string, unknown>, announced: string | null): unknown {
  const description = splitListingDescription(text(item['description']) ?? '');
  const id = extractId(text(item['guid'])) ?? description.id ?? extractId(text(item['link']));
  const categories = list(item['category'])
    .map((c) => text(c)?.trim())
    .filter((c): c is string => c !== undefined && c !== null && c !== '');
  return {
    id,
    title: text(item['title']) ?? '',
    abstract: description.abstract,
    authors: splitCreators(
      list(item['dc:creator'])
        .map((c) => text(c) ?? '')
        .join(', '),
    ),
    categories,
    // The feed does not mark the primary category; arXiv lists it first.
    primaryCategory: categories[0] ?? null,
    comment: null,
    journalRef: optionalText(item['arxiv:journal_reference']),
    doi: optionalText(item['arxiv:DOI'])?.trim() ?? null,
    published: null,
    updated: null,
    announced: announced ?? itemAnnounced(item),
    announceType: toAnnounceType(text(item['arxiv:announce_type'])) ?? description.announceType,
  };
}

/**
 * Parse a rss.arxiv.org listing (RSS 2.0). An empty channel is a valid listing with no
 * entries; a `Feed error for query…` channel throws ArxivError with arXiv's explanation.
 */
export function parseRssListing(body: string | Uint8Array): ParsedListing {
  const xml = decodeBody(body);
  const root = rootElementName(xml);
  if (root !== 'rss')
    throw new ArxivError(`expected an RSS 2.0 listing, got <${root ?? 'nothing'}>`, null, { code: 'malformed' });
  const doc = parseXml(parser, xml);
  const rss = doc['rss'];
  const channel = isRecord(rss) ? rss['channel'] : undefined;
  if (!isRecord(channel)) throw new ArxivError('RSS listing has no <channel>', null, { code: 'malformed' });

  const title = text(channel['title'])?.trim() ?? '';
  if (/^Feed error for query/i.test(title)) {
    const reason = text(channel['description'])?.trim() || title;
    throw new ArxivError(`arXiv listing error: ${reason}`, null, { code: 'api-error' });
  }

  const items = list(channel['item']).filter(isRecord);
  const date = channelDate(channel, items);
  const { entries, skipped } = validateEntries(items.map((item, index) => ({ index, entry: toCandidate(item, date) })));
  return { format: 'rss2', title, date, entries, skipped };
}

/** The explanation in an RSS error channel, if the body is one (used for non-2xx responses). */
export function rssErrorMessage(body: string): string | null {
  try {
    parseRssListing(body);
    return null;
  } catch (error) {
    return error instanceof ArxivError && error.code === 'api-error' ? error.message : null;
  }
}
