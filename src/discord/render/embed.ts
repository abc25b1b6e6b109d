import type { APIEmbed, APIEmbedField } from 'discord.js';
import { DEFAULT_LOCALE, translator, type Locale, type MessageKey, type Translate } from '../../i18n/index.js';
import type { AnnounceType, Paper } from '../../papers/paper.js';
import type { MatchExplanation } from '../../topics/topic.js';
import { embedLength, LIMITS } from './limits.js';
import { fitText } from './sanitize.js';
import { cleanUntrusted, readerDate, truncateText } from './text.js';

/** A topic (or follow) a paper matched, by name, and why. */
export interface MatchReason {
  name: string;
  explanation: MatchExplanation;
}

export interface PaperEmbedOptions {
  /** Topic colour, 24-bit RGB. */
  color: number;
  /** Most characters of abstract to show (the guild's `abstract_length`); capped by Discord's limits. */
  abstractLength: number;
  /** Topics the paper matched (the digest's own first); shown as tags in the footer when there are two or more. */
  topicNames?: readonly string[];
  /** Why the paper matched each topic (the digest's own first), shown as a `matched:` line under the authors. */
  matched?: readonly MatchReason[];
  /** The paper's first figure. */
  image?: string | null;
  /** How the paper is presented at its venue: `Oral`, `Spotlight`, `Poster`, … */
  presentation?: string | null;
  /** The language of the field names, footer and `matched:` line; default en-US. */
  locale?: Locale;
}

/** Authors shown before "et al." when a list is long; lists up to `ALL_AUTHORS_UP_TO` are shown whole. */
const AUTHORS_SHOWN = 3;
const ALL_AUTHORS_UP_TO = 5;
const AUTHORS_LINE_MAX = 300;
const AUTHOR_NAME_MAX = 100;
const VENUE_MAX = 200;
const PRESENTATION_MAX = 60;
const CATEGORIES_SHOWN = 8;
const TOPIC_TAG_MAX = 60;
const TOPIC_TAGS_MAX = 400;
const MATCHED_MAX = 300;
const MATCHED_TERM_MAX = 80;

const ANNOUNCE_LABELS = {
  new: 'digest.announceNew',
  cross: 'digest.announceCross',
  replace: 'digest.announceReplace',
  'replace-cross': 'digest.announceReplaceCross',
} as const satisfies Record<AnnounceType, MessageKey>;

// Forges where `owner/repo` says more than the host name.
const FORGES = new Set(['github.com', 'gitlab.com', 'codeberg.org', 'bitbucket.org', 'huggingface.co', 'git.sr.ht']);

/** An http(s) URL made safe to use as a link target, or null. */
export function safeUrl(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  // Parentheses and brackets would end or confuse `[label](target)`.
  return url.href.replace(/[()[\]]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `[label](url)` when the URL is usable and the link fits a field value. */
function markdownLink(label: string, raw: string | null): string | null {
  const href = safeUrl(raw);
  if (href === null) return null;
  const link = `[${label}](${href})`;
  return link.length <= LIMITS.fieldValue ? link : null;
}

/** `[owner/repo](url)` for a forge, `[host](url)` otherwise; null when the URL is unusable. */
function codeLink(raw: string | null, t: Translate): string | null {
  const href = safeUrl(raw);
  if (href === null) return null;
  const url = new URL(href);
  const host = url.hostname.replace(/^www\./, '');
  const parts = url.pathname
    .split('/')
    .filter((part) => part !== '')
    .map(decodeSegment);
  const label = FORGES.has(host) && parts.length >= 2 ? `${parts[0]}/${parts[1]}` : host;
  return markdownLink(fitText(label, 80) || t('digest.codeLink'), href);
}

/**
 * Authors as one markdown-safe line: everyone when the list is short, else the first few and
 * "et al. (+N)"; fewer names when the names themselves are long.
 */
export function formatAuthors(
  authors: readonly string[],
  maxLength = AUTHORS_LINE_MAX,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const names = authors.map(cleanUntrusted).filter((name) => name !== '');
  if (names.length === 0) return '';
  const t = translator(locale);
  const line = (shown: string, count: number): string =>
    count < names.length ? t('digest.authorsMore', { names: shown, count: names.length - count }) : shown;
  const first = names.length <= ALL_AUTHORS_UP_TO ? names.length : AUTHORS_SHOWN;
  for (let shown = first; shown >= 1; shown--) {
    const text = line(
      names
        .slice(0, shown)
        .map((name) => fitText(name, AUTHOR_NAME_MAX))
        .join(', '),
      shown,
    );
    if (text.length <= maxLength) return text;
  }
  const tail = line('', 1).length;
  return line(fitText(names[0] ?? '', Math.max(0, maxLength - tail)), 1);
}

function categoriesValue(paper: Paper): string | null {
  const all = [...new Set([paper.primaryCategory, ...paper.categories].map(cleanUntrusted).filter((c) => c !== ''))];
  if (all.length === 0) return null;
  const shown = all.slice(0, CATEGORIES_SHOWN).map((category, i) => {
    const text = fitText(category, 40);
    return i === 0 && category === cleanUntrusted(paper.primaryCategory) ? `**${text}**` : text;
  });
  const more = all.length - shown.length;
  return shown.join(' · ') + (more > 0 ? ` · +${more}` : '');
}

function venueValue(paper: Paper, presentation: string | null | undefined): string | null {
  const parts = [fitText(paper.venue ?? '', VENUE_MAX), fitText(presentation ?? '', PRESENTATION_MAX)].filter(
    (p) => p !== '',
  );
  return parts.length > 0 ? parts.join(' · ') : null;
}

function isoDate(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function dateField(paper: Paper, t: Translate, locale: Locale): APIEmbedField | null {
  const announced = fitText(readerDate(locale, paper.announced ?? ''), 32);
  if (announced !== '') return { name: t('digest.announced'), value: announced, inline: true };
  const published = isoDate(paper.published);
  return published === null
    ? null
    : { name: t('digest.published'), value: readerDate(locale, published.slice(0, 10)), inline: true };
}

function footerText(paper: Paper, topicNames: readonly string[] | undefined, t: Translate): string {
  const id = cleanUntrusted(`arXiv:${paper.id}v${paper.version}`);
  const parts = [fitText(id, 60, { flavour: 'plain' }), fitText(paper.primaryCategory, 40, { flavour: 'plain' })];
  if (paper.announceType !== null) parts.push(t(ANNOUNCE_LABELS[paper.announceType]));
  const tags = (topicNames ?? [])
    .map((name) => fitText(name, TOPIC_TAG_MAX, { flavour: 'plain' }))
    .filter((t) => t !== '');
  let text = parts.filter((p) => p !== '').join(' · ');
  // One name is just the digest's own topic; tags only say something when the paper matched several.
  if (tags.length > 1) text += ` · ${t('digest.topics', { names: truncateText(tags.join(', '), TOPIC_TAGS_MAX) })}`;
  return text;
}

/** What one reason shows: its terms (the authors an `au:` term matched), else, when asked, its categories. */
function reasonParts(explanation: MatchExplanation, categories: boolean, t: Translate): string[] {
  const parts = explanation.terms.flatMap((term) =>
    term.authors !== undefined && term.authors.length > 0
      ? term.authors.map((name) => t('digest.matchedAuthor', { name }))
      : [term.text],
  );
  if (parts.length === 0 && categories) parts.push(...explanation.categories);
  return [...new Set(parts.map((part) => fitText(part, MATCHED_TERM_MAX)).filter((part) => part !== ''))];
}

/**
 * `matched: "contrastive learning", self-supervis*`, markdown-safe, at most `MATCHED_MAX` units;
 * empty when there is nothing to say. With several topics each one's terms are followed by its
 * name, and a topic without a query names its categories (alone, they would repeat the footer).
 * Terms that do not fit are counted: `… +3 more`.
 */
export function matchedLine(matched: readonly MatchReason[], locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale);
  const moreText = (count: number): string => t('digest.matchedMore', { count });
  const several = matched.length > 1;
  const groups = matched
    .map((reason) => ({
      parts: reasonParts(reason.explanation, several, t),
      suffix: several ? ` (${fitText(reason.name, TOPIC_TAG_MAX) || '?'})` : '',
    }))
    .filter((group) => group.parts.length > 0);
  let left = groups.reduce((n, group) => n + group.parts.length, 0);
  if (left === 0) return '';
  let line = t('digest.matched');
  for (const [g, { parts, suffix }] of groups.entries()) {
    let shown = 0;
    for (const part of parts) {
      const piece = (shown > 0 ? ', ' : g > 0 ? '; ' : '') + part;
      const more = left > 1 ? moreText(left - 1).length : 0;
      if (line.length + piece.length + suffix.length + more > MATCHED_MAX) break;
      line += piece;
      shown++;
      left--;
    }
    if (shown > 0) line += suffix;
    if (shown < parts.length) return line + moreText(left);
  }
  return line;
}

/**
 * One paper as a Discord embed (plain JSON): the title links to the abstract page, the first line
 * of the description holds the authors, the next one what the paper matched, then the abstract cut
 * at a sentence or word boundary;
 * inline fields for venue, code, PDF, categories and date; the arXiv id in the footer. All
 * untrusted text is sanitised, every Discord limit is respected, and the embed alone is always
 * within the 6000-character message total.
 */
export function paperEmbed(paper: Paper, opts: PaperEmbedOptions): APIEmbed {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const prefix = paper.withdrawn ? t('digest.withdrawnPrefix') : '';
  const title = prefix + (fitText(paper.title, LIMITS.embedTitle - prefix.length) || fitText(`arXiv:${paper.id}`, 64));
  const url = safeUrl(paper.absUrl);

  const fields: APIEmbedField[] = [];
  if (paper.withdrawn) fields.push({ name: t('digest.status'), value: t('digest.withdrawn'), inline: true });
  const venue = venueValue(paper, opts.presentation);
  if (venue !== null) fields.push({ name: t('digest.venue'), value: venue, inline: true });
  const code = codeLink(paper.codeUrl, t);
  if (code !== null) fields.push({ name: t('digest.code'), value: code, inline: true });
  const pdf = markdownLink(fitText(`${paper.id}v${paper.version}`, 60) || t('digest.pdf'), paper.pdfUrl);
  if (pdf !== null) fields.push({ name: t('digest.pdf'), value: pdf, inline: true });
  const categories = categoriesValue(paper);
  if (categories !== null) fields.push({ name: t('digest.categories'), value: categories, inline: true });
  const date = dateField(paper, t, locale);
  if (date !== null) fields.push(date);

  const footer = footerText(paper, opts.topicNames, t);
  const timestamp = isoDate(paper.published) ?? isoDate(paper.announced);
  const image = safeUrl(opts.image);
  const rest: APIEmbed = {
    ...(fields.length > 0 ? { fields } : {}),
    ...(footer !== '' ? { footer: { text: footer } } : {}),
    ...(timestamp !== null ? { timestamp } : {}),
    color: Number.isInteger(opts.color) ? Math.min(Math.max(opts.color, 0), 0xffffff) : 0,
    ...(image !== null ? { image: { url: image } } : {}),
  };

  const authors = formatAuthors(paper.authors, AUTHORS_LINE_MAX, locale);
  const lines = [authors === '' ? '' : `*${authors}*`, matchedLine(opts.matched ?? [], locale)].filter((l) => l !== '');
  const top = lines.join('\n');
  const head = top === '' ? '' : `${top}\n`;
  // What is left of the description limit and of the message total once everything else is in.
  const room = Math.min(
    Math.max(0, Math.floor(opts.abstractLength)),
    LIMITS.embedDescription - head.length,
    LIMITS.messageEmbedChars - embedLength({ title, ...rest }) - head.length,
  );
  const abstract = room > 0 ? fitText(paper.abstract, room, { sentenceShare: 0.6 }) : '';
  const description = abstract === '' ? top : head + abstract;
  return {
    title,
    ...(url !== null ? { url } : {}),
    ...(description !== '' ? { description } : {}),
    ...rest,
  };
}
