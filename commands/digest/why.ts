/**
 * `/digest why id:` (moderators, ephemeral): for each subscription of this server, whether the paper was in a
 * listing, matched the topic (on which terms), and was posted (with a link), left out by the cap, refused by
 * Discord, skipped as an old version, or is waiting (paused, or not run yet). Answered from the database; arXiv
 * is asked only about a paper the archive has never seen.
 */
import { MessageFlags, type APIEmbed, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import {
  describeDelivery,
  describeListing,
  describeMatch,
  explainPaper,
  type SubscriptionExplanation,
  type WhyReport,
} from '../../src/digest/why.js';
import { fitText, safeUrl } from '../../src/discord/render/index.js';
import { parseArxivId } from '../../src/papers/ids.js';
import { UserError } from '../../src/errors.js';
import { codeSpan } from '../../src/format.js';
import { guildIdOf } from '../shared/interaction.js';
import { PAPERBOY_COLOR } from '../shared/papers.js';

/** Fields shown; a server with more subscriptions gets a note to use the CLI for the rest. */
const MAX_FIELDS = 8;

/** `/digest why id:…` */
export async function executeWhy(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const raw = interaction.options.getString('id', true);
  const wanted = parseArxivId(raw);
  if (wanted === null) {
    throw new UserError(`${codeSpan(raw, 80)} is not an arXiv id. Try \`2205.14459\` or \`arXiv:2205.14459v2\`.`);
  }
  // Only a paper the archive lacks is looked up on arXiv, which may take seconds.
  const known = (await app.store.archive.get(wanted.id)) !== null;
  if (!known) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let report: WhyReport;
  try {
    report = await explainPaper(
      {
        store: app.store,
        lookUp: async (id) => (await app.arxiv.fetchPapers([id])).find((r) => r.paper.id === id)?.paper ?? null,
      },
      guildId,
      wanted.id,
    );
  } catch (error) {
    if (known) throw error;
    app.log.warn({ err: error, id: wanted.id }, 'digest why: arXiv lookup failed');
    throw new UserError(
      `Paperboy has never seen ${codeSpan(wanted.id)}, and arXiv did not answer just now. Try again in a few minutes.`,
    );
  }
  const reply = { embeds: [whyEmbed(report)], allowedMentions: { parse: [] } };
  if (known) await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral });
  else await interaction.editReply(reply);
}

/** The explanation as one embed: the paper and its listing, then a field per subscription. */
export function whyEmbed(report: WhyReport): APIEmbed {
  const paper = report.paper;
  const url = paper ? safeUrl(paper.absUrl) : null;
  const subscriptions = report.subscriptions.slice(0, MAX_FIELDS);
  const more = report.subscriptions.length - subscriptions.length;
  const description = [
    fitText(describeListing(report), 300),
    report.subscriptions.length === 0 && report.source !== 'unknown' ? 'This server has no subscriptions.' : null,
  ].filter((line) => line !== null);
  return {
    title: fitText(paper ? `Why ${paper.id}v${paper.version}: ${paper.title}` : `Why ${report.id}`, 256),
    ...(url ? { url } : {}),
    color: PAPERBOY_COLOR,
    description: description.join('\n'),
    fields: subscriptions.map(field),
    ...(more > 0
      ? { footer: { text: `${more} more subscription(s): run \`paperboy why ${report.id}\` for all of them.` } }
      : {}),
  };
}

function field(sub: SubscriptionExplanation): { name: string; value: string } {
  const link = 'messageUrl' in sub.delivery ? sub.delivery.messageUrl : null;
  const delivery = fitText(describeDelivery({ ...sub.delivery, ...(link ? { messageUrl: null } : {}) }), 420);
  const lines = [
    `<#${sub.channelId}>`,
    ...(sub.match !== null ? [fitText(describeMatch(sub.match), 420)] : []),
    link ? `${delivery} [Jump to the message](${link})` : delivery,
  ];
  return { name: fitText(`${sub.topicName} (${sub.topicSlug})`, 100), value: lines.join('\n') };
}
