import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { FIXTURE, subscription, topic, type BotWorld } from '../helpers/bot.js';
import {
  LIBRARY,
  MEMBER,
  MODERATOR,
  MONDAY,
  answer,
  assertClean,
  command,
  configure,
  standardTopics,
  useCommandWorld,
} from './paper-digest-world.js';

const start = useCommandWorld();

/** The fixture guild with both topics; Monday's listing is served but not fetched yet. */
async function ready(
  setup: (guildId: string) => ReturnType<typeof standardTopics> = standardTopics,
): Promise<BotWorld> {
  const world = await start({ now: MONDAY.noon, seed: setup });
  world.serveListing('cs.LG', MONDAY.pubDate, LIBRARY);
  return world;
}

async function run(world: BotWorld, options: Record<string, string> = {}, extra: Parameters<typeof command>[4] = {}) {
  const handle = await command(world, 'digest', 'run', options, { user: MODERATOR, ...extra });
  return { handle, message: await answer(world, handle) };
}

/** Contrastive and graphs both subscribed in the text channel. */
const bothHere = (guildId: string) => ({
  topics: standardTopics(guildId).topics,
  subscriptions: [subscription(guildId, { topicSlug: 'contrastive' }), subscription(guildId, { topicSlug: 'graphs' })],
});

describe('/digest run', () => {
  it('posts this channel’s digest once, reports it ephemerally, and finds nothing new the second time', async () => {
    const world = await ready();
    const { handle, message } = await run(world);
    expect((await handle.response()).type).toBe(5);
    expect(message.ephemeral).toBe(true);
    expect(message.content).toBe(
      `**Digest for ${MONDAY.date}** in <#${FIXTURE.text}>:\n**Contrastive learning** — Posted 2 papers (1 message)`,
    );

    // Only the digest is in the channel: no interaction message there.
    const posted = world.discord.messages(FIXTURE.text);
    expect(posted.map((m) => m.interactionId)).toEqual([null]);
    expect(posted[0]?.embeds.map((e) => e['title']).sort()).toEqual([
      'Contrastive learning on graphs',
      'Contrastive pretraining of vision transformers',
    ]);
    // The other channel's subscription is not this channel's business.
    expect(world.discord.messages(FIXTURE.announcement)).toEqual([]);

    const again = await run(world);
    expect(again.message.content).toBe(
      `**Digest for ${MONDAY.date}** in <#${FIXTURE.text}>:\n**Contrastive learning** — Nothing new since the last digest`,
    );
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(1);
    assertClean(world);
  });

  it('runs the same path as the schedule: a scheduled run afterwards posts nothing again', async () => {
    const world = await ready();
    await run(world);
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(1);
    expect(world.discord.messages(FIXTURE.announcement)).toHaveLength(1);
    assertClean(world);
  });

  it.each([
    { name: 'a member without permissions', user: MEMBER, permissions: undefined, allowed: false },
    {
      name: 'a member with every permission but Manage Server',
      user: MEMBER,
      permissions:
        PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageChannels,
      allowed: false,
    },
    { name: 'a member with Manage Server', user: MEMBER, permissions: PermissionFlagsBits.ManageGuild, allowed: true },
    { name: 'an administrator', user: MEMBER, permissions: PermissionFlagsBits.Administrator, allowed: true },
    { name: 'a member of the moderator role', user: MODERATOR, permissions: undefined, allowed: true },
  ])('checks Manage Server at run time: $name', async ({ user, permissions, allowed }) => {
    const world = await ready();
    const { handle, message } = await run(world, {}, { user, ...(permissions !== undefined ? { permissions } : {}) });
    expect(message.ephemeral).toBe(true);
    if (allowed) {
      expect(message.content).toContain('Posted 2 papers');
      expect(world.discord.messages(FIXTURE.text)).toHaveLength(1);
    } else {
      expect((await handle.response()).type).toBe(4);
      expect(message.content).toBe('Only members with the **Manage Server** permission can do that.');
      expect(world.discord.messages(FIXTURE.text)).toEqual([]);
      expect(world.arxiv.requests).toEqual([]);
    }
    assertClean(world);
  });

  it('says how to subscribe when the channel has no subscriptions', async () => {
    const world = await ready();
    const { handle, message } = await run(world, {}, { channelId: FIXTURE.thread });
    expect((await handle.response()).type).toBe(4);
    expect(message.content).toBe(
      'This channel has no subscriptions, so there is no digest to post here. Subscribe it with `/subscription add topic:<slug>` (this server’s topics: `contrastive`, `graphs`), or run `/digest run` in a subscribed channel.',
    );
    expect(world.arxiv.requests).toEqual([]);
    assertClean(world);
  });

  it('runs one topic of the channel when asked, and refuses a topic the channel does not have', async () => {
    const world = await ready(bothHere);
    const graphs = await run(world, { topic: 'graphs' });
    expect(graphs.message.content).toBe(
      `**Digest for ${MONDAY.date}** in <#${FIXTURE.text}>:\n**Graph learning** — Posted 2 papers (1 message)`,
    );
    const both = await run(world);
    // Paper 4 matched both topics: posted once, with graphs; contrastive still gets paper 3.
    expect(both.message.content).toBe(
      `**Digest for ${MONDAY.date}** in <#${FIXTURE.text}>:\n**Contrastive learning** — Posted 1 paper (1 message)\n**Graph learning** — Nothing new since the last digest`,
    );
    const missing = await run(world, { topic: 'diffusion' });
    expect(missing.message.content).toBe(
      'This channel is not subscribed to `diffusion`. Its topics: `contrastive`, `graphs`.',
    );
    assertClean(world);
  });

  it('reports paused and failed subscriptions', async () => {
    const world = await ready((guildId) => ({
      topics: standardTopics(guildId).topics,
      subscriptions: [
        subscription(guildId, { topicSlug: 'contrastive', channelId: FIXTURE.forbidden }),
        subscription(guildId, {
          topicSlug: 'graphs',
          channelId: FIXTURE.forbidden,
          paused: { reason: 'the bot lost Send Messages there', at: '2026-11-20T00:00:00Z', notified: true },
        }),
      ],
    }));
    const { message } = await run(world, {}, { channelId: FIXTURE.forbidden });
    expect(message.ephemeral).toBe(true);
    const lines = message.content.split('\n');
    expect(lines[1]).toMatch(/^\*\*Graph learning\*\* — Paused: the bot lost Send Messages there\. Fix the channel/);
    expect(lines[2]).toMatch(/^\*\*Contrastive learning\*\* — Failed: /);
    expect(world.discord.messages(FIXTURE.forbidden)).toEqual([]);
    const state = await world.bot.app.store.state.getGuild(FIXTURE.guildId);
    expect(state.subscriptions.every((s) => s.paused !== null)).toBe(true);
  });

  it('says there is nothing to post when no listing could be fetched', async () => {
    const world = await start({ now: MONDAY.noon, seed: standardTopics });
    world.arxiv.rss('cs.LG', { status: 404, body: 'not here' });
    const { message } = await run(world);
    expect(message.content).toBe(
      'There is no arXiv listing in the archive yet, so there is nothing to post. Try again after the next listing.',
    );
    expect(world.discord.messages(FIXTURE.text)).toEqual([]);
  });

  it('autocompletes only the topics this channel is subscribed to', async () => {
    const world = await ready();
    await configure(
      world,
      FIXTURE.guildId,
      [
        ...standardTopics(FIXTURE.guildId).topics,
        topic(FIXTURE.guildId, { slug: 'graph-theory', name: 'Graph theory' }),
      ],
      standardTopics(FIXTURE.guildId).subscriptions,
    );
    const inText = await world.discord.autocomplete({
      channelId: FIXTURE.text,
      name: 'digest',
      subcommand: 'run',
      options: {},
      focused: 'topic',
      user: MODERATOR,
    });
    expect((await inText.response()).data).toEqual({
      choices: [{ name: 'contrastive · Contrastive learning', value: 'contrastive' }],
    });
    const today = await world.discord.autocomplete({
      channelId: FIXTURE.text,
      name: 'digest',
      subcommand: 'today',
      options: { topic: 'gra' },
      focused: 'topic',
    });
    expect((await today.response()).data).toEqual({
      choices: [
        { name: 'graph-theory · Graph theory', value: 'graph-theory' },
        { name: 'graphs · Graph learning', value: 'graphs' },
      ],
    });
    assertClean(world);
  });
});
