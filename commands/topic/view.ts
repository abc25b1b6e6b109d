/** `/topic list` and `/topic show`: read-only, for everyone, answered ephemerally. */
import { MessageFlags, type APIEmbed, type APIEmbedField, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { fitText, LIMITS, safeUrl } from '../../src/discord/render/index.js';
import { codeBlock, codeSpan, plural, yesNo } from '../../src/format.js';
import { formatColor, showTopic, type Preview } from '../../src/guilds/topics.js';
import type { GuildState, Topic } from '../../src/store/types.js';
import { guildIdOf, replyPrivately } from '../shared/interaction.js';
import { changedBy, fitField, listPage, type ListPage } from '../shared/lists.js';

/** `custom_id` prefix of the list's page buttons (the router hands `topic:` ids to this command). */
export const LIST_PAGE_PREFIX = 'topic:list';

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

export async function showTopicCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  // The preview reads and ranks a week of the archive: answer Discord first.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { topic, state, preview } = await showTopic(
    app,
    guildIdOf(interaction),
    interaction.options.getString('slug', true),
  );
  await replyPrivately(interaction, { embeds: [topicEmbed(topic, state, preview)] });
}
