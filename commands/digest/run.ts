/**
 * `/digest run [topic]` (moderators): options → src/digest/run-now.ts → an ephemeral report.
 * The digest is the only thing posted in the channel.
 */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { checkChannelRun, type RunOutcome } from '../../src/digest/run-now.js';
import { translatorOf } from '../../src/discord/locale.js';
import { fitText, sanitizeMarkdown } from '../../src/discord/render/index.js';
import type { Translate } from '../../src/i18n/index.js';
import type { GuildState } from '../../src/store/types.js';
import { guildIdOf } from '../shared/interaction.js';

/** `/digest run …` */
export async function executeRun(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const channelId = interaction.channelId;
  const slug = interaction.options.getString('topic')?.trim() || undefined;
  const state = await app.store.state.getGuild(guildId);
  checkChannelRun(state, channelId, slug);
  // Fetching the listing and posting take seconds.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const t = translatorOf(interaction);
  const { date, outcomes, notes } = await app.runNow(guildId, channelId, slug, {
    queued: async () => {
      await interaction.editReply({
        content: t('digestCommand.queued', { channel: channelId }),
        allowedMentions: { parse: [] },
      });
    },
  });
  const lines = outcomes.map((o) => outcomeLine(state, o, t));
  const content = [
    t('digestCommand.runHeading', { date, channel: channelId }),
    ...lines,
    ...notes.map((note) => t(note)),
  ]
    .join('\n')
    .slice(0, 2000);
  await interaction.editReply({ content, allowedMentions: { parse: [] } });
}

function outcomeLine(state: GuildState, outcome: RunOutcome, t: Translate): string {
  const topic = state.topics.find((s) => s.slug === outcome.topicSlug);
  const name = `**${fitText(topic?.name ?? outcome.topicSlug, 100)}**`;
  switch (outcome.status) {
    case 'posted':
      return t('digestCommand.runPosted', {
        name,
        papers: t('digestCommand.papers', { count: outcome.papers }),
        messages: t('digestCommand.messages', { count: outcome.messages }),
        more: outcome.overflow > 0 ? t('digestCommand.runPastCap', { count: outcome.overflow }) : '',
      });
    case 'nothing-new':
      return t('digestCommand.runNothingNew', { name });
    case 'paused':
      return t('digestCommand.runPaused', { name, reason: sanitizeMarkdown(outcome.reason).slice(0, 300) });
    case 'failed':
      return t('digestCommand.runFailed', { name, reason: sanitizeMarkdown(outcome.reason).slice(0, 300) });
  }
}
