import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS, embedsLength } from '../../src/discord/render/index.js';
import type { Subscription } from '../../src/store/types.js';
import type { BotWorld } from '../helpers/bot.js';
import { subscription as subscriptionFixture, topic as topicFixture } from '../helpers/bot.js';
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
/** Extra channels: each denies @everyone (and so the bot) one permission. */
const CH = {
  noEmbeds: '310000000000000101',
  noThreads: '310000000000000102',
  forumNoThreadSend: '310000000000000103',
  voice: '310000000000000104',
} as const;

let world: BotWorld;

function scheduled(guildId: string): boolean {
  return (world.bot.app.scheduler as unknown as { tasks: Map<string, unknown> }).tasks.has(guildId);
}

beforeAll(async () => {
  world = await openWorld();
  const deny = (id: string, bit: bigint) => [{ id: G, type: 0 as const, deny: bit }].map((o) => ({ ...o, id }));
  await world.discord.addChannel(G, {
    id: CH.noEmbeds,
    name: 'no-embeds',
    type: ChannelType.GuildText,
    permissionOverwrites: deny(G, PermissionFlagsBits.EmbedLinks),
  });
  await world.discord.addChannel(G, {
    id: CH.noThreads,
    name: 'no-threads',
    type: ChannelType.GuildText,
    permissionOverwrites: deny(G, PermissionFlagsBits.CreatePublicThreads),
  });
  await world.discord.addChannel(G, {
    id: CH.forumNoThreadSend,
    name: 'forum-closed',
    type: ChannelType.GuildForum,
    permissionOverwrites: deny(G, PermissionFlagsBits.SendMessagesInThreads),
  });
  await world.discord.addChannel(G, { id: CH.voice, name: 'voice', type: ChannelType.GuildVoice });
  await world.discord.waitFor(() => Object.values(CH).every((id) => world.bot.client.channels.cache.has(id)));
});
afterAll(async () => {
  await world.stop();
});
beforeEach(async () => {
  await resetGuild(world);
  await world.bot.app.store.state.updateGuild(G, (state) => {
    state.topics = [
      topicFixture(G, { slug: 'ssl', name: 'Self-supervised' }),
      topicFixture(G, { slug: 'rl', name: 'RL' }),
    ];
  });
});

describe('/subscription add', () => {
  it.each([
    {
      case: 'the current channel by default, with the server’s default cap',
      options: {},
      channel: FIXTURE.text,
      stored: { maxPapers: 25, thread: false, mentionRoleId: null },
      says: [
        'Subscribed <#310000000000000001> to **Self-supervised** (`ssl`): up to 25 papers per digest, as messages in the channel.',
      ],
    },
    {
      case: 'another channel with a mention, a cap of 1 and a thread per digest',
      options: { channel: FIXTURE.announcement, mention: FIXTURE.moderatorRole, max_papers: 1, thread: true },
      channel: FIXTURE.announcement,
      stored: { maxPapers: 1, thread: true, mentionRoleId: FIXTURE.moderatorRole },
      says: [
        'up to 1 paper per digest, in a new thread per digest, mentioning <@&510000000000000001>',
        'Note: <@&510000000000000001> is not mentionable, so digests will name it without pinging.',
      ],
    },
    {
      case: 'a forum with thread:true (forums always get a post)',
      options: { channel: FIXTURE.forum, thread: true, max_papers: 100 },
      channel: FIXTURE.forum,
      stored: { maxPapers: 100 },
      says: ['as a forum post per digest'],
    },
    {
      case: 'a thread',
      options: { channel: FIXTURE.thread },
      channel: FIXTURE.thread,
      stored: { thread: false },
      says: ['in this thread'],
    },
    {
      case: 'a channel without Create Public Threads when no thread is wanted',
      options: { channel: CH.noThreads },
      channel: CH.noThreads,
      stored: { thread: false },
      says: ['Subscribed'],
    },
  ])('subscribes $case', async ({ options, channel, stored, says }) => {
    const answer = await run(world, 'subscription', 'add', { topic: 'ssl', ...options });
    expect(answer.ephemeral).toBe(true);
    for (const text of says) expect(answer.content).toContain(text);
    expect(answer.content).toMatch(/Next digest run: <t:\d+:R>\./);
    const state = await guildState(world);
    expect(state.subscriptions).toEqual([
      expect.objectContaining({
        guildId: G,
        channelId: channel,
        topicSlug: 'ssl',
        paused: null,
        lastDigestDate: null,
        ...stored,
      }),
    ]);
    expect(state.subscriptions[0]?.changed).toEqual({ by: MOD.id, at: '2026-11-24T12:00:00.000Z' });
    expect(state.audit).toEqual([expect.objectContaining({ action: 'subscription.add', userId: MOD.id })]);
    expect(scheduled(G)).toBe(true);
    expect(world.discord.messages(channel)).toEqual([]);
    expectCleanDiscord(world);
  });

  it.each([
    { case: 'an unknown topic', options: { topic: 'nope' }, says: 'This server has no topic `nope`' },
    {
      case: 'a channel the bot cannot see',
      options: { topic: 'ssl', channel: FIXTURE.hidden },
      says: `Paperboy cannot post digests in <#${FIXTURE.hidden}>: it lacks **View Channel**`,
    },
    {
      case: 'a channel without Embed Links',
      options: { topic: 'ssl', channel: CH.noEmbeds },
      says: 'it lacks **Embed Links** there',
    },
    {
      case: 'thread:true without Create Public Threads',
      options: { topic: 'ssl', channel: CH.noThreads, thread: true },
      says: 'it lacks **Create Public Threads** there',
    },
    {
      case: 'a forum without Send Messages in Threads',
      options: { topic: 'ssl', channel: CH.forumNoThreadSend },
      says: 'it lacks **Send Messages in Threads** there',
    },
    {
      case: 'thread:true on a thread',
      options: { topic: 'ssl', channel: FIXTURE.thread, thread: true },
      says: 'is already a thread, so digests go straight into it',
    },
    { case: 'a mention of @everyone', options: { topic: 'ssl', mention: G }, says: 'Digests cannot mention @everyone' },
    { case: 'a cap of 101', options: { topic: 'ssl', max_papers: 101 }, says: 'max_papers must be 1–100.' },
    { case: 'a cap of 0', options: { topic: 'ssl', max_papers: 0 }, says: 'max_papers must be 1–100.' },
  ])('refuses $case and writes nothing', async ({ options, says }) => {
    const answer = await run(world, 'subscription', 'add', options);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toContain(says);
    const state = await guildState(world);
    expect(state.subscriptions).toEqual([]);
    expect(state.audit).toEqual([]);
    expect(scheduled(G)).toBe(false);
    expectCleanDiscord(world);
  });

  it('refuses when used in a channel that cannot hold digests', async () => {
    const answer = await run(world, 'subscription', 'add', { topic: 'ssl' }, { channelId: CH.voice });
    expect(answer.content).toContain(`<#${CH.voice}> cannot hold digests`);
    expect((await guildState(world)).subscriptions).toEqual([]);
  });

  it('re-adding updates only the given options and resumes a paused subscription', async () => {
    const paused: Subscription = subscriptionFixture(G, {
      topicSlug: 'ssl',
      maxPapers: 7,
      mentionRoleId: FIXTURE.moderatorRole,
      lastDigestDate: '2026-11-20',
      paused: { reason: 'the bot lacks permission to post there', at: '2026-11-21T00:00:00.000Z', notified: true },
    });
    await world.bot.app.store.state.updateGuild(G, (state) => {
      state.subscriptions = [paused];
    });
    const answer = await run(world, 'subscription', 'add', { topic: 'ssl', max_papers: 12 });
    expect(answer.content).toContain('Updated the subscription of <#310000000000000001>');
    expect(answer.content).toContain('It was paused (the bot lacks permission to post there); it is active again.');
    const state = await guildState(world);
    expect(state.subscriptions).toEqual([
      {
        ...paused,
        maxPapers: 12,
        paused: null,
        channelKind: 'text',
        changed: { by: MOD.id, at: '2026-11-24T12:00:00.000Z' },
      },
    ]);
    expect(state.audit).toEqual([
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
      expect.objectContaining({ action: 'subscription.update', detail: expect.stringContaining('resumed') }),
    ]);
  });

  it('refuses past the guild’s subscription limit', async () => {
    const limit = world.bot.app.defaults.limits.subscriptionsPerGuild;
    await world.bot.app.store.state.updateGuild(G, (state) => {
      state.subscriptions = Array.from({ length: limit }, (_, i) =>
        subscriptionFixture(G, { topicSlug: 'rl', channelId: `39000000000000${1000 + i}` }),
      );
    });
    const answer = await run(world, 'subscription', 'add', { topic: 'ssl' });
    expect(answer.content).toContain(`already has ${limit} subscriptions`);
    expect((await guildState(world)).subscriptions).toHaveLength(limit);
  });
});

describe('/subscription remove', () => {
  beforeEach(async () => {
    await world.bot.app.store.state.updateGuild(G, (state) => {
      state.subscriptions = [
        subscriptionFixture(G, { topicSlug: 'ssl', channelId: FIXTURE.forum }),
        subscriptionFixture(G, { topicSlug: 'rl' }),
      ];
    });
  });

  it('removes the subscription of the given channel', async () => {
    const answer = await run(world, 'subscription', 'remove', { topic: 'ssl', channel: FIXTURE.forum });
    expect(answer.content).toBe(
      `Unsubscribed <#${FIXTURE.forum}> from **Self-supervised** (\`ssl\`). Its posted digests stay where they are.`,
    );
    const state = await guildState(world);
    expect(state.subscriptions.map((s) => s.topicSlug)).toEqual(['rl']);
    expect(state.audit).toEqual([expect.objectContaining({ action: 'subscription.remove' })]);
  });

  it('defaults to the current channel', async () => {
    await run(world, 'subscription', 'remove', { topic: 'rl' });
    expect((await guildState(world)).subscriptions.map((s) => s.topicSlug)).toEqual(['ssl']);
  });

  it.each([
    {
      case: 'a channel that is not subscribed',
      options: { topic: 'ssl' },
      says: `It is subscribed in <#${FIXTURE.forum}>: add \`channel:\` to pick one.`,
    },
    { case: 'an unknown topic', options: { topic: 'nope' }, says: 'This server has no topic `nope`' },
  ])('refuses $case and writes nothing', async ({ options, says }) => {
    const before = await guildState(world);
    const answer = await run(world, 'subscription', 'remove', options);
    expect(answer.content).toContain(says);
    expect(await guildState(world)).toEqual(before);
  });
});

describe('/subscription list', () => {
  it('shows each channel’s topics, mention, cap, thread mode, last digest, and PAUSED with the reason', async () => {
    await world.bot.app.store.state.updateGuild(G, (state) => {
      state.subscriptions = [
        subscriptionFixture(G, {
          topicSlug: 'ssl',
          mentionRoleId: FIXTURE.moderatorRole,
          maxPapers: 10,
          thread: true,
          lastDigestDate: '2026-11-23',
        }),
        subscriptionFixture(G, { topicSlug: 'rl' }),
        subscriptionFixture(G, {
          topicSlug: 'rl',
          channelId: FIXTURE.forum,
          paused: { reason: 'the channel was deleted', at: '2026-11-22T00:00:00.000Z', notified: false },
        }),
      ];
    });
    const answer = await run(world, 'subscription', 'list', {}, { user: { id: '420000000000000009' } });
    expect(answer.ephemeral).toBe(true);
    const fields = answer.embeds[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual(['#papers', '#digest']);
    expect(fields[0]?.value).toContain(`<#${FIXTURE.text}>`);
    expect(fields[0]?.value).toContain(
      '**Self-supervised** (`ssl`) · up to 10 · mentions <@&510000000000000001> · thread per digest · last digest 2026-11-23',
    );
    expect(fields[0]?.value).toContain('**RL** (`rl`) · up to 25 · no digest yet');
    expect(fields[1]?.value).toContain(
      `**PAUSED** <t:${Date.parse('2026-11-22T00:00:00.000Z') / 1000}:R>: the channel was deleted. Re-add it to resume.`,
    );
    expect(embedText(answer)).toContain('1 subscription paused');
    expect(answer.embeds[0]?.footer?.text).toBe('3 subscriptions in 2 channels');
  });

  it('pages 100 subscriptions within Discord limits', async () => {
    await world.bot.app.store.state.updateGuild(G, (state) => {
      state.topics = Array.from({ length: 50 }, (_, i) =>
        topicFixture(G, { slug: `t${i}`, name: `${'名'.repeat(95)} ${i}` }),
      );
      state.subscriptions = Array.from({ length: 100 }, (_, i) =>
        subscriptionFixture(G, {
          topicSlug: `t${i % 50}`,
          channelId: i < 50 ? FIXTURE.text : `39000000000000${1000 + i}`,
          paused: i % 3 === 0 ? { reason: 'x'.repeat(300), at: '2026-11-22T00:00:00.000Z', notified: false } : null,
        }),
      );
    });
    let page = await run(world, 'subscription', 'list');
    let pages = 1;
    let lines = 0;
    for (;;) {
      expect(embedsLength(page.embeds)).toBeLessThanOrEqual(LIMITS.messageEmbedChars);
      for (const f of page.embeds[0]?.fields ?? []) {
        expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
        lines += f.value.split('\n').filter((l) => l.startsWith('• ')).length;
      }
      const next = buttonIds(page).find((b) => !b.disabled && Number(b.id.split(':')[2]) === pages);
      if (!next) break;
      page = await click(world, page, next.id);
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    expect(lines).toBe(100);
    expectCleanDiscord(world);
  });

  it('says how to start when there are none', async () => {
    expect(embedText(await run(world, 'subscription', 'list'))).toContain('No subscriptions yet');
  });
});

describe('/subscription autocomplete', () => {
  it('suggests this server’s topics', async () => {
    expect(await suggest(world, 'subscription', 'add', 'topic', '')).toEqual([
      { name: 'rl · RL', value: 'rl' },
      { name: 'ssl · Self-supervised', value: 'ssl' },
    ]);
    expect(await suggest(world, 'subscription', 'remove', 'topic', 'self')).toEqual([
      { name: 'ssl · Self-supervised', value: 'ssl' },
    ]);
  });
});
