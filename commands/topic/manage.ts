/** `/topic add`, `/topic edit` and `/topic remove`: options → src/guilds/topics.ts → reply. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { codeSpan, plural } from '../../src/format.js';
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
  await replyPrivately(interaction, {
    content:
      `Added topic ${topicLabel(topic)}: ${topic.categories.join(', ')}; query ${codeSpan(topic.query, 120)}.\n` +
      `Subscribe a channel with \`/subscription add topic:${topic.slug}\`; \`/topic show slug:${topic.slug}\` previews recent papers.`,
  });
}

export async function editTopicCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const { topic, changed } = await editTopic(app, actorOf(interaction, app), readTopicOptions(interaction));
  await replyPrivately(interaction, { content: `Updated ${topicLabel(topic)}: ${changed.join(', ')}.` });
}

export async function removeTopicCommand(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const { topic, ended, channels } = await removeTopic(
    app,
    actorOf(interaction, app),
    interaction.options.getString('slug', true),
  );
  const where =
    channels.length > 0
      ? ` (${channels
          .slice(0, 10)
          .map((id) => `<#${id}>`)
          .join(', ')}${channels.length > 10 ? ', …' : ''})`
      : '';
  await replyPrivately(interaction, {
    content: `Removed topic ${topicLabel(topic)}. ${ended === 0 ? 'No subscriptions ended.' : `${plural(ended, 'subscription')} ended${where}.`}`,
  });
}
