import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitText, sanitizeMarkdown, sanitizePlain } from '../../src/discord/render/sanitize.js';
import { cleanUntrusted, truncateText } from '../../src/discord/render/text.js';
import { HOSTILE, liveMarkup, livePlain, rendered } from './render-helpers.js';
import { propertyRuns } from '../helpers/property-runs.js';

describe('sanitizeMarkdown', () => {
  it.each(HOSTILE.map((text) => [text]))('%j leaves nothing live', (text) => {
    const out = sanitizeMarkdown(text);
    expect(liveMarkup(out)).toEqual([]);
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(out).not.toMatch(/[\n\r\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(out).toBe(out.trim());
  });

  it.each([
    ['C++ for 3D vision', 'C++ for 3D vision'],
    ['GPT-4: a report', 'GPT-4: a report'],
    ['α-β divergences, Q&A and x < y > z', 'α-β divergences, Q&A and x < y > z'],
    ['3*4 = 12', '3\\*4 = 12'],
    ['snake_case names', 'snake\\_case names'],
    ['2205.14459v2', '2205.14459v2'],
    ['2024. A review', '2024\\. A review'],
    ['#1 on the leaderboard', '\\#1 on the leaderboard'],
    ['- item', '\\- item'],
    ['code at https://github.com/foo_bar/baz_qux.', 'code at https://github.com/foo_bar/baz_qux.'],
    ['[1] Smith et al.', '\\[1\\] Smith et al.'],
    ['@everyone', '@\u200Beveryone'],
    ['<@123>', '<\u200B@123>'],
    ['a\n\n  b\tc', 'a b c'],
    ['无监督/半监督/对比学习', '无监督/半监督/对比学习'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeMarkdown(input)).toBe(expected);
  });

  it('reads the same once rendered (nothing lost, nothing added)', () => {
    const piece = fc.constantFrom(...HOSTILE, 'word', ' ', 'C++', '3*4', 'α', '😀', 'x_y', '\\', '|', '~');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join(' ').replace(/https?:\/\//g, 'hxxp://');
        const shown = rendered(sanitizeMarkdown(text));
        expect(shown).toBe(cleanUntrusted(text).replace(/\u200B/g, ''));
      }),
      { seed: 7, numRuns: propertyRuns(300) },
    );
  });
});

describe('sanitizePlain', () => {
  it.each(HOSTILE.map((text) => [text]))('%j cannot ping or mention', (text) => {
    const out = sanitizePlain(text);
    expect(livePlain(out)).toEqual([]);
    expect(out.split('\\').length).toBe(cleanUntrusted(text).split('\\').length);
    expect(out).not.toContain('\n');
  });

  it('does not escape markdown (footers show it verbatim)', () => {
    expect(sanitizePlain('3*4 and snake_case [x](y)')).toBe('3*4 and snake_case [x](y)');
  });
});

describe('truncateText', () => {
  const abstract = 'We study contrastive learning. It works well in practice, e.g. on ImageNet. We also show bounds.';
  it.each([
    { text: 'short', max: 10, options: {}, expected: 'short' },
    { text: 'one two three four', max: 12, options: {}, expected: 'one two…' },
    { text: 'one two, three four', max: 12, options: {}, expected: 'one two…' },
    { text: abstract, max: 70, options: { sentenceShare: 0.3 }, expected: 'We study contrastive learning. …' },
    {
      text: abstract,
      max: 90,
      options: { sentenceShare: 0.6 },
      expected: 'We study contrastive learning. It works well in practice, e.g. on ImageNet. …',
    },
    {
      text: abstract,
      max: 70,
      options: { sentenceShare: 0.6 },
      expected: 'We study contrastive learning. It works well in practice, e.g. on…',
    },
    { text: 'x'.repeat(50), max: 10, options: {}, expected: 'xxxxxxxx…' },
    { text: '😀'.repeat(10), max: 6, options: {}, expected: '😀😀…' },
    { text: 'e\u0301'.repeat(10), max: 6, options: {}, expected: 'e\u0301e\u0301…' },
    { text: 'abc def', max: 1, options: {}, expected: '…' },
    { text: 'abc def', max: 0, options: {}, expected: '' },
  ])('$text / $max → $expected', ({ text, max, options, expected }) => {
    const out = truncateText(text, max, options);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
  });

  it('never splits a surrogate pair or leaves a lone half', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 0, max: 80 }), (text, max) => {
        const out = truncateText(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
      { seed: 7, numRuns: propertyRuns(300) },
    );
  });
});

describe('fitText', () => {
  it.each([
    { text: '*'.repeat(100), max: 50 },
    { text: '[x](y) '.repeat(100), max: 100 },
    { text: '@everyone '.repeat(100), max: 64 },
    { text: 'plain words '.repeat(500), max: 256 },
    { text: 'https://github.com/[a]/`b` '.repeat(40), max: 120 },
  ])('fits $max escaped units and stays inert', ({ text, max }) => {
    const out = fitText(text, max);
    expect(out.length).toBeLessThanOrEqual(max);
    expect(out.length).toBeGreaterThan(max / 4);
    expect(liveMarkup(out)).toEqual([]);
    expect(out).not.toMatch(/(?<!\\)(?:\\\\)*\\$/);
  });
});
