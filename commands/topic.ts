import { UserError, type CommandModule } from './types.js';
import { MODERATOR_PERMISSIONS, Opt } from './options.js';
import { catalogChoices, guildIdOf, SLUG_PATTERN, topicChoices } from './shared/moderation.js';
import { addTopic, editTopic, removeTopic } from './topic/manage.js';
import { listTopics, showTopic, topicListPage } from './topic/view.js';

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
        return addTopic(interaction, app);
      case 'edit':
        return editTopic(interaction, app);
      case 'remove':
        return removeTopic(interaction, app);
      case 'list':
        return listTopics(interaction, app);
      case 'show':
        return showTopic(interaction, app);
      default:
        throw new UserError('That subcommand is not known to this version of Paperboy.');
    }
  },
  async autocomplete(interaction, app) {
    const focused = interaction.options.getFocused(true);
    const typed = String(focused.value);
    if (focused.name === 'catalog') {
      await interaction.respond(catalogChoices(typed));
    } else if (focused.name === 'slug' && interaction.options.getSubcommand() === 'add') {
      // A new slug: offer the typed text in slug form, unless the server already uses it.
      const slug = typed
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 32);
      const taken = (await app.store.state.getGuild(guildIdOf(interaction))).topics.some((t) => t.slug === slug);
      await interaction.respond(SLUG_PATTERN.test(slug) && !taken ? [{ name: slug, value: slug }] : []);
    } else if (focused.name === 'slug') {
      await interaction.respond(await topicChoices(app, guildIdOf(interaction), typed));
    } else {
      await interaction.respond([]);
    }
  },
  async component(interaction, app, args) {
    const [list, page] = args;
    if (list !== 'list' || !interaction.isButton())
      throw new UserError('This button is no longer supported. Run `/topic list` again.');
    const state = await app.store.state.getGuild(guildIdOf(interaction));
    await interaction.update(topicListPage(state, Number(page)));
  },
} as const satisfies CommandModule;

export { MODERATOR_PERMISSIONS };
