/**
 * Who may do what, through the real bot: members without Manage Server in a guild that opened the
 * moderator commands to them (Discord then delivers the command; the bot must refuse it itself),
 * a moderator of guild A reaching for guild B's topics, subscriptions, digests, saved searches and
 * channels through options, autocomplete and components, and forged `custom_id`s.
 * Every refusal is a clear ephemeral answer, and nothing in either guild changes.
 */
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakePaper } from '../fakes/fake-arxiv.js';
import type { FakeMessage, OptionInput } from '../fakes/fake-discord.js';
import { startBotWorld, subscription, topic, type BotWorld } from '../helpers/bot.js';
import { customIds } from '../commands/paper-digest-world.js';
import { sentMessages } from './payloads.js';
import {
  FIXTURE,
  GUILD_B,
  MEMBER,
  MOD,
  MOD_B,
  OTHER_MEMBER,
  answer,
  choices,
  registerAll,
  slash,
  snapshot,
  twoGuilds,
  type As,
} from './world.js';

const MONDAY = {
  pubDate: 'Mon, 23 Nov 2026 00:00:00 -0500',
  noon: '2026-11-23T17:00:00Z',
  date: '2026-11-23',
} as const;
const GENERIC = /Something went wrong/;
const NOT_MODERATOR = 'Only members with the **Manage Server** permission can do that.';

const paper = (n: number, title: string): FakePaper => ({
  id: `2611.0${4000 + n}v1`,
  title,
  abstract: `${title}. We study it.`,
  authors: [`Author ${n}`],
  categories: ['cs.LG'],
  published: '2026-11-22T18:00:00Z',
});
/** Papers 0–5 match A's topic (contrastive), 6–11 only B's (diffusion). */
const PAPERS = [
  ...Array.from({ length: 6 }, (_, i) => paper(i, `Contrastive study ${i}`)),
  ...Array.from({ length: 6 }, (_, i) => paper(6 + i, `Diffusion study ${i}`)),
];

let world: BotWorld;
/** A results message of guild B's moderator, with its custom ids. */
let searchB: FakeMessage;
/** An ephemeral results message of a member of A. */
let searchA: FakeMessage;

beforeAll(async () => {
  world = await startBotWorld({
    ...twoGuilds,
    now: MONDAY.noon,
    seed: (guildId) => ({
      topics: [topic(guildId, { slug: 'ssl', name: 'Guild A topic', query: 'contrastive' })],
      subscriptions: [subscription(guildId, { topicSlug: 'ssl' })],
    }),
  });
  await registerAll(world);
  await world.bot.app.store.state.updateGuild(GUILD_B.id, (state) => {
    state.topics = [topic(GUILD_B.id, { slug: 'bonly', name: 'Guild B topic', query: 'diffusion' })];
    state.subscriptions = [subscription(GUILD_B.id, { topicSlug: 'bonly', channelId: GUILD_B.text })];
  });
  world.bot.app.defaults = { ...world.bot.app.defaults, search: { pageSize: 2, perUserPerMinute: 1000 } };
  world.serveListing('cs.LG', MONDAY.pubDate, PAPERS);
  await world.bot.app.runGuild(FIXTURE.guildId);
  await world.bot.app.runGuild(GUILD_B.id);
  searchB = await slash(world, 'paper', 'search', { query: 'diffusion' }, { user: MOD_B, channelId: GUILD_B.text });
  searchA = await slash(world, 'paper', 'search', { query: 'contrastive' }, { user: MEMBER });
  expect(customIds(searchB).length).toBeGreaterThan(1);
  expect(customIds(searchA).length).toBeGreaterThan(1);
}, 60_000);
afterAll(async () => {
  await world.stop();
});

let before: Awaited<ReturnType<typeof snapshot>>;
let sentBefore = 0;
beforeEach(async () => {
  before = await snapshot(world);
  sentBefore = sentMessages(world.discord).length;
});

/** Nothing in either guild changed, nothing was posted in a channel, and the fake saw no bad request. */
async function expectNothingChanged(): Promise<void> {
  expect(await snapshot(world)).toEqual(before);
  const posted = sentMessages(world.discord)
    .slice(sentBefore)
    .filter((m) => m.where.startsWith('POST /channels/'));
  expect(posted).toEqual([]);
  expect(world.discord.violations).toEqual([]);
  expect(world.discord.internalErrors).toEqual([]);
}

function expectRefusal(reply: FakeMessage, says: string | RegExp): void {
  expect(reply.ephemeral).toBe(true);
  expect(reply.content).not.toMatch(GENERIC);
  if (typeof says === 'string') expect(reply.content).toContain(says);
  else expect(reply.content).toMatch(says);
}

/** Every moderator-only subcommand, with options that would change something if allowed. */
const MODERATOR_COMMANDS: Array<{ command: string; sub: string; options: Record<string, OptionInput> }> = [
  { command: 'topic', sub: 'add', options: { catalog: 'contrastive' } },
  { command: 'topic', sub: 'add', options: { slug: 'x1', name: 'X', categories: 'cs.LG', query: 'x' } },
  { command: 'topic', sub: 'edit', options: { slug: 'ssl', name: 'Hijacked' } },
  { command: 'topic', sub: 'remove', options: { slug: 'ssl' } },
  { command: 'subscription', sub: 'add', options: { topic: 'ssl', channel: FIXTURE.announcement } },
  { command: 'subscription', sub: 'add', options: { topic: 'ssl', mention: FIXTURE.moderatorRole } },
  { command: 'subscription', sub: 'remove', options: { topic: 'ssl' } },
  { command: 'settings', sub: 'show', options: {} },
  { command: 'settings', sub: 'set', options: { schedule: '0 9 * * *', timezone: 'Europe/Berlin' } },
  { command: 'digest', sub: 'run', options: {} },
  { command: 'digest', sub: 'run', options: { topic: 'ssl' } },
];

/** Roles an admin could give a helper: powerful, but not Manage Server. */
const HELPER =
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.ManageRoles |
  PermissionFlagsBits.ManageMessages |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages;

describe('moderator commands opened to members without Manage Server', () => {
  it.each(MODERATOR_COMMANDS)(
    '/$command $sub is refused at run time and changes nothing',
    async ({ command, sub, options }) => {
      for (const as of [
        { user: MEMBER },
        { user: MEMBER, permissions: HELPER },
        { user: OTHER_MEMBER, permissions: 0n },
      ] satisfies As[]) {
        const reply = await slash(world, command, sub, options, as);
        expect(reply.content).toBe(NOT_MODERATOR);
        expect(reply.ephemeral).toBe(true);
        expect(reply.embeds).toEqual([]);
      }
      await expectNothingChanged();
    },
  );

  it('lets an Administrator through without Manage Server listed (Discord grants it implicitly)', async () => {
    const reply = await slash(
      world,
      'settings',
      'show',
      {},
      { user: MEMBER, permissions: PermissionFlagsBits.Administrator },
    );
    expect(reply.content).not.toBe(NOT_MODERATOR);
    expect(reply.embeds.length).toBeGreaterThan(0);
  });
});

describe('a moderator of guild A reaching for guild B', () => {
  it.each([
    { command: 'topic', sub: 'show', options: { slug: 'bonly' } },
    { command: 'topic', sub: 'edit', options: { slug: 'bonly', name: 'Taken over' } },
    { command: 'topic', sub: 'remove', options: { slug: 'bonly' } },
    { command: 'subscription', sub: 'add', options: { topic: 'bonly' } },
    { command: 'subscription', sub: 'remove', options: { topic: 'bonly' } },
    { command: 'digest', sub: 'run', options: { topic: 'bonly' } },
    { command: 'digest', sub: 'today', options: { topic: 'bonly' } },
    { command: 'paper', sub: 'search', options: { query: 'diffusion', topic: 'bonly' } },
  ])('/$command $sub with B’s topic: unknown here, and nothing of B shows', async ({ command, sub, options }) => {
    const reply = await slash(world, command, sub, options, { user: MOD });
    expectRefusal(reply, /bonly/);
    expect(JSON.stringify(reply.embeds)).not.toMatch(/Guild B topic|Diffusion study/);
    expect(reply.content).not.toContain('Guild B topic');
    await expectNothingChanged();
  });

  it.each([
    { command: 'subscription', sub: 'add', options: { topic: 'ssl', channel: GUILD_B.text } },
    { command: 'subscription', sub: 'remove', options: { topic: 'ssl', channel: GUILD_B.text } },
  ])('/$command $sub with B’s channel is refused', async ({ command, sub, options }) => {
    const reply = await slash(world, command, sub, options, { user: MOD });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).not.toMatch(GENERIC);
    expect(reply.content).not.toMatch(/^(Subscribed|Unsubscribed)/);
    await expectNothingChanged();
  });

  it('lists and digests of A show nothing of B', async () => {
    const texts = await Promise.all([
      slash(world, 'topic', 'list', {}, { user: MOD }),
      slash(world, 'subscription', 'list', {}, { user: MOD }),
      slash(world, 'digest', 'today', { date: MONDAY.date }, { user: MOD }),
      slash(world, 'paper', 'search', { query: 'diffusion' }, { user: MOD }),
    ]).then((replies) => replies.map((r) => JSON.stringify([r.content, r.embeds])));
    for (const text of texts) expect(text).not.toMatch(/Guild B topic|Diffusion study|320000000000000001|bonly/);
    await expectNothingChanged();
  });

  it.each([
    ['topic', 'show', 'slug'],
    ['topic', 'edit', 'slug'],
    ['topic', 'remove', 'slug'],
    ['subscription', 'add', 'topic'],
    ['subscription', 'remove', 'topic'],
    ['digest', 'run', 'topic'],
    ['digest', 'today', 'topic'],
    ['paper', 'search', 'topic'],
  ])('autocomplete of /%s %s %s offers A’s topics only', async (command, sub, focused) => {
    for (const typed of ['', 'b', 'bonly']) {
      const offered = await choices(world, command, sub, focused, typed, { user: MOD });
      expect(offered.map((c) => c.value)).not.toContain('bonly');
      expect(JSON.stringify(offered)).not.toContain('Guild B');
    }
    await expectNothingChanged();
  });

  it('B’s search buttons clicked in A read as expired, and show none of B’s results', async () => {
    const pasted = world.discord.seedMessage(FIXTURE.text, { content: 'copied', components: searchB.components });
    for (const customId of customIds(searchB)) {
      const handle = customId.startsWith('paper:o:')
        ? await world.discord.select({
            channelId: FIXTURE.text,
            messageId: pasted.id,
            customId,
            values: ['2611.04006'],
            user: MOD,
          })
        : await world.discord.button({ channelId: FIXTURE.text, messageId: pasted.id, customId, user: MOD });
      const reply = await answer(world, handle);
      expectRefusal(reply, 'This search has expired');
      expect(reply.embeds).toEqual([]);
    }
    await expectNothingChanged();
  });
});

/** A message of the bot in A's channel holding one forged component. */
function forged(customId: string, select: boolean): FakeMessage {
  const component = select
    ? { type: 3, custom_id: customId, options: [{ label: 'x', value: '2611.04000' }] }
    : { type: 2, style: 2, label: 'x', custom_id: customId };
  return world.discord.seedMessage(FIXTURE.text, {
    content: 'forged',
    components: [{ type: 1, components: [component] }],
  });
}

describe('forged custom_ids', () => {
  const keyOf = (message: FakeMessage) => customIds(message)[0]?.split(':')[2] ?? '';

  it.each([
    { id: 'x', says: 'no longer supported' },
    { id: 'nope:1', says: 'no longer supported' },
    { id: 'paper', says: 'expired' },
    { id: 'paper:', says: 'expired' },
    { id: 'paper:p', says: 'expired' },
    { id: 'paper:p:1', says: 'expired' },
    { id: 'paper:p:-1:AAAAAAAA', says: 'expired' },
    { id: 'paper:p:abc:AAAAAAAA', says: 'expired' },
    { id: 'paper:p:1:AAAAAAAA', says: 'expired' },
    { id: 'paper:p:1:../../x', says: 'expired' },
    { id: 'paper:p:1:__proto__', says: 'expired' },
    { id: 'paper:o:AAAAAAAA', says: 'expired' },
    { id: 'paper:z:AAAAAAAA', says: 'expired' },
    { id: 'paper:s:', says: 'not in the archive' },
    { id: 'paper:s:not-an-id', says: 'not in the archive' },
    { id: 'paper:s:9999.99999', says: 'not in the archive' },
    { id: 'topic:edit:ssl', says: 'no longer supported' },
    { id: 'topic:remove:ssl', says: 'no longer supported' },
    { id: 'subscription:remove:ssl', says: 'no longer supported' },
    { id: 'settings:set:0 9 * * *', says: 'no longer supported' },
    { id: 'digest:run', says: 'no longer supported' },
    { id: `paper:p:1:${'A'.repeat(89)}`, says: 'expired' },
    { id: 'x'.repeat(100), says: 'no longer supported' },
    { id: 'paper:p:1:ÄÖÜ😀😀😀', says: 'expired' },
  ])('button $id: a clear ephemeral answer, nothing changed', async ({ id, says }) => {
    const message = forged(id, false);
    const reply = await answer(
      world,
      await world.discord.button({ channelId: FIXTURE.text, messageId: message.id, customId: id, user: MEMBER }),
    );
    expectRefusal(reply, says);
    await expectNothingChanged();
  });

  it.each([
    { id: 'paper:o:AAAAAAAA', says: 'expired' },
    { id: 'paper:p:0:KEY', says: 'expired' },
    { id: 'topic:list:0', says: 'no longer supported' },
    { id: 'subscription:list:0', says: 'no longer supported' },
  ])('select $id: a clear ephemeral answer, nothing changed', async ({ id, says }) => {
    const customId = id.replace('KEY', keyOf(searchA));
    const message = forged(customId, true);
    const reply = await answer(
      world,
      await world.discord.select({
        channelId: FIXTURE.text,
        messageId: message.id,
        customId,
        values: ['2611.04000'],
        user: MEMBER,
      }),
    );
    expectRefusal(reply, says);
    await expectNothingChanged();
  });

  it('another member’s ephemeral search key reads as expired', async () => {
    const key = keyOf(searchA);
    for (const customId of [`paper:p:1:${key}`, `paper:p:0:${key}`]) {
      const message = forged(customId, false);
      const reply = await answer(
        world,
        await world.discord.button({ channelId: FIXTURE.text, messageId: message.id, customId, user: OTHER_MEMBER }),
      );
      expectRefusal(reply, 'This search has expired');
      expect(reply.embeds).toEqual([]);
    }
    const open = forged(`paper:o:${key}`, true);
    const reply = await answer(
      world,
      await world.discord.select({
        channelId: FIXTURE.text,
        messageId: open.id,
        customId: `paper:o:${key}`,
        values: ['2611.04000'],
        user: OTHER_MEMBER,
      }),
    );
    expectRefusal(reply, 'This search has expired');
    await expectNothingChanged();
  });

  it.each(['999', '500', '0'])('the owner’s key with page %s tampered: a valid page, never an error', async (page) => {
    const customId = `paper:p:${page}:${keyOf(searchA)}`;
    const message = forged(customId, false);
    const reply = await answer(
      world,
      await world.discord.button({ channelId: FIXTURE.text, messageId: message.id, customId, user: MEMBER }),
    );
    expect(reply.content).not.toMatch(GENERIC);
    const footer = (reply.embeds[0] as { footer?: { text?: string } } | undefined)?.footer?.text ?? '';
    expect(footer).toMatch(/^Results \d+–\d+ of 6 · page [1-3]\/3/);
    await expectNothingChanged();
  });

  it.each(['-1', 'NaN', '1e309', '99999999999999999999', '0x10', ' 1'])(
    'topic and subscription list pages %j: a valid page',
    async (page) => {
      for (const prefix of ['topic:list', 'subscription:list']) {
        const message = forged(`${prefix}:${page}`, false);
        const handle = await world.discord.button({
          channelId: FIXTURE.text,
          messageId: message.id,
          customId: `${prefix}:${page}`,
          user: MEMBER,
        });
        const reply = await answer(world, handle);
        expect(reply.content).not.toMatch(GENERIC);
        expect(JSON.stringify(reply.embeds)).toContain('Guild A topic');
      }
      await expectNothingChanged();
    },
  );
});
