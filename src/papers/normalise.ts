import type { RawEntry } from '../arxiv/types.js';
import { extractCodeUrl } from './code.js';
import { absUrl, parseArxivId, pdfUrl } from './ids.js';
import { latexToUnicode } from './latex.js';
import { paperSchema, type Paper, type PaperRecord } from './paper.js';
import { cleanText, collapseWhitespace } from './text.js';
import { extractVenue } from './venue.js';
import { isWithdrawn } from './withdrawn.js';

/** Display text: entities and tags out, LaTeX made readable, whitespace collapsed. */
const display = (s: string): string => latexToUnicode(cleanText(s));

const optional = (s: string | null, clean: (s: string) => string): string | null => {
  if (s === null) return null;
  const cleaned = clean(s);
  return cleaned === '' ? null : cleaned;
};

function isoDate(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Turn a raw feed/API entry into a cleaned Paper plus its raw text: versionless id and version
 * (1 when the id names none), display text with LaTeX made readable, categories deduped with the
 * primary first, venue, code link and withdrawal derived, dates as `toISOString()`.
 * Throws when the id cannot be parsed or the entry carries no usable date.
 */
export function toPaper(entry: RawEntry): PaperRecord {
  const parsed = parseArxivId(entry.id);
  if (!parsed) throw new Error(`toPaper: not an arXiv id: ${JSON.stringify(entry.id)}`);
  const version = parsed.version ?? 1;

  const categories = [...new Set(entry.categories.map((c) => c.trim()).filter((c) => c !== ''))];
  const primaryCategory = entry.primaryCategory?.trim() || categories[0] || '';
  const ordered = primaryCategory === '' ? categories : [primaryCategory, ...categories.filter((c) => c !== primaryCategory)];

  // RSS items carry only an announcement date; the API has both submission dates.
  const announcedAt = entry.announced === null ? null : `${entry.announced}T00:00:00Z`;
  const updatedAt = isoDate(entry.updated);
  const published = isoDate(entry.published) ?? updatedAt ?? isoDate(announcedAt);
  if (published === null) {
    throw new Error(`toPaper: ${parsed.id} has no usable date (published ${JSON.stringify(entry.published)})`);
  }
  const updated = updatedAt ?? published;

  const comment = optional(entry.comment, display);
  const abstract = display(entry.abstract);
  const paper: Paper = {
    id: parsed.id,
    version,
    title: display(entry.title),
    authors: entry.authors.map(display).filter((a) => a !== ''),
    abstract,
    categories: ordered,
    primaryCategory,
    comment,
    journalRef: optional(entry.journalRef, display),
    doi: optional(entry.doi, (s) => s.trim()),
    venue: extractVenue(entry.comment, entry.journalRef),
    // The raw text still has the `\href` and `\url` targets that display text replaces by link text.
    codeUrl: extractCodeUrl(entry.abstract, entry.comment),
    published,
    updated,
    announced: entry.announced,
    announceType: entry.announceType,
    withdrawn: isWithdrawn(comment, abstract),
    absUrl: absUrl(parsed.id),
    pdfUrl: pdfUrl(parsed.id, version),
  };
  return {
    paper: paperSchema.parse(paper),
    raw: { title: collapseWhitespace(entry.title), abstract: collapseWhitespace(entry.abstract) },
  };
}
