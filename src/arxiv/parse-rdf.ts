import type { AnnounceType } from '../papers/paper.js';
import { splitCreators } from './authors.js';
import { extractId } from './ids.js';
import { ArxivError, type ParsedListing } from './types.js';
import {
  createXmlParser,
  decodeBody,
  easternDate,
  easternHourOf,
  htmlFragmentText,
  htmlLinkTexts,
  isRecord,
  list,
  parseDate,
  parseXml,
  rawText,
  rootElementName,
  text,
  validateEntries,
} from './xml.js';

// Description and creator hold HTML, as child elements or escaped; keep them raw and decode ourselves.
const parser = createXmlParser(['rdf:RDF.item.description', 'rdf:RDF.item.dc:creator']);

/** `Title. (arXiv:1708.02940v1 [cs.CY])`, `… (arXiv:1412.1913v2 [cs.AI] UPDATED)`, `… [hep-ex] CROSS LISTED)`. */
const titleSuffix = /\.?\s*\(arXiv:(\S+?)\s*\[([^\]]+)\]\s*([A-Z][A-Z ]*?)?\s*\)\s*$/;

/**
 * The old feeds were dated by the 20:00 ET mailing (`2017-08-10T20:30:00-05:00`); the listing
 * that mailing starts is dated the next day, as the current feeds' midnight pubDate is.
 */
function announcementDate(value: string | null): string | null {
  const date = parseDate(value);
  if (!date) return null;
  if (easternHourOf(date) >= 20) return easternDate(new Date(date.getTime() + 12 * 3600_000));
  return easternDate(date);
}

/** `cs.AI updates on arXiv.org` → ['cs.AI']; several joined categories are split. */
function feedCategories(title: string): string[] {
  const m = /^(.*?)\s+updates on arXiv\.org/i.exec(title);
  return m?.[1] ? m[1].split(/[\s,+]+/).filter((c) => c !== '') : [];
}

/** A paper belongs to the feed's own categories when its primary is one of them or inside one of its archives. */
function inFeed(category: string, feedCats: string[]): boolean {
  return feedCats.some(
    (c) => c.toLowerCase() === category.toLowerCase() || category.toLowerCase().startsWith(`${c.toLowerCase()}.`),
  );
}

function toCandidate(item: Record<string, unknown>, date: string | null, feedCats: string[]): unknown {
  const fullTitle = (text(item['title']) ?? '').trim();
  const m = titleSuffix.exec(fullTitle);
  const primary = m?.[2]?.trim() ?? null;
  const status = m?.[3]?.trim().toUpperCase() ?? '';
  const updated = status.includes('UPDATED');
  const cross = status.includes('CROSS') || (primary !== null && feedCats.length > 0 && !inFeed(primary, feedCats));
  const announceType: AnnounceType = updated ? (cross ? 'replace-cross' : 'replace') : cross ? 'cross' : 'new';

  const creatorRaw = rawText(item['dc:creator']) ?? '';
  const authors = htmlLinkTexts(creatorRaw) ?? splitCreators(htmlFragmentText(creatorRaw));
  const categories = primary ? [primary] : [];
  if (cross) for (const c of feedCats) if (!categories.includes(c)) categories.push(c);

  return {
    id: (m?.[1] ? extractId(m[1]) : null) ?? extractId(text(item['link'])) ?? extractId(text(item['@_rdf:about'])),
    title: m ? fullTitle.slice(0, m.index) : fullTitle,
    abstract: htmlFragmentText(rawText(item['description']) ?? '').trim(),
    authors,
    categories,
    primaryCategory: primary,
    comment: null,
    journalRef: null,
    doi: null,
    published: null,
    updated: null,
    announced: date,
    announceType,
  };
}

/** Parse an old export.arxiv.org listing (RSS 1.0 / RDF, before 2024). */
export function parseRdfListing(body: string | Uint8Array): ParsedListing {
  const xml = decodeBody(body);
  const root = rootElementName(xml);
  if (root !== 'rdf:RDF')
    throw new ArxivError(`expected an RSS 1.0 (RDF) listing, got <${root ?? 'nothing'}>`, null, { code: 'malformed' });
  const doc = parseXml(parser, xml);
  const rdf = doc['rdf:RDF'];
  if (!isRecord(rdf)) throw new ArxivError('RDF listing has no <rdf:RDF> element', null, { code: 'malformed' });
  const channel = isRecord(rdf['channel']) ? rdf['channel'] : {};
  const title = text(channel['title'])?.trim() ?? '';
  const date = announcementDate(text(channel['dc:date']));
  const feedCats = feedCategories(title);
  const items = list(rdf['item']).filter(isRecord);
  const { entries, skipped } = validateEntries(
    items.map((item, index) => ({ index, entry: toCandidate(item, date, feedCats) })),
  );
  return { format: 'rdf', title, date, entries, skipped };
}
