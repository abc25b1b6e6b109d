import { UserError } from '../src/errors.js';
import { LOCALE_NAMES, LOCALES } from '../src/i18n/index.js';
import { timezoneChoices } from '../src/schedule/timezones.js';
import type { CommandModule } from './types.js';
import { MODERATOR_PERMISSIONS, Opt } from './options.js';
import { setSettings, showSettings } from './settings/handlers.js';

export const settings = {
  data: {
    name: 'settings',
    description: 'Server settings: schedule, time zone, abstract length, paper cap, venue updates',
    dm_permission: false,
    default_member_permissions: MODERATOR_PERMISSIONS,
    options: [
      { type: Opt.Subcommand, name: 'show', description: 'Show this server’s settings' },
      {
        type: Opt.Subcommand,
        name: 'set',
        description: 'Change this server’s settings',
        options: [
          {
            type: Opt.String,
            name: 'schedule',
            description: 'Cron expression, e.g. 30 7 * * 1-5 (07:30 Monday–Friday)',
            max_length: 100,
          },
          {
            type: Opt.String,
            name: 'timezone',
            description: 'IANA time zone, e.g. Europe/Berlin',
            autocomplete: true,
            max_length: 64,
          },
          {
            type: Opt.Integer,
            name: 'abstract_length',
            description: 'Characters of abstract per paper (100–4000)',
            min_value: 100,
            max_value: 4000,
          },
          {
            type: Opt.Integer,
            name: 'max_papers',
            description: 'Default paper cap per digest (1–100)',
            min_value: 1,
            max_value: 100,
          },
          {
            type: Opt.String,
            name: 'language',
            description: 'Language of digests and notices (members get replies in their own when Paperboy has it)',
            choices: LOCALES.map((locale) => ({ name: LOCALE_NAMES[locale], value: locale })),
          },
          {
            type: Opt.Boolean,
            name: 'venue_updates',
            description: 'Tell a channel when a paper posted there is accepted at a venue (default on)',
          },
        ],
      },
    ],
  },
  moderatorOnly: true,
  acknowledgeFirst: ['set'],
  async execute(interaction, app) {
    switch (interaction.options.getSubcommand()) {
      case 'show':
        return showSettings(interaction, app);
      case 'set':
        return setSettings(interaction, app);
      default:
        throw UserError.of('common.unknownSubcommand');
    }
  },
  async autocomplete(interaction, app) {
    const focused = interaction.options.getFocused(true);
    await interaction.respond(focused.name === 'timezone' ? timezoneChoices(String(focused.value), app.now()) : []);
  },
} as const satisfies CommandModule;
