import { UserError } from '../src/errors.js';
import type { CommandModule } from './types.js';
import { Opt, dateOption, topicSlugOption } from './options.js';
import { executeRun } from './digest/run.js';
import { executeToday } from './digest/today.js';
import { executeWhy } from './digest/why.js';
import { respondWithTopics } from './shared/interaction.js';

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
      {
        type: Opt.Subcommand,
        name: 'why',
        description: 'Why a paper was or was not posted in this server (moderators)',
        options: [{ type: Opt.String, name: 'id', description: 'arXiv id or link', required: true, max_length: 200 }],
      },
    ],
  },
  moderatorOnly: ['run', 'why'],
  async execute(interaction, app) {
    const sub = interaction.options.getSubcommand();
    if (sub === 'today') await executeToday(interaction, app);
    else if (sub === 'run') await executeRun(interaction, app);
    else if (sub === 'why') await executeWhy(interaction, app);
    else throw UserError.of('common.unknownSubcommand');
  },
  async autocomplete(interaction, app) {
    // `run` only makes sense for the topics this channel is subscribed to.
    const channelOnly = interaction.options.getSubcommand(false) === 'run';
    await respondWithTopics(interaction, app, channelOnly ? { channelId: interaction.channelId } : {});
  },
} as const satisfies CommandModule;
