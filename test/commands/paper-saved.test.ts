/**
 * The reading list end to end, through the fake Discord: the "Save…" select under a digest in a channel and under a
 * member's DM digest, the Save button of `/paper show`, `/paper saved list` with its pages and "Remove…" menu, and
 * `/paper saved export` read back as BibTeX. Every answer is private and nothing is posted in a channel.
 */
import { describe, expect, it } from 'vitest';
import { commandData } from '../../commands/index.js';
import { addFollow } from '../../src/members/service.js';
import type { FakeMessage } from '../fakes/fake-discord.js';
import { collapse, readBib, unescape } from '../helpers/bibtex-reader.js';
import { FIXTURE, useBotWorld, type BotWorld } from '../helpers/bot.js';
import { makeRecord } from '../store/papers.js';
import {
  LIBRARY,
  MEMBER,
  MONDAY,
  OTHER_MEMBER,
  answer,
  assertClean,
  customIds,
  postDay,
  selectValues,
  standardTopics,
} from './paper-digest-world.js';

const start = useBotWorld();

/** Monday's digests posted (contrastive in the text channel: 2611.02004 and 2611.02003), every command registered. */
async function posted(): Promise<BotWorld> {
  const world = await start({ now: MONDAY.noon, seed: standardTopics });
  await world.bot.client.application?.commands.set(commandData(), FIXTURE.guildId);
  await postDay(world, MONDAY, LIBRARY);
  return world;
}

function digestMessage(world: BotWorld, channelId: string = FIXTURE.text): FakeMessage {
  const message = world.discord.messages(channelId).find((m) => m.embeds.length > 0);
  if (!message) throw new Error('no digest message');
  return message;
}

async function choose(world: BotWorld, message: FakeMessage, values: string[], user: { id: string } = MEMBER) {
  const handle = await world.discord.select({
    messageId: message.id,
    customId: customIds(message)[0] ?? '',
    values,
    strict: true,
    user,
  });
  return { handle, reply: await answer(world, handle) };
}

const savedIds = async (world: BotWorld, userId: string) =>
  (await world.bot.app.store.state.getMember(userId)).saved.map((s) => s.paperId);

async function slash(world: BotWorld, group: string | null, subcommand: string, options = {}, user = MEMBER) {
  const handle = await world.discord.command({
    channelId: FIXTURE.text,
    name: group === 'privacy' ? 'privacy' : 'paper',
    ...(group === 'saved' ? { subcommandGroup: 'saved' } : {}),
    subcommand,
    options,
    user,
  });
  return { handle, message: await answer(world, handle) };
}

describe('the "Save…" select under a digest', () => {
  it('lists the message’s papers and saves the chosen ones for whoever chose them, privately', async () => {
    const world = await posted();
    const message = digestMessage(world);
    expect(customIds(message)).toEqual(['paper:save:0']);
    expect(selectValues(message)).toEqual(['2611.02004', '2611.02003']);
    const visible = world.discord.messages(FIXTURE.text).length;

    const { reply } = await choose(world, message, ['2611.02004', '2611.02003']);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      [
        'Saved 2 papers to your reading list: **Contrastive learning on graphs**; **Contrastive pretraining of vision transformers**.',
        '`/paper saved list` lists them, `/paper saved export` gives them as BibTeX (2 papers saved).',
      ].join('\n'),
    );
    expect(await savedIds(world, MEMBER.id)).toEqual(['2611.02004', '2611.02003']);
    const stored = (await world.bot.app.store.state.getMember(MEMBER.id)).saved[0];
    expect(stored).toEqual({ paperId: '2611.02004', at: MONDAY.noon.replace('Z', '.000Z'), guildId: FIXTURE.guildId });

    const again = await choose(world, message, ['2611.02003']);
    expect(again.reply.content).toMatch(/^Already on your reading list: \*\*Contrastive pretraining/);
    const other = await choose(world, message, ['2611.02003'], OTHER_MEMBER);
    expect(other.reply.content).toMatch(/^Saved 1 paper to your reading list/);
    expect(await savedIds(world, MEMBER.id)).toEqual(['2611.02004', '2611.02003']);
    expect(await savedIds(world, OTHER_MEMBER.id)).toEqual(['2611.02003']);

    // The digest message itself is untouched and nothing was posted.
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(visible);
    expect(world.discord.message(message.id)?.editedAt).toBeNull();
    assertClean(world);
  });

  it('rides along in a member’s DM digest and saves from there too (no server)', async () => {
    const world = await start({ now: MONDAY.noon, seed: standardTopics });
    await world.bot.client.application?.commands.set(commandData(), FIXTURE.guildId);
    await world.discord.addMember(FIXTURE.guildId, { id: MEMBER.id, username: 'member' });
    await addFollow(
      { state: world.bot.app.store.state, guildId: FIXTURE.guildId, userId: MEMBER.id, now: world.clock.now() },
      { author: 'Ada Lovelace', query: null, categories: null },
    );
    await postDay(world, MONDAY, LIBRARY);

    const [dm, ...more] = world.discord.directMessages(MEMBER.id);
    expect(more.filter((m) => m.embeds.length > 0)).toEqual([]);
    expect(dm?.embeds.map((e) => e['title'])).toEqual([
      'Diffusion models for image segmentation',
      'Contrastive pretraining of vision transformers',
    ]);
    expect(customIds(dm!)).toEqual(['paper:save:0']);
    expect(selectValues(dm!)).toEqual(['2611.02001', '2611.02003']);

    const { reply } = await choose(world, dm!, ['2611.02001']);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(
      /^Saved 1 paper to your reading list: \*\*Diffusion models for image segmentation\*\*/,
    );
    expect((await world.bot.app.store.state.getMember(MEMBER.id)).saved).toEqual([
      { paperId: '2611.02001', at: new Date(MONDAY.noon).toISOString(), guildId: null },
    ]);
    expect(world.discord.directMessages(MEMBER.id)).toHaveLength(1 + more.length);
    assertClean(world);
  });

  it('keeps working on a digest posted before a restart', async () => {
    const world = await posted();
    await world.restart();
    const { reply } = await choose(world, digestMessage(world, FIXTURE.announcement), ['2611.02002']);
    expect(reply.content).toMatch(/^Saved 1 paper to your reading list: \*\*Graph neural networks at scale\*\*/);
  });
});

describe('the Save button of /paper show', () => {
  it('saves the paper shown', async () => {
    const world = await posted();
    const { message } = await slash(world, null, 'show', { id: 'arXiv:2611.02002v1' });
    expect(customIds(message)).toEqual(['paper:s:2611.02002', 'paper:save1:2611.02002']);
    const reply = await answer(
      world,
      await world.discord.button({ messageId: message.id, customId: 'paper:save1:2611.02002', user: MEMBER }),
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Saved 1 paper to your reading list: \*\*Graph neural networks at scale\*\*/);
    expect(await savedIds(world, MEMBER.id)).toEqual(['2611.02002']);
    assertClean(world);
  });
});

describe('/paper saved list and export', () => {
  /** 23 archived papers saved one minute apart, 2611.03000 first (oldest). */
  async function longList(world: BotWorld): Promise<string[]> {
    const records = Array.from({ length: 23 }, (_, i) =>
      makeRecord({
        id: `2611.0${3000 + i}`,
        title: `Saved paper number ${i}`,
        authors: ['Grace Hopper', 'Ada Lovelace'],
        published: '2026-11-20T18:00:00Z',
        venue: i === 0 ? 'ICML 2026' : null,
      }),
    );
    await world.bot.app.store.archive.upsert(records);
    await world.bot.app.store.state.updateMember(MEMBER.id, (m) => {
      m.saved = records.map((r, i) => ({
        paperId: r.paper.id,
        at: new Date(Date.parse(MONDAY.noon) + i * 60_000).toISOString(),
        guildId: FIXTURE.guildId,
      }));
    });
    return records.map((r) => r.paper.id).reverse();
  }

  const fieldNames = (message: FakeMessage) =>
    ((message.embeds[0]?.['fields'] ?? []) as Array<{ name: string }>).map((f) => f.name);

  it('pages the list newest first, in place, and removes papers from it', async () => {
    const world = await posted();
    const newest = await longList(world);
    const { message: first } = await slash(world, 'saved', 'list');
    expect(first.ephemeral).toBe(true);
    expect(first.embeds[0]).toMatchObject({
      title: 'Your reading list',
      footer: { text: 'Page 1 of 3 · 23 saved papers (at most 500)' },
    });
    expect(fieldNames(first)).toEqual(
      newest.slice(0, 10).map((id) => `Saved paper number ${Number(id.slice(-4)) - 3000}`),
    );
    expect(customIds(first)).toEqual(['paper:saved:-1', 'paper:saved:1', 'paper:unsave:0']);
    expect(selectValues(first)).toEqual(newest.slice(0, 10));

    const next = await answer(
      world,
      await world.discord.button({ messageId: first.id, customId: 'paper:saved:1', user: MEMBER }),
    );
    expect(next.id).toBe(first.id);
    expect(next.embeds[0]?.['footer']).toEqual({ text: 'Page 2 of 3 · 23 saved papers (at most 500)' });
    expect(selectValues(next)).toEqual(newest.slice(10, 20));

    const removed = await answer(
      world,
      await world.discord.select({
        messageId: next.id,
        customId: 'paper:unsave:1',
        values: newest.slice(10, 12),
        strict: true,
        user: MEMBER,
      }),
    );
    expect(removed.id).toBe(first.id);
    expect(removed.content).toBe('Removed 2 papers from your reading list.');
    expect(removed.embeds[0]?.['footer']).toEqual({ text: 'Page 2 of 3 · 21 saved papers (at most 500)' });
    expect(await savedIds(world, MEMBER.id)).toHaveLength(21);
    expect(await savedIds(world, MEMBER.id)).not.toContain(newest[10]);

    const { message: last } = await slash(world, 'saved', 'list', { page: 3 });
    expect(selectValues(last)).toEqual(newest.slice(22));
    expect(world.discord.messages(FIXTURE.text).filter((m) => m.embeds[0]?.['title'] === 'Your reading list')).toEqual(
      [],
    );
    assertClean(world);
  });

  it('says how to fill an empty list, and has nothing to export', async () => {
    const world = await posted();
    const { message } = await slash(world, 'saved', 'list');
    expect(message.embeds[0]?.['description']).toMatch(
      /^Your reading list is empty\. Choose papers in the “Save…” menu/,
    );
    expect(message.components).toEqual([]);
    const { handle, message: exported } = await slash(world, 'saved', 'export');
    expect(exported.ephemeral).toBe(true);
    expect(exported.content).toMatch(/^Your reading list is empty, so there is nothing to export\./);
    expect(handle.files()).toEqual([]);
  });

  it('exports the list as a .bib file that reads back as the papers saved', async () => {
    const world = await posted();
    const newest = await longList(world);
    await choose(world, digestMessage(world), ['2611.02003']);
    const { handle, message } = await slash(world, 'saved', 'export');
    expect(message.ephemeral).toBe(true);
    expect(message.content).toMatch(/^Your reading list as BibTeX: 24 entries\. Zotero imports `paperboy-saved\.bib`/);
    const [file, ...others] = handle.files();
    expect(others).toEqual([]);
    expect(file?.filename).toBe('paperboy-saved.bib');
    const entries = readBib(file!.data.toString('utf8'));
    expect(entries.map((e) => e.fields.get('eprint'))).toEqual(['2611.02003', ...newest]);
    expect(new Set(entries.map((e) => e.key)).size).toBe(24);
    expect(entries[0]).toEqual({
      type: 'misc',
      key: 'lovelace2026contrastive',
      fields: new Map([
        ['title', 'Contrastive pretraining of vision transformers'],
        ['author', 'Ada Lovelace and Katherine Johnson'],
        ['year', '2026'],
        ['eprint', '2611.02003'],
        ['archiveprefix', 'arXiv'],
        ['primaryclass', 'cs.LG'],
        ['url', 'https://arxiv.org/abs/2611.02003'],
      ]),
    });
    const oldest = entries.at(-1)!;
    expect(unescape(oldest.fields.get('title') ?? '')).toBe(collapse('Saved paper number 0'));
    expect(oldest.fields.get('note')).toBe('ICML 2026');
    expect(oldest.key).toMatch(/^hopper2026saved[a-w]$/);
    assertClean(world);
  });
});
