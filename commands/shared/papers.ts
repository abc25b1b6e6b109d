/**
 * Helpers shared by /paper and /digest: the topic-slug autocomplete, date options, guild
 * lookups and the compact one-paper lines both commands print.
 */
import type { AutocompleteInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { fitText, formatAuthors, safeUrl } from '../../src/discord/render/index.js';
import type { Paper } from '../../src/papers/paper.js';
import type { GuildState, Topic } from '../../src/store/types.js';
import { UserError } from '../types.js';

/** Colour of embeds that belong to no topic (arXiv red). */
export const PAPERBOY_COLOR = 0xb31b1b;

const AUTOCOMPLETE_MAX = 25;
/** Longer code URLs are marked, not linked, to keep a results page within the description limit. */
const CODE_URL_MAX = 300;
const CHOICE_NAME_MAX = 100;

/** The guild an interaction came from; the router only lets guild interactions through. */
export function guildIdOf(interaction: { guildId: string | null }): string {
  if (interaction.guildId === null) throw new UserError('Paperboy works inside servers only.');
  return interaction.guildId;
}

/** User text shown back inside an inline code span, so it cannot format, link or break out of it. */
export function codeSpan(text: string, max = 60): string {
  const clean = text.replace(/[`\p{Cc}\p{Cf}]/gu, '').trim();
  const cut = Array.from(clean).slice(0, max).join('');
  return `\`${cut === '' ? ' ' : cut}${cut.length < clean.length ? '…' : ''}\``;
}

/**
 * Answer a `topic` autocomplete with this guild's topic slugs (prefix matches first, then
 * matches anywhere in the slug or name), at most 25. With `channelId`, only topics that channel
 * is subscribed to. One state read, no search: autocomplete cannot be deferred.
 */
export async function respondWithTopicSlugs(
  interaction: AutocompleteInteraction,
  app: App,
  options: { channelId?: string } = {},
): Promise<void> {
  const guildId = interaction.guildId;
  if (guildId === null) {
    await interaction.respond([]);
    return;
  }
  const typed = String(interaction.options.getFocused()).trim().toLowerCase();
  const state = await app.store.state.getGuild(guildId);
  let topics = state.topics;
  if (options.channelId !== undefined) {
    const here = new Set(state.subscriptions.filter((s) => s.channelId === options.channelId).map((s) => s.topicSlug));
    topics = topics.filter((t) => here.has(t.slug));
  }
  const rank = (t: Topic): number => {
    if (typed === '' || t.slug.startsWith(typed)) return 0;
    if (t.slug.includes(typed) || t.name.toLowerCase().includes(typed)) return 1;
    return -1;
  };
  const choices = topics
    .map((t) => ({ t, r: rank(t) }))
    .filter(({ r }) => r >= 0)
    .sort((a, b) => a.r - b.r || a.t.slug.localeCompare(b.t.slug))
    .slice(0, AUTOCOMPLETE_MAX)
    .map(({ t }) => ({ name: choiceName(`${t.slug} — ${t.name}`), value: t.slug }));
  await interaction.respond(choices);
}

function choiceName(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length <= CHOICE_NAME_MAX ? clean : `${chars.slice(0, CHOICE_NAME_MAX - 1).join('')}…`;
}

/**
 * A YYYY-MM-DD option, checked to be a real calendar date; undefined when the option is absent.
 * @throws UserError with the option's name and an example otherwise.
 */
export function readDateOption(value: string | null, optionName: string): string | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const time = Date.parse(`${text}T12:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March; only a date that reads back the same is real.
  const valid =
    match !== null &&
    !Number.isNaN(time) &&
    new Date(time).toISOString().slice(0, 10) === text &&
    Number(match[1]) >= 1991;
  if (!valid) {
    throw new UserError(
      `\`${optionName}\` must be a date written YYYY-MM-DD, such as 2026-11-24 (got ${codeSpan(text, 20)}).`,
    );
  }
  return text;
}

/** The guild's topic with this slug. @throws UserError naming the slug when there is none. */
export function findTopic(state: GuildState, slug: string): Topic {
  const topic = state.topics.find((t) => t.slug === slug);
  if (!topic) {
    const known = state.topics.map((t) => t.slug).slice(0, 10);
    const hint =
      known.length > 0
        ? ` Its topics: ${known.map((s) => codeSpan(s)).join(', ')}.`
        : ' It has none yet: see `/topic add`.';
    throw new UserError(`This server has no topic ${codeSpan(slug)}.${hint}`);
  }
  return topic;
}

/** `[title](abs page)` with the title made inert; the bare title when the URL is unusable. */
export function paperTitleLink(paper: Paper, maxTitle = 200): string {
  const title = fitText(paper.title, maxTitle) || fitText(`arXiv:${paper.id}`, 64);
  const url = safeUrl(paper.absUrl);
  return url === null ? title : `[${title}](${url})`;
}

/** Authors, venue and date on one short markdown-safe line. */
export function paperMetaLine(paper: Paper): string {
  const parts = [
    formatAuthors(paper.authors, 120),
    fitText(paper.venue ?? '', 60),
    paper.announced ?? paper.published.slice(0, 10),
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

/** ` · [code](url)` when the paper has a usable code link. */
export function codeMark(paper: Paper): string {
  const url = safeUrl(paper.codeUrl);
  if (url === null) return '';
  return url.length <= CODE_URL_MAX ? ` · [code](${url})` : ' · code';
}
