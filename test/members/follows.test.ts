/**
 * Follows: author names matched robustly (case, accents, initials, "Surname, Given", particles), what a follow
 * may be, and the DM plan (a paper once however many follows match it, capped, nothing the member already has).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { DM_MAX_PAPERS, memberGuild, planMemberDigest } from '../../src/members/digests.js';
import {
  checkFollowInput,
  compileFollows,
  describeFollow,
  nextFollowId,
  sameFollow,
} from '../../src/members/follows.js';
import { addFollow, rememberLocale, setDms } from '../../src/members/service.js';
import { translator, type Locale } from '../../src/i18n/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { authorMatches, splitAuthorName } from '../../src/topics/author.js';
import { emptyMemberState } from '../../src/store/schemas.js';
import type { Follow, StateStore } from '../../src/store/types.js';
import { makePaper } from '../store/papers.js';

const matches = (followed: string, author: string) => authorMatches(splitAuthorName(followed), splitAuthorName(author));

describe('author names', () => {
  it.each([
    ['Yann LeCun', 'Yann LeCun'],
    ['Yann LeCun', 'Y. LeCun'],
    ['Y. LeCun', 'Yann LeCun'],
    ['yann lecun', 'Yann LeCun'],
    ['LeCun', 'Yann LeCun'],
    ['LeCun, Yann', 'Y. LeCun'],
    ['Claus Lämmerzahl', 'C. Lammerzahl'],
    ['Jean-Pierre Serre', 'J.-P. Serre'],
    ['J.-P. Serre', 'Jean-Pierre Serre'],
    ['Yann LeCun', 'Yann Le Cun'],
    ['Laurens van der Maaten', 'L. van der Maaten'],
    ['Geoffrey E. Hinton', 'Geoffrey Hinton'],
  ])('%s follows papers by %s', (followed, author) => {
    expect(matches(followed, author)).toBe(true);
  });

  it.each([
    ['Yann LeCun', 'Yann Lecunn'],
    ['Yann LeCun', 'Z. LeCun'],
    ['Yann LeCun', 'Yannick LeCun'],
    ['Geoffrey Hinton', 'Geoffrey E. Hintons'],
    ['Serre', 'Jean-Pierre Serres'],
  ])('%s does not follow %s', (followed, author) => {
    expect(matches(followed, author)).toBe(false);
  });
});

describe('author follows compiled', () => {
  const compiled = (followed: string) =>
    compileFollows([
      { id: 'f1', guildId: 'g1', author: followed, query: null, categories: [], createdAt: '2026-11-24T00:00:00Z' },
    ])[0]!;
  // A collaboration's paper: the author somewhere among a thousand others.
  const crowd = Array.from({ length: 1000 }, (_, i) => `Member${i} Collaborator${i}`);

  it.each([
    ['Yann LeCun', 'Y. LeCun', true],
    ['LeCun, Yann', 'Yann Le Cun', true],
    ['Laurens van der Maaten', 'L. van der Maaten', true],
    ['Serre', 'Jean-Pierre Serre', true],
    ['Yann LeCun', 'Z. LeCun', false],
    ['Serre', 'Jean-Pierre Serres', false],
  ])('%s on a paper by %s, alone or among a thousand: %s', (followed, author, expected) => {
    const follow = compiled(followed);
    const alone = makePaper({ id: '2611.00001', authors: [author] });
    const among = makePaper({ id: '2611.00002', authors: [...crowd.slice(0, 700), author, ...crowd.slice(700)] });
    expect(follow.match(alone) !== null).toBe(expected);
    expect(follow.match(among) !== null).toBe(expected);
    expect(matches(followed, author)).toBe(expected);
  });
});

describe('what a follow may be', () => {
  it('normalises an author, a query and categories', () => {
    expect(
      checkFollowInput({
        author: '  Yann LeCun ',
        query: '"contrastive learning"',
        categories: 'CS.lg, stat.ML cs.lg',
      }),
    ).toEqual({
      author: 'Yann LeCun',
      query: '"contrastive learning"',
      categories: ['cs.LG', 'stat.ML'],
    });
  });

  it.each([
    [{}, 'Say what to follow'],
    [{ author: '  ' }, 'Say what to follow'],
    [{ author: '...' }, 'has no name in it'],
    [{ author: 'x'.repeat(101) }, 'too long'],
    [{ query: '"unclosed' }, 'does not parse'],
    [{ query: 'a'.repeat(501) }, 'too long'],
    [{ categories: 'cs.LG nonsense.XY' }, 'Not arXiv categories: `nonsense.XY`'],
    [{ categories: 'cs.LG cs.AI cs.CL cs.CV cs.NE cs.IR cs.RO cs.SE cs.DS cs.CC cs.CR' }, 'at most 10'],
  ])('refuses %j with a clear message', (input, message) => {
    expect(() => checkFollowInput(input)).toThrow(UserError);
    expect(() => checkFollowInput(input)).toThrow(message);
  });

  it('words a query that does not parse in the reader’s language, with the column and the picture', () => {
    let error: unknown;
    try {
      checkFollowInput({ query: 'ssl "unclosed' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UserError);
    const refusal = error as UserError;
    expect(refusal.message).toMatch(
      /^The query does not parse: unclosed quote: .* \(column 5\)\nssl "unclosed\n {4}\^$/,
    );
    expect(refusal.messageIn('zh-CN')).toMatch(/^查询无法解析：引号没有闭合：.*（第 5 列）\nssl "unclosed\n {4}\^$/);
  });

  it('tells the same follow apart from a different one, and numbers follows', () => {
    const a = checkFollowInput({ author: 'Yann LeCun', categories: 'cs.LG stat.ML' });
    expect(sameFollow(a, checkFollowInput({ author: 'yann  lecun', categories: 'stat.ML cs.LG' }))).toBe(true);
    expect(sameFollow(a, checkFollowInput({ author: 'Yann LeCun' }))).toBe(false);
    const follows = [{ id: 'f1' }, { id: 'f3' }] as Follow[];
    expect(nextFollowId(follows)).toBe('f2');
    expect(describeFollow(a)).toBe('author Yann LeCun · in cs.LG, stat.ML');
  });
});

describe('the DM plan', () => {
  const follow = (id: string, input: Parameters<typeof checkFollowInput>[0], guildId = 'g1'): Follow => ({
    id,
    guildId,
    createdAt: '2026-11-24T00:00:00.000Z',
    ...checkFollowInput(input),
  });

  it('takes an author in any category, a query within its categories, each paper once with every follow it matched', () => {
    const member = emptyMemberState('u1');
    member.follows = [
      follow('f1', { author: 'Y. LeCun' }),
      follow('f2', { query: 'contrastive', categories: 'cs.LG' }),
      follow('f3', { author: 'Ada Lovelace' }, 'g2'),
    ];
    const papers = [
      makePaper({ id: '2611.00001', authors: ['Yann LeCun'], categories: ['q-bio.NC'], title: 'Brains' }),
      makePaper({ id: '2611.00002', authors: ['Yann LeCun'], categories: ['cs.LG'], title: 'Contrastive learning' }),
      makePaper({ id: '2611.00003', authors: ['Someone Else'], categories: ['cs.LG'], title: 'Contrastive views' }),
      makePaper({ id: '2611.00004', authors: ['Someone Else'], categories: ['cs.CV'], title: 'Contrastive vision' }),
      makePaper({ id: '2611.00005', authors: ['Ada Lovelace'], categories: ['cs.LG'], title: 'Engines' }),
      makePaper({ id: '2611.00006', authors: ['Yann LeCun'], categories: ['cs.LG'], withdrawn: true }),
      makePaper({ id: '2611.00007', authors: ['Yann LeCun'], categories: ['cs.LG'], title: 'Already sent' }),
    ];
    const plan = planMemberDigest(member, 'g1', 'dm1', papers, new Set(['2611.00007']), '2026-11-24T14:00:00.000Z');
    expect(plan.subscription).toMatchObject({ guildId: memberGuild('u1'), channelId: 'dm1', topicSlug: 'g1' });
    const byId = new Map(plan.papers.map((p) => [p.paper.id, p.topicNames]));
    expect([...byId.keys()].sort()).toEqual(['2611.00001', '2611.00002', '2611.00003']);
    expect(byId.get('2611.00002')).toEqual(['author Y. LeCun', 'contrastive · in cs.LG']);
    expect(plan.overflow).toEqual([]);
  });

  it(`caps a DM at ${DM_MAX_PAPERS} papers and counts the rest`, () => {
    const member = emptyMemberState('u1');
    member.follows = [follow('f1', { categories: 'cs.LG' })];
    const papers = Array.from({ length: 40 }, (_, i) => makePaper({ id: `2611.${String(i).padStart(5, '0')}` }));
    const plan = planMemberDigest(member, 'g1', 'dm1', papers, new Set(), '2026-11-24T14:00:00.000Z');
    expect(plan.papers).toHaveLength(DM_MAX_PAPERS);
    expect(plan.overflow).toHaveLength(15);
  });

  it('matches nothing for a follow whose stored query no longer parses', () => {
    const broken: Follow = { ...follow('f1', { categories: 'cs.LG' }), query: '"unclosed' };
    expect(compileFollows([broken])[0]!.match(makePaper({ id: '2611.00001' }))).toBeNull();
  });
});

describe('the member’s language', () => {
  /** A memory store whose member writes are counted. */
  function counted() {
    const { state } = createMemoryStore();
    let writes = 0;
    const update = state.updateMember.bind(state);
    state.updateMember = (userId, fn) => {
      writes++;
      return update(userId, fn);
    };
    return { state, writes: () => writes };
  }
  const ctx = (state: StateStore, locale: Locale | null) => ({
    state,
    guildId: '100',
    userId: '200',
    now: new Date('2026-11-23T12:00:00Z'),
    locale,
  });

  it('is kept inside the writes the commands make anyway', async () => {
    const { state, writes } = counted();
    await addFollow(ctx(state, 'zh-CN'), { author: 'Ada Lovelace' });
    expect([(await state.getMember('200')).locale, writes()]).toEqual(['zh-CN', 1]);
    await setDms(ctx(state, 'en-US'), false);
    expect([(await state.getMember('200')).locale, writes()]).toEqual(['en-US', 2]);
    // An unsupported Discord language keeps the one kept before.
    await setDms(ctx(state, null), true);
    expect((await state.getMember('200')).locale).toBe('en-US');
  });

  it('costs a read-only command a write only when it changed, and never for a member with nothing kept', async () => {
    const { state, writes } = counted();
    await rememberLocale(state, await state.getMember('200'), 'zh-CN');
    expect([await state.listMemberIds(), writes()]).toEqual([[], 0]);
    await addFollow(ctx(state, 'en-US'), { author: 'Ada Lovelace' });
    const before = writes();
    await rememberLocale(state, await state.getMember('200'), 'en-US');
    await rememberLocale(state, await state.getMember('200'), null);
    expect(writes()).toBe(before);
    await rememberLocale(state, await state.getMember('200'), 'zh-CN');
    expect([(await state.getMember('200')).locale, writes()]).toEqual(['zh-CN', before + 1]);
  });

  it('describes a follow in that language (English by default)', () => {
    const follow = { author: 'Yann LeCun', query: null, categories: ['cs.LG', 'stat.ML'] };
    expect(describeFollow(follow, translator('zh-CN'))).toBe('作者 Yann LeCun · 分类 cs.LG、stat.ML');
    expect(describeFollow(follow)).toBe('author Yann LeCun · in cs.LG, stat.ML');
  });
});
