/** 简体中文 (Simplified Chinese). */
import type { Catalog } from '../types.js';

export default {
  // ── common: Shared words, and the interaction router's own replies (src/discord/router.ts).
  common: {
    genericFailure: 'Paperboy 这边出了点问题。管理员可以在机器人的日志里查看详情。',
    serversOnly: 'Paperboy 只能在服务器内使用。',
    staleOptions: '此命令的选项与当前版本的 Paperboy 不一致。管理员可以运行 `paperboy deploy-commands` 重新注册命令。',
    unknownCommand: '当前版本的 Paperboy 不认识这个命令。',
    unknownSubcommand: '当前版本的 Paperboy 不认识这个子命令。',
    staleButton: '这个按钮已不再可用，请重新运行命令。',
    moderatorsOnly: '只有拥有 **管理服务器** 权限的成员才能这样做。',
    dmsPaused:
      'Paperboy 无法给你发送私信（{{reason}}），因此你的关注已暂停。请在隐私设置中允许来自本服务器成员的私信，然后运行 `/follow resume`。',
  },

  // ── shared: Lists, times and audit lines shared by several commands (commands/shared).
  shared: {},

  // ── settings: /settings and its service (commands/settings*, src/guilds/settings.ts).
  settings: {},

  // ── topic: /topic and its service (commands/topic*, src/guilds/topics.ts).
  topic: {},

  // ── query: Topic query and category errors (src/topics).
  query: {},

  // ── subscription: /subscription and its service (commands/subscription*, src/guilds/subscriptions.ts).
  subscription: {},

  // ── paper: /paper search, show and saved (commands/paper*).
  paper: {},

  // ── digestCommand: /digest today, why and run (commands/digest*).
  digestCommand: {},

  // ── follow: /follow (commands/follow*, src/members).
  follow: {},

  // ── privacy: /privacy (commands/privacy.ts, src/members/privacy.ts).
  privacy: {},

  // ── digest: Digest messages: headers, paper embeds, fields, footers (src/discord/render).
  digest: {
    fallbackName: '论文推送',
    noNewPapers: '没有新论文',
    someNewPapers: '{{total}} 篇新论文，显示前 {{shown}} 篇',
    newPapers_other: '{{count}} 篇新论文',
    more_other: '……另有 {{count}} 篇匹配的论文未显示。',
    seeThem: '可用 `{{command}}` 查看。',
    save_other: '收藏到你的阅读列表…',
    firstAuthor: '{{author}} 等',
    authorsMore: '{{names}} 等（另 {{count}} 人）',
    withdrawnPrefix: '⛔ 已撤回：',
    status: '状态',
    withdrawn: '已由作者撤回',
    venue: '会议/期刊',
    code: '代码',
    codeLink: '代码',
    pdf: 'PDF',
    categories: '分类',
    announced: '发布日期',
    published: '提交日期',
    announceNew: '新论文',
    announceCross: '交叉列出',
    announceReplace: '已更新',
    announceReplaceCross: '已更新（交叉列出）',
    topics: '主题：{{names}}',
    matched: '匹配：',
    matchedAuthor: '作者 {{name}}',
    matchedMore: ' …… 另有 {{count}} 项',
    yourFollows: '你的关注',
  },

  // ── notice: Notices to moderators and members (src/digest).
  notice: {
    digestName: '主题 {{topic}} 的论文推送',
    venueUpdateName: '会议/期刊录用通知',
    refused: 'Discord 拒收了 <#{{channel}}> 中{{digest}}的 {{count}} 条消息（{{reason}}），其余消息已发出。',
    gaveUpDigest:
      'Paperboy 尝试 {{attempts}} 次后仍无法在 <#{{channel}}> 发出{{digest}}（{{reason}}）。其中的论文会在下一次论文推送中重新提供。',
    gaveUpUpdate:
      'Paperboy 尝试 {{attempts}} 次后仍无法在 <#{{channel}}> 发出{{digest}}（{{reason}}）。其中的论文会在下一次通知中重新提供。',
    paused:
      'Paperboy 已暂停 <#{{channel}}> 的论文推送：{{reason}}。请修复该频道或机器人在那里的权限，然后再次运行 `/subscription add` 以恢复推送。',
    channelGone: '该频道已不存在',
    guildGone: '机器人已不在这个服务器中',
    noAccess: '机器人已无法查看该频道',
    noPermission: '机器人没有在那里发消息的权限',
    missingPermissions: '机器人在那里缺少以下权限：{{permissions}}',
    notDigestChannel: '该频道无法接收论文推送',
    dmsRefused: 'Discord 不允许机器人给你发送私信',
    accountGone: '该账号已不存在',
    unknownAccount: 'Discord 找不到该账号（可能已删除）',
  },

  // ── venue: Venue updates (src/discord/render/venue-updates.ts).
  venue: {
    headerChannel: '🎓 **新录用** — 本频道推送过的论文',
    headerSaved: '🎓 **新录用** — 你收藏的论文',
    line: '**{{title}}** — 已被 **{{venue}}** 录用（v{{version}}）— {{link}}',
    postedHere: '原推送',
    arxiv: 'arXiv',
    more: '……另有 {{count}} 篇将在下次通知中列出。',
    threadName: '新录用 · {{date}}',
  },

  // ── preview: The HTML preview (src/discord/render/preview-html.ts).
  preview: {
    appTag: '应用',
  },

  // ── commands: Discord-side names and descriptions of commands, options and choices (deploy-commands).
  commands: {},

  // ── catalogTopics: Names and descriptions of the ready-made topics (config/catalog.ts).
  catalogTopics: {},
} as const satisfies Catalog;
