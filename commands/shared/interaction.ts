/** What every handler does with its interaction: which guild, who is acting, how to answer privately. */
import {
  MessageFlags,
  type ActionRowBuilder,
  type APIEmbed,
  type AutocompleteInteraction,
  type ButtonBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { App } from '../../src/app.js';
import { UserError } from '../../src/errors.js';
import type { Actor } from '../../src/guilds/audit.js';
import { topicChoices } from '../../src/guilds/topics.js';

/** The guild an interaction came from; the router only lets guild interactions through, this keeps the types honest. */
export function guildIdOf(interaction: { guildId: string | null }): string {
  if (interaction.guildId === null) throw UserError.of('common.serversOnly');
  return interaction.guildId;
}

/** Who is acting, where and when (the app's clock): what every change records. */
export function actorOf(interaction: ChatInputCommandInteraction, app: Pick<App, 'now'>): Actor {
  return { guildId: guildIdOf(interaction), userId: interaction.user.id, at: app.now().toISOString() };
}

export interface ReplyBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRowBuilder<ButtonBuilder>[];
}

/** Answer a command ephemerally (editing the deferred reply if there is one); nothing ever pings. */
export async function replyPrivately(interaction: ChatInputCommandInteraction, body: ReplyBody): Promise<void> {
  const payload = {
    ...(body.content !== undefined ? { content: body.content } : {}),
    ...(body.embeds ? { embeds: body.embeds } : {}),
    ...(body.components ? { components: body.components } : {}),
    allowedMentions: { parse: [] },
  };
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}

/**
 * Answer an autocomplete whose focused option is `topic` with this guild's matching topics (with
 * `channelId`, only the ones that channel is subscribed to); any other option gets no suggestions.
 */
export async function respondWithTopics(
  interaction: AutocompleteInteraction,
  app: App,
  options: { channelId?: string } = {},
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'topic') {
    await interaction.respond([]);
    return;
  }
  // One state read, no search: autocomplete cannot be deferred.
  const state = await app.store.state.getGuild(guildIdOf(interaction));
  await interaction.respond(topicChoices(state, String(focused.value), options));
}
