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
  shared: {
    neverChanged: '从未更改（默认值）',
    changedBy: '{{user}}，{{when}}',
    previous: '◀ 上一页',
    next: '下一页 ▶',
    page: '第 {{page}} / {{pages}} 页 · {{summary}}',
    yes: '是',
    no: '否',
    on: '开',
    off: '关',
    staleList: '这个按钮已不再可用，请重新运行 `{{command}}`。',
    badDate: '`{{option}}` 必须是 YYYY-MM-DD 格式的日期，例如 2026-11-24（收到的是 {{got}}）。',
    maxPapersRange: 'max_papers 必须在 {{min}}–{{max}} 之间。',
    papers_other: '{{count}} 篇论文',
    subscriptions_other: '{{count}} 个订阅',
    channels_other: '{{count}} 个频道',
  },

  // ── settings: /settings and its service (commands/settings*, src/guilds/settings.ts).
  settings: {
    nothingToChange: '没有可更改的内容：请至少提供 {{options}} 中的一项。',
    abstractLengthRange: 'abstract_length 必须在 {{min}}–{{max}} 个字符之间。',
    unknownLanguage: 'Paperboy 不支持 {{value}} 这种语言：请从 {{choices}} 中选择。',
    unchanged: '设置已经是这些值，没有任何更改。',
    unknownTimeZone:
      'Paperboy 不认识时区 {{zone}}。请使用 IANA 名称，例如 `Europe/Berlin`、`America/New_York`、`Asia/Shanghai` 或 `UTC`（在 `timezone:` 中输入即可看到建议）。',
    schedule: {
      problem: '{{schedule}}：{{problem}}{{help}}',
      help: '推送时间表由 5 个字段组成：分 时 日 月 星期，例如 `30 7 * * 1-5`（周一至周五 07:30）。',
      fieldCount_other: '这里有 {{count}} 个字段，而不是 5 个。',
      outOfRange: '{{field}} {{value}} 超出范围（{{min}}–{{max}}）',
      dayNotInMonths: '所给月份中没有第 {{value}} 天',
      invalidField: '{{field}} {{value}} 无效',
      fieldProblems: '{{problems}}。',
      problemSeparator: '；',
      tooOften: '这样每天会运行 {{perDay}} 次；arXiv 每天只发布一次，每天最多运行 {{max}} 次才有意义。',
      noDates: '{{reason}}。',
      fields: {
        minute: '分钟',
        hour: '小时',
        dayOfMonth: '日期',
        month: '月份',
        dayOfWeek: '星期',
      },
    },
    title: '本服务器的 Paperboy 设置',
    fields: {
      schedule: '推送时间表',
      nextRun: '下次运行',
      timezone: '时区',
      abstractLength: '摘要长度',
      maxPapers: '论文数量上限',
      language: '语言',
      venueUpdates: '会议/期刊更新',
      lastChanged: '上次更改',
      recent: '本服务器最近的更改',
    },
    scheduleValue: '{{cron}}：{{words}}（{{zone}} 时间）',
    timezoneValue: '{{zone}}（当前 {{offset}}）',
    abstractLengthValue: '{{length}} 个字符',
    maxPapersValue: '每次论文推送 {{max}} 篇（新订阅）',
    languageDefault: '服务器默认（{{name}}）',
    venueOn: '开 — 当频道中发过的论文有新版本并带有会议/期刊信息时，会通知该频道（每天一条消息）。',
    venueOff: '关 — 频道里的论文被会议/期刊接收时不会通知。',
    nextNever: '永不：这个推送时间表没有未来的日期。',
    nextWhen: '{{full}}（{{relative}}）',
    nextOnceSubscribed: '{{when}}，前提是有频道已订阅（`/subscription add`）',
    auditLine: '{{when}} {{user}} {{action}}：{{detail}}',
    saved: '设置已保存。',
    savedSchedule: '论文推送时间：{{words}}（{{zone}} 时间）；下次：{{next}}。',
    savedAbstractLength: '摘要将截断为 {{length}} 个字符。',
    savedMaxPapers_other: '新订阅每次论文推送最多 {{count}} 篇论文；已有订阅保留各自的上限。',
    savedVenueUpdates: '会议/期刊更新：{{text}}',
    savedLanguage:
      '语言：{{name}}。论文推送和通知使用这种语言；Discord 语言不受 Paperboy 支持的成员也会收到这种语言的回复。',
  },

  // ── topic: /topic and its service (commands/topic*, src/guilds/topics.ts).
  topic: {
    added:
      '已添加主题 {{label}}：{{categories}}；查询 {{query}}。\n用 `/subscription add topic:{{slug}}` 为频道订阅它；`/topic show slug:{{slug}}` 可以预览最近的论文。',
    updated: '已更新 {{label}}：{{changed}}。',
    removedNone: '已删除主题 {{label}}。没有订阅被结束。',
    removed_other: '已删除主题 {{label}}。已结束 {{count}} 个订阅{{where}}。',
    removedWhere: '（{{channels}}）',
    listTitle: '本服务器的主题',
    listDescription: '`/topic show slug:…` 可以查看单个主题并预览最近的论文。',
    listEmpty: '还没有主题。管理员可以用 `/topic add` 添加，或用 `/topic add catalog:` 添加现成的主题。',
    listField_other: '{{categories}} · {{count}} 个订阅\n{{query}}',
    count_other: '{{count}} 个主题',
    previewTitle: '最近的论文',
    previewTitleRange: '最近的论文（{{from}} 至 {{to}}）',
    previewArchiveEmpty: '没有匹配的近期论文：论文库还是空的。',
    previewNone: '没有匹配的近期论文。',
    previewMore: '……还有 {{count}} 篇。',
    fields: {
      slug: '标识',
      categories: '分类',
      colour: '颜色',
      query: '查询',
      crossLists: '交叉列出',
      updates: '论文新版本',
      images: '图片',
      subscriptions: '订阅',
      lastChanged: '上次更改',
    },
    noSubscriptions: '还没有订阅：`/subscription add topic:{{slug}}`。',
    pausedCount: '（{{count}} 个已暂停）',
    unknownWithTopics: '本服务器没有主题 {{slug}}。现有主题：{{topics}}。',
    unknownNoTopics: '本服务器没有主题 {{slug}}，目前还没有任何主题：请看 `/topic add`。',
    invalidSlug:
      '{{slug}} 不是有效的标识：请使用 2–32 个 a–z、0–9 和 - 字符，并以字母或数字开头（例如 `contrastive`、`graph-ml`）。',
    emptyName: '名称为空：请至少写一个字。',
    longName: '名称有 {{length}} 个字符，最多只能 {{max}} 个。',
    badCategory: '{{category}} 不是 arXiv 分类（例如 cs.LG、math、astro-ph.EP）。',
    noCategory: '请至少填写一个 arXiv 分类，例如 `cs.LG` 或 `cs.LG, cs.CV`。',
    tooManyCategories: '这里有 {{given}} 个分类；一个主题最多 {{max}} 个。',
    badQuery:
      '查询无法解析：{{reason}}（第 {{column}} 列）。\n{{excerpt}}\n查询可以包含单词、`"精确短语"`、`OR`、`-word`、`(分组)`、`ti:` `abs:` `au:` `cat:` 以及 `prefix*`。',
    badColor: '{{color}} 不是颜色：请使用 #RGB 或 #RRGGBB，例如 `#36c` 或 `#3366cc`。',
    notInCatalog: '目录中没有 {{slug}}。在 `catalog:` 中输入即可看到现成的主题。',
    missing: '缺少：{{options}}。也可以用 `catalog:` 添加现成的主题。',
    exists: '本服务器已经有主题 `{{slug}}`。可以用 `/topic edit slug:{{slug}}` 修改它，或换一个标识。',
    existsCatalog:
      '本服务器已经有主题 `{{slug}}`。可以用 `/topic edit slug:{{slug}}` 修改它，或用 `slug:` 以另一个名字添加这个目录主题。',
    limit: '本服务器已有 {{limit}} 个主题，已达到 Paperboy 的上限。请先用 `/topic remove` 删除一个。',
    nothingToChange: '没有可更改的内容：请至少提供 {{options}} 中的一项。',
    unchanged: '{{label}} 已经是这些设置，没有任何更改。',
  },

  // ── query: Topic query and category errors (src/topics).
  query: {
    unclosedQuote: '引号没有闭合：请补上结尾的 `"`',
    dashOperand: '`-` 后面必须紧跟一个词，例如 `-survey`',
    unknownField: '未知字段 `{{field}}:`（可用 ti:、abs:、au:、cat:）',
    dashAfterField: '请把 `-` 放在字段前面，例如 `-ti:survey`',
    unopenedParen: '括号不配对：这个 `)` 没有对应的 `(`',
    unclosedParen: '括号不配对：这个 `(` 没有闭合',
    orOperand: 'OR 两边都需要有词',
    andOperand: 'AND 两边都需要有词',
    notOperand: 'NOT 后面需要有词',
    fieldOperand: '`{{field}}:` 后面必须紧跟一个单词、"短语"或(分组)，中间不能有空格',
    nestedField: '`{{field}}:` 不能放在 `{{outer}}:(…)` 里面：一个分组只能有一个字段',
    tooDeep: '括号嵌套太深（最多 {{max}} 层）',
    emptyGroup: '括号里是空的',
    emptyPhrase: '短语为空：请在引号之间写上词语',
    noTerm: '这里应该是一个单词、"短语"或(分组)',
    badCategory: '`{{category}}` 不是 arXiv 分类：cat: 接受例如 cs 或 cs.LG',
    misplacedStar: '`*` 只能放在单词末尾（短语中只能放在最后一个词末尾）',
    shortPrefix: '`*` 前面至少需要 2 个字母',
    noLetters: '`{{text}}` 中没有可搜索的字母或数字',
    tooManyTerms: '词项太多（最多 {{max}} 个）',
    tooLong: '查询太长：{{length}} 个字符（最多 {{max}} 个）',
    tooLongInFull: '查询太长：完整写出需要 {{length}} 个字符（最多 {{max}} 个）',
    tooDeepInFull: '分组嵌套太深：完整写出时（如 `(a b) OR c`），这个查询需要 {{depth}} 层括号（最多 {{max}} 层）',
    empty: '查询为空：请写一些词，例如 `contrastive learning`',
  },

  // ── subscription: /subscription and its service (commands/subscription*, src/guilds/subscriptions.ts).
  subscription: {
    created: '已为 {{channel}} 订阅 {{label}}：每次论文推送最多 {{papers}}，{{how}}{{mention}}。',
    updated: '已更新 {{channel}} 对 {{label}} 的订阅：每次论文推送最多 {{papers}}，{{how}}{{mention}}。',
    mentioning: '，并提及 {{role}}',
    asForumPost: '每次论文推送发一个论坛帖子',
    inThisThread: '发在这个子区里',
    inNewThread: '每次论文推送新开一个子区',
    asMessages: '作为频道消息发送',
    resumed: '该订阅曾被暂停（{{reason}}），现已恢复。',
    notMentionable:
      '注意：{{role}} 不可被提及，论文推送只会写出它的名字而不会通知成员。可以在“服务器设置 → 身份组”中将其设为可提及。',
    nextRun: '下次论文推送：{{when}}。',
    removed: '已取消 {{channel}} 对 {{label}} 的订阅。已发布的论文推送会保留在原处。',
    listTitle: '本服务器的订阅',
    listPaused_other: '{{count}} 个订阅已暂停：见下方。',
    listEmpty: '还没有订阅。管理员可以用 `/subscription add topic:…` 添加。',
    listSummary: '{{subscriptions}}，分布在 {{channels}}',
    upTo: '最多 {{max}} 篇',
    mentions: '提及 {{role}}',
    threadPerDigest: '每次推送一个子区',
    lastDigest: '上次推送 {{date}}',
    noDigest: '尚未推送',
    pausedLine: '**已暂停** {{when}}：{{reason}}。重新添加即可恢复。',
    channelMissing: '频道 {{id}}（未找到）',
    continued: '{{title}}（续）',
    channelNotFound: 'Paperboy 找不到那个频道。请确认它能看到该频道，然后重试。',
    notDigestChannel: '{{channel}} 无法接收论文推送：请选择文字、公告或论坛频道，或者一个子区。',
    alreadyThread:
      '{{channel}} 本身就是子区，论文推送会直接发在里面。请去掉 `thread:`，或选择它的上级频道来为每次推送新开子区。',
    missingPermissions:
      'Paperboy 无法在 {{channel}} 发布论文推送：它在那里缺少 {{permissions}} 权限。请在频道设置中为它的身份组授予这些权限，然后重试。',
    everyone: '论文推送不能提及 @everyone。请选择一个愿意接收通知的身份组，或不填 `mention:`。',
    limit: '本服务器已有 {{limit}} 个订阅，已达到 Paperboy 的上限。请先用 `/subscription remove` 删除一个。',
    notSubscribed: '{{channel}} 没有订阅 {{label}}。',
    notSubscribedElsewhere:
      '{{channel}} 没有订阅 {{label}}。它在 {{channels}} 中有订阅：加上 `channel:` 来选择其中一个。',
  },

  // ── paper: /paper search, show and saved (commands/paper*).
  paper: {},

  // ── digestCommand: /digest today, why and run (commands/digest*).
  digestCommand: {},

  // ── follow: /follow (commands/follow*, src/members).
  follow: {},

  // ── privacy: /privacy (commands/privacy.ts, src/members/privacy.ts).
  privacy: {},

  // ── digest: Digest messages: headers, paper embeds, fields, footers (src/discord/render).
  digest: {},

  // ── notice: Notices to moderators and members (src/digest).
  notice: {},

  // ── venue: Venue updates (src/discord/render/venue-updates.ts).
  venue: {},

  // ── preview: The HTML preview (src/discord/render/preview-html.ts).
  preview: {},

  // ── commands: Discord-side names and descriptions of commands, options and choices (deploy-commands).
  commands: {},

  // ── catalogTopics: Names and descriptions of the ready-made topics (config/catalog.ts).
  catalogTopics: {},
} as const satisfies Catalog;
