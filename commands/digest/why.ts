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
import { translatorOf } from '../../src/discord/locale.js';
import { fitText, safeUrl } from '../../src/discord/render/index.js';
import { parseArxivId } from '../../src/papers/ids.js';
import { UserError } from '../../src/errors.js';
import { codeSpan } from '../../src/format.js';
import type { Translate } from '../../src/i18n/index.js';
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
    throw UserError.of('digestCommand.whyNotAnId', { id: codeSpan(raw, 80) });
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
    throw UserError.of('digestCommand.whyNeverSeen', { id: codeSpan(wanted.id) });
  }
  const reply = { embeds: [whyEmbed(report, translatorOf(interaction))], allowedMentions: { parse: [] } };
  if (known) await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral });
  else await interaction.editReply(reply);
}

/** The explanation as one embed: the paper and its listing, then a field per subscription. */
export function whyEmbed(report: WhyReport, t: Translate): APIEmbed {
  const paper = report.paper;
  const url = paper ? safeUrl(paper.absUrl) : null;
  const subscriptions = report.subscriptions.slice(0, MAX_FIELDS);
  const more = report.subscriptions.length - subscriptions.length;
  const description = [
    fitText(describeListing(report, t), 300),
    report.subscriptions.length === 0 && report.source !== 'unknown' ? t('digestCommand.whyNoSubscriptions') : null,
  ].filter((line) => line !== null);
  const title = paper
    ? t('digestCommand.whyTitle', { id: paper.id, version: paper.version, title: paper.title })
    : t('digestCommand.whyTitleId', { id: report.id });
  return {
    title: fitText(title, 256),
    ...(url ? { url } : {}),
    color: PAPERBOY_COLOR,
    description: description.join('\n'),
    fields: subscriptions.map((sub) => field(sub, t)),
    ...(more > 0 ? { footer: { text: t('digestCommand.whyMore', { count: more, id: report.id }) } } : {}),
  };
}

function field(sub: SubscriptionExplanation, t: Translate): { name: string; value: string } {
  const link = 'messageUrl' in sub.delivery ? sub.delivery.messageUrl : null;
  const delivery = fitText(describeDelivery({ ...sub.delivery, ...(link ? { messageUrl: null } : {}) }, t), 420);
  const lines = [
    `<#${sub.channelId}>`,
    ...(sub.match !== null ? [fitText(describeMatch(sub.match, t), 420)] : []),
    link ? t('digestCommand.whyJump', { delivery, link }) : delivery,
  ];
  return { name: fitText(`${sub.topicName} (${sub.topicSlug})`, 100), value: lines.join('\n') };
}
