/** `/topic add`, `/topic edit` and `/topic remove`: options → src/guilds/topics.ts → reply. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { translatorOf } from '../../src/discord/locale.js';
import { codeSpan } from '../../src/format.js';
import { addTopic, editTopic, removeTopic, topicLabel, type TopicOptions } from '../../src/guilds/topics.js';
import { actorOf, replyPrivately } from '../shared/interaction.js';

function readTopicOptions(interaction: ChatInputCommandInteraction): TopicOptions {
  const { options } = interaction;
  return {
    slug: options.getString('slug'),
    name: options.getString('name'),
    categories: options.getString('categories'),
    query: options.getString('query'),
    cross_lists: options.getBoolean('cross_lists'),
    updates: options.getBoolean('updates'),
    color: options.getString('color'),
    images: options.getBoolean('images'),
  };
}

export async function addTopicCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const topic = await addTopic(
    app,
    actorOf(interaction, app),
    readTopicOptions(interaction),
    interaction.options.getString('catalog'),
  );
  const t = translatorOf(interaction);
  await replyPrivately(interaction, {
    content: t('topic.added', {
      label: topicLabel(topic),
      categories: topic.categories.join(', '),
      query: codeSpan(topic.query, 120),
      slug: topic.slug,
    }),
  });
}

export async function editTopicCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const { topic, changed } = await editTopic(app, actorOf(interaction, app), readTopicOptions(interaction));
  const t = translatorOf(interaction);
  await replyPrivately(interaction, {
    content: t('topic.updated', { label: topicLabel(topic), changed: changed.join(', ') }),
  });
}

export async function removeTopicCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const { topic, ended, channels } = await removeTopic(
    app,
    actorOf(interaction, app),
    interaction.options.getString('slug', true),
  );
  const t = translatorOf(interaction);
  const label = topicLabel(topic);
  const links = channels.slice(0, 10).map((id) => `<#${id}>`);
  const where =
    channels.length > 0
      ? t('topic.removedWhere', { channels: `${links.join(', ')}${channels.length > 10 ? ', …' : ''}` })
      : '';
  await replyPrivately(interaction, {
    content: ended === 0 ? t('topic.removedNone', { label }) : t('topic.removed', { label, count: ended, where }),
  });
}
