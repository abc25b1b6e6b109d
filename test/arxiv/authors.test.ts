import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCreators } from '../../src/arxiv/authors.js';

describe('splitCreators', () => {
  it.each([
    ['Radia Okoye', ['Radia Okoye']],
    ['Youssef Kora, Christoph Simon', ['Youssef Kora', 'Christoph Simon']],
    ['A. Lee (Dept. of Physics, Univ. X, City, Country), B. Chen', ['A. Lee', 'B. Chen']],
    ['A. Lee (Institute (IFX), Lab), B. Chen (Y)', ['A. Lee', 'B. Chen']],
    ['Dana Fox (for the ALPHA Collaboration)', ['Dana Fox']],
    ["Gergely Zar\\'and, Mikl\\'os Werner", ["Gergely Zar\\'and", "Mikl\\'os Werner"]],
    ['  Ann  Smith ,\n Bo  Jones  ', ['Ann Smith', 'Bo Jones']],
    ['', []],
    ['A (unbalanced, B', ['A', 'B']],
  ])('%j → %j', (value, names) => {
    expect(splitCreators(value)).toEqual(names);
  });

  it('never splits inside an affiliation, whatever it contains', () => {
    const name = fc.stringMatching(/^[A-Z][a-z]{1,8} [A-Z][a-z]{1,10}$/);
    const affiliation = fc
      .array(fc.stringMatching(/^[A-Za-z .-]{1,20}$/), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(', '));
    const author = fc.tuple(name, fc.option(affiliation, { nil: undefined }));
    fc.assert(
      fc.property(fc.array(author, { minLength: 1, maxLength: 8 }), (authors) => {
        const text = authors.map(([n, a]) => (a === undefined ? n : `${n} (${a})`)).join(', ');
        expect(splitCreators(text)).toEqual(authors.map(([n]) => n));
      }),
    );
  });
});
