/**
 * The security tests' world: the real bot with every command registered in two guilds of the
 * fake Discord, members with and without Manage Server, and a way to get the bot's final answer.
 */
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { commandData } from '../../commands/index.js';
import type { GuildState } from '../../src/store/types.js';
import type { FakeGuildInit, FakeInteraction, FakeMessage, OptionInput } from '../fakes/fake-discord.js';
import { FIXTURE, FIXTURE_GUILD, type BotWorld, type BotWorldOptions } from '../helpers/bot.js';
import { answer } from '../commands/paper-digest-world.js';

export { FIXTURE, answer };

/** A second guild whose ids a member of the first tries to reach. */
export const GUILD_B = {
  id: '220000000000000001',
  text: '320000000000000001',
  moderatorRole: '520000000000000001',
} as const;

const GUILD_B_INIT: FakeGuildInit = {
  id: GUILD_B.id,
  name: 'Other lab',
  roles: [{ id: GUILD_B.moderatorRole, name: 'mods', permissions: PermissionFlagsBits.ManageGuild }],
  channels: [{ id: GUILD_B.text, name: 'b-papers', type: ChannelType.GuildText }],
};

export const twoGuilds: Pick<BotWorldOptions, 'discord'> = { discord: { guilds: [FIXTURE_GUILD, GUILD_B_INIT] } };

/** Moderator of guild A (Manage Server through its role). */
export const MOD = { id: '420000000000000009', username: 'mod', roles: [FIXTURE.moderatorRole] };
/** Moderator of guild B. */
export const MOD_B = { id: '430000000000000009', username: 'mod-b', roles: [GUILD_B.moderatorRole] };
/** Ordinary members of guild A. */
export const MEMBER = { id: '420000000000000001', username: 'member' };
export const OTHER_MEMBER = { id: '420000000000000002', username: 'other' };

/** Register every command in both guilds, as `deploy-commands --guild` would. */
export async function registerAll(world: BotWorld): Promise<void> {
  const application = world.bot.client.application;
  if (!application) throw new Error('the bot has no application');
  for (const guild of [FIXTURE.guildId, GUILD_B.id]) await application.commands.set(commandData(), guild);
}

export interface As {
  user?: { id: string; username?: string; roles?: string[] };
  channelId?: string;
  permissions?: bigint;
}

/** Run a slash command and return the bot's final answer. */
export async function slash(
  world: BotWorld,
  name: string,
  subcommand: string,
  options: Record<string, OptionInput> = {},
  as: As = {},
): Promise<FakeMessage> {
  return answer(world, await dispatch(world, name, subcommand, options, as));
}

export function dispatch(
  world: BotWorld,
  name: string,
  subcommand: string,
  options: Record<string, OptionInput> = {},
  as: As = {},
): Promise<FakeInteraction> {
  return world.discord.command({
    channelId: as.channelId ?? FIXTURE.text,
    name,
    subcommand,
    options,
    user: as.user ?? MEMBER,
    ...(as.permissions !== undefined ? { permissions: as.permissions } : {}),
  });
}

/** Ask for autocomplete choices. */
export async function choices(
  world: BotWorld,
  name: string,
  subcommand: string,
  focused: string,
  typed: string,
  as: As = {},
): Promise<Array<{ name: string; value: string }>> {
  const handle = await world.discord.autocomplete({
    channelId: as.channelId ?? FIXTURE.text,
    name,
    subcommand,
    options: { [focused]: typed },
    focused,
    user: as.user ?? MEMBER,
  });
  const response = await handle.response(5000);
  return (response.data?.['choices'] ?? []) as Array<{ name: string; value: string }>;
}

/** Both guilds' state and the archive, to compare before and after something that must change nothing. */
export async function snapshot(
  world: BotWorld,
): Promise<{ a: GuildState; b: GuildState; digestsA: unknown; digestsB: unknown }> {
  const { store } = world.bot.app;
  const day = world.clock.now().toISOString().slice(0, 10);
  return {
    a: await store.state.getGuild(FIXTURE.guildId),
    b: await store.state.getGuild(GUILD_B.id),
    digestsA: await store.delivery.digestsOn(FIXTURE.guildId, day),
    digestsB: await store.delivery.digestsOn(GUILD_B.id, day),
  };
}
