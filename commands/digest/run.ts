/**
 * `/digest run [topic]` (moderators): options → src/digest/run-now.ts → an ephemeral report.
 * The digest is the only thing posted in the channel.
 */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { checkChannelRun, type RunOutcome } from '../../src/digest/run-now.js';
import { fitText, sanitizeMarkdown } from '../../src/discord/render/index.js';
import { plural } from '../../src/format.js';
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
  const { date, outcomes, notes } = await app.runNow(guildId, channelId, slug, {
    queued: async () => {
      await interaction.editReply({
        content: `Queued: a worker is running the digest for <#${channelId}>; this message will show the outcome.`,
        allowedMentions: { parse: [] },
      });
    },
  });
  const lines = outcomes.map((o) => outcomeLine(state, o));
  const content = [`**Digest for ${date}** in <#${channelId}>:`, ...lines, ...notes].join('\n').slice(0, 2000);
  await interaction.editReply({ content, allowedMentions: { parse: [] } });
}

function outcomeLine(state: GuildState, outcome: RunOutcome): string {
  const topic = state.topics.find((t) => t.slug === outcome.topicSlug);
  const name = `**${fitText(topic?.name ?? outcome.topicSlug, 100)}**`;
  switch (outcome.status) {
    case 'posted': {
      const more = outcome.overflow > 0 ? `; ${outcome.overflow} more matched past the cap` : '';
      return `${name} — Posted ${plural(outcome.papers, 'paper')} (${plural(outcome.messages, 'message')})${more}`;
    }
    case 'nothing-new':
      return `${name} — Nothing new since the last digest`;
    case 'paused':
      return `${name} — Paused: ${sanitizeMarkdown(outcome.reason).slice(0, 300)}. Fix the channel or the bot’s permissions, then run \`/subscription add\` again to resume.`;
    case 'failed':
      return `${name} — Failed: ${sanitizeMarkdown(outcome.reason).slice(0, 300)}`;
  }
}
