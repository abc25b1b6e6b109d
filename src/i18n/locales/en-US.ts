/**
 * English (United States): the default locale and the source of every key. Other locales mirror its shape
 * (src/i18n/types.ts); `{{name}}` is a variable, `_one`/`_other` are plural forms chosen by `count`.
 */
export default {
  // ── common: Shared words, and the interaction router's own replies (src/discord/router.ts).
  common: {
    /** The language's own name, as `/settings set language:` offers it. */
    languageName: 'English',
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
  shared: {
    neverChanged: 'never changed (defaults)',
    changedBy: '{{user}}, {{when}}',
    previous: '◀ Previous',
    next: 'Next ▶',
    page: 'Page {{page}} of {{pages}} · {{summary}}',
    yes: 'yes',
    no: 'no',
    on: 'on',
    off: 'off',
    staleList: 'This button is no longer supported. Run `{{command}}` again.',
    badDate: '`{{option}}` must be a date written YYYY-MM-DD, such as 2026-11-24 (got {{got}}).',
    maxPapersRange: 'max_papers must be {{min}}–{{max}}.',
    papers_one: '{{count}} paper',
    papers_other: '{{count}} papers',
    subscriptions_one: '{{count}} subscription',
    subscriptions_other: '{{count}} subscriptions',
    channels_one: '{{count}} channel',
    channels_other: '{{count}} channels',
  },

  // ── settings: /settings and its service (commands/settings*, src/guilds/settings.ts).
  settings: {
    nothingToChange: 'Nothing to change: give at least one of {{options}}.',
    abstractLengthRange: 'abstract_length must be {{min}}–{{max}} characters.',
    unknownLanguage: '{{value}} is not a language Paperboy speaks: pick one of {{choices}}.',
    unchanged: 'The settings already have those values; nothing changed.',
    unknownTimeZone:
      '{{zone}} is not a time zone Paperboy knows. Use an IANA name such as `Europe/Berlin`, `America/New_York`, `Asia/Shanghai` or `UTC` (start typing in `timezone:` for suggestions).',
    schedule: {
      problem: '{{schedule}}: {{problem}} {{help}}',
      help: 'A schedule is 5 fields: minute hour day month weekday, e.g. `30 7 * * 1-5` (07:30, Monday to Friday).',
      fieldCount_one: 'that is {{count}} field, not 5.',
      fieldCount_other: 'that is {{count}} fields, not 5.',
      outOfRange: '{{field}} {{value}} is out of range ({{min}}–{{max}})',
      dayNotInMonths: 'day {{value}} does not occur in the months given',
      invalidField: '{{field}} {{value}} is not valid',
      fieldProblems: '{{problems}}.',
      problemSeparator: '; ',
      tooOften:
        'that runs {{perDay}} times a day; arXiv announces once a day, so at most {{max}} runs a day make sense.',
      noDates: '{{reason}}.',
      fields: {
        minute: 'minute',
        hour: 'hour',
        dayOfMonth: 'day of month',
        month: 'month',
        dayOfWeek: 'weekday',
      },
    },
    title: 'Paperboy settings for this server',
    fields: {
      schedule: 'Schedule',
      nextRun: 'Next run',
      timezone: 'Time zone',
      abstractLength: 'Abstract length',
      maxPapers: 'Max papers',
      language: 'Language',
      venueUpdates: 'Venue updates',
      lastChanged: 'Last changed',
      recent: 'Recent changes in this server',
    },
    scheduleValue: '{{cron}}: {{words}} ({{zone}} time)',
    timezoneValue: '{{zone}} (now {{offset}})',
    abstractLengthValue: '{{length}} characters',
    maxPapersValue: '{{max}} per digest (new subscriptions)',
    languageDefault: 'server default ({{name}})',
    venueOn:
      'on — when a new version of a paper posted in a channel brings a venue, the channel is told (one message a day).',
    venueOff: 'off — channels are not told when their papers are accepted somewhere.',
    nextNever: 'never: this schedule has no future date.',
    nextWhen: '{{full}} ({{relative}})',
    nextOnceSubscribed: '{{when}}, once a channel is subscribed (`/subscription add`)',
    auditLine: '{{when}} {{user}} {{action}}: {{detail}}',
    saved: 'Settings saved.',
    savedSchedule: 'Digests run {{words}} ({{zone}} time); next: {{next}}.',
    savedAbstractLength: 'Abstracts are cut at {{length}} characters.',
    savedMaxPapers_one: 'New subscriptions post up to {{count}} paper per digest; existing ones keep their own cap.',
    savedMaxPapers_other: 'New subscriptions post up to {{count}} papers per digest; existing ones keep their own cap.',
    savedVenueUpdates: 'Venue updates: {{text}}',
    savedLanguage:
      'Language: {{name}}, for digests and notices, and for replies to members whose Discord language Paperboy does not speak.',
  },

  // ── topic: /topic and its service (commands/topic*, src/guilds/topics.ts).
  topic: {
    added:
      'Added topic {{label}}: {{categories}}; query {{query}}.\nSubscribe a channel with `/subscription add topic:{{slug}}`; `/topic show slug:{{slug}}` previews recent papers.',
    updated: 'Updated {{label}}: {{changed}}.',
    removedNone: 'Removed topic {{label}}. No subscriptions ended.',
    removed_one: 'Removed topic {{label}}. {{count}} subscription ended{{where}}.',
    removed_other: 'Removed topic {{label}}. {{count}} subscriptions ended{{where}}.',
    removedWhere: ' ({{channels}})',
    listTitle: 'Topics of this server',
    listDescription: '`/topic show slug:…` shows one with a preview of recent papers.',
    listEmpty:
      'No topics yet. A moderator can add one with `/topic add`, or a ready-made one with `/topic add catalog:`.',
    listField_one: '{{categories}} · {{count}} subscription\n{{query}}',
    listField_other: '{{categories}} · {{count}} subscriptions\n{{query}}',
    count_one: '{{count}} topic',
    count_other: '{{count}} topics',
    previewTitle: 'Recent papers',
    previewTitleRange: 'Recent papers ({{from}} to {{to}})',
    previewArchiveEmpty: 'No recent papers match: the archive is still empty.',
    previewNone: 'No recent papers match.',
    previewMore: '…and {{count}} more.',
    fields: {
      slug: 'Slug',
      categories: 'Categories',
      colour: 'Colour',
      query: 'Query',
      crossLists: 'Cross-lists',
      updates: 'Updated versions',
      images: 'Images',
      subscriptions: 'Subscriptions',
      lastChanged: 'Last changed',
    },
    noSubscriptions: 'None yet: `/subscription add topic:{{slug}}`.',
    pausedCount: ' ({{count}} paused)',
    unknownWithTopics: 'This server has no topic {{slug}}. Its topics: {{topics}}.',
    unknownNoTopics: 'This server has no topic {{slug}}. It has none yet: see `/topic add`.',
    invalidSlug:
      '{{slug}} is not a valid slug: use 2–32 of a–z, 0–9 and -, starting with a letter or digit (e.g. `contrastive`, `graph-ml`).',
    emptyName: 'The name is empty: write at least one letter.',
    longName: 'The name is {{length}} characters long; at most {{max}}.',
    badCategory: '{{category}} is not an arXiv category (examples: cs.LG, math, astro-ph.EP).',
    noCategory: 'Name at least one arXiv category, e.g. `cs.LG` or `cs.LG, cs.CV`.',
    tooManyCategories: 'That is {{given}} categories; a topic takes at most {{max}}.',
    badQuery:
      'The query does not parse: {{reason}} (column {{column}}).\n{{excerpt}}\nQueries take words, `"exact phrases"`, `OR`, `-word`, `(groups)`, `ti:` `abs:` `au:` `cat:` and `prefix*`.',
    badColor: '{{color}} is not a colour: use #RGB or #RRGGBB, e.g. `#36c` or `#3366cc`.',
    notInCatalog: '{{slug}} is not in the catalog. Start typing in `catalog:` to see the ready-made topics.',
    missing: 'Missing: {{options}}. Or use `catalog:` to add a ready-made topic.',
    exists:
      'This server already has a topic `{{slug}}`. Change it with `/topic edit slug:{{slug}}`, or pick another slug.',
    existsCatalog:
      'This server already has a topic `{{slug}}`. Change it with `/topic edit slug:{{slug}}`, or add the catalog topic under another name with `slug:`.',
    limit: 'This server already has {{limit}} topics, the most Paperboy keeps. Remove one with `/topic remove` first.',
    nothingToChange: 'Nothing to change: give at least one of {{options}}.',
    unchanged: '{{label}} already has those settings; nothing changed.',
  },

  // ── query: Topic query and category errors (src/topics).
  query: {
    help: 'Words must all appear, in the title or abstract: `contrastive learning`. `OR` gives alternatives and binds looser than the implicit AND, so `a b OR c` means `(a b) OR c`; group with parentheses: `(contrastive OR siamese) learning`. `"exact phrase"` wants the words next to each other; `-word` or `NOT word` leaves papers out. Fields: `ti:` title, `abs:` abstract, `au:` author, `cat:` category (`cat:cs` covers cs.LG), also on phrases and groups: `ti:(survey OR review)`. A trailing `*` matches word starts: `transform*`. Case, accents and hyphens do not matter: `semi-supervised` = `semi supervised` = `semisupervised`. At most {{maxLength}} characters and {{maxTerms}} terms.',
    unclosedQuote: 'unclosed quote: add the closing `"`',
    dashOperand: '`-` needs a term right after it, as in `-survey`',
    unknownField: 'unknown field `{{field}}:` (use ti:, abs:, au:, cat:)',
    dashAfterField: 'put `-` before the field, as in `-ti:survey`',
    unopenedParen: 'unbalanced parenthesis: this `)` has no `(`',
    unclosedParen: 'unbalanced parenthesis: this `(` is never closed',
    orOperand: 'OR needs a term on both sides',
    andOperand: 'AND needs a term on both sides',
    notOperand: 'NOT needs a term after it',
    fieldOperand: '`{{field}}:` needs a word, a "phrase" or a (group) right after it, with no space',
    nestedField: '`{{field}}:` cannot go inside `{{outer}}:(…)`: a group has one field',
    tooDeep: 'too many nested parentheses (at most {{max}})',
    emptyGroup: 'empty parentheses',
    emptyPhrase: 'empty phrase: put words between the quotes',
    noTerm: 'expected a word, a "phrase" or a (group)',
    badCategory: '`{{category}}` is not an arXiv category: cat: takes e.g. cs or cs.LG',
    misplacedStar: '`*` only goes at the end of a word (of the last word, in a phrase)',
    shortPrefix: '`*` needs at least 2 letters before it',
    noLetters: '`{{text}}` has no letters or digits to search for',
    tooManyTerms: 'too many terms (at most {{max}})',
    tooLong: 'query too long: {{length}} characters (at most {{max}})',
    tooLongInFull: 'query too long: written out in full it takes {{length}} characters (at most {{max}})',
    tooDeepInFull:
      'too many nested groups: written out in full, as in `(a b) OR c`, the query needs {{depth}} levels of parentheses (at most {{max}})',
    empty: 'empty query: write some words, e.g. `contrastive learning`',
  },

  // ── subscription: /subscription and its service (commands/subscription*, src/guilds/subscriptions.ts).
  subscription: {
    created: 'Subscribed {{channel}} to {{label}}: up to {{papers}} per digest, {{how}}{{mention}}.',
    updated: 'Updated the subscription of {{channel}} to {{label}}: up to {{papers}} per digest, {{how}}{{mention}}.',
    mentioning: ', mentioning {{role}}',
    asForumPost: 'as a forum post per digest',
    inThisThread: 'in this thread',
    inNewThread: 'in a new thread per digest',
    asMessages: 'as messages in the channel',
    resumed: 'It was paused ({{reason}}); it is active again.',
    notMentionable:
      'Note: {{role}} is not mentionable, so digests will name it without pinging. Make it mentionable under Server Settings → Roles.',
    nextRun: 'Next digest run: {{when}}.',
    removed: 'Unsubscribed {{channel}} from {{label}}. Its posted digests stay where they are.',
    listTitle: 'Subscriptions of this server',
    listPaused_one: '{{count}} subscription paused: see below.',
    listPaused_other: '{{count}} subscriptions paused: see below.',
    listEmpty: 'No subscriptions yet. A moderator can add one with `/subscription add topic:…`.',
    listSummary: '{{subscriptions}} in {{channels}}',
    upTo: 'up to {{max}}',
    mentions: 'mentions {{role}}',
    threadPerDigest: 'thread per digest',
    lastDigest: 'last digest {{date}}',
    noDigest: 'no digest yet',
    pausedLine: '**PAUSED** {{when}}: {{reason}}. Re-add it to resume.',
    channelMissing: 'Channel {{id}} (not found)',
    continued: '{{title}} (continued)',
    channelNotFound: 'Paperboy cannot find that channel. Check that it can see it, then try again.',
    notDigestChannel: '{{channel}} cannot hold digests: pick a text, announcement or forum channel, or a thread.',
    alreadyThread:
      '{{channel}} is already a thread, so digests go straight into it. Leave `thread:` off, or pick its parent channel to open a thread per digest.',
    missingPermissions:
      'Paperboy cannot post digests in {{channel}}: it lacks {{permissions}} there. Give its role those permissions in the channel’s settings, then try again.',
    everyone: 'Digests cannot mention @everyone. Pick a role that wants the pings, or leave `mention:` out.',
    limit:
      'This server already has {{limit}} subscriptions, the most Paperboy keeps. Remove one with `/subscription remove` first.',
    notSubscribed: '{{channel}} is not subscribed to {{label}}.',
    notSubscribedElsewhere:
      '{{channel}} is not subscribed to {{label}}. It is subscribed in {{channels}}: add `channel:` to pick one.',
  },

  // ── paper: /paper search, show and saved (commands/paper*).
  paper: {
    searchBadSince: '"since" must be a date written YYYY-MM-DD, not "{{since}}".',
    searchOnlyExcluded: 'Add at least one word to search for: "-word" and NOT only leave papers out.',
    searchNothing: 'Nothing to search for: type at least one word (letters or digits).',
    searchEmptyAuthor: 'The author filter needs at least one letter or digit.',
    searchTooBroad:
      'That search matches too many papers to rank in time: narrow your search (more or rarer words, a "phrase", or a filter).',
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
    quietWeekend: 'arXiv makes no announcements on Friday and Saturday evenings, so there is no listing on weekends.',
    quietHoliday: 'arXiv made no announcement on the evening of {{evening}} (holiday schedule).',
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
    dmsOffByMember: 'you turned them off with `/follow pause`',
    nothingToFollow: 'Say what to follow: an `author`, a `query`, `categories`, or a mix of them.',
    authorTooLong: 'The author name is too long (at most {{max}} characters).',
    authorNoName: '"{{author}}" has no name in it to match; write it as on arXiv, e.g. `Yann LeCun`.',
    queryTooLong: 'The query is too long (at most {{max}} characters).',
    queryParse: 'The query does not parse: {{reason}} (column {{column}})\n{{excerpt}}',
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
  digest: {
    fallbackName: 'Digest',
    noNewPapers: 'no new papers',
    someNewPapers: '{{shown}} of {{total}} new papers',
    newPapers_one: '{{count}} new paper',
    newPapers_other: '{{count}} new papers',
    more_one: '…and {{count}} more matching paper.',
    more_other: '…and {{count}} more matching papers.',
    seeThem: ' See them with `{{command}}`',
    save_one: 'Save to your reading list…',
    save_other: 'Save papers to your reading list…',
    firstAuthor: '{{author}} et al.',
    authorsMore: '{{names}} et al. (+{{count}})',
    withdrawnPrefix: '⛔ Withdrawn: ',
    status: 'Status',
    withdrawn: 'Withdrawn by its authors',
    venue: 'Venue',
    code: 'Code',
    codeLink: 'code',
    pdf: 'PDF',
    categories: 'Categories',
    announced: 'Announced',
    published: 'Published',
    announceNew: 'new',
    announceCross: 'cross-list',
    announceReplace: 'updated',
    announceReplaceCross: 'updated cross-list',
    topics: 'Topics: {{names}}',
    matched: 'matched: ',
    matchedAuthor: 'author {{name}}',
    matchedMore: ' … +{{count}} more',
    yourFollows: 'Your follows',
  },

  // ── notice: Notices to moderators and members (src/digest).
  notice: {
    digestName: '{{topic}} digest',
    venueUpdateName: 'venue update',
    refused:
      'Discord refused {{count}} message(s) of the {{digest}} in <#{{channel}}> ({{reason}}); the rest was posted.',
    gaveUpDigest:
      'Paperboy could not post the {{digest}} in <#{{channel}}> after {{attempts}} attempts ({{reason}}). Its papers will be offered again in the next digest.',
    gaveUpUpdate:
      'Paperboy could not post the {{digest}} in <#{{channel}}> after {{attempts}} attempts ({{reason}}). Its papers will be offered again in the next update.',
    paused:
      'Paperboy paused its digests for <#{{channel}}>: {{reason}}. Fix the channel or the bot’s permissions there, then run `/subscription add` again for it to resume.',
    channelGone: 'the channel no longer exists',
    guildGone: 'the bot is no longer in this server',
    noAccess: 'the bot can no longer see the channel',
    noPermission: 'the bot lacks permission to post there',
    missingPermissions: 'the bot is missing {{permissions}} there',
    notDigestChannel: 'the channel cannot hold digests',
    dmsRefused: 'Discord does not let the bot send you direct messages',
    accountGone: 'the account no longer exists',
    unknownAccount: 'Discord does not know the account (deleted?)',
  },

  // ── venue: Venue updates (src/discord/render/venue-updates.ts).
  venue: {
    headerChannel: '🎓 **Now accepted** — papers posted here',
    headerSaved: '🎓 **Now accepted** — papers you saved',
    line: '**{{title}}** — now accepted at **{{venue}}** (v{{version}}) — {{link}}',
    postedHere: 'posted here',
    arxiv: 'arXiv',
    more: '…and {{count}} more in the next update.',
    threadName: 'Now accepted · {{date}}',
  },

  // ── preview: The HTML preview (src/discord/render/preview-html.ts).
  preview: {
    appTag: 'App',
  },

  // ── commands: Discord-side names and descriptions of commands, options and choices (deploy-commands).
  commands: {
    paper: {
      name: 'paper',
      description: 'Search the paper archive, show one paper, or your reading list',
      options: {
        search: {
          name: 'search',
          description: 'Ranked full-text search over titles, authors, abstracts and venues',
          options: {
            query: {
              name: 'query',
              description: 'Words, "exact phrases", prefix*',
            },
            author: {
              name: 'author',
              description: 'Only papers with this author',
            },
            topic: {
              name: 'topic',
              description: 'Only papers matching this topic',
            },
            since: {
              name: 'since',
              description: 'Announced on or after (YYYY-MM-DD)',
            },
            has_code: {
              name: 'has_code',
              description: 'Only papers with a code link',
            },
            scope: {
              name: 'scope',
              description: 'Papers posted in this server’s digests (default) or the whole archive',
              choices: {
                digests: { name: 'posted in this server' },
                all: { name: 'whole archive' },
              },
            },
            public: {
              name: 'public',
              description: 'Show the results to everyone in the channel',
            },
          },
        },
        show: {
          name: 'show',
          description: 'Show one paper as its full embed',
          options: {
            id: {
              name: 'id',
              description: 'arXiv id or link: 2205.14459, arXiv:2205.14459v2, an abs/pdf URL',
            },
          },
        },
        saved: {
          name: 'saved',
          description: 'Your reading list: papers you saved from digests and /paper show',
          options: {
            list: {
              name: 'list',
              description: 'Your saved papers, newest first (only you see them)',
              options: {
                page: {
                  name: 'page',
                  description: 'Page to show (1: the newest)',
                },
              },
            },
            export: {
              name: 'export',
              description: 'Your saved papers as a BibTeX file (Zotero imports it as is)',
            },
          },
        },
      },
    },
    digest: {
      name: 'digest',
      description: 'Today’s digests, or post this channel’s digest now',
      options: {
        today: {
          name: 'today',
          description: 'What was posted today (or on a date) in this server, or a preview of today’s',
          options: {
            topic: {
              name: 'topic',
              description: 'Only this topic',
            },
            date: {
              name: 'date',
              description: 'Another day (YYYY-MM-DD)',
            },
          },
        },
        run: {
          name: 'run',
          description: 'Post the digest for this channel’s subscriptions now (moderators)',
          options: {
            topic: {
              name: 'topic',
              description: 'Only this topic',
            },
          },
        },
        why: {
          name: 'why',
          description: 'Why a paper was or was not posted in this server (moderators)',
          options: {
            id: {
              name: 'id',
              description: 'arXiv id or link',
            },
          },
        },
      },
    },
    topic: {
      name: 'topic',
      description: 'Topics: arXiv categories plus a keyword query',
      options: {
        add: {
          name: 'add',
          description: 'Create a topic, or add a ready-made one with catalog:',
          options: {
            slug: {
              name: 'slug',
              description: 'Short id of the topic (a-z, 0-9, -)',
            },
            name: {
              name: 'name',
              description: 'Display name (any language)',
            },
            categories: {
              name: 'categories',
              description: 'arXiv categories, comma-separated: cs.LG, cs.CV, stat',
            },
            query: {
              name: 'query',
              description: 'Keyword query: words, "phrases", OR, -word, ti: abs: au: cat:',
            },
            cross_lists: {
              name: 'cross_lists',
              description: 'Include cross-listed papers (default yes)',
            },
            updates: {
              name: 'updates',
              description: 'Include new versions of papers (default no)',
            },
            color: {
              name: 'color',
              description: 'Embed colour: #RRGGBB or #RGB',
            },
            images: {
              name: 'images',
              description: 'Show each paper’s first figure (default yes)',
            },
            catalog: {
              name: 'catalog',
              description: 'Add a ready-made topic from the catalog',
            },
          },
        },
        edit: {
          name: 'edit',
          description: 'Change a topic',
          options: {
            slug: {
              name: 'slug',
              description: 'Short id of the topic (a-z, 0-9, -)',
            },
            name: {
              name: 'name',
              description: 'Display name (any language)',
            },
            categories: {
              name: 'categories',
              description: 'arXiv categories, comma-separated: cs.LG, cs.CV, stat',
            },
            query: {
              name: 'query',
              description: 'Keyword query: words, "phrases", OR, -word, ti: abs: au: cat:',
            },
            cross_lists: {
              name: 'cross_lists',
              description: 'Include cross-listed papers (default yes)',
            },
            updates: {
              name: 'updates',
              description: 'Include new versions of papers (default no)',
            },
            color: {
              name: 'color',
              description: 'Embed colour: #RRGGBB or #RGB',
            },
            images: {
              name: 'images',
              description: 'Show each paper’s first figure (default yes)',
            },
          },
        },
        remove: {
          name: 'remove',
          description: 'Delete a topic and end its subscriptions',
          options: {
            slug: {
              name: 'slug',
              description: 'Short id of the topic (a-z, 0-9, -)',
            },
          },
        },
        list: {
          name: 'list',
          description: 'Topics of this server',
        },
        show: {
          name: 'show',
          description: 'One topic, with a preview of matching recent papers',
          options: {
            slug: {
              name: 'slug',
              description: 'Short id of the topic (a-z, 0-9, -)',
            },
          },
        },
      },
    },
    subscription: {
      name: 'subscription',
      description: 'Which channels get which topics’ digests',
      options: {
        add: {
          name: 'add',
          description: 'Subscribe a channel to a topic',
          options: {
            topic: {
              name: 'topic',
              description: 'Topic to post',
            },
            channel: {
              name: 'channel',
              description: 'Channel (default: this one)',
            },
            mention: {
              name: 'mention',
              description: 'Role to mention with each digest',
            },
            max_papers: {
              name: 'max_papers',
              description: 'At most this many papers per digest (1–100, default 25)',
            },
            thread: {
              name: 'thread',
              description: 'Open a thread per digest (text channels; forums always get a post)',
            },
          },
        },
        remove: {
          name: 'remove',
          description: 'Unsubscribe a channel from a topic',
          options: {
            topic: {
              name: 'topic',
              description: 'Topic',
            },
            channel: {
              name: 'channel',
              description: 'Channel (default: this one)',
            },
          },
        },
        list: {
          name: 'list',
          description: 'Subscriptions of this server',
        },
      },
    },
    settings: {
      name: 'settings',
      description: 'Server settings: schedule, time zone, abstract length, paper cap, venue updates',
      options: {
        show: {
          name: 'show',
          description: 'Show this server’s settings',
        },
        set: {
          name: 'set',
          description: 'Change this server’s settings',
          options: {
            schedule: {
              name: 'schedule',
              description: 'Cron expression, e.g. 30 7 * * 1-5 (07:30 Monday–Friday)',
            },
            timezone: {
              name: 'timezone',
              description: 'IANA time zone, e.g. Europe/Berlin',
            },
            abstract_length: {
              name: 'abstract_length',
              description: 'Characters of abstract per paper (100–4000)',
            },
            max_papers: {
              name: 'max_papers',
              description: 'Default paper cap per digest (1–100)',
            },
            venue_updates: {
              name: 'venue_updates',
              description: 'Tell a channel when a paper posted there is accepted at a venue (default on)',
            },
            language: {
              name: 'language',
              description: 'Language of digests and notices (members get replies in their own when Paperboy has it)',
            },
          },
        },
      },
    },
    follow: {
      name: 'follow',
      description: 'Your own follows: new papers by an author or on a subject, by direct message',
      options: {
        add: {
          name: 'add',
          description: 'Follow an author, a topic query or categories (any of them; all must match)',
          options: {
            author: {
              name: 'author',
              description: 'Author as on arXiv, e.g. Yann LeCun',
            },
            query: {
              name: 'query',
              description: 'Topic query, e.g. "contrastive learning" OR self-supervis*',
            },
            categories: {
              name: 'categories',
              description: 'arXiv categories, e.g. cs.LG stat.ML',
            },
          },
        },
        list: {
          name: 'list',
          description: 'Your follows (only you see them)',
        },
        remove: {
          name: 'remove',
          description: 'Stop following something',
          options: {
            follow: {
              name: 'follow',
              description: 'Which follow (see /follow list)',
            },
          },
        },
        pause: {
          name: 'pause',
          description: 'Stop direct messages (your follows are kept)',
        },
        resume: {
          name: 'resume',
          description: 'Direct messages on again',
        },
      },
    },
    privacy: {
      name: 'privacy',
      description: 'Your own data in Paperboy: export it or delete it (only you see the answers)',
      options: {
        export: {
          name: 'export',
          description: 'Everything Paperboy keeps about you, as a JSON file',
        },
        delete: {
          name: 'delete',
          description: 'Delete everything Paperboy keeps about you (asks to confirm)',
        },
      },
    },
  },

  // ── catalogTopics: Names and descriptions of the ready-made topics (config/catalog.ts).
  catalogTopics: {
    contrastive: {
      name: '无监督/半监督/对比学习 · Unsupervised / semi-supervised / contrastive learning',
      description:
        'Learning from unlabelled or partly labelled data: self-supervised and contrastive pre-training, pseudo-labels, masked modelling.',
    },
    llm: {
      name: 'Large language models',
      description: 'LLMs: training, alignment, prompting and reasoning, retrieval augmentation, evaluation.',
    },
    diffusion: {
      name: 'Diffusion & score-based generative models',
      description: 'Denoising diffusion, score matching, flow matching and consistency models, for images and beyond.',
    },
    rl: {
      name: 'Reinforcement learning',
      description: 'Policy optimisation, value-based and model-based RL, offline RL, bandits.',
    },
    'graph-ml': {
      name: 'Machine learning on graphs',
      description: 'Graph neural networks, graph transformers, message passing, node and link prediction.',
    },
    'quantum-computing': {
      name: 'Quantum computing',
      description: 'Quantum algorithms, circuits and hardware, error correction and fault tolerance.',
    },
    exoplanets: {
      name: 'Exoplanets',
      description: 'Detection and characterisation of planets beyond the Solar System, and where they form.',
    },
    gw: {
      name: 'Gravitational waves',
      description: 'Sources, detectors and data analysis: LIGO–Virgo–KAGRA, LISA, pulsar timing arrays.',
    },
    topology: {
      name: 'Topology',
      description:
        'Everything in geometric and algebraic topology, plus knots, manifolds and homotopy theory cross-listed from nearby fields.',
    },
    robotics: {
      name: 'Robot learning · manipulation, locomotion, embodied AI',
      description:
        'Learning-based robotics: manipulation and grasping, legged and humanoid locomotion, imitation learning, sim-to-real.',
    },
    interpretability: {
      name: 'Interpretability & explainability',
      description: 'Mechanistic interpretability, attribution and probing, concept-based and post-hoc explanations.',
    },
    'cond-mat-ml': {
      name: 'Machine learning for condensed matter & materials',
      description: 'Neural-network potentials, neural quantum states, ML-driven materials discovery and simulation.',
    },
  },
} as const;
