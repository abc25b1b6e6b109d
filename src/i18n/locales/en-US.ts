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
  paper: {},

  // ── digestCommand: /digest today, why and run (commands/digest*).
  digestCommand: {},

  // ── follow: /follow (commands/follow*, src/members).
  follow: {},

  // ── privacy: /privacy (commands/privacy.ts, src/members/privacy.ts).
  privacy: {},

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
  commands: {},

  // ── catalogTopics: Names and descriptions of the ready-made topics (config/catalog.ts).
  catalogTopics: {},
} as const;
