/**
 * The ingest's searches for authors followed alone, at scale and at their bound: many members, few queries; the
 * authors a bound leaves out go first at the next ingest; what is skipped is logged and counted.
 */
import { describe, expect, it } from 'vitest';
import { IngestService, type ListingSource } from '../../src/digest/ingest.js';
import { silentLogger } from '../../src/log.js';
import type { AuthorSearchLimits, AuthorSearchSource } from '../../src/members/author-searches.js';
import { Metrics } from '../../src/ops/metrics.js';
import type { PaperRecord } from '../../src/papers/paper.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/types.js';
import { seededRandom } from '../helpers/random.js';
import { makeRecord } from '../store/papers.js';

const GUILD = '210000000000000001';
const LIMITS: AuthorSearchLimits = {
  queriesPerIngest: 30,
  authorsPerQuery: 10,
  queryLength: 400,
  resultsPerQuery: 200,
  lookbackDays: 7,
};

/** arXiv's API at the edge: every query asked, answered from `papers` by the query's phrases. */
function searchSource(papers: PaperRecord[] = []): ListingSource & AuthorSearchSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ingestListing: () => Promise.reject(new Error('no listing is wanted here')),
    searchNewest: (query) => {
      asked.push(query);
      const found = papers.filter((r) => r.paper.authors.some((a) => query.includes(`au:"${a.toLowerCase()}"`)));
      return Promise.resolve({ papers: found, totalResults: found.length });
    },
  };
}

async function follow(store: Store, userId: string, author: string, dm: { off?: boolean } = {}): Promise<void> {
  await store.state.updateMember(userId, (member) => {
    member.follows.push({
      id: `f${member.follows.length + 1}`,
      guildId: GUILD,
      author,
      query: null,
      categories: [],
      createdAt: '2026-11-20T00:00:00Z',
    });
    member.dm.off = dm.off ?? false;
  });
  await store.state.updateGuild(GUILD, (guild) => {
    guild.followers = [...new Set([...(guild.followers ?? []), userId])];
  });
}

function service(store: Store, source: ListingSource & AuthorSearchSource, clock: { now: number }, extra = {}) {
  return new IngestService({
    store,
    source,
    log: silentLogger,
    now: () => new Date(clock.now),
    authorSearches: LIMITS,
    ...extra,
  });
}

describe('searches for authors followed alone', () => {
  it('asks 30 queries for 1,000 members following 300 authors, each author once, none for paused DMs', async () => {
    const store = createMemoryStore();
    const random = seededRandom(7);
    const authors = Array.from({ length: 300 }, (_, i) => [`Given${i}`, `Surname${i}`] as const);
    for (let m = 0; m < 1000; m++) {
      const [given, surname] = authors[m < 300 ? m : Math.floor(random() * 300)]!;
      // Members spell one author in different ways.
      await follow(store, `4300000000000${10000 + m}`, random() < 0.5 ? `${given} ${surname}` : `${surname}, ${given}`);
    }
    await follow(store, '430000000000099999', 'Only Paused', { off: true });
    const source = searchSource();
    await service(store, source, { now: Date.parse('2026-11-24T12:00:00Z') }).refresh();

    expect(source.asked).toHaveLength(30);
    const terms = source.asked.flatMap((q) => q.match(/au:"[^"]+"/g) ?? []);
    expect(terms).toHaveLength(300);
    expect(new Set(terms).size).toBe(300);
    expect(terms.some((t) => t.includes('paused'))).toBe(false);
    for (const query of source.asked) {
      expect(query.length).toBeLessThanOrEqual(LIMITS.queryLength);
      // Papers submitted since four days before the listing (2026-11-24): the members have had no DM yet.
      expect(query).toMatch(/\) AND submittedDate:\[202611200000 TO 202611241200\]$/);
    }
  });

  it('stops at the bound, logs and counts what it left, and searches those first at the next ingest', async () => {
    const store = createMemoryStore();
    for (const [i, name] of ['Ann Abel', 'Bo Berg', 'Cy Cole', 'Di Dunn', 'Ed Eames'].entries())
      await follow(store, `43000000000000000${i}`, name);
    const papers = [makeRecord({ id: '2611.00005', authors: ['Ed Eames'], categories: ['hep-th'], announced: null })];
    const source = searchSource(papers);
    const metrics = new Metrics({ role: 'all-in-one', processMetrics: false });
    const warnings: unknown[] = [];
    const log = { ...silentLogger, warn: (context: unknown) => void warnings.push(context) } as typeof silentLogger;
    const clock = { now: Date.parse('2026-11-24T12:00:00Z') };
    const ingest = service(store, source, clock, {
      authorSearches: { ...LIMITS, queriesPerIngest: 2, authorsPerQuery: 2 },
      metrics,
      log,
    });

    await ingest.refresh();
    expect(source.asked.map((q) => q.match(/au:"[^"]+"/g))).toEqual([
      ['au:"ann abel"', 'au:"bo berg"'],
      ['au:"cy cole"', 'au:"di dunn"'],
    ]);
    expect(warnings).toContainEqual(expect.objectContaining({ skipped: 1, skippedAuthors: 1, limit: 2 }));
    const text = await metrics.text();
    expect(text).toContain('paperboy_author_searches_total{outcome="answered"} 2');
    expect(text).toContain('paperboy_author_searches_total{outcome="skipped"} 1');

    // A later ingest of the same listing: only the author left out is due.
    clock.now += 10 * 60_000;
    expect((await ingest.refresh()).added).toBe(1);
    expect(source.asked.slice(2)).toHaveLength(1);
    expect(source.asked[2]).toContain('au:"ed eames"');
    expect(await store.archive.get('2611.00005')).toMatchObject({ announced: '2026-11-24', announceType: 'new' });

    // The next listing: everyone is due again, those searched longest ago first.
    clock.now = Date.parse('2026-11-25T12:00:00Z');
    await ingest.refresh();
    expect(source.asked.slice(3).map((q) => q.match(/au:"[^"]+"/g))).toEqual([
      ['au:"ann abel"', 'au:"bo berg"'],
      ['au:"cy cole"', 'au:"di dunn"'],
    ]);
    // Found again, the paper keeps its announcement: nothing new to anyone.
    clock.now += 10 * 60_000;
    expect((await ingest.refresh()).added).toBe(0);
    expect(source.asked).toHaveLength(6);
    expect(await store.archive.get('2611.00005')).toMatchObject({ announced: '2026-11-24' });
  });
});
