import he from 'he';

// Only real HTML tag names, so that math such as `$a <b$ and $c> d$` survives.
const HTML_TAG =
  /<\/?(a|abbr|b|big|blockquote|br|code|dd|del|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul|var)\b(?:\s[^<>]*)?\/?>/gi;

// Block-level tags separate words; inline ones (`x<sub>2</sub>`) must not.
const BLOCK_TAGS = new Set([
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

function stripTags(s: string): string {
  return s.replace(HTML_TAG, (_tag, name: string) => (BLOCK_TAGS.has(name.toLowerCase()) ? ' ' : ''));
}

// Whitespace other than a space: with a double space, what collapseWhitespace has to rewrite.
const OTHER_SPACE = /[^\S ]/;

/** Collapse every run of whitespace (newlines, tabs, NBSP) into one space and trim the ends. */
export function collapseWhitespace(s: string): string {
  // Most feed text has single spaces only: testing is one scan, replacing would copy the string.
  return OTHER_SPACE.test(s) || s.includes('  ') ? s.replace(/\s+/g, ' ').trim() : s.trim();
}

/**
 * Clean display text from a feed: drop HTML tags (old RDF feeds wrap abstracts in `<p>`),
 * decode HTML entities and collapse whitespace. LaTeX is left alone (see `latexToUnicode`).
 */
export function cleanText(s: string): string {
  // No tag and no entity: only the whitespace to tidy.
  if (!s.includes('<') && !s.includes('&')) return collapseWhitespace(s);
  // Tags first, then entities, then tags again: escaped markup (`&lt;p&gt;`) is markup too.
  return collapseWhitespace(stripTags(he.decode(stripTags(s))));
}
