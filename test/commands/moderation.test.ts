import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paginate } from '../../commands/shared/lists.js';
import { AUDIT_LIMIT } from '../../src/guilds/audit.js';
import type { AuditEntry, GuildState } from '../../src/store/types.js';
import type { OptionInput } from '../fakes/fake-discord.js';
import type { BotWorld } from '../helpers/bot.js';
import { subscription as subscriptionFixture, topic as topicFixture } from '../helpers/bot.js';
import {
  FIXTURE,
  GUILD_B,
  MEMBER,
  MOD,
  MOD_B,
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

async function seedA(): Promise<GuildState> {
  await world.bot.app.store.state.updateGuild(G, (state) => {
    state.topics = [topicFixture(G, { slug: 'ssl', name: 'Guild A topic' })];
    state.subscriptions = [subscriptionFixture(G, { topicSlug: 'ssl' })];
  });
  return guildState(world);
}

beforeAll(async () => {
  world = await openWorld();
});
afterAll(async () => {
  await world.stop();
});
beforeEach(async () => {
  await resetGuild(world);
  await resetGuild(world, GUILD_B.guildId);
});

/** Member permissions an admin might leave a non-moderator with: everything ordinary, no Manage Server. */
const ORDINARY =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

describe('moderator subcommands refuse members without Manage Server', () => {
  const cases: Array<{ command: string; sub: string; options: Record<string, OptionInput> }> = [
    { command: 'topic', sub: 'add', options: { catalog: 'contrastive' } },
    { command: 'topic', sub: 'add', options: { slug: 'x1', name: 'X', categories: 'cs.LG', query: 'x' } },
    { command: 'topic', sub: 'edit', options: { slug: 'ssl', name: 'Hijacked' } },
    { command: 'topic', sub: 'remove', options: { slug: 'ssl' } },
    { command: 'subscription', sub: 'add', options: { topic: 'ssl', channel: FIXTURE.forum } },
    { command: 'subscription', sub: 'remove', options: { topic: 'ssl' } },
    { command: 'settings', sub: 'show', options: {} },
    { command: 'settings', sub: 'set', options: { schedule: '0 9 * * *' } },
  ];

  it.each(cases)('/$command $sub', async ({ command, sub, options }) => {
    const before = await seedA();
    for (const invocation of [{ user: MEMBER }, { user: MEMBER, permissions: ORDINARY }]) {
      const answer = await run(world, command, sub, options, invocation);
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toBe('Only members with the **Manage Server** permission can do that.');
      expect(answer.embeds).toEqual([]);
    }
    expect(await guildState(world)).toEqual(before);
    expect(world.discord.messages(FIXTURE.text).filter((m) => !m.ephemeral)).toEqual([]);
    expectCleanDiscord(world);
  });

  it.each([
    { command: 'topic', sub: 'list', options: {}, says: 'Guild A topic' },
    { command: 'topic', sub: 'show', options: { slug: 'ssl' }, says: 'Guild A topic' },
    { command: 'subscription', sub: 'list', options: {}, says: 'Guild A topic' },
  ])('but lets them use /$command $sub', async ({ command, sub, options, says }) => {
    await seedA();
    const answer = await run(world, command, sub, options, { user: MEMBER, permissions: ORDINARY });
    expect(embedText(answer)).toContain(says);
  });
});

describe('guilds are isolated', () => {
  const inB = { user: MOD_B, channelId: GUILD_B.text };

  it.each([
    { command: 'topic', sub: 'show', options: { slug: 'ssl' } },
    { command: 'topic', sub: 'edit', options: { slug: 'ssl', name: 'Taken over' } },
    { command: 'topic', sub: 'remove', options: { slug: 'ssl' } },
    { command: 'subscription', sub: 'add', options: { topic: 'ssl' } },
    { command: 'subscription', sub: 'remove', options: { topic: 'ssl' } },
  ])('guild B cannot /$command $sub guild A’s topic: it is just unknown', async ({ command, sub, options }) => {
    const before = await seedA();
    const answer = await run(world, command, sub, options, inB);
    expect(answer.content).toContain('This server has no topic `ssl`');
    expect(await guildState(world)).toEqual(before);
    expect((await guildState(world, GUILD_B.guildId)).topics).toEqual([]);
  });

  it('guild B sees none of guild A’s topics or subscriptions, and can reuse the slug', async () => {
    const before = await seedA();
    expect(embedText(await run(world, 'topic', 'list', {}, inB))).toContain('No topics yet');
    expect(embedText(await run(world, 'subscription', 'list', {}, inB))).toContain('No subscriptions yet');
    expect(await suggest(world, 'topic', 'show', 'slug', '', inB)).toEqual([]);
    expect(await suggest(world, 'subscription', 'add', 'topic', 's', inB)).toEqual([]);

    const added = await run(
      world,
      'topic',
      'add',
      { slug: 'ssl', name: 'Guild B topic', categories: 'math', query: 'topology' },
      inB,
    );
    expect(added.content).toContain('Added topic **Guild B topic** (`ssl`)');
    await run(world, 'subscription', 'add', { topic: 'ssl' }, inB);
    const b = await guildState(world, GUILD_B.guildId);
    expect(b.topics).toEqual([
      expect.objectContaining({ guildId: GUILD_B.guildId, name: 'Guild B topic', categories: ['math'] }),
    ]);
    expect(b.subscriptions).toEqual([expect.objectContaining({ guildId: GUILD_B.guildId, channelId: GUILD_B.text })]);
    expect(await guildState(world)).toEqual(before);
    expect(await suggest(world, 'topic', 'show', 'slug', '')).toEqual([{ name: 'ssl · Guild A topic', value: 'ssl' }]);
  });

  it('guild B cannot subscribe a channel of guild A', async () => {
    await run(world, 'topic', 'add', { catalog: 'rl' }, inB);
    const answer = await run(world, 'subscription', 'add', { topic: 'rl', channel: FIXTURE.text }, inB);
    expect(answer.content).toContain('Paperboy cannot find that channel');
    expect((await guildState(world, GUILD_B.guildId)).subscriptions).toEqual([]);
    expect((await guildState(world)).subscriptions).toEqual([]);
  });
});

describe('deadline', () => {
  it.each([
    ['topic', 'add', { catalog: 'gw' }],
    ['subscription', 'add', { topic: 'gw' }],
    ['settings', 'set', { abstract_length: 300 }],
  ] as const)('/%s %s is acknowledged before it writes, then answered privately', async (name, sub, options) => {
    if (name !== 'topic') await run(world, 'topic', 'add', { catalog: 'gw' });
    const reply = await run(world, name, sub, options);
    expect(reply.type).toBe(5);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).not.toBe('');
  });
});

describe('audit trail', () => {
  it(`keeps the last ${AUDIT_LIMIT} entries, newest last`, async () => {
    const old: AuditEntry[] = Array.from({ length: AUDIT_LIMIT }, (_, i) => ({
      guildId: G,
      userId: MOD.id,
      action: 'topic.add',
      detail: `old ${i}`,
      at: '2026-11-01T00:00:00.000Z',
    }));
    await world.bot.app.store.state.updateGuild(G, (state) => {
      state.audit = old;
    });
    await run(world, 'topic', 'add', { catalog: 'gw' });
    const { audit } = await guildState(world);
    expect(audit).toHaveLength(AUDIT_LIMIT);
    expect(audit[0]?.detail).toBe('old 1');
    expect(audit.at(-1)).toEqual({
      guildId: G,
      userId: MOD.id,
      action: 'topic.add',
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
      detail: expect.stringContaining('gw (catalog gw)'),
      at: '2026-11-24T12:00:00.000Z',
    });
  });

  it('records every kind of change', async () => {
    await run(world, 'topic', 'add', { slug: 'ssl', name: 'SSL', categories: 'cs.LG', query: 'contrastive' });
    await run(world, 'topic', 'edit', { slug: 'ssl', updates: true });
    await run(world, 'subscription', 'add', { topic: 'ssl' });
    await run(world, 'subscription', 'add', { topic: 'ssl', max_papers: 5 });
    await run(world, 'subscription', 'remove', { topic: 'ssl' });
    await run(world, 'settings', 'set', { abstract_length: 300 });
    await run(world, 'topic', 'remove', { slug: 'ssl' });
    const { audit } = await guildState(world);
    expect(audit.map((a) => a.action)).toEqual([
      'topic.add',
      'topic.edit',
      'subscription.add',
      'subscription.update',
      'subscription.remove',
      'settings.set',
      'topic.remove',
    ]);
    expect(audit.every((a) => a.guildId === G && a.userId === MOD.id)).toBe(true);
  });
});

describe('untrusted names never ping or inject markdown', () => {
  it('escapes a topic name in confirmations and lists', async () => {
    const name = '@everyone [click](https://evil.example) # Heading <@&510000000000000001>';
    const added = await run(world, 'topic', 'add', { slug: 'evil', name, categories: 'cs.LG', query: 'x' });
    expect(added.content).not.toContain('@everyone');
    expect(added.content).not.toContain('[click](');
    expect(added.content).not.toContain('<@&');
    const listed = embedText(await run(world, 'topic', 'list'));
    expect(listed).not.toContain('[click](');
    expect(listed).not.toContain('<@&');
    const replies = world.discord.requests
      .filter((r) => r.route?.includes('callback'))
      .map((r) => r.body as { type: number; data?: { allowed_mentions?: unknown } })
      .filter((body) => body.type === 4 || body.type === 7);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const body of replies) expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('list pages', () => {
  it('paginates by field count and size, never splitting or losing a field', () => {
    const fields = Array.from({ length: 37 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(i % 2 ? 900 : 10) }));
    const pages = paginate(fields);
    expect(pages.flat()).toEqual(fields);
    for (const page of pages) {
      expect(page.length).toBeLessThanOrEqual(10);
      expect(page.reduce((n, f) => n + f.name.length + f.value.length, 0)).toBeLessThanOrEqual(4500);
    }
  });
});
