/**
 * `/privacy export` and `/privacy delete` end to end, through the fake Discord: the member's own data as a JSON
 * attachment, and its deletion after a confirmation, with every answer private and other members untouched.
 */
import { describe, expect, it } from 'vitest';
import { commandData } from '../../commands/index.js';
import { memberGuild } from '../../src/members/digests.js';
import { addFollow } from '../../src/members/service.js';
import { emptyMemberState } from '../../src/store/schemas.js';
import { FIXTURE, useBotWorld, type BotWorld } from '../helpers/bot.js';
import {
  LIBRARY,
  MEMBER,
  MONDAY,
  OTHER_MEMBER,
  answer,
  assertClean,
  customIds,
  postDay,
  standardTopics,
} from './paper-digest-world.js';

const start = useBotWorld();

/**
 * Monday posted; MEMBER and OTHER_MEMBER both follow Ada Lovelace from the fixture guild (so both got a DM) and
 * each saved a paper from the channel's digest.
 */
async function withData(): Promise<BotWorld> {
  const world = await start({ now: MONDAY.noon, seed: standardTopics });
  await world.bot.client.application?.commands.set(commandData(), FIXTURE.guildId);
  for (const user of [MEMBER, OTHER_MEMBER]) {
    await world.discord.addMember(FIXTURE.guildId, { id: user.id });
    await addFollow(
      { state: world.bot.app.store.state, guildId: FIXTURE.guildId, userId: user.id, now: world.clock.now() },
      { author: 'Ada Lovelace', query: null, categories: 'cs.LG' },
    );
  }
  await postDay(world, MONDAY, LIBRARY);
  const digest = world.discord.messages(FIXTURE.text).find((m) => m.embeds.length > 0)!;
  for (const [user, id] of [
    [MEMBER, '2611.02004'],
    [OTHER_MEMBER, '2611.02003'],
  ] as const) {
    await answer(
      world,
      await world.discord.select({ messageId: digest.id, customId: 'paper:save:0', values: [id], user }),
    );
  }
  return world;
}

async function privacy(world: BotWorld, subcommand: 'export' | 'delete', user: { id: string } = MEMBER) {
  const handle = await world.discord.command({ channelId: FIXTURE.text, name: 'privacy', subcommand, user });
  return { handle, message: await answer(world, handle) };
}

async function click(world: BotWorld, messageId: string, customId: string, user: { id: string } = MEMBER) {
  return answer(world, await world.discord.button({ messageId, customId, user }));
}

describe('/privacy export', () => {
  it('attaches the member’s data as JSON, and nothing of another member', async () => {
    const world = await withData();
    const { handle, message } = await privacy(world, 'export');
    expect(message.ephemeral).toBe(true);
    expect(message.content).toBe(
      'Everything Paperboy keeps about you: 1 follow, 1 saved paper and your direct-message settings, and 2 papers in the record of your direct messages.',
    );
    const [file, ...others] = handle.files();
    expect(others).toEqual([]);
    expect(file?.filename).toBe('paperboy-data.json');
    const data = JSON.parse(file!.data.toString('utf8')) as Record<string, unknown>;
    const dmChannel = world.discord.dmChannelId(MEMBER.id);
    const stored = await world.bot.app.store.state.getMember(MEMBER.id);
    expect(stored.follows).toMatchObject([{ guildId: FIXTURE.guildId, author: 'Ada Lovelace', categories: ['cs.LG'] }]);
    expect(stored.saved).toMatchObject([{ paperId: '2611.02004', guildId: FIXTURE.guildId }]);
    expect(data).toEqual({
      format: 'paperboy-member-data/1',
      exportedAt: MONDAY.noon.replace('Z', '.000Z'),
      userId: MEMBER.id,
      follows: stored.follows,
      saved: stored.saved,
      directMessages: {
        channelId: dmChannel,
        off: false,
        paused: null,
        lastListingByServer: { [FIXTURE.guildId]: MONDAY.date },
        // Kept when the member saved a paper (the fake Discord's members speak en-US).
        language: 'en-US',
      },
      directMessagePapers: ['2611.02001', '2611.02003'],
    });
    const text = file!.data.toString('utf8');
    expect(text).not.toContain(OTHER_MEMBER.id);
    expect(text).not.toContain(world.discord.dmChannelId(OTHER_MEMBER.id));
    assertClean(world);
  });

  it('says there is nothing for a member with no data, and still attaches the (empty) file', async () => {
    const world = await withData();
    const { handle, message } = await privacy(world, 'export', { id: '420000000000000077' });
    expect(message.content).toMatch(/^Everything Paperboy keeps about you: 0 follows and 0 saved papers, and 0 papers/);
    const data = JSON.parse(handle.files()[0]!.data.toString('utf8')) as { follows: unknown[]; saved: unknown[] };
    expect([data.follows, data.saved]).toEqual([[], []]);
  });
});

describe('/privacy delete', () => {
  it('asks first; “Keep my data” keeps it', async () => {
    const world = await withData();
    const { message } = await privacy(world, 'delete');
    expect(message.ephemeral).toBe(true);
    expect(message.content).toBe(
      'This deletes 1 follow, 1 saved paper and your direct-message settings. It cannot be undone.',
    );
    expect(customIds(message)).toEqual(['privacy:delete', 'privacy:keep']);
    const kept = await click(world, message.id, 'privacy:keep');
    expect(kept.id).toBe(message.id);
    expect(kept.content).toBe('Nothing was deleted.');
    expect(kept.components).toEqual([]);
    expect((await world.bot.app.store.state.getMember(MEMBER.id)).saved).toHaveLength(1);
  });

  it('on confirmation, deletes the member’s data and takes them off the followers, and no one else’s', async () => {
    const world = await withData();
    const other = await world.bot.app.store.state.getMember(OTHER_MEMBER.id);
    const othersRecord = await world.bot.app.store.delivery.postedInGuild(memberGuild(OTHER_MEMBER.id));
    const { message } = await privacy(world, 'delete');
    const done = await click(world, message.id, 'privacy:delete');
    expect(done.id).toBe(message.id);
    expect(done.ephemeral).toBe(true);
    expect(done.content).toMatch(
      /^Deleted 1 follow, 1 saved paper and your direct-message settings, the record of \d+ direct message digests? sent to you, and took you off the followers of 1 server\. Paperboy keeps nothing else about you\.$/,
    );
    expect(done.components).toEqual([]);
    const { state, delivery } = world.bot.app.store;
    expect(await state.getMember(MEMBER.id)).toEqual(emptyMemberState(MEMBER.id));
    expect(await state.listMemberIds()).toEqual([OTHER_MEMBER.id]);
    expect((await state.getGuild(FIXTURE.guildId)).followers).toEqual([OTHER_MEMBER.id]);
    expect(await state.getMember(OTHER_MEMBER.id)).toEqual(other);
    // The record of the DMs sent to the member went too; another member's stays.
    expect(await delivery.postedInGuild(memberGuild(MEMBER.id))).toEqual([]);
    expect(await delivery.postedInGuild(memberGuild(OTHER_MEMBER.id))).toEqual(othersRecord);

    // The command again: nothing left.
    expect((await privacy(world, 'delete')).message.content).toBe(
      'Paperboy keeps nothing about you: no follows, no saved papers, no direct-message settings.',
    );
    // No more DMs for the member on the next listing.
    const before = world.discord.directMessages(MEMBER.id).length;
    await world.bot.app.runner.runFollowers(FIXTURE.guildId, MONDAY.date);
    expect(world.discord.directMessages(MEMBER.id)).toHaveLength(before);
    assertClean(world);
  });
});
