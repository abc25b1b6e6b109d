/**
 * /topic, /subscription and /settings in the member's language, end to end: a zh-CN member reads Chinese, an
 * en-GB member English, a member whose language Paperboy does not speak the server's (`/settings set language:`).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
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
  type Invocation,
} from './moderation-harness.js';

const G = FIXTURE.guildId;
let world: BotWorld;

const ZH: Invocation = { locale: 'zh-CN' };
const GB: Invocation = { locale: 'en-GB' };
const DE: Invocation = { locale: 'de' };

const custom = { slug: 'ssl', name: 'Self-supervised learning', categories: 'cs.LG', query: 'contrastive' };

beforeAll(async () => {
  world = await openWorld();
});
afterAll(async () => {
  await world.stop();
});
beforeEach(async () => {
  await resetGuild(world);
});

async function seedTopic(subscribed = false): Promise<void> {
  await world.bot.app.store.state.updateGuild(G, (state) => {
    state.topics = [topicFixture(G, { slug: 'ssl' })];
    state.subscriptions = subscribed ? [subscriptionFixture(G, { topicSlug: 'ssl' })] : [];
  });
}

function fieldsOf(answer: { embeds: Array<{ fields?: Array<{ name: string; value: string }> }> }) {
  return Object.fromEntries((answer.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
}

describe('a zh-CN member', () => {
  it('adds, lists, shows, edits and removes a topic in Chinese', async () => {
    const added = await run(world, 'topic', 'add', custom, ZH);
    expect(added.content).toBe(
      '已添加主题 **Self-supervised learning** (`ssl`)：cs.LG；查询 `contrastive`。\n' +
        '用 `/subscription add topic:ssl` 为频道订阅它；`/topic show slug:ssl` 可以预览最近的论文。',
    );

    const list = await run(world, 'topic', 'list', {}, ZH);
    expect(list.embeds[0]?.title).toBe('本服务器的主题');
    expect(list.embeds[0]?.footer?.text).toBe('1 个主题');
    expect(embedText(list)).toContain('cs.LG · 0 个订阅');

    const shown = fieldsOf(await run(world, 'topic', 'show', { slug: 'ssl' }, ZH));
    expect(Object.keys(shown)).toEqual([
      '标识',
      '分类',
      '颜色',
      '查询',
      '交叉列出',
      '论文新版本',
      '图片',
      '订阅',
      '上次更改',
      '最近的论文',
    ]);
    expect(shown['交叉列出']).toBe('是');
    expect(shown['图片']).toBe('开');
    expect(shown['订阅']).toBe('还没有订阅：`/subscription add topic:ssl`。');
    expect(shown['上次更改']).toMatch(/^<@\d+>，<t:\d+:R>$/);

    const edited = await run(world, 'topic', 'edit', { slug: 'ssl', updates: true }, ZH);
    expect(edited.content).toBe('已更新 **Self-supervised learning** (`ssl`)：updates。');

    const removed = await run(world, 'topic', 'remove', { slug: 'ssl' }, ZH);
    expect(removed.content).toBe('已删除主题 **Self-supervised learning** (`ssl`)。没有订阅被结束。');
    expectCleanDiscord(world);
  });

  it.each([
    {
      case: 'several problems, a line each',
      options: { ...custom, categories: 'bogus', color: 'blue' },
      says: [
        '`bogus` 不是 arXiv 分类（例如 cs.LG、math、astro-ph.EP）。',
        '`blue` 不是颜色：请使用 #RGB 或 #RRGGBB，例如 `#36c` 或 `#3366cc`。',
      ].join('\n'),
    },
    {
      case: 'a query that does not parse, its reason in Chinese too',
      options: { ...custom, query: '"open' },
      says: '查询无法解析：引号没有闭合：请补上结尾的 `"`（第 1 列）。',
    },
    {
      case: 'missing options',
      options: { slug: 'ssl' },
      says: '缺少：name, categories, query。也可以用 `catalog:` 添加现成的主题。',
    },
  ])('is refused in Chinese: $case, and nothing is written', async ({ options, says }) => {
    const answer = await run(world, 'topic', 'add', options, ZH);
    expect(answer.content.slice(0, says.length)).toBe(says);
    const state = await guildState(world);
    expect(state.topics).toEqual([]);
    expect(state.audit).toEqual([]);
  });

  it('is told in Chinese that a topic does not exist', async () => {
    const answer = await run(world, 'topic', 'edit', { slug: 'nope', name: 'x' }, ZH);
    expect(answer.content).toBe('本服务器没有主题 `nope`，目前还没有任何主题：请看 `/topic add`。');
  });

  it('pages a long topic list with Chinese buttons and footer', async () => {
    await world.bot.app.store.state.updateGuild(G, (state) => {
      state.topics = Array.from({ length: 12 }, (_, i) => topicFixture(G, { slug: `topic-${i + 10}` }));
    });
    const first = await run(world, 'topic', 'list', {}, ZH);
    expect(first.embeds[0]?.footer?.text).toBe('第 1 / 2 页 · 12 个主题');
    const labels = (first.components as Array<{ components: Array<{ label: string }> }>).flatMap((row) =>
      row.components.map((b) => b.label),
    );
    expect(labels).toEqual(['◀ 上一页', '下一页 ▶']);
    const next = buttonIds(first).find((b) => !b.disabled);
    if (!next) throw new Error('no enabled page button');
    const second = await click(world, first, next.id, ZH);
    expect(second.embeds[0]?.footer?.text).toBe('第 2 / 2 页 · 12 个主题');
  });

  it('subscribes, lists and unsubscribes in Chinese, and is refused in Chinese', async () => {
    await seedTopic();
    const added = await run(world, 'subscription', 'add', { topic: 'ssl', max_papers: 1 }, ZH);
    expect(added.content.split('\n')[0]).toBe(
      `已为 <#${FIXTURE.text}> 订阅 **Contrastive learning** (\`ssl\`)：每次论文推送最多 1 篇论文，作为频道消息发送。`,
    );
    expect(added.content).toMatch(/\n下次论文推送：<t:\d+:R>。$/);

    const list = await run(world, 'subscription', 'list', {}, ZH);
    expect(list.embeds[0]?.title).toBe('本服务器的订阅');
    expect(list.embeds[0]?.footer?.text).toBe('1 个订阅，分布在 1 个频道');
    expect(embedText(list)).toContain('最多 1 篇 · 尚未推送');

    const elsewhere = await run(world, 'subscription', 'remove', { topic: 'ssl', channel: FIXTURE.forum }, ZH);
    expect(elsewhere.content).toBe(
      `<#${FIXTURE.forum}> 没有订阅 **Contrastive learning** (\`ssl\`)。它在 <#${FIXTURE.text}> 中有订阅：加上 \`channel:\` 来选择其中一个。`,
    );
    const tooMany = await run(world, 'subscription', 'add', { topic: 'ssl', max_papers: 500 }, ZH);
    expect(tooMany.content).toBe('max_papers 必须在 1–100 之间。');

    const removed = await run(world, 'subscription', 'remove', { topic: 'ssl' }, ZH);
    expect(removed.content).toBe(
      `已取消 <#${FIXTURE.text}> 对 **Contrastive learning** (\`ssl\`) 的订阅。已发布的论文推送会保留在原处。`,
    );
  });

  it('reads and changes the settings in Chinese, the schedule in Chinese words', async () => {
    const shown = await run(world, 'settings', 'show', {}, ZH);
    expect(shown.embeds[0]?.title).toBe('本服务器的 Paperboy 设置');
    const fields = fieldsOf(shown);
    expect(fields['推送时间表']).toBe('`30 1 * * 1-5`：在01:30, 星期一至星期五（America/New_York 时间）');
    expect(fields['摘要长度']).toBe('600 个字符');
    expect(fields['语言']).toBe('服务器默认（English）');
    expect(fields['上次更改']).toBe('从未更改（默认值）');

    const saved = await run(world, 'settings', 'set', { schedule: '0 9 * * *', max_papers: 10 }, ZH);
    expect(saved.content.split('\n')).toEqual([
      '设置已保存。',
      expect.stringMatching(/^论文推送时间：在09:00（America\/New_York 时间）；下次：<t:\d+:F>（<t:\d+:R>），前提是/),
      '新订阅每次论文推送最多 10 篇论文；已有订阅保留各自的上限。',
    ]);
  });

  it.each([
    {
      case: 'a schedule with a bad field',
      options: { schedule: '61 7 * * *' },
      says:
        '`61 7 * * *`：分钟 61 超出范围（0–59）。' +
        '推送时间表由 5 个字段组成：分 时 日 月 星期，例如 `30 7 * * 1-5`（周一至周五 07:30）。',
    },
    {
      case: 'a schedule with too few fields, and an unknown time zone',
      options: { schedule: '30 7', timezone: 'Mars/Olympus' },
      says: [
        '`30 7`：这里有 2 个字段，而不是 5 个。推送时间表由 5 个字段组成：分 时 日 月 星期，例如 `30 7 * * 1-5`（周一至周五 07:30）。',
        'Paperboy 不认识时区 `Mars/Olympus`。请使用 IANA 名称，例如 `Europe/Berlin`、`America/New_York`、`Asia/Shanghai` 或 `UTC`（在 `timezone:` 中输入即可看到建议）。',
      ].join('\n'),
    },
    {
      case: 'nothing given',
      options: {},
      says: '没有可更改的内容：请至少提供 schedule, timezone, abstract_length, max_papers, venue_updates, language 中的一项。',
    },
  ])('is refused in Chinese by /settings set: $case', async ({ options, says }) => {
    const answer = await run(world, 'settings', 'set', options, ZH);
    expect(answer.content).toBe(says);
    expect((await guildState(world)).settings).toBeNull();
  });
});

describe('an en-GB member', () => {
  it('reads English replies and refusals', async () => {
    const list = await run(world, 'topic', 'list', {}, GB);
    expect(list.embeds[0]?.title).toBe('Topics of this server');
    const refused = await run(world, 'subscription', 'remove', { topic: 'nope' }, GB);
    expect(refused.content).toBe('This server has no topic `nope`. It has none yet: see `/topic add`.');
  });
});

describe('a member whose language Paperboy does not speak', () => {
  it('reads the server’s language: English by default, Chinese once a moderator chose it', async () => {
    await seedTopic(true);
    expect((await run(world, 'topic', 'list', {}, DE)).embeds[0]?.title).toBe('Topics of this server');

    await run(world, 'settings', 'set', { language: 'zh-CN' });
    expect((await run(world, 'topic', 'list', {}, DE)).embeds[0]?.title).toBe('本服务器的主题');
    expect((await run(world, 'subscription', 'list', {}, DE)).embeds[0]?.title).toBe('本服务器的订阅');
    const refused = await run(world, 'topic', 'show', { slug: 'nope' }, DE);
    expect(refused.content).toBe('本服务器没有主题 `nope`。现有主题：`ssl`。');
    const settings = fieldsOf(await run(world, 'settings', 'show', {}, DE));
    expect(settings['语言']).toBe('简体中文');

    // A member whose own language Paperboy speaks keeps it.
    expect((await run(world, 'topic', 'list', {}, GB)).embeds[0]?.title).toBe('Topics of this server');
  });
});

describe('/settings set language', () => {
  it('saves, shows and audits the choice; the same choice again changes nothing', async () => {
    expect(fieldsOf(await run(world, 'settings', 'show'))['Language']).toBe('server default (English)');

    const saved = await run(world, 'settings', 'set', { language: 'zh-CN' });
    expect(saved.content).toBe(`Settings saved.\n${t('en-US', 'settings.savedLanguage', { name: '简体中文' })}`);
    const state = await guildState(world);
    expect(state.settings?.language).toBe('zh-CN');
    expect(state.audit.at(-1)).toMatchObject({ userId: MOD.id, action: 'settings.set', detail: 'language zh-CN' });

    const shown = await run(world, 'settings', 'show');
    expect(fieldsOf(shown)['Language']).toBe('简体中文');
    expect(embedText(shown)).toContain(`<@${MOD.id}> settings.set: language zh-CN`);

    const again = await run(world, 'settings', 'set', { language: 'zh-CN' });
    expect(again.content).toBe('The settings already have those values; nothing changed.');
    expect((await guildState(world)).audit).toHaveLength(1);

    const back = await run(world, 'settings', 'set', { language: 'en-US' });
    expect(back.content).toContain('Language: English');
    expect((await guildState(world)).settings?.language).toBe('en-US');
    expectCleanDiscord(world);
  });

  it.each([
    { locale: undefined, says: '`fr` is not a language Paperboy speaks: pick one of en-US, zh-CN.' },
    { locale: 'zh-CN', says: 'Paperboy 不支持 `fr` 这种语言：请从 en-US, zh-CN 中选择。' },
  ])('refuses a language it does not speak ($locale) and writes nothing', async ({ locale, says }) => {
    const answer = await run(world, 'settings', 'set', { language: 'fr' }, locale ? { locale } : {});
    expect(answer.content).toBe(says);
    const state = await guildState(world);
    expect(state.settings).toBeNull();
    expect(state.audit).toEqual([]);
  });
});
