/**
 * `/digest today [topic] [date]`: options → src/digest/today.ts → one ephemeral message with an
 * embed per topic (what each channel got, or will get, with linked titles).
 */
import { MessageFlags, type APIEmbed, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { chooseListing, digestDay, type DayEntry, type DaySection } from '../../src/digest/today.js';
import { translatorOf } from '../../src/discord/locale.js';
import { LIMITS, embedsLength, fitText, sanitizeMarkdown, sanitizePlain } from '../../src/discord/render/index.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Paper } from '../../src/papers/paper.js';
import { guildIdOf } from '../shared/interaction.js';
import { readDateOption } from '../../src/schedule/calendar.js';
import { PAPERBOY_COLOR, paperTitleLink } from '../shared/papers.js';

const MAX_EMBEDS = LIMITS.embedsPerMessage;
/** Slack kept under the 6000-character total, for Discord's trimming and rounding. */
const TOTAL_SLACK = 100;

/** `/digest today …` */
export async function executeToday(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const slug = interaction.options.getString('topic')?.trim() || undefined;
  const asked = readDateOption(interaction.options.getString('date'), 'date');
  const now = app.now();
  const t = translatorOf(interaction);
  const listing = chooseListing(app.calendar, now, asked, t);
  // Archive and ledger reads, and a preview may match a whole day's listing: defer first.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (listing.kind === 'quiet') {
    await interaction.editReply({ content: listing.message });
    return;
  }
  const { date } = listing;
  const notes = [...listing.notes];
  const report = await digestDay(app, guildId, date, slug, now, t);
  if (report.kind === 'empty') {
    await interaction.editReply({ content: [...notes, report.message].join('\n') });
    return;
  }

  const { sections, papers, settings } = report;
  const shown = sections.slice(0, MAX_EMBEDS);
  if (sections.length > shown.length) {
    notes.push(t('digestCommand.showingTopics', { shown: shown.length, total: sections.length }));
  }
  const frames = shown.map((section) => sectionFrame(section, t));
  // What the titles and footers leave of the message total, shared evenly by the descriptions.
  const room = LIMITS.messageEmbedChars - TOTAL_SLACK - embedsLength(frames);
  const budget = Math.min(LIMITS.embedDescription, Math.floor(room / shown.length));
  const embeds = shown.map((section, i) => ({
    ...frames[i],
    description: sectionDescription(section, papers, date, budget, t),
  }));
  const previewing = sections.some((s) => s.entries.some((e) => e.kind === 'preview'));
  const heading = t('digestCommand.todayHeading', { date });
  const schedule = previewing
    ? t('digestCommand.previewSchedule', { schedule: settings.schedule, timezone: settings.timezone })
    : '';
  const content = [heading, ...notes, schedule]
    .filter((l) => l !== '')
    .join('\n')
    .slice(0, LIMITS.content);
  await interaction.editReply({ content, embeds, allowedMentions: { parse: [] } });
}

/** An embed's title, colour and footer: everything but the description. */
function sectionFrame(section: DaySection, t: Translate): APIEmbed {
  return {
    title: fitText(section.topic?.name ?? section.slug, LIMITS.embedTitle) || section.slug,
    color: section.topic?.color ?? PAPERBOY_COLOR,
    ...(section.topic === undefined
      ? { footer: { text: sanitizePlain(t('digestCommand.topicRemoved', { slug: section.slug })) } }
      : {}),
  };
}

/**
 * One line per channel, each followed by its linked titles. Every channel line is kept; titles
 * fill what is left of `budget`, and a pointer to the search replaces the ones that do not fit.
 */
function sectionDescription(
  section: DaySection,
  papers: ReadonlyMap<string, Paper>,
  date: string,
  budget: number,
  t: Translate,
): string {
  const more = (n: number | null) =>
    n === null
      ? t('digestCommand.moreSearch', { slug: section.slug, date })
      : t('digestCommand.moreCountSearch', { count: n, slug: section.slug, date });
  const limit = budget - more(null).length - 1;
  const heads = section.entries.map((entry) => headline(entry, t));
  let left = limit - heads.reduce((n, h) => n + h.length + 1, 0);
  if (left < 0) {
    // Not even the channel lines fit (a server with very many channels on one topic).
    const kept: string[] = [];
    let used = 0;
    for (const head of heads) {
      if (used + head.length + 1 > limit) break;
      kept.push(head);
      used += head.length + 1;
    }
    return [...kept, more(null)].join('\n');
  }
  const blocks = section.entries.map((entry, i) => {
    const lines = [heads[i] ?? ''];
    const ids = 'papers' in entry ? entry.papers : [];
    const pointer = `• ${more(ids.length)}`.length + 1;
    let shown = 0;
    for (const id of ids) {
      const paper = papers.get(id);
      const line = paper ? `• ${paperTitleLink(paper, 150)}` : `• arXiv:${id}`;
      const reserve = shown === ids.length - 1 ? 0 : pointer;
      if (line.length + 1 + reserve > left) break;
      lines.push(line);
      left -= line.length + 1;
      shown++;
    }
    if (shown < ids.length) {
      const line = `• ${more(ids.length - shown)}`;
      lines.push(line);
      left -= line.length + 1;
    }
    return lines.join('\n');
  });
  const text = blocks.join('\n');
  if (text.length <= Math.min(budget, LIMITS.embedDescription)) return text;
  // Each channel's pointer line can push past the budget: cut whole lines and point to the search.
  const cut = text.lastIndexOf('\n', Math.min(budget, LIMITS.embedDescription) - more(null).length - 1);
  return `${text.slice(0, Math.max(0, cut))}\n${more(null)}`;
}

function headline(entry: DayEntry, t: Translate): string {
  const where = `<#${entry.channelId}>`;
  const papers = (count: number) => t('digestCommand.papers', { count });
  const messages = (count: number) => t('digestCommand.messages', { count });
  switch (entry.kind) {
    case 'posted':
      return t('digestCommand.dayPosted', {
        where,
        papers: papers(entry.papers.length),
        messages: messages(entry.messages),
      });
    case 'posting':
      return t('digestCommand.dayPosting', { where, sent: entry.sent, messages: messages(entry.messages) });
    case 'failed':
      return t('digestCommand.dayFailed', { where, reason: sanitizeMarkdown(entry.reason).slice(0, 300) });
    case 'preview':
      return entry.papers.length === 0
        ? t('digestCommand.dayPreviewNone', { where })
        : t('digestCommand.dayPreview', {
            where,
            papers: papers(entry.papers.length),
            over: entry.overflow > 0 ? t('digestCommand.dayPastCap', { count: entry.overflow }) : '',
          });
    case 'nothing-new':
      return t('digestCommand.dayNothingNew', { where });
    case 'paused':
      return t('digestCommand.dayPaused', { where, reason: sanitizeMarkdown(entry.reason).slice(0, 300) });
    case 'not-fetched':
      return t('digestCommand.dayNotFetched', { where });
    case 'none':
      return t('digestCommand.dayNone', { where });
  }
}
