import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PaperRecord } from '../../src/papers/paper.js';
import {
  DigestExistsError,
  SearchQueryError,
  type DigestRecord,
  type GuildState,
  type MemberState,
  type SearchFilters,
  type Store,
  type Topic,
} from '../../src/store/types.js';
import { makePaper, makeRecord } from './papers.js';
import { propertyRuns } from '../helpers/property-runs.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const stamp = { by: 'u1', at: '2025-01-01T00:00:00.000Z' };

function topic(slug: string, extra: Partial<Topic> = {}): Topic {
  return {
    guildId: GUILD,
    slug,
    name: slug,
    categories: ['cs.LG'],
    query: 'contrastive',
    crossLists: true,
    updates: false,
    images: false,
    color: 0x3366ff,
    changed: stamp,
    ...extra,
  };
}

function digest(key: string, extra: Partial<DigestRecord> = {}): DigestRecord {
  const paperIds = extra.paperIds ?? ['2501.00001', '2501.00002'];
  return {
    key,
    guildId: GUILD,
    channelId: 'c1',
    topicSlug: 'contrastive',
    date: '2025-01-07',
    paperIds,
    skippedIds: [],
    messages: [
      { index: 0, nonce: `${key}.0`, paperIds: [], body: { content: 'header' }, messageId: null },
      { index: 1, nonce: `${key}.1`, paperIds, body: { embeds: [{ title: 'x' }] }, messageId: null },
    ],
    threadName: 'contrastive · 2025-01-07',
    openThread: false,
    threadId: null,
    status: 'pending',
    attempts: 0,
    error: null,
    createdAt: '2025-01-07T14:00:00.000Z',
    finishedAt: null,
    ...extra,
  };
}

/** A small corpus where each search case has one clear answer. */
const CORPUS: PaperRecord[] = [
  makeRecord({
    id: '2501.00001',
    title: 'Contrastive learning of visual representations',
    abstract: 'We study self-supervised pretraining with large batches.',
    authors: ['Geoffrey E. Hinton', 'Ting Chen'],
    categories: ['cs.LG', 'cs.CV'],
    codeUrl: 'https://github.com/google-research/simclr',
    venue: 'ICML 2020',
    announced: '2025-01-07',
  }),
  makeRecord({
    id: '2501.00002',
    title: 'A survey of graph methods',
    abstract: 'Among other things we mention contrastive objectives once.',
    authors: ['Claus Lämmerzahl'],
    categories: ['gr-qc'],
    announced: '2025-01-08',
  }),
  makeRecord({
    id: '2501.00003',
    title: 'Semi-supervised segmentation with pseudo labels',
    abstract: 'A semisupervised method for medical images.',
    authors: ['Zoë Müller'],
    categories: ['cs.CV'],
    announced: '2025-01-09',
  }),
  makeRecord({
    id: '2501.00004',
    title: 'Semi supervised learning revisited',
    abstract: 'Graph neural networks meet consistency regularisation.',
    authors: ['Priya Patel', 'Geoffrey Smith'],
    categories: ['stat.ML', 'cs.LG'],
    codeUrl: 'https://gitlab.com/p/ssl',
    announced: null,
    published: '2025-01-10T12:00:00Z',
  }),
  makeRecord(
    {
      id: '2501.00005',
      title: 'Bounds on α-divergence estimators',
      abstract: 'We bound the α-divergence of neural graph estimators in ℝ^n.',
      authors: ['Ana Rossi'],
      categories: ['math.ST', 'stat.TH'],
      announced: '2025-01-08',
      venue: 'NeurIPS 2024',
    },
    {
      title: 'Bounds on $\\alpha$-divergence estimators',
      abstract: 'We bound the $\\alpha$-divergence of neural graph estimators in $\\mathbb{R}^n$.',
    },
  ),
];

const HOSTILE = [
  '"',
  '""',
  '"unbalanced phrase',
  'NEAR(a b)',
  'NEAR(contrastive learning, 2)',
  'title:foo',
  '{title}: contrastive',
  'a*',
  '*',
  '**',
  '(',
  ')',
  '(contrastive',
  '^x',
  '^contrastive',
  '-',
  '--',
  '- -contrastive',
  'OR',
  'AND OR NOT',
  'contrastive OR',
  'NOT',
  'contrastive NOT',
  "'; DROP TABLE papers; --",
  'a'.repeat(10_000),
  'contrastive '.repeat(1000),
  '🙂🙂🙂',
  'contrastive 🙂',
  'تعلم تبايني',
  'למידה ניגודית',
  '\u202econtrastive\u202c',
  'contr\u0000astive',
  '\u0000\u0001\u0002\u001f',
  '\u200b\u200d\ufeff',
  '\ud800',
  'x\ud83dy',
  '\\',
  "'",
  '`',
  'col:"phrase"',
  'rank:bm25',
  '+contrastive',
  'contrastive* learn*',
  '"contrastive learning"*',
  '-"contrastive learning"',
  'a:b:c:d',
  '$\\alpha$',
  '%_%',
];

/** The behaviour every Store implementation must have. `open` returns a fresh, empty store each call. */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('state', () => {
      it('starts empty', async () => {
        expect(await store.state.getGuild(GUILD)).toEqual({
          guildId: GUILD,
          topics: [],
          subscriptions: [],
          settings: null,
          audit: [],
        } satisfies GuildState);
        expect(await store.state.listGuildIds()).toEqual([]);
      });

      it('round-trips a guild and lists it', async () => {
        const result = await store.state.updateGuild(GUILD, (s) => {
          s.topics.push(topic('contrastive', { name: '无监督/半监督/对比学习' }));
          return s.topics.length;
        });
        expect(result).toBe(1);
        await store.state.updateGuild(OTHER_GUILD, (s) => {
          s.audit.push({ guildId: OTHER_GUILD, userId: 'u', action: 'x', detail: 'y', at: stamp.at });
        });
        const state = await store.state.getGuild(GUILD);
        expect(state.topics).toEqual([topic('contrastive', { name: '无监督/半监督/对比学习' })]);
        expect(await store.state.listGuildIds()).toEqual([GUILD, OTHER_GUILD]);
      });

      it('gives copies: changing what getGuild returned changes nothing', async () => {
        await store.state.updateGuild(GUILD, (s) => void s.topics.push(topic('a')));
        const state = await store.state.getGuild(GUILD);
        state.topics.length = 0;
        expect((await store.state.getGuild(GUILD)).topics).toHaveLength(1);
      });

      it('writes nothing when the change throws, even after mutating', async () => {
        await store.state.updateGuild(GUILD, (s) => void s.topics.push(topic('a')));
        await expect(
          store.state.updateGuild(GUILD, (s) => {
            s.topics.push(topic('b'));
            s.topics[0]!.name = 'changed';
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect((await store.state.getGuild(GUILD)).topics).toEqual([topic('a')]);
        await expect(
          store.state.updateGuild(OTHER_GUILD, () => {
            throw new Error('no');
          }),
        ).rejects.toThrow('no');
        expect(await store.state.listGuildIds()).toEqual([GUILD]);
      });

      it('refuses an asynchronous change and an invalid result, writing nothing', async () => {
        await expect(
          // eslint-disable-next-line @typescript-eslint/require-await -- the async callback is the mistake refused here
          store.state.updateGuild(GUILD, async (s) => {
            s.topics.push(topic('a'));
          }),
        ).rejects.toThrow(/synchronous/);
        await expect(
          store.state.updateGuild(GUILD, (s) => void s.topics.push(topic('a', { color: -5 }))),
        ).rejects.toThrow(/invalid/);
        expect(await store.state.getGuild(GUILD)).toMatchObject({ topics: [] });
      });

      it('serialises concurrent updates of one guild: 20 parallel increments all land', async () => {
        await store.state.updateGuild(GUILD, (s) => {
          s.settings = {
            guildId: GUILD,
            schedule: '0 1 * * 1-5',
            timezone: 'UTC',
            abstractLength: 300,
            maxPapers: 1,
            changed: null,
          };
        });
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.state.updateGuild(GUILD, (s) => {
              s.settings!.maxPapers += 1;
              s.audit.push({ guildId: GUILD, userId: `u${i}`, action: 'inc', detail: String(i), at: stamp.at });
              return s.settings!.maxPapers;
            }),
          ),
        );
        const state = await store.state.getGuild(GUILD);
        expect(state.settings?.maxPapers).toBe(21);
        expect(state.audit).toHaveLength(20);
        expect(new Set(results).size).toBe(20);
      });

      it('keeps small values', async () => {
        expect(await store.state.getValue('feed:cs')).toBeUndefined();
        await store.state.setValue('feed:cs', { etag: '"abc"', lastModified: null });
        await store.state.setValue('mark', 0);
        await store.state.setValue('nothing', null);
        expect(await store.state.getValue('feed:cs')).toEqual({ etag: '"abc"', lastModified: null });
        expect(await store.state.getValue('mark')).toBe(0);
        expect(await store.state.getValue('nothing')).toBeNull();
        await store.state.setValue('mark', ':base64:not-a-buffer');
        expect(await store.state.getValue('mark')).toBe(':base64:not-a-buffer');
        await store.state.setValue('mark', undefined);
        expect(await store.state.getValue('mark')).toBeUndefined();
        expect(await store.state.listGuildIds()).toEqual([]);
      });

      it('gives small values back unchecked, as copies, for the caller to parse', async () => {
        const validators = z.object({ etag: z.string(), lastModified: z.string().nullable() });
        await store.state.setValue('feed:cs', { etag: '"abc"', lastModified: null });
        const first = validators.parse(await store.state.getValue('feed:cs'));
        first.etag = 'changed by the caller';
        expect(validators.parse(await store.state.getValue('feed:cs'))).toEqual({ etag: '"abc"', lastModified: null });
        // Whatever was stored comes back as it was: a value of another shape is for the caller's schema to refuse.
        await store.state.setValue('feed:cs', ['not', 'validators']);
        expect(await store.state.getValue('feed:cs')).toEqual(['not', 'validators']);
        expect(validators.safeParse(await store.state.getValue('feed:cs')).success).toBe(false);
      });
    });

    describe('members', () => {
      const MEMBER = '420000000000000001';
      const OTHER_MEMBER = '420000000000000002';
      const follow = (id: string) => ({
        id,
        guildId: GUILD,
        author: 'Yann LeCun',
        query: null,
        categories: ['cs.LG'],
        createdAt: stamp.at,
      });

      it('starts empty, round-trips a member and lists it apart from the guilds', async () => {
        expect(await store.state.getMember(MEMBER)).toEqual({
          userId: MEMBER,
          follows: [],
          saved: [],
          dm: { channelId: null, off: false, paused: null },
          dmDates: {},
        } satisfies MemberState);
        expect(await store.state.listMemberIds()).toEqual([]);
        const count = await store.state.updateMember(MEMBER, (m) => {
          m.follows.push(follow('f1'));
          m.saved.push({ paperId: '2611.00001', at: stamp.at, guildId: GUILD });
          return m.follows.length;
        });
        expect(count).toBe(1);
        await store.state.updateMember(OTHER_MEMBER, (m) => {
          m.dm.off = true;
        });
        expect((await store.state.getMember(MEMBER)).follows).toEqual([follow('f1')]);
        expect(await store.state.listMemberIds()).toEqual([MEMBER, OTHER_MEMBER]);
        expect(await store.state.listGuildIds()).toEqual([]);
      });

      it('writes nothing for a change that throws, changes nothing or is invalid', async () => {
        await expect(
          store.state.updateMember(MEMBER, (m) => {
            m.follows.push(follow('f1'));
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        await store.state.updateMember(MEMBER, () => undefined);
        await expect(
          store.state.updateMember(MEMBER, (m) => void m.follows.push({ ...follow('f1'), id: '' })),
        ).rejects.toThrow(/updateMember: the changed state of member .* is invalid/);
        await expect(
          store.state.updateMember(MEMBER, (m) => {
            m.userId = OTHER_MEMBER;
          }),
        ).rejects.toThrow(/must not change userId/);
        expect(await store.state.listMemberIds()).toEqual([]);
      });

      it('serialises concurrent updates of one member: 20 parallel saves all land', async () => {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.state.updateMember(MEMBER, (m) => {
              m.saved.push({ paperId: `2611.${String(i).padStart(5, '0')}`, at: stamp.at, guildId: null });
            }),
          ),
        );
        expect((await store.state.getMember(MEMBER)).saved).toHaveLength(20);
      });

      it('deletes everything about a member, and only that member', async () => {
        await store.state.updateMember(MEMBER, (m) => void m.follows.push(follow('f1')));
        await store.state.updateMember(OTHER_MEMBER, (m) => void m.follows.push(follow('f1')));
        expect(await store.state.deleteMember(MEMBER)).toBe(true);
        expect(await store.state.deleteMember(MEMBER)).toBe(false);
        expect((await store.state.getMember(MEMBER)).follows).toEqual([]);
        expect(await store.state.listMemberIds()).toEqual([OTHER_MEMBER]);
        // A member can start again after a deletion.
        await store.state.updateMember(MEMBER, (m) => void m.follows.push(follow('f2')));
        expect(await store.state.listMemberIds()).toEqual([MEMBER, OTHER_MEMBER]);
      });
    });

    describe('archive', () => {
      it('inserts, counts and reads back', async () => {
        expect(await store.archive.count()).toBe(0);
        expect(await store.archive.latestAnnouncement()).toBeNull();
        expect(await store.archive.upsert(CORPUS)).toEqual({ inserted: CORPUS.length, updated: 0 });
        expect(await store.archive.count()).toBe(CORPUS.length);
        expect(await store.archive.get('2501.00001')).toEqual(CORPUS[0]!.paper);
        expect(await store.archive.get('9999.99999')).toBeNull();
        const many = await store.archive.getMany(['2501.00002', '2501.00003', 'missing']);
        expect([...many.keys()].sort()).toEqual(['2501.00002', '2501.00003']);
        expect(many.get('2501.00003')).toEqual(CORPUS[2]!.paper);
        expect(await store.archive.latestAnnouncement()).toBe('2025-01-09');
      });

      it('is idempotent and follows versions', async () => {
        const v1 = makeRecord({ id: '2205.14459', version: 1, title: 'First title' });
        const v2 = makeRecord({ id: '2205.14459', version: 2, title: 'Second title' });
        expect(await store.archive.upsert([v1])).toEqual({ inserted: 1, updated: 0 });
        expect(await store.archive.upsert([v1])).toEqual({ inserted: 0, updated: 0 });
        expect(await store.archive.upsert([v2])).toEqual({ inserted: 0, updated: 1 });
        expect(await store.archive.upsert([v1])).toEqual({ inserted: 0, updated: 0 });
        expect(await store.archive.count()).toBe(1);
        expect(await store.archive.get('2205.14459')).toMatchObject({ version: 2, title: 'Second title' });
        // The old title is gone from the index too.
        await expect(store.archive.search('first', {}, { offset: 0, limit: 10 })).resolves.toMatchObject({ total: 0 });
        expect((await store.archive.search('second', {}, { offset: 0, limit: 10 })).total).toBe(1);
        const v3 = makeRecord({ id: 'hep-th/9901001', version: 3 });
        expect(await store.archive.upsert([v3, makeRecord({ id: 'hep-th/9901001', version: 1 }), v3])).toEqual({
          inserted: 1,
          updated: 0,
        });
        expect(await store.archive.get('hep-th/9901001')).toMatchObject({ version: 3 });
      });

      it('completes a paper from two sources instead of erasing fields', async () => {
        const listing = makeRecord({ id: '2501.07777', comment: null, announced: '2025-01-07', announceType: 'new' });
        const api = makeRecord({
          id: '2501.07777',
          comment: '9 pages, CVPR 2025',
          venue: 'CVPR 2025',
          announced: null,
          announceType: null,
        });
        await store.archive.upsert([listing]);
        expect(await store.archive.upsert([api])).toEqual({ inserted: 0, updated: 1 });
        expect(await store.archive.upsert([listing])).toEqual({ inserted: 0, updated: 0 });
        expect(await store.archive.get('2501.07777')).toMatchObject({
          comment: '9 pages, CVPR 2025',
          venue: 'CVPR 2025',
          announced: '2025-01-07',
          announceType: 'new',
        });
      });

      it('refuses an invalid paper and writes none of the batch', async () => {
        const bad = makeRecord({ id: '2501.00666', version: 0 });
        await expect(store.archive.upsert([CORPUS[0]!, bad])).rejects.toThrow(/2501\.00666 is invalid/);
        expect(await store.archive.count()).toBe(0);
      });

      it('lists announcements by date and category (archive or subject class)', async () => {
        await store.archive.upsert(CORPUS);
        const ids = (ps: { id: string }[]) => ps.map((p) => p.id);
        expect(ids(await store.archive.announcedOn('2025-01-08'))).toEqual(['2501.00002', '2501.00005']);
        expect(ids(await store.archive.announcedOn('2025-01-08', ['gr-qc']))).toEqual(['2501.00002']);
        expect(ids(await store.archive.announcedOn('2025-01-08', ['math']))).toEqual(['2501.00005']);
        expect(ids(await store.archive.announcedOn('2025-01-08', ['cs']))).toEqual([]);
        expect(ids(await store.archive.announcedOn('2025-01-07', ['cs']))).toEqual(['2501.00001']);
        expect(ids(await store.archive.announcedOn('2025-01-07', ['cs.cv', 'stat']))).toEqual(['2501.00001']);
        expect(ids(await store.archive.announcedOn('2025-01-07', []))).toEqual([]);
        expect(ids(await store.archive.announcedBetween('2025-01-07', '2025-01-08'))).toEqual([
          '2501.00001',
          '2501.00002',
          '2501.00005',
        ]);
        expect(ids(await store.archive.announcedBetween('2025-01-08', '2025-01-31', ['cs']))).toEqual(['2501.00003']);
      });

      it('records a venue a later version brings, once per paper and venue, stamped when it was learned', async () => {
        const at = (iso: string) => ({ at: new Date(iso) });
        const v1 = makeRecord({ id: '2501.04444', version: 1 });
        await store.archive.upsert([v1], at('2025-01-07T10:00:00Z'));
        // The same version completed by the API's comment: the paper's venue all along, not news.
        await store.archive.upsert(
          [makeRecord({ id: '2501.04444', version: 1, comment: 'ICML 2025', venue: 'ICML 2025' })],
          at('2025-01-07T11:00:00Z'),
        );
        expect(await store.archive.venueEvents('2000-01-01')).toEqual([]);
        const v2 = makeRecord({ id: '2501.04444', version: 2, comment: 'NeurIPS 2025', venue: 'NeurIPS 2025' });
        await store.archive.upsert([v2], at('2025-01-08T10:00:00Z'));
        // v3 keeps the venue, v4 changes it, v5 brings the first one back, a new paper with a venue is no event.
        await store.archive.upsert([makeRecord({ ...v2.paper, version: 3 })], at('2025-01-09T10:00:00Z'));
        await store.archive.upsert(
          [
            makeRecord({ ...v2.paper, version: 4, venue: 'JMLR' }),
            makeRecord({ id: '2501.05555', version: 2, venue: 'CVPR 2025' }),
          ],
          at('2025-01-10T10:00:00Z'),
        );
        await store.archive.upsert([makeRecord({ ...v2.paper, version: 5 })], at('2025-01-11T10:00:00Z'));
        expect(await store.archive.venueEvents('2000-01-01')).toEqual([
          { paperId: '2501.04444', version: 2, venue: 'NeurIPS 2025', at: '2025-01-08T10:00:00.000Z' },
          { paperId: '2501.04444', version: 4, venue: 'JMLR', at: '2025-01-10T10:00:00.000Z' },
        ]);
        expect(await store.archive.venueEvents('2025-01-09T00:00:00.000Z')).toEqual([
          { paperId: '2501.04444', version: 4, venue: 'JMLR', at: '2025-01-10T10:00:00.000Z' },
        ]);
        // An older version coming back changes nothing and records nothing.
        await store.archive.upsert([v1], at('2025-01-12T10:00:00Z'));
        expect(await store.archive.venueEvents('2025-01-11T00:00:00.000Z')).toEqual([]);
      });

      it('caches figures, including "none"', async () => {
        expect(await store.archive.getFigure('2501.00001', 1)).toBeUndefined();
        await store.archive.setFigure('2501.00001', 1, null);
        expect(await store.archive.getFigure('2501.00001', 1)).toBeNull();
        await store.archive.setFigure('2501.00001', 1, 'https://arxiv.org/html/2501.00001v1/x1.png');
        expect(await store.archive.getFigure('2501.00001', 1)).toBe('https://arxiv.org/html/2501.00001v1/x1.png');
        expect(await store.archive.getFigure('2501.00001', 2)).toBeUndefined();
      });
    });

    describe('search', () => {
      beforeEach(async () => {
        await store.archive.upsert(CORPUS);
      });
      const all = { offset: 0, limit: 50 };
      const ids = async (query: string, filters: SearchFilters = {}) =>
        (await store.archive.search(query, filters, all)).hits.map((h) => h.paper.id);

      it('ranks a title hit above an abstract-only hit, best first', async () => {
        const page = await store.archive.search('contrastive', {}, all);
        expect(page.hits.map((h) => h.paper.id)).toEqual(['2501.00001', '2501.00002']);
        expect(page.total).toBe(2);
        expect(page.hits[0]!.score).toBeGreaterThan(page.hits[1]!.score);
        expect(page.hits[0]!.paper).toEqual(CORPUS[0]!.paper);
      });

      it.each([
        ['bare words are all required', 'graph neural', ['2501.00004', '2501.00005']],
        ['a phrase needs adjacency', '"graph neural"', ['2501.00004']],
        ['a phrase in another order', '"neural graph"', ['2501.00005']],
        ['OR', 'pseudo OR revisited', ['2501.00003', '2501.00004']],
        ['OR binds tighter than AND', 'pseudo OR revisited semisupervised', ['2501.00003']],
        ['exclusion', 'graph -neural', ['2501.00002']],
        ['NOT excludes too', 'graph NOT neural', ['2501.00002']],
        ['prefix', 'contrast*', ['2501.00001', '2501.00002']],
        ['prefix of a phrase', '"visual represent"*', ['2501.00001']],
        ['a two-letter prefix is just a word', 'co*', []],
        ['case-insensitive', 'CONTRASTIVE LEARNING', ['2501.00001']],
        ['accent-insensitive, authors', 'Lammerzahl', ['2501.00002']],
        ['accents in the query too', 'Lämmerzahl', ['2501.00002']],
        ['accent-insensitive, decomposed input', 'La\u0308mmerzahl', ['2501.00002']],
        ['venue is searched', 'neurips', ['2501.00005']],
        ['LaTeX spelling from the raw text', 'alpha divergence', ['2501.00005']],
        ['Unicode spelling from the clean text', 'α', ['2501.00005']],
        ['mathbb only in the raw abstract', 'mathbb', ['2501.00005']],
        ['field prefixes of the topic language are dropped', 'ti:segmentation', ['2501.00003']],
        ['punctuation inside a word makes a phrase', 'pseudo/labels', ['2501.00003']],
      ])('%s: %s', async (_name, query, expected) => {
        expect((await ids(query)).sort()).toEqual([...expected].sort());
      });

      it('treats semi-supervised, semi supervised and semisupervised alike where it can', async () => {
        const hyphen = await ids('semi-supervised');
        expect(hyphen.sort()).toEqual(['2501.00003', '2501.00004']);
        expect((await ids('semi supervised')).sort()).toEqual(['2501.00003', '2501.00004']);
        expect(await ids('semisupervised')).toEqual(['2501.00003']);
        // The hyphenated query also finds the joined spelling, in the abstract of 00003.
        expect((await ids('semi-supervised medical')).sort()).toEqual(['2501.00003']);
      });

      it.each<[string, SearchFilters, string[]]>([
        ['author surname', { author: 'Hinton' }, ['2501.00001']],
        ['author full name with a middle initial left out', { author: 'Geoffrey Hinton' }, ['2501.00001']],
        ['author prefix', { author: 'Hint*' }, ['2501.00001']],
        ['author other name', { author: 'Ting Chen' }, ['2501.00001']],
        ['author full name, last word a prefix', { author: 'Geoffrey Hint*' }, ['2501.00001']],
        ['author not there', { author: 'Smith' }, []],
        ['category archive', { category: 'cs' }, ['2501.00001']],
        ['category subject class', { category: 'cs.CV' }, ['2501.00001']],
        ['category case-insensitive', { category: 'CS.lg' }, ['2501.00001']],
        ['category elsewhere', { category: 'gr-qc' }, ['2501.00002']],
        ['category no match', { category: 'cs.CL' }, []],
        ['since', { since: '2025-01-08' }, ['2501.00002']],
        ['since, inclusive', { since: '2025-01-07' }, ['2501.00001', '2501.00002']],
        ['has code', { hasCode: true }, ['2501.00001']],
        ['has no code', { hasCode: false }, ['2501.00002']],
        ['ids subset', { ids: ['2501.00002', '2501.00003'] }, ['2501.00002']],
        ['empty ids', { ids: [] }, []],
        [
          'all together',
          { author: 'hinton', category: 'cs', since: '2025-01-01', hasCode: true, ids: ['2501.00001'] },
          ['2501.00001'],
        ],
      ])('filter: %s', async (_name, filters, expected) => {
        expect(await ids('contrastive', filters)).toEqual(expected);
      });

      it('finds the author filter accent-insensitively, and since falls back to the publication date', async () => {
        expect(await ids('graph', { author: 'lammerzahl' })).toEqual(['2501.00002']);
        expect(await ids('graph', { since: '2025-01-10' })).toEqual(['2501.00004']);
      });

      it('pages and counts', async () => {
        const first = await store.archive.search('graph', {}, { offset: 0, limit: 2 });
        const second = await store.archive.search('graph', {}, { offset: 2, limit: 2 });
        const beyond = await store.archive.search('graph', {}, { offset: 10, limit: 2 });
        expect(first.total).toBe(3);
        expect(second.total).toBe(3);
        expect(beyond).toEqual({ total: 3, hits: [] });
        const seen = [...first.hits, ...second.hits].map((h) => h.paper.id);
        expect(new Set(seen).size).toBe(3);
        await expect(store.archive.search('graph', {}, { offset: -1, limit: 2 })).rejects.toThrow(RangeError);
      });

      it('refuses a query with nothing to search for, with a clear message', async () => {
        await expect(store.archive.search('   ', {}, all)).rejects.toThrow(SearchQueryError);
        await expect(store.archive.search('-graph', {}, all)).rejects.toThrow(/at least one word/);
        await expect(store.archive.search('graph', { author: '!!' }, all)).rejects.toThrow(SearchQueryError);
        await expect(store.archive.search('graph', { since: 'yesterday' }, all)).rejects.toThrow(SearchQueryError);
      });

      it.each(HOSTILE.map((q) => [JSON.stringify(q.length > 40 ? `${q.slice(0, 40)}…` : q), q]))(
        'survives hostile input %s',
        async (_label, query) => {
          try {
            const page = await store.archive.search(query, {}, all);
            expect(Array.isArray(page.hits)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(SearchQueryError);
          }
        },
      );

      it('returns results or SearchQueryError for any string (property)', async () => {
        const syntax = fc.constantFrom(
          '"',
          '*',
          '-',
          '(',
          ')',
          ':',
          '^',
          ' OR ',
          ' NOT ',
          'NEAR',
          '{',
          '}',
          ' ',
          '+',
          "'",
        );
        const word = fc.constantFrom('graph', 'neural', 'contrastive', 'é', 'semi', 'x');
        const query = fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.array(fc.oneof(syntax, word), { maxLength: 20 }).map((parts) => parts.join('')),
        );
        await fc.assert(
          fc.asyncProperty(query, fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), async (q, author) => {
            const filters: SearchFilters = author === undefined ? {} : { author };
            try {
              const page = await store.archive.search(q, filters, { offset: 0, limit: 5 });
              return page.total >= page.hits.length;
            } catch (error) {
              return error instanceof SearchQueryError;
            }
          }),
          { numRuns: propertyRuns(300), seed: 42 },
        );
      });
    });

    describe('delivery', () => {
      it('plans a digest, claims its papers and reads it back', async () => {
        const d = digest('g:c1:contrastive:2025-01-07:1');
        expect(await store.delivery.planDigest(d)).toEqual({ ok: true });
        expect(await store.delivery.getDigest(d.key)).toEqual(d);
        expect(await store.delivery.getDigest('nope')).toBeNull();
        expect(await store.delivery.postedIn('c1', ['2501.00001', '2501.00009'])).toEqual(new Set(['2501.00001']));
        expect(await store.delivery.postedIn('c2', ['2501.00001'])).toEqual(new Set());
        expect(await store.delivery.postedInGuild(GUILD)).toEqual(['2501.00001', '2501.00002']);
        expect(await store.delivery.postedInGuild(OTHER_GUILD)).toEqual([]);
        expect(await store.delivery.pendingDigests()).toEqual([d]);
        expect(await store.delivery.pendingDigests('c1')).toEqual([d]);
        expect(await store.delivery.pendingDigests('c2')).toEqual([]);
      });

      it('writes nothing when a pair is already claimed, and says which', async () => {
        await store.delivery.planDigest(digest('k1'));
        const clash = digest('k2', { paperIds: ['2501.00003', '2501.00002'] });
        expect(await store.delivery.planDigest(clash)).toEqual({ ok: false, taken: ['2501.00002'] });
        expect(await store.delivery.getDigest('k2')).toBeNull();
        expect(await store.delivery.postedIn('c1', ['2501.00003'])).toEqual(new Set());
        // The same papers in another channel are fine.
        expect(await store.delivery.planDigest(digest('k3', { channelId: 'c2' }))).toEqual({ ok: true });
        await expect(store.delivery.planDigest(digest('k1', { paperIds: ['2501.00099'] }))).rejects.toThrow(
          DigestExistsError,
        );
      });

      it('refuses a digest it could not read back', async () => {
        await expect(store.delivery.planDigest(digest('bad', { status: 'lost' as 'pending' }))).rejects.toThrow(
          TypeError,
        );
        expect(await store.delivery.getDigest('bad')).toBeNull();
      });

      it('lets exactly one of two concurrent overlapping plans win', async () => {
        const results = await Promise.all([
          store.delivery.planDigest(digest('a', { paperIds: ['p1', 'p2'] })),
          store.delivery.planDigest(digest('b', { paperIds: ['p2', 'p3'] })),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.find((r) => !r.ok)).toEqual({ ok: false, taken: ['p2'] });
      });

      it('records sending, threads and the end of a digest', async () => {
        const d = digest('k1');
        await store.delivery.planDigest(d);
        await store.delivery.markMessageSent('k1', 0, 'm0');
        await store.delivery.setThread('k1', 't1');
        await store.delivery.markMessageSent('k1', 1, 'm1');
        await expect(store.delivery.markMessageSent('k1', 7, 'mx')).rejects.toThrow(/no message 7/);
        await expect(store.delivery.markMessageSent('missing', 0, 'mx')).rejects.toThrow(/missing/);
        const mid = await store.delivery.getDigest('k1');
        expect(mid?.messages.map((m) => m.messageId)).toEqual(['m0', 'm1']);
        expect(mid?.threadId).toBe('t1');
        expect(mid?.status).toBe('pending');
        await store.delivery.finishDigest('k1', 'sent');
        const done = await store.delivery.getDigest('k1');
        expect(done?.status).toBe('sent');
        expect(done?.finishedAt).toEqual(expect.any(String));
        expect(await store.delivery.pendingDigests()).toEqual([]);
      });

      it('moves a reclaimed paper to a later digest, never to one of the same date', async () => {
        await store.delivery.planDigest(digest('k1', { paperIds: ['p1', 'p2'] }));
        const sameDay = digest('k2', { paperIds: ['p1'] });
        expect(await store.delivery.planDigest(sameDay, { reclaim: ['p1'] })).toEqual({ ok: false, taken: ['p1'] });
        const later = digest('k3', { paperIds: ['p1', 'p2'], date: '2099-01-01' });
        // Only the reclaimed paper may move; p2 is still taken.
        expect(await store.delivery.planDigest(later, { reclaim: ['p1'] })).toEqual({ ok: false, taken: ['p2'] });
        expect(
          await store.delivery.planDigest(digest('k4', { paperIds: ['p1'], date: '2099-01-01' }), { reclaim: ['p1'] }),
        ).toEqual({ ok: true });
        expect(await store.delivery.claimDates('c1', ['p1', 'p2', 'p3'])).toEqual(
          new Map([
            ['p1', '2099-01-01'],
            ['p2', digest('x').date],
          ]),
        );
      });

      it('claims the papers past the cap too, and keeps them claimed when the digest is given up', async () => {
        await store.delivery.planDigest(digest('k1', { paperIds: ['p1'], skippedIds: ['p8', 'p9'] }));
        expect(await store.delivery.postedIn('c1', ['p1', 'p8', 'p9', 'p10'])).toEqual(new Set(['p1', 'p8', 'p9']));
        expect(await store.delivery.planDigest(digest('k2', { paperIds: ['p9'] }))).toEqual({
          ok: false,
          taken: ['p9'],
        });
        await store.delivery.failDigest('k1', 'channel gone');
        expect(await store.delivery.postedIn('c1', ['p1', 'p8', 'p9'])).toEqual(new Set(['p8', 'p9']));
      });

      it('counts attempts and, giving up, releases the papers no sent message carries', async () => {
        const d = digest('k1', {
          paperIds: ['p1', 'p2', 'p3'],
          messages: [
            { index: 0, nonce: 'n0', paperIds: ['p1'], body: {}, messageId: null },
            { index: 1, nonce: 'n1', paperIds: ['p2', 'p3'], body: {}, messageId: null },
          ],
        });
        await store.delivery.planDigest(d);
        await store.delivery.markMessageSent('k1', 0, 'm0');
        expect(await store.delivery.recordAttempt('k1', '503')).toBe(1);
        expect(await store.delivery.recordAttempt('k1', '502')).toBe(2);
        await store.delivery.failDigest('k1', 'gave up');
        expect(await store.delivery.getDigest('k1')).toMatchObject({ status: 'failed', attempts: 2, error: 'gave up' });
        expect(await store.delivery.postedIn('c1', ['p1', 'p2', 'p3'])).toEqual(new Set(['p1']));
        expect(await store.delivery.planDigest(digest('k2', { paperIds: ['p2', 'p3'] }))).toEqual({ ok: true });
        expect(await store.delivery.pendingDigests()).toHaveLength(1);
      });

      it('says where in a guild papers were posted', async () => {
        await store.delivery.planDigest(digest('k1', { paperIds: ['p1', 'p2'] }));
        await store.delivery.planDigest(digest('k2', { channelId: 'c2', paperIds: ['p2'] }));
        await store.delivery.planDigest(digest('k3', { channelId: 'c9', guildId: OTHER_GUILD, paperIds: ['p1'] }));
        const where = await store.delivery.postedWhere(GUILD, ['p1', 'p2', 'p3']);
        const sorted = where.map((w) => `${w.channelId} ${w.paperId} ${w.digestKey}`).sort();
        expect(sorted).toEqual(['c1 p1 k1', 'c1 p2 k1', 'c2 p2 k2']);
        expect(await store.delivery.postedWhere(GUILD, [])).toEqual([]);
      });

      it('claims a venue update once per channel, paper and venue, and releases what was never sent', async () => {
        const update = (key: string, papers: string[], extra: Partial<DigestRecord> = {}) =>
          digest(key, {
            topicSlug: '~venue',
            paperIds: [],
            messages: [{ index: 0, nonce: `${key}.0`, paperIds: papers, body: { content: 'x' }, messageId: null }],
            ...extra,
          });
        await store.delivery.planDigest(digest('k1', { paperIds: ['p1', 'p2'] }));
        const venues = [
          { paperId: 'p1', venue: 'ICML 2025' },
          { paperId: 'p2', venue: 'JMLR' },
        ];
        expect(await store.delivery.planDigest(update('u1', ['p1', 'p2']), { venues })).toEqual({ ok: true });
        // The papers' own claims are untouched; the venues are the update's.
        expect(await store.delivery.postedIn('c1', ['p1', 'p2'])).toEqual(new Set(['p1', 'p2']));
        expect(await store.delivery.venueClaims('c1', ['p1', 'p2', 'p3'])).toEqual(
          new Map([
            ['p1', new Set(['ICML 2025'])],
            ['p2', new Set(['JMLR'])],
          ]),
        );
        const again = [{ paperId: 'p2', venue: 'JMLR' }];
        expect(await store.delivery.planDigest(update('u2', ['p2']), { venues: again })).toEqual({
          ok: false,
          taken: ['p2'],
        });
        expect(await store.delivery.getDigest('u2')).toBeNull();
        // Another venue, or another channel, is another update.
        const other = [{ paperId: 'p2', venue: 'NeurIPS 2025' }];
        expect(await store.delivery.planDigest(update('u3', ['p2']), { venues: other })).toEqual({ ok: true });
        expect(await store.delivery.planDigest(update('u4', ['p2'], { channelId: 'c2' }), { venues: again })).toEqual({
          ok: true,
        });
        // Given up before its message went out: the claims go back, so a later update can tell it.
        await store.delivery.failDigest('u3', 'channel gone');
        await store.delivery.markMessageSent('u1', 0, 'm1');
        await store.delivery.failDigest('u1', 'gave up');
        expect(await store.delivery.venueClaims('c1', ['p1', 'p2'])).toEqual(
          new Map([
            ['p1', new Set(['ICML 2025'])],
            ['p2', new Set(['JMLR'])],
          ]),
        );
        expect(await store.delivery.venueClaims('c2', ['p2'])).toEqual(new Map([['p2', new Set(['JMLR'])]]));
      });

      it('finds digests by guild and date, optionally by topic, oldest first', async () => {
        await store.delivery.planDigest(
          digest('late', { paperIds: ['a'], createdAt: '2025-01-07T15:00:00.000Z', topicSlug: 'gr' }),
        );
        await store.delivery.planDigest(digest('early', { paperIds: ['b'], createdAt: '2025-01-07T14:00:00.000Z' }));
        await store.delivery.planDigest(digest('other-day', { paperIds: ['c'], date: '2025-01-08' }));
        await store.delivery.planDigest(
          digest('other-guild', { paperIds: ['d'], guildId: OTHER_GUILD, channelId: 'c9' }),
        );
        const keys = (ds: DigestRecord[]) => ds.map((d) => d.key);
        expect(keys(await store.delivery.digestsOn(GUILD, '2025-01-07'))).toEqual(['early', 'late']);
        expect(keys(await store.delivery.digestsOn(GUILD, '2025-01-07', 'gr'))).toEqual(['late']);
        expect(keys(await store.delivery.digestsOn(GUILD, '2025-01-09'))).toEqual([]);
        expect(await store.delivery.postedInGuild(GUILD)).toEqual(['a', 'b', 'c']);
        expect(await store.delivery.postedInGuild(OTHER_GUILD)).toEqual(['d']);
      });

      it('forgets every digest and ledger entry of one guild, and nothing of another', async () => {
        await store.delivery.planDigest(digest('k1'));
        await store.delivery.planDigest(
          digest('k2', { guildId: OTHER_GUILD, channelId: 'c9', paperIds: ['2501.00001'] }),
        );
        expect(await store.delivery.forgetGuild(GUILD)).toBe(1);
        expect(await store.delivery.getDigest('k1')).toBeNull();
        expect(await store.delivery.postedInGuild(GUILD)).toEqual([]);
        expect(await store.delivery.postedIn('c1', ['2501.00001', '2501.00002'])).toEqual(new Set());
        expect(await store.delivery.pendingDigests()).toEqual([await store.delivery.getDigest('k2')]);
        expect(await store.delivery.postedInGuild(OTHER_GUILD)).toEqual(['2501.00001']);
        expect(await store.delivery.forgetGuild(GUILD)).toBe(0);
      });

      it('forgets the venue updates of the guild with their claims, and keeps another guild’s', async () => {
        const update = (key: string, guildId: string, channelId: string) =>
          digest(key, {
            guildId,
            channelId,
            topicSlug: '~venue',
            paperIds: [],
            messages: [{ index: 0, nonce: `${key}.0`, paperIds: ['p1'], body: {}, messageId: null }],
          });
        const venues = [{ paperId: 'p1', venue: 'ICML 2025' }];
        await store.delivery.planDigest(update('u1', GUILD, 'c1'), { venues });
        await store.delivery.planDigest(update('u2', OTHER_GUILD, 'c9'), { venues });
        expect(await store.delivery.forgetGuild(GUILD)).toBe(1);
        expect(await store.delivery.venueClaims('c1', ['p1'])).toEqual(new Map());
        expect(await store.delivery.venueClaims('c9', ['p1'])).toEqual(new Map([['p1', new Set(['ICML 2025'])]]));
      });
    });
  });
}

/** Papers for persistence checks. */
export const PERSISTED = [makePaper({ id: '2501.00042', title: 'Persistent contrastive memory' })];
