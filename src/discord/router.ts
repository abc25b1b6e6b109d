import {
  DiscordjsErrorCodes,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js';
import { UserError } from '../errors.js';
import { translator, type Locale } from '../i18n/index.js';
import type { CommandModule } from './command.js';
import type { App } from '../app.js';
import type { Logger } from '../log.js';
import { untoldPause } from '../members/service.js';
import { chooseLocale, localeOf } from './locale.js';

/**
 * discord.js refuses to read an option whose type or presence differs from what the handler asks
 * for: the command registered with Discord is older or newer than this code. Bad input, not a crash.
 */
const OPTION_MISMATCH: ReadonlySet<string> = new Set([
  DiscordjsErrorCodes.CommandInteractionOptionNotFound,
  DiscordjsErrorCodes.CommandInteractionOptionType,
  DiscordjsErrorCodes.CommandInteractionOptionEmpty,
  DiscordjsErrorCodes.CommandInteractionOptionNoSubcommand,
  DiscordjsErrorCodes.CommandInteractionOptionNoSubcommandGroup,
  DiscordjsErrorCodes.AutocompleteInteractionOptionNoFocusedOption,
]);

function isOptionMismatch(error: unknown): boolean {
  return error instanceof Error && 'code' in error && OPTION_MISMATCH.has(String(error.code));
}

function needsModerator(command: CommandModule, interaction: ChatInputCommandInteraction): boolean {
  if (command.moderatorOnly === true) return true;
  const sub = interaction.options.getSubcommand(false);
  return sub !== null && command.moderatorOnly.includes(sub);
}

/** Reply, or follow up if the interaction was already answered, always ephemeral. */
async function tell(interaction: RepliableInteraction, content: string): Promise<void> {
  const body = { content, flags: MessageFlags.Ephemeral as const, allowedMentions: { parse: [] } };
  if (interaction.deferred && !interaction.replied)
    await interaction.editReply({ content, allowedMentions: { parse: [] } });
  else if (interaction.replied) await interaction.followUp(body);
  else await interaction.reply(body);
}

/**
 * The one error boundary for interactions: routes commands, autocomplete and components;
 * UserError becomes a short ephemeral reply, anything else is logged and gets a generic one.
 */
export function createRouter(
  commands: readonly CommandModule[],
  app: App,
): (interaction: Interaction) => Promise<void> {
  const byName = new Map(commands.map((c) => [c.data.name, c]));

  return async (interaction) => {
    const log = app.log.child({
      interaction: interaction.id,
      guild: interaction.guildId,
      user: interaction.user.id,
      kind: interaction.type,
    });
    try {
      const t = translator(await chooseLocale(interaction, app.store.state));
      if (interaction.isAutocomplete()) {
        await autocomplete(byName.get(interaction.commandName), interaction, app);
        return;
      }
      if (interaction.isMessageComponent()) {
        const [name = '', ...args] = interaction.customId.split(':');
        const command = byName.get(name);
        if (!interaction.inGuild() && !command?.dmComponents?.includes(args[0] ?? '')) {
          await tell(interaction, t('common.serversOnly'));
          return;
        }
        if (!command?.component) throw UserError.of('common.staleButton');
        await command.component(interaction, app, args);
        return;
      }
      if (!interaction.inGuild()) {
        if (interaction.isRepliable()) await tell(interaction, t('common.serversOnly'));
        return;
      }
      if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) throw UserError.of('common.unknownCommand');
        // default_member_permissions can be overridden by server admins: check again here.
        if (
          needsModerator(command, interaction) &&
          !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)
        ) {
          throw UserError.of('common.moderatorsOnly');
        }
        const sub = interaction.options.getSubcommand(false);
        if (sub !== null && command.acknowledgeFirst?.includes(sub)) {
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        }
        await command.execute(interaction, app);
        await tellPausedDms(interaction, app, log);
      }
    } catch (error) {
      const mismatch = isOptionMismatch(error);
      if (mismatch) log.warn({ err: error }, 'interaction options do not match the command');
      else if (!(error instanceof UserError)) log.error({ err: error }, 'interaction failed');
      if (!interaction.isRepliable()) return;
      try {
        const locale: Locale = localeOf(interaction);
        const t = translator(locale);
        await tell(
          interaction,
          error instanceof UserError
            ? error.messageIn(locale)
            : mismatch
              ? t('common.staleOptions')
              : t('common.genericFailure'),
        );
      } catch (replyError) {
        log.warn({ err: replyError }, 'could not tell the user about a failure');
      }
    }
  };
}

/**
 * A member whose DMs Discord refused (their follows paused) hears it once, privately, after their next command.
 * Never fails the command.
 */
async function tellPausedDms(interaction: ChatInputCommandInteraction, app: App, log: Logger): Promise<void> {
  try {
    const reason = await untoldPause(app.store.state, interaction.user.id);
    if (reason === null) return;
    await interaction.followUp({
      content: translator(localeOf(interaction))('common.dmsPaused', { reason }),
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  } catch (error) {
    log.warn({ err: error }, 'could not tell a member their direct messages are paused');
  }
}

async function autocomplete(
  command: CommandModule | undefined,
  interaction: AutocompleteInteraction,
  app: App,
): Promise<void> {
  if (!command?.autocomplete || !interaction.inGuild()) {
    await interaction.respond([]);
    return;
  }
  try {
    await command.autocomplete(interaction, app);
  } catch (error) {
    app.log.warn({ err: error, command: command.data.name }, 'autocomplete failed');
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}
