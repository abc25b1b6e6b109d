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
