/**
 * A server's digests and notices in its language, through the real bot and the fake Discord: the language a
 * moderator chose (`/settings set language`), else the server's own (Discord's `preferred_locale`, from
 * GUILD_CREATE), else English as it always was. A digest is written when it is planned: one resent after a
 * failure is the same, byte for byte, even if the language changed in between.
 */
import { describe, expect, it } from 'vitest';
import type { GuildSettings } from '../../src/store/types.js';
import { run } from '../commands/moderation-harness.js';
import type { FakeMessage } from '../fakes/fake-discord-types.js';
import { FIXTURE, FIXTURE_GUILD, makePapers, subscription, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';

const start = useBotWorld();
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';

type Embed = { description?: string; footer?: { text?: string }; fields?: Array<{ name: string }> };
type Select = { placeholder?: string };
const embedsOf = (messages: readonly FakeMessage[]) => messages.flatMap((m) => m.embeds as Embed[]);
const placeholdersOf = (messages: readonly FakeMessage[]) =>
  messages.flatMap((m) =>
    (m.components as Array<{ components: Select[] }>).flatMap((row) => row.components.map((c) => c.placeholder)),
  );

function settings(guildId: string, language?: string): GuildSettings {
  return {
    guildId,
    schedule: '30 1 * * 1-5',
    timezone: 'America/New_York',
    abstractLength: 600,
    maxPapers: 25,
    ...(language === undefined ? {} : { language }),
    changed: null,
  };
}

function seeded(language?: string, channelId: string = FIXTURE.text) {
  return (guildId: string) => ({
    topics: [topic(guildId)],
    subscriptions: [subscription(guildId, { channelId })],
    ...(language === undefined ? {} : { settings: settings(guildId, language) }),
  });
}

async function digestOf(world: BotWorld): Promise<FakeMessage[]> {
  world.serveListing('cs.LG', LISTING_DATE, makePapers(12, { matchEvery: 2 }));
  await world.bot.app.runGuild(FIXTURE.guildId);
  return world.discord.messages(FIXTURE.text);
}

/** The words of a Chinese digest: header, field names, footer, matched line, save menu. */
function expectChinese(posted: readonly FakeMessage[]): void {
  expect(posted[0]?.content).toBe('📰 **Contrastive learning** — 6 篇新论文 · 2026年11月24日');
  const embeds = embedsOf(posted);
  expect(embeds).toHaveLength(6);
  for (const embed of embeds) {
    expect(embed.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['分类', '发布日期']));
    expect(embed.fields?.map((f) => f.name)).not.toContain('Categories');
    expect(embed.footer?.text).toMatch(/^arXiv:2611\.\d+v1 · cs\.LG · 新论文$/);
    expect(embed.description?.split('\n')[1]).toMatch(/^匹配：/);
  }
  expect(new Set(placeholdersOf(posted))).toEqual(new Set(['收藏到你的阅读列表…']));
}

describe('digests in the server’s language', () => {
  it('writes the digest in Chinese when the server chose zh-CN', async () => {
    const world = await start({ seed: seeded('zh-CN') });
    expectChinese(await digestOf(world));
    expect(world.discord.violations).toEqual([]);
  });

  it('writes the digest in Chinese when Discord says the server’s language is zh-CN and none was chosen', async () => {
    const world = await start({
      seed: seeded(),
      discord: { guilds: [{ ...FIXTURE_GUILD, preferredLocale: 'zh-CN' }] },
    });
    // Recorded from GUILD_CREATE, after the bot is ready.
    await expect
      .poll(async () => (await world.bot.app.store.state.getGuild(FIXTURE.guildId)).locale, { timeout: 2000 })
      .toBe('zh-CN');
    expectChinese(await digestOf(world));
  });

  it('keeps an English server’s digest as it was', async () => {
    const world = await start({ seed: seeded() });
    const posted = await digestOf(world);
    expect(posted[0]?.content).toBe('📰 **Contrastive learning** — 6 new papers · 2026-11-24');
    for (const embed of embedsOf(posted)) {
      expect(embed.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['Categories', 'Announced']));
      expect(embed.footer?.text).toMatch(/^arXiv:2611\.\d+v1 · cs\.LG · new$/);
      expect(embed.description?.split('\n')[1]).toBe('matched: "contrastive learning"');
    }
    expect(new Set(placeholdersOf(posted))).toEqual(new Set(['Save papers to your reading list…']));
    expect((await world.bot.app.store.state.getGuild(FIXTURE.guildId)).locale).toBeUndefined();
  });

  it('tells the moderators of a Chinese server in Chinese when a channel pauses', async () => {
    const world = await start({
      seed: seeded('zh-CN', FIXTURE.hidden),
      discord: { guilds: [{ ...FIXTURE_GUILD, systemChannelId: FIXTURE.announcement }] },
    });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(4));
    await world.bot.app.runGuild(FIXTURE.guildId);
    const [notice, ...more] = world.discord.messages(FIXTURE.announcement);
    expect(more).toEqual([]);
    expect(notice?.content).toMatch(
      new RegExp(
        `^Paperboy 已暂停 <#${FIXTURE.hidden}> 的论文推送：机器人在那里缺少以下权限：View Channel.*。请修复该频道或机器人在那里的权限，然后再次运行 \`/subscription add\` 以恢复推送。$`,
      ),
    );
    // What the subscription keeps (and /subscription list shows) is the English reason, as before.
    const [sub] = (await world.bot.app.store.state.getGuild(FIXTURE.guildId)).subscriptions;
    expect(sub?.paused?.reason).toMatch(/^the bot is missing View Channel/);
  });

  it('resends a digest cut short byte for byte as planned, though the language changed since', async () => {
    const world = await start({ seed: seeded('zh-CN') });
    // Discord is down after the first message: the rest of the digest stays pending.
    const outage = world.discord.fail({
      method: 'POST',
      path: `/channels/${FIXTURE.text}/messages`,
      skip: 1,
      times: 1000,
      status: 503,
    });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(30, { matchEvery: 1 }));
    await world.bot.app.runGuild(FIXTURE.guildId);
    const store = world.bot.app.store;
    const [pending] = await store.delivery.pendingDigests(FIXTURE.text);
    expect(pending?.messages.length).toBeGreaterThan(1);
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(1);

    await store.state.updateGuild(FIXTURE.guildId, (state) => {
      state.settings = settings(FIXTURE.guildId, 'en-US');
    });
    outage.cancel();
    await world.restart();
    await expect.poll(async () => (await world.bot.app.store.delivery.pendingDigests()).length).toBe(0);

    const posted = world.discord.messages(FIXTURE.text);
    expect(posted).toHaveLength(pending?.messages.length ?? -1);
    const planned = pending?.messages.map((m) => m.body as { content?: string; embeds: unknown[] }) ?? [];
    expect(posted.map((m) => ({ content: m.content || undefined, embeds: m.embeds }))).toEqual(
      planned.map((b) => ({ content: b.content, embeds: b.embeds })),
    );
    expect(posted[0]?.content).toMatch(/篇新论文/);
    expect(JSON.stringify(posted.map((m) => m.embeds))).not.toContain('"Categories"');
  });

  it('writes a member’s follow DM in the member’s language, else in the server’s', async () => {
    const alice = { id: '430000000000000001', username: 'alice' };
    const bob = { id: '430000000000000002', username: 'bob' };
    const world = await start({
      seed: (guildId) => ({ topics: [topic(guildId)], settings: settings(guildId, 'zh-CN') }),
      discord: { guilds: [{ ...FIXTURE_GUILD, members: [alice, bob] }] },
    });
    // Alice's Discord speaks English, which /follow add keeps; Bob's speaks a language Paperboy does not (nothing kept).
    await run(world, 'follow', 'add', { query: 'contrastive' }, { user: alice, locale: 'en-US' });
    await run(world, 'follow', 'add', { query: 'contrastive' }, { user: bob, locale: 'de' });
    expect((await world.bot.app.store.state.getMember(alice.id)).locale).toBe('en-US');
    expect((await world.bot.app.store.state.getMember(bob.id)).locale).toBeUndefined();
    world.serveListing('cs.LG', LISTING_DATE, makePapers(4));
    await world.bot.app.runGuild(FIXTURE.guildId);

    const [toAlice] = world.discord.directMessages(alice.id);
    expect(toAlice?.content).toBe('📰 **Your follows** — 4 new papers · 2026-11-24');
    const [toBob] = world.discord.directMessages(bob.id);
    expect(toBob?.content).toBe('📰 **你的关注** — 4 篇新论文 · 2026年11月24日');
    expect((toBob?.embeds as Embed[])[0]?.fields?.map((f) => f.name)).toContain('分类');
    expect(world.discord.violations).toEqual([]);
  });
});
