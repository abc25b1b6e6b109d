import { cleanUntrusted, truncateText, type TruncateOptions } from './text.js';

/**
 * Untrusted text (titles, abstracts, author names, topic names, comments) made inert for Discord:
 * it cannot ping, cannot form mentions, masked links, headings, lists, quotes or code blocks, and
 * still reads the same once rendered (`3*4` is sent as `3\*4` and shown as `3*4`).
 *
 * Two flavours: `sanitizeMarkdown` for places Discord renders markdown (message content, embed
 * title, description, field names and values) and `sanitizePlain` for places it shows verbatim
 * (embed footer and author name), where a backslash would be visible.
 */

const ZWSP = '\u200B';

// `@everyone`/`@here` ping in content and highlight everywhere; `<@…>`, `<@&…>`, `<#…>`, `</cmd:id>`,
// `<:emoji:id>`, `<a:…>`, `<t:…>` and `<id:…>` render as mentions or widgets. A zero-width space
// after the opening character keeps the text readable and the syntax dead.
const EVERYONE = /@(?=everyone|here)/gi;
const MENTION_OPEN = /<(?=[@#/:]|[a-z]{1,3}:)/gi;

function breakMentions(text: string): string {
  return text.replace(EVERYONE, `@${ZWSP}`).replace(MENTION_OPEN, `<${ZWSP}`);
}

// Discord links a bare URL before it looks for markdown inside it, so URLs are left alone:
// a backslash there would end up in the link. Same shape as Discord's own autolink rule.
const AUTOLINK = /(?<![\p{L}\p{N}])https?:\/\/[^\s<]+[^<.,:;"')\]\s]/giu;
// Every character that starts or ends inline markup: emphasis, strike, spoiler, code, masked links.
const INLINE_MARKUP = /[\\*_~|`[\]]/g;
// Block syntax only counts at the start of a line, and cleaned text has a single line.
const LINE_START_MARKUP = /^(?:[#>]|[+-](?=[ #])|\d+(?=\.(?: |$)))/;

function escapeSegment(segment: string, atLineStart: boolean): string {
  const escaped = segment.replace(INLINE_MARKUP, '\\$&');
  if (!atLineStart) return escaped;
  return escaped.replace(LINE_START_MARKUP, (match) => (/^\d/.test(match) ? `${match}\\` : `\\${match}`));
}

function encodeUrl(url: string): string {
  // Brackets and backticks in a URL are legal but read as markup by anyone checking the text.
  return url.replace(/[[\]`]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Escape already-cleaned single-line text for a markdown context. */
function escapeMarkdownLine(text: string): string {
  const broken = breakMentions(text);
  let out = '';
  let last = 0;
  for (const match of broken.matchAll(AUTOLINK)) {
    out += escapeSegment(broken.slice(last, match.index), last === 0) + encodeUrl(match[0]);
    last = match.index + match[0].length;
  }
  return out + escapeSegment(broken.slice(last), last === 0);
}

/** Clean and escape untrusted text for a place where Discord renders markdown. */
export function sanitizeMarkdown(text: string): string {
  return escapeMarkdownLine(cleanUntrusted(text));
}

/** Clean untrusted text for a place Discord shows verbatim (footer, author name). */
export function sanitizePlain(text: string): string {
  return breakMentions(cleanUntrusted(text));
}

export interface FitOptions extends TruncateOptions {
  /** `markdown` (default) escapes for rendered places; `plain` only cleans, for footer and author name. */
  flavour?: 'markdown' | 'plain';
}

/**
 * Clean, escape and cut untrusted text so that the *escaped* result is at most `max` units,
 * cutting the source text at a sentence/word boundary so that no escape is split in half.
 */
export function fitText(text: string, max: number, options: FitOptions = {}): string {
  const clean = cleanUntrusted(text);
  const escape = options.flavour === 'plain' ? breakMentions : escapeMarkdownLine;
  let budget = max;
  while (budget > 0) {
    const out = escape(truncateText(clean, budget, options));
    if (out.length <= max) return out;
    // Escapes grow the text roughly in proportion, so shrink the source by the same ratio.
    budget = Math.min(budget - 1, Math.floor((budget * max) / out.length));
  }
  return '';
}
