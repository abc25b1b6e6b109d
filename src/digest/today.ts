/**
 * What `/digest today [topic] [date]` reports: what this server's digests posted on a listing
 * date, grouped by topic, or — for today's listing before the run — a preview of what they will
 * post, planned by the same planner as the run (plan.ts) against each channel's ledger.
 */
import { UserError } from '../errors.js';
import { codeSpan } from '../format.js';
import { findTopic } from '../guilds/topics.js';
import { DEFAULT_LOCALE, translator, type Translate } from '../i18n/index.js';
import { isVenueUpdate } from './kinds.js';
import type { Paper } from '../papers/paper.js';
import { addDays, easternDate, type ArxivCalendar } from '../schedule/calendar.js';
import type { DigestRecord, GuildSettings, GuildState, Store, Subscription, Topic } from '../store/types.js';
import { planChannel } from './plan.js';

/** One channel's line under a topic. */
export type DayEntry =
  | { kind: 'posted'; channelId: string; papers: string[]; messages: number }
  | { kind: 'posting'; channelId: string; papers: string[]; sent: number; messages: number }
  | { kind: 'failed'; channelId: string; reason: string }
  | { kind: 'preview'; channelId: string; papers: string[]; overflow: number }
  | { kind: 'nothing-new'; channelId: string }
  | { kind: 'paused'; channelId: string; reason: string }
  | { kind: 'not-fetched'; channelId: string }
  | { kind: 'none'; channelId: string };

/** One topic's channels; `topic` is undefined when the topic was removed since. */
export interface DaySection {
  slug: string;
  topic: Topic | undefined;
  entries: DayEntry[];
}

export interface DigestDayDeps {
  store: Pick<Store, 'state' | 'archive' | 'delivery'>;
  calendar: ArxivCalendar;
  settingsFor(guildId: string, stored: GuildSettings | null): GuildSettings;
}

/** Which listing to report: a quiet day's explanation, or the date and notes to show above it. */
export type ListingChoice = { kind: 'quiet'; message: string } | { kind: 'listing'; date: string; notes: string[] };

/**
 * The listing `/digest today` reports on: `asked` (YYYY-MM-DD, already checked) or the latest.
 * Reads nothing, so a refusal answers at once; texts in `t`'s language. @throws UserError for a date still to come.
 */
export function chooseListing(
  calendar: ArxivCalendar,
  now: Date,
  asked: string | undefined,
  t: Translate = translator(DEFAULT_LOCALE),
): ListingChoice {
  const today = easternDate(now);
  if (asked !== undefined && asked > today) {
    throw UserError.of('digestCommand.future', { asked, latest: calendar.latestListing(now) });
  }
  if (asked !== undefined) {
    const quiet = calendar.quietReason(asked, t);
    if (quiet === null) return { kind: 'listing', date: asked, notes: [] };
    let before = addDays(asked, -1);
    for (let i = 0; i < 14 && !calendar.hasAnnouncement(before); i++) before = addDays(before, -1);
    return {
      kind: 'quiet',
      message: t('digestCommand.quietDay', { asked, reason: quiet, before }),
    };
  }
  const date = calendar.latestListing(now);
  const quiet = calendar.quietReason(today, t);
  const notes = quiet !== null ? [t('digestCommand.quietToday', { today, reason: quiet, date })] : [];
  return { kind: 'listing', date, notes };
}

export type DayReport =
  | { kind: 'empty'; message: string }
  | { kind: 'sections'; sections: DaySection[]; papers: ReadonlyMap<string, Paper>; settings: GuildSettings };

/**
 * What the guild's digests did (or will do) on a listing date, by topic, with the papers they name; an empty
 * report's message in `t`'s language.
 * @throws UserError when `slug` names no topic of the guild and nothing was posted under it.
 */
export async function digestDay(
  deps: DigestDayDeps,
  guildId: string,
  date: string,
  slug: string | undefined,
  now: Date,
  t: Translate = translator(DEFAULT_LOCALE),
): Promise<DayReport> {
  const { store } = deps;
  const state = await store.state.getGuild(guildId);
  // Venue updates are not a topic's digest: the day's report is of the papers posted.
  const digests = (await store.delivery.digestsOn(guildId, date, slug)).filter((d) => !isVenueUpdate(d));
  if (slug !== undefined && digests.length === 0) findTopic(state, slug);

  const current = date === deps.calendar.latestListing(now);
  const fetched = ((await store.archive.latestAnnouncement()) ?? '') >= date;
  const sections = await buildSections(store, state, digests, date, slug, { current, fetched });
  if (sections.length === 0) {
    const message =
      state.subscriptions.length === 0
        ? t('digestCommand.noServerSubscriptions')
        : slug !== undefined
          ? t('digestCommand.nothingPostedFor', { date, slug: codeSpan(slug) })
          : t('digestCommand.nothingPosted', { date });
    return { kind: 'empty', message };
  }
  const ids = sections.flatMap((s) => s.entries.flatMap((e) => ('papers' in e ? e.papers : [])));
  const papers = await store.archive.getMany(ids);
  return { kind: 'sections', sections, papers, settings: deps.settingsFor(guildId, state.settings) };
}

async function buildSections(
  store: DigestDayDeps['store'],
  state: GuildState,
  digests: readonly DigestRecord[],
  date: string,
  slug: string | undefined,
  when: { current: boolean; fetched: boolean },
): Promise<DaySection[]> {
  const entries = new Map<string, DayEntry[]>();
  const add = (topicSlug: string, entry: DayEntry) =>
    entries.set(topicSlug, [...(entries.get(topicSlug) ?? []), entry]);

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
      add(first.topicSlug, { kind: 'failed', channelId: first.channelId, reason: failed.error ?? 'unknown error' }); // i18n-ignore: stored reasons are English too
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
  for (const plan of await preview(store, state, toPreview, date)) {
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
  store: DigestDayDeps['store'],
  state: GuildState,
  subs: readonly Subscription[],
  date: string,
): Promise<Array<{ topicSlug: string; channelId: string; papers: string[]; overflow: number }>> {
  if (subs.length === 0) return [];
  const from = subs.map((s) => s.lastDigestDate ?? date).reduce((a, b) => (a < b ? a : b), date);
  const candidates: Paper[] = await store.archive.announcedBetween(from, date);
  const topics = new Map(state.topics.map((t) => [t.slug, t]));
  const out: Array<{ topicSlug: string; channelId: string; papers: string[]; overflow: number }> = [];
  for (const channelId of new Set(subs.map((s) => s.channelId))) {
    const here = subs.filter((s) => s.channelId === channelId);
    const starts = here.map((s) => s.lastDigestDate ?? date).reduce((a, b) => (a < b ? a : b), date);
    const own = candidates.filter((p) => (p.announced ?? '') >= starts);
    const posted = await store.delivery.postedIn(
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
