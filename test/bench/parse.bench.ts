/**
 * Feed parsing plus normalisation, timed on documents in arXiv's real layouts: one rss.arxiv.org listing
 * of 2,000 items and twenty API pages of 100 entries, built in memory from generated papers with LaTeX
 * as often as real listings carry it. Each run times, side by side on the same text, the whole path
 * (parse → validated entries → `toPaper` for each) against the bare XML parse that returns a usable
 * element tree, as fast-xml-parser does: saxes building the generic tree of src/arxiv/xml.ts, with no
 * feed-specific work. For context it also times saxes with no-op handlers, saxes scanning alone and a
 * bare fast-xml-parser parse.
 */
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { parseApiFeed } from '../../src/arxiv/parse-api.js';
import { parseRssListing } from '../../src/arxiv/parse-rss.js';
import type { RawEntry } from '../../src/arxiv/types.js';
import { createXmlParser, parseXml } from '../../src/arxiv/xml.js';
import { toPaper } from '../../src/papers/normalise.js';
import type { Paper } from '../../src/papers/paper.js';
import { apiFeedXml, rssFeedXml, type FakePaper } from '../fakes/fake-arxiv.js';
import { seededRandom } from '../helpers/random.js';
import { generatePapers, toRecord } from './generate.js';
import { median, ms, ratio, thousands, timeMs } from './stats.js';
import type { Bench, BenchRow } from './types.js';

const ITEMS = 2000;
const PAGE = 100;
const TARGET_PER_SECOND = 20_000;
const TARGET_RATIO = 2.5;

// Shares measured on a real all-archives listing (1,504 items, 2024-11-28): abstracts with `$…$` math
// (about six spans each), titles with math, author lists with a TeX accent.
const ABSTRACTS_WITH_MATH = 0.29;
const MATH_SPANS = 6;
const TITLES_WITH_MATH = 0.055;
const AUTHORS_WITH_ACCENT = 0.12;

const MATH = [
  '$\\mathcal{O}(n^{2})$',
  '$\\alpha \\in (0,1)$',
  '$L^2(\\mathbb{R}^d)$',
  '$\\sqrt{s_{NN}} = 5.02$ TeV',
  '$\\epsilon$-optimal',
  '$T_c \\approx 1.2\\,\\mathrm{K}$',
  '$\\frac{1}{2}\\log n$',
  '$\\|x\\|_\\infty \\le 1$',
  '$k$-means',
  '$\\Lambda$CDM',
  '$z \\sim 6$',
  '$\\tilde{O}(\\sqrt{T})$',
  '$p<0.05$',
  '$\\mathrm{SU}(N)$',
];
const ACCENTED = ['M{\\o}lmer', 'G\\"unther', "Cram\\'er", 'Erd\\H{o}s', 'Sch\\"olkopf', "Ram\\'irez"];

/** The papers as a feed would carry them: raw text with LaTeX, in real proportions. */
export function feedPapers(papers: readonly Paper[], seed: number): FakePaper[] {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  return papers.map((paper) => {
    const { raw } = toRecord(paper);
    let abstract = raw.abstract;
    if (rand() < ABSTRACTS_WITH_MATH) {
      const words = abstract.split(' ');
      for (let i = 0; i < MATH_SPANS; i++) words.splice(Math.floor(rand() * words.length), 0, pick(MATH));
      abstract = words.join(' ');
    }
    const title = rand() < TITLES_WITH_MATH ? `${raw.title} with ${pick(MATH)}` : raw.title;
    const authors = [...paper.authors];
    if (rand() < AUTHORS_WITH_ACCENT && authors.length > 0)
      authors[0] = `${authors[0]!.split(' ')[0]} ${pick(ACCENTED)}`;
    return {
      id: `${paper.id}v${paper.version}`,
      title,
      abstract,
      authors,
      categories: paper.categories,
      ...(paper.comment !== null ? { comment: paper.comment } : {}),
      ...(paper.journalRef !== null ? { journalRef: paper.journalRef } : {}),
      ...(paper.doi !== null ? { doi: paper.doi } : {}),
      published: paper.published,
      updated: paper.updated,
      ...(paper.announceType !== null ? { announceType: paper.announceType } : {}),
    };
  });
}

/** Whole path for one document: parse, then normalise every entry; returns the number of papers. */
function normaliseAll(entries: readonly RawEntry[]): number {
  let count = 0;
  for (const entry of entries) if (toPaper(entry).paper.id !== '') count++;
  return count;
}

/**
 * The bare parse: saxes handing every start tag (with its attributes), text and end tag to handlers that
 * do nothing with them. Without handlers saxes does not even build the text, so that is only a scan.
 */
function bareSaxes(xml: string): void {
  const parser = new SaxesParser();
  let events = 0;
  parser.on('opentag', () => events++);
  parser.on('text', () => events++);
  parser.on('closetag', () => events++);
  parser.write(xml).close();
  if (events === 0) throw new Error('saxes reported no events');
}

function scanOnly(xml: string): void {
  new SaxesParser().write(xml).close();
}

const treeParser = createXmlParser();

/** The bare parse that yields a usable tree: saxes and the generic tree builder, nothing feed-specific. */
function saxesTree(xml: string): void {
  if (Object.keys(parseXml(treeParser, xml)).length === 0) throw new Error('the tree has no root element');
}

const fxp = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  processEntities: false,
});

interface Case {
  name: string;
  /** The documents, already text in memory. */
  documents: string[];
  entries: number;
  parse: (xml: string) => readonly RawEntry[];
}

interface Times {
  full: number;
  parseOnly: number;
  tree: number;
  saxes: number;
  scan: number;
  fxp: number;
}

async function measure(c: Case, runs: number): Promise<Times> {
  const times = {
    full: [] as number[],
    parseOnly: [] as number[],
    tree: [] as number[],
    saxes: [] as number[],
    scan: [] as number[],
    fxp: [] as number[],
  };
  // One untimed pass so that every path is compiled before the first timed one.
  for (let run = -1; run < runs; run++) {
    let papers = 0;
    const full = await timeMs(() => {
      for (const xml of c.documents) papers += normaliseAll(c.parse(xml));
    });
    if (papers !== c.entries) throw new Error(`${c.name}: ${papers} papers out of ${c.entries} entries`);
    const parseOnly = await timeMs(() => c.documents.forEach((xml) => c.parse(xml)));
    const tree = await timeMs(() => c.documents.forEach(saxesTree));
    const saxes = await timeMs(() => c.documents.forEach(bareSaxes));
    const scan = await timeMs(() => c.documents.forEach(scanOnly));
    const fast = await timeMs(() => c.documents.forEach((xml) => void fxp.parse(xml)));
    if (run < 0) continue;
    times.full.push(full);
    times.parseOnly.push(parseOnly);
    times.tree.push(tree);
    times.saxes.push(saxes);
    times.scan.push(scan);
    times.fxp.push(fast);
  }
  return {
    full: median(times.full),
    parseOnly: median(times.parseOnly),
    tree: median(times.tree),
    saxes: median(times.saxes),
    scan: median(times.scan),
    fxp: median(times.fxp),
  };
}

export const bench: Bench = async (ctx) => {
  const papers = feedPapers(generatePapers(ITEMS, ctx.seed), ctx.seed + 1);
  const cases: Case[] = [
    {
      name: `RSS listing, ${thousands(ITEMS)} items`,
      documents: [rssFeedXml('cs+math+physics', 'Thu, 27 Nov 2026 00:00:00 -0500', papers)],
      entries: ITEMS,
      parse: (xml) => parseRssListing(xml).entries,
    },
    {
      name: `API, ${ITEMS / PAGE} pages of ${PAGE}`,
      documents: Array.from({ length: ITEMS / PAGE }, (_, i) =>
        apiFeedXml(papers.slice(i * PAGE, (i + 1) * PAGE), {
          totalResults: ITEMS,
          startIndex: i * PAGE,
          itemsPerPage: PAGE,
        }),
      ),
      entries: ITEMS,
      parse: (xml) => parseApiFeed(xml).entries,
    },
  ];

  const rows: BenchRow[] = [];
  for (const c of cases) {
    const bytes = c.documents.reduce((sum, xml) => sum + Buffer.byteLength(xml), 0);
    const m = await measure(c, ctx.runs);
    const perSecond = (c.entries / m.full) * 1000;
    const againstTree = m.full / m.tree;
    ctx.log(
      `parse, ${c.name}: ${thousands(perSecond)} entries/s (${ms(m.full)}); parse only ${ms(m.parseOnly)}; ` +
        `saxes tree ${ms(m.tree)}; bare saxes ${ms(m.saxes)} (scan only ${ms(m.scan)}); bare fast-xml-parser ${ms(m.fxp)}`,
    );
    rows.push(
      {
        area: 'parse',
        what: `${c.name}: parse + normalise`,
        target: `≥ ${thousands(TARGET_PER_SECOND)} entries/s; ≤ ${TARGET_RATIO}× bare XML parsing`,
        measured: `${thousands(perSecond)} entries/s (${ms(m.full)})`,
        ratio: ratio(againstTree, 'saxes tree'),
        pass: perSecond >= TARGET_PER_SECOND && againstTree <= TARGET_RATIO,
        notes:
          `median of ${ctx.runs}; ${(bytes / 1e6).toFixed(1)} MB of text in memory; every entry validated and turned into a Paper; ` +
          'bare XML parsing = saxes building the generic element tree (the row below), the parse that returns a usable tree as fast-xml-parser does',
      },
      {
        area: 'parse',
        what: `${c.name}: parse only (entries validated, not normalised)`,
        target: '',
        measured: `${thousands((c.entries / m.parseOnly) * 1000)} entries/s (${ms(m.parseOnly)})`,
        ratio: ratio(m.parseOnly / m.tree, 'saxes tree'),
        pass: null,
      },
      {
        area: 'parse',
        what: `${c.name}: saxes building a generic element tree`,
        target: '',
        measured: `${thousands((c.entries / m.tree) * 1000)} entries/s (${ms(m.tree)})`,
        ratio: ratio(m.tree / m.saxes, 'bare saxes'),
        pass: null,
        notes:
          'src/arxiv/xml.ts parseXml alone: elements, attributes and text into plain records, no feed-specific work',
      },
      {
        area: 'parse',
        what: `${c.name}: bare saxes parse (tags, attributes and text to no-op handlers)`,
        target: '',
        measured: `${thousands((c.entries / m.saxes) * 1000)} entries/s (${ms(m.saxes)})`,
        pass: null,
      },
      {
        area: 'parse',
        what: `${c.name}: saxes without handlers (well-formedness scan, no text built)`,
        target: '',
        measured: `${thousands((c.entries / m.scan) * 1000)} entries/s (${ms(m.scan)})`,
        ratio: ratio(m.full / m.scan, 'for the whole path against it'),
        pass: null,
      },
      {
        area: 'parse',
        what: `${c.name}: bare fast-xml-parser 5 parse, attributes on`,
        target: '',
        measured: `${thousands((c.entries / m.fxp) * 1000)} entries/s (${ms(m.fxp)})`,
        ratio: ratio(m.full / m.fxp, 'for the whole path against it'),
        pass: null,
      },
    );
  }
  return rows;
};
