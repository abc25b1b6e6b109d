/**
 * Shared set-up for the /topic, /subscription and /settings end-to-end tests: one real bot per
 * describe block (fake Discord, fake arXiv, temp SQLite), the commands registered, and helpers
 * that send an interaction and return what the bot answered.
 */
import { ChannelType, PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import { settings } from '../../commands/settings.js';
import { subscription } from '../../commands/subscription.js';
import { topic } from '../../commands/topic.js';
import type { GuildState } from '../../src/store/types.js';
import type { FakeGuildInit, OptionInput } from '../fakes/fake-discord.js';
import { FIXTURE, FIXTURE_GUILD, startBotWorld, type BotWorld, type BotWorldOptions } from '../helpers/bot.js';

export { FIXTURE };

/** A member with the moderator role (Manage Server). */
export const MOD = { id: '420000000000000001', username: 'mod', roles: [FIXTURE.moderatorRole] };
/** A member without Manage Server: what a member sees when an admin opened moderator commands to everyone. */
export const MEMBER = { id: '420000000000000002', username: 'member' };

/** A second guild, to prove guilds are isolated. */
export const GUILD_B = {
  guildId: '220000000000000001',
  text: '320000000000000001',
  moderatorRole: '520000000000000001',
} as const;
export const MOD_B = { id: '430000000000000001', username: 'mod-b', roles: [GUILD_B.moderatorRole] };

const GUILD_B_INIT: FakeGuildInit = {
  id: GUILD_B.guildId,
  name: 'Other group',
  roles: [{ id: GUILD_B.moderatorRole, name: 'mods', permissions: PermissionFlagsBits.ManageGuild }],
  channels: [{ id: GUILD_B.text, name: 'other-papers', type: ChannelType.GuildText }],
};

/** Start the bot with both guilds and register /topic, /subscription and /settings. */
export async function openWorld(options: BotWorldOptions = {}): Promise<BotWorld> {
  const world = await startBotWorld({
    ...options,
    discord: { guilds: [FIXTURE_GUILD, GUILD_B_INIT], ...options.discord },
  });
  const application = world.bot.client.application;
  if (!application) throw new Error('the bot has no application');
  await application.commands.set([topic.data, subscription.data, settings.data]);
  return world;
}

/** Empty a guild's state between tests that share one bot. */
export async function resetGuild(world: BotWorld, guildId: string = FIXTURE.guildId): Promise<void> {
  await world.bot.app.store.state.updateGuild(guildId, (state) => {
    state.topics = [];
    state.subscriptions = [];
    state.settings = null;
    state.audit = [];
  });
  await world.bot.app.scheduler.sync(guildId);
}

export function guildState(world: BotWorld, guildId: string = FIXTURE.guildId): Promise<GuildState> {
  return world.bot.app.store.state.getGuild(guildId);
}

export interface Reply {
  /** Interaction callback type: 4 reply, 5 deferred, 7 update. */
  type: number;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  ephemeral: boolean;
  messageId: string | null;
  /** Wall time from dispatch to the first callback. */
  ms: number;
}

export interface Invocation {
  user?: { id: string; username?: string; roles?: string[] };
  channelId?: string;
  /** The member's permissions, overriding what roles give. */
  permissions?: bigint;
  /** The member's Discord language (en-US when not given). */
  locale?: string;
}

function localeOf(invocation: Invocation): { locale?: string } {
  return invocation.locale !== undefined ? { locale: invocation.locale } : {};
}

/** Run `/<name> <subcommand>` and wait for the answer (the edit, when the bot deferred). */
export async function run(
  world: BotWorld,
  name: string,
  subcommand: string,
  options: Record<string, OptionInput> = {},
  invocation: Invocation = {},
): Promise<Reply> {
  const started = Date.now();
  const handle = await world.discord.command({
    channelId: invocation.channelId ?? FIXTURE.text,
    name,
    subcommand,
    options,
    user: invocation.user ?? MOD,
    ...(invocation.permissions !== undefined ? { permissions: invocation.permissions } : {}),
    ...localeOf(invocation),
  });
  const response = await handle.response(3000);
  const ms = Date.now() - started;
  const flags = Number(response.data?.['flags'] ?? 0);
  if (response.type === 5) {
    await handle.waitForEdit(1, 3000);
    const original = handle.original();
    return {
      type: 5,
      content: original?.content ?? '',
      embeds: original?.embeds ?? [],
      components: original?.components ?? [],
      ephemeral: original?.ephemeral ?? false,
      messageId: original?.id ?? null,
      ms,
    };
  }
  const data = response.data ?? {};
  return {
    type: response.type,
    content: typeof data['content'] === 'string' ? data['content'] : '',
    embeds: (Array.isArray(data['embeds']) ? data['embeds'] : []) as APIEmbed[],
    components: Array.isArray(data['components']) ? data['components'] : [],
    ephemeral: (flags & 64) !== 0,
    messageId: handle.original()?.id ?? null,
    ms,
  };
}

/** Click a button of an earlier reply; returns the updated message. */
export async function click(
  world: BotWorld,
  reply: Reply,
  customId: string,
  invocation: Invocation = {},
): Promise<Reply> {
  if (reply.messageId === null) throw new Error('the reply has no message');
  const started = Date.now();
  const handle = await world.discord.button({
    channelId: invocation.channelId ?? FIXTURE.text,
    messageId: reply.messageId,
    customId,
    user: invocation.user ?? MOD,
    ...localeOf(invocation),
  });
  const response = await handle.response(3000);
  const data = response.data ?? {};
  return {
    type: response.type,
    content: typeof data['content'] === 'string' ? data['content'] : '',
    embeds: (Array.isArray(data['embeds']) ? data['embeds'] : []) as APIEmbed[],
    components: Array.isArray(data['components']) ? data['components'] : [],
    ephemeral: true,
    messageId: reply.messageId,
    ms: Date.now() - started,
  };
}

/** Ask for autocomplete choices of `focused`, with `typed` as its value. */
export async function suggest(
  world: BotWorld,
  name: string,
  subcommand: string,
  focused: string,
  typed: string,
  invocation: Invocation = {},
): Promise<Array<{ name: string; value: string }>> {
  const handle = await world.discord.autocomplete({
    channelId: invocation.channelId ?? FIXTURE.text,
    name,
    subcommand,
    options: { [focused]: typed },
    focused,
    user: invocation.user ?? MOD,
    ...localeOf(invocation),
  });
  const response = await handle.response(3000);
  expect(response.type).toBe(8);
  return (response.data?.['choices'] ?? []) as Array<{ name: string; value: string }>;
}

/** Custom ids of the buttons in a reply's components. */
export function buttonIds(reply: Reply): Array<{ id: string; disabled: boolean }> {
  return (reply.components as Array<{ components?: Array<{ custom_id?: string; disabled?: boolean }> }>).flatMap(
    (row) => (row.components ?? []).map((b) => ({ id: b.custom_id ?? '', disabled: b.disabled ?? false })),
  );
}

/** Everything the embeds of a reply say, as one string (for `toContain`). */
export function embedText(reply: Reply): string {
  return reply.embeds
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text])
    .filter((t): t is string => typeof t === 'string')
    .join('\n');
}

/** Fail if the bot sent Discord anything it would reject, or answered too slowly. */
export function expectCleanDiscord(world: BotWorld): void {
  expect(world.discord.violations).toEqual([]);
}
