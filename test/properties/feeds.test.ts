/**
 * Properties of the arXiv feed parsers on damaged documents: start from well-formed API, RSS 2.0,
 * RSS 1.0/RDF and Atom listing documents, damage them at random (truncation, lost, doubled or
 * swapped elements, stray bytes, entities and control characters, invalid UTF-8, other
 * namespaces, empty and huge values) and check that every parser either hands out entries that
 * make valid papers or reports its own `ArxivError` — never anything else, never slowly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAny } from '../../src/arxiv/parse-any.js';
import { parseApiFeed } from '../../src/arxiv/parse-api.js';
import { parseAtomListing } from '../../src/arxiv/parse-atom-listing.js';
import { parseRdfListing } from '../../src/arxiv/parse-rdf.js';
import { parseRssListing } from '../../src/arxiv/parse-rss.js';
import { ArxivError, rawEntrySchema, type RawEntry } from '../../src/arxiv/types.js';
import { toPaper } from '../../src/papers/normalise.js';
import { paperSchema } from '../../src/papers/paper.js';
import { apiFeedXml, rssFeedXml, type FakePaper } from '../fakes/fake-arxiv.js';
import { propertyRuns } from '../helpers/property-runs.js';

const SEED = 20_261_127;
/** A parse of one document this small taking longer than this is a hang. */
const SLOW_MS = 1500;

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'arxiv', name), 'utf8');

const papers: FakePaper[] = [
  {
    id: '2501.01234v2',
    title: 'Contrastive learning of $\\alpha$-divergences & friends',
    abstract: 'We study <b>semi-supervised</b> methods. Code: https://github.com/example/repo',
    authors: ['Ada Lovelace', 'Márton Varga', 'J. Doe'],
    categories: ['cs.LG', 'stat.ML'],
    comment: '12 pages, accepted at NeurIPS 2024',
    journalRef: 'Phys. Rev. D 1 (2025) 1',
    doi: '10.1000/xyz',
    announceType: 'new',
  },
  {
    id: 'hep-th/9901001v1',
    title: 'Old-style identifiers',
    abstract: 'An abstract.',
    authors: ['E. Witten'],
    categories: ['hep-th'],
    announceType: 'cross',
  },
  {
    id: '2412.99999v1',
    title: 'Schrödinger “quotes” and ünïcode',
    abstract: 'Line one.\nLine two.',
    authors: ['Ω Omega'],
    categories: ['quant-ph', 'cs.ET'],
    announceType: 'replace',
  },
];

/** Well-formed documents in every format the parsers know. */
const BASES: readonly string[] = [
  apiFeedXml(papers),
  rssFeedXml('cs.LG+stat.ML', 'Tue, 07 Jan 2025 00:00:00 -0500', papers),
  fixture('api-current.xml'),
  fixture('api-legacy.xml'),
  fixture('rss-listing.xml'),
  fixture('rdf-escaped.xml'),
  fixture('rdf-elements.xml'),
  fixture('atom-listing.xml'),
];

// ---------------------------------------------------------------------------------------------
// Mutations

/** Spans of whole elements `<name …>…</name>` or `<name …/>`, found without parsing. */
function elementSpans(xml: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const open = /<([A-Za-z][\w:.-]*)\b[^<>]*?(\/?)>/g;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    if (m[2] === '/') {
      spans.push([m.index, m.index + m[0].length]);
      continue;
    }
    const close = xml.indexOf(`</${m[1]}>`, m.index + m[0].length);
    if (close >= 0) spans.push([m.index, close + m[1]!.length + 3]);
  }
  return spans;
}

/** Spans of text between a start tag and the next tag. */
function textSpans(xml: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const text = />([^<]+)</g;
  for (let m = text.exec(xml); m; m = text.exec(xml)) spans.push([m.index + 1, m.index + 1 + m[1]!.length]);
  return spans;
}

const STRAY = [
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x0;',
  '&#xD800;',
  '&#1114112;',
  '&#65;',
  '&nbsp;',
  '&eacute;',
  '&unknown;',
  '&',
  '&&;',
  '<',
  '>',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udc00',
  '😀',
  '\u202e',
  '"',
  "'",
  '</entry>',
  '<entry>',
  '</item>',
  '<item>',
  'xmlns:arxiv=""',
  ' xmlns="urn:other"',
];

type Mutation = (xml: string, pick: (n: number) => number) => string;

const pickSpan = (spans: Array<[number, number]>, pick: (n: number) => number): [number, number] | null =>
  spans.length === 0 ? null : spans[pick(spans.length)]!;

const MUTATIONS: Record<string, Mutation> = {
  truncate: (xml, pick) => xml.slice(0, pick(xml.length + 1)),
  deleteElement: (xml, pick) => {
    const span = pickSpan(elementSpans(xml), pick);
    return span ? xml.slice(0, span[0]) + xml.slice(span[1]) : xml;
  },
  duplicateElement: (xml, pick) => {
    const span = pickSpan(elementSpans(xml), pick);
    return span ? xml.slice(0, span[1]) + xml.slice(span[0], span[1]) + xml.slice(span[1]) : xml;
  },
  swapElements: (xml, pick) => {
    const spans = elementSpans(xml);
    const a = pickSpan(spans, pick);
    const b = pickSpan(spans, pick);
    if (!a || !b || a[1] > b[0]) return xml;
    return xml.slice(0, a[0]) + xml.slice(b[0], b[1]) + xml.slice(a[1], b[0]) + xml.slice(a[0], a[1]) + xml.slice(b[1]);
  },
  insertStray: (xml, pick) => {
    const at = pick(xml.length + 1);
    return xml.slice(0, at) + STRAY[pick(STRAY.length)]! + xml.slice(at);
  },
  insertControl: (xml, pick) => {
    const at = pick(xml.length + 1);
    return xml.slice(0, at) + String.fromCharCode(pick(0x20)) + xml.slice(at);
  },
  emptyValue: (xml, pick) => {
    const span = pickSpan(textSpans(xml), pick);
    return span ? xml.slice(0, span[0]) + xml.slice(span[1]) : xml;
  },
  hugeValue: (xml, pick) => {
    const span = pickSpan(textSpans(xml), pick);
    const huge = ['x', 'é ', '&amp;', ' ', 'arXiv:2501.01234v1 '][pick(5)]!.repeat(5_000 + pick(15_000));
    return span ? xml.slice(0, span[0]) + huge + xml.slice(span[1]) : xml;
  },
  deepNesting: (xml, pick) => {
    const span = pickSpan(textSpans(xml), pick);
    const depth = 1000 + pick(4000);
    return span ? xml.slice(0, span[0]) + '<a>'.repeat(depth) + '</a>'.repeat(depth) + xml.slice(span[1]) : xml;
  },
  changeNamespace: (xml, pick) => {
    const choices: Array<[RegExp, string]> = [
      [/xmlns="[^"]*"/, 'xmlns="urn:not-atom"'],
      [/xmlns="[^"]*"/, ''],
      [/xmlns:arxiv="[^"]*"/, ''],
      [/arxiv:/g, 'ax:'],
      [/<(\/?)(entry|item|title|summary|description|id|guid|category|author|name)\b/g, '<$1atom:$2'],
      [/<(\/?)dc:/g, '<$1'],
      [/rdf:/g, 'RDF:'],
    ];
    const [pattern, replacement] = choices[pick(choices.length)]!;
    return xml.replace(pattern, replacement);
  },
  renameElement: (xml, pick) => {
    const names = [
      'entry',
      'item',
      'title',
      'id',
      'guid',
      'link',
      'summary',
      'description',
      'pubDate',
      'published',
      'category',
    ];
    const name = names[pick(names.length)]!;
    return xml.replaceAll(`<${name}`, `<${name}x`).replaceAll(`</${name}>`, `</${name}x>`);
  },
  mangleId: (xml, pick) => {
    const ids = [
      '',
      ' ',
      '2501.1234',
      '2501.012345v',
      'v2',
      '../../etc/passwd',
      'http://evil.example/abs/x',
      '9999.99999v0',
      'hep-th/99',
      '2501.01234v99999999999999999999',
    ];
    return xml.replace(/\d{4}\.\d{4,5}(v\d+)?/, ids[pick(ids.length)]!);
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Bytes that are not UTF-8: lone continuation bytes, overlong forms, truncated sequences, surrogates. */
const BAD_UTF8 = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc0, 0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xef, 0xbb, 0xbf],
];

/** A recipe: which base, which mutations, and the random choices they make. */
const recipe = fc.record({
  base: fc.integer({ min: 0, max: BASES.length - 1 }),
  mutations: fc.array(fc.constantFrom(...MUTATION_NAMES), { minLength: 1, maxLength: 4 }),
  choices: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
  badBytes: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: BAD_UTF8.length - 1 })), { maxLength: 3 }),
  asBytes: fc.boolean(),
});

type Recipe = typeof recipe extends fc.Arbitrary<infer T> ? T : never;

function build(r: Recipe): string | Uint8Array {
  let k = 0;
  const pick = (n: number): number => (n <= 0 ? 0 : (r.choices[k++ % r.choices.length]! * 2_654_435_761 + k) % n);
  let xml = BASES[r.base]!;
  for (const name of r.mutations) xml = MUTATIONS[name]!(xml, pick);
  if (!r.asBytes && r.badBytes.length === 0) return xml;
  let bytes = Buffer.from(xml, 'utf8');
  for (const [at, which] of r.badBytes) {
    const i = at % (bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(BAD_UTF8[which]!), bytes.subarray(i)]);
  }
  return new Uint8Array(bytes);
}

// ---------------------------------------------------------------------------------------------
// Properties

/** Every entry a parser hands out is a valid raw entry, and one that makes a valid paper. */
function expectGoodEntries(entries: readonly RawEntry[], normalise = true): void {
  for (const entry of entries) {
    expect(rawEntrySchema.safeParse(entry).success).toBe(true);
    if (!normalise) continue;
    // A title may be empty: an API entry without one keeps the listing's title when they are merged.
    expect(typeof entry.title).toBe('string');
    let record;
    try {
      record = toPaper(entry);
    } catch (error) {
      // The one refusal ingest expects and logs: no usable date.
      expect((error as Error).message).toMatch(/^toPaper: .* has no usable date/);
      continue;
    }
    expect(paperSchema.safeParse(record.paper).success).toBe(true);
    expect(record.paper.id).toMatch(/^(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Za-z-]{2,})?\/\d{7})$/);
    expect(record.paper.version).toBeGreaterThanOrEqual(1);
  }
}

type Outcome = 'entries' | 'error';

/** Run a parser and check its outcome: good entries, or its own error with a message. */
function run(parse: () => { entries: readonly RawEntry[]; skipped: readonly unknown[] }, normalise: boolean): Outcome {
  const started = performance.now();
  try {
    const result = parse();
    expectGoodEntries(result.entries, normalise);
    return 'entries';
  } catch (error) {
    if (!(error instanceof ArxivError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
    expect(['malformed', 'api-error']).toContain(error.code);
    return 'error';
  } finally {
    expect(performance.now() - started).toBeLessThan(SLOW_MS);
  }
}

const PARSERS: Record<
  string,
  (body: string | Uint8Array) => { entries: readonly RawEntry[]; skipped: readonly unknown[] }
> = {
  any: (body) => {
    const parsed = parseAny(body);
    return parsed.kind === 'api' ? parsed.feed : parsed.listing;
  },
  api: parseApiFeed,
  rss: parseRssListing,
  rdf: parseRdfListing,
  atom: parseAtomListing,
};

describe('feed parsers on well-formed documents', () => {
  it('read every base document with at least one entry', () => {
    for (const base of BASES) {
      const parsed = PARSERS['any']!(base);
      expect(parsed.entries.length).toBeGreaterThan(0);
      expectGoodEntries(parsed.entries);
    }
  });
});

describe('feed parsers on damaged documents', () => {
  it('hand out valid entries or their own ArxivError, never another exception, never slowly', () => {
    const outcomes: Record<Outcome, number> = { entries: 0, error: 0 };
    fc.assert(
      fc.property(recipe, (r) => {
        const body = build(r);
        // Every parser on every body; the papers are made once, from what the sniffing parser returns.
        for (const [name, parse] of Object.entries(PARSERS)) outcomes[run(() => parse(body), name === 'any')]++;
      }),
      { seed: SEED, numRuns: propertyRuns(250) },
    );
    // Both outcomes must be common, or the damage is too mild or too harsh to tell anything.
    expect(outcomes.entries).toBeGreaterThan(150);
    expect(outcomes.error).toBeGreaterThan(150);
  }, 60_000);
});
