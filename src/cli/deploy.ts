import { REST, Routes } from 'discord.js';
import { commandData } from '../../commands/index.js';
import { localizeCommands } from '../discord/localize-commands.js';
import type { BotEnv } from '../env.js';

/**
 * Register every slash command with one bulk overwrite (PUT): unchanged commands cost nothing
 * against Discord's daily create limit. `--guild` registers instantly in one server, for development. Each command
 * carries its names and descriptions in every catalog's language.
 */
export async function deployCommands(env: BotEnv, guildId: string | undefined): Promise<number> {
  const rest = new REST(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}).setToken(env.DISCORD_TOKEN);
  const route = guildId
    ? Routes.applicationGuildCommands(env.DISCORD_APPLICATION_ID, guildId)
    : Routes.applicationCommands(env.DISCORD_APPLICATION_ID);
  const registered = (await rest.put(route, { body: localizeCommands(commandData()) })) as Array<{ name: string }>;
  console.log(
    `Registered ${registered.length} commands ${guildId ? `in server ${guildId}` : 'globally'}: ${registered.map((c) => `/${c.name}`).join(', ')}`,
  );
  return 0;
}
