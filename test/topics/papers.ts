import type { Paper } from '../../src/papers/paper.js';

/** A paper with only what topic matching reads; override what a case is about. */
export function makePaper(overrides: Partial<Paper> & { id: string }): Paper {
  return {
    version: 1,
    title: '',
    authors: [],
    abstract: '',
    categories: ['cs.LG'],
    primaryCategory: overrides.categories?.[0] ?? 'cs.LG',
    comment: null,
    journalRef: null,
    doi: null,
    venue: null,
    codeUrl: null,
    published: '2025-01-06T18:00:00Z',
    updated: '2025-01-06T18:00:00Z',
    announced: '2025-01-07',
    announceType: 'new',
    withdrawn: false,
    absUrl: `https://arxiv.org/abs/${overrides.id}`,
    pdfUrl: `https://arxiv.org/pdf/${overrides.id}`,
    ...overrides,
  };
}

/** Deterministic pseudo-random numbers (mulberry32), for generated test data and timings. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
