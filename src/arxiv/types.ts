import type { AnnounceType } from '../papers/paper.js';

/**
 * One entry as a feed or API response gives it, before normalisation. Text is raw
 * (LaTeX, entities already decoded by the XML parser, whitespace untouched).
 */
export interface RawEntry {
  /** The id as the source wrote it, possibly versioned: `2205.14459v2`, `hep-th/9901001`. */
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  primaryCategory: string | null;
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  /** ISO-8601, when the source has it. */
  published: string | null;
  updated: string | null;
  /** Announcement date YYYY-MM-DD (listing feeds only). */
  announced: string | null;
  announceType: AnnounceType | null;
}

/** What a listing feed says about one announcement. */
export interface Listing {
  /** Announcement date the feed is for, YYYY-MM-DD (US Eastern), or null if it does not say. */
  date: string | null;
  entries: RawEntry[];
}

/** An error reported by arXiv itself (error entry, "Feed error" channel, bad status). */
export class ArxivError extends Error {
  override name = 'ArxivError';
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}
