import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncateText } from '../../src/papers/truncate.js';

const abstract =
  'We study contrastive learning for images. Our method needs no labels and scales to large datasets. ' +
  'Experiments on ImageNet show strong gains over prior work, e.g. a 5% improvement in accuracy.';

const cases: readonly (readonly [string, number, string])[] = [
  ['short text', 100, 'short text'],
  ['exactly ten', 11, 'exactly ten'],
  // a sentence end in the last 30% wins over a word boundary
  [abstract, 110, 'We study contrastive learning for images. Our method needs no labels and scales to large datasets. …'],
  // no sentence end late enough: cut at a word boundary
  [abstract, 60, 'We study contrastive learning for images. Our method needs…'],
  // "e.g." is not a sentence end
  [abstract, 175, 'We study contrastive learning for images. Our method needs no labels and scales to large datasets. Experiments on ImageNet show strong gains over prior work, e.g. a 5%…'],
  ['Results, i.e. the scores, improve. More text follows here', 37, 'Results, i.e. the scores, improve. …'],
  ['Results, i.e. the scores improve a lot here', 20, 'Results, i.e. the…'],
  // trailing punctuation before the ellipsis goes
  ['alpha, beta, gamma, delta', 14, 'alpha, beta…'],
  // one long word: a hard cut
  ['Supercalifragilisticexpialidocious', 10, 'Supercali…'],
  // tiny limits stay valid
  ['hello world', 1, '…'],
  ['hello world', 2, 'h…'],
  ['hello world', 0, ''],
  ['hello world', -5, ''],
  ['', 5, ''],
  // never split a surrogate pair or separate a letter from its accent
  ['😀😀😀😀', 4, '😀…'],
  ['ab😀cd', 4, 'ab…'],
  ['cafe\u0301 au lait', 5, 'caf…'],
];

describe('truncateText', () => {
  it.each(cases)('%j at %i → %j', (text, max, expected) => {
    expect(truncateText(text, max)).toBe(expected);
  });

  const wordy = fc
    .array(fc.oneof(fc.constantFrom(' ', '. ', ', ', '! ', 'e.g. ', '😀', '\u0301', '\n'), fc.string({ minLength: 1, maxLength: 12 })), {
      maxLength: 80,
    })
    .map((parts) => parts.join(''));

  it('fits, keeps a prefix, ends at a boundary, and never leaves half a surrogate pair', () => {
    fc.assert(
      fc.property(wordy, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = truncateText(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) {
          expect(out).toBe(text);
          return;
        }
        expect(out.endsWith('…')).toBe(true);
        const body = out.slice(0, -1).replace(/ $/, '');
        expect(text.startsWith(body)).toBe(true);
        // no lone high surrogate at the cut
        const lastCode = body.charCodeAt(body.length - 1);
        expect(lastCode >= 0xd800 && lastCode <= 0xdbff).toBe(false);
        // the cut is at whitespace or punctuation, unless the text left no boundary to use
        const rest = text.slice(body.length);
        // a usable boundary: whitespace within the limit with a word before it
        const boundaryAvailable = /[^\s,;:–—-][\s,;:–—-]*\s/u.test(text.slice(0, max));
        if (body.length > 0 && boundaryAvailable) expect(rest).toMatch(/^[\s,;:–—-]/u);
      }),
      { numRuns: 3_000 },
    );
  });
});
