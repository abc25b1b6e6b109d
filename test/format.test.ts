import { describe, expect, it } from 'vitest';
import { choiceName, codeBlock, codeSpan, plural } from '../src/format.js';

describe('codeSpan', () => {
  it.each([
    { case: 'plain text', text: 'contrastive', max: undefined, span: '`contrastive`' },
    { case: 'backticks, swapped for a look-alike', text: 'a `b` c', max: undefined, span: '`a ˋbˋ c`' },
    { case: 'line breaks and runs of spaces', text: ' a\n\n b\tc ', max: undefined, span: '`a b c`' },
    { case: 'zero-width and bidi characters', text: 'a\u200bb\u202ec', max: undefined, span: '`abc`' },
    { case: 'nothing left', text: '\u200b', max: undefined, span: '` `' },
    { case: 'a cut, ellipsis inside', text: 'x'.repeat(300), max: 10, span: `\`${'x'.repeat(9)}…\`` },
    { case: 'the default cut at 60', text: 'y'.repeat(61), max: undefined, span: `\`${'y'.repeat(59)}…\`` },
    { case: 'a cut between code points, not halves', text: '😀'.repeat(5), max: 3, span: '`😀😀…`' },
  ])('$case', ({ text, max, span }) => {
    expect(codeSpan(text, max)).toBe(span);
  });
});

describe('other wording helpers', () => {
  it.each([
    [0, '0 papers'],
    [1, '1 paper'],
    [2, '2 papers'],
  ])('plural(%i)', (count, words) => {
    expect(plural(count, 'paper')).toBe(words);
  });

  it('keeps a code block closed', () => {
    expect(codeBlock('a ``` b')).toBe('```\na ˋˋˋ b\n```');
  });

  it('fits a choice label on one line of at most 100 characters', () => {
    expect(choiceName(' a \n b ')).toBe('a b');
    expect(choiceName('')).toBe('…');
    expect(Array.from(choiceName('é'.repeat(150)))).toHaveLength(100);
  });
});
