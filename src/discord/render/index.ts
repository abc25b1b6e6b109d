/** Pure rendering of papers and digests into Discord message bodies; no network, no discord.js runtime. */
export { LIMITS, embedLength, embedsLength, validateMessage, type MessageBodyLike } from './limits.js';
export { sanitizeMarkdown, sanitizePlain, fitText, type FitOptions } from './sanitize.js';
export { cleanUntrusted, truncateText, type TruncateOptions } from './text.js';
export { paperEmbed, formatAuthors, matchedLine, safeUrl, type MatchReason, type PaperEmbedOptions } from './embed.js';
export { packEmbeds, type PackOptions } from './pack.js';
export {
  renderDigest,
  planDigestMessages,
  digestNonce,
  saveSelectRow,
  SAVE_SELECT_PREFIX,
  type DigestInput,
  type DigestPaper,
  type DigestMessageBody,
  type PlannedDigestMessage,
} from './digest-messages.js';
export { renderVenueUpdate, venueLineText } from './venue-updates.js';
export { digestPreviewHtml, markdownToHtml, type PreviewMessage, type PreviewOptions } from './preview-html.js';
