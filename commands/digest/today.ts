/**
 * `/digest today [topic] [date]`: what this server's digests posted on a listing date, grouped
 * by topic, or — for today's listing before the run — a preview of what they will post, planned
 * by the same planner as the run (src/digest/plan.ts) against the channel's ledger.
 */
import { MessageFlags, type APIEmbed, type ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { planChannel } from '../../src/digest/plan.js';
import { LIMITS, embedsLength, fitText, sanitizeMarkdown, sanitizePlain } from '../../src/discord/render/index.js';
import type { Paper } from '../../src/papers/paper.js';
import { addDays, easternDate } from '../../src/schedule/calendar.js';
import type { DigestRecord, GuildState, Subscription, Topic } from '../../src/store/types.js';
import { UserError } from '../types.js';
import { PAPERBOY_COLOR, codeSpan, findTopic, guildIdOf, paperTitleLink, readDateOption } from '../shared/papers.js';

type Entry =
  | { kind: 'posted'; channelId: string; papers: string[]; messages: number }
  | { kind: 'posting'; channelId: string; papers: string[]; sent: number; messages: number }
  | { kind: 'failed'; channelId: string; reason: string }
  | { kind: 'preview'; channelId: string; papers: string[]; overflow: number }
  | { kind: 'nothing-new'; channelId: string }
  | { kind: 'paused'; channelId: string; reason: string }
  | { kind: 'not-fetched'; channelId: string }
  | { kind: 'none'; channelId: string };

interface Section {
  slug: string;
  topic: Topic | undefined;
  entries: Entry[];
}

const MAX_EMBEDS = LIMITS.embedsPerMessage;
/** Slack kept under the 6000-character total, for Discord's trimming and rounding. */
const TOTAL_SLACK = 100;

/** `/digest today …` */
export async function executeToday(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const slug = interaction.options.getString('topic')?.trim() || undefined;
  const asked = readDateOption(interaction.options.getString('date'), 'date');
  const now = app.now();
  const today = easternDate(now);
  if (asked !== undefined && asked > today) {
    throw new UserError(`${asked} is still to come: the latest arXiv listing is ${app.calendar.latestListing(now)}.`);
  }
  // Archive and ledger reads, and a preview may match a whole day's listing: defer first.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });

  const notes: string[] = [];
  let date: string;
  if (asked !== undefined) {
    const quiet = app.calendar.quietReason(asked);
    if (quiet !== null) {
      let before = addDays(asked, -1);
      for (let i = 0; i < 14 && !app.calendar.hasAnnouncement(before); i++) before = addDays(before, -1);
      await interaction.editReply({
        content: `There was no arXiv listing on ${asked}: ${quiet} The listing before it is ${before} (\`date:${before}\`).`,
      });
      return;
    }
    date = asked;
  } else {
    date = app.calendar.latestListing(now);
    const quiet = app.calendar.quietReason(today);
    if (quiet !== null) notes.push(`No arXiv listing today (${today}): ${quiet} Showing the latest listing, ${date}.`);
  }

  const state = await app.store.state.getGuild(guildId);
  const digests = await app.store.delivery.digestsOn(guildId, date, slug);
  if (slug !== undefined && digests.length === 0) findTopic(state, slug);

  const current = date === app.calendar.latestListing(now);
  const fetched = ((await app.store.archive.latestAnnouncement()) ?? '') >= date;
  const sections = await buildSections(app, state, digests, date, slug, { current, fetched });
  if (sections.length === 0) {
    const none =
      state.subscriptions.length === 0
        ? 'This server has no subscriptions yet: a moderator can add one with `/subscription add topic:<slug>` (see `/topic list`).'
        : `Nothing was posted in this server on ${date}${slug !== undefined ? ` for ${codeSpan(slug)}` : ''}.`;
    await interaction.editReply({ content: [...notes, none].join('\n') });
    return;
  }

  const ids = sections.flatMap((s) => s.entries.flatMap((e) => ('papers' in e ? e.papers : [])));
  const papers = await app.store.archive.getMany(ids);
  const settings = app.settingsFor(guildId, state.settings);
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

async function buildSections(
  app: App,
  state: GuildState,
  digests: readonly DigestRecord[],
  date: string,
  slug: string | undefined,
  when: { current: boolean; fetched: boolean },
): Promise<Section[]> {
  const entries = new Map<string, Entry[]>();
  const add = (topicSlug: string, entry: Entry) => entries.set(topicSlug, [...(entries.get(topicSlug) ?? []), entry]);

  // What was posted: one entry per channel and topic, runs of the same day merged.
  const byTarget = new Map<string, DigestRecord[]>();
  for (const digest of digests) {
    const target = `${digest.topicSlug}\n${digest.channelId}`;
    byTarget.set(target, [...(byTarget.get(target) ?? []), digest]);
  }
  for (const group of byTarget.values()) {
    const first = group[0];
    if (!first) continue;
    const papers = group.flatMap((d) => d.paperIds);
    const messages = group.reduce((n, d) => n + d.messages.length, 0);
    const sent = group.reduce((n, d) => n + d.messages.filter((m) => m.messageId !== null).length, 0);
    const failed = group.find((d) => d.status === 'failed');
    if (group.some((d) => d.status === 'pending'))
      add(first.topicSlug, { kind: 'posting', channelId: first.channelId, papers, sent, messages });
    else if (failed && sent === 0)
      add(first.topicSlug, { kind: 'failed', channelId: first.channelId, reason: failed.error ?? 'unknown error' });
    else add(first.topicSlug, { kind: 'posted', channelId: first.channelId, papers, messages: sent });
  }

  // Subscriptions without a digest that day: paused, ran with nothing new, still to run (preview), or not posted.
  const subs = state.subscriptions.filter(
    (s) => (slug === undefined || s.topicSlug === slug) && !byTarget.has(`${s.topicSlug}\n${s.channelId}`),
  );
  const toPreview: Subscription[] = [];
  for (const sub of subs) {
    if (sub.paused) add(sub.topicSlug, { kind: 'paused', channelId: sub.channelId, reason: sub.paused.reason });
    else if (sub.lastDigestDate !== null && sub.lastDigestDate >= date)
      add(sub.topicSlug, { kind: 'nothing-new', channelId: sub.channelId });
    else if (!when.current) add(sub.topicSlug, { kind: 'none', channelId: sub.channelId });
    else if (!when.fetched) add(sub.topicSlug, { kind: 'not-fetched', channelId: sub.channelId });
    else toPreview.push(sub);
  }
  for (const plan of await preview(app, state, toPreview, date)) {
    add(plan.topicSlug, { kind: 'preview', channelId: plan.channelId, papers: plan.papers, overflow: plan.overflow });
  }

  const order = [...state.topics.map((t) => t.slug), ...[...entries.keys()].sort()];
  const topics = new Map(state.topics.map((t) => [t.slug, t]));
  return [...new Set(order)]
    .filter((s) => entries.has(s))
    .map((s) => ({ slug: s, topic: topics.get(s), entries: entries.get(s) ?? [] }));
}

/** What each not-yet-run subscription would post now, channel by channel, minus what each channel already has. */
async function preview(
  app: App,
  state: GuildState,
  subs: readonly Subscription[],
  date: string,
): Promise<Array<{ topicSlug: string; channelId: string; papers: string[]; overflow: number }>> {
  if (subs.length === 0) return [];
  const from = subs.map((s) => s.lastDigestDate ?? date).reduce((a, b) => (a < b ? a : b), date);
  const candidates: Paper[] = await app.store.archive.announcedBetween(from, date);
  const topics = new Map(state.topics.map((t) => [t.slug, t]));
  const out: Array<{ topicSlug: string; channelId: string; papers: string[]; overflow: number }> = [];
  for (const channelId of new Set(subs.map((s) => s.channelId))) {
    const here = subs.filter((s) => s.channelId === channelId);
    const starts = here.map((s) => s.lastDigestDate ?? date).reduce((a, b) => (a < b ? a : b), date);
    const own = candidates.filter((p) => (p.announced ?? '') >= starts);
    const posted = await app.store.delivery.postedIn(
      channelId,
      own.map((p) => p.id),
    );
    for (const plan of planChannel(here, topics, own, posted)) {
      out.push({
        topicSlug: plan.topic.slug,
        channelId,
        papers: plan.papers.map((p) => p.paper.id),
        overflow: plan.overflow.length,
      });
    }
  }
  return out;
}

/** An embed's title, colour and footer: everything but the description. */
function sectionFrame(section: Section): APIEmbed {
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
  section: Section,
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

function headline(entry: Entry): string {
  const where = `<#${entry.channelId}>`;
  switch (entry.kind) {
    case 'posted':
      return `${where} · **posted ${count(entry.papers.length, 'paper')}** (${count(entry.messages, 'message')})`;
    case 'posting':
      return `${where} · posting now: ${entry.sent} of ${count(entry.messages, 'message')} sent`;
    case 'failed':
      return `${where} · failed: ${sanitizeMarkdown(entry.reason).slice(0, 300)}`;
    case 'preview':
      return entry.papers.length === 0
        ? `${where} · preview: nothing new to post`
        : `${where} · **preview: ${count(entry.papers.length, 'paper')}** to post${entry.overflow > 0 ? ` (+${entry.overflow} past the cap)` : ''}`;
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

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
