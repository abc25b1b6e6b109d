/**
 * The member commands in the member's own language, end to end through the fake Discord: a member whose Discord
 * speaks Simplified Chinese gets /paper, /digest, /follow and /privacy answers and refusals in Chinese, a member in
 * British English gets the English ones, and /follow keeps the member's language for their direct messages.
 */
import { describe, expect, it } from 'vitest';
import { commandData } from '../../commands/index.js';
import { emptyMemberState } from '../../src/store/schemas.js';
import type { FakeMessage } from '../fakes/fake-discord.js';
import { FIXTURE, useBotWorld, type BotWorld } from '../helpers/bot.js';
import {
  LIBRARY,
  MEMBER,
  MODERATOR,
  MONDAY,
  answer,
  assertClean,
  postDay,
  standardTopics,
} from './paper-digest-world.js';

const start = useBotWorld();

const ZH = 'zh-CN';
const GB = 'en-GB';

/** Monday's library posted in the fixture guild, with every command registered there. */
async function world(): Promise<BotWorld> {
  const w = await start({ now: MONDAY.noon, seed: standardTopics });
  await w.bot.client.application?.commands.set(commandData(), FIXTURE.guildId);
  await postDay(w, MONDAY, LIBRARY);
  return w;
}

interface Ask {
  subcommandGroup?: string;
  options?: Record<string, string | number | boolean>;
  user?: { id: string; roles?: string[] };
}

async function run(w: BotWorld, locale: string, name: string, subcommand: string, ask: Ask = {}) {
  const handle = await w.discord.command({
    channelId: FIXTURE.text,
    name,
    subcommand,
    ...(ask.subcommandGroup !== undefined ? { subcommandGroup: ask.subcommandGroup } : {}),
    options: ask.options ?? {},
    user: ask.user ?? MEMBER,
    locale,
  });
  return { handle, message: await answer(w, handle) };
}

const embed = (message: FakeMessage) => message.embeds[0] as Record<string, unknown> & { fields?: unknown[] };
const labels = (message: FakeMessage): string[] =>
  (message.components as Array<{ components: Array<{ label?: string; placeholder?: string }> }>)
    .flatMap((row) => row.components)
    .map((c) => c.label ?? c.placeholder ?? '');

describe('a member whose Discord speaks Simplified Chinese', () => {
  it('searches in Chinese: results, “no results” and a refusal', async () => {
    const w = await world();
    const { message: results } = await run(w, ZH, 'paper', 'search', { options: { query: 'contrastive' } });
    expect(embed(results)['title']).toBe('搜索：contrastive');
    expect((embed(results)['footer'] as { text: string }).text).toBe(
      '结果 第 1–2 条，共 2 条 · 第 1/1 页 · 本服务器推送过的论文',
    );
    expect(labels(results)).toEqual(['打开一篇论文…']);

    const { message: none } = await run(w, ZH, 'paper', 'search', { options: { query: 'quantum' } });
    expect(none.content).toBe(
      '在本服务器推送过的论文中没有与 `quantum` 匹配的论文。可以试试：用 `scope:all` 搜索整个论文库、减少关键词或换用更宽泛的词，或使用前缀，例如 `contrast*`。',
    );

    const { message: refused } = await run(w, ZH, 'paper', 'search', { options: { query: ' ' } });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe('请输入要搜索的内容：关键词、"精确短语"或前缀*。');
    assertClean(w);
  });

  it('shares results with the channel in the server’s language, and tells the member in theirs', async () => {
    const w = await world();
    const { handle, message: told } = await run(w, ZH, 'paper', 'search', {
      options: { query: 'contrastive', public: true },
    });
    expect(told.ephemeral).toBe(true);
    expect(told.content).toMatch(/^已在频道中分享/);
    const shared = await handle.waitForFollowup(1);
    expect(shared.ephemeral).toBe(false);
    expect(embed(shared)['title']).toBe('Search: contrastive');
    expect(labels(shared)).toEqual(['Open a paper…']);
    assertClean(w);
  });

  it('shows a paper with Chinese buttons, and refuses a bad id in Chinese', async () => {
    const w = await world();
    const { message } = await run(w, ZH, 'paper', 'show', { options: { id: '2611.02003' } });
    expect(labels(message)).toEqual(['发到频道', '收藏']);
    const { message: refused } = await run(w, ZH, 'paper', 'show', { options: { id: 'not-an-id' } });
    expect(refused.content).toMatch(/^`not-an-id` 不是 arXiv 编号。可以试试 `2205\.14459`、/);
    assertClean(w);
  });

  it('gets the reading list and its refusals in Chinese, and saving keeps the language', async () => {
    const w = await world();
    const { message: empty } = await run(w, ZH, 'paper', 'list', { subcommandGroup: 'saved' });
    expect(embed(empty)['title']).toBe('你的收藏');
    expect(embed(empty)['description']).toBe(
      '你的收藏还是空的。可以在论文推送下方的“收藏…”菜单中选择论文，或使用 `/paper show` 的收藏按钮。',
    );
    const { message: nothing } = await run(w, ZH, 'paper', 'export', { subcommandGroup: 'saved' });
    expect(nothing.content).toBe('你的收藏是空的，没有可导出的内容。请先在论文推送下方的“收藏…”菜单中选择论文。');
    // Nothing was kept about the member for asking: their language alone is not stored.
    expect(await w.bot.app.store.state.listMemberIds()).toEqual([]);

    const shown = await run(w, ZH, 'paper', 'show', { options: { id: '2611.02003' } });
    const saved = await answer(
      w,
      await w.discord.button({
        messageId: shown.message.id,
        customId: 'paper:save1:2611.02003',
        user: MEMBER,
        locale: ZH,
      }),
    );
    expect(saved.content).toMatch(/^已将 1 篇论文加入收藏：\*\*Contrastive pretraining of vision transformers\*\*。\n/);
    expect(saved.content).toMatch(/（已收藏 1 篇论文）。$/);
    expect((await w.bot.app.store.state.getMember(MEMBER.id)).locale).toBe(ZH);

    const { message: list } = await run(w, ZH, 'paper', 'list', { subcommandGroup: 'saved' });
    expect((embed(list)['footer'] as { text: string }).text).toBe('已收藏 1 篇论文（最多 500 篇）');
    expect(labels(list)).toEqual(['从收藏中移除…']);
    assertClean(w);
  });

  it('gets /digest today and /digest why in Chinese', async () => {
    const w = await world();
    const { message: today } = await run(w, ZH, 'digest', 'today');
    expect(today.content).toBe('本服务器的 **2026-11-23 论文推送**');
    expect(embed(today)['description']).toMatch(
      new RegExp(`^<#${FIXTURE.text}> · \\*\\*已发布 2 篇论文\\*\\*（1 条消息）`),
    );

    const { message: why } = await run(w, ZH, 'digest', 'why', { options: { id: '2611.02003' }, user: MODERATOR });
    expect(embed(why)['title']).toBe('为什么 2611.02003v1：Contrastive pretraining of vision transformers');
    expect(embed(why)['description']).toBe('出现在 2026-11-23 的列表中，类型为 new（v1）。');
    const text = JSON.stringify(embed(why)['fields']);
    expect(text).toContain('通过以下词语匹配了主题：\\"contrastive learning\\"、contrastive。');
    expect(text).toContain('已在 contrastive 的 2026-11-23 论文推送中发布。 [跳转到消息](');

    const { message: refused } = await run(w, ZH, 'digest', 'why', { options: { id: 'nonsense' }, user: MODERATOR });
    expect(refused.content).toBe('`nonsense` 不是 arXiv 编号。可以试试 `2205.14459` 或 `arXiv:2205.14459v2`。');
    assertClean(w);
  });

  it('follows in Chinese, and /follow add keeps the member’s language', async () => {
    const w = await world();
    const { message: added } = await run(w, ZH, 'follow', 'add', {
      options: { author: 'Ada Lovelace', categories: 'cs.LG' },
    });
    expect(added.content.split('\n')[0]).toBe('已关注 `f1`：作者 Ada Lovelace · 分类 cs.LG。');
    expect(added.content).toContain('每次最多 25 篇。Paperboy 通过私信发送');
    expect((await w.bot.app.store.state.getMember(MEMBER.id)).locale).toBe(ZH);

    const { message: again } = await run(w, ZH, 'follow', 'add', {
      options: { author: 'Ada Lovelace', categories: 'cs.LG' },
    });
    expect(again.content).toBe('你已经关注了这个（`f1`：作者 Ada Lovelace · 分类 cs.LG）。');
    const { message: nothing } = await run(w, ZH, 'follow', 'add');
    expect(nothing.content).toBe('请说明要关注什么：`author`、`query`、`categories`，或它们的组合。');

    const { message: list } = await run(w, ZH, 'follow', 'list');
    expect(embed(list)['title']).toBe('你的关注（1/20）');
    expect(embed(list)['fields']).toEqual([{ name: '私信', value: '开启' }]);
    assertClean(w);
  });

  it('gets /privacy in Chinese; the export shows the language and delete removes it', async () => {
    const w = await world();
    await run(w, ZH, 'follow', 'add', { options: { author: 'Ada Lovelace' } });
    const { handle, message: exported } = await run(w, ZH, 'privacy', 'export');
    expect(exported.content).toBe(
      'Paperboy 保存的关于你的全部数据：1 个关注、0 篇收藏的论文和你的私信设置，以及私信记录中的 0 篇论文。',
    );
    const data = JSON.parse(handle.files()[0]!.data.toString('utf8')) as { directMessages: { language: string } };
    expect(data.directMessages.language).toBe(ZH);

    const { message: confirm } = await run(w, ZH, 'privacy', 'delete');
    expect(confirm.content).toBe('这将删除1 个关注、0 篇收藏的论文和你的私信设置，且无法撤销。');
    expect(labels(confirm)).toEqual(['全部删除', '保留我的数据']);
    const done = await answer(
      w,
      await w.discord.button({ messageId: confirm.id, customId: 'privacy:delete', user: MEMBER, locale: ZH }),
    );
    expect(done.content).toMatch(
      /^已删除1 个关注、0 篇收藏的论文和你的私信设置，并已将你从 1 个服务器的关注者中移除。/,
    );
    expect(await w.bot.app.store.state.getMember(MEMBER.id)).toEqual(emptyMemberState(MEMBER.id));
    assertClean(w);
  });
});

describe('a member whose Discord speaks British English', () => {
  it('gets the English answers, and /follow add keeps en-US as their language', async () => {
    const w = await world();
    const { message: added } = await run(w, GB, 'follow', 'add', { options: { author: 'Ada Lovelace' } });
    expect(added.content.split('\n')[0]).toBe('Following `f1`: author Ada Lovelace.');
    expect((await w.bot.app.store.state.getMember(MEMBER.id)).locale).toBe('en-US');

    const { message: results } = await run(w, GB, 'paper', 'search', { options: { query: 'contrastive' } });
    expect(embed(results)['title']).toBe('Search: contrastive');
    const { message: none } = await run(w, GB, 'paper', 'search', { options: { query: 'quantum' } });
    expect(none.content).toMatch(/^No papers match `quantum` among the papers posted in this server\. Try /);
    const { message: today } = await run(w, GB, 'digest', 'today');
    expect(today.content).toBe('**Digests of 2026-11-23** in this server');
    assertClean(w);
  });
});
