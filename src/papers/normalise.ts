import type { RawEntry } from '../arxiv/types.js';
import { extractCodeUrl } from './code.js';
import { absUrl, parseArxivId, pdfUrl } from './ids.js';
import { hasLatexMarkup, latexToUnicode } from './latex.js';
import { announceTypes, type Paper, type PaperRecord } from './paper.js';
import { cleanText, collapseWhitespace } from './text.js';
import { extractVenueFromDisplay } from './venue.js';
import { isWithdrawn } from './withdrawn.js';

/**
 * Display text: entities and tags out, LaTeX made readable, whitespace collapsed. Text that is
 * already clean (most of it) is collapsed once and returned as it is.
 */
function display(s: string): string {
  const cleaned = cleanText(s);
  return hasLatexMarkup(cleaned) ? latexToUnicode(cleaned) : cleaned;
}

/** Display text of a field whose collapsed raw text is already at hand. */
function displayCollapsed(s: string, collapsed: string): string {
  const cleaned = s.includes('<') || s.includes('&') ? cleanText(s) : collapsed;
  return hasLatexMarkup(cleaned) ? latexToUnicode(cleaned) : cleaned;
}

const optional = (s: string | null, clean: (s: string) => string): string | null => {
  if (s === null) return null;
  const cleaned = clean(s);
  return cleaned === '' ? null : cleaned;
};

const ANNOUNCED_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ANNOUNCE_TYPES: ReadonlySet<string> = new Set(announceTypes);

// A listing gives every item the same announcement date: the last one read is kept, so that
// a feed's date is parsed once rather than once per entry.
let lastDateText: string | null = null;
let lastDateIso: string | null = null;

function isoDate(value: string | null): string | null {
  if (value === null) return null;
  if (value === lastDateText) return lastDateIso;
  const trimmed = value.trim();
  const date = new Date(trimmed);
  const iso = trimmed === '' || Number.isNaN(date.getTime()) ? null : date.toISOString();
  lastDateText = value;
  lastDateIso = iso;
  return iso;
}

/**
 * Turn a raw feed/API entry into a cleaned Paper plus its raw text: versionless id and version
 * (1 when the id names none), display text with LaTeX made readable, categories deduped with the
 * primary first, venue, code link and withdrawal derived, dates as `toISOString()`.
 * Throws when the id cannot be parsed, the entry carries no usable date, or its announcement date
 * or type is one no parser hands out.
 */
export function toPaper(entry: RawEntry): PaperRecord {
  const parsed = parseArxivId(entry.id);
  if (!parsed) throw new Error(`toPaper: not an arXiv id: ${JSON.stringify(entry.id)}`);
  const version = parsed.version ?? 1;

  const categories = [...new Set(entry.categories.map((c) => c.trim()).filter((c) => c !== ''))];
  const primaryCategory = entry.primaryCategory?.trim() || categories[0] || '';
  const ordered =
    primaryCategory === '' ? categories : [primaryCategory, ...categories.filter((c) => c !== primaryCategory)];

  // RSS items carry only an announcement date; the API has both submission dates.
  const announcedAt = entry.announced === null ? null : `${entry.announced}T00:00:00Z`;
  const updatedAt = isoDate(entry.updated);
  const published = isoDate(entry.published) ?? updatedAt ?? isoDate(announcedAt);
  if (published === null) {
    throw new Error(`toPaper: ${parsed.id} has no usable date (published ${JSON.stringify(entry.published)})`);
  }
  const updated = updatedAt ?? published;

  if (entry.announced !== null && !ANNOUNCED_DATE.test(entry.announced)) {
    throw new Error(
      `toPaper: ${parsed.id} has an announcement date that is not YYYY-MM-DD: ${JSON.stringify(entry.announced)}`,
    );
  }
  if (entry.announceType !== null && !ANNOUNCE_TYPES.has(entry.announceType)) {
    throw new Error(`toPaper: ${parsed.id} has an unknown announce type: ${JSON.stringify(entry.announceType)}`);
  }

  const rawTitle = collapseWhitespace(entry.title);
  const rawAbstract = collapseWhitespace(entry.abstract);
  const comment = optional(entry.comment, display);
  const journalRef = optional(entry.journalRef, display);
  const abstract = displayCollapsed(entry.abstract, rawAbstract);
  // Built field by field from checked parts, in the schema's shape: no schema parse needed.
  const paper: Paper = {
    id: parsed.id,
    version,
    title: displayCollapsed(entry.title, rawTitle),
    authors: entry.authors.map(display).filter((a) => a !== ''),
    abstract,
    categories: ordered,
    primaryCategory,
    comment,
    journalRef,
    doi: optional(entry.doi, (s) => s.trim()),
    venue: extractVenueFromDisplay(comment, journalRef),
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
  return { paper, raw: { title: rawTitle, abstract: rawAbstract } };
}
