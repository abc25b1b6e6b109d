import { describe, expect, it } from 'vitest';
import { absUrl, parseArxivId, pdfUrl } from '../../src/papers/ids.js';

const valid: readonly (readonly [string, string, number | null])[] = [
  ['2205.14459', '2205.14459', null],
  ['2205.14459v2', '2205.14459', 2],
  ['2205.14459v12', '2205.14459', 12],
  ['arXiv:2205.14459', '2205.14459', null],
  ['arXiv:2205.14459v3', '2205.14459', 3],
  ['ARXIV:2205.14459', '2205.14459', null],
  ['https://arxiv.org/abs/2205.14459v2', '2205.14459', 2],
  ['http://arxiv.org/abs/2205.14459', '2205.14459', null],
  ['http://arxiv.org/pdf/2205.14459v1.pdf', '2205.14459', 1],
  ['https://arxiv.org/pdf/2205.14459v1', '2205.14459', 1],
  ['https://export.arxiv.org/abs/2205.14459v4', '2205.14459', 4],
  ['https://www.arxiv.org/abs/2205.14459/', '2205.14459', null],
  ['https://arxiv.org/html/2205.14459v2', '2205.14459', 2],
  ['arxiv.org/abs/hep-th/9901001', 'hep-th/9901001', null],
  ['hep-th/9901001', 'hep-th/9901001', null],
  ['hep-th/9901001v3', 'hep-th/9901001', 3],
  ['math.GT/0309136v1', 'math.GT/0309136', 1],
  ['cond-mat/0412498v1', 'cond-mat/0412498', 1],
  ['quant-ph/0201082v1', 'quant-ph/0201082', 1],
  ['astro-ph/0601001', 'astro-ph/0601001', null],
  ['math/0703001', 'math/0703001', null],
  ['http://arxiv.org/abs/cond-mat/0412498v1', 'cond-mat/0412498', 1],
  ['0704.0001', '0704.0001', null],
  ['1412.9999v2', '1412.9999', 2],
  ['1501.00001', '1501.00001', null],
  ['2401.00001', '2401.00001', null],
  ['oai:arXiv.org:2401.00001v1', '2401.00001', 1],
  ['  2205.14459v2  ', '2205.14459', 2],
];

const invalid: readonly string[] = [
  'abc',
  '',
  '1234.5',
  '2213.00001', // month 13
  '2200.00001', // month 0
  '0703.0001', // the new scheme starts in April 2007
  '1501.0001', // 4-digit serials ended in 2014
  '1412.00001', // 5-digit serials start in 2015
  '2205.144590',
  '2205.14459v0',
  '2205.14459v',
  'hep-th/990100',
  'hep-th/9913001', // month 13
  'hep-th/0704001', // the old scheme ended in March 2007
  'https://example.org/abs/2205.14459',
  '2205.14459 extra',
  'arXiv:',
];

describe('parseArxivId', () => {
  it.each(valid)('%j → %s v%s', (text, id, version) => {
    expect(parseArxivId(text)).toEqual({ id, version });
  });

  it.each(invalid)('rejects %j', (text) => {
    expect(parseArxivId(text)).toBeNull();
  });
});

describe('absUrl and pdfUrl', () => {
  it.each([
    ['2205.14459', 2, 'https://arxiv.org/abs/2205.14459', 'https://arxiv.org/pdf/2205.14459v2'],
    ['hep-th/9901001', 1, 'https://arxiv.org/abs/hep-th/9901001', 'https://arxiv.org/pdf/hep-th/9901001v1'],
    ['2401.00001', null, 'https://arxiv.org/abs/2401.00001', 'https://arxiv.org/pdf/2401.00001'],
  ] as const)('%s v%s', (id, version, abs, pdf) => {
    expect(absUrl(id)).toBe(abs);
    expect(pdfUrl(id, version)).toBe(pdf);
  });
});
