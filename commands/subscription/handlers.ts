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
import { codeSpan, plural } from '../../src/format.js';
import { addSubscription, removeSubscription, type ChannelFacts } from '../../src/guilds/subscriptions.js';
import { topicLabel } from '../../src/guilds/topics.js';
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

function kindWords(kind: ChannelKind, thread: boolean): string {
  if (kind === 'forum') return 'as a forum post per digest';
  if (kind === 'thread') return 'in this thread';
  return thread ? 'in a new thread per digest' : 'as messages in the channel';
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

  const channelId = subscription.channelId;
  const lines = [
    `${created ? 'Subscribed' : 'Updated the subscription of'} <#${channelId}> to ${topicLabel(topic)}: ` +
      `up to ${plural(subscription.maxPapers, 'paper')} per digest, ${kindWords(kind, subscription.thread)}` +
      `${subscription.mentionRoleId ? `, mentioning <@&${subscription.mentionRoleId}>` : ''}.`,
  ];
  if (resumed) lines.push(`It was paused (${sanitizeMarkdown(resumed.reason)}); it is active again.`);
  if (role && channel && !role.mentionable && !canMentionAnyRole(channel)) {
    lines.push(
      `Note: <@&${role.id}> is not mentionable, so digests will name it without pinging. Make it mentionable under Server Settings → Roles.`,
    );
  }
  if (next) lines.push(`Next digest run: ${relativeTime(next.toISOString())}.`);
  await replyPrivately(interaction, { content: lines.join('\n') });
}

export async function removeSubscriptionCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const slug = interaction.options.getString('topic', true);
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const topic = await removeSubscription(app, actorOf(interaction, app), slug, channelId);
  const label = topic ? topicLabel(topic) : codeSpan(slug.trim().toLowerCase(), 40);
  await replyPrivately(interaction, {
    content: `Unsubscribed <#${channelId}> from ${label}. Its posted digests stay where they are.`,
  });
}

function subscriptionLine(state: GuildState, s: Subscription): string {
  const topic = state.topics.find((t) => t.slug === s.topicSlug);
  const parts = [
    topic ? `**${fitText(topic.name, 80) || topic.slug}** (\`${topic.slug}\`)` : `\`${s.topicSlug}\``,
    `up to ${s.maxPapers}`,
    ...(s.mentionRoleId ? [`mentions <@&${s.mentionRoleId}>`] : []),
    ...(s.thread ? ['thread per digest'] : []),
    s.lastDigestDate ? `last digest ${s.lastDigestDate}` : 'no digest yet',
  ];
  const line = `• ${parts.join(' · ')}`;
  if (!s.paused) return line;
  return `${line}\n  **PAUSED** ${relativeTime(s.paused.at)}: ${fitText(s.paused.reason, 200)}. Re-add it to resume.`;
}

/** One field per channel (more if its lines do not fit one), channels in the order they were first subscribed. */
function channelFields(state: GuildState, channelName: (id: string) => string | null): APIEmbedField[] {
  const byChannel = new Map<string, Subscription[]>();
  for (const s of state.subscriptions) byChannel.set(s.channelId, [...(byChannel.get(s.channelId) ?? []), s]);
  const fields: APIEmbedField[] = [];
  for (const [channelId, subs] of byChannel) {
    const name = channelName(channelId);
    const title = name === null ? `Channel ${channelId} (not found)` : `#${fitText(name, 90)}`;
    const chunks: string[] = [];
    let chunk = `<#${channelId}>`;
    for (const line of subs.map((s) => subscriptionLine(state, s))) {
      if (chunk.length + 1 + line.length > FIELD_VALUE_BUDGET) {
        chunks.push(chunk);
        chunk = line.slice(0, FIELD_VALUE_BUDGET);
      } else chunk += `\n${line}`;
    }
    chunks.push(chunk);
    chunks.forEach((value, i) => fields.push({ name: i === 0 ? title : `${title} (continued)`, value }));
  }
  return fields;
}

export function subscriptionListPage(
  state: GuildState,
  page: number,
  channelName: (id: string) => string | null,
): ListPage {
  const channels = new Set(state.subscriptions.map((s) => s.channelId)).size;
  const paused = state.subscriptions.filter((s) => s.paused).length;
  return listPage(channelFields(state, channelName), page, {
    title: 'Subscriptions of this server',
    ...(paused > 0 ? { description: `${plural(paused, 'subscription')} paused: see below.` } : {}),
    empty: 'No subscriptions yet. A moderator can add one with `/subscription add topic:…`.',
    customIdPrefix: LIST_PAGE_PREFIX,
    summary: `${plural(state.subscriptions.length, 'subscription')} in ${plural(channels, 'channel')}`,
  });
}

export function channelNamer(interaction: { guild: Guild | null }): (id: string) => string | null {
  return (id) => interaction.guild?.channels.cache.get(id)?.name ?? null;
}

export async function listSubscriptions(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const state = await app.store.state.getGuild(guildIdOf(interaction));
  await replyPrivately(interaction, subscriptionListPage(state, 0, channelNamer(interaction)));
}
