/** `/topic list` and `/topic show`: read-only, for everyone, answered ephemerally. */
import { MessageFlags, type APIEmbed, type APIEmbedField, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { fitText, LIMITS, safeUrl } from '../../src/discord/render/index.js';
import type { Paper } from '../../src/papers/paper.js';
import type { GuildState, Topic } from '../../src/store/types.js';
import { rankPapers } from '../../src/topics/topic.js';
import {
  changedBy,
  codeBlock,
  codeSpan,
  fitField,
  formatColor,
  guildIdOf,
  listPage,
  plural,
  replyPrivately,
  yesNo,
  type ListPage,
} from '../shared/moderation.js';
import { normaliseSlug } from './fields.js';
import { findTopic } from './manage.js';

/** `custom_id` prefix of the list's page buttons (the router hands `topic:` ids to this command). */
export const LIST_PAGE_PREFIX = 'topic:list';
/** Calendar days of the archive `/topic show` previews: about a week of listings, weekends included. */
export const PREVIEW_DAYS = 9;
export const PREVIEW_PAPERS = 5;

function topicField(topic: Topic, subscriptions: number): APIEmbedField {
  return {
    name: `${fitText(topic.name, 150)} · ${topic.slug}`,
    value: fitField(
      `${topic.categories.join(', ')} · ${plural(subscriptions, 'subscription')}\n${codeSpan(topic.query, 300)}`,
    ),
  };
}

/** One page of the guild's topics, sorted by slug. */
export function topicListPage(state: GuildState, page: number): ListPage {
  const counts = new Map<string, number>();
  for (const s of state.subscriptions) counts.set(s.topicSlug, (counts.get(s.topicSlug) ?? 0) + 1);
  const topics = [...state.topics].sort((a, b) => a.slug.localeCompare(b.slug));
  return listPage(
    topics.map((t) => topicField(t, counts.get(t.slug) ?? 0)),
    page,
    {
      title: 'Topics of this server',
      description: '`/topic show slug:…` shows one with a preview of recent papers.',
      empty:
        'No topics yet. A moderator can add one with `/topic add`, or a ready-made one with `/topic add catalog:`.',
      customIdPrefix: LIST_PAGE_PREFIX,
      summary: plural(topics.length, 'topic'),
    },
  );
}

export async function listTopics(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const state = await app.store.state.getGuild(guildIdOf(interaction));
  await replyPrivately(interaction, topicListPage(state, 0));
}

function shiftDate(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export interface Preview {
  from: string;
  to: string;
  papers: Paper[];
  total: number;
}

/** The topic's best matches among the archive's last ~week of announcements; null when the archive is empty. */
export async function previewTopic(app: App, topic: Topic): Promise<Preview | null> {
  const latest = await app.store.archive.latestAnnouncement();
  if (latest === null) return null;
  const from = shiftDate(latest, -(PREVIEW_DAYS - 1));
  const candidates = await app.store.archive.announcedBetween(from, latest, topic.categories);
  const ranked = rankPapers(
    topic,
    candidates.filter((p) => !p.withdrawn),
  );
  return { from, to: latest, papers: ranked.slice(0, PREVIEW_PAPERS).map((r) => r.paper), total: ranked.length };
}

function previewField(preview: Preview | null): APIEmbedField {
  if (preview === null) return { name: 'Recent papers', value: 'No recent papers match: the archive is still empty.' };
  const name = `Recent papers (${preview.from} to ${preview.to})`;
  if (preview.papers.length === 0) return { name, value: 'No recent papers match.' };
  const lines = preview.papers.map((paper) => {
    const title = fitText(paper.title, 140) || paper.id;
    const url = safeUrl(paper.absUrl);
    const date = paper.announced ?? paper.published.slice(0, 10);
    return `• ${url ? `[${title}](${url})` : title} · ${date}`;
  });
  const more = preview.total - preview.papers.length;
  if (more > 0) lines.push(`…and ${more} more.`);
  return { name, value: fitField(lines.join('\n')) };
}

export function topicEmbed(topic: Topic, state: GuildState, preview: Preview | null): APIEmbed {
  const channels = [...new Set(state.subscriptions.filter((s) => s.topicSlug === topic.slug).map((s) => s.channelId))];
  const subs = state.subscriptions.filter((s) => s.topicSlug === topic.slug);
  const paused = subs.filter((s) => s.paused).length;
  const embed: APIEmbed = {
    title: fitText(topic.name, LIMITS.embedTitle) || topic.slug,
    color: topic.color,
    fields: [
      { name: 'Slug', value: `\`${topic.slug}\``, inline: true },
      { name: 'Categories', value: fitField(topic.categories.join(', ')), inline: true },
      { name: 'Colour', value: formatColor(topic.color), inline: true },
      { name: 'Query', value: fitField(codeBlock(topic.query)) },
      { name: 'Cross-lists', value: yesNo(topic.crossLists), inline: true },
      { name: 'Updated versions', value: yesNo(topic.updates), inline: true },
      { name: 'Images', value: topic.images ? 'on' : 'off', inline: true },
      {
        name: 'Subscriptions',
        value: fitField(
          channels.length === 0
            ? `None yet: \`/subscription add topic:${topic.slug}\`.`
            : channels.map((id) => `<#${id}>`).join(', ') + (paused > 0 ? ` (${paused} paused)` : ''),
        ),
      },
      { name: 'Last changed', value: changedBy(topic.changed) },
      previewField(preview),
    ],
  };
  return embed;
}

export async function showTopic(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  // The preview reads and ranks a week of the archive: answer Discord first.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const slug = normaliseSlug(interaction.options.getString('slug', true));
  const state = await app.store.state.getGuild(guildIdOf(interaction));
  const topic = findTopic(state, slug);
  const preview = await previewTopic(app, topic);
  await replyPrivately(interaction, { embeds: [topicEmbed(topic, state, preview)] });
}
