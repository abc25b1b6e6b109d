import { describe, expect, it } from 'vitest';
import { defaults } from '../../config/defaults.js';
import {
  loadSearch,
  openResult,
  saveSearch,
  searchPage,
  searchParams,
  searchTopic,
  takeSearch,
  type MemberSearchDeps,
  type SearchOptions,
} from '../../src/search/member.js';
import { UserError } from '../../src/errors.js';
import { createMemoryStore } from '../../src/store/index.js';
import { topic } from '../helpers/bot.js';
import { makePaper } from '../topics/papers.js';

const EXPIRED_SEARCH = 'This search has expired. Run `/paper search` again.';

const GUILD = '300000000000000001';
const OTHER = '300000000000000002';
const ALICE = '410000000000000001';
const BOB = '410000000000000002';
const CHANNEL = '500000000000000001';

let clock = new Date('2026-11-23T12:00:00Z');
function world(): MemberSearchDeps {
  return { store: createMemoryStore(), defaults, now: () => clock };
}

const options: SearchOptions = { query: 'graph', author: null, topic: null, since: null, scope: null, hasCode: null };

describe('searchParams', () => {
  it.each([
    { case: 'the defaults', input: {}, params: { query: 'graph', scope: 'digests' } },
    {
      case: 'every filter',
      input: {
        query: ' graph ',
        author: ' Smith ',
        topic: ' graphs ',
        since: '2026-11-01',
        scope: 'all',
        hasCode: true,
      },
      params: { query: 'graph', author: 'Smith', topic: 'graphs', since: '2026-11-01', scope: 'all', hasCode: true },
    },
    { case: 'has_code false', input: { hasCode: false }, params: { query: 'graph', scope: 'digests' } },
  ])('reads $case', ({ input, params }) => {
    expect(searchParams({ ...options, ...input })).toEqual(params);
  });

  it.each([
    { case: 'an empty query', input: { query: '  ' }, says: /^Type something to search for/ },
    { case: 'a bad date', input: { since: '2026-02-30' }, says: /^`since` must be a date written YYYY-MM-DD/ },
    { case: 'a date before arXiv', input: { since: '1990-01-01' }, says: /^`since` must be a date/ },
    { case: 'an unknown scope', input: { scope: 'everything' }, says: /^`scope` is either `digests` or `all`\.$/ },
    { case: 'a long query', input: { query: 'x'.repeat(1001) }, says: /^That search is too long/ },
  ])('refuses $case', ({ input, says }) => {
    expect(() => searchParams({ ...options, ...input })).toThrow(says);
  });
});

describe('takeSearch', () => {
  it('allows the configured number of searches a minute per member', () => {
    const deps = world();
    for (let i = 0; i < defaults.search.perUserPerMinute; i++) takeSearch(deps, ALICE);
    expect(() => takeSearch(deps, ALICE)).toThrow(
      /^You are searching faster than Paperboy allows\. Slow down: try again in 60 s\.$/,
    );
    expect(() => takeSearch(deps, BOB)).not.toThrow();
  });
});

describe('searches in a guild', () => {
  async function seeded() {
    const deps = world();
    await deps.store.state.updateGuild(GUILD, (state) => {
      state.topics = [topic(GUILD, { slug: 'graphs', name: 'Graphs', query: 'graph', categories: ['cs.LG'] })];
    });
    const papers = [
      makePaper({ id: '2611.00001', title: 'Graph networks at scale', announced: '2026-11-23' }),
      makePaper({ id: '2611.00002', title: 'Graph transformers', announced: '2026-11-23' }),
    ];
    await deps.store.archive.upsert(papers.map((paper) => ({ paper, raw: { title: paper.title, abstract: '' } })));
    return deps;
  }

  it('finds the topic, pages the results, and tells unknown from removed topics', async () => {
    const deps = await seeded();
    const params = searchParams({ ...options, scope: 'all', topic: 'graphs' });
    const found = await searchTopic(deps, GUILD, params);
    expect(found?.slug).toBe('graphs');
    const result = await searchPage(deps, GUILD, params, found, 0);
    expect([result.total, result.papers.map((p) => p.id).sort()]).toEqual([2, ['2611.00001', '2611.00002']]);

    const gone = { ...params, topic: 'gone' };
    await expect(searchTopic(deps, GUILD, gone)).rejects.toThrow(
      'This server has no topic `gone`. Its topics: `graphs`.',
    );
    await expect(searchTopic(deps, GUILD, gone, true)).rejects.toThrow(
      'The topic `gone` of this search was removed. Run `/paper search` again.',
    );
  });

  it('turns a query with nothing searchable into a refusal', async () => {
    const deps = await seeded();
    await expect(searchPage(deps, GUILD, { query: '*', scope: 'all' }, null, 0)).rejects.toThrow(
      /^Nothing to search for/,
    );
    const refusal: unknown = await searchPage(deps, GUILD, { query: '-graph', scope: 'all' }, null, 0).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).message).toMatch(/^Add at least one word to search for/);
    expect((refusal as UserError).messageIn('zh-CN')).toBe('请至少加一个要搜索的词：“-word” 和 NOT 只会排除论文。');
  });

  it('lets only the owner, or anyone for public results, in the same guild use a saved search', async () => {
    const deps = await seeded();
    const params = { query: 'graph', scope: 'all' as const };
    const base = { guildId: GUILD, channelId: CHANNEL, userId: ALICE, params };
    const mine = await saveSearch(deps, { ...base, public: false });
    const shared = await saveSearch(deps, { ...base, public: true });

    expect((await loadSearch(deps, mine, GUILD, ALICE)).own).toBe(true);
    expect((await loadSearch(deps, shared, GUILD, BOB)).own).toBe(false);
    for (const [key, guild, user] of [
      [mine, GUILD, BOB],
      [mine, OTHER, ALICE],
      ['AAAAAAAA', GUILD, ALICE],
      ['not a key', GUILD, ALICE],
    ] as const) {
      await expect(loadSearch(deps, key, guild, user)).rejects.toThrow(EXPIRED_SEARCH);
    }
    expect((await openResult(deps, shared, GUILD, BOB, '2611.00001')).id).toBe('2611.00001');
    await expect(openResult(deps, shared, GUILD, BOB, 'nonsense')).rejects.toThrow(EXPIRED_SEARCH);
    await expect(openResult(deps, shared, GUILD, BOB, '2611.09999')).rejects.toThrow(
      'arXiv:2611.09999 is no longer in the archive. Try `/paper show id:2611.09999`.',
    );

    clock = new Date(clock.getTime() + 25 * 3600_000);
    await expect(loadSearch(deps, mine, GUILD, ALICE)).rejects.toThrow(EXPIRED_SEARCH);
  });
});
