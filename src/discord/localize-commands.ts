/**
 * The slash commands in every catalog's language: Discord shows each member the names and descriptions of their own
 * client language. Built at deploy time from the command data and the catalogs' `commands` section, which mirrors the
 * data by path (command → subcommand group → subcommand → option → choice); the English of the data stays as it is.
 */
import type {
  APIApplicationCommandOption,
  APIApplicationCommandOptionChoice,
  LocalizationMap,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { CATALOGS, DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, isLocale, type Locale } from '../i18n/index.js';

/** One command, group, subcommand or option in a catalog's `commands` section. */
export interface CommandEntry {
  readonly name: string;
  readonly description: string;
  readonly options?: Readonly<Record<string, CommandEntry>>;
  /** Choice names by choice value. */
  readonly choices?: Readonly<Record<string, { readonly name: string }>>;
}

type Node = RESTPostAPIChatInputApplicationCommandsJSONBody | APIApplicationCommandOption;

/** The `commands` section of a locale's catalog, by command name. */
export function commandEntries(locale: Locale): Readonly<Record<string, CommandEntry>> {
  return CATALOGS[locale].commands;
}

/**
 * A choice whose name is a proper value keeps that one name in every language: a name that is its value (a time
 * zone, a category id) or a language's own name (`简体中文` for `zh-CN`, so every reader finds their language).
 */
export function keepsOwnName(choice: Pick<APIApplicationCommandOptionChoice, 'name' | 'value'>): boolean {
  const value = String(choice.value);
  return choice.name === value || (isLocale(value) && LOCALE_NAMES[value] === choice.name);
}

/** Children of a command or option (subcommands, groups and options alike). */
export function childrenOf(node: Node): readonly APIApplicationCommandOption[] {
  return 'options' in node && Array.isArray(node.options) ? (node.options as APIApplicationCommandOption[]) : [];
}

/** Choices of an option, if it has them. */
export function choicesOf(node: Node): readonly APIApplicationCommandOptionChoice[] {
  return 'choices' in node && Array.isArray(node.choices) ? node.choices : [];
}

/** A localisation map with one more language (a map the data already has is kept). */
function withLocale(map: object | null | undefined, locale: Locale, text: string): LocalizationMap {
  return { ...map, [locale]: text };
}

/**
 * One node localised from its catalog entry (and its children from theirs). A node without an entry is left as it
 * is; an entry without a node (an option not registered yet) is never read.
 */
function localizeNode<T extends Node>(node: T, entry: CommandEntry | undefined, locale: Locale): T {
  const out: Record<string, unknown> = { ...node };
  if (entry !== undefined) {
    out['name_localizations'] = withLocale(node.name_localizations, locale, entry.name);
    out['description_localizations'] = withLocale(node.description_localizations, locale, entry.description);
  }
  const children = childrenOf(node);
  if (children.length > 0) {
    out['options'] = children.map((child) => localizeNode(child, entry?.options?.[child.name], locale));
  }
  const choices = choicesOf(node);
  if (choices.length > 0) {
    out['choices'] = choices.map((choice) => {
      const name = entry?.choices?.[String(choice.value)]?.name;
      return name === undefined || keepsOwnName(choice)
        ? choice
        : { ...choice, name_localizations: withLocale(choice.name_localizations, locale, name) };
    });
  }
  return out as T;
}

/** The command data with the names and descriptions of every locale besides the default (whose are the data's). */
export function localizeCommands(
  data: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const locales = LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);
  return data.map((command) =>
    locales.reduce(
      (localized, locale) => localizeNode(localized, commandEntries(locale)[command.name], locale),
      command,
    ),
  );
}
