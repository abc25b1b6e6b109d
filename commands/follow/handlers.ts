/** `/follow …` (any member, always ephemeral): options → src/members/service.ts → a private answer. */
import type { APIEmbed, ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { translatorOf } from '../../src/discord/locale.js';
import { sanitizeMarkdown } from '../../src/discord/render/index.js';
import { choiceName, MAX_CHOICES, type Choice } from '../../src/format.js';
import { resolveLocale, type Translate } from '../../src/i18n/index.js';
import { dmBlocked } from '../../src/members/digests.js';
import { describeFollow, MAX_FOLLOWS } from '../../src/members/follows.js';
import { addFollow, rememberLocale, removeFollow, setDms } from '../../src/members/service.js';
import { describeSchedule } from '../../src/schedule/cron.js';
import { guildIdOf, replyPrivately } from '../shared/interaction.js';

export async function addFollowCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const { options } = interaction;
  const follow = await addFollow(
    {
      state: app.store.state,
      guildId,
      userId: interaction.user.id,
      now: app.now(),
      locale: resolveLocale(interaction.locale),
    },
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
  const t = translatorOf(interaction);
  const blocked = dmBlocked(member, t);
  await replyPrivately(interaction, {
    content: [
      t('follow.following', { id: follow.id, follow: sanitizeMarkdown(describeFollow(follow, t)) }),
      t('follow.comesWith', {
        schedule: describeSchedule(settings.schedule),
        timezone: settings.timezone,
        hint: t('follow.dmHint'),
      }),
      blocked ? t('follow.blocked', { reason: blocked }) : '',
    ]
      .filter(Boolean)
      .join('\n'),
  });
}

export function followsEmbed(
  member: Awaited<ReturnType<App['store']['state']['getMember']>>,
  guildName: (id: string) => string,
  t: Translate,
): APIEmbed {
  const lines = member.follows.map((f) =>
    t('follow.listLine', {
      id: f.id,
      follow: sanitizeMarkdown(describeFollow(f, t)),
      server: sanitizeMarkdown(guildName(f.guildId)),
    }),
  );
  const blocked = dmBlocked(member, t);
  return {
    title: t('follow.listTitle', { count: member.follows.length, max: MAX_FOLLOWS }),
    description: lines.length > 0 ? lines.join('\n').slice(0, 4000) : t('follow.listEmpty'),
    fields: [
      {
        name: t('follow.dmsField'),
        value: blocked ? t('follow.dmsPaused', { reason: blocked }) : t('follow.dmsOn'),
      },
    ],
  };
}

export async function listFollows(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const member = await app.store.state.getMember(interaction.user.id);
  await rememberLocale(app.store.state, member, resolveLocale(interaction.locale));
  const t = translatorOf(interaction);
  const guildName = (id: string) => interaction.client.guilds.cache.get(id)?.name ?? t('follow.serverFallback', { id });
  await replyPrivately(interaction, { embeds: [followsEmbed(member, guildName, t)] });
}

export async function removeFollowCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const removed = await removeFollow(
    {
      state: app.store.state,
      userId: interaction.user.id,
      now: app.now(),
      locale: resolveLocale(interaction.locale),
    },
    interaction.options.getString('follow', true),
  );
  if (removed.guildId === guildId) await app.scheduler.sync(guildId);
  const t = translatorOf(interaction);
  await replyPrivately(interaction, {
    content: t('follow.stopped', { id: removed.id, follow: sanitizeMarkdown(describeFollow(removed, t)) }),
  });
}

export async function setDmsCommand(interaction: ChatInputCommandInteraction, app: App, on: boolean): Promise<void> {
  const member = await setDms(
    { state: app.store.state, userId: interaction.user.id, now: app.now(), locale: resolveLocale(interaction.locale) },
    on,
  );
  const t = translatorOf(interaction);
  const count = member.follows.length;
  await replyPrivately(interaction, {
    content: on ? t('follow.resumed', { count, hint: t('follow.dmHint') }) : t('follow.paused', { count }),
  });
}

/** Autocomplete for `/follow remove`: the member's own follows. */
export async function followChoices(app: App, userId: string, typed: string, t: Translate): Promise<Choice[]> {
  const member = await app.store.state.getMember(userId);
  const needle = typed.trim().toLowerCase();
  return member.follows
    .map((f) => ({ name: choiceName(`${f.id}: ${describeFollow(f, t)}`), value: f.id }))
    .filter((c) => needle === '' || c.name.toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES);
}
