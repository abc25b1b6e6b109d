import { UserError, type CommandModule } from './types.js';
import { Opt, dateOption, topicSlugOption } from './options.js';

export const digest = {
  data: {
    name: 'digest',
    description: 'Today’s digests, or post this channel’s digest now',
    dm_permission: false,
    options: [
      {
        type: Opt.Subcommand,
        name: 'today',
        description: 'What was posted today (or on a date) in this server, or a preview of today’s',
        options: [topicSlugOption('Only this topic', false), dateOption('Another day (YYYY-MM-DD)')],
      },
      {
        type: Opt.Subcommand,
        name: 'run',
        description: 'Post the digest for this channel’s subscriptions now (moderators)',
        options: [topicSlugOption('Only this topic', false)],
      },
    ],
  },
  moderatorOnly: ['run'],
  async execute() {
    throw new UserError('Not available yet.');
  },
} as const satisfies CommandModule;
