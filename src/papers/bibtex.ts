/**
 * Papers as BibTeX, the way arXiv cites itself: one `@misc` entry per paper with `eprint`, `archivePrefix` and
 * `primaryClass` (what biblatex and Zotero read as an arXiv preprint), title, authors, year, the abstract page as
 * `url` and the venue, when known, as `note`. The file is UTF-8: Unicode stays as it is (Zotero, biber and
 * modern BibTeX read it); only LaTeX's special characters are escaped, so that no title can break the file.
 * Pure: papers in, text out.
 */
import { absUrl } from './ids.js';
import type { Paper } from './paper.js';

/** The fields of a paper an entry is made of. */
export type BibPaper = Pick<
  Paper,
  'id' | 'title' | 'authors' | 'published' | 'announced' | 'primaryCategory' | 'venue'
>;

// LaTeX's special characters in text mode, written as Zotero's own BibTeX export writes them (so that Zotero reads
// them back); `<`, `>` and `|` too, which the default font encoding would print as other glyphs.
const SPECIALS: Record<string, string> = {
  '\\': '{\\textbackslash}',
  '~': '{\\textasciitilde}',
  '^': '{\\textasciicircum}',
  '|': '{\\textbar}',
  '<': '{\\textless}',
  '>': '{\\textgreater}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
};

/**
 * Literal braces. BibTeX counts every brace, escaped or not, to find where a field ends, so `\{` alone would
 * swallow the rest of the file: a brace with a partner in the text is written `\{` … `\}` (the pair balances),
 * one without gets an invisible partner, `\{\vphantom{\}}` or `\vphantom{\{}\}` (as Zotero writes them).
 */
function escapeBraces(chars: readonly string[]): string[] {
  const out = [...chars];
  const open: number[] = [];
  chars.forEach((ch, i) => {
    if (ch === '{') open.push(i);
    else if (ch === '}') {
      const partner = open.pop();
      if (partner === undefined) out[i] = '\\vphantom{\\{}\\}';
      else {
        out[partner] = '\\{';
        out[i] = '\\}';
      }
    }
  });
  for (const i of open) out[i] = '\\{\\vphantom{\\}}';
  return out;
}

/**
 * Text as a BibTeX field value: whitespace (line breaks included) collapsed, control characters dropped, LaTeX
 * specials escaped, Unicode kept; the braces of the result always balance.
 */
export function escapeBibtex(text: string): string {
  const clean = text
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return escapeBraces(Array.from(clean).map((ch) => SPECIALS[ch] ?? ch)).join('');
}

const SUFFIXES = /^(?:jr|sr|ii|iii|iv)\.?$/i;
// Names that are groups, not people: kept whole, as one braced name, so no first and last name are guessed.
const GROUP_WORDS = /\b(?:collaboration|consortium|team|group|project|initiative|et al)\b/i;

/**
 * One author for the `author` field. arXiv lists names as "First Middle Last"; a name ending in a suffix becomes
 * "Last, Jr., First" (BibTeX's own form for it); a name BibTeX would misread — with a comma, the word "and", or a
 * collaboration — is braced whole.
 */
export function bibtexName(name: string): string {
  const words = escapeBibtex(name).split(' ').filter(Boolean);
  if (words.length === 0) return '';
  const whole = words.join(' ');
  if (/,/.test(whole) || /\band\b/i.test(whole) || GROUP_WORDS.test(whole)) return `{${whole}}`;
  const last = words[words.length - 1] ?? '';
  if (words.length >= 3 && SUFFIXES.test(last)) {
    const family = words[words.length - 2] ?? '';
    return `${family}, ${last}, ${words.slice(0, -2).join(' ')}`;
  }
  return whole;
}

const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case ASCII letters and digits only: accents dropped, other letters left out. */
function keyPart(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (ch) => FOLDED[ch] ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, '');
}

const STOP_WORDS = new Set(
  'a an the on of for in to and with without towards toward via from at by is are do does can how what when why we our its'.split(
    ' ',
  ),
);

/** The year the paper was first submitted (as arXiv's own BibTeX), else announced; '' when neither is a date. */
export function paperYear(paper: Pick<BibPaper, 'published' | 'announced'>): string {
  for (const date of [paper.published, paper.announced ?? '']) {
    const year = /^(\d{4})-/.exec(date)?.[1];
    if (year !== undefined) return year;
  }
  return '';
}

/** The first author's family name, the year and the first word of the title that says something: `lovelace2026diffusion`. */
export function baseKey(paper: BibPaper): string {
  const words = (paper.authors[0] ?? '').trim().split(/\s+/);
  while (words.length > 1 && SUFFIXES.test(words[words.length - 1] ?? '')) words.pop();
  const author = keyPart(words[words.length - 1] ?? '') || 'anon';
  const titleWords = paper.title.split(/[\s\-–—:/]+/).map(keyPart);
  const word = titleWords.find((w) => w.length > 1 && !STOP_WORDS.has(w)) ?? titleWords.find((w) => w !== '') ?? '';
  return `${author}${paperYear(paper)}${word || 'paper'}`;
}

/** `a`, `b`, … `z`, `aa`, `ab`, …: the n-th suffix (0-based). */
function suffix(n: number): string {
  let out = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

/**
 * Citation keys for papers, in order: {@link baseKey}, and where several papers share one, `a`, `b`, … after it
 * (each key unique in the file, even against another paper's plain key).
 */
export function citationKeys(papers: readonly BibPaper[]): string[] {
  const bases = papers.map(baseKey);
  const counts = new Map<string, number>();
  for (const base of bases) counts.set(base, (counts.get(base) ?? 0) + 1);
  const used = new Set(bases.filter((base) => counts.get(base) === 1));
  const next = new Map<string, number>();
  return bases.map((base) => {
    if (counts.get(base) === 1) return base;
    let n = next.get(base) ?? 0;
    while (used.has(`${base}${suffix(n)}`)) n++;
    const key = `${base}${suffix(n)}`;
    next.set(base, n + 1);
    used.add(key);
    return key;
  });
}

/** One `@misc` entry. */
export function bibtexEntry(paper: BibPaper, key: string): string {
  const authors = paper.authors.map(bibtexName).filter((name) => name !== '');
  const fields: Array<[string, string]> = [
    ['title', escapeBibtex(paper.title) || `arXiv:${paper.id}`],
    ['author', authors.join(' and ')],
    ['year', paperYear(paper)],
    ['eprint', escapeBibtex(paper.id)],
    ['archivePrefix', 'arXiv'],
    ['primaryClass', escapeBibtex(paper.primaryCategory)],
    ['url', absUrl(escapeBibtex(paper.id))],
    ['note', escapeBibtex(paper.venue ?? '')],
  ];
  const lines = fields.filter(([, value]) => value !== '').map(([name, value]) => `  ${name} = {${value}}`);
  return `@misc{${key},\n${lines.join(',\n')}\n}\n`;
}

/** A `.bib` file of the papers, in order, with unique keys. */
export function bibtexFile(papers: readonly BibPaper[]): string {
  const keys = citationKeys(papers);
  return papers.map((paper, i) => bibtexEntry(paper, keys[i] ?? `arxiv${i}`)).join('\n');
}
