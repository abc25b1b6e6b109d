import { UserError } from '../src/errors.js';
import { localeOf } from '../src/discord/locale.js';
import { catalogChoices, newSlugChoices, topicChoices } from '../src/guilds/topics.js';
import type { CommandModule } from './types.js';
import { MODERATOR_PERMISSIONS, Opt } from './options.js';
import { guildIdOf } from './shared/interaction.js';
import { addTopicCommand, editTopicCommand, removeTopicCommand } from './topic/manage.js';
import { listTopics, showTopicCommand, topicListPage } from './topic/view.js';

const slug = (required: boolean) =>
  ({
    type: Opt.String,
    name: 'slug',
    description: 'Short id of the topic (a-z, 0-9, -)',
    required,
    autocomplete: true,
    min_length: 2,
    max_length: 32,
  }) as const;

const topicFields = [
  { type: Opt.String, name: 'name', description: 'Display name (any language)', max_length: 100 },
  {
    type: Opt.String,
    name: 'categories',
    description: 'arXiv categories, comma-separated: cs.LG, cs.CV, stat',
    max_length: 300,
  },
  {
    type: Opt.String,
    name: 'query',
    description: 'Keyword query: words, "phrases", OR, -word, ti: abs: au: cat:',
    max_length: 500,
  },
  { type: Opt.Boolean, name: 'cross_lists', description: 'Include cross-listed papers (default yes)' },
  { type: Opt.Boolean, name: 'updates', description: 'Include new versions of papers (default no)' },
  { type: Opt.String, name: 'color', description: 'Embed colour: #RRGGBB or #RGB', min_length: 3, max_length: 7 },
  { type: Opt.Boolean, name: 'images', description: 'Show each paper’s first figure (default yes)' },
] as const;

export const topic = {
  data: {
    name: 'topic',
    description: 'Topics: arXiv categories plus a keyword query',
    dm_permission: false,
    options: [
      {
        type: Opt.Subcommand,
        name: 'add',
        description: 'Create a topic, or add a ready-made one with catalog:',
        options: [
          slug(false),
          ...topicFields,
          {
            type: Opt.String,
            name: 'catalog',
            description: 'Add a ready-made topic from the catalog',
            autocomplete: true,
            max_length: 32,
          },
        ],
      },
      { type: Opt.Subcommand, name: 'edit', description: 'Change a topic', options: [slug(true), ...topicFields] },
      {
        type: Opt.Subcommand,
        name: 'remove',
        description: 'Delete a topic and end its subscriptions',
        options: [slug(true)],
      },
      { type: Opt.Subcommand, name: 'list', description: 'Topics of this server' },
      {
        type: Opt.Subcommand,
        name: 'show',
        description: 'One topic, with a preview of matching recent papers',
        options: [slug(true)],
      },
    ],
  },
  moderatorOnly: ['add', 'edit', 'remove'],
  acknowledgeFirst: ['add', 'edit', 'remove'],
  async execute(interaction, app) {
    switch (interaction.options.getSubcommand()) {
      case 'add':
        return addTopicCommand(interaction, app);
      case 'edit':
        return editTopicCommand(interaction, app);
      case 'remove':
        return removeTopicCommand(interaction, app);
      case 'list':
        return listTopics(interaction, app);
      case 'show':
        return showTopicCommand(interaction, app);
      default:
        throw UserError.of('common.unknownSubcommand');
    }
  },
  async autocomplete(interaction, app) {
    const focused = interaction.options.getFocused(true);
    const typed = String(focused.value);
    if (focused.name === 'catalog') {
      await interaction.respond(catalogChoices(typed, localeOf(interaction)));
    } else if (focused.name === 'slug') {
      const state = await app.store.state.getGuild(guildIdOf(interaction));
      // A new slug for `add`: the typed text in slug form, unless the server already uses it.
      const isNew = interaction.options.getSubcommand() === 'add';
      await interaction.respond(isNew ? newSlugChoices(state, typed) : topicChoices(state, typed));
    } else {
      await interaction.respond([]);
    }
  },
  async component(interaction, app, args) {
    const [list, page] = args;
    if (list !== 'list' || !interaction.isButton()) throw UserError.of('shared.staleList', { command: '/topic list' }); // i18n-ignore: a command
    const state = await app.store.state.getGuild(guildIdOf(interaction));
    await interaction.update(topicListPage(state, Number(page), localeOf(interaction)));
  },
} as const satisfies CommandModule;

export { MODERATOR_PERMISSIONS };
