/**
 * English (United States): the default locale and the source of every key. Other locales mirror its shape
 * (src/i18n/types.ts); `{{name}}` is a variable, `_one`/`_other` are plural forms chosen by `count`.
 */
export default {
  // ── common: Shared words, and the interaction router's own replies (src/discord/router.ts).
  common: {
    genericFailure: 'Something went wrong on Paperboy’s side. The moderators can find the details in the bot’s logs.',
    serversOnly: 'Paperboy works inside servers only.',
    staleOptions:
      'This command’s options do not match this version of Paperboy. A moderator can register the commands again with `paperboy deploy-commands`.',
    unknownCommand: 'That command is not known to this version of Paperboy.',
    unknownSubcommand: 'That subcommand is not known to this version of Paperboy.',
    staleButton: 'This button is no longer supported. Run the command again.',
    moderatorsOnly: 'Only members with the **Manage Server** permission can do that.',
    dmsPaused:
      'Paperboy could not send you a direct message ({{reason}}), so your follows are paused. Allow direct messages from this server’s members (Privacy Settings), then run `/follow resume`.',
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
    listSeparator: ', ',
    // /paper search
    searchExpired: 'This search has expired. Run `/paper search` again.',
    emptyQuery: 'Type something to search for: words, "an exact phrase" or a prefix*.',
    badScope: '`scope` is either `digests` or `all`.',
    searchTooLong: 'That search is too long: keep the query under 1,000 characters and the author under 200.',
    searchTooFast: 'You are searching faster than Paperboy allows. Slow down: try again in {{seconds}} s.',
    searchTopicRemoved: 'The topic {{topic}} of this search was removed. Run `/paper search` again.',
    searchTopicBroken:
      'The topic {{topic}} has a query that no longer parses; a moderator can fix it with `/topic edit`.',
    resultGone: 'arXiv:{{id}} is no longer in the archive. Try `/paper show id:{{id}}`.',
    sharedResults_one: 'Shared {{count}} result in the channel. Only you can page them.',
    sharedResults_other: 'Shared {{count}} results in the channel. Only you can page them.',
    scopeDigests: 'posted in this server',
    scopeAll: 'whole archive',
    filterAuthor: 'author: {{author}}',
    filterTopic: 'topic: {{topic}}',
    filterSince: 'since {{since}}',
    filterCode: 'with code',
    resultsRange: '{{first}}–{{last}} of {{total}}',
    resultsFooter: 'Results {{range}} · page {{page}}/{{pages}} · {{filters}}',
    resultsTitle: 'Search: {{query}}',
    openPlaceholder: 'Open a paper…',
    previous: 'Previous',
    next: 'Next',
    noResults: 'No papers match {{query}} {{where}}. Try {{tips}}.',
    whereDigests: 'among the papers posted in this server',
    whereAll: 'in the archive',
    tipScopeAll: '`scope:all` to search the whole archive',
    tipHasCode: 'drop `has_code`',
    tipSince: 'an earlier `since` (or none)',
    tipAuthor: 'drop `author` (or give only a last name)',
    tipTopic: 'drop `topic`',
    tipWords: 'fewer or more general words, or a prefix such as `contrast*`',
    // /paper show
    notAnId:
      '{{id}} is not an arXiv id. Try `2205.14459`, `2205.14459v2`, `arXiv:2205.14459`, `https://arxiv.org/abs/2205.14459`, `https://arxiv.org/pdf/2205.14459v2` or an old-style id such as `hep-th/9901001`.',
    arxivDown: 'arXiv did not answer just now, so {{id}} could not be fetched. Try again in a few minutes.',
    noSuchPaper: 'arXiv has no paper {{id}}. Check the id, for example on https://arxiv.org/abs/{{id}}.',
    olderAsked: 'Showing v{{shown}}, the latest version (you asked for v{{asked}}).',
    newerAsked: 'arXiv has no v{{asked}} of this paper yet; showing v{{shown}}.',
    postInChannel: 'Post in channel',
    save: 'Save',
    shareTooFast: 'You are posting papers faster than Paperboy allows. Slow down: try again in {{seconds}} s.',
    shareGone: 'That paper is not in the archive any more. Use `/paper show` to fetch it again.',
    sharedBy: 'Shared by <@{{user}}>',
    // /paper saved
    menuStale: 'This menu is no longer supported.',
    buttonStale: 'This button is no longer supported.',
    savedMenuStale: 'This menu is no longer supported. Run `/paper saved list` again.',
    saveTooFast: 'You are saving papers faster than Paperboy allows. Slow down: try again in {{seconds}} s.',
    notPapers: 'That selection does not name papers Paperboy knows, so nothing was saved.',
    notPapersId:
      'That selection does not name papers Paperboy knows, so nothing was saved. ({{value}} is not an arXiv id.)',
    notPapersArchived:
      'That selection does not name papers Paperboy knows, so nothing was saved. ({{ids}} is not archived.)',
    savedTo_one: 'Saved {{count}} paper to your reading list: {{titles}}.',
    savedTo_other: 'Saved {{count}} papers to your reading list: {{titles}}.',
    alreadySaved: 'Already on your reading list: {{titles}}.',
    listFull_one:
      'Your reading list is full ({{max}} papers), so {{count}} paper could not be saved: {{titles}}. Remove some with the “Remove…” menu of `/paper saved list`.',
    listFull_other:
      'Your reading list is full ({{max}} papers), so {{count}} papers could not be saved: {{titles}}. Remove some with the “Remove…” menu of `/paper saved list`.',
    titleSeparator: '; ',
    andMore: '; and {{count}} more',
    listHint: '`/paper saved list` lists them, `/paper saved export` gives them as BibTeX',
    hintTotal_one: '{{hint}} ({{count}} paper saved).',
    hintTotal_other: '{{hint}} ({{count}} papers saved).',
    savedWhen: 'saved {{when}}',
    notInArchive: 'not in the archive',
    removePlaceholder: 'Remove from your reading list…',
    listTitle: 'Your reading list',
    listDescription:
      'Only you see it. `/paper saved export` gives it as a BibTeX file (Zotero imports it as is); “Remove…” takes papers off it.',
    listEmpty:
      'Your reading list is empty. Choose papers in the “Save…” menu under a digest, or use the Save button of `/paper show`.',
    listSummary_one: '{{count}} saved paper (at most {{max}})',
    listSummary_other: '{{count}} saved papers (at most {{max}})',
    noneRemoved: 'Those papers were not on your reading list any more.',
    removed_one: 'Removed {{count}} paper from your reading list.',
    removed_other: 'Removed {{count}} papers from your reading list.',
    exportEmpty:
      'Your reading list is empty, so there is nothing to export. Choose papers in the “Save…” menu under a digest first.',
    exported_one: 'Your reading list as BibTeX: {{count}} entry. Zotero imports `{{file}}` as is (File → Import…).',
    exported_other: 'Your reading list as BibTeX: {{count}} entries. Zotero imports `{{file}}` as is (File → Import…).',
    exportMissing_one: '{{count}} saved paper could not be exported: the archive no longer holds them.',
    exportMissing_other: '{{count}} saved papers could not be exported: the archive no longer holds them.',
  },

  // ── digestCommand: /digest today, why and run (commands/digest*).
  digestCommand: {
    papers_one: '{{count}} paper',
    papers_other: '{{count}} papers',
    messages_one: '{{count}} message',
    messages_other: '{{count}} messages',
    listSeparator: ', ',
    // /digest run
    queued: 'Queued: a worker is running the digest for <#{{channel}}>; this message will show the outcome.',
    runHeading: '**Digest for {{date}}** in <#{{channel}}>:',
    runPosted: '{{name}} — Posted {{papers}} ({{messages}}){{more}}',
    runPastCap: '; {{count}} more matched past the cap',
    runNothingNew: '{{name}} — Nothing new since the last digest',
    runPaused:
      '{{name}} — Paused: {{reason}}. Fix the channel or the bot’s permissions, then run `/subscription add` again to resume.',
    runFailed: '{{name}} — Failed: {{reason}}',
    noSubscriptions:
      'This channel has no subscriptions, so there is no digest to post here. Subscribe it with `/subscription add topic:<slug>`, or run `/digest run` in a subscribed channel.',
    noSubscriptionsTopics:
      'This channel has no subscriptions, so there is no digest to post here. Subscribe it with `/subscription add topic:<slug>` (this server’s topics: {{list}}), or run `/digest run` in a subscribed channel.',
    notSubscribed: 'This channel is not subscribed to {{slug}}. Its topics: {{list}}.',
    archiveFallback: 'arXiv could not be reached just now, so this run used the papers already in the archive.',
    noListing:
      'There is no arXiv listing in the archive yet, so there is nothing to post. Try again after the next listing.',
    restarting: 'Paperboy is restarting; run `/digest run` again in a minute.',
    // /digest today
    future: '{{asked}} is still to come: the latest arXiv listing is {{latest}}.',
    quietDay:
      'There was no arXiv listing on {{asked}}: {{reason}} The listing before it is {{before}} (`date:{{before}}`).',
    quietToday: 'No arXiv listing today ({{today}}): {{reason}} Showing the latest listing, {{date}}.',
    noServerSubscriptions:
      'This server has no subscriptions yet: a moderator can add one with `/subscription add topic:<slug>` (see `/topic list`).',
    nothingPosted: 'Nothing was posted in this server on {{date}}.',
    nothingPostedFor: 'Nothing was posted in this server on {{date}} for {{slug}}.',
    showingTopics: 'Showing {{shown}} of {{total}} topics: pick one with `topic:` to see the others.',
    todayHeading: '**Digests of {{date}}** in this server',
    previewSchedule:
      'Previews show what the next scheduled run (`{{schedule}}`, {{timezone}}) will post; a moderator can post now with `/digest run`.',
    topicRemoved: 'Topic {{slug}} (since removed)',
    moreSearch: '…more: `/paper search topic:{{slug}} since:{{date}}`',
    moreCountSearch: '…and {{count}} more: `/paper search topic:{{slug}} since:{{date}}`',
    dayPosted: '{{where}} · **posted {{papers}}** ({{messages}})',
    dayPosting: '{{where}} · posting now: {{sent}} of {{messages}} sent',
    dayFailed: '{{where}} · failed: {{reason}}',
    dayPreviewNone: '{{where}} · preview: nothing new to post',
    dayPreview: '{{where}} · **preview: {{papers}}** to post{{over}}',
    dayPastCap: ' (+{{count}} past the cap)',
    dayNothingNew: '{{where}} · nothing new that day',
    dayPaused: '{{where}} · paused: {{reason}}',
    dayNotFetched: '{{where}} · this listing is not in the archive yet; it is fetched at the next scheduled run',
    dayNone: '{{where}} · no digest that day',
    // /digest why
    whyNotAnId: '{{id}} is not an arXiv id. Try `2205.14459` or `arXiv:2205.14459v2`.',
    whyNeverSeen: 'Paperboy has never seen {{id}}, and arXiv did not answer just now. Try again in a few minutes.',
    whyNoSubscriptions: 'This server has no subscriptions.',
    whyTitle: 'Why {{id}}v{{version}}: {{title}}',
    whyTitleId: 'Why {{id}}',
    whyMore: '{{count}} more subscription(s): run `paperboy why {{id}}` for all of them.',
    whyJump: '{{delivery}} [Jump to the message]({{link}})',
    matchTopicGone: 'The topic no longer exists.',
    matchedOn: 'Matched the topic on {{terms}}.',
    matchedAll: 'Matched the topic (its query takes every paper of its categories).',
    matchBadQuery: "The topic's query cannot be used: {{error}}",
    matchUpdate: 'Did not match: it was announced as a new version, and the topic has updates off.',
    matchCategories: "Did not match: its categories ({{paper}}) are outside the topic's ({{topic}}){{primary}}.",
    matchPrimaryOnly: ', and the topic takes primary categories only',
    matchQuery: 'Did not match the query ({{parts}}).',
    matchNotFound: 'not found: {{terms}}',
    matchFound: 'found: {{terms}}',
    matchExcluded: 'excluded by: {{terms}}',
    matchNoTerm: 'no term found',
    matchPartSeparator: '; ',
    deliveryPosted: 'Posted in the {{date}} digest of {{topic}}{{link}}',
    deliveryPostedLink: ': {{url}}',
    deliveryPostedEnd: '.',
    deliveryCapped:
      'Left out by the cap of the {{date}} digest of {{topic}}: it ranked {{rank}}, and the digest took {{cap}}.',
    deliveryOldVersion:
      'Not posted again: an earlier version was posted on {{postedOn}}{{link}}, and version {{version}} (announced {{announced}}) is an update the topic does not take.',
    deliveryOldVersionLink: ' ({{url}})',
    deliveryRefused:
      'Discord refused the message of the {{date}} digest of {{topic}} that carried it{{error}}; it is not sent again.',
    deliveryError: ' ({{error}})',
    deliveryPending: 'In the {{date}} digest of {{topic}}, not sent yet{{attempts}}; it is retried at the next run.',
    deliveryAttempts: ' after {{count}} failed attempt(s){{error}}',
    deliveryPaused:
      "Waiting: the subscription is paused since {{since}} ({{reason}}). Fix the channel or the bot's permissions, then run /subscription add again.",
    deliveryWaiting: 'Waiting for the next digest (the last one covered {{date}}).',
    deliveryWaitingFirst: 'Waiting for the next digest (the subscription has had none yet).',
    deliveryMissed:
      "Not posted: it was announced before this subscription's digests began (subscribed {{subscribedOn}}; last digest {{lastDigest}}).",
    deliveryNotMatched: 'Not posted: the topic does not want it.',
    deliveryWithdrawn: 'Not posted: the paper is withdrawn.',
    deliveryNotListed: 'Not posted: it was never in a listing Paperboy ingested.',
    deliveryNoTopic: 'The subscription names a topic that no longer exists.',
    listingUnknown: 'arXiv has no paper {{id}}, and the archive has never seen it.',
    listingNotArchived: 'Not in the archive: no listing Paperboy ingested had it (looked up on arXiv now).',
    listingImported: 'In the archive (v{{version}}), but not from a listing: it was imported or looked up.',
    listingIn: 'In the listing of {{date}} as {{type}} (v{{version}}).',
    listingAnEntry: 'an entry',
  },

  // ── follow: /follow (commands/follow*, src/members).
  follow: {
    nothingToFollow: 'Say what to follow: an `author`, a `query`, `categories`, or a mix of them.',
    authorTooLong: 'The author name is too long (at most {{max}} characters).',
    authorNoName: '"{{author}}" has no name in it to match; write it as on arXiv, e.g. `Yann LeCun`.',
    queryTooLong: 'The query is too long (at most {{max}} characters).',
    queryParse: 'The query does not parse: {{error}}',
    notCategories: 'Not arXiv categories: {{list}}. Use names such as `cs.LG` or archives such as `math`.',
    tooManyCategories: 'A follow takes at most {{max}} categories.',
    describeAuthor: 'author {{author}}',
    describeCategories: 'in {{categories}}',
    describeSeparator: ' · ',
    listSeparator: ', ',
    already: 'You already follow that (`{{id}}`: {{follow}}).',
    tooMany: 'You have {{max}} follows, the most a member can have. Remove one with `/follow remove`.',
    removeNone: 'You follow nothing yet: `/follow add` starts.',
    removeUnknown: 'You have no follow `{{id}}`. `/follow list` shows yours.',
    dmHint:
      'Paperboy sends them by direct message: keep “Direct Messages” from this server’s members allowed (Privacy Settings).',
    following: 'Following `{{id}}`: {{follow}}.',
    comesWith:
      'New papers that match come with this server’s digests ({{schedule}}, {{timezone}} time), at most 25 at a time. {{hint}}',
    blocked: 'Your direct messages are paused: {{reason}}. `/follow resume` turns them on.',
    listLine: '`{{id}}` {{follow}} — from {{server}}',
    listTitle: 'Your follows ({{count}} of {{max}})',
    listEmpty: 'You follow nothing yet. `/follow add author:… query:… categories:…` starts.',
    dmsField: 'Direct messages',
    dmsPaused: 'paused: {{reason}}. `/follow resume` turns them on.',
    dmsOn: 'on',
    serverFallback: 'server {{id}}',
    stopped: 'Stopped following `{{id}}`: {{follow}}.',
    resumed_one: 'Direct messages are on: new papers for your {{count}} follow come with the next digests. {{hint}}',
    resumed_other: 'Direct messages are on: new papers for your {{count}} follows come with the next digests. {{hint}}',
    paused_one: 'Direct messages are off; your {{count}} follow are kept. `/follow resume` turns them back on.',
    paused_other: 'Direct messages are off; your {{count}} follows are kept. `/follow resume` turns them back on.',
  },

  // ── privacy: /privacy (commands/privacy.ts, src/members/privacy.ts).
  privacy: {
    nothingKept: 'Paperboy keeps nothing about you: no follows, no saved papers, no direct-message settings.',
    runAgain: 'This button is no longer supported. Run `/privacy delete` again.',
    deleteButton: 'Delete everything',
    keepButton: 'Keep my data',
    deleted: 'Deleted {{summary}}{{digests}}{{servers}}. Paperboy keeps nothing else about you.',
    deletedDigests_one: ', the record of {{count}} direct message digest sent to you',
    deletedDigests_other: ', the record of {{count}} direct message digests sent to you',
    deletedServers_one: ', and took you off the followers of {{count}} server',
    deletedServers_other: ', and took you off the followers of {{count}} servers',
    exported_one:
      'Everything Paperboy keeps about you: {{summary}}, and {{count}} paper in the record of your direct messages.',
    exported_other:
      'Everything Paperboy keeps about you: {{summary}}, and {{count}} papers in the record of your direct messages.',
    confirm: 'This deletes {{summary}}. It cannot be undone.',
    kept: 'Nothing was deleted.',
    follows_one: '{{count}} follow',
    follows_other: '{{count}} follows',
    saved_one: '{{count}} saved paper',
    saved_other: '{{count}} saved papers',
    dmSettings: 'your direct-message settings',
    listSeparator: ', ',
    listLast: '{{list}} and {{last}}',
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
} as const;
