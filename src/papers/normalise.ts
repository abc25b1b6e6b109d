import type { RawEntry } from '../arxiv/types.js';
import type { PaperRecord } from './paper.js';

/** Turn a raw feed/API entry into a cleaned Paper plus its raw text. */
export function toPaper(_entry: RawEntry): PaperRecord {
  throw new Error('toPaper: not implemented yet');
}
