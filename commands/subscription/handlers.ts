/** `/subscription add`, `/subscription remove` and `/subscription list`: options → src/guilds/subscriptions.ts → reply. */
import {
  PermissionFlagsBits,
  type APIEmbedField,
  type ChatInputCommandInteraction,
  type Guild,
  type GuildBasedChannel,
} from 'discord.js';
import type { App } from '../../src/app.js';
import type { ChannelKind } from '../../src/digest/poster.js';
import { channelKindOf, missingPermissions } from '../../src/discord/poster.js';
import { fitText, sanitizeMarkdown } from '../../src/discord/render/index.js';
import { localeOf, translatorOf } from '../../src/discord/locale.js';
import { codeSpan } from '../../src/format.js';
import { addSubscription, removeSubscription, type ChannelFacts } from '../../src/guilds/subscriptions.js';
import { topicLabel } from '../../src/guilds/topics.js';
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from '../../src/i18n/index.js';
import type { GuildState, Subscription } from '../../src/store/types.js';
import { actorOf, guildIdOf, replyPrivately } from '../shared/interaction.js';
import { listPage, relativeTime, type ListPage } from '../shared/lists.js';

/** `custom_id` prefix of the list's page buttons. */
export const LIST_PAGE_PREFIX = 'subscription:list';
const FIELD_VALUE_BUDGET = 1000;

/** The channel an option names, or the one the command was used in; null when the bot cannot find it. */
async function targetChannel(interaction: ChatInputCommandInteraction): Promise<GuildBasedChannel | null> {
  const id = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const guild = interaction.guild;
  if (!guild) return null;
  const cached = guild.channels.cache.get(id);
  if (cached) return cached;
  try {
    return await guild.channels.fetch(id);
  } catch {
    return null;
  }
}

/** What the subscription rules need to know about a Discord channel. */
function channelFacts(channel: GuildBasedChannel | null): ChannelFacts | null {
  if (!channel) return null;
  const kind = channelKindOf(channel);
  return {
    id: channel.id,
    guildId: channel.guildId,
    kind,
    missingPermissions: (thread) => (kind ? missingPermissions(channel, kind, thread) : []),
  };
}

function canMentionAnyRole(channel: GuildBasedChannel): boolean {
  const me = channel.guild.members.me;
  return me !== null && channel.permissionsFor(me).has(PermissionFlagsBits.MentionEveryone);
}

function kindWords(t: Translate, kind: ChannelKind, thread: boolean): string {
  if (kind === 'forum') return t('subscription.asForumPost');
  if (kind === 'thread') return t('subscription.inThisThread');
  return thread ? t('subscription.inNewThread') : t('subscription.asMessages');
}

export async function addSubscriptionCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const actor = actorOf(interaction, app);
  const role = interaction.options.getRole('mention');
  const channel = await targetChannel(interaction);
  const { topic, subscription, created, resumed, kind, next } = await addSubscription(app, actor, {
    topic: interaction.options.getString('topic', true),
    channel: channelFacts(channel),
    mentionRoleId: role?.id ?? null,
    maxPapers: interaction.options.getInteger('max_papers'),
    thread: interaction.options.getBoolean('thread'),
  });

  const t = translatorOf(interaction);
  const lines = [
    t(created ? 'subscription.created' : 'subscription.updated', {
      channel: `<#${subscription.channelId}>`,
      label: topicLabel(topic),
      papers: t('shared.papers', { count: subscription.maxPapers }),
      how: kindWords(t, kind, subscription.thread),
      mention: subscription.mentionRoleId
        ? t('subscription.mentioning', { role: `<@&${subscription.mentionRoleId}>` })
        : '',
    }),
  ];
  if (resumed) lines.push(t('subscription.resumed', { reason: sanitizeMarkdown(resumed.reason) }));
  if (role && channel && !role.mentionable && !canMentionAnyRole(channel)) {
    lines.push(t('subscription.notMentionable', { role: `<@&${role.id}>` }));
  }
  if (next) lines.push(t('subscription.nextRun', { when: relativeTime(next.toISOString()) }));
  await replyPrivately(interaction, { content: lines.join('\n') });
}

export async function removeSubscriptionCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const slug = interaction.options.getString('topic', true);
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const topic = await removeSubscription(app, actorOf(interaction, app), slug, channelId);
  const label = topic ? topicLabel(topic) : codeSpan(slug.trim().toLowerCase(), 40);
  await replyPrivately(interaction, {
    content: translatorOf(interaction)('subscription.removed', { channel: `<#${channelId}>`, label }),
  });
}

function subscriptionLine(t: Translate, state: GuildState, s: Subscription): string {
  const topic = state.topics.find((candidate) => candidate.slug === s.topicSlug);
  const parts = [
    topic ? `**${fitText(topic.name, 80) || topic.slug}** (\`${topic.slug}\`)` : `\`${s.topicSlug}\``,
    t('subscription.upTo', { max: s.maxPapers }),
    ...(s.mentionRoleId ? [t('subscription.mentions', { role: `<@&${s.mentionRoleId}>` })] : []),
    ...(s.thread ? [t('subscription.threadPerDigest')] : []),
    s.lastDigestDate ? t('subscription.lastDigest', { date: s.lastDigestDate }) : t('subscription.noDigest'),
  ];
  const line = `• ${parts.join(' · ')}`;
  if (!s.paused) return line;
  const paused = t('subscription.pausedLine', {
    when: relativeTime(s.paused.at),
    reason: fitText(s.paused.reason, 200),
  });
  return `${line}\n  ${paused}`;
}

/** One field per channel (more if its lines do not fit one), channels in the order they were first subscribed. */
function channelFields(t: Translate, state: GuildState, channelName: (id: string) => string | null): APIEmbedField[] {
  const byChannel = new Map<string, Subscription[]>();
  for (const s of state.subscriptions) byChannel.set(s.channelId, [...(byChannel.get(s.channelId) ?? []), s]);
  const fields: APIEmbedField[] = [];
  for (const [channelId, subs] of byChannel) {
    const name = channelName(channelId);
    const title = name === null ? t('subscription.channelMissing', { id: channelId }) : `#${fitText(name, 90)}`;
    const chunks: string[] = [];
    let chunk = `<#${channelId}>`;
    for (const line of subs.map((s) => subscriptionLine(t, state, s))) {
      if (chunk.length + 1 + line.length > FIELD_VALUE_BUDGET) {
        chunks.push(chunk);
        chunk = line.slice(0, FIELD_VALUE_BUDGET);
      } else chunk += `\n${line}`;
    }
    chunks.push(chunk);
    chunks.forEach((value, i) =>
      fields.push({ name: i === 0 ? title : t('subscription.continued', { title }), value }),
    );
  }
  return fields;
}

export function subscriptionListPage(
  state: GuildState,
  page: number,
  channelName: (id: string) => string | null,
  locale: Locale = DEFAULT_LOCALE,
): ListPage {
  const t = translator(locale);
  const channels = new Set(state.subscriptions.map((s) => s.channelId)).size;
  const paused = state.subscriptions.filter((s) => s.paused).length;
  return listPage(channelFields(t, state, channelName), page, {
    title: t('subscription.listTitle'),
    ...(paused > 0 ? { description: t('subscription.listPaused', { count: paused }) } : {}),
    empty: t('subscription.listEmpty'),
    customIdPrefix: LIST_PAGE_PREFIX,
    summary: t('subscription.listSummary', {
      subscriptions: t('shared.subscriptions', { count: state.subscriptions.length }),
      channels: t('shared.channels', { count: channels }),
    }),
    locale,
  });
}

export function channelNamer(interaction: { guild: Guild | null }): (id: string) => string | null {
  return (id) => interaction.guild?.channels.cache.get(id)?.name ?? null;
}

export async function listSubscriptions(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const state = await app.store.state.getGuild(guildIdOf(interaction));
  await replyPrivately(interaction, subscriptionListPage(state, 0, channelNamer(interaction), localeOf(interaction)));
}
