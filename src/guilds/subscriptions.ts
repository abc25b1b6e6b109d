/**
 * Which channels get which topics: the rules of `/subscription add` and `/subscription remove`.
 * What only Discord knows about a channel (its kind, the bot's permissions there) comes in as
 * plain facts, so these rules run without Discord.
 */
import type { ChannelKind } from '../digest/poster.js';
import { UserError } from '../errors.js';
import { nextRun } from '../schedule/cron.js';
import type { Subscription, Topic } from '../store/types.js';
import { changeGuild, stampOf, type Actor } from './audit.js';
import type { GuildDeps } from './deps.js';
import { findTopic, normaliseSlug, topicLabel, unknownTopic } from './topics.js';

/** What the command found out about the channel a subscription is for. */
export interface ChannelFacts {
  id: string;
  guildId: string;
  /** Null when digests cannot go there (a voice channel, a category…). */
  kind: ChannelKind | null;
  /** Permissions the bot lacks there to post, with or without a thread per digest. */
  missingPermissions(thread: boolean): string[];
}

export interface AddSubscriptionInput {
  topic: string;
  /** Null when the bot cannot find the channel. */
  channel: ChannelFacts | null;
  mentionRoleId: string | null;
  maxPapers: number | null;
  thread: boolean | null;
}

export interface AddSubscriptionOutcome {
  topic: Topic;
  subscription: Subscription;
  created: boolean;
  /** Why it had been paused, when this re-add resumed it. */
  resumed: Subscription['paused'];
  kind: ChannelKind;
  /** The guild's next scheduled run. */
  next: Date | null;
}

/** Subscribe a channel to a topic, or update (and resume) its existing subscription. */
export async function addSubscription(
  deps: GuildDeps,
  actor: Actor,
  input: AddSubscriptionInput,
): Promise<AddSubscriptionOutcome> {
  const slug = normaliseSlug(input.topic);
  const { channel, thread: threadOption, maxPapers: maxOption, mentionRoleId } = input;

  // Refusals in the order a moderator can fix them: topic, channel, permissions, options.
  const before = await deps.store.state.getGuild(actor.guildId);
  findTopic(before, slug);
  // The guild check also keeps a channel id from another server out, whatever the client sent.
  if (!channel || channel.guildId !== actor.guildId) {
    throw UserError.of('subscription.channelNotFound');
  }
  const { kind } = channel;
  if (!kind) throw UserError.of('subscription.notDigestChannel', { channel: `<#${channel.id}>` });
  if (threadOption === true && kind === 'thread') {
    throw UserError.of('subscription.alreadyThread', { channel: `<#${channel.id}>` });
  }
  const existing = before.subscriptions.find((s) => s.channelId === channel.id && s.topicSlug === slug);
  const thread = threadOption ?? existing?.thread ?? false;
  const missing = channel.missingPermissions(thread && kind === 'text');
  if (missing.length > 0) {
    throw UserError.of('subscription.missingPermissions', {
      channel: `<#${channel.id}>`,
      permissions: missing.map((p) => `**${p}**`).join(', '),
    });
  }
  if (mentionRoleId === actor.guildId) {
    throw UserError.of('subscription.everyone');
  }
  const [minPapers, maxPapers] = deps.defaults.limits.maxPapers;
  if (maxOption !== null && (maxOption < minPapers || maxOption > maxPapers)) {
    throw UserError.of('shared.maxPapersRange', { min: minPapers, max: maxPapers });
  }

  const outcome = await changeGuild(
    deps.store.state,
    actor,
    existing ? 'subscription.update' : 'subscription.add',
    (state) => {
      const topic = findTopic(state, slug);
      const current = state.subscriptions.find((s) => s.channelId === channel.id && s.topicSlug === slug);
      if (current) {
        const resumed = current.paused;
        if (mentionRoleId !== null) current.mentionRoleId = mentionRoleId;
        if (maxOption !== null) current.maxPapers = maxOption;
        if (threadOption !== null) current.thread = threadOption;
        current.channelKind = kind;
        current.paused = null;
        current.changed = stampOf(actor);
        return {
          // i18n-ignore: audit details are stored as written (`/settings show` links their channels)
          detail: `${slug} in channel ${channel.id}${resumed ? ' (resumed)' : ''}`,
          result: { topic, subscription: { ...current }, created: false, resumed },
        };
      }
      const limit = deps.defaults.limits.subscriptionsPerGuild;
      if (state.subscriptions.length >= limit) {
        throw UserError.of('subscription.limit', { limit });
      }
      const subscription: Subscription = {
        guildId: actor.guildId,
        channelId: channel.id,
        topicSlug: slug,
        mentionRoleId,
        maxPapers: maxOption ?? deps.settingsFor(actor.guildId, state.settings).maxPapers,
        thread,
        channelKind: kind,
        paused: null,
        lastDigestDate: null,
        changed: stampOf(actor),
      };
      state.subscriptions.push(subscription);
      return {
        detail: `${slug} in channel ${channel.id}`, // i18n-ignore: an audit detail, stored
        result: { topic, subscription, created: true, resumed: null },
      };
    },
  );
  await deps.scheduler.sync(actor.guildId);

  const settings = deps.settingsFor(actor.guildId, before.settings);
  return { ...outcome, kind, next: nextRun(settings.schedule, settings.timezone, deps.now()) };
}

/**
 * End a channel's subscription to a topic. @returns the topic, or undefined when the topic is
 * gone but the subscription was still there.
 */
export async function removeSubscription(
  deps: Pick<GuildDeps, 'store' | 'scheduler'>,
  actor: Actor,
  rawSlug: string,
  channelId: string,
): Promise<Topic | undefined> {
  const slug = normaliseSlug(rawSlug);
  const topic = await changeGuild(deps.store.state, actor, 'subscription.remove', (state) => {
    const topic = state.topics.find((t) => t.slug === slug);
    const index = state.subscriptions.findIndex((s) => s.channelId === channelId && s.topicSlug === slug);
    if (index < 0) {
      if (!topic) throw unknownTopic(state, slug);
      const elsewhere = state.subscriptions.filter((s) => s.topicSlug === slug).map((s) => `<#${s.channelId}>`);
      const where = { channel: `<#${channelId}>`, label: topicLabel(topic) };
      throw elsewhere.length > 0
        ? UserError.of('subscription.notSubscribedElsewhere', { ...where, channels: elsewhere.slice(0, 10).join(', ') })
        : UserError.of('subscription.notSubscribed', where);
    }
    state.subscriptions.splice(index, 1);
    return { detail: `${slug} in channel ${channelId}`, result: topic }; // i18n-ignore: an audit detail, stored
  });
  await deps.scheduler.sync(actor.guildId);
  return topic;
}
