/** Lookup tables for `latexToUnicode`: what common TeX commands look like as plain Unicode. */

/** Greek letters by command name (`alpha` → α); the `var` forms map to the usual glyph. */
export const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', varkappa: 'ϰ', lambda: 'λ', mu: 'μ', nu: 'ν',
  xi: 'ξ', omicron: 'ο', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς',
  tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', digamma: 'ϝ',
  Alpha: 'Α', Beta: 'Β', Gamma: 'Γ', Delta: 'Δ', Epsilon: 'Ε', Zeta: 'Ζ', Eta: 'Η', Theta: 'Θ',
  Iota: 'Ι', Kappa: 'Κ', Lambda: 'Λ', Mu: 'Μ', Nu: 'Ν', Xi: 'Ξ', Omicron: 'Ο', Pi: 'Π', Rho: 'Ρ',
  Sigma: 'Σ', Tau: 'Τ', Upsilon: 'Υ', Phi: 'Φ', Chi: 'Χ', Psi: 'Ψ', Omega: 'Ω',
  varGamma: 'Γ', varDelta: 'Δ', varTheta: 'Θ', varLambda: 'Λ', varXi: 'Ξ', varPi: 'Π',
  varSigma: 'Σ', varUpsilon: 'Υ', varPhi: 'Φ', varPsi: 'Ψ', varOmega: 'Ω',
};

/** Argument-less commands that stand for one symbol, in text or math. */
export const SYMBOLS: Readonly<Record<string, string>> = {
  // relations
  leq: '≤', le: '≤', leqslant: '⩽', geq: '≥', ge: '≥', geqslant: '⩾', neq: '≠', ne: '≠',
  approx: '≈', sim: '∼', simeq: '≃', cong: '≅', equiv: '≡', propto: '∝', lesssim: '≲', gtrsim: '≳',
  lessapprox: '⪅', gtrapprox: '⪆', ll: '≪', gg: '≫', prec: '≺', succ: '≻', preceq: '⪯', succeq: '⪰',
  in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃', supseteq: '⊇',
  subsetneq: '⊊', supsetneq: '⊋', perp: '⊥', parallel: '∥', mid: '∣', nmid: '∤', vdash: '⊢',
  models: '⊨', asymp: '≍', doteq: '≐', triangleq: '≜', coloneqq: '≔', defeq: '≝',
  // arrows
  rightarrow: '→', to: '→', leftarrow: '←', gets: '←', leftrightarrow: '↔', Rightarrow: '⇒',
  Leftarrow: '⇐', Leftrightarrow: '⇔', iff: '⟺', implies: '⟹', impliedby: '⟸', mapsto: '↦',
  longrightarrow: '⟶', longleftarrow: '⟵', longmapsto: '⟼', Longrightarrow: '⟹',
  uparrow: '↑', downarrow: '↓', updownarrow: '↕', Uparrow: '⇑', Downarrow: '⇓', nearrow: '↗',
  searrow: '↘', nwarrow: '↖', swarrow: '↙', hookrightarrow: '↪', rightharpoonup: '⇀',
  rightleftharpoons: '⇌', leadsto: '⇝',
  // operators
  pm: '±', mp: '∓', times: '×', div: '÷', cdot: '·', ast: '∗', star: '⋆', circ: '∘', bullet: '•',
  oplus: '⊕', ominus: '⊖', otimes: '⊗', odot: '⊙', oslash: '⊘', cup: '∪', cap: '∩', sqcup: '⊔',
  sqcap: '⊓', uplus: '⊎', vee: '∨', lor: '∨', wedge: '∧', land: '∧', setminus: '∖', smallsetminus: '∖',
  dagger: '†', ddagger: '‡', dag: '†', ddag: '‡', wr: '≀', amalg: '⨿', diamond: '⋄',
  bigcup: '⋃', bigcap: '⋂', bigoplus: '⨁', bigotimes: '⨂', bigvee: '⋁', bigwedge: '⋀', bigsqcup: '⨆',
  sum: '∑', prod: '∏', coprod: '∐', int: '∫', iint: '∬', iiint: '∭', oint: '∮',
  // misc math
  infty: '∞', partial: '∂', nabla: '∇', forall: '∀', exists: '∃', nexists: '∄', neg: '¬', lnot: '¬',
  emptyset: '∅', varnothing: '∅', ell: 'ℓ', hbar: 'ℏ', hslash: 'ℏ', aleph: 'ℵ', beth: 'ℶ', Re: 'ℜ',
  Im: 'ℑ', wp: '℘', top: '⊤', bot: '⊥', angle: '∠', triangle: '△', square: '□', Box: '□',
  blacksquare: '■', prime: '′', surd: '√', imath: 'ı', jmath: 'ȷ', Bbbk: '𝕜', complement: '∁',
  therefore: '∴', because: '∵', sharp: '♯', flat: '♭', natural: '♮', clubsuit: '♣', heartsuit: '♡',
  spadesuit: '♠', diamondsuit: '♢', checkmark: '✓', degree: '°', micro: 'µ',
  langle: '⟨', rangle: '⟩', lceil: '⌈', rceil: '⌉', lfloor: '⌊', rfloor: '⌋', vert: '|',
  lvert: '|', rvert: '|', Vert: '‖', lVert: '‖', rVert: '‖', backslash: '\\',
  lbrace: '{', rbrace: '}', lbrack: '[', rbrack: ']', colon: ':',
  ldots: '…', dots: '…', cdots: '⋯', vdots: '⋮', ddots: '⋱', dotsc: '…', dotsb: '⋯', hdots: '…',
  // text symbols
  S: '§', P: '¶', copyright: '©', textcopyright: '©', textregistered: '®', texttrademark: '™',
  pounds: '£', textsterling: '£', euro: '€', texteuro: '€', textyen: '¥', textdollar: '$',
  textdegree: '°', textmu: 'µ', textperthousand: '‰', textbullet: '•', textperiodcentered: '·',
  textellipsis: '…', textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’',
  textquotedblleft: '“', textquotedblright: '”', textquotedbl: '"', guillemotleft: '«',
  guillemotright: '»', textless: '<', textgreater: '>', textbar: '|', textbackslash: '\\',
  textasciitilde: '~', textasciicircum: '^', textunderscore: '_', textbraceleft: '{',
  textbraceright: '}', textdagger: '†', textdaggerdbl: '‡', textsection: '§', textparagraph: '¶',
  textonehalf: '½', textonequarter: '¼', textthreequarters: '¾', textpm: '±', texttimes: '×',
  textdiv: '÷', textminus: '−',
  // wordmarks and abbreviation macros authors paste from their papers
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', LaTeXe: 'LaTeX2ε', eg: 'e.g.', ie: 'i.e.',
  etal: 'et al.', vs: 'vs.', cf: 'cf.', etc: 'etc.', wrt: 'w.r.t.', iid: 'i.i.d.',
};

/** Text-mode letters (`\ss`, `\o`, …); like TeX, they swallow the spaces after them. */
export const LETTERS: Readonly<Record<string, string>> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł',
  L: 'Ł', i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
};

/** Text accents: the combining mark, and the spacing form used when the argument is empty. */
export const TEXT_ACCENTS: Readonly<Record<string, readonly [string, string]>> = {
  "'": ['\u0301', '´'], '`': ['\u0300', '`'], '^': ['\u0302', '^'], '"': ['\u0308', '¨'],
  '~': ['\u0303', '~'], '=': ['\u0304', '¯'], '.': ['\u0307', '˙'], u: ['\u0306', '˘'],
  v: ['\u030C', 'ˇ'], H: ['\u030B', '˝'], c: ['\u0327', '¸'], k: ['\u0328', '˛'], r: ['\u030A', '˚'],
  d: ['\u0323', ''], b: ['\u0331', ''], t: ['\u0361', ''],
};

/** Math accents: combining marks put over a one-character argument. */
export const MATH_ACCENTS: Readonly<Record<string, string>> = {
  hat: '\u0302', widehat: '\u0302', check: '\u030C', widecheck: '\u030C', tilde: '\u0303',
  widetilde: '\u0303', acute: '\u0301', grave: '\u0300', dot: '\u0307', ddot: '\u0308',
  dddot: '\u20DB', breve: '\u0306', bar: '\u0304', overline: '\u0305', vec: '\u20D7',
  overrightarrow: '\u20D7', mathring: '\u030A',
};

/** Commands whose argument is shown as is (font, box and emphasis wrappers). */
export const PASS_THROUGH = new Set([
  'textbf', 'textit', 'emph', 'textsc', 'texttt', 'textsf', 'textrm', 'textmd', 'textup', 'textsl',
  'textnormal', 'text', 'textbf', 'mbox', 'hbox', 'fbox', 'framebox', 'makebox', 'mathrm', 'mathbf',
  'mathit', 'mathsf', 'mathtt', 'mathnormal', 'mathbfit', 'boldsymbol', 'bm', 'pmb', 'operatorname',
  'underline', 'uline', 'ul', 'ensuremath', 'mathop', 'mathbin', 'mathrel', 'mathord', 'mathopen',
  'mathclose', 'mathpunct', 'textsuperscript', 'textsubscript', 'uppercase', 'MakeUppercase',
  'lowercase', 'MakeLowercase', 'textlf', 'emph', 'underbrace', 'overbrace', 'substack', 'num',
  'si', 'textnormal', 'sqrtsign', 'centerline', 'enquote', 'textquote', 'mathds',
]);

/** Switches and layout commands that take no argument and show nothing. */
export const DROPPED = new Set([
  'rm', 'bf', 'it', 'em', 'sf', 'tt', 'sc', 'sl', 'cal', 'normalfont', 'bfseries', 'itshape',
  'mdseries', 'rmfamily', 'sffamily', 'ttfamily', 'scshape', 'upshape', 'slshape', 'displaystyle',
  'textstyle', 'scriptstyle', 'scriptscriptstyle', 'tiny', 'scriptsize', 'footnotesize', 'small',
  'normalsize', 'large', 'Large', 'LARGE', 'huge', 'Huge', 'centering', 'raggedright', 'raggedleft',
  'noindent', 'indent', 'protect', 'nolinebreak', 'limits', 'nolimits', 'relax', 'hfill', 'vfill',
  'hfil', 'smallskip', 'medskip', 'bigskip', 'clearpage', 'newpage', 'maketitle', 'today',
  'xspace', 'footnotemark', 'allowbreak', 'nobreak', 'null', 'strut', 'mathstrut', 'displaybreak',
  'nonumber', 'notag', 'selectfont', 'boldmath', 'unboldmath', 'leavevmode', 'ignorespaces',
]);

/** Sized delimiters: the command goes, the delimiter after it stays (`\left.` shows nothing). */
export const DELIMITER_SIZES = new Set([
  'left', 'right', 'middle', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl',
  'biggr', 'Biggl', 'Biggr', 'bigm', 'Bigm', 'biggm', 'Biggm',
]);

/** Commands whose (one) argument is not shown: references, spacing, colours, setup. */
export const DROPPED_WITH_ARG = new Set([
  'cite', 'citep', 'citet', 'citealp', 'citealt', 'citeauthor', 'citeyear', 'citeyearpar', 'nocite',
  'ref', 'eqref', 'autoref', 'cref', 'Cref', 'pageref', 'label', 'vspace', 'hspace', 'color',
  'hypersetup', 'pagecolor', 'includegraphics', 'bibliography', 'bibliographystyle', 'thanks',
  'phantom', 'hphantom', 'vphantom', 'input', 'include', 'usepackage', 'documentclass', 'begin',
  'end', 'rule', 'kern', 'hskip', 'vskip', 'raisebox', 'setlength', 'addtolength', 'linespread',
  'fontsize', 'newcommand', 'renewcommand', 'def', 'let', 'orcidlink', 'footnotetext',
]);

/** Spacing commands: shown as one space (collapsed later). */
export const SPACES = new Set([
  'quad', 'qquad', 'enspace', 'enskip', 'thinspace', 'medspace', 'thickspace', 'space', 'newline',
  'linebreak', 'par', 'break', 'item', 'tab',
]);

/** Operator names TeX sets upright; shown as words, with a space before when glued to a letter. */
export const FUNCTIONS = new Set([
  'log', 'ln', 'lg', 'exp', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'sinh', 'cosh', 'tanh', 'coth',
  'arcsin', 'arccos', 'arctan', 'max', 'min', 'sup', 'inf', 'lim', 'liminf', 'limsup', 'arg',
  'argmax', 'argmin', 'det', 'dim', 'ker', 'deg', 'gcd', 'lcm', 'Pr', 'hom', 'Hom', 'tr', 'Tr',
  'rank', 'diag', 'sgn', 'sign', 'softmax', 'poly', 'polylog', 'Var', 'Cov', 'mod', 'bmod', 'span',
  'supp', 'vol', 'erf', 'id', 'End', 'Aut', 'Spec', 'Ext', 'Tor', 'codim', 'coker', 'im', 'Ker',
]);

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ',
  f: 'ᶠ', g: 'ᵍ', h: 'ʰ', i: 'ⁱ', j: 'ʲ', k: 'ᵏ', l: 'ˡ', m: 'ᵐ', n: 'ⁿ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ',
  s: 'ˢ', t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ', z: 'ᶻ', A: 'ᴬ', B: 'ᴮ', D: 'ᴰ', E: 'ᴱ',
  G: 'ᴳ', H: 'ᴴ', I: 'ᴵ', J: 'ᴶ', K: 'ᴷ', L: 'ᴸ', M: 'ᴹ', N: 'ᴺ', O: 'ᴼ', P: 'ᴾ', R: 'ᴿ', T: 'ᵀ',
  U: 'ᵁ', V: 'ⱽ', W: 'ᵂ', 'β': 'ᵝ', 'γ': 'ᵞ', 'δ': 'ᵟ', 'θ': 'ᶿ', 'φ': 'ᵠ', 'χ': 'ᵡ', 'ε': 'ᵋ',
  '⊤': 'ᵀ', '∘': '°', '*': '*', '∗': '*', '†': '†', '‡': '‡', '′': '′', '″': '″', '°': '°', ' ': ' ',
};

const SUBSCRIPTS: Readonly<Record<string, string>> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ',
  k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
  'β': 'ᵦ', 'γ': 'ᵧ', 'ρ': 'ᵨ', 'φ': 'ᵩ', 'χ': 'ᵪ',
};

/** `s` written with superscript characters, or null when one of them has no superscript form. */
export function toSuperscript(s: string): string | null {
  return mapAll(s, SUPERSCRIPTS);
}

/** `s` written with subscript characters, or null when one of them has no subscript form. */
export function toSubscript(s: string): string | null {
  return mapAll(s, SUBSCRIPTS);
}

function mapAll(s: string, table: Readonly<Record<string, string>>): string | null {
  if (s.trim() === '') return null;
  let out = '';
  for (const ch of s) {
    const mapped = table[ch];
    if (mapped === undefined) return null;
    out += mapped;
  }
  return out;
}

// Letters that Unicode placed in the Letterlike Symbols block instead of the math alphabets.
const DOUBLE_STRUCK_HOLES: Readonly<Record<string, string>> = { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' };
const SCRIPT_HOLES: Readonly<Record<string, string>> = { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ' };
const FRAKTUR_HOLES: Readonly<Record<string, string>> = { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' };

/** Math alphabets (`\mathbb`, `\mathcal`, `\mathfrak`): each maps a plain character or returns it unchanged. */
export const ALPHABETS: Readonly<Record<string, (ch: string) => string>> = {
  mathbb: (ch) => styled(ch, DOUBLE_STRUCK_HOLES, 0x1d538, 0x1d552, 0x1d7d8),
  Bbb: (ch) => styled(ch, DOUBLE_STRUCK_HOLES, 0x1d538, 0x1d552, 0x1d7d8),
  mathbbm: (ch) => styled(ch, DOUBLE_STRUCK_HOLES, 0x1d538, 0x1d552, 0x1d7d8),
  mathcal: (ch) => styled(ch, SCRIPT_HOLES, 0x1d49c, null, null),
  mathscr: (ch) => styled(ch, SCRIPT_HOLES, 0x1d49c, null, null),
  mathfrak: (ch) => styled(ch, FRAKTUR_HOLES, 0x1d504, 0x1d51e, null),
};

function styled(
  ch: string,
  holes: Readonly<Record<string, string>>,
  upper: number,
  lower: number | null,
  digit: number | null,
): string {
  const hole = holes[ch];
  if (hole !== undefined) return hole;
  const code = ch.charCodeAt(0);
  if (ch.length !== 1) return ch;
  if (code >= 65 && code <= 90) return String.fromCodePoint(upper + code - 65);
  if (lower !== null && code >= 97 && code <= 122) return String.fromCodePoint(lower + code - 97);
  if (digit !== null && code >= 48 && code <= 57) return String.fromCodePoint(digit + code - 48);
  return ch;
}
