import { splitCreators } from './authors.js';
import { extractId, splitListingDescription, toAnnounceType } from './ids.js';
import { ArxivError, type ParsedListing } from './types.js';
import {
  attr,
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

function toCandidate(entry: Record<string, unknown>): unknown {
  const summary = splitListingDescription(text(entry['summary']) ?? '');
  const links = list(entry['link']).map((l) => attr(l, 'href'));
  const categories = list(entry['category'])
    .map((c) => attr(c, 'term'))
    .filter((t): t is string => t !== null && t !== '');
  const published = parseDate(text(entry['published']));
  return {
    id: extractId(text(entry['id'])) ?? summary.id ?? links.map(extractId).find((i) => i !== null) ?? null,
    title: text(entry['title']) ?? '',
    abstract: summary.abstract,
    authors: splitCreators(
      list(entry['dc:creator'])
        .map((c) => text(c) ?? '')
        .join(', '),
    ),
    categories,
    primaryCategory: categories[0] ?? null,
    comment: null,
    journalRef: optionalText(entry['arxiv:journal_reference']),
    doi: optionalText(entry['arxiv:DOI'])?.trim() ?? null,
    published: null,
    updated: null,
    announced: published ? easternDate(published) : null,
    announceType: toAnnounceType(text(entry['arxiv:announce_type'])) ?? summary.announceType,
  };
}

/** The date most entries were announced on (they share one); else the feed's build date. */
function listingDate(entries: { announced: string | null }[], feed: Record<string, unknown>): string | null {
  const counts = new Map<string, number>();
  for (const e of entries) if (e.announced) counts.set(e.announced, (counts.get(e.announced) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best) return best;
  const built = parseDate(text(feed['updated']));
  return built ? easternDate(built) : null;
}

/**
 * Parse the Atom flavour of the listings (rss.arxiv.org/atom/<cats>): like the RSS 2.0 feed,
 * with `<id>oai:arXiv.org:…</id>`, `<category term>` and `<published>` as the announcement date.
 */
export function parseAtomListing(body: string | Uint8Array): ParsedListing {
  const xml = decodeBody(body);
  const root = rootElementName(xml);
  if (root !== 'feed')
    throw new ArxivError(`expected an Atom listing, got <${root ?? 'nothing'}>`, null, { code: 'malformed' });
  const doc = parseXml(parser, xml);
  const feed = doc['feed'];
  if (!isRecord(feed)) throw new ArxivError('Atom listing has no <feed> element', null, { code: 'malformed' });

  const title = text(feed['title'])?.trim() ?? '';
  if (/^Feed error for query/i.test(title)) {
    const reason = text(feed['subtitle'])?.trim() || title;
    throw new ArxivError(`arXiv listing error: ${reason}`, null, { code: 'api-error' });
  }
  const rawEntries = list(feed['entry']).filter(isRecord);
  const { entries, skipped } = validateEntries(
    rawEntries.map((entry, index) => ({ index, entry: toCandidate(entry) })),
  );
  const date = listingDate(entries, feed);
  return {
    format: 'atom',
    title,
    date,
    entries: entries.map((e) => ({ ...e, announced: e.announced ?? date })),
    skipped,
  };
}
