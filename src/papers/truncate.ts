const ELLIPSIS = '…';

// Words before a dot that do not end a sentence ("e.g. the", "et al. show", "Fig. 2").
const NOT_SENTENCE_END = /(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|Ref|Refs|Dr|Prof|Mr|Ms|No|Vol|approx|resp|St)|\b[A-Za-z])\.$/;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** The longest prefix of at most `n` UTF-16 units that ends on a whole character. */
function safePrefix(text: string, n: number): string {
  let end = Math.max(0, Math.min(n, text.length));
  if (end > 0 && end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  // A combining mark belongs to the letter before it: do not leave the letter without it.
  while (end > 0 && end < text.length && /\p{M}/u.test(text.charAt(end))) end--;
  return text.slice(0, end);
}

/**
 * Shorten text to at most `max` UTF-16 units (Discord counts those). Text that fits is returned
 * unchanged; otherwise it is cut after the last sentence that ends in the final ~30% of the room,
 * else at the last word boundary, else mid-word, and `…` is appended. Never splits a surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  const limit = Math.floor(max);
  if (!(limit > 0)) return '';
  if (text.length <= limit) return text;
  if (limit === 1) return ELLIPSIS;
  const room = limit - ELLIPSIS.length;

  // A sentence end: punctuation followed by whitespace in the original text.
  const earliest = Math.floor(room * 0.7);
  for (let i = room - 1; i >= earliest; i--) {
    const c = text[i];
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? '')) {
      const sentence = text.slice(0, i + 1);
      if (c === '.' && NOT_SENTENCE_END.test(sentence)) continue;
      return sentence.length + 2 <= limit ? `${sentence} ${ELLIPSIS}` : `${sentence}${ELLIPSIS}`;
    }
  }

  // A word boundary: the last whitespace within the room.
  const head = safePrefix(text, room);
  const boundary = /\s/.test(text[head.length] ?? '') ? head.length : head.search(/\s\S*$/);
  if (boundary > 0) {
    const words = text.slice(0, boundary).replace(/[\s,;:–—-]+$/, '');
    if (words.length > 0) return `${words}${ELLIPSIS}`;
  }
  return `${head.trimEnd()}${ELLIPSIS}`;
}
