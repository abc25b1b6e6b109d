import { describe, expect, it } from 'vitest';
import {
  addTopic,
  catalogChoices,
  editTopic,
  findTopic,
  newSlugChoices,
  parseColor,
  previewTopic,
  removeTopic,
  topicChoices,
  type TopicOptions,
} from '../../src/guilds/topics.js';
import { UserError } from '../../src/errors.js';
import { subscription, topic } from '../helpers/bot.js';
import { makePaper } from '../topics/papers.js';
import { actor, GUILD, guildWorld, TEXT, FORUM } from './world.js';

const none: TopicOptions = {
  slug: null,
  name: null,
  categories: null,
  query: null,
  cross_lists: null,
  updates: null,
  color: null,
  images: null,
};

async function seeded(topics = [topic(GUILD)], subscriptions = [subscription(GUILD, { channelId: TEXT })]) {
  const world = guildWorld();
  await world.store.state.updateGuild(GUILD, (state) => {
    state.topics = topics;
    state.subscriptions = subscriptions;
  });
  return world;
}

describe('addTopic', () => {
  it('adds a custom topic with defaults filled in, and audits it', async () => {
    const world = guildWorld();
    const added = await addTopic(
      world,
      actor,
      { ...none, slug: ' SSL ', name: 'Self-supervised', categories: 'cs.lg, cs.CV cs.LG', query: 'contrastive' },
      null,
    );
    expect(added).toMatchObject({
      slug: 'ssl',
      categories: ['cs.LG', 'cs.CV'],
      crossLists: true,
      updates: false,
      images: true,
      changed: { by: actor.userId, at: actor.at },
    });
    const state = await world.store.state.getGuild(GUILD);
    expect(state.topics).toEqual([added]);
    expect(state.audit.map((a) => [a.action, a.detail])).toEqual([['topic.add', 'ssl: Self-supervised']]);
  });

  it('adds a catalog topic under another slug', async () => {
    const world = guildWorld();
    const added = await addTopic(world, actor, { ...none, slug: 'cl' }, 'Contrastive');
    expect(added.slug).toBe('cl');
    expect((await world.store.state.getGuild(GUILD)).audit[0]?.detail).toMatch(/^cl \(catalog contrastive\): /);
  });

  it.each([
    { case: 'missing options', options: { slug: 'x1' }, says: 'Missing: name, categories, query.' },
    {
      case: 'a bad slug',
      options: { slug: '-x', name: 'n', categories: 'cs', query: 'a' },
      says: 'is not a valid slug',
    },
    {
      case: 'a bad category',
      options: { slug: 'xx', name: 'n', categories: 'notacat', query: 'a' },
      says: 'is not an arXiv category',
    },
    {
      case: 'a bad query',
      options: { slug: 'xx', name: 'n', categories: 'cs', query: '(a' },
      says: 'The query does not parse',
    },
    {
      case: 'a bad colour',
      options: { slug: 'xx', name: 'n', categories: 'cs', query: 'a', color: 'red' },
      says: 'is not a colour',
    },
    {
      case: 'a duplicate slug',
      options: { slug: 'contrastive', name: 'n', categories: 'cs', query: 'a' },
      says: 'already has a topic `contrastive`',
    },
  ])('refuses $case and writes nothing', async ({ options, says }) => {
    const world = await seeded();
    const before = await world.store.state.getGuild(GUILD);
    const attempt = addTopic(world, actor, { ...none, ...options }, null);
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(says);
    expect(await world.store.state.getGuild(GUILD)).toEqual(before);
  });

  const custom = {
    slug: 'ssl',
    name: 'Self-supervised learning',
    categories: 'cs.lg, CS.CV',
    query: '"self-supervised" OR contrastive',
  };

  it.each([
    { case: 'missing options', options: { slug: 'ssl', categories: 'cs.LG' }, says: ['Missing: name, query.'] },
    { case: 'a bad slug', options: { ...custom, slug: 'Bad slug!' }, says: ['`Bad slug!` is not a valid slug'] },
    { case: 'a one-letter slug', options: { ...custom, slug: 'a' }, says: ['is not a valid slug'] },
    { case: 'a slug starting with -', options: { ...custom, slug: '-ab' }, says: ['is not a valid slug'] },
    {
      case: 'an unknown category',
      options: { ...custom, categories: 'cs.LG, foo.BAR' },
      says: ['`foo.BAR` is not an arXiv category (examples: cs.LG, math, astro-ph.EP)'],
    },
    {
      case: 'a subject class on an undivided archive',
      options: { ...custom, categories: 'hep-th.XX' },
      says: ['`hep-th.XX` is not an arXiv category'],
    },
    {
      case: 'a query that does not parse',
      options: { ...custom, query: '(contrastive learning' },
      says: ['The query does not parse: unbalanced parenthesis', '(column 1)', '```\n(contrastive learning\n^\n```'],
    },
    {
      case: 'a bad colour',
      options: { ...custom, color: 'red' },
      says: ['`red` is not a colour: use #RGB or #RRGGBB'],
    },
    { case: 'a five-digit colour', options: { ...custom, color: '#12345' }, says: ['is not a colour'] },
    {
      case: 'a 101-character name',
      options: { ...custom, name: 'n'.repeat(101) },
      says: ['The name is 101 characters long; at most 100.'],
    },
    { case: 'an unknown catalog slug', options: { catalog: 'nope' }, says: ['`nope` is not in the catalog'] },
  ])('refuses $case, saying each problem, and writes nothing', async ({ options, says }) => {
    const { catalog, ...fields } = options as Partial<TopicOptions> & { catalog?: string };
    const world = guildWorld();
    const error = await addTopic(world, actor, { ...none, ...fields }, catalog ?? null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    for (const text of says) expect((error as UserError).message).toContain(text);
    const state = await world.store.state.getGuild(GUILD);
    expect([state.topics, state.audit]).toEqual([[], []]);
  });

  it('refuses an unknown catalog slug', async () => {
    await expect(addTopic(guildWorld(), actor, none, 'nope')).rejects.toThrow('`nope` is not in the catalog.');
  });
});

describe('editTopic and removeTopic', () => {
  it('edits only what changes', async () => {
    const world = await seeded();
    const { topic: edited, changed } = await editTopic(world, actor, { ...none, slug: 'contrastive', updates: true });
    expect(changed).toEqual(['updates']);
    expect(edited.updates).toBe(true);
    await expect(editTopic(world, actor, { ...none, slug: 'contrastive', updates: true })).rejects.toThrow(
      'already has those settings; nothing changed.',
    );
    await expect(editTopic(world, actor, { ...none, slug: 'contrastive' })).rejects.toThrow('Nothing to change');
  });

  it('removes a topic with its subscriptions and re-syncs the schedule', async () => {
    const world = await seeded();
    expect(await removeTopic(world, actor, 'Contrastive')).toMatchObject({ ended: 1, channels: [TEXT] });
    const state = await world.store.state.getGuild(GUILD);
    expect([state.topics, state.subscriptions]).toEqual([[], []]);
    expect(world.synced).toEqual([GUILD]);
  });

  it.each([
    {
      case: 'with topics',
      topics: [topic(GUILD), topic(GUILD, { slug: 'graphs' })],
      says: 'This server has no topic `nope`. Its topics: `contrastive`, `graphs`.',
    },
    { case: 'without topics', topics: [], says: 'This server has no topic `nope`. It has none yet: see `/topic add`.' },
  ])('names an unknown topic the same everywhere ($case)', async ({ topics, says }) => {
    const world = await seeded(topics, []);
    const state = await world.store.state.getGuild(GUILD);
    expect(() => findTopic(state, 'nope')).toThrow(says);
    await expect(removeTopic(world, actor, 'nope')).rejects.toThrow(says);
    await expect(editTopic(world, actor, { ...none, slug: 'nope', updates: true })).rejects.toThrow(says);
  });
});

describe('choices', () => {
  const topics = [
    topic(GUILD, { slug: 'graphs', name: 'Graph learning' }),
    topic(GUILD, { slug: 'contrastive', name: 'Self-supervised / contrastive' }),
    topic(GUILD, { slug: 'rl', name: 'Reinforcement learning' }),
  ];
  const state = {
    topics,
    subscriptions: [subscription(GUILD, { channelId: FORUM, topicSlug: 'rl' })],
  };

  it.each([
    { typed: '', want: ['contrastive', 'graphs', 'rl'] },
    { typed: 'gr', want: ['graphs'] },
    { typed: 'contr', want: ['contrastive'] },
    { typed: 'learning', want: ['graphs', 'rl'] },
    { typed: 'zzz', want: [] },
  ])('topicChoices($typed)', ({ typed, want }) => {
    expect(topicChoices(state, typed).map((c) => c.value)).toEqual(want);
  });

  it('labels a topic `slug · name` and can keep to one channel', () => {
    expect(topicChoices(state, '', { channelId: FORUM })).toEqual([
      { name: 'rl · Reinforcement learning', value: 'rl' },
    ]);
  });

  it('suggests a new slug only when it is free and valid', () => {
    expect(newSlugChoices(state, 'Graph ML')).toEqual([{ name: 'graph-ml', value: 'graph-ml' }]);
    expect(newSlugChoices(state, 'graphs')).toEqual([]);
    expect(newSlugChoices(state, '!')).toEqual([]);
  });

  it('finds catalog topics', () => {
    expect(catalogChoices('contrastive')[0]?.value).toBe('contrastive');
    expect(catalogChoices('').length).toBeLessThanOrEqual(25);
  });

  it('shows catalog topics in the member’s language, found by English or by their own words', () => {
    const [first] = catalogChoices('对比学习', 'zh-CN');
    expect(first?.value).toBe('contrastive');
    expect(first?.name).toContain('无监督/半监督/对比学习');
    expect(catalogChoices('contrastive', 'zh-CN')[0]?.name).toContain('从无标注');
    expect(catalogChoices('contrastive')[0]?.name).toContain('Learning from');
  });
});

describe('parseColor', () => {
  it.each([
    ['#36c', 0x3366cc],
    ['#3366CC', 0x3366cc],
    ['abcdef', 0xabcdef],
    [' #000 ', 0],
    ['#ffffff', 0xffffff],
    ['red', null],
    ['#12345', null],
    ['#1234567', null],
    ['#ggg', null],
    ['', null],
  ])('parseColor(%j) = %j', (text, color) => {
    expect(parseColor(text)).toBe(color);
  });
});

describe('previewTopic', () => {
  it('ranks the last nine days of the archive, skipping withdrawn papers', async () => {
    const world = guildWorld();
    expect(await previewTopic(world.store.archive, topic(GUILD))).toBeNull();
    const papers = [
      makePaper({ id: '2611.00001', title: 'Contrastive learning at scale', announced: '2026-11-23' }),
      makePaper({
        id: '2611.00002',
        title: 'Contrastive learning, withdrawn',
        announced: '2026-11-23',
        withdrawn: true,
      }),
      makePaper({ id: '2611.00003', title: 'Contrastive learning of old', announced: '2026-11-10' }),
      makePaper({ id: '2611.00004', title: 'Graph networks', announced: '2026-11-20' }),
    ];
    await world.store.archive.upsert(papers.map((paper) => ({ paper, raw: { title: paper.title, abstract: '' } })));
    const preview = await previewTopic(world.store.archive, topic(GUILD));
    expect(preview).toMatchObject({ from: '2026-11-15', to: '2026-11-23', total: 1 });
    expect(preview?.papers.map((p) => p.id)).toEqual(['2611.00001']);
  });
});
