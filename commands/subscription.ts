import { UserError } from '../src/errors.js';
import { localeOf } from '../src/discord/locale.js';
import type { CommandModule } from './types.js';
import { DIGEST_CHANNEL_TYPES, Opt, topicSlugOption } from './options.js';
import { guildIdOf, respondWithTopics } from './shared/interaction.js';
import {
  addSubscriptionCommand,
  channelNamer,
  listSubscriptions,
  removeSubscriptionCommand,
  subscriptionListPage,
} from './subscription/handlers.js';

const channel = {
  type: Opt.Channel,
  name: 'channel',
  description: 'Channel (default: this one)',
  channel_types: DIGEST_CHANNEL_TYPES,
} as const;

export const subscription = {
  data: {
    name: 'subscription',
    description: 'Which channels get which topics’ digests',
    dm_permission: false,
    options: [
      {
        type: Opt.Subcommand,
        name: 'add',
        description: 'Subscribe a channel to a topic',
        options: [
          topicSlugOption('Topic to post'),
          channel,
          { type: Opt.Role, name: 'mention', description: 'Role to mention with each digest' },
          {
            type: Opt.Integer,
            name: 'max_papers',
            description: 'At most this many papers per digest (1–100, default 25)',
            min_value: 1,
            max_value: 100,
          },
          {
            type: Opt.Boolean,
            name: 'thread',
            description: 'Open a thread per digest (text channels; forums always get a post)',
          },
        ],
      },
      {
        type: Opt.Subcommand,
        name: 'remove',
        description: 'Unsubscribe a channel from a topic',
        options: [topicSlugOption('Topic'), channel],
      },
      { type: Opt.Subcommand, name: 'list', description: 'Subscriptions of this server' },
    ],
  },
  moderatorOnly: ['add', 'remove'],
  acknowledgeFirst: ['add', 'remove'],
  async execute(interaction, app) {
    switch (interaction.options.getSubcommand()) {
      case 'add':
        return addSubscriptionCommand(interaction, app);
      case 'remove':
        return removeSubscriptionCommand(interaction, app);
      case 'list':
        return listSubscriptions(interaction, app);
      default:
        throw UserError.of('common.unknownSubcommand');
    }
  },
  async autocomplete(interaction, app) {
    await respondWithTopics(interaction, app);
  },
  async component(interaction, app, args) {
    const [list, page] = args;
    if (list !== 'list' || !interaction.isButton()) {
      throw UserError.of('shared.staleList', { command: '/subscription list' }); // i18n-ignore: a command
    }
    const state = await app.store.state.getGuild(guildIdOf(interaction));
    await interaction.update(
      subscriptionListPage(state, Number(page), channelNamer(interaction), localeOf(interaction)),
    );
  },
} as const satisfies CommandModule;
