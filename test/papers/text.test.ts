import { describe, expect, it } from 'vitest';
import { cleanText, collapseWhitespace } from '../../src/papers/text.js';

const cases: readonly (readonly [string, string])[] = [
  ['  A  title\n  wrapped over\tlines ', 'A title wrapped over lines'],
  ['<p>An abstract from an old RDF feed.</p>', 'An abstract from an old RDF feed.'],
  ['&lt;p&gt;Escaped markup&lt;/p&gt;', 'Escaped markup'],
  ['<p>First.</p><p>Second.</p>', 'First. Second.'],
  ['H<sub>2</sub>O and x<sup>2</sup>', 'H2O and x2'],
  ['Tom &amp; Jerry &eacute;t&eacute; &#233; &#x2013; &nbsp;ok', 'Tom & Jerry été é – ok'],
  ['$a <b$ and $c> d$ stay', '$a <b$ and $c> d$ stay'],
  ['x < y and y > z', 'x < y and y > z'],
  ['<a href="http://arxiv.org/find/cs/1/au:+Doe_J/0/1/0/all/0/1">J. Doe</a>', 'J. Doe'],
  ['line<br/>break', 'line break'],
  ['', ''],
];

describe('cleanText', () => {
  it.each(cases)('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('collapseWhitespace', () => {
  it('collapses and trims but keeps everything else', () => {
    expect(collapseWhitespace('  $\\alpha$ \n\n &amp; ')).toBe('$\\alpha$ &amp;');
  });

  it.each([
    ['single spaces only', ' a b c ', 'a b c'],
    ['a double space', 'a  b', 'a b'],
    ['a tab', 'a\tb', 'a b'],
    ['a no-break space', 'a\u00a0b', 'a b'],
    ['an ideographic space', 'a\u3000 b', 'a b'],
  ])('rewrites %s', (_name, input, expected) => {
    expect(collapseWhitespace(input)).toBe(expected);
  });
});
