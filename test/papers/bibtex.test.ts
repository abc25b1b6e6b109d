import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  baseKey,
  bibtexEntry,
  bibtexFile,
  bibtexName,
  citationKeys,
  escapeBibtex,
  paperYear,
  type BibPaper,
} from '../../src/papers/bibtex.js';
import { makePaper } from '../discord/render-helpers.js';
import { bare, collapse, readBib, SPECIAL, unescape } from '../helpers/bibtex-reader.js';
import { propertyRuns } from '../helpers/property-runs.js';

const paper = (overrides: Partial<BibPaper> = {}): BibPaper =>
  makePaper({
    id: '2611.02001',
    title: 'Diffusion models for image segmentation',
    authors: ['Ada Lovelace', 'Alan Turing'],
    published: '2026-11-22T18:00:00Z',
    announced: '2026-11-23',
    primaryCategory: 'cs.LG',
    venue: 'CVPR 2026',
    ...overrides,
  });

describe('escapeBibtex', () => {
  it.each([
    ['Plain words', 'Plain words'],
    ['50% & more', '50\\% \\& more'],
    ['$O(n)$ #1 under_score', '\\$O(n)\\$ \\#1 under\\_score'],
    ['a~b^c\\d', 'a{\\textasciitilde}b{\\textasciicircum}c{\\textbackslash}d'],
    ['x < y > z | w', 'x {\\textless} y {\\textgreater} z {\\textbar} w'],
    ['{paired}', '\\{paired\\}'],
    ['open { only', 'open \\{\\vphantom{\\}} only'],
    ['close } only', 'close \\vphantom{\\{}\\} only'],
    ['} then {', '\\vphantom{\\{}\\} then \\{\\vphantom{\\}}'],
    ['Schrödinger’s Ω — ∂/∂t', 'Schrödinger’s Ω — ∂/∂t'],
    ['  line\nbreaks\tand\u200Bzero width  ', 'line breaks and zero width'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeBibtex(text)).toBe(escaped);
  });

  it('always balances its braces, leaves no special bare, and reads back as the text (property)', () => {
    const pieces = fc.constantFrom(
      '{',
      '}',
      '\\',
      '&',
      '%',
      '$',
      '#',
      '_',
      '~',
      '^',
      '<',
      '>',
      '|',
      ' ',
      '\n',
      'ö',
      'Ω',
    );
    const text = fc
      .array(fc.oneof(pieces, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (raw) => {
        const escaped = escapeBibtex(raw);
        let depth = 0;
        for (const ch of escaped) {
          depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
        expect(bare(escaped)).not.toMatch(SPECIAL);
        expect(unescape(escaped)).toBe(collapse(raw));
      }),
      { seed: 2611, numRuns: propertyRuns(500) },
    );
  });
});

describe('bibtexName', () => {
  it.each([
    ['Ada Lovelace', 'Ada Lovelace'],
    ['J. R. R. Tolkien', 'J. R. R. Tolkien'],
    ['Ludwig van Beethoven', 'Ludwig van Beethoven'],
    ['Martin Luther King Jr.', 'King, Jr., Martin Luther'],
    ['John Smith III', 'Smith, III, John'],
    ['Smith, John', '{Smith, John}'],
    ['Procter and Gamble', '{Procter and Gamble}'],
    ['The ATLAS Collaboration', '{The ATLAS Collaboration}'],
    ['Paul Erdős', 'Paul Erdős'],
    ['O_Brien & Co', 'O\\_Brien \\& Co'],
    ['  ', ''],
  ])('%j → %j', (name, written) => {
    expect(bibtexName(name)).toBe(written);
  });
});

describe('citation keys', () => {
  it.each<[Partial<BibPaper>, string]>([
    [{}, 'lovelace2026diffusion'],
    [{ title: 'A survey of the field' }, 'lovelace2026survey'],
    [{ title: 'On the Origin of Species' }, 'lovelace2026origin'],
    [{ title: 'Self-supervised learning' }, 'lovelace2026self'],
    [{ authors: ['Erwin Schrödinger'] }, 'schrodinger2026diffusion'],
    [{ authors: ['Łukasz Łojasiewicz'] }, 'lojasiewicz2026diffusion'],
    [{ authors: ['Martin Luther King Jr.'] }, 'king2026diffusion'],
    [{ authors: ['王小明'] }, 'anon2026diffusion'],
    [{ authors: [] }, 'anon2026diffusion'],
    [{ title: '∂∂∂' }, 'lovelace2026paper'],
    [{ published: 'unknown', announced: '2025-01-02' }, 'lovelace2025diffusion'],
    [{ published: 'unknown', announced: null }, 'lovelacediffusion'],
  ])('%j → %s', (overrides, key) => {
    expect(baseKey(paper(overrides))).toBe(key);
  });

  it('suffixes every paper of a shared key with a, b, c… and never meets another paper’s key', () => {
    const same = paper();
    const plainA = paper({ title: 'Diffusiona models' });
    expect(citationKeys([same, plainA, same, paper({ title: 'Graphs' }), same])).toEqual([
      'lovelace2026diffusionb',
      'lovelace2026diffusiona',
      'lovelace2026diffusionc',
      'lovelace2026graphs',
      'lovelace2026diffusiond',
    ]);
  });

  it('keeps keys unique past z', () => {
    const keys = citationKeys(Array.from({ length: 30 }, () => paper()));
    expect(new Set(keys).size).toBe(30);
    expect(keys.slice(24, 28)).toEqual([
      'lovelace2026diffusiony',
      'lovelace2026diffusionz',
      'lovelace2026diffusionaa',
      'lovelace2026diffusionab',
    ]);
  });

  it('takes the year of first submission', () => {
    expect(paperYear({ published: '2024-12-31T23:00:00Z', announced: '2025-01-02' })).toBe('2024');
  });
});

describe('bibtexEntry', () => {
  it('writes an @misc entry as arXiv cites itself', () => {
    expect(bibtexEntry(paper(), 'lovelace2026diffusion')).toBe(
      [
        '@misc{lovelace2026diffusion,',
        '  title = {Diffusion models for image segmentation},',
        '  author = {Ada Lovelace and Alan Turing},',
        '  year = {2026},',
        '  eprint = {2611.02001},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  url = {https://arxiv.org/abs/2611.02001},',
        '  note = {CVPR 2026}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('leaves out what the paper does not have', () => {
    const entry = bibtexEntry(paper({ venue: null, authors: [] }), 'k');
    expect(entry).not.toMatch(/note =|author =/);
    expect(readBib(entry)[0]?.fields.get('title')).toBe('Diffusion models for image segmentation');
  });
});

describe('bibtexFile', () => {
  const hostile = paper({
    id: 'hep-th/9901001',
    title: 'Strings {with} braces}, 100% $money$ & C# under_scores ~ ^ \\ and <tags> | pipes',
    authors: ['Édouard Lucas', 'Smith, Jr.', 'CMS and ATLAS Collaborations', 'Björk {Guðmundsdóttir'],
    published: '1999-01-04T00:00:00Z',
    announced: null,
    primaryCategory: 'hep-th',
    venue: 'Phys. Rev. D 60 #4 (1999) 50% off',
  });
  const papers = [paper(), hostile, paper({ id: '2611.02002', title: 'Diffusion models, again' })];

  it('reads back, with BibTeX’s own rules, as the papers it was made of', () => {
    const entries = readBib(bibtexFile(papers));
    expect(entries.map((e) => e.type)).toEqual(['misc', 'misc', 'misc']);
    expect(entries.map((e) => e.key)).toEqual(['lovelace2026diffusiona', 'lucas1999strings', 'lovelace2026diffusionb']);
    entries.forEach((entry, i) => {
      const source = papers[i]!;
      const field = (name: string) => entry.fields.get(name.toLowerCase()) ?? '';
      expect(unescape(field('title'))).toBe(collapse(source.title));
      expect(field('year')).toBe(source.published.slice(0, 4));
      expect(field('eprint')).toBe(source.id);
      expect(field('archivePrefix')).toBe('arXiv');
      expect(field('primaryClass')).toBe(source.primaryCategory);
      expect(field('url')).toBe(`https://arxiv.org/abs/${source.id}`);
      expect(unescape(field('note'))).toBe(source.venue ?? '');
      // (Authors carry the braces that keep a name whole: see the next test.)
      for (const name of ['title', 'note']) expect(bare(field(name))).not.toMatch(SPECIAL);
    });
  });

  it('splits authors only where BibTeX does: " and " outside braces', () => {
    const author = readBib(bibtexFile([hostile]))[0]?.fields.get('author') ?? '';
    const names: string[] = [];
    let depth = 0;
    let current = '';
    for (let i = 0; i < author.length; i++) {
      const ch = author[i]!;
      depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      if (depth === 0 && author.startsWith(' and ', i)) {
        names.push(current);
        current = '';
        i += 4;
      } else current += ch;
    }
    names.push(current);
    expect(names).toEqual([
      'Édouard Lucas',
      '{Smith, Jr.}',
      '{CMS and ATLAS Collaborations}',
      'Björk \\{\\vphantom{\\}}Guðmundsdóttir',
    ]);
  });

  it('keeps Unicode as UTF-8', () => {
    const file = bibtexFile([hostile]);
    expect(file).toContain('Édouard Lucas');
    expect(Buffer.from(file, 'utf8').toString('utf8')).toBe(file);
  });

  it('is empty for no papers', () => {
    expect(bibtexFile([])).toBe('');
  });
});
