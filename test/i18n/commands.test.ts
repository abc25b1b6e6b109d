/**
 * The slash commands in every catalog's language: `paperboy deploy-commands` registers, through the real REST client
 * against the fake Discord, a zh-CN name and description for every command, group, subcommand and option and a
 * name for every choice, each meeting Discord's rules, while the English of the data is registered unchanged.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApplicationCommandOptionType,
  Locale as DiscordLocale,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandData } from '../../commands/index.js';
import { deployCommands } from '../../src/cli/deploy.js';
import {
  childrenOf,
  choicesOf,
  commandEntries,
  keepsOwnName,
  localizeCommands,
  type CommandEntry,
} from '../../src/discord/localize-commands.js';
import { loadBotEnv } from '../../src/env.js';
import { DEFAULT_LOCALE, LOCALES } from '../../src/i18n/index.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { FIXTURE, FIXTURE_GUILD } from '../helpers/bot.js';

type Command = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Node = Command | APIApplicationCommandOption;
type Json = Record<string, unknown>;

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const TRANSLATED = LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);

/** Every command and option with its path (`paper search scope`), depth first. */
function walk(commands: readonly Node[], path: string[] = []): Array<{ path: string; node: Node }> {
  return commands.flatMap((node) => {
    const here = [...path, node.name];
    return [{ path: here.join(' '), node }, ...walk(childrenOf(node), here)];
  });
}

/** The data without its localisations: what the English of a registration must equal. */
function english(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(english);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'name_localizations' && key !== 'description_localizations')
      .map(([key, v]) => [key, english(v)]),
  );
}

function localisation(node: { name_localizations?: unknown }, key: 'name' | 'description', locale: string): unknown {
  const map = (node as Json)[`${key}_localizations`];
  return map !== null && typeof map === 'object' ? (map as Json)[locale] : undefined;
}

/** The problems of one locale's localisations in registered data, one line each; none when all is well. */
function problems(commands: readonly Node[], locale: string): string[] {
  const out: string[] = [];
  const siblings = (nodes: readonly Node[], where: string) => {
    const names = nodes.map((n) => localisation(n, 'name', locale));
    const repeated = names.filter((n, i) => n !== undefined && names.indexOf(n) !== i);
    if (repeated.length > 0) out.push(`${where}: ${locale} names repeated: ${repeated.join(', ')}`);
  };
  siblings(commands, '(commands)');
  for (const { path, node } of walk(commands)) {
    const name = localisation(node, 'name', locale);
    const description = localisation(node, 'description', locale);
    if (typeof name !== 'string') out.push(`${path}: no ${locale} name`);
    else if (!NAME.test(name) || name !== name.toLowerCase()) out.push(`${path}: invalid ${locale} name "${name}"`);
    if (typeof description !== 'string') out.push(`${path}: no ${locale} description`);
    else if (description.length < 1 || description.length > 100) {
      out.push(`${path}: ${locale} description of ${description.length} characters`);
    }
    siblings(childrenOf(node), path);
    for (const choice of choicesOf(node)) {
      const choiceName = localisation(choice, 'name', locale);
      if (keepsOwnName(choice)) continue;
      if (typeof choiceName !== 'string') out.push(`${path} = ${String(choice.value)}: no ${locale} choice name`);
      else if (choiceName.length < 1 || choiceName.length > 100) {
        out.push(`${path} = ${String(choice.value)}: ${locale} choice name of ${choiceName.length} characters`);
      }
    }
  }
  return out;
}

/** The catalog entry at a command path, if any. */
function entryAt(entries: Readonly<Record<string, CommandEntry>>, path: string): CommandEntry | undefined {
  const [first = '', ...rest] = path.split(' ');
  return rest.reduce<CommandEntry | undefined>((entry, name) => entry?.options?.[name], entries[first]);
}

/** The `language` option `/settings set` takes (spec): in the catalogs whether or not the data has it yet. */
const LANGUAGE: APIApplicationCommandOption = {
  type: ApplicationCommandOptionType.String,
  name: 'language',
  description: 'Language of digests and notices (default: the server’s own)',
  choices: [
    { name: 'English', value: 'en-US' },
    { name: '简体中文', value: 'zh-CN' },
  ],
};

/** The command data with `/settings set language:` present, as it is once that option is registered. */
function withLanguage(data: readonly Command[]): Command[] {
  const copy = structuredClone(data) as Command[];
  const set = copy.find((c) => c.name === 'settings')?.options?.find((o) => o.name === 'set');
  if (set?.type !== ApplicationCommandOptionType.Subcommand) throw new Error('no /settings set');
  if (!set.options?.some((o) => o.name === 'language')) set.options = [...(set.options ?? []), LANGUAGE] as never;
  return copy;
}

describe('deploy-commands', () => {
  let discord: FakeDiscord;
  let dir: string;
  let registered: Command[];

  beforeAll(async () => {
    discord = new FakeDiscord({
      token: FIXTURE.token,
      applicationId: FIXTURE.applicationId,
      guilds: [FIXTURE_GUILD],
      rateLimits: { global: false },
    });
    const { apiUrl } = await discord.start();
    dir = await mkdtemp(join(tmpdir(), 'paperboy-l10n-'));
    const env = loadBotEnv({
      DISCORD_TOKEN: FIXTURE.token,
      DISCORD_APPLICATION_ID: FIXTURE.applicationId,
      DISCORD_API_URL: apiUrl,
      DATABASE_URL: `sqlite://${join(dir, 'paperboy.sqlite')}`,
    });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await deployCommands(env, FIXTURE.guildId)).toBe(0);
      expect(log).toHaveBeenCalledWith(expect.stringContaining(`Registered ${commandData().length} commands`));
    } finally {
      log.mockRestore();
    }
    registered = discord.commands(FIXTURE.guildId) as unknown as Command[];
  });

  afterAll(async () => {
    await discord.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('registers every command', () => {
    expect(registered.map((c) => c.name)).toEqual(commandData().map((c) => c.name));
  });

  it.each(TRANSLATED)('registers a valid %s name and description on every command, option and choice', (locale) => {
    expect(walk(registered).length).toBeGreaterThan(commandData().length);
    expect(problems(registered, locale)).toEqual([]);
  });

  it('registers the English of the command data unchanged', () => {
    for (const [i, command] of registered.entries()) {
      const data = commandData()[i];
      expect(command.name).toBe(data?.name);
      expect(command.description).toBe(data?.description);
      expect(english(command.options)).toEqual(english(data?.options ?? []));
    }
  });
});

describe('the catalogs’ commands section', () => {
  it('holds the English of every command and option of the data, verbatim', () => {
    const entries = commandEntries(DEFAULT_LOCALE);
    const differing = walk(withLanguage(commandData())).flatMap(({ path, node }) => {
      const entry = entryAt(entries, path);
      const wrong = [];
      if (entry?.name !== node.name) wrong.push(`${path}: name "${entry?.name}"`);
      if (entry?.description !== node.description) wrong.push(`${path}: description "${entry?.description}"`);
      for (const choice of choicesOf(node)) {
        const named = entry?.choices?.[String(choice.value)]?.name;
        if (!keepsOwnName(choice) && named !== choice.name) wrong.push(`${path} = ${String(choice.value)}: "${named}"`);
      }
      return wrong;
    });
    expect(differing).toEqual([]);
  });

  it.each(TRANSLATED)('localises /settings set language: (%s), its locale names kept as they are', (locale) => {
    const data = localizeCommands(withLanguage(commandData()));
    expect(problems(data, locale)).toEqual([]);
    const language = walk(data).find((n) => n.path === 'settings set language')?.node;
    if (language === undefined) throw new Error('no /settings set language:');
    const entry = entryAt(commandEntries(locale), 'settings set language');
    expect(entry?.name).not.toBe(LANGUAGE.name);
    expect(localisation(language, 'name', locale)).toBe(entry?.name);
    expect(localisation(language, 'description', locale)).toBe(entry?.description);
    expect(choicesOf(language)).toEqual(LANGUAGE.choices);
  });

  it('skips a catalog entry the data lacks, and leaves an option the catalogs lack without localisations', () => {
    const data = withLanguage(commandData());
    const set = walk(data).find((n) => n.path === 'settings set')?.node;
    if (set?.type !== ApplicationCommandOptionType.Subcommand) throw new Error('no /settings set');
    set.options = [
      ...(set.options ?? []).filter((o) => o.name !== 'language'),
      { type: ApplicationCommandOptionType.Boolean, name: 'not_in_catalog', description: 'An option of no catalog' },
    ];
    const localizedData = localizeCommands(data);
    for (const locale of TRANSLATED) {
      expect(problems(localizedData, locale)).toEqual([
        `settings set not_in_catalog: no ${locale} name`,
        `settings set not_in_catalog: no ${locale} description`,
      ]);
    }
    expect(english(localizedData)).toEqual(english(data));
  });

  it('keeps one name for choices whose name is a proper value, and translates the others', () => {
    expect(keepsOwnName({ name: '简体中文', value: 'zh-CN' })).toBe(true);
    expect(keepsOwnName({ name: 'English', value: 'en-US' })).toBe(true);
    expect(keepsOwnName({ name: 'Europe/Berlin', value: 'Europe/Berlin' })).toBe(true);
    expect(keepsOwnName({ name: 'cs.LG', value: 'cs.LG' })).toBe(true);
    expect(keepsOwnName({ name: 'whole archive', value: 'all' })).toBe(false);
    expect(keepsOwnName({ name: 'Chinese', value: 'zh-CN' })).toBe(false);
  });

  it('localises only into locales Discord knows', () => {
    const discordLocales: readonly string[] = Object.values(DiscordLocale);
    expect(TRANSLATED.filter((locale) => !discordLocales.includes(locale))).toEqual([]);
  });
});
