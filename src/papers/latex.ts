import {
  ALPHABETS,
  DELIMITER_SIZES,
  DROPPED,
  DROPPED_WITH_ARG,
  FUNCTIONS,
  GREEK,
  LETTERS,
  MATH_ACCENTS,
  PASS_THROUGH,
  SPACES,
  SYMBOLS,
  TEXT_ACCENTS,
  toSubscript,
  toSuperscript,
} from './latex-tables.js';
import { collapseWhitespace } from './text.js';

// What the converter would change: commands, groups, math, ties, dashes and TeX quotes. A URL
// in running text is copied as is, so it needs the converter only when it holds one of these.
const LATEX_MARKUP = /[\\$~`{}]|--|''/;

// Characters the converter treats specially in running text (`h` and `w` where a URL may start)
// and in math; everything between them is copied unchanged. Each set holds what can end a span
// (`}`, `$`, `\`), so a search never runs past the span it is in and the whole stays linear.
const TEXT_SPECIAL = /[\\{}$~`'-]|h(?=ttps?:\/\/)|w(?=ww\.)/gi;
const MATH_SPECIAL = /[\\{}^_'~&$]/g;

// Deeper nesting than this is treated as flat text, so malformed input cannot blow the stack.
const MAX_DEPTH = 24;

type Mode = 'text' | 'math';

/** An infix fraction (`{a \over b}`): the group so far becomes the left operand. */
interface Infix {
  separator: string;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** Parenthesise a fraction or root operand unless it is one symbol or a plain number. */
function operand(s: string): string {
  const t = s.trim();
  if (Array.from(t).length <= 1 || /^[\p{N}.]+$/u.test(t) || /^\p{L}$/u.test(t)) return t;
  return `(${t})`;
}

/** `\url` and `\href` targets keep their characters, only TeX escapes are undone. */
function unescapeUrl(s: string): string {
  return s
    .replace(/\\~(?:\{\})?/g, '~')
    .replace(/\\([_%#&$/])/g, '$1')
    .replace(/\s+/g, '');
}

class Converter {
  private pos = 0;
  private end: number;
  /** Unknown commands seen so far; a math span that met one keeps its `$` delimiters. */
  private unknown = 0;
  /** Closers already known to be missing, so that repeated `\(` cannot make the scan quadratic. */
  private readonly missing = new Set<string>();

  constructor(private readonly src: string) {
    this.end = src.length;
  }

  convert(): string {
    return this.sequence('text', false, 0);
  }

  /** Convert until the end of the current span or, inside a group, its closing brace. */
  private sequence(mode: Mode, inGroup: boolean, depth: number): string {
    let out = '';
    // The last character written, kept apart: reading it from `out` would flatten the string every time.
    let last: string | undefined;
    let left: string | null = null;
    let separator = '/';
    const special = mode === 'text' ? TEXT_SPECIAL : MATH_SPECIAL;
    while (this.pos < this.end) {
      // Copy a run of ordinary characters at once; only the characters after it need a decision.
      special.lastIndex = this.pos;
      const next = special.exec(this.src)?.index ?? this.end;
      if (next > this.pos) {
        const piece = this.src.slice(this.pos, Math.min(next, this.end));
        out += piece;
        last = piece.at(-1) ?? last;
        this.pos = Math.min(next, this.end);
        continue;
      }
      const c = this.src[this.pos] ?? '';
      if (c === '}') {
        this.pos++;
        if (inGroup) break;
        continue; // a stray closing brace shows nothing
      }
      if (c === '{') {
        this.pos++;
        const piece = this.group(mode, depth);
        out += piece;
        last = piece.at(-1) ?? last;
        continue;
      }
      if (c === '\\') {
        const piece = this.command(mode, depth, last);
        if (typeof piece === 'string') {
          out += piece;
          last = piece.at(-1) ?? last;
        } else {
          left = out;
          separator = piece.separator;
          out = '';
          last = undefined;
        }
        continue;
      }
      const piece = mode === 'text' ? this.textChar(c, depth) : this.mathChar(c, depth);
      out += piece;
      last = piece.at(-1) ?? last;
    }
    if (left === null) return out;
    if (separator === '/') return `${operand(left)}/${operand(out)}`;
    if (separator === ' choose ') return `(${left.trim()} choose ${out.trim()})`;
    return `${left.trim()}${separator}${out.trim()}`;
  }

  /** The content of a `{…}` group whose opening brace was just consumed. */
  private group(mode: Mode, depth: number): string {
    // Past the depth limit the braces are dropped and the content read as part of the outer text.
    if (depth >= MAX_DEPTH) return '';
    return this.sequence(mode, true, depth + 1);
  }

  private skipSpaces(): void {
    while (this.pos < this.end && isSpace(this.src[this.pos])) this.pos++;
  }

  /** One macro argument, converted: `{…}`, a command, or a single character. */
  private argument(mode: Mode, depth: number): string {
    this.skipSpaces();
    if (this.pos >= this.end) return '';
    const c = this.src[this.pos] ?? '';
    if (c === '}') return '';
    if (c === '{') {
      this.pos++;
      return this.group(mode, depth);
    }
    if (c === '\\') {
      const piece = this.command(mode, depth, undefined);
      return typeof piece === 'string' ? piece : '';
    }
    this.pos++;
    return c;
  }

  /** One braced argument as written (balanced, escapes kept), for URLs and colour names. */
  private rawArgument(): string {
    this.skipSpaces();
    if (this.src[this.pos] !== '{') return '';
    const start = ++this.pos;
    let level = 1;
    while (this.pos < this.end) {
      const c = this.src[this.pos];
      if (c === '\\') {
        this.pos += 2;
        continue;
      }
      if (c === '{') level++;
      if (c === '}' && --level === 0) return this.src.slice(start, this.pos++);
      this.pos++;
    }
    return this.src.slice(start, Math.min(this.pos, this.end));
  }

  /** An optional `[…]` argument, or null (nothing consumed) when there is none. */
  private optionalArgument(): string | null {
    if (this.src[this.pos] !== '[') return null;
    const close = this.src.indexOf(']', this.pos);
    if (close === -1 || close >= this.end) return null;
    const inside = this.src.slice(this.pos + 1, close);
    this.pos = close + 1;
    return inside;
  }

  /** A command starting at the backslash under the cursor. */
  private command(mode: Mode, depth: number, previous: string | undefined): string | Infix {
    this.pos++;
    if (this.pos >= this.end) return ''; // a lone trailing backslash
    const c = this.src[this.pos] ?? '';
    if (!isLetter(c)) {
      this.pos++;
      return this.controlSymbol(c, depth);
    }
    const start = this.pos;
    while (this.pos < this.end && isLetter(this.src[this.pos])) this.pos++;
    const name = this.src.slice(start, this.pos);
    if (this.src[this.pos] === '*') this.pos++;
    return this.controlWord(name, mode, depth, previous);
  }

  private controlSymbol(c: string, depth: number): string {
    const accent = TEXT_ACCENTS[c];
    if (accent) return this.accent(accent, depth);
    switch (c) {
      case '\\':
        this.optionalArgument();
        return ' ';
      case ' ':
      case ',':
      case ';':
      case ':':
      case '>':
        return ' ';
      case '!':
      case '/':
      case '-':
      case '@':
        return '';
      case '|':
        return '‖';
      case '(':
        return this.delimitedMath('\\)', depth) ?? '(';
      case '[':
        return this.delimitedMath('\\]', depth) ?? '[';
      default:
        // `\%`, `\&`, `\_`, `\#`, `\$`, `\{`, `\}` and anything unknown: the character itself.
        return c;
    }
  }

  private controlWord(name: string, mode: Mode, depth: number, previous: string | undefined): string | Infix {
    const accent = name.length === 1 ? TEXT_ACCENTS[name] : undefined;
    if (accent) return this.accent(accent, depth);
    const letter = LETTERS[name];
    if (letter !== undefined) {
      this.skipSpaces();
      return letter;
    }
    const symbol = GREEK[name] ?? SYMBOLS[name];
    if (symbol !== undefined) return symbol;

    const alphabet = ALPHABETS[name];
    if (alphabet) return Array.from(this.argument(mode, depth)).map(alphabet).join('');
    const mark = MATH_ACCENTS[name];
    if (mark !== undefined) {
      const base = this.argument(mode, depth);
      return Array.from(base).length === 1 ? (base + mark).normalize('NFC') : base;
    }
    if (FUNCTIONS.has(name)) {
      const word = name === 'bmod' ? 'mod' : name;
      return previous !== undefined && /[\p{L}\p{N})]/u.test(previous) ? ` ${word}` : word;
    }
    if (PASS_THROUGH.has(name)) {
      const textual = name.startsWith('text') || name.endsWith('box') || name === 'emph';
      return this.argument(textual ? 'text' : mode, depth);
    }
    if (DROPPED.has(name)) return '';
    if (SPACES.has(name)) return ' ';
    if (DELIMITER_SIZES.has(name)) {
      this.skipSpaces();
      if (this.src[this.pos] === '.') this.pos++; // `\left.` is an invisible delimiter
      return '';
    }
    if (DROPPED_WITH_ARG.has(name)) {
      this.skipSpaces();
      this.optionalArgument();
      this.rawArgument();
      return '';
    }
    return this.macro(name, mode, depth, previous);
  }

  /** Commands with their own argument handling, then the fallback for unknown ones. */
  private macro(name: string, mode: Mode, depth: number, previous: string | undefined): string | Infix {
    switch (name) {
      case 'over':
        return { separator: '/' };
      case 'atop':
        return { separator: ' ' };
      case 'choose':
        return { separator: ' choose ' };
      case 'frac':
      case 'dfrac':
      case 'tfrac':
      case 'cfrac': {
        const top = this.argument('math', depth);
        const bottom = this.argument('math', depth);
        return `${operand(top)}/${operand(bottom)}`;
      }
      case 'binom':
      case 'dbinom':
      case 'tbinom': {
        const n = this.argument('math', depth);
        const k = this.argument('math', depth);
        return `(${n.trim()} choose ${k.trim()})`;
      }
      case 'sqrt': {
        this.skipSpaces();
        const index = this.optionalArgument();
        const body = operand(this.argument('math', depth));
        if (index === null || index.trim() === '') return `√${body}`;
        if (index.trim() === '3') return `∛${body}`;
        if (index.trim() === '4') return `∜${body}`;
        return `${toSuperscript(index.trim()) ?? index.trim()}√${body}`;
      }
      case 'not': {
        const negated = this.argument(mode, depth);
        return negated === '=' ? '≠' : (negated + '\u0338').normalize('NFC');
      }
      case 'href': {
        const target = unescapeUrl(this.rawArgument());
        const text = this.argument('text', depth);
        return text.trim() === '' ? target : text;
      }
      case 'url':
      case 'nolinkurl':
      case 'path':
        return unescapeUrl(this.rawArgument());
      case 'footnote': {
        this.skipSpaces();
        this.optionalArgument();
        const note = this.argument('text', depth).trim();
        return note === '' ? '' : ` (${note})`;
      }
      case 'textcolor':
      case 'colorbox':
      case 'foreignlanguage':
        this.skipSpaces();
        this.optionalArgument();
        this.rawArgument();
        return this.argument(mode === 'math' && name === 'textcolor' ? 'math' : 'text', depth);
      case 'texorpdfstring': {
        const shown = this.argument(mode, depth);
        this.rawArgument();
        return shown;
      }
      case 'stackrel':
      case 'overset':
      case 'underset':
        this.argument(mode, depth);
        return this.argument(mode, depth);
      case 'xrightarrow':
      case 'xleftarrow':
        this.skipSpaces();
        this.optionalArgument();
        this.argument(mode, depth);
        return name === 'xrightarrow' ? '→' : '←';
      case 'pmod':
        return ` (mod ${this.argument('math', depth).trim()})`;
      case 'textsuperscript': {
        const up = this.argument('text', depth);
        return toSuperscript(up) ?? up;
      }
      case 'textsubscript': {
        const down = this.argument('text', depth);
        return toSubscript(down) ?? down;
      }
      case 'unicode': {
        const code = this.rawArgument().trim();
        const value = /^x[0-9a-f]+$/i.test(code)
          ? parseInt(code.slice(1), 16)
          : /^\d+$/.test(code)
            ? Number(code)
            : NaN;
        const valid = value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff);
        return valid ? String.fromCodePoint(value) : '';
      }
      case 'ion': {
        const element = this.argument('text', depth).trim();
        const stage = this.argument('text', depth).trim();
        return `${element} ${stage.toUpperCase()}`;
      }
      case 'SI': {
        const value = this.argument('text', depth).trim();
        const unit = this.argument('text', depth).trim();
        return unit === '' ? value : `${value} ${unit}`;
      }
      default:
        return this.unknownCommand(name, mode, depth, previous);
    }
  }

  /** Unknown macros (often an author's own, like `\ours`) lose only their backslash. */
  private unknownCommand(name: string, mode: Mode, depth: number, previous: string | undefined): string {
    this.unknown++;
    if (this.src[this.pos] === '{') {
      if (this.src[this.pos + 1] === '}') {
        this.pos += 2;
        return name;
      }
      // A wrapper macro such as `\sysname{X}` most likely only styles its argument.
      return this.argument(mode, depth);
    }
    return mode === 'math' && previous !== undefined && /[\p{L}\p{N}]/u.test(previous) ? ` ${name}` : name;
  }

  /** A text accent (`\'e`, `\"{o}`, `\c c`, `\'\i`): base letter plus combining mark, composed. */
  private accent([mark, spacing]: readonly [string, string], depth: number): string {
    const argument = this.argument('text', depth);
    const chars = Array.from(argument);
    const first = chars[0];
    if (first === undefined || first.trim() === '') return spacing + argument;
    const base = first === 'ı' ? 'i' : first === 'ȷ' ? 'j' : first;
    return (base + mark).normalize('NFC') + chars.slice(1).join('');
  }

  private textChar(c: string, depth: number): string {
    const src = this.src;
    if ((c === 'h' || c === 'w') && this.atUrl()) return this.url();
    switch (c) {
      case '$':
        return this.dollar(depth);
      case '~':
        this.pos++;
        return ' ';
      case '-':
        if (src.startsWith('---', this.pos) && this.pos + 3 <= this.end) {
          this.pos += 3;
          return '—';
        }
        if (src.startsWith('--', this.pos) && this.pos + 2 <= this.end) {
          this.pos += 2;
          return '–';
        }
        break;
      case '`':
        if (src[this.pos + 1] === '`' && this.pos + 2 <= this.end) {
          this.pos += 2;
          return '“';
        }
        this.pos++;
        return '‘';
      case "'":
        if (src[this.pos + 1] === "'" && this.pos + 2 <= this.end) {
          this.pos += 2;
          return '”';
        }
        break;
    }
    this.pos++;
    return c;
  }

  private mathChar(c: string, depth: number): string {
    this.pos++;
    switch (c) {
      case '^':
      case '_': {
        const argument = this.argument('math', depth);
        const scripted = c === '^' ? toSuperscript(argument) : toSubscript(argument);
        if (scripted !== null) return scripted;
        if (argument.trim() === '') return c;
        return Array.from(argument).length === 1 || /^[\p{L}\p{N}]+$/u.test(argument)
          ? c + argument
          : `${c}(${argument.trim()})`;
      }
      case "'":
        if (this.src[this.pos] === "'" && this.pos < this.end) {
          this.pos++;
          return '″';
        }
        return '′';
      case '~':
        return ' ';
      case '&':
        return ' ';
      default:
        return c;
    }
  }

  private atUrl(): boolean {
    const before = this.src[this.pos - 1];
    if (before !== undefined && /[\p{L}\p{N}]/u.test(before)) return false;
    return /^(?:https?:\/\/|www\.)[^\s]/i.test(this.src.slice(this.pos, Math.min(this.end, this.pos + 12)));
  }

  /** A URL in running text is copied as is: `~`, `--` and `_` mean nothing there. */
  private url(): string {
    let out = '';
    while (this.pos < this.end) {
      const c = this.src[this.pos] ?? '';
      if (isSpace(c) || c === '{' || c === '}' || c === '$') break;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '~') {
          out += '~';
          this.pos += 2;
          if (this.src.startsWith('{}', this.pos)) this.pos += 2;
          continue;
        }
        if (next !== undefined && '_%#&/'.includes(next)) {
          out += next;
          this.pos += 2;
          continue;
        }
        break;
      }
      out += c;
      this.pos++;
    }
    return out;
  }

  /** `$…$` or `$$…$$`; a `$` that does not open a math span (`costs $5`) stays literal. */
  private dollar(depth: number): string {
    const src = this.src;
    if (src[this.pos + 1] === '$' && this.pos + 1 < this.end) {
      const close = this.missing.has('$$') ? -1 : src.indexOf('$$', this.pos + 2);
      if (close === -1) this.missing.add('$$');
      if (close === -1 || close + 2 > this.end) {
        this.pos += 2;
        return '$$';
      }
      return this.mathSpan(this.pos + 2, close, 2, depth);
    }
    // Like Pandoc: an opening `$` is followed by a non-space, a closing one preceded by one.
    const next = src[this.pos + 1];
    if (next === undefined || this.pos + 1 >= this.end || isSpace(next)) {
      this.pos++;
      return '$';
    }
    let j = this.pos + 1;
    while (j < this.end && src[j] !== '$') j += src[j] === '\\' ? 2 : 1;
    if (j >= this.end || isSpace(src[j - 1])) {
      this.pos++;
      return '$';
    }
    return this.mathSpan(this.pos + 1, j, 1, depth);
  }

  /** `\(…\)` or `\[…\]` whose opening was just consumed; null when it never closes. */
  private delimitedMath(closer: string, depth: number): string | null {
    const close = this.missing.has(closer) ? -1 : this.src.indexOf(closer, this.pos);
    if (close === -1) this.missing.add(closer);
    if (close === -1 || close + closer.length > this.end) return null;
    return this.mathSpan(this.pos, close, closer.length, depth);
  }

  private mathSpan(start: number, close: number, closerLength: number, depth: number): string {
    const outerEnd = this.end;
    const unknownBefore = this.unknown;
    this.pos = start;
    this.end = close;
    const inner = depth >= MAX_DEPTH ? this.src.slice(start, close) : this.sequence('math', false, depth + 1);
    this.end = outerEnd;
    this.pos = close + closerLength;
    // Delimiters go only when everything inside was understood; otherwise the reader sees it was math.
    return this.unknown === unknownBefore ? inner : `$${inner.trim()}$`;
  }
}

/** Whether `latexToUnicode` would do more than collapse the whitespace of the text. */
export function hasLatexMarkup(s: string): boolean {
  return LATEX_MARKUP.test(s);
}

/**
 * Turn the LaTeX that authors put in titles and abstracts into readable Unicode for display:
 * `$\alpha$` → α, `$O(n^2)$` → O(n²), `\'e` → é, `\href{u}{t}` → t, `--` → –, ``` ``q'' ``` → “q”.
 * Unknown commands lose only their backslash. Never throws, and runs in time linear in the
 * input for any input, balanced or not.
 */
export function latexToUnicode(s: string): string {
  if (!hasLatexMarkup(s)) return collapseWhitespace(s);
  return collapseWhitespace(new Converter(s).convert());
}
