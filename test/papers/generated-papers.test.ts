/**
 * The benchmark paper generator (test/bench/generate.ts): deterministic, realistic in shape, and every paper
 * is one the project itself would produce (schema, venue, code link and withdrawal as the extractors read them).
 */
import { describe, expect, it } from 'vitest';
import { extractCodeUrl } from '../../src/papers/code.js';
import { paperSchema, type Paper } from '../../src/papers/paper.js';
import { extractVenue } from '../../src/papers/venue.js';
import { isWithdrawn } from '../../src/papers/withdrawn.js';
import { createMemoryStore, parseSearchQuery } from '../../src/store/index.js';
import { generatePapers, paperBatches, QUERY_KINDS, sampleQueries, toRecord, vocabulary } from '../bench/generate.js';
import { median } from '../bench/stats.js';

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const share = (papers: readonly Paper[], test: (p: Paper) => boolean): number =>
  papers.filter(test).length / papers.length;

describe('generated papers', () => {
  const papers = generatePapers(2500, 11);

  it('are the same for the same seed, in one piece or in batches, and differ for another seed', () => {
    expect(generatePapers(300, 5)).toEqual(generatePapers(300, 5));
    expect([...paperBatches(300, 5, 70)].flat()).toEqual(generatePapers(300, 5));
    expect([...paperBatches(300, 5, 70)].map((b) => b.length)).toEqual([70, 70, 70, 70, 20]);
    const other = generatePapers(300, 6);
    expect(other.map((p) => p.title)).not.toEqual(generatePapers(300, 5).map((p) => p.title));
  });

  it('pass the paper schema, with unique ids and announcement dates in order on weekdays', () => {
    for (const paper of papers) expect(paperSchema.safeParse(paper).success, paper.id).toBe(true);
    expect(new Set(papers.map((p) => p.id)).size).toBe(papers.length);
    const dates = papers.map((p) => p.announced ?? '');
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))).toBe(true);
    expect(new Set(dates.map((d) => d.slice(0, 4))).size).toBeGreaterThanOrEqual(5);
    for (const p of papers) {
      expect(p.id).toMatch(/^\d{4}\.\d{5}$/);
      expect(p.pdfUrl).toBe(`https://arxiv.org/pdf/${p.id}v${p.version}`);
      expect(Date.parse(p.published)).toBeLessThan(Date.parse(`${p.announced}T00:00:00Z`));
      expect(Date.parse(p.updated)).toBeGreaterThanOrEqual(Date.parse(p.published));
    }
  });

  it('have realistic lengths: ~10 title words, ~181 abstract words with spread, 5 authors with a long tail', () => {
    expect(median(papers.map((p) => words(p.title)))).toBeGreaterThanOrEqual(8);
    expect(median(papers.map((p) => words(p.title)))).toBeLessThanOrEqual(12);
    const abstracts = papers.filter((p) => !p.withdrawn).map((p) => words(p.abstract));
    expect(median(abstracts)).toBeGreaterThanOrEqual(165);
    expect(median(abstracts)).toBeLessThanOrEqual(200);
    expect(Math.min(...abstracts)).toBeLessThan(90);
    expect(Math.max(...abstracts)).toBeGreaterThan(300);
    const authors = papers.map((p) => p.authors.length);
    expect(median(authors)).toBeGreaterThanOrEqual(4);
    expect(median(authors)).toBeLessThanOrEqual(6);
    expect(authors.filter((n) => n >= 150).length).toBeGreaterThan(0);
    expect(share(papers, (p) => p.authors.length === 1)).toBeGreaterThan(0.02);
    // Experimental particle physics has the big collaborations: hundreds to thousands of names.
    const hepEx = papers.filter((p) => p.primaryCategory === 'hep-ex').map((p) => p.authors.length);
    expect(hepEx.filter((n) => n >= 300).length).toBeGreaterThan(2);
    expect(Math.max(...hepEx)).toBeGreaterThan(1000);
  });

  it('carry 1–4 real categories, primary first, with the machine-learning skew of today’s arXiv', () => {
    for (const p of papers) {
      expect(p.categories[0]).toBe(p.primaryCategory);
      expect(p.categories.length).toBeGreaterThanOrEqual(1);
      expect(p.categories.length).toBeLessThanOrEqual(4);
      expect(new Set(p.categories).size).toBe(p.categories.length);
      for (const c of p.categories) expect(c).toMatch(/^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)?)?$/);
    }
    expect(share(papers, (p) => p.primaryCategory.startsWith('cs.'))).toBeGreaterThan(0.3);
    expect(share(papers, (p) => p.categories.length > 1)).toBeGreaterThan(0.3);
    expect(new Set(papers.map((p) => p.primaryCategory)).size).toBeGreaterThan(25);
  });

  it('have comments with venues and code links, versions, replacements and the odd withdrawal', () => {
    expect(share(papers, (p) => p.comment !== null)).toBeGreaterThan(0.4);
    expect(share(papers, (p) => p.venue !== null)).toBeGreaterThan(0.05);
    expect(share(papers, (p) => p.venue !== null)).toBeLessThan(0.25);
    expect(share(papers, (p) => p.codeUrl?.startsWith('https://github.com/') === true)).toBeGreaterThan(0.03);
    expect(share(papers, (p) => p.version > 1)).toBeGreaterThan(0.2);
    expect(share(papers, (p) => p.announceType === 'cross')).toBeGreaterThan(0.05);
    expect(papers.some((p) => p.withdrawn)).toBe(true);
    expect(papers.some((p) => p.journalRef !== null && p.doi !== null)).toBe(true);
  });

  it('read as the project’s own extractors read them: venue, code link and withdrawal agree', () => {
    for (const p of papers) {
      expect(extractVenue(p.comment, p.journalRef), p.id).toBe(p.venue);
      expect(extractCodeUrl(p.abstract, p.comment), p.id).toBe(p.codeUrl);
      expect(isWithdrawn(p.comment, p.abstract), p.id).toBe(p.withdrawn);
    }
  });

  it('follow a Zipf-like word frequency curve', () => {
    const counts = new Map<string, number>();
    for (const p of papers.slice(0, 1000)) {
      for (const w of p.abstract.toLowerCase().split(/[^\p{L}-]+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const ranked = [...counts.values()].sort((a, b) => b - a);
    // Frequency falls roughly as 1/rank: the 10th word is several times rarer than the 1st, the 100th rarer still.
    expect(ranked[0]! / ranked[9]!).toBeGreaterThan(2);
    expect(ranked[9]! / ranked[99]!).toBeGreaterThan(3);
    // …and a long tail of words seen once or twice.
    expect(ranked.filter((n) => n <= 2).length).toBeGreaterThan(2000);
  });

  it('become records whose raw text keeps LaTeX where the display text has Unicode', () => {
    const greek = papers.find((p) => /[αβελΛΣ]/.test(p.abstract));
    expect(greek).toBeDefined();
    const record = toRecord(greek!);
    expect(record.paper).toBe(greek);
    expect(record.raw.abstract).toMatch(/\$\\(?:alpha|beta|epsilon|lambda|Lambda|Sigma)\$/);
    const plain = papers.find((p) => !/[αβελΛΣ]/.test(p.abstract + p.title))!;
    expect(toRecord(plain).raw).toEqual({ title: plain.title, abstract: plain.abstract });
  });
});

describe('sample queries', () => {
  it('are deterministic, cycle through the five kinds, and all parse as searches', () => {
    const queries = sampleQueries(3, 100);
    expect(sampleQueries(3, 100)).toEqual(queries);
    expect(queries.map((q) => q.kind).slice(0, 5)).toEqual([...QUERY_KINDS]);
    for (const q of queries) {
      expect(() => parseSearchQuery(q.query), q.query).not.toThrow();
      expect(q.filters.author !== undefined).toBe(q.kind === 'words + author');
    }
    expect(queries.filter((q) => q.kind === 'phrase').every((q) => /^"[^"]+ [^"]+"$/.test(q.query))).toBe(true);
    expect(queries.filter((q) => q.kind === 'prefix').every((q) => /^\p{L}{3,}\*$/u.test(q.query))).toBe(true);
    for (const q of queries.filter((x) => x.kind === 'words + author'))
      expect(vocabulary.lastNames).toContain(q.filters.author);
  });

  it('mostly find papers in a generated archive, as real searches do', async () => {
    const store = createMemoryStore();
    await store.archive.upsert(generatePapers(800, 1).map(toRecord));
    let found = 0;
    const queries = sampleQueries(1, 25);
    for (const q of queries)
      if ((await store.archive.search(q.query, q.filters, { offset: 0, limit: 5 })).total > 0) found++;
    expect(found / queries.length).toBeGreaterThan(0.6);
    await store.close();
  });
});
