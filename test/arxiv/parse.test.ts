import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitListingDescription, extractId, splitVersion } from '../../src/arxiv/ids.js';
import { parseAny, sniffFormat } from '../../src/arxiv/parse-any.js';
import { parseApiFeed } from '../../src/arxiv/parse-api.js';
import { parseAtomListing } from '../../src/arxiv/parse-atom-listing.js';
import { parseRdfListing } from '../../src/arxiv/parse-rdf.js';
import { parseRssListing } from '../../src/arxiv/parse-rss.js';
import { ArxivError, checkedRawEntry, rawEntrySchema, type RawEntry } from '../../src/arxiv/types.js';
import { seededRandom } from '../helpers/random.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/arxiv/${name}`, import.meta.url));
const byId = (entries: RawEntry[], id: string): RawEntry => {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};

describe('parseApiFeed', () => {
  it('reads the legacy layout (per-element xmlns, hard wraps, scheme attributes)', () => {
    const feed = parseApiFeed(fixture('api-legacy.xml'));
    expect(feed).toMatchObject({ totalResults: 2, startIndex: 0, itemsPerPage: 10, skipped: [] });
    const clock = byId(feed.entries, '1703.04521v2');
    expect(clock).toMatchObject({
      title: 'Clock Comparisons Along Eccentric Orbits as a Probe of Post-Newtonian\n  Gravity',
      authors: ['Claus Lämmerzahl', 'Jonas Østergaard', 'M. Ibáñez-Ruiz'],
      categories: ['gr-qc', 'physics.space-ph', '83C10'],
      primaryCategory: 'gr-qc',
      comment: '12 pages, 4 figures; v2: matches the published version',
      journalRef: 'Phys. Rev. D 95, 124012 (2017)',
      doi: '10.1103/PhysRevD.95.124012',
      published: '2017-03-13T17:40:11Z',
      updated: '2017-05-29T09:14:02Z',
      announced: null,
      announceType: null,
    });
    expect(clock.abstract).toContain('solar pressure & thermal\ndrifts.');
    expect(clock.abstract).toContain('$\\gamma$');
    expect(byId(feed.entries, 'hep-th/0612087v3')).toMatchObject({
      title: 'Boundary Terms for $\\mathcal{N}=4$ Wilson Loops at Strong Coupling',
      comment: null,
      doi: null,
    });
  });

  it('reads the current layout without mistaking the feed title for an entry title', () => {
    const feed = parseApiFeed(fixture('api-current.xml'));
    expect(feed.totalResults).toBe(4);
    expect(feed.entries.map((e) => e.id)).toEqual(['2501.04217v2', '2502.00871v1', '2412.19033v1', '2501.05520v3']);
    expect(feed.entries.some((e) => e.title.startsWith('arXiv Query'))).toBe(false);
    expect(byId(feed.entries, '2501.04217v2')).toMatchObject({
      authors: ['Mei-Ling Zhou', 'Tomasz Wróblewski', 'Aarav Nair'],
      comment: 'Accepted to CVPR 2025; 9 pages, 5 figures',
      doi: '10.1109/CVPR.2025.00117',
      primaryCategory: 'cs.CV',
    });
  });

  it.each([
    ['the paper titled 0 keeps "0"', '2502.00871v1', '0'],
    ['a missing <title> becomes ""', '2412.19033v1', ''],
  ])('%s', (_name, id, title) => {
    expect(byId(parseApiFeed(fixture('api-current.xml')).entries, id).title).toBe(title);
  });

  it('takes the DOI from the doi link when there is no arxiv:doi', () => {
    const xml = fixture('api-current.xml')
      .toString('utf8')
      .replace('<arxiv:doi>10.1109/CVPR.2025.00117</arxiv:doi>', '');
    expect(byId(parseApiFeed(xml).entries, '2501.04217v2').doi).toBe('10.1109/CVPR.2025.00117');
  });

  it('accepts an empty result page', () => {
    expect(parseApiFeed(fixture('api-empty.xml'))).toEqual({
      totalResults: 0,
      startIndex: 0,
      itemsPerPage: 100,
      entries: [],
      skipped: [],
    });
  });

  it.each([
    ['error entry', fixture('api-error.xml'), /incorrect id format for 2501\.042x/, 'api-error'],
    ['truncated XML', fixture('api-current.xml').subarray(0, 1500), /malformed XML/, 'malformed'],
    ['an RSS document', fixture('rss-listing.xml'), /expected an arXiv API Atom feed/, 'malformed'],
    [
      'a feed without OpenSearch counts',
      Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'),
      /opensearch/,
      'malformed',
    ],
  ])('throws ArxivError for %s', (_name, body, message, code) => {
    expect(() => parseApiFeed(body)).toThrow(message);
    try {
      parseApiFeed(body);
    } catch (error) {
      expect(error).toBeInstanceOf(ArxivError);
      expect((error as ArxivError).code).toBe(code);
    }
  });

  it('decodes the body as UTF-8 itself, and survives invalid bytes', () => {
    const good = fixture('api-legacy.xml');
    expect(parseApiFeed(new Uint8Array(good)).entries[0]?.authors[0]).toBe('Claus Lämmerzahl');
    const text = good.toString('utf8').replace('Claus Lämmerzahl', 'Claus L@mmerzahl');
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf('@')] = 0xff;
    expect(parseApiFeed(bytes).entries[0]?.authors[0]).toBe('Claus L\uFFFDmmerzahl');
  });

  it('skips (and reports) an entry whose id is not an arXiv id, keeping the others', () => {
    const xml = fixture('api-current.xml')
      .toString('utf8')
      .replace('http://arxiv.org/abs/2502.00871v1', 'http://example.org/nope');
    const feed = parseApiFeed(xml);
    expect(feed.entries).toHaveLength(3);
    expect(feed.skipped).toEqual([expect.objectContaining({ index: 1, id: 'http://example.org/nope' })]);
  });
});

describe('the XML layer', () => {
  const api = fixture('api-current.xml').toString('utf8');

  it('decodes HTML named references as a browser would, and keeps undefined ones as written', () => {
    const xml = api.replace('<title>0</title>', '<title>Caf&eacute; &amp; r&eacute;sum&#xe9; &foo; x</title>');
    expect(byId(parseApiFeed(xml).entries, '2502.00871v1').title).toBe('Café & résumé &foo; x');
  });

  it('keeps CDATA sections literally: markup and references inside are text', () => {
    const xml = api.replace('<title>0</title>', '<title><![CDATA[a <b> &amp; c]]></title>');
    expect(byId(parseApiFeed(xml).entries, '2502.00871v1').title).toBe('a <b> &amp; c');
  });

  it.each([
    ['a mismatched end tag', api.replace('</title>', '</titel>'), /malformed XML \(line \d+\): unexpected close tag/],
    ['a bare ampersand', api.replace('<title>0</title>', '<title>R & D</title>'), /malformed XML \(line \d+\)/],
    ['a < inside an attribute', api.replace('rel="alternate"', 'rel="a<b"'), /malformed XML \(line \d+\)/],
    ['a second root element', `${api}<feed/>`, /malformed XML.*one root/],
    ['an unclosed element', api.replace(/<\/feed>\s*$/, ''), /malformed XML.*unclosed tag: feed/],
  ])('rejects %s as malformed, with the line', (_name, xml, message) => {
    expect(() => parseApiFeed(xml)).toThrow(message);
    expect(() => parseApiFeed(xml)).toThrow(expect.objectContaining({ name: 'ArxivError', code: 'malformed' }));
  });

  it('finds the root element past the declaration, comments and a doctype', () => {
    const xml = api.replace(
      "<?xml version='1.0' encoding='UTF-8'?>",
      "<?xml version='1.0' encoding='UTF-8'?>\n<!-- <rss> -->\n<!DOCTYPE feed>",
    );
    expect(sniffFormat(xml)).toBe('api');
    expect(parseApiFeed(xml).entries).toHaveLength(4);
  });

  it('skips an entry whose id has the shape of an arXiv id but is none, saying why', () => {
    // Four-digit serials ended with December 2014, so 2501.1234 cannot exist.
    const xml = api.replace('http://arxiv.org/abs/2502.00871v1', 'http://arxiv.org/abs/2501.1234v1');
    const feed = parseApiFeed(xml);
    expect(feed.entries.map((e) => e.id)).toEqual(['2501.04217v2', '2412.19033v1', '2501.05520v3']);
    expect(feed.skipped).toEqual([
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
      { index: 1, id: '2501.1234v1', reason: expect.stringContaining('not a valid arXiv id') },
    ]);
  });
});

describe('parseRssListing', () => {
  const listing = parseRssListing(fixture('rss-listing.xml'));

  it('reads the channel: title and announcement date in US Eastern', () => {
    expect(listing).toMatchObject({
      format: 'rss2',
      title: 'cs.LG, stat.ML updates on arXiv.org',
      date: '2025-01-07',
      skipped: [],
    });
  });

  it.each([
    ['2501.03001v1', 'new', ["Ana P\\'erez", 'Ben Okafor', 'Chen Wei'], ['cs.LG', 'cs.CV']],
    ['2501.03017v1', 'new', ['Sofía Lämmle', 'Grzegorz Brzęczyszczykiewicz'], ['cs.LG', 'eess.SY']],
    ['2412.18820v2', 'cross', ['Ingrid Solberg', 'Yusuf Demir'], ['stat.ME', 'stat.ML']],
    ['2406.11111v3', 'replace', ['Laura Becker', 'Diego Alvarez'], ['cs.LG']],
    ['math/0611234v4', 'replace-cross', ['Pierre-Alain Fournier'], ['math.ST', 'stat.ML']],
  ])('%s: %s by %j in %j', (id, announceType, authors, categories) => {
    expect(byId(listing.entries, id)).toMatchObject({
      announceType,
      authors,
      categories,
      primaryCategory: categories[0],
      announced: '2025-01-07',
      comment: null,
    });
  });

  it('keeps only the abstract from the description, and decodes entities once', () => {
    const first = byId(listing.entries, '2501.03001v1');
    expect(first.abstract).toMatch(/^We characterise when strong augmentations/);
    expect(first.abstract).toContain('$p<0.1$');
    expect(byId(listing.entries, '2501.03017v1').abstract).toBe(
      'A quantile regression ensemble for day-ahead grid load.\nResults on three utilities.',
    );
    expect(byId(listing.entries, '2501.03017v1').title).toBe('Calibrated Forecasts for Grid Load \\& Solar Output');
  });

  it('reads the optional DOI and journal reference', () => {
    expect(byId(listing.entries, '2501.03017v1')).toMatchObject({
      doi: '10.1016/j.egyai.2025.100412',
      journalRef: 'Energy and AI 19 (2025) 100412',
    });
    expect(byId(listing.entries, '2501.03001v1')).toMatchObject({ doi: null, journalRef: null });
  });

  it('treats an empty channel as a valid listing with no entries', () => {
    expect(parseRssListing(fixture('rss-empty.xml'))).toMatchObject({ date: '2025-07-07', entries: [], skipped: [] });
  });

  it('throws the channel description for a "Feed error" channel', () => {
    expect(() => parseRssListing(fixture('rss-error.xml'))).toThrow(/Bad archive 'csLG'/);
  });

  it('falls back to the description prefix when announce_type and guid are missing', () => {
    const xml = fixture('rss-listing.xml')
      .toString('utf8')
      .replace('<arxiv:announce_type>cross</arxiv:announce_type>', '')
      .replace('<guid isPermaLink="false">oai:arXiv.org:2412.18820v2</guid>', '');
    expect(byId(parseRssListing(xml).entries, '2412.18820v2').announceType).toBe('cross');
  });
});

describe('parseRdfListing (old export.arxiv.org RSS 1.0)', () => {
  it.each([['rdf-escaped.xml'], ['rdf-elements.xml']])(
    '%s: id, version, primary from the title; HTML stripped once',
    (name) => {
      const listing = parseRdfListing(fixture(name));
      expect(listing).toMatchObject({ format: 'rdf', title: 'cs.LG updates on arXiv.org', date: '2019-03-15' });
      expect(byId(listing.entries, '1903.05801v1')).toMatchObject({
        title: 'Gradient Noise Scale as a Batch-Size Oracle',
        abstract:
          'We estimate the gradient noise scale online and use it to pick the batch size, keeping $B < B_{crit}$ throughout training.',
        authors: ['Lin Huang', 'Zoë Adebayo'],
        categories: ['cs.LG'],
        primaryCategory: 'cs.LG',
        announceType: 'new',
      });
      expect(byId(listing.entries, '1811.00420v2').announceType).toBe('replace');
    },
  );

  it.each([
    ['1903.05822v1', 'cross', 'stat.ML', 'Do Wide Networks Forget Less?'],
    ['1903.05990v1', 'cross', 'math.OC', 'First-Order Methods for Bilevel Hyperparameter Tuning'],
    ['1811.00420v2', 'replace', 'cs.LG', 'Fair Ranking with Noisy Protected Attributes'],
    ['1809.07311v3', 'replace-cross', 'cs.CV', 'Self-Supervised Depth from Video'],
  ])('%s is %s (primary %s)', (id, announceType, primary, title) => {
    const entry = byId(parseRdfListing(fixture('rdf-escaped.xml')).entries, id);
    expect(entry).toMatchObject({ announceType, primaryCategory: primary, title });
  });

  it('decodes escaped HTML entities in author links', () => {
    expect(byId(parseRdfListing(fixture('rdf-escaped.xml')).entries, '1903.05822v1').authors).toEqual(['Márton Varga']);
  });
});

describe('parseAtomListing (rss.arxiv.org/atom)', () => {
  const listing = parseAtomListing(fixture('atom-listing.xml'));
  it('reads ids from oai identifiers, types, categories and the announcement date', () => {
    expect(listing).toMatchObject({ format: 'atom', title: 'math.OC updates on arXiv.org', date: '2025-03-11' });
    expect(listing.entries).toEqual([
      expect.objectContaining({
        id: '2503.06410v1',
        announceType: 'new',
        authors: ['Marta Kowalczyk', 'Ravi Subramanian'],
        categories: ['math.OC'],
      }),
      expect.objectContaining({
        id: '2409.01177v2',
        announceType: 'replace-cross',
        doi: '10.1137/24M1654321',
        journalRef: 'SIAM J. Math. Data Sci. 7 (2025) 88-115',
        abstract: 'Entropic mirror descent computes Wasserstein barycenters with dimension-free rates.',
      }),
    ]);
  });
});

describe('parseAny', () => {
  it.each([
    ['api-legacy.xml', 'api'],
    ['api-current.xml', 'api'],
    ['api-empty.xml', 'api'],
    ['rss-listing.xml', 'rss2'],
    ['rss-empty.xml', 'rss2'],
    ['rdf-escaped.xml', 'rdf'],
    ['rdf-elements.xml', 'rdf'],
    ['atom-listing.xml', 'atom'],
  ])('sniffs %s as %s', (name, format) => {
    expect(sniffFormat(fixture(name))).toBe(format);
    const doc = parseAny(fixture(name));
    expect(doc.kind === 'api' ? 'api' : doc.listing.format).toBe(format);
  });

  it.each([
    [
      'an HTML page',
      '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body></body></html>',
      /HTML page.*503 Service Unavailable/,
    ],
    ['an unknown XML root', '<?xml version="1.0"?><opml/>', /root element <opml>/],
    ['an empty body', '', /no XML element/],
    ['an error channel', fixture('rss-error.xml'), /Bad archive/],
    ['an API error feed', fixture('api-error.xml'), /incorrect id format/],
  ])('throws ArxivError for %s', (_name, body, message) => {
    expect(() => parseAny(body)).toThrow(ArxivError);
    expect(() => parseAny(body)).toThrow(message);
  });
});

describe('ids', () => {
  it.each([
    ['http://arxiv.org/abs/2104.12255v1', '2104.12255v1'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['oai:arXiv.org:2504.17830v1', '2504.17830v1'],
    ['oai:arXiv.org:math.GT/0309136v2', 'math.GT/0309136v2'],
    ['0704.0001', '0704.0001'],
    ['https://arxiv.org/api/errors#incorrect_id_format_for_abc', null],
    ['abc', null],
  ])('extractId(%s) = %s', (value, id) => {
    expect(extractId(value)).toBe(id);
  });

  it.each([
    ['2205.14459v12', { base: '2205.14459', version: 12 }],
    ['cond-mat/0412498v1', { base: 'cond-mat/0412498', version: 1 }],
    ['hep-th/9901001', { base: 'hep-th/9901001', version: null }],
  ])('splitVersion(%s)', (id, expected) => {
    expect(splitVersion(id)).toEqual(expected);
  });

  it.each([
    [
      'arXiv:2504.17830v1 Announce Type: new \nAbstract: Text.',
      { id: '2504.17830v1', announceType: 'new', abstract: 'Text.' },
    ],
    [
      'arXiv:hep-th/0101001v2 Announce Type: replace-cross \nAbstract: A\nB',
      { id: 'hep-th/0101001v2', announceType: 'replace-cross', abstract: 'A\nB' },
    ],
    ['Plain abstract without a prefix', { id: null, announceType: null, abstract: 'Plain abstract without a prefix' }],
  ])('splitListingDescription(%j)', (text, expected) => {
    expect(splitListingDescription(text)).toEqual(expected);
  });
});

describe('checkedRawEntry', () => {
  const valid: RawEntry = {
    id: '2205.14459v2',
    title: 'A title',
    abstract: 'An abstract.',
    authors: ['Jane Doe'],
    categories: ['cs.LG', 'stat.ML'],
    primaryCategory: 'cs.LG',
    comment: '12 pages',
    journalRef: null,
    doi: '10.1000/xyz',
    published: '2022-05-28T17:00:01Z',
    updated: null,
    announced: '2025-04-28',
    announceType: 'new',
  };
  // Values each field may be given, good and bad, so that every check of the schema is exercised.
  const values: Record<keyof RawEntry, unknown[]> = {
    id: ['2205.14459', 'hep-th/9901001v3', '2501.1234v1', '2213.00001', 'abc', '', 5, null, undefined],
    title: ['', 'T', null, 3, undefined],
    abstract: ['', 'A', null, undefined],
    authors: [[], ['A', 'B'], [''], ['A', 3], 'A', null, undefined],
    categories: [[], ['cs.LG'], [''], [null], 'cs.LG', undefined],
    primaryCategory: [null, 'cs.LG', '', 7, undefined],
    comment: [null, '', 'c', 1, undefined],
    journalRef: [null, '', 'J. Phys. 1 (2020)', false, undefined],
    doi: [null, '', '10.1/x', 2, undefined],
    published: [null, '', '2020-01-01', 0, undefined],
    updated: [null, '', 'yesterday', {}, undefined],
    announced: [null, '2025-04-28', '2025-4-28', '', 20250428, undefined],
    announceType: [null, 'new', 'cross', 'replace', 'replace-cross', 'old', '', 1, undefined],
  };
  const fields = Object.keys(values) as (keyof RawEntry)[];

  it('accepts exactly what rawEntrySchema accepts, and gives the same entry', () => {
    const rand = seededRandom(20251128);
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 2_000; i++) {
      const candidate: Record<string, unknown> = { ...valid };
      // Change one to three fields at random.
      for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
        const field = fields[Math.floor(rand() * fields.length)]!;
        const options = values[field];
        candidate[field] = options[Math.floor(rand() * options.length)];
      }
      const schema = rawEntrySchema.safeParse(candidate);
      const checked = checkedRawEntry(candidate);
      expect(checked !== null, JSON.stringify(candidate)).toBe(schema.success);
      if (schema.success) {
        expect(JSON.stringify(checked)).toBe(JSON.stringify(schema.data));
        accepted++;
      } else {
        rejected++;
      }
    }
    // Both outcomes must have been exercised for the comparison to mean anything.
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  it('rejects what is not an object', () => {
    for (const value of [null, undefined, 'entry', 3, []]) expect(checkedRawEntry(value)).toBeNull();
  });
});
