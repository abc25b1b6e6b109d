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
  paper: {
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
    nothingToFollow: '请说明要关注什么：`author`、`query`、`categories`，或它们的组合。',
    authorTooLong: '作者名太长（最多 {{max}} 个字符）。',
    authorNoName: '"{{author}}" 中没有可匹配的名字；请按 arXiv 上的写法填写，例如 `Yann LeCun`。',
    queryTooLong: '查询太长（最多 {{max}} 个字符）。',
    queryParse: '查询无法解析：{{error}}',
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
