import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { addSubscription, removeSubscription, type ChannelFacts } from '../../src/guilds/subscriptions.js';
import { subscription, topic } from '../helpers/bot.js';
import { actor, FORUM, GUILD, guildWorld, OTHER_GUILD, TEXT } from './world.js';

function channel(overrides: Partial<ChannelFacts> = {}, missing: string[] = []): ChannelFacts {
  return { id: TEXT, guildId: GUILD, kind: 'text', missingPermissions: () => missing, ...overrides };
}

async function seeded(subscriptions = [] as ReturnType<typeof subscription>[]) {
  const world = guildWorld();
  await world.store.state.updateGuild(GUILD, (state) => {
    state.topics = [topic(GUILD), topic(GUILD, { slug: 'graphs', name: 'Graph learning' })];
    state.subscriptions = subscriptions;
  });
  return world;
}

const input = { topic: 'contrastive', channel: channel(), mentionRoleId: null, maxPapers: null, thread: null };

describe('addSubscription', () => {
  it('subscribes with the guild’s default cap, audits, re-syncs and says when it next runs', async () => {
    const world = await seeded();
    const outcome = await addSubscription(world, actor, { ...input, topic: ' Contrastive ' });
    expect(outcome).toMatchObject({ created: true, resumed: null, kind: 'text' });
    expect(outcome.subscription).toMatchObject({ channelId: TEXT, topicSlug: 'contrastive', maxPapers: 25 });
    // The default schedule, 01:30 New York Monday–Friday, after Monday noon UTC: Tuesday 06:30 UTC.
    expect(outcome.next?.toISOString()).toBe('2026-11-24T06:30:00.000Z');
    const state = await world.store.state.getGuild(GUILD);
    expect(state.audit.map((a) => a.action)).toEqual(['subscription.add']);
    expect(world.synced).toEqual([GUILD]);
  });

  it('updates and resumes an existing subscription', async () => {
    const paused = { at: '2026-11-20T00:00:00.000Z', reason: 'Missing Access', notified: true };
    const world = await seeded([subscription(GUILD, { channelId: TEXT, paused })]);
    const outcome = await addSubscription(world, actor, {
      ...input,
      maxPapers: 5,
      mentionRoleId: '600000000000000001',
    });
    expect(outcome).toMatchObject({ created: false, resumed: paused });
    expect(outcome.subscription).toMatchObject({ maxPapers: 5, mentionRoleId: '600000000000000001', paused: null });
    expect((await world.store.state.getGuild(GUILD)).audit.map((a) => a.detail)).toEqual([
      `contrastive in channel ${TEXT} (resumed)`,
    ]);
  });

  it.each([
    {
      case: 'an unknown topic',
      patch: { topic: 'nope' },
      says: 'This server has no topic `nope`. Its topics: `contrastive`, `graphs`.',
    },
    { case: 'a channel the bot cannot find', patch: { channel: null }, says: 'Paperboy cannot find that channel.' },
    {
      case: 'a channel of another server',
      patch: { channel: channel({ guildId: OTHER_GUILD }) },
      says: 'Paperboy cannot find that channel.',
    },
    {
      case: 'a channel that holds no digests',
      patch: { channel: channel({ kind: null }) },
      says: `<#${TEXT}> cannot hold digests`,
    },
    {
      case: 'a thread in a thread',
      patch: { channel: channel({ kind: 'thread' }), thread: true },
      says: 'is already a thread',
    },
    {
      case: 'missing permissions',
      patch: { channel: channel({}, ['Send Messages', 'Embed Links']) },
      says: 'it lacks **Send Messages**, **Embed Links** there',
    },
    { case: '@everyone as the role', patch: { mentionRoleId: GUILD }, says: 'Digests cannot mention @everyone.' },
    { case: 'a cap out of range', patch: { maxPapers: 101 }, says: 'max_papers must be 1–100.' },
  ])('refuses $case and writes nothing', async ({ patch, says }) => {
    const world = await seeded();
    const before = await world.store.state.getGuild(GUILD);
    const attempt = addSubscription(world, actor, { ...input, ...patch });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(says);
    expect(await world.store.state.getGuild(GUILD)).toEqual(before);
    expect(world.synced).toEqual([]);
  });

  it('asks for thread permissions only when digests open threads in a text channel', async () => {
    const asked: boolean[] = [];
    const facts = (kind: ChannelFacts['kind']) =>
      channel({ kind, id: kind === 'forum' ? FORUM : TEXT, missingPermissions: (thread) => (asked.push(thread), []) });
    const world = await seeded();
    await addSubscription(world, actor, { ...input, channel: facts('text'), thread: true });
    await addSubscription(world, actor, { ...input, channel: facts('forum'), thread: true });
    expect(asked).toEqual([true, false]);
  });
});

describe('removeSubscription', () => {
  it('removes the subscription, audits and re-syncs', async () => {
    const world = await seeded([subscription(GUILD, { channelId: TEXT })]);
    expect((await removeSubscription(world, actor, 'contrastive', TEXT))?.slug).toBe('contrastive');
    const state = await world.store.state.getGuild(GUILD);
    expect(state.subscriptions).toEqual([]);
    expect(state.audit.map((a) => a.action)).toEqual(['subscription.remove']);
    expect(world.synced).toEqual([GUILD]);
  });

  it.each([
    { case: 'an unknown topic', slug: 'nope', says: 'This server has no topic `nope`.' },
    {
      case: 'another channel’s subscription',
      slug: 'contrastive',
      says: `<#${TEXT}> is not subscribed to **Contrastive learning** (\`contrastive\`). It is subscribed in <#${FORUM}>: add \`channel:\` to pick one.`,
    },
  ])('refuses $case', async ({ slug, says }) => {
    const world = await seeded([subscription(GUILD, { channelId: FORUM })]);
    await expect(removeSubscription(world, actor, slug, TEXT)).rejects.toThrow(says);
  });
});
