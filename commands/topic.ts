import { UserError, type CommandModule } from './types.js';
import { MODERATOR_PERMISSIONS, Opt } from './options.js';

const slug = (required: boolean) =>
  ({ type: Opt.String, name: 'slug', description: 'Short id of the topic (a-z, 0-9, -)', required, autocomplete: true, min_length: 2, max_length: 32 }) as const;

const topicFields = [
  { type: Opt.String, name: 'name', description: 'Display name (any language)', max_length: 100 },
  { type: Opt.String, name: 'categories', description: 'arXiv categories, comma-separated: cs.LG, cs.CV, stat', max_length: 300 },
  { type: Opt.String, name: 'query', description: 'Keyword query: words, "phrases", OR, -word, ti: abs: au: cat:', max_length: 500 },
  { type: Opt.Boolean, name: 'cross_lists', description: 'Include cross-listed papers (default yes)' },
  { type: Opt.Boolean, name: 'updates', description: 'Include new versions of papers (default no)' },
  { type: Opt.String, name: 'color', description: 'Embed colour as #RRGGBB', min_length: 4, max_length: 7 },
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
          { type: Opt.String, name: 'catalog', description: 'Add a ready-made topic from the catalog', autocomplete: true, max_length: 32 },
        ],
      },
      { type: Opt.Subcommand, name: 'edit', description: 'Change a topic', options: [slug(true), ...topicFields] },
      { type: Opt.Subcommand, name: 'remove', description: 'Delete a topic and end its subscriptions', options: [slug(true)] },
      { type: Opt.Subcommand, name: 'list', description: 'Topics of this server' },
      { type: Opt.Subcommand, name: 'show', description: 'One topic, with a preview of matching recent papers', options: [slug(true)] },
    ],
  },
  moderatorOnly: ['add', 'edit', 'remove'],
  async execute() {
    throw new UserError('Not available yet.');
  },
} as const satisfies CommandModule;

export { MODERATOR_PERMISSIONS };
