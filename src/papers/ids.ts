/** An arXiv identifier split into its versionless id and optional version. */
export interface ArxivId {
  /** Versionless id: `2205.14459`, `hep-th/9901001`, `math.GT/0309136`. */
  id: string;
  /** Version number from a `vN` suffix, or null when the text names no version. */
  version: number | null;
}

// New scheme since April 2007: YYMM.NNNN (0704–1412) or YYMM.NNNNN (1501 on).
const NEW_SHAPE = String.raw`(\d{2})(\d{2})\.(\d{4,5})`;
// Old scheme up to March 2007: archive(.SUBJECT)?/YYMMNNN.
const OLD_SHAPE = String.raw`([a-z]+(?:-[a-z]+)?)(\.[A-Za-z]{2}(?:-[A-Za-z]{2})?)?\/(\d{2})(\d{2})(\d{3})`;
const VERSION = String.raw`(?:v(\d+))?`;
const NEW_ID = new RegExp(`^${NEW_SHAPE}${VERSION}$`);
const OLD_ID = new RegExp(`^${OLD_SHAPE}${VERSION}$`);

const uncaptured = (source: string) => source.replace(/\((?!\?)/g, '(?:');

/**
 * The shape of an arXiv id, new or old scheme, with an optional `vN`: a regular-expression source
 * without anchors or capture groups, to find an id inside a URL or a feed's text. The shape only:
 * {@link parseArxivId} also checks the dates and serial lengths.
 */
export const ID_PATTERN_SOURCE = uncaptured(`(${NEW_SHAPE}|${OLD_SHAPE})${VERSION}`);

/** A whole string shaped like an arXiv id (versioned or versionless, new or old scheme). */
export const VERSIONED_ID_PATTERN = new RegExp(`^${ID_PATTERN_SOURCE}$`);
// Everything arXiv puts in front of an id: URLs (abs, pdf, html, export mirror), `arXiv:`, OAI ids.
const PREFIX = /^(?:(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/|oai:arxiv\.org:|arxiv:)/i;

/**
 * Parse an arXiv identifier in any of the forms arXiv itself prints: a bare id (`2205.14459v2`,
 * `hep-th/9901001`), `arXiv:…`, an OAI id (`oai:arXiv.org:2401.00001v1`) or an abs/pdf URL.
 * Returns null for anything that is not a well-formed id (wrong digit count, month 13, …).
 */
export function parseArxivId(text: string): ArxivId | null {
  let rest = text.trim();
  rest = rest.replace(PREFIX, '');
  // PDF links may carry `.pdf`, pasted links a trailing slash, query or fragment.
  rest = rest
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.pdf$/i, '');

  const modern = NEW_ID.exec(rest);
  if (modern) {
    const [yy = '', mm = '', serial = '', v] = modern.slice(1);
    const yymm = Number(yy + mm);
    const month = Number(mm);
    if (month < 1 || month > 12) return null;
    if (yymm < 704) return null;
    // 4-digit serials ran until December 2014, 5-digit ones start in January 2015.
    if (serial.length === 4 ? yymm > 1412 : yymm < 1501) return null;
    return withVersion(`${yy}${mm}.${serial}`, v);
  }

  const legacy = OLD_ID.exec(rest);
  if (legacy) {
    const [archive = '', subject, yy = '', mm = '', num = '', v] = legacy.slice(1);
    const year = Number(yy);
    const month = Number(mm);
    if (month < 1 || month > 12) return null;
    // The old scheme ran from August 1991 to March 2007.
    if (year >= 8 && year < 91) return null;
    if (year === 7 && month > 3) return null;
    return withVersion(`${archive}${subject ?? ''}/${yy}${mm}${num}`, v);
  }
  return null;
}

function withVersion(id: string, v: string | undefined): ArxivId | null {
  if (v === undefined) return { id, version: null };
  const version = Number(v);
  // Versions start at 1; `v0` is not an arXiv version.
  if (!Number.isSafeInteger(version) || version < 1) return null;
  return { id, version };
}

/** The abstract page of a paper: `https://arxiv.org/abs/<id>`. */
export function absUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** The PDF of one version (`https://arxiv.org/pdf/<id>v<n>`), or of the latest when version is null. */
export function pdfUrl(id: string, version: number | null): string {
  return version === null ? `https://arxiv.org/pdf/${id}` : `https://arxiv.org/pdf/${id}v${version}`;
}
