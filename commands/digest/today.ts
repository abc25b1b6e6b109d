/**
 * `/digest today [topic] [date]`: options → src/digest/today.ts → one ephemeral message with an
 * embed per topic (what each channel got, or will get, with linked titles).
 */
import { MessageFlags, type APIEmbed, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { chooseListing, digestDay, type DayEntry, type DaySection } from '../../src/digest/today.js';
import { LIMITS, embedsLength, fitText, sanitizeMarkdown, sanitizePlain } from '../../src/discord/render/index.js';
import { plural } from '../../src/format.js';
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
  const listing = chooseListing(app.calendar, now, asked);
  // Archive and ledger reads, and a preview may match a whole day's listing: defer first.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (listing.kind === 'quiet') {
    await interaction.editReply({ content: listing.message });
    return;
  }
  const { date } = listing;
  const notes = [...listing.notes];
  const report = await digestDay(app, guildId, date, slug, now);
  if (report.kind === 'empty') {
    await interaction.editReply({ content: [...notes, report.message].join('\n') });
    return;
  }

  const { sections, papers, settings } = report;
  const shown = sections.slice(0, MAX_EMBEDS);
  if (sections.length > shown.length) {
    notes.push(`Showing ${shown.length} of ${sections.length} topics: pick one with \`topic:\` to see the others.`);
  }
  const frames = shown.map(sectionFrame);
  // What the titles and footers leave of the message total, shared evenly by the descriptions.
  const room = LIMITS.messageEmbedChars - TOTAL_SLACK - embedsLength(frames);
  const budget = Math.min(LIMITS.embedDescription, Math.floor(room / shown.length));
  const embeds = shown.map((section, i) => ({
    ...frames[i],
    description: sectionDescription(section, papers, date, budget),
  }));
  const previewing = sections.some((s) => s.entries.some((e) => e.kind === 'preview'));
  const heading = `**Digests of ${date}** in this server`;
  const schedule = previewing
    ? `Previews show what the next scheduled run (\`${settings.schedule}\`, ${settings.timezone}) will post; a moderator can post now with \`/digest run\`.`
    : '';
  const content = [heading, ...notes, schedule]
    .filter((l) => l !== '')
    .join('\n')
    .slice(0, LIMITS.content);
  await interaction.editReply({ content, embeds, allowedMentions: { parse: [] } });
}

/** An embed's title, colour and footer: everything but the description. */
function sectionFrame(section: DaySection): APIEmbed {
  return {
    title: fitText(section.topic?.name ?? section.slug, LIMITS.embedTitle) || section.slug,
    color: section.topic?.color ?? PAPERBOY_COLOR,
    ...(section.topic === undefined
      ? { footer: { text: sanitizePlain(`Topic ${section.slug} (since removed)`) } }
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
): string {
  const more = (n: number | null) =>
    `…${n === null ? 'more' : `and ${n} more`}: \`/paper search topic:${section.slug} since:${date}\``;
  const limit = budget - more(null).length - 1;
  const heads = section.entries.map(headline);
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

function headline(entry: DayEntry): string {
  const where = `<#${entry.channelId}>`;
  switch (entry.kind) {
    case 'posted':
      return `${where} · **posted ${plural(entry.papers.length, 'paper')}** (${plural(entry.messages, 'message')})`;
    case 'posting':
      return `${where} · posting now: ${entry.sent} of ${plural(entry.messages, 'message')} sent`;
    case 'failed':
      return `${where} · failed: ${sanitizeMarkdown(entry.reason).slice(0, 300)}`;
    case 'preview':
      return entry.papers.length === 0
        ? `${where} · preview: nothing new to post`
        : `${where} · **preview: ${plural(entry.papers.length, 'paper')}** to post${entry.overflow > 0 ? ` (+${entry.overflow} past the cap)` : ''}`;
    case 'nothing-new':
      return `${where} · nothing new that day`;
    case 'paused':
      return `${where} · paused: ${sanitizeMarkdown(entry.reason).slice(0, 300)}`;
    case 'not-fetched':
      return `${where} · this listing is not in the archive yet; it is fetched at the next scheduled run`;
    case 'none':
      return `${where} · no digest that day`;
  }
}
