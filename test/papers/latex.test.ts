import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latexToUnicode } from '../../src/papers/latex.js';
import { propertyRuns } from '../helpers/property-runs.js';

const cases: readonly (readonly [string, string])[] = [
  // math
  ['$\\alpha$-stable processes', 'α-stable processes'],
  ['$O(n^2)$ time', 'O(n²) time'],
  ['$O(n \\log n)$ and $n\\log n$', 'O(n log n) and n log n'],
  ['improves by $\\sim$10\\%', 'improves by ∼10%'],
  ['$^{2}$', '²'],
  ['$10^{-3}$', '10⁻³'],
  ['$x_{ij}$ and $x_i$', 'xᵢⱼ and xᵢ'],
  ['$x^{1/2}$', 'x^(1/2)'],
  ['$\\mathbb{R}^d$', 'ℝᵈ'],
  ['$\\mathbb{E}[X]$', '𝔼[X]'],
  ['$\\mathcal{O}(1)$', '𝒪(1)'],
  ['$\\mathfrak{g}$-modules', '𝔤-modules'],
  ['$\\epsilon \\leq 0.1$ and $\\delta \\geq 0$', 'ε ≤ 0.1 and δ ≥ 0'],
  ['$3\\times 3$ kernels', '3× 3 kernels'],
  ['$\\approx 2\\times$ faster', '≈ 2× faster'],
  ['$\\infty$-categories', '∞-categories'],
  ['$A \\rightarrow B$', 'A → B'],
  ['$\\pm 0.5$', '± 0.5'],
  ['$a \\cdot b$', 'a · b'],
  ['$\\ell_1$ norm', 'ℓ₁ norm'],
  ['$\\frac{a+b}{c}$', '(a+b)/c'],
  ['$\\frac12$', '1/2'],
  ['${1\\over 2}$', '1/2'],
  ['$\\sqrt{T}$ regret', '√T regret'],
  ['$\\tilde{O}(\\sqrt{T})$', 'Õ(√T)'],
  ['$\\hat{y}$, $\\bar{x}$', 'ŷ, x̄'],
  ["$f'(x)$", 'f′(x)'],
  ['$A^\\top$', 'Aᵀ'],
  ['$\\left( x \\right)$', '( x )'],
  ['$\\{0,1\\}^n$', '{0,1}ⁿ'],
  ['$\\text{for all } x$', 'for all x'],
  ['$\\mathrm{d}x$', 'dx'],
  ['$\\mathbf{x}$', 'x'],
  ['\\(x^2\\) and \\[y_1\\]', 'x² and y₁'],
  ['$$E = mc^2$$', 'E = mc²'],
  ['$\\unicode{x2013}$', '–'],
  ['costs $5 and $10', 'costs $5 and $10'],
  ['$\\foo x$ stays math', '$foo x$ stays math'],
  // accents and letters
  ["Erd\\H{o}s-R\\'enyi", 'Erdős-Rényi'],
  ["{\\'e}t{\\'e}", 'été'],
  ['G\\"odel and \\"Ozlem', 'Gödel and Özlem'],
  ['\\^ot\\`a', 'ôtà'],
  ['Espa\\~na', 'España'],
  ['Gar\\c{c}on and \\c c', 'Garçon and ç'],
  ['\\v{S}koda and \\v s', 'Škoda and š'],
  ['Kad{\\i}o\\u{g}lu', 'Kadıoğlu'],
  ["Krasnosel'ki\\u{\\i}", "Krasnosel'kiĭ"],
  ["Polit\\'{\\i}cnica", 'Politícnica'],
  ['Stra\\ss e and Stra\\ss{}e', 'Straße and Straße'],
  ["\\o{}rsted, \\AA{}ngstr\\\"om, \\ae, \\l{}\\'od\\'z", 'ørsted, Ångström, æ, łódź'],
  // text commands
  ['\\href{https://github.com/x/y}{here}', 'here'],
  ['\\url{https://a.b/c\\_d}', 'https://a.b/c_d'],
  ['\\textbf{bold} \\emph{em} \\textit{it} \\textsc{Rotation} \\texttt{tt}', 'bold em it Rotation tt'],
  ['{\\bf bold} and {\\em em}', 'bold and em'],
  ['10\\% \\& more \\# one \\$5 \\_x', '10% & more # one $5 _x'],
  ['non~breaking', 'non breaking'],
  ['pages 1--10 --- done', 'pages 1–10 — done'],
  ["``quoted'' and `single'", "“quoted” and ‘single'"],
  ['robust\\footnote{https://github.com/a/b\\_c}.', 'robust (https://github.com/a/b_c).'],
  ['as in \\cite{smith2020} and Fig.~\\ref{fig:a}', 'as in and Fig.'],
  ['\\textcolor{red}{warning}', 'warning'],
  ['the \\ours{} model and \\method', 'the ours model and method'],
  ['\\sysname{X-Net} wins', 'X-Net wins'],
  ['\\ion{N}{ii} lines', 'N II lines'],
  ['see https://x.org/~a--b_c\\_d.', 'see https://x.org/~a--b_c_d.'],
  ['\\LaTeX{} and \\TeX', 'LaTeX and TeX'],
  ['plain text stays plain', 'plain text stays plain'],
  // malformed input
  ['lone $ dollar', 'lone $ dollar'],
  ['trailing backslash \\', 'trailing backslash'],
  ['{{{unbalanced', 'unbalanced'],
  ['unbalanced}}} close', 'unbalanced close'],
  ['$unclosed math', '$unclosed math'],
  ['\\frac{1}', '1/'],
  ['\\textbf{never closed', 'never closed'],
  ['\\href{https://a.b', 'https://a.b'],
  ['$$', '$$'],
  ['\\(', '('],
  ['^_^', '^_^'],
  // plain text and URLs: what is copied unchanged, and where a single character still counts
  ['A plain   title\n with\tspaces', 'A plain title with spaces'],
  ["Don't stop -- the state-of-the-art's `best' ''model''", "Don't stop – the state-of-the-art's ‘best' ”model”"],
  ['See https://x.org/~me/a--b and http://y.org/p_q', 'See https://x.org/~me/a--b and http://y.org/p_q'],
  [
    'see~https://x.org/~me and www.y.org/~you, not hhttp://z.org/~z',
    'see https://x.org/~me and www.y.org/~you, not hhttp://z.org/ z',
  ],
  ['$x$ and wwwhat h~ttp', 'x and wwwhat h ttp'],
];

describe('latexToUnicode', () => {
  it.each(cases)('%j → %j', (input, expected) => {
    expect(latexToUnicode(input)).toBe(expected);
  });

  it('survives deep nesting without overflowing the stack', () => {
    const deep = `${'{'.repeat(50_000)}x${'}'.repeat(50_000)}`;
    expect(latexToUnicode(deep)).toBe('x');
    expect(latexToUnicode(`${'$\\frac{'.repeat(5_000)}`)).toBeTypeOf('string');
  });

  it('stays fast on long repetitive malformed input', () => {
    const nasty = '\\( $$ \\[ $ { \\'.repeat(20_000);
    const started = performance.now();
    latexToUnicode(nasty);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  // Strings built from the characters and commands that matter to the converter.
  const latexish = fc
    .array(
      fc.oneof(
        fc.constantFrom('\\', '{', '}', '$', '$$', '^', '_', '~', '-', '--', '`', "'", '%', '&', ' ', '\n', '[', ']'),
        fc.constantFrom('\\alpha', '\\frac', '\\sqrt', '\\href', '\\url', '\\mathbb', '\\over', '\\left', '\\right'),
        fc.constantFrom(
          "\\'",
          '\\"',
          '\\c',
          '\\v',
          '\\u',
          '\\i',
          '\\ss',
          '\\(',
          '\\)',
          '\\[',
          '\\]',
          '\\text',
          '\\unicode',
        ),
        fc.constantFrom('\\footnote', '\\textbf', '\\foo', '\\ion', '\\SI', '\\begin', 'https://x.y/', 'http', 'www.'),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it('never throws and never grows much, on LaTeX-like input', () => {
    fc.assert(
      fc.property(latexish, (input) => {
        const output = latexToUnicode(input);
        expect(typeof output).toBe('string');
        expect(output.length).toBeLessThanOrEqual(2 * input.length);
      }),
      { numRuns: propertyRuns(3_000) },
    );
  });

  it('never throws and never grows much, on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (input) => {
        expect(latexToUnicode(input).length).toBeLessThanOrEqual(2 * input.length);
      }),
      { numRuns: propertyRuns(1_000) },
    );
  });
});
