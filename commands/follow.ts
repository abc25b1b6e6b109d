import { translatorOf } from '../src/discord/locale.js';
import { UserError } from '../src/errors.js';
import type { CommandModule } from './types.js';
import { Opt } from './options.js';
import { addFollowCommand, followChoices, listFollows, removeFollowCommand, setDmsCommand } from './follow/handlers.js';

export const follow = {
  data: {
    name: 'follow',
    description: 'Your own follows: new papers by an author or on a subject, by direct message',
    dm_permission: false,
    options: [
      {
        type: Opt.Subcommand,
        name: 'add',
        description: 'Follow an author, a topic query or categories (any of them; all must match)',
        options: [
          { type: Opt.String, name: 'author', description: 'Author as on arXiv, e.g. Yann LeCun', max_length: 100 },
          {
            type: Opt.String,
            name: 'query',
            description: 'Topic query, e.g. "contrastive learning" OR self-supervis*',
            max_length: 500,
          },
          {
            type: Opt.String,
            name: 'categories',
            description: 'arXiv categories, e.g. cs.LG stat.ML',
            max_length: 200,
          },
        ],
      },
      { type: Opt.Subcommand, name: 'list', description: 'Your follows (only you see them)' },
      {
        type: Opt.Subcommand,
        name: 'remove',
        description: 'Stop following something',
        options: [
          {
            type: Opt.String,
            name: 'follow',
            description: 'Which follow (see /follow list)',
            required: true,
            autocomplete: true,
            max_length: 10,
          },
        ],
      },
      { type: Opt.Subcommand, name: 'pause', description: 'Stop direct messages (your follows are kept)' },
      { type: Opt.Subcommand, name: 'resume', description: 'Direct messages on again' },
    ],
  },
  moderatorOnly: [],
  acknowledgeFirst: ['add', 'remove', 'pause', 'resume'],
  async execute(interaction, app) {
    switch (interaction.options.getSubcommand()) {
      case 'add':
        return addFollowCommand(interaction, app);
      case 'list':
        return listFollows(interaction, app);
      case 'remove':
        return removeFollowCommand(interaction, app);
      case 'pause':
        return setDmsCommand(interaction, app, false);
      case 'resume':
        return setDmsCommand(interaction, app, true);
      default:
        throw UserError.of('common.unknownSubcommand');
    }
  },
  async autocomplete(interaction, app) {
    const typed = String(interaction.options.getFocused());
    await interaction.respond(await followChoices(app, interaction.user.id, typed, translatorOf(interaction)));
  },
} satisfies CommandModule;
