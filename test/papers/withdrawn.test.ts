import { describe, expect, it } from 'vitest';
import { isWithdrawn } from '../../src/papers/withdrawn.js';

// [comment, abstract, withdrawn?]; the withdrawal phrasings are those of real arXiv records.
const cases: readonly (readonly [string | null, string | null, boolean])[] = [
  ['This paper has been withdrawn', 'Some abstract.', true],
  ['This papers has been withdrawn', null, true],
  ['paper withdrawn by author', 'paper withdrawn due to a possible error in the eigenfunction', true],
  ['withdrawn by arXiv administrators due to plagiarism. See http://arxiv.org/new/withdrawals.aug.07.html', null, true],
  ['This has been withdrawn by arXiv administrators due to an unresolvable authorship dispute', null, true],
  ['This paper has been withdrawn due to an error in Lemma 8', null, true],
  ['This paper has been withdrawn by the author(s) due to some mistakes in this paper', null, true],
  ['This article has been withdrawn because it has been merged with the earlier article', null, true],
  ['This submission has been withdrawn by arXiv administrators as it contains inappropriate text', null, true],
  ['Withdrawn', null, true],
  ['withdrawn.', null, true],
  ['The authors have withdrawn this paper due to a flaw in the proof', null, true],
  ['We withdraw this paper because Theorem 2 is wrong', null, true],
  [null, 'This paper has been withdrawn by the authors.', true],
  [null, 'This paper has been withdrawn due to copyright reasons.', true],
  [null, 'Withdrawn.', true],
  ['10 pages', 'The paper was withdrawn; a corrected version will follow.', true],

  ['10 pages, 4 figures', 'We study the problem of sorting.', false],
  [null, 'In this work we withdraw the assumption of convexity and show that the bound still holds.', false],
  [null, 'Several drugs have been withdrawn from the market because of cardiotoxicity; we predict which.', false],
  [null, 'Withdrawn behaviour in adolescents is linked to screen time in our cohort of 2,000.', false],
  [null, 'We model withdrawal of liquidity from decentralised exchanges.', false],
  ['This paper has been withdrawn from NeurIPS 2025 and will be resubmitted', null, false],
  ['Accepted to CVPR 2025', 'Opioid withdrawal symptoms were measured in 120 patients.', false],
  [null, null, false],
];

describe('isWithdrawn', () => {
  it.each(cases)('comment %j, abstract %j → %s', (comment, abstract, expected) => {
    expect(isWithdrawn(comment, abstract)).toBe(expected);
  });
});
