/**
 * Which language to answer in. Digests and notices speak the server's language: its `/settings set language`
 * choice, else the server's own (Discord's preferred locale), else English. A reply to a member speaks the
 * member's Discord language when Paperboy has it, else the server's.
 */
import type { BaseInteraction, Guild } from 'discord.js';
import { DEFAULT_LOCALE, isLocale, resolveLocale, translator, type Locale, type Translate } from '../i18n/index.js';
import type { GuildState, StateStore } from '../store/types.js';

/** The server's language for digests and notices. */
export function serverLocale(state: Pick<GuildState, 'settings' | 'locale'>, discordLocale?: string | null): Locale {
  const chosen = state.settings?.language;
  if (isLocale(chosen)) return chosen;
  return resolveLocale(state.locale ?? discordLocale) ?? DEFAULT_LOCALE;
}

const chosenFor = new WeakMap<BaseInteraction, Locale>();

/**
 * The locale of the replies to an interaction, chosen once (by the router) and remembered: the member's own when
 * supported, else the server's (which takes one read of its state).
 */
export async function chooseLocale(interaction: BaseInteraction, state: StateStore): Promise<Locale> {
  let locale = resolveLocale(interaction.locale);
  if (locale === null) {
    locale =
      interaction.guildId === null
        ? DEFAULT_LOCALE
        : serverLocale(await state.getGuild(interaction.guildId), interaction.guildLocale);
  }
  chosenFor.set(interaction, locale);
  return locale;
}

/** The locale chosen for an interaction; without a choice, the member's or the server's Discord language. */
export function localeOf(interaction: BaseInteraction): Locale {
  return (
    chosenFor.get(interaction) ??
    resolveLocale(interaction.locale) ??
    resolveLocale(interaction.guildLocale) ??
    DEFAULT_LOCALE
  );
}

/** The lookup for what a member posts for the whole channel to read (shared results): the server's language. */
export async function channelTranslatorOf(interaction: BaseInteraction, state: StateStore): Promise<Translate> {
  if (interaction.guildId === null) return translatorOf(interaction);
  return translator(serverLocale(await state.getGuild(interaction.guildId), interaction.guildLocale));
}

/** The catalog lookup in an interaction's locale. */
export function translatorOf(interaction: BaseInteraction): Translate {
  return translator(localeOf(interaction));
}

/**
 * Keep the server's own language (Discord's preferred locale) in its state, for digests sent without an
 * interaction; written only when it changed (English is the same as none).
 */
export async function recordGuildLocale(
  state: StateStore,
  guild: Pick<Guild, 'id' | 'preferredLocale'>,
): Promise<void> {
  const tag: string = guild.preferredLocale;
  const reported = tag === DEFAULT_LOCALE ? undefined : tag;
  if ((await state.getGuild(guild.id)).locale === reported) return;
  await state.updateGuild(guild.id, (s) => {
    if (reported === undefined) delete s.locale;
    else s.locale = reported;
  });
}
