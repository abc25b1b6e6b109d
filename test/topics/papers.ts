import { seededRandom } from '../helpers/random.js';
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

export { seededRandom };
