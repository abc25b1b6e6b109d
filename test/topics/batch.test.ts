import { describe, expect, it } from 'vitest';
import { BloomColumns, forEachPaper, setWords } from '../../src/topics/batch.js';
import { compileQuery, indexPaper, mayMatch } from '../../src/topics/match.js';
import { parseQuery } from '../../src/topics/query.js';
import { stressPapers, stressTopics } from './corpus.js';

/** The papers `narrow` keeps from the whole batch, in order. */
function narrowed(columns: BloomColumns, count: number, prefilter: Int32Array | null): number[] {
  const set = new Uint32Array(setWords(count));
  for (let i = 0; i < count; i++) set[i >>> 5]! |= 1 << (i & 31);
  columns.narrow(set, prefilter, new Uint32Array(set.length));
  const kept: number[] = [];
  forEachPaper(set, (i) => kept.push(i));
  return kept;
}

describe('BloomColumns', () => {
  const papers = stressPapers(150, 21);
  const prefilters = stressTopics(papers, 60, 22)
    .filter((topic) => topic.query.trim() !== '')
    .map((topic) => compileQuery(parseQuery(topic.query)).prefilter);

  it('keeps exactly the papers each paper’s own filter lets through, batch after batch', () => {
    // A large batch, then smaller ones that reuse its storage, then a larger one again.
    for (const count of [150, 33, 32, 1, 70, 150]) {
      const indexed = papers.slice(150 - count).map(indexPaper);
      const columns = new BloomColumns(indexed);
      let partial = 0;
      for (const prefilter of prefilters) {
        const expected = indexed.flatMap((paper, i) => (mayMatch(prefilter, paper) ? [i] : []));
        expect(narrowed(columns, count, prefilter)).toEqual(expected);
        if (expected.length > 0 && expected.length < count) partial++;
      }
      columns.release();
      if (count > 32) expect(partial).toBeGreaterThan(0);
    }
  });
});
