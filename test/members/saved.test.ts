/**
 * The reading list and the member's own data, on the memory store: what a save accepts (real ids of archived
 * papers only, all or nothing), dedup and the cap, removal, and the export and deletion of a member's data, which
 * never touch another member.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { memberGuild } from '../../src/members/digests.js';
import {
  deleteMemberData,
  describeSummary,
  EXPORT_FORMAT,
  exportMemberData,
  summarize,
} from '../../src/members/privacy.js';
import {
  checkPaperIds,
  describeSave,
  MAX_SAVED,
  newestFirst,
  savePapers,
  takeSave,
  SAVES_PER_MINUTE,
  unsavePapers,
  type SaveContext,
} from '../../src/members/saved.js';
import { createMemoryStore, type Store } from '../../src/store/index.js';
import { emptyMemberState } from '../../src/store/schemas.js';
import type { DigestRecord } from '../../src/store/types.js';
import { makeRecord } from '../store/papers.js';

const ME = '420000000000000001';
const OTHER = '420000000000000002';
const GUILD = '110000000000000001';
const NOW = new Date('2026-11-24T12:00:00Z');

let store: Store;
const ctx = (overrides: Partial<SaveContext> = {}): SaveContext => ({
  state: store.state,
  archive: store.archive,
  userId: ME,
  guildId: GUILD,
  now: NOW,
  ...overrides,
});
const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `2611.${String(10000 + from + i)}`);

beforeEach(async () => {
  store = createMemoryStore();
  await store.archive.upsert([
    ...ids(30).map((id, i) => makeRecord({ id, title: `Paper number ${i}` })),
    makeRecord({ id: 'hep-th/9901001', title: 'Strings before 2007' }),
  ]);
});

describe('checkPaperIds', () => {
  it.each([
    [['2611.10000'], ['2611.10000']],
    [
      ['2611.10000', '2611.10000', '2611.10001'],
      ['2611.10000', '2611.10001'],
    ],
    [['hep-th/9901001'], ['hep-th/9901001']],
  ])('%j → %j', (values, wanted) => {
    expect(checkPaperIds(values)).toEqual(wanted);
  });

  it.each([
    [[]],
    [['2611.10000v2']],
    [['arXiv:2611.10000']],
    [['https://arxiv.org/abs/2611.10000']],
    [[' 2611.10000']],
    [['2613.10000']],
    [['../../etc/passwd']],
    [['__proto__']],
    [['9'.repeat(1000)]],
    [ids(26)],
  ])('refuses %j', (values) => {
    expect(() => checkPaperIds(values)).toThrow(UserError);
  });
});

describe('savePapers', () => {
  it('saves each paper once, in order, where it was saved from', async () => {
    const first = await savePapers(ctx(), ['2611.10001', '2611.10000']);
    expect(first.added.map((p) => p.id)).toEqual(['2611.10001', '2611.10000']);
    const second = await savePapers(ctx({ guildId: null }), ['2611.10000', 'hep-th/9901001']);
    expect(second.already.map((p) => p.id)).toEqual(['2611.10000']);
    expect(second.added.map((p) => p.id)).toEqual(['hep-th/9901001']);
    expect(second.total).toBe(3);
    const member = await store.state.getMember(ME);
    expect(member.saved).toEqual([
      { paperId: '2611.10001', at: NOW.toISOString(), guildId: GUILD },
      { paperId: '2611.10000', at: NOW.toISOString(), guildId: GUILD },
      { paperId: 'hep-th/9901001', at: NOW.toISOString(), guildId: null },
    ]);
    expect(newestFirst(member.saved).map((s) => s.paperId)).toEqual(['hep-th/9901001', '2611.10000', '2611.10001']);
    expect((await store.state.getMember(OTHER)).saved).toEqual([]);
  });

  it('saves nothing when one paper is not archived, or one value is not an id', async () => {
    await expect(savePapers(ctx(), ['2611.10000', '2611.99999'])).rejects.toThrow(/2611\.99999.*not archived/);
    await expect(savePapers(ctx(), ['2611.10000', 'x'])).rejects.toThrow(/is not an arXiv id/);
    expect(await store.state.listMemberIds()).toEqual([]);
  });

  it(`stops at ${MAX_SAVED} papers and says which did not fit`, async () => {
    await store.state.updateMember(ME, (m) => {
      m.saved = Array.from({ length: MAX_SAVED - 1 }, (_, i) => ({
        paperId: `1501.${10000 + i}`,
        at: 'x',
        guildId: null,
      }));
    });
    const result = await savePapers(ctx(), ['2611.10000', '2611.10001', '2611.10002']);
    expect(result.added.map((p) => p.id)).toEqual(['2611.10000']);
    expect(result.full.map((p) => p.id)).toEqual(['2611.10001', '2611.10002']);
    expect(result.total).toBe(MAX_SAVED);
    const text = describeSave(result, (p) => p.title, 'Hint');
    expect(text).toContain(`Your reading list is full (${MAX_SAVED} papers), so 2 papers could not be saved`);
    expect(text.endsWith(`Hint (${MAX_SAVED} papers saved).`)).toBe(true);
  });

  it('keeps a long answer short', async () => {
    const result = await savePapers(ctx(), ids(25));
    const text = describeSave(result, () => 'T'.repeat(80), 'Hint');
    expect(text.length).toBeLessThan(700);
    expect(text).toMatch(/; and \d+ more\./);
  });
});

describe('unsavePapers', () => {
  it('removes only the member’s own papers, and writes nothing when there is nothing to remove', async () => {
    await savePapers(ctx(), ['2611.10000', '2611.10001']);
    await savePapers(ctx({ userId: OTHER }), ['2611.10000']);
    expect(await unsavePapers(store.state, ME, ['2611.10000', '2611.10005'])).toEqual(['2611.10000']);
    expect((await store.state.getMember(ME)).saved.map((s) => s.paperId)).toEqual(['2611.10001']);
    expect((await store.state.getMember(OTHER)).saved.map((s) => s.paperId)).toEqual(['2611.10000']);
    const nobody = '420000000000000003';
    expect(await unsavePapers(store.state, nobody, ['2611.10000'])).toEqual([]);
    expect(await store.state.listMemberIds()).not.toContain(nobody);
  });
});

describe('takeSave', () => {
  it(`lets ${SAVES_PER_MINUTE} saves a minute through per member and app`, () => {
    let time = NOW.getTime();
    const app = { now: () => new Date(time) };
    for (let i = 0; i < SAVES_PER_MINUTE; i++) takeSave(app, ME);
    expect(() => takeSave(app, ME)).toThrow(/saving papers faster than Paperboy allows\. Slow down: try again in 60 s/);
    takeSave(app, OTHER);
    time += 60_001;
    expect(() => takeSave(app, ME)).not.toThrow();
  });
});

describe('the member’s data', () => {
  async function follower(userId: string, guildId: string): Promise<void> {
    await store.state.updateGuild(guildId, (g) => {
      g.followers = [...(g.followers ?? []), userId];
    });
    await store.state.updateMember(userId, (m) => {
      m.follows.push({
        id: 'a1',
        guildId,
        author: 'Ada Lovelace',
        query: null,
        categories: [],
        createdAt: NOW.toISOString(),
      });
      m.dm.channelId = '900000000000000001';
      m.dmDates[guildId] = '2026-11-23';
    });
  }

  it('exports everything kept about the member and nothing of anyone else', async () => {
    await follower(ME, GUILD);
    await follower(OTHER, GUILD);
    await savePapers(ctx(), ['2611.10000']);
    await savePapers(ctx({ userId: OTHER }), ['2611.10001']);
    const { data, summary } = await exportMemberData(store, ME, NOW);
    expect(data).toEqual({
      format: EXPORT_FORMAT,
      exportedAt: NOW.toISOString(),
      userId: ME,
      follows: [expect.objectContaining({ id: 'a1', author: 'Ada Lovelace', guildId: GUILD })],
      saved: [{ paperId: '2611.10000', at: NOW.toISOString(), guildId: GUILD }],
      directMessages: {
        channelId: '900000000000000001',
        off: false,
        paused: null,
        lastListingByServer: { [GUILD]: '2026-11-23' },
        language: null,
      },
      directMessagePapers: [],
    });
    expect(JSON.stringify(data)).not.toContain(OTHER);
    expect(JSON.stringify(data)).not.toContain('2611.10001');
    expect(describeSummary(summary)).toBe('1 follow, 1 saved paper and your direct-message settings');
  });

  it('deletes the member and takes them off the followers they were on; others stay', async () => {
    const second = '110000000000000002';
    await follower(ME, GUILD);
    await follower(ME, second);
    await follower(OTHER, GUILD);
    await savePapers(ctx(), ['2611.10000']);
    const { removed, delisted } = await deleteMemberData(store.state, ME);
    expect(removed).toEqual({ follows: 2, saved: 1, dmSettings: true, servers: [GUILD, second] });
    expect(delisted).toEqual([GUILD, second]);
    expect(await store.state.getMember(ME)).toEqual(emptyMemberState(ME));
    expect(await store.state.listMemberIds()).toEqual([OTHER]);
    expect((await store.state.getGuild(GUILD)).followers).toEqual([OTHER]);
    expect((await store.state.getGuild(second)).followers).toEqual([]);
    expect((await store.state.getMember(OTHER)).follows).toHaveLength(1);
    // Again: nothing left, nothing written.
    expect(await deleteMemberData(store.state, ME, store.delivery)).toEqual({
      removed: { follows: 0, saved: 0, dmSettings: false, servers: [] },
      delisted: [],
      dmDigests: 0,
    });
  });

  it('lists the papers the ledger holds for the member’s DMs, not another member’s', async () => {
    const dm = (userId: string, channelId: string, paperIds: string[]): DigestRecord => ({
      key: `${memberGuild(userId)}:${channelId}:${GUILD}:2026-11-23`,
      guildId: memberGuild(userId),
      channelId,
      topicSlug: GUILD,
      date: '2026-11-23',
      paperIds,
      skippedIds: [],
      messages: [{ index: 0, nonce: `n${channelId}`, paperIds, body: {}, messageId: null }],
      threadName: '',
      openThread: false,
      threadId: null,
      status: 'pending',
      attempts: 0,
      error: null,
      createdAt: NOW.toISOString(),
      finishedAt: null,
    });
    await store.delivery.planDigest(dm(ME, '900000000000000001', ['2611.10004', '2611.10003']));
    await store.delivery.planDigest(dm(OTHER, '900000000000000002', ['2611.10005']));
    const { data } = await exportMemberData(store, ME, NOW);
    expect(data.directMessagePapers).toEqual(['2611.10003', '2611.10004']);
    expect(summarize(emptyMemberState(ME))).toEqual({ follows: 0, saved: 0, dmSettings: false, servers: [] });
  });
});
