import { parseApiFeed } from './parse-api.js';
import { parseAtomListing } from './parse-atom-listing.js';
import { parseRdfListing } from './parse-rdf.js';
import { parseRssListing } from './parse-rss.js';
import { ArxivError, type ApiFeed, type ParsedListing } from './types.js';
import { decodeBody, htmlTitle, looksLikeHtml, rootElementName } from './xml.js';

export type ParsedDocument = { kind: 'api'; feed: ApiFeed } | { kind: 'listing'; listing: ParsedListing };

export type DocumentFormat = 'api' | ParsedListing['format'];

/** Which arXiv format a body is in, from its root element (and, for Atom, the OpenSearch counts only the API has). */
export function sniffFormat(body: string | Uint8Array): DocumentFormat {
  const xml = decodeBody(body);
  if (looksLikeHtml(xml)) {
    const title = htmlTitle(xml);
    throw new ArxivError(`arXiv sent an HTML page instead of a feed${title ? ` ("${title}")` : ''}`, null, {
      code: 'malformed',
    });
  }
  const root = rootElementName(xml);
  switch (root) {
    case 'rss':
      return 'rss2';
    case 'rdf:RDF':
      return 'rdf';
    case 'feed':
      return /<(?:\w+:)?totalResults[\s>]/.test(xml) ? 'api' : 'atom';
    default:
      throw new ArxivError(
        root ? `not an arXiv feed: root element <${root}>` : 'not an arXiv feed: no XML element found',
        null,
        { code: 'malformed' },
      );
  }
}

/** Parse any arXiv response Paperboy knows: API Atom, RSS 2.0 listing, old RSS 1.0/RDF listing, Atom listing. */
export function parseAny(body: string | Uint8Array): ParsedDocument {
  const xml = decodeBody(body);
  switch (sniffFormat(xml)) {
    case 'api':
      return { kind: 'api', feed: parseApiFeed(xml) };
    case 'rss2':
      return { kind: 'listing', listing: parseRssListing(xml) };
    case 'rdf':
      return { kind: 'listing', listing: parseRdfListing(xml) };
    case 'atom':
      return { kind: 'listing', listing: parseAtomListing(xml) };
  }
}
