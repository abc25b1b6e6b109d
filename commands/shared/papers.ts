/** Helpers shared by /paper and /digest: the compact one-paper lines both commands print. */
import { fitText, formatAuthors, safeUrl } from '../../src/discord/render/index.js';
import type { Paper } from '../../src/papers/paper.js';

/** Colour of embeds that belong to no topic (arXiv red). */
export const PAPERBOY_COLOR = 0xb31b1b;

/** Longer code URLs are marked, not linked, to keep a results page within the description limit. */
const CODE_URL_MAX = 300;

/** `[title](abs page)` with the title made inert; the bare title when the URL is unusable. */
export function paperTitleLink(paper: Paper, maxTitle = 200): string {
  const title = fitText(paper.title, maxTitle) || fitText(`arXiv:${paper.id}`, 64);
  const url = safeUrl(paper.absUrl);
  return url === null ? title : `[${title}](${url})`;
}

/** Authors, venue and date on one short markdown-safe line. */
export function paperMetaLine(paper: Paper): string {
  const parts = [
    formatAuthors(paper.authors, 120),
    fitText(paper.venue ?? '', 60),
    paper.announced ?? paper.published.slice(0, 10),
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

/** ` · [code](url)` when the paper has a usable code link. */
export function codeMark(paper: Paper): string {
  const url = safeUrl(paper.codeUrl);
  if (url === null) return '';
  return url.length <= CODE_URL_MAX ? ` · [code](${url})` : ' · code';
}
