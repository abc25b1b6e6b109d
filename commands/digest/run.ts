/**
 * `/digest run [topic]` (moderators): fetch the newest listing and run this channel's
 * subscriptions now, through the runner the schedule uses (same ledger, same exactly-once
 * rules). The digest is the only thing posted in the channel; the report is ephemeral.
 */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import type { ChannelOutcome } from '../../src/digest/runner.js';
import { fitText, sanitizeMarkdown } from '../../src/discord/render/index.js';
import type { GuildState } from '../../src/store/types.js';
import { UserError } from '../../src/errors.js';
import { codeSpan, plural } from '../../src/format.js';
import { guildIdOf } from '../shared/interaction.js';

/** `/digest run …` */
export async function executeRun(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const channelId = interaction.channelId;
  const slug = interaction.options.getString('topic')?.trim() || undefined;

  const state = await app.store.state.getGuild(guildId);
  const here = state.subscriptions.filter((s) => s.channelId === channelId);
  if (here.length === 0) {
    const topics =
      state.topics.length > 0
        ? ` (this server’s topics: ${state.topics
            .slice(0, 10)
            .map((t) => codeSpan(t.slug))
            .join(', ')})`
        : '';
    throw new UserError(
      `This channel has no subscriptions, so there is no digest to post here. Subscribe it with \`/subscription add topic:<slug>\`${topics}, or run \`/digest run\` in a subscribed channel.`,
    );
  }
  if (slug !== undefined && !here.some((s) => s.topicSlug === slug)) {
    throw new UserError(
      `This channel is not subscribed to ${codeSpan(slug)}. Its topics: ${here.map((s) => codeSpan(s.topicSlug)).join(', ')}.`,
    );
  }

  // Fetching the listing and posting take seconds.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let date: string | null;
  const notes: string[] = [];
  try {
    ({ date } = await app.ingest.refresh());
  } catch (error) {
    app.log.warn({ err: error, guildId, channelId }, 'digest run: listing fetch failed; using the archive');
    date = await app.store.archive.latestAnnouncement();
    notes.push('arXiv could not be reached just now, so this run used the papers already in the archive.');
  }
  if (date === null) {
    throw new UserError(
      'There is no arXiv listing in the archive yet, so there is nothing to post. Try again after the next listing.',
    );
  }

  const outcomes = await app.runner.runChannel(guildId, channelId, date, slug);
  if (outcomes.length === 0) throw new UserError('Paperboy is restarting; run `/digest run` again in a minute.');
  const lines = await Promise.all(outcomes.map((o) => outcomeLine(app, state, o)));
  const content = [`**Digest for ${date}** in <#${channelId}>:`, ...lines, ...notes].join('\n').slice(0, 2000);
  await interaction.editReply({ content, allowedMentions: { parse: [] } });
}

async function outcomeLine(app: App, state: GuildState, outcome: ChannelOutcome): Promise<string> {
  const topic = state.topics.find((t) => t.slug === outcome.topicSlug);
  const name = `**${fitText(topic?.name ?? outcome.topicSlug, 100)}**`;
  switch (outcome.status) {
    case 'posted': {
      const digest = await app.store.delivery.getDigest(outcome.digestKey);
      const messages = digest?.messages.length ?? 0;
      const more = outcome.overflow > 0 ? `; ${outcome.overflow} more matched past the cap` : '';
      return `${name} — Posted ${plural(outcome.papers, 'paper')} (${plural(messages, 'message')})${more}`;
    }
    case 'nothing-new':
      return `${name} — Nothing new since the last digest`;
    case 'paused':
      return `${name} — Paused: ${sanitizeMarkdown(outcome.reason).slice(0, 300)}. Fix the channel or the bot’s permissions, then run \`/subscription add\` again to resume.`;
    case 'failed':
      return `${name} — Failed: ${sanitizeMarkdown(outcome.reason).slice(0, 300)}`;
  }
}
