/** `/topic add`, `/topic edit` and `/topic remove`: each one atomic change with an audit entry. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { findCatalogTopic } from '../../config/catalog.js';
import type { App } from '../../src/app.js';
import { topicFromCatalog } from '../../src/digest/preview.js';
import { sanitizeMarkdown } from '../../src/discord/render/index.js';
import type { GuildState, Topic } from '../../src/store/types.js';
import { actorOf, changeGuild, codeSpan, plural, replyPrivately, stampOf } from '../shared/moderation.js';
import { UserError } from '../types.js';
import {
  applyPatch,
  changedOptions,
  FIELD_OPTIONS,
  normaliseSlug,
  readTopicOptions,
  validateTopicOptions,
  type TopicPatch,
} from './fields.js';

const REQUIRED_FOR_CUSTOM = ['slug', 'name', 'categories', 'query'] as const;

/** Colours for new topics that name none, picked by slug so a topic keeps its colour. */
const PALETTE = [0x3366cc, 0x7b61ff, 0x0f9d58, 0xdb4437, 0xf4b400, 0x00acc1, 0xab47bc, 0xff7043, 0x5c6bc0, 0x8d6e63];

function defaultColor(slug: string): number {
  let hash = 0;
  for (const ch of slug) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? 0x3366cc;
}

/** "**Name** (`slug`)": the topic name escaped, since anyone with Manage Server typed it. */
export function topicLabel(topic: Pick<Topic, 'name' | 'slug'>): string {
  return `**${sanitizeMarkdown(topic.name)}** (\`${topic.slug}\`)`;
}

/** The reply for a slug this guild does not have (a slug of another guild is just as unknown). */
export function unknownTopic(slug: string): UserError {
  return new UserError(`This server has no topic ${codeSpan(slug, 40)}. \`/topic list\` shows the ones it has.`);
}

export function findTopic(state: GuildState, slug: string): Topic {
  const topic = state.topics.find((t) => t.slug === slug);
  if (!topic) throw unknownTopic(slug);
  return topic;
}

function refuse(problems: readonly string[]): never {
  throw new UserError(problems.join('\n'));
}

export async function addTopic(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const actor = actorOf(interaction, app);
  const options = readTopicOptions(interaction);
  const catalogSlug = interaction.options.getString('catalog');
  const validated = validateTopicOptions(options);

  let topic: Topic;
  if (catalogSlug !== null) {
    const entry = findCatalogTopic(normaliseSlug(catalogSlug));
    if (!entry) {
      throw new UserError(
        `${codeSpan(catalogSlug, 40)} is not in the catalog. Start typing in \`catalog:\` to see the ready-made topics.`,
      );
    }
    if (!validated.ok) refuse(validated.problems);
    // Options given next to catalog: adjust the ready-made topic (slug: renames it).
    topic = applyPatch(topicFromCatalog(entry, actor.guildId, actor.userId, actor.at), validated.patch);
    topic.slug = validated.patch.slug ?? entry.slug;
  } else {
    const missing = REQUIRED_FOR_CUSTOM.filter((name) => options[name] === null);
    const problems = [
      ...(missing.length > 0 ? [`Missing: ${missing.join(', ')}. Or use \`catalog:\` to add a ready-made topic.`] : []),
      ...(validated.ok ? [] : validated.problems),
    ];
    if (problems.length > 0 || !validated.ok) refuse(problems);
    topic = customTopic(actor.guildId, validated.patch, stampOf(actor));
  }

  await changeGuild(app, actor, 'topic.add', (state) => {
    if (state.topics.some((t) => t.slug === topic.slug)) {
      throw new UserError(
        `This server already has a topic \`${topic.slug}\`. Change it with \`/topic edit slug:${topic.slug}\`, ` +
          (catalogSlug !== null
            ? 'or add the catalog topic under another name with `slug:`.'
            : 'or pick another slug.'),
      );
    }
    const limit = app.defaults.limits.topicsPerGuild;
    if (state.topics.length >= limit) {
      throw new UserError(
        `This server already has ${limit} topics, the most Paperboy keeps. Remove one with \`/topic remove\` first.`,
      );
    }
    state.topics.push(topic);
    return {
      detail: `${topic.slug}${catalogSlug !== null ? ` (catalog ${normaliseSlug(catalogSlug)})` : ''}: ${topic.name}`,
      result: undefined,
    };
  });

  await replyPrivately(interaction, {
    content:
      `Added topic ${topicLabel(topic)}: ${topic.categories.join(', ')}; query ${codeSpan(topic.query, 120)}.\n` +
      `Subscribe a channel with \`/subscription add topic:${topic.slug}\`; \`/topic show slug:${topic.slug}\` previews recent papers.`,
  });
}

function customTopic(guildId: string, patch: TopicPatch, changed: Topic['changed']): Topic {
  const { slug, name, categories, query } = patch;
  if (slug === undefined || name === undefined || categories === undefined || query === undefined) {
    throw new Error('customTopic needs slug, name, categories and query');
  }
  return {
    guildId,
    slug,
    name,
    categories,
    query,
    crossLists: patch.crossLists ?? true,
    updates: patch.updates ?? false,
    images: patch.images ?? true,
    color: patch.color ?? defaultColor(slug),
    changed,
  };
}

export async function editTopic(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const actor = actorOf(interaction, app);
  const options = readTopicOptions(interaction);
  const validated = validateTopicOptions(options);
  if (!validated.ok) refuse(validated.problems);
  const slug = normaliseSlug(options.slug ?? '');
  const { patch } = validated;
  if (FIELD_OPTIONS.every((name) => options[name] === null)) {
    throw new UserError(`Nothing to change: give at least one of ${FIELD_OPTIONS.join(', ')}.`);
  }

  const { topic, changed } = await changeGuild(app, actor, 'topic.edit', (state) => {
    const index = state.topics.findIndex((t) => t.slug === slug);
    const current = state.topics[index];
    if (!current) throw unknownTopic(slug);
    const changed = changedOptions(current, patch);
    if (changed.length === 0)
      throw new UserError(`${topicLabel(current)} already has those settings; nothing changed.`);
    const next = { ...applyPatch(current, patch), changed: stampOf(actor) };
    state.topics[index] = next;
    return { detail: `${slug}: ${changed.join(', ')}`, result: { topic: next, changed } };
  });

  await replyPrivately(interaction, { content: `Updated ${topicLabel(topic)}: ${changed.join(', ')}.` });
}

export async function removeTopic(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const actor = actorOf(interaction, app);
  const slug = normaliseSlug(interaction.options.getString('slug', true));

  const { topic, ended, channels } = await changeGuild(app, actor, 'topic.remove', (state) => {
    const topic = findTopic(state, slug);
    const ending = state.subscriptions.filter((s) => s.topicSlug === slug);
    state.topics = state.topics.filter((t) => t.slug !== slug);
    state.subscriptions = state.subscriptions.filter((s) => s.topicSlug !== slug);
    const channels = [...new Set(ending.map((s) => s.channelId))];
    return {
      detail: `${slug}: ${topic.name}; ended ${plural(ending.length, 'subscription')}`,
      result: { topic, ended: ending.length, channels },
    };
  });
  if (ended > 0) await app.scheduler.sync(actor.guildId);

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
