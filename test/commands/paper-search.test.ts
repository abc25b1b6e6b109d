import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/search/rate-limit.js';
import { SEARCH_KEY_RE, SavedSearches } from '../../src/search/saved.js';
import { createMemoryStore } from '../../src/store/index.js';
import { FIXTURE, startBotWorld, subscription, topic, type BotWorld } from '../helpers/bot.js';
import {
  GUILD_B,
  LIBRARY,
  MEMBER,
  MONDAY,
  OTHER_MEMBER,
  TUESDAY,
  answer,
  assertClean,
  command,
  configure,
  customIds,
  paper,
  postDay,
  registerCommands,
  selectValues,
  standardTopics,
  twoGuilds,
  useCommandWorld,
} from './paper-digest-world.js';

const start = useCommandWorld();

const EXPIRED = 'This search has expired. Run `/paper search` again.';
const TUESDAY_PAPER = paper(5, {
  title: 'Diffusion on graphs revisited',
  abstract: 'Graph diffusion operators, revisited with a new analysis.',
  authors: ['Grace Hopper'],
});
const id = (n: number) => `2611.0${2000 + n}`;

/**
 * Guild A (the fixture) posts contrastive papers in #papers and graph papers in #news; guild B
 * posts diffusion papers. Monday's listing is the LIBRARY (papers 1–4), Tuesday's paper 5.
 * Posted in A: 2, 3, 4, 5. Posted in B: 1, 2, 5.
 */
const LIBRARY_WORLD = { ...twoGuilds, now: MONDAY.noon, seed: standardTopics };

async function library(search: { perUserPerMinute?: number; pageSize?: number } = {}): Promise<BotWorld> {
  return fillLibrary(await start(LIBRARY_WORLD), search);
}

async function fillLibrary(
  world: BotWorld,
  search: { perUserPerMinute?: number; pageSize?: number } = {},
): Promise<BotWorld> {
  const { app } = world.bot;
  app.defaults = { ...app.defaults, search: { ...app.defaults.search, ...search } };
  await configure(
    world,
    GUILD_B.id,
    [topic(GUILD_B.id, { slug: 'diffusion', name: 'Diffusion', query: 'diffusion' })],
    [subscription(GUILD_B.id, { topicSlug: 'diffusion', channelId: GUILD_B.text })],
  );
  await postDay(world, MONDAY, LIBRARY, [FIXTURE.guildId, GUILD_B.id]);
  await postDay(world, TUESDAY, [TUESDAY_PAPER], [FIXTURE.guildId, GUILD_B.id]);
  return world;
}

/** `/paper search` as a member of guild A; resolves with the (ephemeral) answer. */
async function search(
  world: BotWorld,
  options: Record<string, string | boolean>,
  extra: Parameters<typeof command>[4] = {},
) {
  const handle = await command(world, 'paper', 'search', options, extra);
  return { handle, message: await answer(world, handle) };
}

describe('/paper search over a shared library', () => {
  let shared: BotWorld;
  beforeAll(async () => {
    shared = await fillLibrary(await startBotWorld(LIBRARY_WORLD), { perUserPerMinute: 1000 });
    await registerCommands(shared, LIBRARY_WORLD);
  });
  afterAll(() => shared.stop());

  it('ranks matches and shows them compactly: title link, authors, venue, date, code mark', async () => {
    const world = shared;
    const { handle, message } = await search(world, { query: 'diffusion', scope: 'all' });
    expect((await handle.response()).type).toBe(5);
    expect(message.ephemeral).toBe(true);
    // Papers with the word in their title outrank the one that has it once in its abstract.
    const ranked = selectValues(message);
    expect(ranked.slice(0, 2).sort()).toEqual([id(1), id(5)]);
    expect(ranked[2]).toBe(id(2));
    const embed = message.embeds[0] as { title: string; description: string; footer: { text: string } };
    expect(embed.title).toBe('Search: diffusion');
    expect(embed.description).toMatch(/\*\*[12]\.\*\* \[Diffusion on graphs revisited\]/);
    expect(embed.description).toContain(
      '[Diffusion models for image segmentation](https://arxiv.org/abs/2611.02001) · [code](https://github.com/ada/diffseg)',
    );
    expect(embed.description).toContain('Ada Lovelace, Alan Turing · CVPR 2026 · 2026-11-23');
    expect(embed.description).toContain(
      '**3.** [Graph neural networks at scale](https://arxiv.org/abs/2611.02002)\nGrace Hopper · 2026-11-23',
    );
    expect(embed.footer.text).toBe('Results 1–3 of 3 · page 1/1 · whole archive');
    // One page: the select, no page buttons.
    expect(customIds(message)).toEqual([expect.stringMatching(/^paper:o:[\w-]{8}$/)]);
    expect(world.discord.messages(FIXTURE.text).filter((m) => m.interactionId !== null)).toEqual([]);
    assertClean(world);
  });

  it.each([
    { name: 'author', options: { author: 'Lovelace' }, expected: [1, 3] },
    { name: 'author, full name', options: { author: 'ada lovelace' }, expected: [1, 3] },
    { name: 'author, prefix', options: { author: 'Hop*' }, expected: [2, 5] },
    { name: 'has_code', options: { has_code: true }, expected: [1, 3] },
    { name: 'has_code false (no filter)', options: { has_code: false }, expected: [1, 2, 3, 4, 5] },
    { name: 'since', options: { since: TUESDAY.date }, expected: [5] },
    { name: 'since a day before', options: { since: MONDAY.date }, expected: [1, 2, 3, 4, 5] },
    { name: 'topic', options: { topic: 'graphs' }, expected: [2, 4, 5] },
    { name: 'topic and author', options: { topic: 'contrastive', author: 'Lovelace' }, expected: [3] },
    { name: 'scope digests (default)', options: { scope: 'digests' }, expected: [2, 3, 4, 5] },
  ])('filters by $name', async ({ options, expected }) => {
    const world = shared;
    const { message } = await search(world, { query: 'diffusion OR contrastive OR graph', scope: 'all', ...options });
    expect(selectValues(message).sort()).toEqual(expected.map(id));
    assertClean(world);
  });

  it('searches only papers posted in this server by default, never another server’s', async () => {
    const world = shared;
    // Paper 1 was posted only in guild B.
    const inA = await search(world, { query: 'segmentation' });
    expect(inA.message.embeds).toEqual([]);
    expect(inA.message.content).toContain('No papers match `segmentation` among the papers posted in this server.');
    expect(inA.message.content).toContain('`scope:all`');
    expect(inA.message.ephemeral).toBe(true);

    const all = await search(world, { query: 'segmentation', scope: 'all' });
    expect(selectValues(all.message)).toEqual([id(1)]);

    const inB = await search(world, { query: 'diffusion' }, { channelId: GUILD_B.text });
    expect(selectValues(inB.message).sort()).toEqual([id(1), id(2), id(5)]);
    const aDefault = await search(world, { query: 'diffusion' });
    expect(selectValues(aDefault.message).sort()).toEqual([id(2), id(5)]);
    assertClean(world);
  });

  it.each([
    {
      name: 'has_code, since and author',
      options: { has_code: true, since: TUESDAY.date, author: 'Turing' },
      tips: ['drop `has_code`', 'an earlier `since`', 'drop `author`'],
    },
    {
      name: 'topic in the whole archive',
      options: { query: 'segmentation', topic: 'graphs', scope: 'all' },
      tips: ['drop `topic`'],
    },
  ])('says what to relax when nothing matches: $name', async ({ options, tips }) => {
    const world = shared;
    const { message } = await search(world, { query: 'diffusion', ...options });
    expect(message.content).toMatch(/^No papers match/);
    for (const tip of tips) expect(message.content).toContain(tip);
    expect(message.components).toEqual([]);
    assertClean(world);
  });

  it.each([
    { name: 'a lone quote', query: '"', reply: /^Nothing to search for/ },
    { name: 'a lone star', query: '*', reply: /^Nothing to search for/ },
    { name: 'only exclusions', query: '-diffusion', reply: /^Add at least one word/ },
    { name: 'FTS5 syntax', query: 'NEAR(', reply: /^No papers match `NEAR\(`/ },
    { name: 'FTS5 column filter', query: 'title:diffusion', reply: /^$/ },
    { name: 'SQL', query: "')); DROP TABLE papers; --", reply: /^No papers match/ },
    { name: 'backticks and mentions', query: '`@everyone` <@&1>', reply: /^No papers match `ˋ@everyoneˋ <@&1>`/ },
    { name: '300 characters', query: `${'graph '.repeat(49)}graph!`, reply: /^$/ },
  ])('answers hostile text safely: $name', async ({ query, reply }) => {
    const world = shared;
    const { message } = await search(world, { query, scope: 'all' });
    expect(message.content).toMatch(reply);
    expect(message.content).not.toContain('Something went wrong');
    expect(await world.bot.app.store.archive.count()).toBe(5);
    assertClean(world);
  });

  it('refuses a topic this server does not have', async () => {
    const world = shared;
    const { message } = await search(world, { query: 'graph', topic: 'nope' });
    expect(message.content).toBe('This server has no topic `nope`. Its topics: `contrastive`, `graphs`.');
    assertClean(world);
  });

  it('autocompletes topic slugs of this server only', async () => {
    const world = shared;
    const handle = await world.discord.autocomplete({
      channelId: FIXTURE.text,
      name: 'paper',
      subcommand: 'search',
      options: { query: 'x', topic: 'gr' },
      focused: 'topic',
    });
    expect((await handle.response()).data).toEqual({ choices: [{ name: 'graphs · Graph learning', value: 'graphs' }] });
    const all = await world.discord.autocomplete({
      channelId: GUILD_B.text,
      name: 'paper',
      subcommand: 'search',
      options: { query: 'x' },
      focused: 'topic',
    });
    expect((await all.response()).data).toEqual({ choices: [{ name: 'diffusion · Diffusion', value: 'diffusion' }] });
    assertClean(world);
  });

  it.each([
    { name: 'a forged key', customId: 'paper:p:999:zzzz', kind: 'button' },
    { name: 'a well-formed unknown key', customId: 'paper:p:1:AAAAAAAA', kind: 'button' },
    { name: 'a page that is not a number', customId: 'paper:p:x1:AAAAAAAA', kind: 'button' },
    { name: 'extra parts', customId: 'paper:p:1:AAAAAAAA:1', kind: 'button' },
    { name: 'an unknown action', customId: 'paper:z:AAAAAAAA', kind: 'button' },
    { name: 'a forged select', customId: 'paper:o:zzzz', kind: 'select' },
  ])('answers $name with an ephemeral "expired"', async ({ customId, kind }) => {
    const world = shared;
    const seeded = world.discord.seedMessage(FIXTURE.text, {
      content: 'results',
      components: [
        {
          type: 1,
          components:
            kind === 'select'
              ? [{ type: 3, custom_id: customId, options: [{ label: 'x', value: '2611.02001' }] }]
              : [{ type: 2, style: 2, label: 'Next', custom_id: customId }],
        },
      ],
    });
    const init = { channelId: FIXTURE.text, messageId: seeded.id, customId, user: MEMBER };
    const handle =
      kind === 'select'
        ? await world.discord.select({ ...init, values: ['2611.02001'] })
        : await world.discord.button(init);
    const reply = await answer(world, handle);
    expect(reply.content).toBe(EXPIRED);
    expect(reply.ephemeral).toBe(true);
    expect(world.discord.message(seeded.id)?.content).toBe('results');
    assertClean(world);
  });

  it.each([
    { name: 'a month 13', since: '2026-13-01' },
    { name: 'the 30th of February', since: '2026-02-30' },
    { name: 'a word', since: 'yesterday!' },
    { name: 'another format', since: '24/11/2026' },
  ])('refuses since as $name', async ({ since }) => {
    const world = shared;
    const { handle, message } = await search(world, { query: 'graph', since });
    expect((await handle.response()).type).toBe(4);
    expect(message.content).toMatch(/^`since` must be a date written YYYY-MM-DD, such as 2026-11-24/);
    expect(message.ephemeral).toBe(true);
    assertClean(world);
  });
});

describe('/paper search', () => {
  it('pages with Previous and Next, and opens a paper from the select as its full embed', async () => {
    const world = await start({ now: MONDAY.noon, seed: (guildId) => standardTopics(guildId) });
    const many = Array.from({ length: 13 }, (_, i) =>
      paper(10 + i, { title: `Contrastive study number ${i}`, abstract: `Contrastive learning experiment ${i}.` }),
    );
    await postDay(world, MONDAY, many);
    const first = await search(world, { query: 'contrastive' });
    const key = customIds(first.message)[0]?.split(':')[2] ?? '';
    expect(customIds(first.message)).toEqual([`paper:o:${key}`, `paper:p:0:${key}`, `paper:p:1:${key}`]);
    expect((first.message.embeds[0] as { footer: { text: string } }).footer.text).toBe(
      'Results 1–5 of 13 · page 1/3 · posted in this server',
    );

    const seen = new Set(selectValues(first.message));
    const click = async (customId: string) => {
      const handle = await world.discord.button({
        channelId: FIXTURE.text,
        messageId: first.message.id,
        customId,
        user: MEMBER,
      });
      expect((await handle.response()).type).toBe(6);
      return answer(world, handle);
    };
    const second = await click(`paper:p:1:${key}`);
    expect(second.id).toBe(first.message.id);
    expect((second.embeds[0] as { footer: { text: string } }).footer.text).toContain('Results 6–10 of 13 · page 2/3');
    expect(customIds(second)).toEqual([`paper:o:${key}`, `paper:p:0:${key}`, `paper:p:2:${key}`]);
    for (const v of selectValues(second)) seen.add(v);
    const third = await click(`paper:p:2:${key}`);
    expect((third.embeds[0] as { footer: { text: string } }).footer.text).toContain('Results 11–13 of 13 · page 3/3');
    for (const v of selectValues(third)) seen.add(v);
    expect(seen.size).toBe(13);
    const next = (third.components[1] as { components: Array<{ disabled: boolean; custom_id: string }> }).components;
    expect(next.map((b) => [b.custom_id, b.disabled])).toEqual([
      [`paper:p:1:${key}`, false],
      [`paper:p:2:${key}`, true],
    ]);
    const back = await click(`paper:p:1:${key}`);
    expect(selectValues(back)).toEqual(selectValues(second));

    const chosen = selectValues(back)[2] ?? '';
    const open = await world.discord.select({
      channelId: FIXTURE.text,
      messageId: first.message.id,
      customId: `paper:o:${key}`,
      values: [chosen],
      user: MEMBER,
    });
    const full = await answer(world, open);
    expect(full.ephemeral).toBe(true);
    const embed = full.embeds[0] as { title: string; url: string; fields: Array<{ name: string }> };
    expect(embed.url).toBe(`https://arxiv.org/abs/${chosen}`);
    expect(embed.title).toMatch(/^Contrastive study number \d+$/);
    expect(embed.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['PDF', 'Categories', 'Announced']));
    expect(customIds(full)).toEqual([`paper:s:${chosen}`, `paper:save1:${chosen}`]);

    // "Post in channel" shares it, naming who did, without pinging anyone.
    const share = await world.discord.button({
      channelId: FIXTURE.text,
      messageId: full.id,
      customId: `paper:s:${chosen}`,
      user: MEMBER,
    });
    const shared = await answer(world, share);
    expect(shared.ephemeral).toBe(false);
    expect(shared.content).toBe(`Shared by <@${MEMBER.id}>`);
    expect(shared.allowedMentions).toEqual({ parse: [] });
    expect(world.discord.messages(FIXTURE.text).at(-1)?.id).toBe(shared.id);
    assertClean(world);
  });

  it('keeps paging after a restart: the state is in the custom_id and the store', async () => {
    const world = await start({ now: MONDAY.noon, seed: (guildId) => standardTopics(guildId) });
    await postDay(
      world,
      MONDAY,
      Array.from({ length: 7 }, (_, i) =>
        paper(30 + i, { title: `Contrastive ${i}`, abstract: 'Contrastive learning.' }),
      ),
    );
    const { message } = await search(world, { query: 'contrastive' });
    const next = customIds(message).find((c) => c.startsWith('paper:p:1:')) ?? '';
    await world.restart();
    const handle = await world.discord.button({
      channelId: FIXTURE.text,
      messageId: message.id,
      customId: next,
      user: MEMBER,
    });
    const page2 = await answer(world, handle);
    expect((page2.embeds[0] as { footer: { text: string } }).footer.text).toContain('Results 6–7 of 7 · page 2/2');
    assertClean(world);
  });

  it('treats a search as expired after a day, and a button pasted into another server as expired', async () => {
    const world = await library({ pageSize: 2 });
    const { message } = await search(world, { query: 'diffusion OR contrastive OR graph', scope: 'all' });
    const next = customIds(message).find((c) => c.startsWith('paper:p:1:')) ?? '';
    const open = customIds(message).find((c) => c.startsWith('paper:o:')) ?? '';

    // The same custom ids, clicked in guild B: nothing of guild A's search may show.
    const pasted = world.discord.seedMessage(GUILD_B.text, {
      content: 'copied',
      components: [
        { type: 1, components: [{ type: 3, custom_id: open, options: [{ label: 'x', value: id(3) }] }] },
        { type: 1, components: [{ type: 2, style: 2, label: 'Next', custom_id: next }] },
      ],
    });
    for (const handle of [
      await world.discord.button({ channelId: GUILD_B.text, messageId: pasted.id, customId: next, user: MEMBER }),
      await world.discord.select({
        channelId: GUILD_B.text,
        messageId: pasted.id,
        customId: open,
        values: [id(3)],
        user: MEMBER,
      }),
    ]) {
      const reply = await answer(world, handle);
      expect(reply.content).toBe(EXPIRED);
      expect(reply.embeds).toEqual([]);
      expect(reply.ephemeral).toBe(true);
    }

    world.clock.advance(25 * 60 * 60_000);
    const late = await world.discord.button({
      channelId: FIXTURE.text,
      messageId: message.id,
      customId: next,
      user: MEMBER,
    });
    expect((await answer(world, late)).content).toBe(EXPIRED);
    expect(world.discord.message(message.id)?.embeds).toEqual(message.embeds);
    assertClean(world);
  });

  it('posts public results in the channel; the owner pages them, anyone else gets an own copy', async () => {
    const world = await library({ pageSize: 2 });
    const before = world.discord.messages(FIXTURE.text).length;
    const handle = await command(world, 'paper', 'search', {
      query: 'diffusion OR contrastive OR graph',
      scope: 'all',
      public: true,
    });
    const confirmation = await answer(world, handle);
    expect(confirmation.ephemeral).toBe(true);
    expect(confirmation.content).toBe('Shared 5 results in the channel. Only you can page them.');
    const posted = await handle.waitForFollowup(1);
    expect(posted.ephemeral).toBe(false);
    expect(posted.allowedMentions).toEqual({ parse: [] });
    expect(
      world.discord
        .messages(FIXTURE.text)
        .map((m) => m.id)
        .slice(before),
    ).toEqual([posted.id]);
    const firstPage = selectValues(posted);
    const next = customIds(posted).find((c) => c.startsWith('paper:p:1:')) ?? '';

    // Another member: an ephemeral copy of page 2 of their own; the shared message does not move.
    const other = await world.discord.button({
      channelId: FIXTURE.text,
      messageId: posted.id,
      customId: next,
      user: OTHER_MEMBER,
    });
    expect((await other.response()).type).toBe(5);
    const copy = await answer(world, other);
    expect(copy.ephemeral).toBe(true);
    expect(copy.id).not.toBe(posted.id);
    expect((copy.embeds[0] as { footer: { text: string } }).footer.text).toContain('Results 3–4 of 5 · page 2/3');
    const copyKey = customIds(copy)[0]?.split(':')[2];
    expect(copyKey).toBeDefined();
    expect(customIds(posted)[0]).not.toContain(copyKey);
    expect(selectValues(world.discord.message(posted.id)!)).toEqual(firstPage);

    // The owner: the shared message itself turns to page 2.
    const own = await world.discord.button({
      channelId: FIXTURE.text,
      messageId: posted.id,
      customId: next,
      user: MEMBER,
    });
    expect((await own.response()).type).toBe(6);
    const paged = await answer(world, own);
    expect(paged.id).toBe(posted.id);
    expect(selectValues(paged)).toEqual(selectValues(copy));
    expect(world.discord.messages(FIXTURE.text).length).toBe(before + 1);

    // Anyone may open a paper of the shared page, for themselves.
    const open = customIds(posted).find((c) => c.startsWith('paper:o:')) ?? '';
    const opened = await answer(
      world,
      await world.discord.select({
        channelId: FIXTURE.text,
        messageId: posted.id,
        customId: open,
        values: [selectValues(paged)[0] ?? ''],
        user: OTHER_MEMBER,
      }),
    );
    expect(opened.ephemeral).toBe(true);
    expect((opened.embeds[0] as { url: string }).url).toBe(`https://arxiv.org/abs/${selectValues(paged)[0]}`);
    assertClean(world);
  });

  it('renders untrusted titles and authors inert', async () => {
    const world = await start({ now: MONDAY.noon, seed: (guildId) => standardTopics(guildId) });
    await postDay(world, MONDAY, [
      paper(40, {
        title: 'Contrastive [click me](https://evil.example) @everyone <@&510000000000000001> # heading',
        abstract: 'Contrastive learning.',
        authors: ['**Bold** Author', '<@410000000000000001>'],
      }),
    ]);
    const { message } = await search(world, { query: 'contrastive' });
    const description = (message.embeds[0] as { description: string }).description;
    expect(description).not.toContain('[click me](https://evil.example)');
    expect(description).toContain('\\[click me\\]');
    expect(description).not.toMatch(/@everyone|<@&\d|<@\d/);
    expect(description).toContain('\\*\\*Bold\\*\\* Author');
    assertClean(world);
  });

  it('limits searches per member and minute, paging included', async () => {
    const world = await library({ perUserPerMinute: 3, pageSize: 2 });
    const first = await search(world, { query: 'graph' });
    expect(first.message.embeds).toHaveLength(1);
    await search(world, { query: 'graph' });
    const next = customIds(first.message).find((c) => c.startsWith('paper:p:1:')) ?? '';
    const paged = await answer(
      world,
      await world.discord.button({
        channelId: FIXTURE.text,
        messageId: first.message.id,
        customId: next,
        user: MEMBER,
      }),
    );
    expect(paged.id).toBe(first.message.id);
    const click = await answer(
      world,
      await world.discord.button({
        channelId: FIXTURE.text,
        messageId: first.message.id,
        customId: next,
        user: MEMBER,
      }),
    );
    expect(click.content).toMatch(/^You are searching faster than Paperboy allows/);
    expect(click.ephemeral).toBe(true);
    const refused = await search(world, { query: 'graph' });
    expect(refused.message.content).toMatch(
      /^You are searching faster than Paperboy allows\. Slow down: try again in (\d+) s\.$/,
    );
    const seconds = Number(/in (\d+) s/.exec(refused.message.content)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);

    // Other members are not affected; the member may search again once the minute has passed.
    const other = await search(world, { query: 'graph' }, { user: OTHER_MEMBER });
    expect(other.message.embeds).toHaveLength(1);
    world.clock.advance(61_000);
    expect((await search(world, { query: 'graph' })).message.embeds).toHaveLength(1);
    assertClean(world);
  });
});

describe('search plumbing', () => {
  it.each([
    { name: 'under the limit', times: [0, 1000, 2000], at: 3000, verdict: { ok: true } },
    { name: 'at the limit', times: [0, 1000, 2000, 3000], at: 4000, verdict: { ok: false, retryAfterMs: 56_000 } },
    { name: 'after the window moved on', times: [0, 1000, 2000, 3000], at: 60_001, verdict: { ok: true } },
  ])('limits a member to N searches a minute: $name', ({ times, at, verdict }) => {
    const limiter = new SlidingWindowLimiter(4, 60_000);
    for (const t of times.slice(0, 4)) limiter.take('u', t);
    expect(limiter.take('u', at)).toEqual(verdict);
    expect(limiter.take('someone else', at)).toEqual({ ok: true });
  });

  it('keeps at most 25 saved searches per member and server, and forgets expired ones', async () => {
    const store = createMemoryStore();
    let now = Date.parse('2026-11-23T12:00:00Z');
    const saved = new SavedSearches(store.state, () => new Date(now));
    const input = {
      guildId: 'g',
      channelId: 'c',
      userId: 'u',
      public: false,
      params: { query: 'graph', scope: 'all' as const },
    };
    const keys: string[] = [];
    for (let i = 0; i < 27; i++) keys.push(await saved.save(input));
    expect(keys.every((k) => SEARCH_KEY_RE.test(k))).toBe(true);
    expect(await saved.load(keys[0]!)).toBeNull();
    expect(await saved.load(keys[1]!)).toBeNull();
    expect(await saved.load(keys[2]!)).toMatchObject({ guildId: 'g', userId: 'u', params: { query: 'graph' } });
    expect(await store.state.getValue(`search:${keys[0]}`)).toBeUndefined();

    now += 24 * 60 * 60_000;
    expect(await saved.load(keys[26]!)).toBeNull();
    expect(await store.state.getValue(`search:${keys[26]}`)).toBeUndefined();
    expect(await saved.load('not a key')).toBeNull();
    await store.state.setValue('search:AAAAAAAA', { v: 2, anything: true });
    expect(await saved.load('AAAAAAAA')).toBeNull();
    await store.close();
  });
});
