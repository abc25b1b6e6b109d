/** `/follow …` (any member, always ephemeral): options → src/members/service.ts → a private answer. */
import type { APIEmbed, ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { sanitizeMarkdown } from '../../src/discord/render/index.js';
import { choiceName, MAX_CHOICES, plural, type Choice } from '../../src/format.js';
import { dmBlocked } from '../../src/members/digests.js';
import { describeFollow, MAX_FOLLOWS } from '../../src/members/follows.js';
import { addFollow, removeFollow, setDms } from '../../src/members/service.js';
import { describeSchedule } from '../../src/schedule/cron.js';
import { guildIdOf, replyPrivately } from '../shared/interaction.js';

const DM_HINT =
  'Paperboy sends them by direct message: keep “Direct Messages” from this server’s members allowed (Privacy Settings).';

export async function addFollowCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const { options } = interaction;
  const follow = await addFollow(
    { state: app.store.state, guildId, userId: interaction.user.id, now: app.now() },
    {
      author: options.getString('author'),
      query: options.getString('query'),
      categories: options.getString('categories'),
    },
  );
  // The server is scheduled from now on (its followers list changed).
  await app.scheduler.sync(guildId);
  const state = await app.store.state.getGuild(guildId);
  const settings = app.settingsFor(guildId, state.settings);
  const member = await app.store.state.getMember(interaction.user.id);
  const blocked = dmBlocked(member);
  await replyPrivately(interaction, {
    content: [
      `Following \`${follow.id}\`: ${sanitizeMarkdown(describeFollow(follow))}.`,
      `New papers that match come with this server’s digests (${describeSchedule(settings.schedule)}, ${settings.timezone} time), at most 25 at a time. ${DM_HINT}`,
      blocked ? `Your direct messages are paused: ${blocked}. \`/follow resume\` turns them on.` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  });
}

export function followsEmbed(
  app: App,
  member: Awaited<ReturnType<App['store']['state']['getMember']>>,
  guildName: (id: string) => string,
): APIEmbed {
  const lines = member.follows.map(
    (f) => `\`${f.id}\` ${sanitizeMarkdown(describeFollow(f))} — from ${sanitizeMarkdown(guildName(f.guildId))}`,
  );
  const blocked = dmBlocked(member);
  return {
    title: `Your follows (${member.follows.length} of ${MAX_FOLLOWS})`,
    description:
      lines.length > 0
        ? lines.join('\n').slice(0, 4000)
        : 'You follow nothing yet. `/follow add author:… query:… categories:…` starts.',
    fields: [
      {
        name: 'Direct messages',
        value: blocked ? `paused: ${blocked}. \`/follow resume\` turns them on.` : 'on',
      },
    ],
  };
}

export async function listFollows(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const member = await app.store.state.getMember(interaction.user.id);
  const guildName = (id: string) => interaction.client.guilds.cache.get(id)?.name ?? `server ${id}`;
  await replyPrivately(interaction, { embeds: [followsEmbed(app, member, guildName)] });
}

export async function removeFollowCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const removed = await removeFollow(
    { state: app.store.state, userId: interaction.user.id, now: app.now() },
    interaction.options.getString('follow', true),
  );
  if (removed.guildId === guildId) await app.scheduler.sync(guildId);
  await replyPrivately(interaction, {
    content: `Stopped following \`${removed.id}\`: ${sanitizeMarkdown(describeFollow(removed))}.`,
  });
}

export async function setDmsCommand(interaction: ChatInputCommandInteraction, app: App, on: boolean): Promise<void> {
  const member = await setDms({ state: app.store.state, userId: interaction.user.id, now: app.now() }, on);
  const count = plural(member.follows.length, 'follow');
  await replyPrivately(interaction, {
    content: on
      ? `Direct messages are on: new papers for your ${count} come with the next digests. ${DM_HINT}`
      : `Direct messages are off; your ${count} are kept. \`/follow resume\` turns them back on.`,
  });
}

/** Autocomplete for `/follow remove`: the member's own follows. */
export async function followChoices(app: App, userId: string, typed: string): Promise<Choice[]> {
  const member = await app.store.state.getMember(userId);
  const needle = typed.trim().toLowerCase();
  return member.follows
    .map((f) => ({ name: choiceName(`${f.id}: ${describeFollow(f)}`), value: f.id }))
    .filter((c) => needle === '' || c.name.toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES);
}
