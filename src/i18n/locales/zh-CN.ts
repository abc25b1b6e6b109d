/** 简体中文 (Simplified Chinese). */
import type { Catalog } from '../types.js';

export default {
  // ── common: Shared words, and the interaction router's own replies (src/discord/router.ts).
  common: {
    /** The language's own name, as `/settings set language:` offers it. */
    languageName: '简体中文',
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
    help: '所有词都须出现在标题或摘要中：`contrastive learning`。`OR` 表示“或”，优先级低于隐含的 AND，所以 `a b OR c` 即 `(a b) OR c`；可用括号分组：`(contrastive OR siamese) learning`。`"exact phrase"` 要求这些词紧挨着出现；`-word` 或 `NOT word` 排除论文。字段：`ti:` 标题、`abs:` 摘要、`au:` 作者、`cat:` 分类（`cat:cs` 包括 cs.LG），也可用于短语和分组：`ti:(survey OR review)`。末尾的 `*` 匹配词首：`transform*`。大小写、重音符号和连字符不影响匹配：`semi-supervised` = `semi supervised` = `semisupervised`。最多 {{maxLength}} 个字符、{{maxTerms}} 个词项。',
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
  paper: {
    searchBadSince: '“since” 必须是 YYYY-MM-DD 格式的日期，而不是 “{{since}}”。',
    searchOnlyExcluded: '请至少加一个要搜索的词：“-word” 和 NOT 只会排除论文。',
    searchNothing: '没有可搜索的内容：请至少输入一个词（字母或数字）。',
    searchEmptyAuthor: '作者筛选至少需要一个字母或数字。',
    searchTooBroad: '这次搜索匹配的论文太多，来不及排序：请缩小范围（更多或更少见的词、一个 “短语”，或加筛选条件）。',
    listSeparator: '、',
    // /paper search
    searchExpired: '这次搜索已过期，请重新运行 `/paper search`。',
    emptyQuery: '请输入要搜索的内容：关键词、"精确短语"或前缀*。',
    badScope: '`scope` 只能是 `digests` 或 `all`。',
    searchTooLong: '搜索内容太长：查询请少于 1,000 个字符，作者请少于 200 个字符。',
    searchTooFast: '你搜索得太频繁了，请放慢速度：{{seconds}} 秒后再试。',
    searchTopicRemoved: '这次搜索使用的主题 {{topic}} 已被删除，请重新运行 `/paper search`。',
    searchTopicBroken: '主题 {{topic}} 的查询已无法解析；管理员可以用 `/topic edit` 修正。',
    resultGone: 'arXiv:{{id}} 已不在论文库中。试试 `/paper show id:{{id}}`。',
    sharedResults_other: '已在频道中分享 {{count}} 条结果，只有你可以翻页。',
    scopeDigests: '本服务器推送过的论文',
    scopeAll: '整个论文库',
    filterAuthor: '作者：{{author}}',
    filterTopic: '主题：{{topic}}',
    filterSince: '自 {{since}} 起',
    filterCode: '附代码',
    resultsRange: '第 {{first}}–{{last}} 条，共 {{total}} 条',
    resultsFooter: '结果 {{range}} · 第 {{page}}/{{pages}} 页 · {{filters}}',
    resultsTitle: '搜索：{{query}}',
    openPlaceholder: '打开一篇论文…',
    previous: '上一页',
    next: '下一页',
    noResults: '{{where}}没有与 {{query}} 匹配的论文。可以试试：{{tips}}。',
    whereDigests: '在本服务器推送过的论文中',
    whereAll: '在论文库中',
    tipScopeAll: '用 `scope:all` 搜索整个论文库',
    tipHasCode: '去掉 `has_code`',
    tipSince: '把 `since` 提前（或不设）',
    tipAuthor: '去掉 `author`（或只写姓氏）',
    tipTopic: '去掉 `topic`',
    tipWords: '减少关键词或换用更宽泛的词，或使用前缀，例如 `contrast*`',
    // /paper show
    notAnId:
      '{{id}} 不是 arXiv 编号。可以试试 `2205.14459`、`2205.14459v2`、`arXiv:2205.14459`、`https://arxiv.org/abs/2205.14459`、`https://arxiv.org/pdf/2205.14459v2`，或旧式编号，例如 `hep-th/9901001`。',
    arxivDown: 'arXiv 暂时没有响应，无法获取 {{id}}。请过几分钟再试。',
    noSuchPaper: 'arXiv 上没有论文 {{id}}。请检查编号，例如访问 https://arxiv.org/abs/{{id}}。',
    olderAsked: '显示的是最新版本 v{{shown}}（你要的是 v{{asked}}）。',
    newerAsked: 'arXiv 上还没有这篇论文的 v{{asked}}；显示的是 v{{shown}}。',
    postInChannel: '发到频道',
    save: '收藏',
    shareTooFast: '你发论文太频繁了，请放慢速度：{{seconds}} 秒后再试。',
    shareGone: '这篇论文已不在论文库中。请用 `/paper show` 重新获取。',
    sharedBy: '由 <@{{user}}> 分享',
    // /paper saved
    menuStale: '这个菜单已不再可用。',
    buttonStale: '这个按钮已不再可用。',
    savedMenuStale: '这个菜单已不再可用，请重新运行 `/paper saved list`。',
    saveTooFast: '你收藏得太频繁了，请放慢速度：{{seconds}} 秒后再试。',
    notPapers: '所选内容不是 Paperboy 认识的论文，因此没有收藏任何论文。',
    notPapersId: '所选内容不是 Paperboy 认识的论文，因此没有收藏任何论文。（{{value}} 不是 arXiv 编号。）',
    notPapersArchived: '所选内容不是 Paperboy 认识的论文，因此没有收藏任何论文。（{{ids}} 不在论文库中。）',
    savedTo_other: '已将 {{count}} 篇论文加入收藏：{{titles}}。',
    alreadySaved: '已在收藏中：{{titles}}。',
    listFull_other:
      '你的收藏已满（{{max}} 篇论文），因此有 {{count}} 篇论文未能收藏：{{titles}}。可以用 `/paper saved list` 中的“移除…”菜单删掉一些。',
    titleSeparator: '；',
    andMore: '；另有 {{count}} 篇',
    listHint: '`/paper saved list` 列出收藏，`/paper saved export` 导出为 BibTeX',
    hintTotal_other: '{{hint}}（已收藏 {{count}} 篇论文）。',
    savedWhen: '收藏于 {{when}}',
    notInArchive: '不在论文库中',
    removePlaceholder: '从收藏中移除…',
    listTitle: '你的收藏',
    listDescription:
      '只有你能看到。`/paper saved export` 可导出为 BibTeX 文件（Zotero 可直接导入）；“移除…”可将论文移出收藏。',
    listEmpty: '你的收藏还是空的。可以在论文推送下方的“收藏…”菜单中选择论文，或使用 `/paper show` 的收藏按钮。',
    listSummary_other: '已收藏 {{count}} 篇论文（最多 {{max}} 篇）',
    noneRemoved: '这些论文已经不在你的收藏中了。',
    removed_other: '已从收藏中移除 {{count}} 篇论文。',
    exportEmpty: '你的收藏是空的，没有可导出的内容。请先在论文推送下方的“收藏…”菜单中选择论文。',
    exported_other: '你的收藏（BibTeX 格式）：{{count}} 条。Zotero 可直接导入 `{{file}}`（文件 → 导入…）。',
    exportMissing_other: '有 {{count}} 篇收藏的论文无法导出：论文库中已没有它们。',
  },

  // ── digestCommand: /digest today, why and run (commands/digest*).
  digestCommand: {
    quietWeekend: 'arXiv 周五和周六晚上不发布新论文，所以周末没有新的论文列表。',
    quietHoliday: 'arXiv 在 {{evening}} 晚上没有发布新论文（节假日安排）。',
    papers_other: '{{count}} 篇论文',
    messages_other: '{{count}} 条消息',
    listSeparator: '、',
    // /digest run
    queued: '已排队：一个工作进程正在为 <#{{channel}}> 运行论文推送，本消息会显示结果。',
    runHeading: '<#{{channel}}> 的 **{{date}} 论文推送**：',
    runPosted: '{{name}} — 已发布 {{papers}}（{{messages}}）{{more}}',
    runPastCap: '；另有 {{count}} 篇匹配但超出上限',
    runNothingNew: '{{name}} — 自上次推送以来没有新论文',
    runPaused: '{{name}} — 已暂停：{{reason}}。请修复频道或机器人的权限，然后再次运行 `/subscription add` 以恢复。',
    runFailed: '{{name}} — 失败：{{reason}}',
    noSubscriptions:
      '这个频道没有订阅，因此这里没有论文推送可发。可以用 `/subscription add topic:<slug>` 订阅，或在已订阅的频道中运行 `/digest run`。',
    noSubscriptionsTopics:
      '这个频道没有订阅，因此这里没有论文推送可发。可以用 `/subscription add topic:<slug>` 订阅（本服务器的主题：{{list}}），或在已订阅的频道中运行 `/digest run`。',
    notSubscribed: '这个频道没有订阅 {{slug}}。它订阅的主题：{{list}}。',
    archiveFallback: '暂时无法连接 arXiv，因此本次运行使用了论文库中已有的论文。',
    noListing: '论文库中还没有任何 arXiv 列表，因此没有可发布的内容。请在下一次列表发布后再试。',
    restarting: 'Paperboy 正在重启；请过一分钟再运行 `/digest run`。',
    // /digest today
    future: '{{asked}} 还没到：最新的 arXiv 列表是 {{latest}}。',
    quietDay: '{{asked}} 没有 arXiv 列表：{{reason}} 之前的一个列表是 {{before}}（`date:{{before}}`）。',
    quietToday: '今天（{{today}}）没有 arXiv 列表：{{reason}} 显示最新的列表 {{date}}。',
    noServerSubscriptions:
      '本服务器还没有订阅：管理员可以用 `/subscription add topic:<slug>` 添加（参见 `/topic list`）。',
    nothingPosted: '本服务器在 {{date}} 没有发布任何内容。',
    nothingPostedFor: '本服务器在 {{date}} 没有为 {{slug}} 发布任何内容。',
    showingTopics: '显示 {{total}} 个主题中的 {{shown}} 个：用 `topic:` 选择一个以查看其他主题。',
    todayHeading: '本服务器的 **{{date}} 论文推送**',
    previewSchedule:
      '预览显示下一次定时运行（`{{schedule}}`，{{timezone}}）将发布的内容；管理员可以用 `/digest run` 立即发布。',
    topicRemoved: '主题 {{slug}}（已删除）',
    moreSearch: '…更多：`/paper search topic:{{slug}} since:{{date}}`',
    moreCountSearch: '…另有 {{count}} 篇：`/paper search topic:{{slug}} since:{{date}}`',
    dayPosted: '{{where}} · **已发布 {{papers}}**（{{messages}}）',
    dayPosting: '{{where}} · 正在发布：{{messages}}中已发送 {{sent}} 条',
    dayFailed: '{{where}} · 失败：{{reason}}',
    dayPreviewNone: '{{where}} · 预览：没有新论文可发布',
    dayPreview: '{{where}} · **预览：将发布 {{papers}}**{{over}}',
    dayPastCap: '（另有 {{count}} 篇超出上限）',
    dayNothingNew: '{{where}} · 当天没有新论文',
    dayPaused: '{{where}} · 已暂停：{{reason}}',
    dayNotFetched: '{{where}} · 这个列表还不在论文库中；下一次定时运行时会获取',
    dayNone: '{{where}} · 当天没有论文推送',
    // /digest why
    whyNotAnId: '{{id}} 不是 arXiv 编号。可以试试 `2205.14459` 或 `arXiv:2205.14459v2`。',
    whyNeverSeen: 'Paperboy 从未见过 {{id}}，而 arXiv 暂时没有响应。请过几分钟再试。',
    whyNoSubscriptions: '本服务器没有订阅。',
    whyTitle: '为什么 {{id}}v{{version}}：{{title}}',
    whyTitleId: '为什么 {{id}}',
    whyMore: '还有 {{count}} 个订阅：运行 `paperboy why {{id}}` 查看全部。',
    whyJump: '{{delivery}} [跳转到消息]({{link}})',
    matchTopicGone: '该主题已不存在。',
    matchedOn: '通过以下词语匹配了主题：{{terms}}。',
    matchedAll: '匹配了主题（其查询接受其分类下的所有论文）。',
    matchBadQuery: '该主题的查询无法使用：{{error}}',
    matchUpdate: '未匹配：它是作为新版本发布的，而该主题不接收更新。',
    matchCategories: '未匹配：它的分类（{{paper}}）不在主题的分类（{{topic}}）之内{{primary}}。',
    matchPrimaryOnly: '，且该主题只看主分类',
    matchQuery: '未匹配查询（{{parts}}）。',
    matchNotFound: '未找到：{{terms}}',
    matchFound: '找到：{{terms}}',
    matchExcluded: '被排除：{{terms}}',
    matchNoTerm: '没有找到任何词',
    matchPartSeparator: '；',
    deliveryPosted: '已在 {{topic}} 的 {{date}} 论文推送中发布{{link}}',
    deliveryPostedLink: '：{{url}}',
    deliveryPostedEnd: '。',
    deliveryCapped: '因 {{topic}} 的 {{date}} 论文推送的上限而未发布：它排第 {{rank}}，而这次推送只取了 {{cap}} 篇。',
    deliveryOldVersion:
      '未再次发布：较早的版本已于 {{postedOn}} 发布{{link}}，而版本 {{version}}（发布于 {{announced}}）是该主题不接收的更新。',
    deliveryOldVersionLink: '（{{url}}）',
    deliveryRefused: 'Discord 拒绝了 {{topic}} 的 {{date}} 论文推送中包含它的消息{{error}}；不会再次发送。',
    deliveryError: '（{{error}}）',
    deliveryPending: '在 {{topic}} 的 {{date}} 论文推送中，尚未发送{{attempts}}；下次运行时会重试。',
    deliveryAttempts: '，已失败 {{count}} 次{{error}}',
    deliveryPaused:
      '等待中：该订阅自 {{since}} 起已暂停（{{reason}}）。请修复频道或机器人的权限，然后再次运行 /subscription add。',
    deliveryWaiting: '等待下一次论文推送（上一次覆盖到 {{date}}）。',
    deliveryWaitingFirst: '等待下一次论文推送（该订阅还没有推送过）。',
    deliveryMissed: '未发布：它在该订阅开始推送之前就已发布（订阅于 {{subscribedOn}}；上一次推送 {{lastDigest}}）。',
    deliveryNotMatched: '未发布：该主题不需要它。',
    deliveryWithdrawn: '未发布：该论文已撤回。',
    deliveryNotListed: '未发布：它从未出现在 Paperboy 获取过的列表中。',
    deliveryNoTopic: '该订阅指向的主题已不存在。',
    listingUnknown: 'arXiv 上没有论文 {{id}}，论文库也从未见过它。',
    listingNotArchived: '不在论文库中：Paperboy 获取过的列表中都没有它（刚刚在 arXiv 上查到）。',
    listingImported: '在论文库中（v{{version}}），但不是来自列表：它是导入或查询得到的。',
    listingIn: '出现在 {{date}} 的列表中，类型为 {{type}}（v{{version}}）。',
    listingAnEntry: '普通条目',
  },

  // ── follow: /follow (commands/follow*, src/members).
  follow: {
    dmsOffByMember: '你用 `/follow pause` 关闭了私信',
    nothingToFollow: '请说明要关注什么：`author`、`query`、`categories`，或它们的组合。',
    authorTooLong: '作者名太长（最多 {{max}} 个字符）。',
    authorNoName: '"{{author}}" 中没有可匹配的名字；请按 arXiv 上的写法填写，例如 `Yann LeCun`。',
    queryTooLong: '查询太长（最多 {{max}} 个字符）。',
    queryParse: '查询无法解析：{{reason}}（第 {{column}} 列）\n{{excerpt}}',
    notCategories: '不是 arXiv 分类：{{list}}。请使用 `cs.LG` 这样的分类名或 `math` 这样的学科。',
    tooManyCategories: '一个关注最多包含 {{max}} 个分类。',
    describeAuthor: '作者 {{author}}',
    describeCategories: '分类 {{categories}}',
    describeSeparator: ' · ',
    listSeparator: '、',
    already: '你已经关注了这个（`{{id}}`：{{follow}}）。',
    tooMany: '你已有 {{max}} 个关注，这是每位成员的上限。可以用 `/follow remove` 删掉一个。',
    removeNone: '你还没有关注任何内容：用 `/follow add` 开始。',
    removeUnknown: '你没有关注 `{{id}}`。`/follow list` 会列出你的关注。',
    dmHint: 'Paperboy 通过私信发送：请保持允许来自本服务器成员的“私信”（隐私设置）。',
    following: '已关注 `{{id}}`：{{follow}}。',
    comesWith:
      '匹配的新论文会随本服务器的论文推送一起发送（{{schedule}}，{{timezone}} 时间），每次最多 25 篇。{{hint}}',
    blocked: '你的私信已暂停：{{reason}}。`/follow resume` 可重新开启。',
    listLine: '`{{id}}` {{follow}} — 来自 {{server}}',
    listTitle: '你的关注（{{count}}/{{max}}）',
    listEmpty: '你还没有关注任何内容。用 `/follow add author:… query:… categories:…` 开始。',
    dmsField: '私信',
    dmsPaused: '已暂停：{{reason}}。`/follow resume` 可重新开启。',
    dmsOn: '开启',
    serverFallback: '服务器 {{id}}',
    stopped: '已取消关注 `{{id}}`：{{follow}}。',
    resumed_other: '私信已开启：你的 {{count}} 个关注的新论文会随下一次论文推送发送。{{hint}}',
    paused_other: '私信已关闭；你的 {{count}} 个关注仍会保留。`/follow resume` 可重新开启。',
  },

  // ── privacy: /privacy (commands/privacy.ts, src/members/privacy.ts).
  privacy: {
    nothingKept: 'Paperboy 没有保存任何关于你的数据：没有关注，没有收藏的论文，也没有私信设置。',
    runAgain: '这个按钮已不再可用，请重新运行 `/privacy delete`。',
    deleteButton: '全部删除',
    keepButton: '保留我的数据',
    deleted: '已删除{{summary}}{{digests}}{{servers}}。Paperboy 不再保存任何关于你的数据。',
    deletedDigests_other: '、发给你的 {{count}} 次私信论文推送记录',
    deletedServers_other: '，并已将你从 {{count}} 个服务器的关注者中移除',
    exported_other: 'Paperboy 保存的关于你的全部数据：{{summary}}，以及私信记录中的 {{count}} 篇论文。',
    confirm: '这将删除{{summary}}，且无法撤销。',
    kept: '没有删除任何内容。',
    follows_other: '{{count}} 个关注',
    saved_other: '{{count}} 篇收藏的论文',
    dmSettings: '你的私信设置',
    listSeparator: '、',
    listLast: '{{list}}和{{last}}',
  },

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
  commands: {
    paper: {
      name: '论文',
      description: '搜索论文库、查看单篇论文，或打开你的收藏',
      options: {
        search: {
          name: '搜索',
          description: '在标题、作者、摘要和会议/期刊中全文搜索，按相关度排序',
          options: {
            query: {
              name: '关键词',
              description: '词语、"精确短语"、前缀*',
            },
            author: {
              name: '作者',
              description: '只看有这位作者的论文',
            },
            topic: {
              name: '主题',
              description: '只看符合这个主题的论文',
            },
            since: {
              name: '起始日期',
              description: '在这一天或之后公布（YYYY-MM-DD）',
            },
            has_code: {
              name: '有代码',
              description: '只看附有代码链接的论文',
            },
            scope: {
              name: '范围',
              description: '本服务器论文推送里发过的论文（默认），或整个论文库',
              choices: {
                digests: { name: '本服务器发过的' },
                all: { name: '整个论文库' },
              },
            },
            public: {
              name: '公开',
              description: '让频道里的所有人都看到结果',
            },
          },
        },
        show: {
          name: '查看',
          description: '以完整的嵌入消息显示一篇论文',
          options: {
            id: {
              name: '编号',
              description: 'arXiv 编号或链接：2205.14459、arXiv:2205.14459v2、abs/pdf 网址',
            },
          },
        },
        saved: {
          name: '收藏',
          description: '你的收藏：从论文推送和 /paper show 里收藏的论文',
          options: {
            list: {
              name: '列表',
              description: '你收藏的论文，最新的在前（只有你能看到）',
              options: {
                page: {
                  name: '页码',
                  description: '要看的页（1 是最新的一页）',
                },
              },
            },
            export: {
              name: '导出',
              description: '把收藏的论文导出为 BibTeX 文件（Zotero 可直接导入）',
            },
          },
        },
      },
    },
    digest: {
      name: '论文推送',
      description: '今天的论文推送，或立即发出本频道的论文推送',
      options: {
        today: {
          name: '今天',
          description: '本服务器今天（或某一天）发了什么，或今天论文推送的预览',
          options: {
            topic: {
              name: '主题',
              description: '只看这个主题',
            },
            date: {
              name: '日期',
              description: '换一天（YYYY-MM-DD）',
            },
          },
        },
        run: {
          name: '立即推送',
          description: '立即为本频道订阅的主题发出论文推送（管理员）',
          options: {
            topic: {
              name: '主题',
              description: '只推送这个主题',
            },
          },
        },
        why: {
          name: '原因',
          description: '一篇论文为什么在本服务器推送了或没有推送（管理员）',
          options: {
            id: {
              name: '编号',
              description: 'arXiv 编号或链接',
            },
          },
        },
      },
    },
    topic: {
      name: '主题',
      description: '主题：arXiv 分类加上关键词查询',
      options: {
        add: {
          name: '添加',
          description: '新建主题，或用 catalog:（目录）添加一个现成的主题',
          options: {
            slug: {
              name: '短名',
              description: '主题的短名（a-z、0-9、-）',
            },
            name: {
              name: '名称',
              description: '显示名称（任何语言均可）',
            },
            categories: {
              name: '分类',
              description: 'arXiv 分类，用逗号分隔：cs.LG, cs.CV, stat',
            },
            query: {
              name: '查询',
              description: '关键词查询：词语、"短语"、OR、-词语、ti: abs: au: cat:',
            },
            cross_lists: {
              name: '交叉列表',
              description: '包含交叉列出的论文（默认包含）',
            },
            updates: {
              name: '新版本',
              description: '包含论文的新版本（默认不包含）',
            },
            color: {
              name: '颜色',
              description: '嵌入消息的颜色：#RRGGBB 或 #RGB',
            },
            images: {
              name: '配图',
              description: '显示每篇论文的第一张图（默认显示）',
            },
            catalog: {
              name: '目录',
              description: '从目录中添加一个现成的主题',
            },
          },
        },
        edit: {
          name: '修改',
          description: '修改一个主题',
          options: {
            slug: {
              name: '短名',
              description: '主题的短名（a-z、0-9、-）',
            },
            name: {
              name: '名称',
              description: '显示名称（任何语言均可）',
            },
            categories: {
              name: '分类',
              description: 'arXiv 分类，用逗号分隔：cs.LG, cs.CV, stat',
            },
            query: {
              name: '查询',
              description: '关键词查询：词语、"短语"、OR、-词语、ti: abs: au: cat:',
            },
            cross_lists: {
              name: '交叉列表',
              description: '包含交叉列出的论文（默认包含）',
            },
            updates: {
              name: '新版本',
              description: '包含论文的新版本（默认不包含）',
            },
            color: {
              name: '颜色',
              description: '嵌入消息的颜色：#RRGGBB 或 #RGB',
            },
            images: {
              name: '配图',
              description: '显示每篇论文的第一张图（默认显示）',
            },
          },
        },
        remove: {
          name: '删除',
          description: '删除一个主题，并结束它的所有订阅',
          options: {
            slug: {
              name: '短名',
              description: '主题的短名（a-z、0-9、-）',
            },
          },
        },
        list: {
          name: '列表',
          description: '本服务器的主题',
        },
        show: {
          name: '查看',
          description: '查看一个主题，并预览最近符合它的论文',
          options: {
            slug: {
              name: '短名',
              description: '主题的短名（a-z、0-9、-）',
            },
          },
        },
      },
    },
    subscription: {
      name: '订阅',
      description: '哪些频道接收哪些主题的论文推送',
      options: {
        add: {
          name: '添加',
          description: '让一个频道订阅一个主题',
          options: {
            topic: {
              name: '主题',
              description: '要推送的主题',
            },
            channel: {
              name: '频道',
              description: '频道（默认：当前频道）',
            },
            mention: {
              name: '提及',
              description: '每次论文推送时提及的身份组',
            },
            max_papers: {
              name: '论文上限',
              description: '每次论文推送最多几篇论文（1–100，默认 25）',
            },
            thread: {
              name: '子区',
              description: '每次论文推送开一个子区（文字频道；论坛频道总是发帖）',
            },
          },
        },
        remove: {
          name: '取消',
          description: '取消一个频道对某个主题的订阅',
          options: {
            topic: {
              name: '主题',
              description: '主题',
            },
            channel: {
              name: '频道',
              description: '频道（默认：当前频道）',
            },
          },
        },
        list: {
          name: '列表',
          description: '本服务器的订阅',
        },
      },
    },
    settings: {
      name: '设置',
      description: '服务器设置：推送时间、时区、摘要长度、论文上限、会议/期刊更新',
      options: {
        show: {
          name: '查看',
          description: '查看本服务器的设置',
        },
        set: {
          name: '修改',
          description: '修改本服务器的设置',
          options: {
            schedule: {
              name: '推送时间',
              description: 'Cron 表达式，例如 30 7 * * 1-5（周一至周五 07:30）',
            },
            timezone: {
              name: '时区',
              description: 'IANA 时区，例如 Asia/Shanghai',
            },
            abstract_length: {
              name: '摘要长度',
              description: '每篇论文显示多少个字符的摘要（100–4000）',
            },
            max_papers: {
              name: '论文上限',
              description: '每次论文推送默认最多几篇论文（1–100）',
            },
            venue_updates: {
              name: '会议期刊更新',
              description: '频道里发过的论文被会议/期刊录用时通知该频道（默认开启）',
            },
            language: {
              name: '语言',
              description: '论文推送和通知使用的语言（成员收到的回复会尽量使用成员自己的语言）',
            },
          },
        },
      },
    },
    follow: {
      name: '关注',
      description: '你自己的关注：通过私信接收某位作者或某个方向的新论文',
      options: {
        add: {
          name: '添加',
          description: '关注一位作者、一个主题查询或一些分类（可任意组合，须全部符合）',
          options: {
            author: {
              name: '作者',
              description: 'arXiv 上的作者名，例如 Yann LeCun',
            },
            query: {
              name: '查询',
              description: '主题查询，例如 "contrastive learning" OR self-supervis*',
            },
            categories: {
              name: '分类',
              description: 'arXiv 分类，例如 cs.LG stat.ML',
            },
          },
        },
        list: {
          name: '列表',
          description: '你的关注（只有你能看到）',
        },
        remove: {
          name: '取消',
          description: '取消一项关注',
          options: {
            follow: {
              name: '关注',
              description: '哪一项关注（见 /follow list）',
            },
          },
        },
        pause: {
          name: '暂停',
          description: '停止私信（你的关注会保留）',
        },
        resume: {
          name: '恢复',
          description: '重新开始私信',
        },
      },
    },
    privacy: {
      name: '隐私',
      description: '你在 Paperboy 里的数据：导出或删除（回复只有你能看到）',
      options: {
        export: {
          name: '导出',
          description: 'Paperboy 保存的关于你的全部数据，导出为 JSON 文件',
        },
        delete: {
          name: '删除',
          description: '删除 Paperboy 保存的关于你的全部数据（会先请你确认）',
        },
      },
    },
  },

  // ── catalogTopics: Names and descriptions of the ready-made topics (config/catalog.ts).
  catalogTopics: {
    contrastive: {
      name: '无监督/半监督/对比学习',
      description: '从无标注或部分标注的数据中学习：自监督与对比预训练、伪标签、掩码建模。',
    },
    llm: {
      name: '大语言模型',
      description: '大语言模型的训练、对齐、提示与推理、检索增强和评测。',
    },
    diffusion: {
      name: '扩散与基于分数的生成模型',
      description: '去噪扩散、分数匹配、流匹配与一致性模型，用于图像及更多领域。',
    },
    rl: {
      name: '强化学习',
      description: '策略优化、基于价值和基于模型的强化学习、离线强化学习、多臂老虎机。',
    },
    'graph-ml': {
      name: '图机器学习',
      description: '图神经网络、图 Transformer、消息传递、节点与链接预测。',
    },
    'quantum-computing': {
      name: '量子计算',
      description: '量子算法、量子线路与硬件、量子纠错与容错。',
    },
    exoplanets: {
      name: '系外行星',
      description: '太阳系外行星的探测与表征，以及它们在哪里形成。',
    },
    gw: {
      name: '引力波',
      description: '波源、探测器与数据分析：LIGO–Virgo–KAGRA、LISA、脉冲星计时阵列。',
    },
    topology: {
      name: '拓扑学',
      description: '几何拓扑与代数拓扑的全部论文，以及从相邻领域交叉列出的纽结、流形与同伦论论文。',
    },
    robotics: {
      name: '机器人学习 · 操作、运动、具身智能',
      description: '基于学习的机器人：操作与抓取、足式与人形机器人运动、模仿学习、从仿真到现实。',
    },
    interpretability: {
      name: '可解释性',
      description: '机制可解释性、归因与探测、基于概念的解释和事后解释。',
    },
    'cond-mat-ml': {
      name: '凝聚态与材料的机器学习',
      description: '神经网络势、神经量子态、机器学习驱动的材料发现与模拟。',
    },
  },
} as const satisfies Catalog;
