// Comment phrasings arXiv and authors use for a withdrawal (arXiv docs and real .abs records).
const WITHDRAWN_COMMENT = [
  /^\s*(?:paper\s+|article\s+)?withdrawn\.?\s*$/i,
  /\b(?:paper|papers|article|submission|manuscript|preprint|work|version|this|it)\s+(?:has|have|had|is|was|were)\s+(?:now\s+|been\s+)*withdrawn\b(?!\s+from\s+(?!arxiv)\w)/i,
  /\b(?:paper|article|submission|manuscript|preprint)\s+withdrawn\b/i,
  /\bwithdrawn\s+(?:by|due\s+to|because|for|as)\b/i,
  /\b(?:authors?|we|i)\s+(?:have\s+|has\s+)?(?:decided\s+to\s+)?withdr[ae]wn?\s+(?:this|the|our)\s+(?:paper|article|submission|manuscript|preprint|work|version)\b/i,
  /\bwithdraw(?:s|ing)?\s+(?:this|the|our)\s+(?:paper|article|submission|manuscript|preprint)\b/i,
  /\bwithdrawal\s+of\s+(?:this|the|our)\s+(?:paper|article|submission|manuscript|preprint)\b/i,
];

// An abstract replaced by a withdrawal notice opens with it; "the drug was withdrawn" does not.
const WITHDRAWN_ABSTRACT =
  /^\s*(?:(?:this|the)\s+(?:paper|article|submission|manuscript|preprint|work)\s+(?:has\s+been|is|was)\s+withdrawn|(?:paper\s+)?withdrawn\s*(?:[.!(]|$|by\b|due\b))/i;

/**
 * Whether an entry is a withdrawal notice (arXiv docs, withdraw.md): the comment says so
 * ("This paper has been withdrawn by the authors", "withdrawn by arXiv administrators due to
 * plagiarism") or the abstract was replaced by the notice. Research text that merely uses the
 * word ("we withdraw the assumption", "drugs withdrawn from the market") is not a withdrawal.
 */
export function isWithdrawn(comment: string | null, abstract: string | null): boolean {
  if (comment && WITHDRAWN_COMMENT.some((pattern) => pattern.test(comment))) return true;
  return abstract !== null && abstract.length < 600 && WITHDRAWN_ABSTRACT.test(abstract);
}
