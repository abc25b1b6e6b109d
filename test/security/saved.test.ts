/**
 * The reading list and the member's own data under attack, through the real bot: another member, a moderator and
 * another guild reaching for a member's saved papers and follows, forged `custom_id`s and select values on messages
 * in a channel and in a DM, and a flood of saves. None reaches another member's data, every refusal is a clear
 * private answer, and nothing is posted in a channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFollow } from '../../src/members/service.js';
import { MAX_SAVED, SAVES_PER_MINUTE } from '../../src/members/saved.js';
import type { MemberState } from '../../src/store/types.js';
import type { FakePaper } from '../fakes/fake-arxiv.js';
import type { FakeMessage } from '../fakes/fake-discord.js';
import { startBotWorld, subscription, topic, type BotWorld } from '../helpers/bot.js';
import { sentMessages } from './payloads.js';
import {
  FIXTURE,
  GUILD_B,
  MEMBER,
  MOD,
  MOD_B,
  OTHER_MEMBER,
  answer,
  type dispatch,
  registerAll,
  snapshot,
  twoGuilds,
} from './world.js';

const MONDAY = { pubDate: 'Mon, 23 Nov 2026 00:00:00 -0500', noon: '2026-11-23T17:00:00Z' } as const;
const GENERIC = /Something went wrong/;
const SAVED = /^Saved 1 paper to your reading list/;
const SLOW = /^You are saving papers faster than Paperboy allows\. Slow down: try again in \d+ s\.$/;

const PAPERS: FakePaper[] = Array.from({ length: 8 }, (_, i) => ({
  id: `2611.0${6000 + i}v1`,
  title: `Contrastive secret interest ${i}`,
  abstract: 'Contrastive learning.',
  authors: [`Author ${i}`],
  categories: ['cs.LG'],
  published: '2026-11-22T18:00:00Z',
}));
const ids = PAPERS.map((p) => p.id.replace(/v1$/, ''));

let world: BotWorld;
let digest: FakeMessage;
let memberBefore: MemberState;
let sentBefore = 0;
let stateBefore: Awaited<ReturnType<typeof snapshot>>;

const member = (userId: string) => world.bot.app.store.state.getMember(userId);

beforeAll(async () => {
  world = await startBotWorld({
    ...twoGuilds,
    now: MONDAY.noon,
    seed: (guildId) => ({ topics: [topic(guildId, { query: 'contrastive' })], subscriptions: [subscription(guildId)] }),
  });
  await registerAll(world);
  world.serveListing('cs.LG', MONDAY.pubDate, PAPERS);
  await world.bot.app.runGuild(FIXTURE.guildId);
  digest = world.discord.messages(FIXTURE.text).find((m) => m.embeds.length > 0)!;
  // MEMBER's private data: a follow and two saved papers.
  await addFollow(
    { state: world.bot.app.store.state, guildId: FIXTURE.guildId, userId: MEMBER.id, now: world.clock.now() },
    { author: 'Author 3', query: null, categories: null },
  );
  for (const id of ids.slice(0, 2)) {
    const reply = await answer(
      world,
      await world.discord.select({ messageId: digest.id, customId: 'paper:save:0', values: [id], user: MEMBER }),
    );
    expect(reply.content).toMatch(SAVED);
  }
  memberBefore = await member(MEMBER.id);
  expect(memberBefore.saved).toHaveLength(2);
}, 60_000);
afterAll(async () => {
  await world.stop();
});

/** Start of a case: what must not change. */
async function mark(): Promise<void> {
  sentBefore = sentMessages(world.discord).length;
  stateBefore = await snapshot(world);
}

/** MEMBER's data as it was, the guilds as they were, nothing posted in a channel. */
async function expectMemberUntouched(): Promise<void> {
  expect(await member(MEMBER.id)).toEqual(memberBefore);
  expect(await snapshot(world)).toEqual(stateBefore);
  const posted = sentMessages(world.discord)
    .slice(sentBefore)
    .filter((m) => m.where.startsWith('POST /channels/'));
  expect(posted).toEqual([]);
  expect(world.discord.violations).toEqual([]);
  expect(world.discord.internalErrors).toEqual([]);
}

function expectPrivate(reply: FakeMessage, says: string | RegExp): void {
  expect(reply.ephemeral).toBe(true);
  expect(reply.content).not.toMatch(GENERIC);
  if (typeof says === 'string') expect(reply.content).toContain(says);
  else expect(reply.content).toMatch(says);
}

/** Everything of MEMBER's that must never appear in another member's answer. */
function expectNoTraceOfMember(text: string): void {
  expect(text).not.toContain(MEMBER.id);
  expect(text).not.toContain('Author 3');
  for (const id of ids.slice(0, 2)) expect(text).not.toContain(id);
}

async function run(name: string, subcommand: string, as: Parameters<typeof dispatch>[4], group?: string) {
  const handle = await world.discord.command({
    channelId: as?.channelId ?? FIXTURE.text,
    name,
    ...(group ? { subcommandGroup: group } : {}),
    subcommand,
    user: as?.user ?? MEMBER,
  });
  const message = await answer(world, handle);
  const files = handle.files().map((f) => f.data.toString('utf8'));
  return { message, text: JSON.stringify({ content: message.content, embeds: message.embeds, files }), files };
}

describe('another member, a moderator, another guild', () => {
  it.each([
    { who: 'another member', as: { user: OTHER_MEMBER } },
    { who: 'a moderator', as: { user: MOD } },
    { who: 'guild B’s moderator in guild B', as: { user: MOD_B, channelId: GUILD_B.text } },
  ])('$who sees only their own reading list, export and data', async ({ as }) => {
    await mark();
    const list = await run('paper', 'list', as, 'saved');
    expect(list.message.ephemeral).toBe(true);
    expect(list.message.embeds[0]?.['description']).toMatch(/^Your reading list is empty/);
    expectNoTraceOfMember(list.text);
    const bib = await run('paper', 'export', as, 'saved');
    expect(bib.files).toEqual([]);
    const data = await run('privacy', 'export', as);
    expect(data.message.ephemeral).toBe(true);
    expect(data.files).toHaveLength(1);
    expectNoTraceOfMember(data.text);
    await expectMemberUntouched();
  });

  it('the member’s list is the member’s in every guild, and guild B’s state learns nothing of it', async () => {
    await mark();
    const list = await run('paper', 'list', { user: MEMBER, channelId: GUILD_B.text }, 'saved');
    expect(list.message.embeds[0]?.['footer']).toEqual({ text: '2 saved papers (at most 500)' });
    expect(JSON.stringify(await world.bot.app.store.state.getGuild(GUILD_B.id))).not.toContain(MEMBER.id);
    await expectMemberUntouched();
  });
});

/** A message of the bot in a channel holding one forged component. */
function forged(channelId: string, customId: string, kind: 'button' | 'select', values: string[] = ['x']): FakeMessage {
  const component =
    kind === 'select'
      ? {
          type: 3,
          custom_id: customId,
          max_values: values.length,
          options: values.map((value, i) => ({ label: `option ${i}`, value })),
        }
      : { type: 2, style: 2, label: 'x', custom_id: customId };
  return world.discord.seedMessage(channelId, {
    content: 'forged',
    components: [{ type: 1, components: [component] }],
  });
}

async function press(
  message: FakeMessage,
  customId: string,
  kind: 'button' | 'select',
  values: string[],
  user = OTHER_MEMBER,
) {
  const handle =
    kind === 'select'
      ? await world.discord.select({ messageId: message.id, customId, values, user })
      : await world.discord.button({ messageId: message.id, customId, user });
  return answer(world, handle);
}

describe('forged custom_ids and values', () => {
  it.each([
    { id: 'paper:save', kind: 'select', says: 'no longer supported' },
    { id: 'paper:save:x', kind: 'select', says: 'no longer supported' },
    { id: 'paper:save:0:1', kind: 'select', says: 'no longer supported' },
    { id: 'paper:save:0', kind: 'button', says: 'no longer supported' },
    { id: 'paper:save1:2611.06000', kind: 'select', says: 'no longer supported' },
    { id: 'paper:save1:', kind: 'button', says: 'does not name papers' },
    { id: 'paper:save1:2611.06000:x', kind: 'button', says: 'no longer supported' },
    { id: 'paper:save1:2611.06000v1', kind: 'button', says: 'is not an arXiv id' },
    { id: `paper:save1:${'9'.repeat(80)}`, kind: 'button', says: 'is not an arXiv id' },
    { id: 'paper:saved:abc', kind: 'button', says: 'Run `/paper saved list` again' },
    { id: 'paper:saved:1:x', kind: 'button', says: 'Run `/paper saved list` again' },
    { id: 'paper:unsave:x', kind: 'select', says: 'Run `/paper saved list` again' },
    { id: 'paper:unsave:0', kind: 'button', says: 'Run `/paper saved list` again' },
    { id: 'privacy:delete', kind: 'button', says: 'Run `/privacy delete` again' },
    { id: `privacy:delete:${MEMBER.id}`, kind: 'button', says: 'Run `/privacy delete` again' },
    { id: 'privacy:keep', kind: 'button', says: 'Run `/privacy delete` again' },
    { id: 'privacy:x', kind: 'button', says: 'Run `/privacy delete` again' },
  ] as const)('$kind $id: a clear private answer; nobody’s data changes', async ({ id, kind, says }) => {
    await mark();
    const other = await member(OTHER_MEMBER.id);
    const message = forged(FIXTURE.text, id, kind, [ids[0]!]);
    expectPrivate(await press(message, id, kind, [ids[0]!]), says);
    expect(await member(OTHER_MEMBER.id)).toEqual(other);
    expect(world.discord.message(message.id)?.editedAt).toBeNull();
    await expectMemberUntouched();
  });

  it.each([
    { values: ['9999.99999'], says: 'is not an arXiv id' },
    { values: ['2612.09999'], says: 'is not archived' },
    { values: [ids[0]!, '2612.09999'], says: 'is not archived' },
    { values: [`${ids[0]!}v1`], says: 'is not an arXiv id' },
    { values: [`arXiv:${ids[0]!}`], says: 'is not an arXiv id' },
    { values: ['<@&520000000000000001>'], says: 'is not an arXiv id' },
    { values: ['__proto__'], says: 'is not an arXiv id' },
    { values: Array.from({ length: 25 }, (_, i) => `2611.${String(70000 + i)}`), says: 'is not archived' },
  ])('a "Save…" select sending $values saves nothing', async ({ values, says }) => {
    await mark();
    const other = await member(OTHER_MEMBER.id);
    const message = forged(FIXTURE.text, 'paper:save:0', 'select', values);
    const reply = await press(message, 'paper:save:0', 'select', values);
    expectPrivate(reply, 'nothing was saved');
    expectPrivate(reply, says);
    // A value is only ever quoted inside inline code, where nothing renders (and nothing may ping anyway).
    expect(reply.content).not.toMatch(/(?<!`)<@&/);
    expect(await member(OTHER_MEMBER.id)).toEqual(other);
    await expectMemberUntouched();
  });

  it('list buttons and “Remove…” on a message others see act on the clicker’s own list, privately', async () => {
    await mark();
    const other = await member(OTHER_MEMBER.id);
    const page = forged(FIXTURE.text, 'paper:saved:0', 'button');
    const listed = await press(page, 'paper:saved:0', 'button', []);
    expect(listed.ephemeral).toBe(true);
    expect(listed.id).not.toBe(page.id);
    expectNoTraceOfMember(JSON.stringify(listed.embeds));
    const remove = forged(FIXTURE.text, 'paper:unsave:0', 'select', [ids[0]!]);
    const removed = await press(remove, 'paper:unsave:0', 'select', [ids[0]!]);
    expectPrivate(removed, 'Those papers were not on your reading list any more.');
    for (const m of [page, remove]) expect(world.discord.message(m.id)?.editedAt).toBeNull();
    expect(await member(OTHER_MEMBER.id)).toEqual(other);
    await expectMemberUntouched();
  });
});

describe('in a direct message', () => {
  it('only the "Save…" select works; sharing, lists and deletion say they are for servers', async () => {
    await mark();
    const dm = world.discord.openDm(MEMBER.id);
    const cases = [
      { id: `paper:s:${ids[0]!}`, kind: 'button', says: 'Paperboy works inside servers only.' },
      { id: `paper:save1:${ids[0]!}`, kind: 'button', says: 'Paperboy works inside servers only.' },
      { id: 'paper:saved:0', kind: 'button', says: 'Paperboy works inside servers only.' },
      { id: 'privacy:delete', kind: 'button', says: 'Paperboy works inside servers only.' },
      { id: 'paper:o:AAAAAAAA', kind: 'select', says: 'Paperboy works inside servers only.' },
      { id: 'paper:save:0', kind: 'select', values: ['2612.09999'], says: 'nothing was saved' },
    ] as const;
    for (const c of cases) {
      const values = 'values' in c ? [...c.values] : [ids[0]!];
      const message = forged(dm, c.id, c.kind, values);
      const handle =
        c.kind === 'select'
          ? await world.discord.select({ messageId: message.id, customId: c.id, values })
          : await world.discord.button({ messageId: message.id, customId: c.id });
      expectPrivate(await answer(world, handle), c.says);
    }
    // Every answer was private: the DM holds the forged messages only.
    expect(world.discord.directMessages(MEMBER.id).every((m) => m.content === 'forged')).toBe(true);
    await expectMemberUntouched();
  });
});

describe('a flood of saves', () => {
  it(`answers the first ${SAVES_PER_MINUTE} a minute, refuses the rest privately, and serves others`, async () => {
    await mark();
    const flooder = { id: '420000000000000066' };
    const replies: FakeMessage[] = [];
    for (let i = 0; i < SAVES_PER_MINUTE + 6; i++) {
      const handle = await world.discord.select({
        messageId: digest.id,
        customId: 'paper:save:0',
        values: [ids[i % ids.length]!],
        user: flooder,
      });
      replies.push(await answer(world, handle));
    }
    expect(replies.every((r) => r.ephemeral)).toBe(true);
    expect(replies.filter((r) => SLOW.test(r.content))).toHaveLength(6);
    expect(replies.filter((r) => !SLOW.test(r.content))).toHaveLength(SAVES_PER_MINUTE);
    // Each paper once, however often it was chosen.
    expect((await member(flooder.id)).saved.map((s) => s.paperId).sort()).toEqual([...ids].sort());
    const bystander = await answer(
      world,
      await world.discord.select({
        messageId: digest.id,
        customId: 'paper:save:0',
        values: [ids[5]!],
        user: OTHER_MEMBER,
      }),
    );
    expect(bystander.content).not.toMatch(SLOW);
    world.clock.advance(61_000);
    const later = await answer(
      world,
      await world.discord.select({ messageId: digest.id, customId: 'paper:save:0', values: [ids[0]!], user: flooder }),
    );
    expect(later.content).toMatch(/^Already on your reading list/);
    await expectMemberUntouched();
  });

  it(`stops a reading list at ${MAX_SAVED} papers, and says so`, async () => {
    const full = { id: '420000000000000067' };
    await world.bot.app.store.state.updateMember(full.id, (m) => {
      m.saved = Array.from({ length: MAX_SAVED }, (_, i) => ({ paperId: `1501.${10000 + i}`, at: 'x', guildId: null }));
    });
    await mark();
    const reply = await answer(
      world,
      await world.discord.select({
        messageId: digest.id,
        customId: 'paper:save:0',
        values: ids.slice(0, 3),
        user: full,
      }),
    );
    expectPrivate(reply, `Your reading list is full (${MAX_SAVED} papers), so 3 papers could not be saved`);
    expect((await member(full.id)).saved).toHaveLength(MAX_SAVED);
    await expectMemberUntouched();
  });
});
