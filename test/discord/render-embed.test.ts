import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { formatAuthors, matchedLine, paperEmbed, safeUrl } from '../../src/discord/render/embed.js';
import type { MatchReason } from '../../src/discord/render/embed.js';
import { embedLength, LIMITS, validateMessage } from '../../src/discord/render/limits.js';
import { embedProblems, HOSTILE, makePaper } from './render-helpers.js';

const opts = { color: 0x5865f2, abstractLength: 400 };
const ok = (embed: APIEmbed): string[] => validateMessage({ embeds: [embed], allowed_mentions: { parse: [] } });
const field = (embed: APIEmbed, name: string): string | undefined => embed.fields?.find((f) => f.name === name)?.value;

describe('paperEmbed', () => {
  it('renders the model paper', () => {
    const embed = paperEmbed(makePaper(), { ...opts, presentation: 'Oral', topicNames: ['Contrastive', 'Vision'] });
    expect(embed).toEqual({
      title: 'CyCLIP: Cyclic Contrastive Language-Image Pretraining',
      url: 'https://arxiv.org/abs/2205.14459',
      description:
        '*Shashank Goel, Hritik Bansal, Sumit Bhatia et al. (+3)*\n' +
        'Recent advances in contrastive representation learning over paired image-text data have led to models such as CLIP. ' +
        'Such models typically require joint reasoning in the image and text representation spaces. ' +
        'We propose CyCLIP, a framework that explicitly optimizes for geometric consistency.',
      fields: [
        { name: 'Venue', value: 'NeurIPS 2022 · Oral', inline: true },
        { name: 'Code', value: '[goel-shashank/CyCLIP](https://github.com/goel-shashank/CyCLIP)', inline: true },
        { name: 'PDF', value: '[2205.14459v2](https://arxiv.org/pdf/2205.14459v2)', inline: true },
        { name: 'Categories', value: '**cs.CV** · cs.LG', inline: true },
        { name: 'Announced', value: '2022-05-31', inline: true },
      ],
      footer: { text: 'arXiv:2205.14459v2 · cs.CV · new · Topics: Contrastive, Vision' },
      timestamp: '2022-05-28T17:59:58.000Z',
      color: 0x5865f2,
    });
    expect(ok(embed)).toEqual([]);
    expect(embedProblems(embed)).toEqual([]);
  });

  it.each([
    { name: 'no venue, no code', paper: { venue: null, codeUrl: null }, absent: ['Venue', 'Code'] },
    { name: 'bad code URL', paper: { codeUrl: 'javascript:alert(1)' }, absent: ['Code'] },
    { name: 'no categories', paper: { categories: [], primaryCategory: '' }, absent: ['Categories'] },
    {
      name: 'not announced, bad date',
      paper: { announced: null, published: 'yesterday' },
      absent: ['Announced', 'Published'],
    },
    { name: 'empty venue text', paper: { venue: '   ' }, absent: ['Venue'] },
  ])('omits empty fields: $name', ({ paper, absent }) => {
    const embed = paperEmbed(makePaper(paper), opts);
    for (const name of absent) expect(field(embed, name)).toBeUndefined();
    for (const f of embed.fields ?? []) expect(f.value.trim()).not.toBe('');
    expect(ok(embed)).toEqual([]);
  });

  it.each([
    { presentation: 'Spotlight', venue: 'ICLR 2024', expected: 'ICLR 2024 · Spotlight' },
    { presentation: null, venue: 'TMLR', expected: 'TMLR' },
    { presentation: 'Poster', venue: null, expected: 'Poster' },
  ])('venue $venue + $presentation', ({ presentation, venue, expected }) => {
    expect(field(paperEmbed(makePaper({ venue }), { ...opts, presentation }), 'Venue')).toBe(expected);
  });

  it.each([
    { topicNames: ['Contrastive'], expected: 'arXiv:2205.14459v2 · cs.CV · new' },
    {
      topicNames: ['Contrastive', '@here', ' '],
      expected: 'arXiv:2205.14459v2 · cs.CV · new · Topics: Contrastive, @\u200Bhere',
    },
    { topicNames: [], expected: 'arXiv:2205.14459v2 · cs.CV · new' },
  ])('topic tags $topicNames', ({ topicNames, expected }) => {
    expect(paperEmbed(makePaper(), { ...opts, topicNames }).footer?.text).toBe(expected);
  });

  it('uses the published date when the paper was never announced', () => {
    const embed = paperEmbed(makePaper({ announced: null }), opts);
    expect(field(embed, 'Published')).toBe('2022-05-28');
    expect(embed.timestamp).toBe('2022-05-28T17:59:58.000Z');
  });

  it('flags a withdrawn paper in the title and a field', () => {
    const embed = paperEmbed(makePaper({ withdrawn: true, title: 'x'.repeat(300) }), opts);
    expect(embed.title).toMatch(/^⛔ Withdrawn: x+…$/);
    expect(embed.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(field(embed, 'Status')).toBe('Withdrawn by its authors');
  });

  it('falls back to the id for an empty title and leaves out a bad link', () => {
    const embed = paperEmbed(makePaper({ title: ' \n ', absUrl: 'not a url' }), opts);
    expect(embed.title).toBe('arXiv:2205.14459');
    expect(embed.url).toBeUndefined();
  });

  it.each([
    { announceType: 'cross' as const, label: 'cross-list' },
    { announceType: 'replace' as const, label: 'updated' },
    { announceType: 'replace-cross' as const, label: 'updated cross-list' },
    { announceType: null, label: null },
  ])('footer names announce type $announceType', ({ announceType, label }) => {
    const text = paperEmbed(makePaper({ announceType }), opts).footer?.text;
    expect(text).toBe(['arXiv:2205.14459v2', 'cs.CV', ...(label === null ? [] : [label])].join(' · '));
  });

  it.each([
    {
      code: 'https://gitlab.com/group/project/-/tree/main',
      expected: '[group/project](https://gitlab.com/group/project/-/tree/main)',
    },
    {
      code: 'https://anonymous.4open.science/r/abc',
      expected: '[anonymous.4open.science](https://anonymous.4open.science/r/abc)',
    },
    { code: 'https://github.com/a/b_(c)', expected: '[a/b\\_(c)](https://github.com/a/b_%28c%29)' },
    {
      code: 'https://github.com/[x](https://evil)',
      expected: '[\\[x\\](https:/evil)](https://github.com/%5Bx%5D%28https://evil%29)',
    },
    { code: 'https://user:pw@github.com/a/b', expected: undefined },
  ])('code link $code', ({ code, expected }) => {
    const embed = paperEmbed(makePaper({ codeUrl: code }), opts);
    expect(field(embed, 'Code')).toBe(expected);
    expect(embedProblems(embed)).toEqual([]);
  });

  it.each([
    { abstractLength: 0, expected: '*Shashank Goel, Hritik Bansal, Sumit Bhatia et al. (+3)*' },
    {
      abstractLength: 140,
      expected:
        'Recent advances in contrastive representation learning over paired image-text data have led to models such as CLIP. …',
    },
    { abstractLength: 60, expected: 'Recent advances in contrastive representation learning…' },
  ])('abstract cut at a boundary for abstractLength $abstractLength', ({ abstractLength, expected }) => {
    const description = paperEmbed(makePaper(), { ...opts, abstractLength }).description ?? '';
    expect(description.endsWith(expected)).toBe(true);
  });

  it('keeps one huge paper within every limit, alone within 6000', () => {
    const paper = makePaper({
      title: 'T'.repeat(1000),
      authors: Array.from({ length: 3000 }, (_, i) => `${'Very Long Name '.repeat(20)}${i}`),
      abstract: 'word '.repeat(5000),
      venue: 'V'.repeat(2000),
      categories: Array.from({ length: 40 }, (_, i) => `cat.${i}${'x'.repeat(60)}`),
      codeUrl: `https://github.com/a/${'b'.repeat(1500)}`,
      pdfUrl: `https://arxiv.org/pdf/${'p'.repeat(1500)}`,
    });
    const embed = paperEmbed(paper, {
      ...opts,
      abstractLength: 100_000,
      presentation: 'P'.repeat(500),
      topicNames: Array(300).fill('Topic name'),
    });
    expect(ok(embed)).toEqual([]);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.messageEmbedChars);
    expect(embed.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(field(embed, 'Code')).toBeUndefined();
  });

  it('clamps an out-of-range colour', () => {
    expect(paperEmbed(makePaper(), { ...opts, color: 0x1000000 }).color).toBe(0xffffff);
    expect(paperEmbed(makePaper(), { ...opts, color: -1 }).color).toBe(0);
    expect(paperEmbed(makePaper(), { ...opts, color: Number.NaN }).color).toBe(0);
  });

  it('adds the figure only when it is an http(s) URL', () => {
    expect(paperEmbed(makePaper(), { ...opts, image: 'https://arxiv.org/html/2205.14459v2/x1.png' }).image).toEqual({
      url: 'https://arxiv.org/html/2205.14459v2/x1.png',
    });
    expect(paperEmbed(makePaper(), { ...opts, image: 'file:///etc/passwd' }).image).toBeUndefined();
    expect(paperEmbed(makePaper(), { ...opts, image: null }).image).toBeUndefined();
  });
});

const reason = (name: string, terms: MatchReason['explanation']['terms'], categories: string[] = []): MatchReason => ({
  name,
  explanation: { terms, categories },
});

describe('matchedLine', () => {
  it.each<[string, MatchReason[], string]>([
    [
      'terms as written, markup escaped',
      [reason('CL', [{ text: '"contrastive learning"' }, { text: 'self-supervis*' }])],
      'matched: "contrastive learning", self-supervis\\*',
    ],
    [
      'an author term names the author',
      [reason('CL', [{ text: 'au:hinton', authors: ['Geoffrey Hinton'] }])],
      'matched: author Geoffrey Hinton',
    ],
    [
      'each author once, the term when none is known',
      [
        reason('CL', [
          { text: 'au:wang', authors: ['Wei Wang', 'Li Wang'] },
          { text: 'au:wei', authors: ['Wei Wang'] },
          { text: 'au:x', authors: [] },
        ]),
      ],
      'matched: author Wei Wang, author Li Wang, au:x',
    ],
    ['a category term', [reason('CL', [{ text: 'cat:cs.LG' }])], 'matched: cat:cs.LG'],
    ['nothing for one topic without a query', [reason('All', [], ['cs.LG'])], ''],
    ['nothing without reasons', [], ''],
    [
      'several topics each name theirs',
      [
        reason('CL', [{ text: 'contrastive' }]),
        reason('All of LG', [], ['cs.LG']),
        reason('Vision', [{ text: 'ti:vit' }]),
      ],
      'matched: contrastive (CL); cs.LG (All of LG); ti:vit (Vision)',
    ],
    [
      'a topic with nothing to say is left out',
      [reason('CL', [{ text: 'a' }]), reason('Any', [], [])],
      'matched: a (CL)',
    ],
    [
      'hostile terms and names stay inert',
      [
        reason('@everyone [x](https://evil.example)', [
          { text: '<@123>' },
          { text: 'au:x', authors: ['`code` **b**'] },
        ]),
        reason('T', [{ text: '# h' }]),
      ],
      'matched: <\u200B@123>, author \\`code\\` \\*\\*b\\*\\* (@\u200Beveryone \\[x\\](https://evil.example)); \\# h (T)',
    ],
  ])('%s', (_, matched, expected) => {
    expect(matchedLine(matched)).toBe(expected);
  });

  it('stops at 300 characters and counts what it left out', () => {
    const terms = Array.from({ length: 50 }, (_, i) => ({ text: `"term number ${i}"` }));
    const line = matchedLine([reason('A', terms.slice(0, 25)), reason('B', terms.slice(25))]);
    expect(line.length).toBeLessThanOrEqual(300);
    const shown = line.match(/"term number \d+"/g) ?? [];
    expect(line).toMatch(
      new RegExp(
        `^matched: "term number 0", .*"term number ${shown.length - 1}" \\(A\\) … \\+${50 - shown.length} more$`,
      ),
    );
    expect(shown.length).toBeGreaterThan(10);
  });

  it('names the topic of terms cut short in a later topic', () => {
    const long = (i: number): { text: string } => ({ text: `${'w'.repeat(70)}${i}` });
    const line = matchedLine([reason('A', [long(1), long(2)]), reason('B', [long(3), long(4), long(5)])]);
    expect(line).toMatch(/^matched: w+1, w+2 \(A\); w+3 \(B\) … \+2 more$/);
    expect(line.length).toBeLessThanOrEqual(300);
  });
});

describe('the matched line in the embed', () => {
  const matched = [reason('CL', [{ text: '"contrastive learning"' }, { text: 'self-supervis*' }])];

  it('sits between the authors and the abstract', () => {
    const description = paperEmbed(makePaper(), { ...opts, matched }).description ?? '';
    expect(description.split('\n').slice(0, 2)).toEqual([
      '*Shashank Goel, Hritik Bansal, Sumit Bhatia et al. (+3)*',
      'matched: "contrastive learning", self-supervis\\*',
    ]);
    expect(description).toMatch(/\nRecent advances in contrastive/);
  });

  it.each([
    {
      name: 'without an abstract',
      paper: {},
      abstractLength: 0,
      expected: [
        '*Shashank Goel, Hritik Bansal, Sumit Bhatia et al. (+3)*',
        'matched: "contrastive learning", self-supervis\\*',
      ],
    },
    {
      name: 'without authors',
      paper: { authors: [] },
      abstractLength: 0,
      expected: ['matched: "contrastive learning", self-supervis\\*'],
    },
  ])('stands alone $name', ({ paper, abstractLength, expected }) => {
    expect(paperEmbed(makePaper(paper), { ...opts, abstractLength, matched }).description?.split('\n')).toEqual(
      expected,
    );
  });

  it('leaves the description as it was when there is nothing to say', () => {
    const plain = paperEmbed(makePaper(), opts);
    expect(paperEmbed(makePaper(), { ...opts, matched: [reason('All', [], ['cs.LG'])] })).toEqual(plain);
    expect(paperEmbed(makePaper(), { ...opts, matched: [] })).toEqual(plain);
  });

  it('is counted: the abstract gives way so the embed stays within 6000', () => {
    const huge = makePaper({
      title: 'T'.repeat(1000),
      authors: Array.from({ length: 300 }, (_, i) => `${'Very Long Name '.repeat(20)}${i}`),
      abstract: 'word '.repeat(5000),
      venue: 'V'.repeat(2000),
      categories: Array.from({ length: 40 }, (_, i) => `cat.${i}${'x'.repeat(60)}`),
    });
    const many = Array.from({ length: 40 }, (_, k) =>
      reason(
        `Topic ${'n'.repeat(80)} ${k}`,
        Array.from({ length: 50 }, (_, i) => ({ text: `"${'t'.repeat(90)} ${i}"` })),
      ),
    );
    const options = { ...opts, abstractLength: 100_000, topicNames: many.map((m) => m.name), matched: many };
    const embed = paperEmbed(huge, options);
    expect(ok(embed)).toEqual([]);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.messageEmbedChars);
    const without = paperEmbed(huge, { ...options, matched: [] });
    const line = matchedLine(many);
    expect(line.length).toBeLessThanOrEqual(300);
    expect(embed.description).toContain(`\n${line}\n`);
    expect(embed.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    const abstractOf = (e: APIEmbed): string => e.description?.split('\n').at(-1) ?? '';
    expect(abstractOf(embed).length).toBeLessThan(abstractOf(without).length - line.length + 20);
  });
});

describe('hostile paper text', () => {
  const paperWith = (text: string) =>
    makePaper({
      title: text,
      abstract: `${text} ${text}`,
      authors: [text, `${text} Jr.`, text],
      venue: text,
      primaryCategory: text,
      categories: [text, 'cs.LG'],
      id: text,
    });

  it.each(HOSTILE.map((text) => [text]))('%j stays inert everywhere', (text) => {
    const embed = paperEmbed(paperWith(text), {
      ...opts,
      topicNames: [text, text],
      presentation: text,
      matched: [reason(text, [{ text }, { text: 'au:x', authors: [text] }]), reason(text, [], [text])],
    });
    expect(embedProblems(embed)).toEqual([]);
    expect(ok(embed)).toEqual([]);
  });
});

describe('formatAuthors', () => {
  const names = (n: number): string[] =>
    Array.from({ length: n }, (_, i) => `Author ${String.fromCharCode(65 + (i % 26))}`);
  it.each([
    { authors: [], expected: '' },
    { authors: ['  '], expected: '' },
    { authors: names(1), expected: 'Author A' },
    { authors: names(5), expected: 'Author A, Author B, Author C, Author D, Author E' },
    { authors: names(6), expected: 'Author A, Author B, Author C et al. (+3)' },
    { authors: names(3000), expected: 'Author A, Author B, Author C et al. (+2997)' },
    { authors: ['ATLAS Collaboration'], expected: 'ATLAS Collaboration' },
    { authors: ['@everyone', '<@123>', '*bold*'], expected: '@\u200Beveryone, <\u200B@123>, \\*bold\\*' },
  ])('$authors.length authors → $expected', ({ authors, expected }) => {
    expect(formatAuthors(authors)).toBe(expected);
  });

  it('shows fewer names when they are long, and cuts one that is too long', () => {
    const long = 'N'.repeat(90);
    expect(formatAuthors([long, long, long, long], 200)).toBe(`${long}, ${long} et al. (+2)`);
    const huge = formatAuthors(['M'.repeat(1000), 'B'], 50);
    expect(huge.length).toBeLessThanOrEqual(50);
    expect(huge).toMatch(/^M+… et al\. \(\+1\)$/);
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://arxiv.org/abs/2205.14459', 'https://arxiv.org/abs/2205.14459'],
    [' http://example.org/a b ', 'http://example.org/a%20b'],
    ['https://x.org/(a)[b]', 'https://x.org/%28a%29%5Bb%5D'],
    ['javascript:alert(1)', null],
    ['ftp://x.org', null],
    ['nonsense', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });
});
