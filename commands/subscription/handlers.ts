/** `/subscription add`, `/subscription remove` and `/subscription list`. */
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
import type { GuildState, Subscription } from '../../src/store/types.js';
import { nextRun } from '../settings/schedule.js';
import {
  actorOf,
  changeGuild,
  codeSpan,
  guildIdOf,
  listPage,
  plural,
  relativeTime,
  replyPrivately,
  stampOf,
  type ListPage,
} from '../shared/moderation.js';
import { normaliseSlug } from '../topic/fields.js';
import { findTopic, topicLabel, unknownTopic } from '../topic/manage.js';
import { UserError } from '../types.js';

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

function canMentionAnyRole(channel: GuildBasedChannel): boolean {
  const me = channel.guild.members.me;
  return me !== null && channel.permissionsFor(me).has(PermissionFlagsBits.MentionEveryone);
}

function kindWords(kind: ChannelKind, thread: boolean): string {
  if (kind === 'forum') return 'as a forum post per digest';
  if (kind === 'thread') return 'in this thread';
  return thread ? 'in a new thread per digest' : 'as messages in the channel';
}

export async function addSubscription(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const actor = actorOf(interaction, app);
  const slug = normaliseSlug(interaction.options.getString('topic', true));
  const threadOption = interaction.options.getBoolean('thread');
  const maxOption = interaction.options.getInteger('max_papers');
  const role = interaction.options.getRole('mention');

  // Refusals in the order a moderator can fix them: topic, channel, permissions, options.
  const before = await app.store.state.getGuild(actor.guildId);
  findTopic(before, slug);
  const channel = await targetChannel(interaction);
  // The guild check also keeps a channel id from another server out, whatever the client sent.
  if (!channel || channel.guildId !== actor.guildId) {
    throw new UserError('Paperboy cannot find that channel. Check that it can see it, then try again.');
  }
  const kind = channelKindOf(channel);
  if (!kind)
    throw new UserError(
      `<#${channel.id}> cannot hold digests: pick a text, announcement or forum channel, or a thread.`,
    );
  if (threadOption === true && kind === 'thread') {
    throw new UserError(
      `<#${channel.id}> is already a thread, so digests go straight into it. ` +
        'Leave `thread:` off, or pick its parent channel to open a thread per digest.',
    );
  }
  const existing = before.subscriptions.find((s) => s.channelId === channel.id && s.topicSlug === slug);
  const thread = threadOption ?? existing?.thread ?? false;
  const missing = missingPermissions(channel, kind, thread && kind === 'text');
  if (missing.length > 0) {
    throw new UserError(
      `Paperboy cannot post digests in <#${channel.id}>: it lacks ${missing.map((p) => `**${p}**`).join(', ')} there. ` +
        'Give its role those permissions in the channel’s settings, then try again.',
    );
  }
  if (role && role.id === actor.guildId) {
    throw new UserError('Digests cannot mention @everyone. Pick a role that wants the pings, or leave `mention:` out.');
  }
  const [minPapers, maxPapers] = app.defaults.limits.maxPapers;
  if (maxOption !== null && (maxOption < minPapers || maxOption > maxPapers)) {
    throw new UserError(`max_papers must be ${minPapers}–${maxPapers}.`);
  }

  const outcome = await changeGuild(app, actor, existing ? 'subscription.update' : 'subscription.add', (state) => {
    const topic = findTopic(state, slug);
    const current = state.subscriptions.find((s) => s.channelId === channel.id && s.topicSlug === slug);
    if (current) {
      const resumed = current.paused;
      if (role) current.mentionRoleId = role.id;
      if (maxOption !== null) current.maxPapers = maxOption;
      if (threadOption !== null) current.thread = threadOption;
      current.paused = null;
      current.changed = stampOf(actor);
      return {
        detail: `${slug} in channel ${channel.id}${resumed ? ' (resumed)' : ''}`,
        result: { topic, subscription: { ...current }, created: false, resumed },
      };
    }
    const limit = app.defaults.limits.subscriptionsPerGuild;
    if (state.subscriptions.length >= limit) {
      throw new UserError(
        `This server already has ${limit} subscriptions, the most Paperboy keeps. Remove one with \`/subscription remove\` first.`,
      );
    }
    const subscription: Subscription = {
      guildId: actor.guildId,
      channelId: channel.id,
      topicSlug: slug,
      mentionRoleId: role?.id ?? null,
      maxPapers: maxOption ?? app.settingsFor(actor.guildId, state.settings).maxPapers,
      thread,
      paused: null,
      lastDigestDate: null,
      changed: stampOf(actor),
    };
    state.subscriptions.push(subscription);
    return {
      detail: `${slug} in channel ${channel.id}`,
      result: { topic, subscription, created: true, resumed: null },
    };
  });
  await app.scheduler.sync(actor.guildId);

  const { topic, subscription, created, resumed } = outcome;
  const settings = app.settingsFor(actor.guildId, before.settings);
  const next = nextRun(settings.schedule, settings.timezone);
  const lines = [
    `${created ? 'Subscribed' : 'Updated the subscription of'} <#${channel.id}> to ${topicLabel(topic)}: ` +
      `up to ${plural(subscription.maxPapers, 'paper')} per digest, ${kindWords(kind, subscription.thread)}` +
      `${subscription.mentionRoleId ? `, mentioning <@&${subscription.mentionRoleId}>` : ''}.`,
  ];
  if (resumed) lines.push(`It was paused (${sanitizeMarkdown(resumed.reason)}); it is active again.`);
  if (role && !role.mentionable && !canMentionAnyRole(channel)) {
    lines.push(
      `Note: <@&${role.id}> is not mentionable, so digests will name it without pinging. Make it mentionable under Server Settings → Roles.`,
    );
  }
  if (next) lines.push(`Next digest run: ${relativeTime(next.toISOString())}.`);
  await replyPrivately(interaction, { content: lines.join('\n') });
}

export async function removeSubscription(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const actor = actorOf(interaction, app);
  const slug = normaliseSlug(interaction.options.getString('topic', true));
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;

  const topic = await changeGuild(app, actor, 'subscription.remove', (state) => {
    const topic = state.topics.find((t) => t.slug === slug);
    const index = state.subscriptions.findIndex((s) => s.channelId === channelId && s.topicSlug === slug);
    if (index < 0) {
      if (!topic) throw unknownTopic(slug);
      const elsewhere = state.subscriptions.filter((s) => s.topicSlug === slug).map((s) => `<#${s.channelId}>`);
      throw new UserError(
        `<#${channelId}> is not subscribed to ${topicLabel(topic)}.` +
          (elsewhere.length > 0
            ? ` It is subscribed in ${elsewhere.slice(0, 10).join(', ')}: add \`channel:\` to pick one.`
            : ''),
      );
    }
    state.subscriptions.splice(index, 1);
    return { detail: `${slug} in channel ${channelId}`, result: topic };
  });
  await app.scheduler.sync(actor.guildId);
  const label = topic ? topicLabel(topic) : codeSpan(slug, 40);
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
