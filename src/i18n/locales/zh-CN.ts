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
