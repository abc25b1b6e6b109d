/** `/topic list` and `/topic show`: read-only, for everyone, answered ephemerally. */
import { MessageFlags, type APIEmbed, type APIEmbedField, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { fitText, LIMITS, safeUrl } from '../../src/discord/render/index.js';
import { localeOf } from '../../src/discord/locale.js';
import { codeBlock, codeSpan } from '../../src/format.js';
import { formatColor, showTopic, type Preview } from '../../src/guilds/topics.js';
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from '../../src/i18n/index.js';
import type { GuildState, Topic } from '../../src/store/types.js';
import { guildIdOf, replyPrivately } from '../shared/interaction.js';
import { changedBy, fitField, listPage, type ListPage } from '../shared/lists.js';

/** `custom_id` prefix of the list's page buttons (the router hands `topic:` ids to this command). */
export const LIST_PAGE_PREFIX = 'topic:list';

function topicField(t: Translate, topic: Topic, subscriptions: number): APIEmbedField {
  return {
    name: `${fitText(topic.name, 150)} · ${topic.slug}`,
    value: fitField(
      t('topic.listField', {
        categories: topic.categories.join(', '),
        count: subscriptions,
        query: codeSpan(topic.query, 300),
      }),
    ),
  };
}

/** One page of the guild's topics, sorted by slug. */
export function topicListPage(state: GuildState, page: number, locale: Locale = DEFAULT_LOCALE): ListPage {
  const t = translator(locale);
  const counts = new Map<string, number>();
  for (const s of state.subscriptions) counts.set(s.topicSlug, (counts.get(s.topicSlug) ?? 0) + 1);
  const topics = [...state.topics].sort((a, b) => a.slug.localeCompare(b.slug));
  return listPage(
    topics.map((topic) => topicField(t, topic, counts.get(topic.slug) ?? 0)),
    page,
    {
      title: t('topic.listTitle'),
      description: t('topic.listDescription'),
      empty: t('topic.listEmpty'),
      customIdPrefix: LIST_PAGE_PREFIX,
      summary: t('topic.count', { count: topics.length }),
      locale,
    },
  );
}

export async function listTopics(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const state = await app.store.state.getGuild(guildIdOf(interaction));
  await replyPrivately(interaction, topicListPage(state, 0, localeOf(interaction)));
}

function previewField(t: Translate, preview: Preview | null): APIEmbedField {
  if (preview === null) return { name: t('topic.previewTitle'), value: t('topic.previewArchiveEmpty') };
  const name = t('topic.previewTitleRange', { from: preview.from, to: preview.to });
  if (preview.papers.length === 0) return { name, value: t('topic.previewNone') };
  const lines = preview.papers.map((paper) => {
    const title = fitText(paper.title, 140) || paper.id;
    const url = safeUrl(paper.absUrl);
    const date = paper.announced ?? paper.published.slice(0, 10);
    return `• ${url ? `[${title}](${url})` : title} · ${date}`;
  });
  const more = preview.total - preview.papers.length;
  if (more > 0) lines.push(t('topic.previewMore', { count: more }));
  return { name, value: fitField(lines.join('\n')) };
}

export function topicEmbed(
  topic: Topic,
  state: GuildState,
  preview: Preview | null,
  locale: Locale = DEFAULT_LOCALE,
): APIEmbed {
  const t = translator(locale);
  const yesNo = (value: boolean) => (value ? t('shared.yes') : t('shared.no'));
  const channels = [...new Set(state.subscriptions.filter((s) => s.topicSlug === topic.slug).map((s) => s.channelId))];
  const subs = state.subscriptions.filter((s) => s.topicSlug === topic.slug);
  const paused = subs.filter((s) => s.paused).length;
  const embed: APIEmbed = {
    title: fitText(topic.name, LIMITS.embedTitle) || topic.slug,
    color: topic.color,
    fields: [
      { name: t('topic.fields.slug'), value: `\`${topic.slug}\``, inline: true },
      { name: t('topic.fields.categories'), value: fitField(topic.categories.join(', ')), inline: true },
      { name: t('topic.fields.colour'), value: formatColor(topic.color), inline: true },
      { name: t('topic.fields.query'), value: fitField(codeBlock(topic.query)) },
      { name: t('topic.fields.crossLists'), value: yesNo(topic.crossLists), inline: true },
      { name: t('topic.fields.updates'), value: yesNo(topic.updates), inline: true },
      { name: t('topic.fields.images'), value: topic.images ? t('shared.on') : t('shared.off'), inline: true },
      {
        name: t('topic.fields.subscriptions'),
        value: fitField(
          channels.length === 0
            ? t('topic.noSubscriptions', { slug: topic.slug })
            : channels.map((id) => `<#${id}>`).join(', ') +
                (paused > 0 ? t('topic.pausedCount', { count: paused }) : ''),
        ),
      },
      { name: t('topic.fields.lastChanged'), value: changedBy(topic.changed, locale) },
      previewField(t, preview),
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
  await replyPrivately(interaction, { embeds: [topicEmbed(topic, state, preview, localeOf(interaction))] });
}
