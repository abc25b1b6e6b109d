import { UserError } from '../src/errors.js';
import type { CommandModule } from './types.js';
import { Opt, topicSlugOption } from './options.js';
import { executeSearch, searchComponent } from './paper/search.js';
import {
  executeSavedExport,
  executeSavedList,
  saveFromButton,
  saveFromSelect,
  turnSavedPage,
  unsaveFromSelect,
} from './paper/saved.js';
import { executeShow, sharePaper } from './paper/show.js';
import { respondWithTopics } from './shared/interaction.js';

export const paper = {
  data: {
    name: 'paper',
    description: 'Search the paper archive, show one paper, or your reading list',
    dm_permission: false,
    options: [
      {
        type: Opt.Subcommand,
        name: 'search',
        description: 'Ranked full-text search over titles, authors, abstracts and venues',
        options: [
          {
            type: Opt.String,
            name: 'query',
            description: 'Words, "exact phrases", prefix*',
            required: true,
            min_length: 1,
            max_length: 300,
          },
          { type: Opt.String, name: 'author', description: 'Only papers with this author', max_length: 100 },
          topicSlugOption('Only papers matching this topic', false),
          {
            type: Opt.String,
            name: 'since',
            description: 'Announced on or after (YYYY-MM-DD)',
            min_length: 10,
            max_length: 10,
          },
          { type: Opt.Boolean, name: 'has_code', description: 'Only papers with a code link' },
          {
            type: Opt.String,
            name: 'scope',
            description: 'Papers posted in this server’s digests (default) or the whole archive',
            choices: [
              { name: 'posted in this server', value: 'digests' },
              { name: 'whole archive', value: 'all' },
            ],
          },
          { type: Opt.Boolean, name: 'public', description: 'Show the results to everyone in the channel' },
        ],
      },
      {
        type: Opt.Subcommand,
        name: 'show',
        description: 'Show one paper as its full embed',
        options: [
          {
            type: Opt.String,
            name: 'id',
            description: 'arXiv id or link: 2205.14459, arXiv:2205.14459v2, an abs/pdf URL',
            required: true,
            min_length: 4,
            max_length: 200,
          },
        ],
      },
      {
        type: Opt.SubcommandGroup,
        name: 'saved',
        description: 'Your reading list: papers you saved from digests and /paper show',
        options: [
          {
            type: Opt.Subcommand,
            name: 'list',
            description: 'Your saved papers, newest first (only you see them)',
            options: [
              {
                type: Opt.Integer,
                name: 'page',
                description: 'Page to show (1: the newest)',
                min_value: 1,
                max_value: 500,
              },
            ],
          },
          {
            type: Opt.Subcommand,
            name: 'export',
            description: 'Your saved papers as a BibTeX file (Zotero imports it as is)',
          },
        ],
      },
    ],
  },
  moderatorOnly: [],
  acknowledgeFirst: ['export'],
  // The "Save…" select is on members' DM digests too.
  dmComponents: ['save'],
  async execute(interaction, app) {
    const group = interaction.options.getSubcommandGroup(false);
    const sub = interaction.options.getSubcommand();
    if (group === 'saved' && sub === 'list') await executeSavedList(interaction, app);
    else if (group === 'saved' && sub === 'export') await executeSavedExport(interaction, app);
    else if (group === null && sub === 'search') await executeSearch(interaction, app);
    else if (group === null && sub === 'show') await executeShow(interaction, app);
    else throw UserError.of('common.unknownSubcommand');
  },
  async autocomplete(interaction, app) {
    await respondWithTopics(interaction, app);
  },
  /**
   * `paper:p:<page>:<key>` and `paper:o:<key>` (search results), `paper:s:<arXiv id>` (post in channel), and the
   * reading list's `paper:save:<n>`, `paper:save1:<arXiv id>`, `paper:saved:<page>`, `paper:unsave:<page>`.
   */
  async component(interaction, app, args) {
    const [kind, ...rest] = args;
    if (kind === 's') await sharePaper(interaction, app, rest);
    else if (kind === 'save') await saveFromSelect(interaction, app, rest);
    else if (kind === 'save1') await saveFromButton(interaction, app, rest);
    else if (kind === 'saved') await turnSavedPage(interaction, app, rest);
    else if (kind === 'unsave') await unsaveFromSelect(interaction, app, rest);
    else await searchComponent(interaction, app, args);
  },
} as const satisfies CommandModule;
