import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalog } from '../../config/catalog.js';
import { LIMITS, embedsLength } from '../../src/discord/render/index.js';
import type { Topic } from '../../src/store/types.js';
import type { BotWorld } from '../helpers/bot.js';
import { makePapers, subscription as subscriptionFixture, topic as topicFixture } from '../helpers/bot.js';
import { makePaper } from '../topics/papers.js';
import {
  FIXTURE,
  MOD,
  buttonIds,
  click,
  embedText,
  expectCleanDiscord,
  guildState,
  openWorld,
  resetGuild,
  run,
  suggest,
} from './moderation-harness.js';

const G = FIXTURE.guildId;
let world: BotWorld;

beforeAll(async () => {
  world = await openWorld();
});
afterAll(async () => {
  await world.stop();
});
beforeEach(async () => {
  await resetGuild(world);
});

/** Exactly 100 characters of Chinese and slashes. */
const NAME_100 = '无监督/半监督/对比学习'.repeat(9).slice(0, 100);
const custom = {
  slug: 'ssl',
  name: 'Self-supervised learning',
  categories: 'cs.lg, CS.CV',
  query: '"self-supervised" OR contrastive',
};

async function seed(topics: Topic[], subscriptions = [] as ReturnType<typeof subscriptionFixture>[]): Promise<void> {
  await world.bot.app.store.state.updateGuild(G, (state) => {
    state.topics = topics;
    state.subscriptions = subscriptions;
  });
}

describe('/topic add', () => {
  it.each([
    {
      case: 'a custom topic, categories normalised and defaults filled in',
      options: { ...custom, color: '#36c' },
      reply: ['Added topic **Self-supervised learning** (`ssl`)', 'cs.LG, cs.CV', '/subscription add topic:ssl'],
      stored: {
        slug: 'ssl',
        name: 'Self-supervised learning',
        categories: ['cs.LG', 'cs.CV'],
        query: '"self-supervised" OR contrastive',
        crossLists: true,
        updates: false,
        images: true,
        color: 0x3366cc,
      },
    },
    {
      case: 'a custom topic with every option',
      options: { ...custom, slug: 'SSL-2', cross_lists: false, updates: true, images: false, color: '#7B61FF' },
      reply: ['Added topic', '(`ssl-2`)'],
      stored: { slug: 'ssl-2', crossLists: false, updates: true, images: false, color: 0x7b61ff },
    },
    {
      case: 'a catalog topic',
      options: { catalog: 'contrastive' },
      reply: ['Added topic **无监督/半监督/对比学习', '(`contrastive`)'],
      stored: { slug: 'contrastive', categories: ['cs.LG', 'cs.CV', 'cs.CL', 'cs.AI'], query: catalog[0]?.query },
    },
    {
      case: 'a catalog topic renamed with slug: and recoloured',
      options: { catalog: 'llm', slug: 'language-models', color: '#000' },
      reply: ['(`language-models`)'],
      stored: { slug: 'language-models', color: 0, query: catalog.find((c) => c.slug === 'llm')?.query },
    },
    {
      case: 'a 100-character name in any script',
      options: { ...custom, name: NAME_100 },
      reply: ['Added topic'],
      stored: { name: NAME_100 },
    },
  ])('adds $case', async ({ options, reply, stored }) => {
    expect(NAME_100).toHaveLength(100);
    const answer = await run(world, 'topic', 'add', options);
    expect(answer.ephemeral).toBe(true);
    for (const text of reply) expect(answer.content).toContain(text);
    const state = await guildState(world);
    expect(state.topics).toHaveLength(1);
    expect(state.topics[0]).toMatchObject({
      guildId: G,
      ...stored,
      changed: { by: MOD.id, at: '2026-11-24T12:00:00.000Z' },
    });
    expect(state.audit).toEqual([expect.objectContaining({ guildId: G, userId: MOD.id, action: 'topic.add' })]);
    expect(world.discord.messages(FIXTURE.text).filter((m) => !m.ephemeral)).toEqual([]);
    expectCleanDiscord(world);
  });

  // Each refusal's wording is checked against the service (test/guilds/topics.test.ts); these two go through Discord.
  it.each([
    {
      case: 'nothing given',
      options: {},
      says: ['Missing: slug, name, categories, query. Or use `catalog:` to add a ready-made topic.'],
    },
    {
      case: 'several problems at once',
      options: { slug: 'x', categories: 'bogus', query: 'a OR' },
      says: ['Missing: name.', 'not a valid slug', '`bogus` is not an arXiv category', 'OR needs a term on both sides'],
    },
  ])('refuses $case and writes nothing', async ({ options, says }) => {
    const answer = await run(world, 'topic', 'add', options);
    expect(answer.ephemeral).toBe(true);
    for (const text of says) expect(answer.content).toContain(text);
    const state = await guildState(world);
    expect(state.topics).toEqual([]);
    expect(state.audit).toEqual([]);
    expectCleanDiscord(world);
  });

  it('refuses a duplicate slug, custom or from the catalog, keeping the first topic as it was', async () => {
    await run(world, 'topic', 'add', custom);
    const before = await guildState(world);
    const again = await run(world, 'topic', 'add', { ...custom, name: 'Other' });
    expect(again.content).toContain('This server already has a topic `ssl`');
    await run(world, 'topic', 'add', { catalog: 'rl' });
    const catalogAgain = await run(world, 'topic', 'add', { catalog: 'rl' });
    expect(catalogAgain.content).toContain('add the catalog topic under another name with `slug:`');
    const after = await guildState(world);
    expect(after.topics.map((t) => t.slug)).toEqual(['ssl', 'rl']);
    expect(after.topics[0]).toEqual(before.topics[0]);
    expect(after.audit.map((a) => a.action)).toEqual(['topic.add', 'topic.add']);
  });

  it('refuses a topic past the guild limit', async () => {
    const limit = world.bot.app.defaults.limits.topicsPerGuild;
    await seed(Array.from({ length: limit }, (_, i) => topicFixture(G, { slug: `t${i}` })));
    const answer = await run(world, 'topic', 'add', custom);
    expect(answer.content).toContain(`already has ${limit} topics`);
    expect((await guildState(world)).topics).toHaveLength(limit);
  });
});

describe('/topic edit', () => {
  beforeEach(async () => {
    await seed([topicFixture(G, { slug: 'ssl' })]);
  });

  it('changes only the given options and stamps who changed it', async () => {
    const answer = await run(world, 'topic', 'edit', { slug: 'SSL', query: 'byol OR simclr', color: '#abcdef' });
    expect(answer.content).toBe('Updated **Contrastive learning** (`ssl`): query, color.');
    const [edited] = (await guildState(world)).topics;
    expect(edited).toEqual({
      ...topicFixture(G, { slug: 'ssl' }),
      query: 'byol OR simclr',
      color: 0xabcdef,
      changed: { by: MOD.id, at: '2026-11-24T12:00:00.000Z' },
    });
  });

  it.each([
    { case: 'an unknown slug', options: { slug: 'nope', name: 'x' }, says: 'This server has no topic `nope`' },
    {
      case: 'no option to change',
      options: { slug: 'ssl' },
      says: 'Nothing to change: give at least one of name, categories',
    },
    {
      case: 'values it already has',
      options: { slug: 'ssl', categories: 'cs.lg' },
      says: 'already has those settings',
    },
    {
      case: 'a bad category',
      options: { slug: 'ssl', categories: 'physics.nope-nope x.y' },
      says: 'is not an arXiv category',
    },
    { case: 'a bad query', options: { slug: 'ssl', query: 'ti:' }, says: 'The query does not parse' },
  ])('refuses $case and writes nothing', async ({ options, says }) => {
    const before = await guildState(world);
    const answer = await run(world, 'topic', 'edit', options);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toContain(says);
    expect(await guildState(world)).toEqual(before);
  });
});

describe('/topic remove', () => {
  it('deletes the topic and its subscriptions in one change and says how many ended', async () => {
    await seed(
      [topicFixture(G, { slug: 'ssl' }), topicFixture(G, { slug: 'rl', name: 'RL' })],
      [
        subscriptionFixture(G, { topicSlug: 'ssl' }),
        subscriptionFixture(G, { topicSlug: 'ssl', channelId: FIXTURE.forum }),
        subscriptionFixture(G, { topicSlug: 'rl' }),
      ],
    );
    const answer = await run(world, 'topic', 'remove', { slug: 'ssl' });
    expect(answer.content).toContain('Removed topic **Contrastive learning** (`ssl`). 2 subscriptions ended');
    expect(answer.content).toContain(`<#${FIXTURE.forum}>`);
    const state = await guildState(world);
    expect(state.topics.map((t) => t.slug)).toEqual(['rl']);
    expect(state.subscriptions.map((s) => s.topicSlug)).toEqual(['rl']);
    expect(state.audit).toEqual([
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
      expect.objectContaining({ action: 'topic.remove', detail: expect.stringContaining('ended 2 subscriptions') }),
    ]);
  });

  it('says so when no subscription ended, and refuses an unknown slug', async () => {
    await seed([topicFixture(G, { slug: 'ssl' })]);
    expect((await run(world, 'topic', 'remove', { slug: 'ssl' })).content).toContain('No subscriptions ended.');
    expect((await run(world, 'topic', 'remove', { slug: 'ssl' })).content).toContain('This server has no topic `ssl`');
    expect((await guildState(world)).audit).toHaveLength(1);
  });
});

describe('/topic list', () => {
  it('answers everyone, and says how to start when there are no topics', async () => {
    const answer = await run(world, 'topic', 'list', {}, { user: { id: '420000000000000009' } });
    expect(answer.ephemeral).toBe(true);
    expect(embedText(answer)).toContain('No topics yet');
    expect(answer.components).toEqual([]);
  });

  it('pages 50 long topics within Discord limits, every topic on exactly one page', async () => {
    const topics = Array.from({ length: 50 }, (_, i) =>
      topicFixture(G, {
        slug: `topic-${String(i).padStart(2, '0')}`,
        name: `无监督/半监督/对比学习 ${i} `.padEnd(100, '学'),
        categories: ['cs.LG', 'cs.CV', 'cs.CL', 'cs.AI', 'stat.ML', 'math.OC', 'eess.IV', 'q-bio.NC'],
        query: `("contrastive learning" OR "self-supervised" OR byol OR simclr) ${'representation '.repeat(20)}`.slice(
          0,
          500,
        ),
      }),
    );
    await seed(topics, [subscriptionFixture(G, { topicSlug: 'topic-07' })]);
    let page = await run(world, 'topic', 'list');
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      expect(page.embeds).toHaveLength(1);
      expect(embedsLength(page.embeds)).toBeLessThanOrEqual(LIMITS.messageEmbedChars);
      for (const field of page.embeds[0]?.fields ?? []) {
        expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
        seen.push(field.name.split(' · ').pop() ?? '');
      }
      const next = buttonIds(page).find(
        (b) => b.id.startsWith('topic:list:') && !b.disabled && Number(b.id.split(':')[2]) > i,
      );
      if (!next) break;
      page = await click(world, page, next.id);
      expect(page.type).toBe(7);
    }
    expect(seen).toEqual(topics.map((t) => t.slug));
    expect(page.embeds[0]?.footer?.text).toMatch(/^Page \d+ of \d+ · 50 topics$/);
    expectCleanDiscord(world);
  });

  it('shows categories, query and subscription count', async () => {
    await seed(
      [topicFixture(G, { slug: 'ssl' })],
      [
        subscriptionFixture(G, { topicSlug: 'ssl' }),
        subscriptionFixture(G, { topicSlug: 'ssl', channelId: FIXTURE.forum }),
      ],
    );
    const text = embedText(await run(world, 'topic', 'list'));
    expect(text).toContain('Contrastive learning · ssl');
    expect(text).toContain('cs.LG · 2 subscriptions');
    expect(text).toContain('`"contrastive learning" OR "self-supervised"`');
  });
});

describe('/topic show', () => {
  const papers = [
    makePaper({
      id: '2611.00001',
      title: 'Contrastive learning at scale',
      abstract: 'We study contrastive learning.',
      announced: '2026-11-24',
    }),
    makePaper({
      id: '2611.00002',
      title: 'A self-supervised method',
      abstract: 'Self-supervised pre-training.',
      announced: '2026-11-23',
    }),
    makePaper({
      id: '2611.00003',
      title: 'Supervised segmentation',
      abstract: 'Labelled data only.',
      announced: '2026-11-24',
    }),
    makePaper({
      id: '2611.00004',
      title: 'Old contrastive learning',
      abstract: 'contrastive learning',
      announced: '2026-10-01',
    }),
    makePaper({
      id: '2611.00005',
      title: 'Contrastive learning in vision',
      abstract: 'contrastive learning',
      announced: '2026-11-24',
      categories: ['cs.CV'],
    }),
  ];

  beforeAll(async () => {
    await world.bot.app.store.archive.upsert(
      papers.map((paper) => ({ paper, raw: { title: paper.title, abstract: paper.abstract } })),
    );
  });

  it('shows every setting, who changed it last, and up to 5 recent matching papers', async () => {
    await seed(
      [topicFixture(G, { slug: 'ssl', name: 'SSL <@&1> **bold**', images: true })],
      [subscriptionFixture(G, { topicSlug: 'ssl' })],
    );
    const answer = await run(world, 'topic', 'show', { slug: 'ssl' }, { user: { id: '420000000000000009' } });
    expect(answer.type).toBe(5);
    expect(answer.ephemeral).toBe(true);
    const [embed] = answer.embeds;
    expect(embed?.title).toBe('SSL <\u200B@&1> \\*\\*bold\\*\\*');
    const text = embedText(answer);
    for (const part of [
      '`ssl`',
      'cs.LG',
      '#3366cc',
      '"contrastive learning" OR "self-supervised"',
      'Images\non',
      `<#${FIXTURE.text}>`,
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toContain(`<@410000000000000001>, <t:${Date.parse('2026-11-01T00:00:00.000Z') / 1000}:R>`);
    const preview = embed?.fields?.find((f) => f.name.startsWith('Recent papers'));
    expect(preview?.name).toBe('Recent papers (2026-11-16 to 2026-11-24)');
    expect(preview?.value).toContain('[Contrastive learning at scale](https://arxiv.org/abs/2611.00001)');
    expect(preview?.value).toContain('A self-supervised method');
    expect(preview?.value).not.toContain('Supervised segmentation');
    expect(preview?.value).not.toContain('Old contrastive');
    expect(preview?.value).not.toContain('in vision');
    expectCleanDiscord(world);
  });

  it.each([{ case: 'no paper matches', query: 'quantum gravity', says: 'No recent papers match.' }])(
    'says so when $case',
    async ({ query, says }) => {
      await seed([topicFixture(G, { slug: 'ssl', query })]);
      const answer = await run(world, 'topic', 'show', { slug: 'ssl' });
      expect(embedText(answer)).toContain(says);
    },
  );

  it('refuses an unknown slug after deferring', async () => {
    const answer = await run(world, 'topic', 'show', { slug: 'nope' });
    expect(answer.type).toBe(5);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toContain('This server has no topic `nope`');
  });
});

describe('/topic show after a real ingest', () => {
  let fresh: BotWorld;
  beforeAll(async () => {
    fresh = await openWorld({
      seed: (guildId) => ({ topics: [topicFixture(guildId)], subscriptions: [subscriptionFixture(guildId)] }),
    });
  });
  afterAll(async () => {
    await fresh.stop();
  });

  it('previews the listing the bot ingested, best matches first, and says how many more', async () => {
    fresh.serveListing('cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', makePapers(16, { matchEvery: 2 }));
    await fresh.bot.app.ingest.refresh();
    const answer = await run(fresh, 'topic', 'show', { slug: 'contrastive' });
    const preview = answer.embeds[0]?.fields?.find((f) => f.name.startsWith('Recent papers'));
    expect(preview?.name).toBe('Recent papers (2026-11-16 to 2026-11-24)');
    const lines = preview?.value.split('\n') ?? [];
    expect(lines).toHaveLength(6);
    expect(
      lines
        .slice(0, 5)
        .every((l) =>
          /^• \[Contrastive learning of representations, part \d+\]\(https:\/\/arxiv\.org\/abs\/2611\.0\d+\) · 2026-11-24$/.test(
            l,
          ),
        ),
    ).toBe(true);
    expect(lines[5]).toBe('…and 3 more.');
    expect(answer.ms).toBeLessThan(3000);
    expect(fresh.discord.violations).toEqual([]);
  });
});

describe('/topic autocomplete', () => {
  it('suggests this server’s slugs for slug:, filtered by what was typed', async () => {
    await seed(
      Array.from({ length: 30 }, (_, i) =>
        topicFixture(G, { slug: `t${String(i).padStart(2, '0')}`, name: `Topic ${i}` }),
      ).concat(topicFixture(G, { slug: 'graphs', name: 'Graph learning' })),
    );
    const all = await suggest(world, 'topic', 'edit', 'slug', '');
    expect(all).toHaveLength(25);
    expect(await suggest(world, 'topic', 'remove', 'slug', 'graph')).toEqual([
      { name: 'graphs · Graph learning', value: 'graphs' },
    ]);
    expect(await suggest(world, 'topic', 'show', 'slug', 'learn')).toEqual([
      { name: 'graphs · Graph learning', value: 'graphs' },
    ]);
  });

  it('suggests catalog topics with their name and description', async () => {
    const choices = await suggest(world, 'topic', 'add', 'catalog', '');
    expect(choices.length).toBe(Math.min(25, catalog.length));
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);
    const contrastive = await suggest(world, 'topic', 'add', 'catalog', 'contr');
    expect(contrastive[0]).toMatchObject({ value: 'contrastive' });
    expect(contrastive[0]?.name).toMatch(/^contrastive · 无监督/);
    expect(await suggest(world, 'topic', 'add', 'catalog', 'zzzz')).toEqual([]);
  });

  it('offers the typed text as a new slug in add', async () => {
    expect(await suggest(world, 'topic', 'add', 'slug', 'My Topic')).toEqual([{ name: 'my-topic', value: 'my-topic' }]);
  });
});
