/**
 * Digests, venue updates, notices and the preview in Simplified Chinese: the catalog's words in every place
 * English had its own, dates written the Chinese way, and every Discord limit kept with long Chinese text
 * (counted in UTF-16 units, as Discord counts it: a character outside the BMP is two).
 */
import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { digestName } from '../../src/digest/kinds.js';
import { DeliveryError } from '../../src/digest/poster.js';
import { venueUpdateRecord } from '../../src/digest/venue-updates.js';
import { planDigestMessages, type DigestInput } from '../../src/discord/render/digest-messages.js';
import { formatAuthors, matchedLine, paperEmbed } from '../../src/discord/render/embed.js';
import { embedLength, embedsLength, LIMITS, validateMessage } from '../../src/discord/render/limits.js';
import { digestPreviewHtml } from '../../src/discord/render/preview-html.js';
import { renderVenueUpdate } from '../../src/discord/render/venue-updates.js';
import type { Paper } from '../../src/papers/paper.js';
import { seededRandom } from '../helpers/random.js';
import { embedProblems, makePaper } from './render-helpers.js';

const topic = { name: '对比学习', color: 0x2b8a3e, slug: 'contrastive' };
const paperN = (i: number, overrides: Partial<Paper> = {}): Paper =>
  makePaper({
    id: `2401.${String(i).padStart(5, '0')}`,
    absUrl: `https://arxiv.org/abs/2401.${String(i).padStart(5, '0')}`,
    ...overrides,
  });

function input(count: number, overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    topic,
    date: '2024-01-15',
    papers: Array.from({ length: count }, (_, i) => ({ paper: paperN(i) })),
    totalMatched: count,
    mentionRoleId: null,
    abstractLength: 400,
    nonceBase: 'g1:c1:contrastive:2024-01-15',
    locale: 'zh-CN',
    ...overrides,
  };
}

// Common hanzi (BMP, one unit each), CJK Extension B (outside the BMP, two units each) and Chinese punctuation.
const HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
const ASTRAL = ['𠀀', '𠀁', '𠀂', '𠁆', '𠂇', '𠃌', '𡈽', '𢀖', '𤆍', '𪚥'];
const PUNCTUATION = ['，', '。', '；', '：', '、', '（', '）', '“', '”', ' '];

/** Chinese text of `units` UTF-16 units or a little more, from a seeded generator: hanzi, astral hanzi, punctuation. */
function chinese(random: () => number, units: number): string {
  let text = '';
  while (text.length < units) {
    const roll = random();
    if (roll < 0.08) text += ASTRAL[Math.floor(random() * ASTRAL.length)];
    else if (roll < 0.18) text += PUNCTUATION[Math.floor(random() * PUNCTUATION.length)];
    else text += HAN[Math.floor(random() * HAN.length)];
  }
  return text;
}

/** No character outside the BMP cut in half anywhere. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function texts(embed: APIEmbed): string[] {
  return [
    embed.title ?? '',
    embed.description ?? '',
    embed.footer?.text ?? '',
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
  ];
}

describe('a digest in Simplified Chinese', () => {
  it('writes the header, field names, footer, author line, matched line and save menu in Chinese', () => {
    const papers = [
      {
        paper: paperN(1, { announceType: 'cross' }),
        topicNames: ['对比学习', '多模态'],
        matched: [
          {
            name: '对比学习',
            explanation: { terms: [{ text: '"contrastive"', authors: ['Hritik Bansal'] }], categories: ['cs.LG'] },
          },
          { name: '多模态', explanation: { terms: [{ text: 'image-text' }], categories: [] } },
        ],
      },
      { paper: paperN(2, { withdrawn: true }) },
    ];
    const [first, ...rest] = planDigestMessages(input(2, { papers, totalMatched: 5, moreHint: '/paper search x' }));
    expect(rest).toEqual([]);
    expect(first?.body.content).toBe(
      '📰 **对比学习** — 5 篇新论文，显示前 2 篇 · 2024年1月15日\n……另有 3 篇匹配的论文未显示。可用 `/paper search x` 查看。',
    );
    const [one, two] = first?.body.embeds ?? [];
    expect(one?.fields?.map((f) => f.name)).toEqual(['会议/期刊', '代码', 'PDF', '分类', '发布日期']);
    expect(one?.fields?.at(-1)?.value).toBe('2022年5月31日');
    expect(one?.footer?.text).toBe('arXiv:2401.00001v2 · cs.CV · 交叉列出 · 主题：对比学习, 多模态');
    const [authors, matched] = (one?.description ?? '').split('\n');
    expect(authors).toBe('*Shashank Goel, Hritik Bansal, Sumit Bhatia 等（另 3 人）*');
    expect(matched).toBe('匹配：作者 Hritik Bansal (对比学习); image-text (多模态)');
    expect(two?.title?.startsWith('⛔ 已撤回：')).toBe(true);
    expect(two?.fields?.[0]).toEqual({ name: '状态', value: '已由作者撤回', inline: true });
    const select = first?.body.components?.[0]?.components[0];
    expect(select?.placeholder).toBe('收藏到你的阅读列表…');
    expect(select?.options[0]?.description).toBe('arXiv:2401.00001 · Shashank Goel 等');
  });

  it('says so when nothing is new, and names a nameless topic', () => {
    const [only] = planDigestMessages(input(0, { topic: { name: '', slug: '', color: 1 } }));
    expect(only?.body.content).toBe('📰 **论文推送** — 没有新论文 · 2024年1月15日');
  });

  it('leaves English as it was: the default locale and en-US give the same bodies', () => {
    const { locale: _zh, ...given } = input(3, { totalMatched: 7 });
    const english = planDigestMessages(given);
    expect(planDigestMessages({ ...given, locale: 'en-US' })).toEqual(english);
    expect(english[0]?.body.content).toBe(
      '📰 **对比学习** — 3 of 7 new papers · 2024-01-15\n…and 4 more matching papers.',
    );
    expect(english[0]?.body.embeds[0]?.fields?.map((f) => f.name)).toEqual([
      'Venue',
      'Code',
      'PDF',
      'Categories',
      'Announced',
    ]);
  });

  it('keeps the `matched:` line and the author list within their bounds in Chinese', () => {
    const terms = Array.from({ length: 40 }, (_, i) => ({ text: `术语${i}`.repeat(6) }));
    const line = matchedLine([{ name: 'x', explanation: { terms, categories: [] } }], 'zh-CN');
    expect(line.startsWith('匹配：')).toBe(true);
    expect(line).toMatch(/ …… 另有 \d+ 项$/);
    expect(line.length).toBeLessThanOrEqual(300);
    const many = Array.from({ length: 12 }, (_, i) => '张'.repeat(90) + String(i));
    const authors = formatAuthors(many, 120, 'zh-CN');
    expect(authors.length).toBeLessThanOrEqual(120);
    expect(authors).toMatch(/等（另 11 人）$/);
  });

  it('keeps every Discord limit with long Chinese titles, abstracts, authors and topics (seeded)', () => {
    const random = seededRandom(20261207);
    let cut = 0;
    for (let run = 0; run < 40; run++) {
      const count = 1 + Math.floor(random() * 30);
      const papers = Array.from({ length: count }, (_, i) => ({
        paper: paperN(i, {
          title: chinese(random, 100 + Math.floor(random() * 400)),
          abstract: chinese(random, 500 + Math.floor(random() * 5000)),
          authors: Array.from({ length: 1 + Math.floor(random() * 30) }, () => chinese(random, 2 + random() * 150)),
          venue: chinese(random, random() * 300),
          comment: null,
        }),
        topicNames: Array.from({ length: 1 + Math.floor(random() * 6) }, () => chinese(random, 5 + random() * 100)),
        matched: [
          { name: chinese(random, 90), explanation: { terms: [{ text: chinese(random, 120) }], categories: [] } },
        ],
      }));
      const given = input(count, {
        papers,
        totalMatched: count + Math.floor(random() * 50),
        topic: { name: chinese(random, 150), slug: 'zh', color: 0xff0000 },
        abstractLength: 4096,
        moreHint: `/paper search query:… topic:zh since:2024-01-15`,
      });
      const planned = planDigestMessages(given);
      expect(planned.flatMap((m) => m.paperIds)).toEqual(papers.map((p) => p.paper.id));
      for (const { body } of planned) {
        expect(validateMessage(body)).toEqual([]);
        expect(body.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
        expect(embedsLength(body.embeds)).toBeLessThanOrEqual(LIMITS.messageEmbedChars);
        expect((body.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
        for (const embed of body.embeds) {
          expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.messageEmbedChars);
          expect((embed.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
          expect((embed.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
          for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
          for (const text of texts(embed)) expect(text).not.toMatch(loneSurrogate);
          expect(embedProblems(embed)).toEqual([]);
          if ((embed.title ?? '').endsWith('…')) cut++;
        }
      }
    }
    // The titles were long enough to be cut: the limits were met by cutting, not by luck.
    expect(cut).toBeGreaterThan(50);
  });

  it('counts a character outside the BMP as two units, as Discord does', () => {
    const embed = paperEmbed(paperN(1, { title: '𠀀'.repeat(300), abstract: '𠀁'.repeat(6000) }), {
      color: 0,
      abstractLength: 4096,
      locale: 'zh-CN',
    });
    expect(embed.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.title?.length).toBeGreaterThan(LIMITS.embedTitle - 4);
    expect(embed.title).not.toMatch(loneSurrogate);
    expect(embed.description).not.toMatch(loneSurrogate);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.messageEmbedChars);
  });
});

describe('a venue update in Simplified Chinese', () => {
  const line = (i: number, title: string) => ({
    paperId: `2401.${String(i).padStart(5, '0')}`,
    title,
    venue: 'NeurIPS 2026',
    version: 3,
    url: `https://discord.com/channels/1/2/${i}`,
  });

  it('writes its header, lines and thread name in Chinese, within 2,000 units', () => {
    const random = seededRandom(7);
    const lines = Array.from({ length: 40 }, (_, i) => line(i, chinese(random, 180)));
    const { body, paperIds } = renderVenueUpdate(
      { audience: 'channel', date: '2026-11-24', lines, locale: 'zh-CN' },
      'k',
    );
    const content = body.content ?? '';
    expect(content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(content.split('\n')[0]).toBe('🎓 **新录用** — 本频道推送过的论文 · 2026年11月24日');
    expect(content.split('\n')[1]).toMatch(/^\*\*.+\*\* — 已被 \*\*NeurIPS 2026\*\* 录用（v3）— \[原推送\]\(https:/);
    expect(content.split('\n').at(-1)).toBe(`……另有 ${40 - paperIds.length} 篇将在下次通知中列出。`);
    expect(paperIds.length).toBeGreaterThan(0);
    expect(validateMessage(body)).toEqual([]);
    const record = venueUpdateRecord({
      guildId: 'g',
      channelId: 'c',
      date: '2026-11-24',
      rendered: { body, paperIds },
      createdAt: '2026-11-24T00:00:00.000Z',
      locale: 'zh-CN',
    });
    expect(record.threadName).toBe('新录用 · 2026-11-24');
  });

  it('writes a member’s update to their saved papers in Chinese', () => {
    const { body } = renderVenueUpdate(
      { audience: 'saved', date: '2026-11-24', lines: [line(1, '论文')], locale: 'zh-CN' },
      'k',
    );
    expect(body.content).toBe(
      '🎓 **新录用** — 你收藏的论文 · 2026年11月24日\n**论文** — 已被 **NeurIPS 2026** 录用（v3）— [arXiv](<https://discord.com/channels/1/2/1>)',
    );
  });
});

describe('notices to moderators in Simplified Chinese', () => {
  it('names the digest and gives a known reason in Chinese, and Discord’s own reason as it is', () => {
    expect(digestName({ topicSlug: 'contrastive' }, 'zh-CN')).toBe('主题 contrastive 的论文推送');
    expect(digestName({ topicSlug: '~venue' }, 'zh-CN')).toBe('会议/期刊录用通知');
    expect(digestName({ topicSlug: 'contrastive' }, 'en-US')).toBe('contrastive digest');
    const gone = DeliveryError.of('channel', 10003, 'notice.channelGone');
    expect(gone.message).toBe('the channel no longer exists');
    expect(gone.reasonIn('zh-CN')).toBe('该频道已不存在');
    const missing = DeliveryError.of('channel', 50013, 'notice.missingPermissions', { permissions: 'Embed Links' });
    expect(missing.message).toBe('the bot is missing Embed Links there');
    expect(missing.reasonIn('zh-CN')).toBe('机器人在那里缺少以下权限：Embed Links');
    expect(new DeliveryError('Invalid Form Body', 'rejected').reasonIn('zh-CN')).toBe('Invalid Form Body');
  });
});

describe('the preview page in Simplified Chinese', () => {
  it('says its language, uses a CJK font stack and writes its own words and dates the Chinese way', () => {
    const [message] = planDigestMessages(input(1));
    const page = digestPreviewHtml([message!.body], {
      title: '对比学习',
      postedAt: new Date('2026-11-24T06:30:00Z'),
      locale: 'zh-CN',
    });
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toMatch(/body:lang\(zh\) \{ font-family: [^}]*"Noto Sans CJK SC"/);
    expect(page).toContain('<span class="app-tag">应用</span><time class="time">2026/11/24 06:30</time>');
    const english = digestPreviewHtml([message!.body], { title: 'x', postedAt: new Date('2026-11-24T06:30:00Z') });
    expect(english).toContain('<html lang="en-US">');
    expect(english).toContain('<span class="app-tag">App</span><time class="time">11/24/2026 6:30 AM</time>');
  });
});
