import { createHash } from 'node:crypto';
import type { APIActionRowComponent, APIEmbed, APIStringSelectComponent } from 'discord.js';
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from '../../i18n/index.js';
import type { Paper } from '../../papers/paper.js';
import { paperEmbed, type MatchReason } from './embed.js';
import { LIMITS } from './limits.js';
import { packEmbeds } from './pack.js';
import { fitText } from './sanitize.js';
import { cleanUntrusted, readerDate } from './text.js';

export { packEmbeds, type PackOptions } from './pack.js';

export interface DigestPaper {
  paper: Paper;
  /** Every topic of the channel the paper matched, when it matched several. */
  topicNames?: readonly string[];
  /** Why it matched each topic, the digest's own first. */
  matched?: readonly MatchReason[];
  image?: string | null;
  presentation?: string | null;
}

export interface DigestInput {
  topic: { name: string; color: number; slug: string };
  /** Announcement date the digest covers, YYYY-MM-DD. */
  date: string;
  /** In relevance order, already capped; the order is kept. */
  papers: readonly DigestPaper[];
  /** How many papers matched before the cap. */
  totalMatched: number;
  mentionRoleId: string | null;
  abstractLength: number;
  /** Identifies the digest (subscription + date); nonces derive from it and the message index. */
  nonceBase: string;
  /** The command that shows the papers past the cap, e.g. `/paper search topic:contrastive since:2025-06-03`. */
  moreHint?: string;
  /** The language of the digest's words (headers, field names, footers); default en-US. */
  locale?: Locale;
}

/** The exact JSON body POSTed to `/channels/{id}/messages`. */
export interface DigestMessageBody {
  content?: string;
  embeds: APIEmbed[];
  /** A message carrying papers has one row: the "Save…" select of its papers (see {@link saveSelectRow}). */
  components?: APIActionRowComponent<APIStringSelectComponent>[];
  allowed_mentions: { parse: []; roles?: string[] };
  nonce: string;
  enforce_nonce: true;
}

export interface PlannedDigestMessage {
  body: DigestMessageBody;
  /** Papers whose embeds this message carries, in order. */
  paperIds: string[];
}

const NONCE_HASH_CHARS = 21;
const NONCE_INDEX_CHARS = 3;
const TOPIC_NAME_MAX = 100;
const HINT_MAX = 200;

/**
 * The nonce of message `index` of a digest: 21 hex characters of SHA-256 of `base`, a dot, and the
 * index in base 36 (25 characters, Discord's limit). The same digest and index always give the
 * same nonce, so a resend after a crash is recognised by `enforce_nonce`.
 */
export function digestNonce(base: string, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 36 ** NONCE_INDEX_CHARS) {
    throw new RangeError(`message index out of range: ${index}`);
  }
  const hash = createHash('sha256').update(base).digest('hex').slice(0, NONCE_HASH_CHARS);
  return `${hash}.${index.toString(36).padStart(NONCE_INDEX_CHARS, '0')}`;
}

function headerLine(input: DigestInput, mention: string | null, t: Translate, locale: Locale): string {
  const name =
    fitText(input.topic.name, TOPIC_NAME_MAX) || fitText(input.topic.slug, TOPIC_NAME_MAX) || t('digest.fallbackName');
  const shown = input.papers.length;
  const total = Math.max(input.totalMatched, shown);
  const count =
    shown === 0
      ? t('digest.noNewPapers')
      : total > shown
        ? t('digest.someNewPapers', { shown, total })
        : t('digest.newPapers', { count: shown });
  const date = fitText(readerDate(locale, input.date), 32);
  return `${mention === null ? '' : `<@&${mention}> `}📰 **${name}** — ${count}${date === '' ? '' : ` · ${date}`}`;
}

function closingLine(more: number, hint: string | undefined, t: Translate): string {
  // Inside inline code nothing renders; only a backtick could get out.
  const command = hint === undefined ? '' : fitText(hint.replace(/`/g, "'"), HINT_MAX, { flavour: 'plain' });
  const see = command === '' ? '' : t('digest.seeThem', { command });
  return t('digest.more', { count: more }) + see;
}

/** `custom_id` prefix of a digest message's "Save…" select; the message's index in its digest follows. */
export const SAVE_SELECT_PREFIX = 'paper:save';

/**
 * The "Save…" select of a message carrying `papers`: one option per paper (label: its title, value: its
 * versionless arXiv id), any number of them chosen at once. Stateless: the values name the papers, so it keeps
 * working on old messages; the `custom_id` carries nothing but the message's place in its digest.
 */
export function saveSelectRow(
  papers: readonly Paper[],
  index: number,
  locale: Locale = DEFAULT_LOCALE,
): APIActionRowComponent<APIStringSelectComponent> {
  const t = translator(locale);
  const options = papers.slice(0, LIMITS.selectOptions).map((paper) => {
    const author = cleanUntrusted(paper.authors[0] ?? '');
    const by = author === '' ? '' : ` · ${paper.authors.length > 1 ? t('digest.firstAuthor', { author }) : author}`;
    return {
      label: fitText(paper.title, LIMITS.selectOptionText, { flavour: 'plain' }) || `arXiv:${paper.id}`,
      value: paper.id,
      description: fitText(`arXiv:${paper.id}${by}`, LIMITS.selectOptionText, { flavour: 'plain' }),
    };
  });
  return {
    type: 1,
    components: [
      {
        type: 3,
        custom_id: `${SAVE_SELECT_PREFIX}:${index}`,
        placeholder: t('digest.save', { count: options.length }),
        min_values: 1,
        max_values: options.length,
        options,
      },
    ],
  };
}

/**
 * A digest as Discord message bodies, with the papers each one carries: the header (topic,
 * count, date, role mention) in the first message's content, one embed per paper packed in
 * order into as few messages as Discord allows, and a closing line when papers were left out.
 */
export function planDigestMessages(input: DigestInput): PlannedDigestMessage[] {
  const role = input.mentionRoleId;
  if (role !== null && !/^\d{1,20}$/.test(role)) throw new TypeError(`not a role id: ${JSON.stringify(role)}`);
  const locale = input.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);

  const embeds = input.papers.map((item) =>
    paperEmbed(item.paper, {
      color: input.topic.color,
      abstractLength: input.abstractLength,
      locale,
      ...(item.topicNames !== undefined ? { topicNames: item.topicNames } : {}),
      ...(item.matched !== undefined ? { matched: item.matched } : {}),
      ...(item.image !== undefined ? { image: item.image } : {}),
      ...(item.presentation !== undefined ? { presentation: item.presentation } : {}),
    }),
  );
  const groups = packEmbeds(embeds);
  const planned: Array<{ content?: string; embeds: APIEmbed[]; paperIds: string[]; papers: Paper[] }> = [];
  let next = 0;
  for (const group of groups) {
    const papers = input.papers.slice(next, next + group.length).map((p) => p.paper);
    planned.push({ embeds: group, paperIds: papers.map((p) => p.id), papers });
    next += group.length;
  }
  const header = headerLine(input, role, t, locale);
  const more = Math.max(0, input.totalMatched - input.papers.length);
  const closing = more > 0 ? closingLine(more, input.moreHint, t) : null;
  const first = planned[0];
  if (first === undefined)
    planned.push({
      content: closing === null ? header : `${header}\n${closing}`,
      embeds: [],
      paperIds: [],
      papers: [],
    });
  else if (planned.length === 1 && closing !== null) first.content = `${header}\n${closing}`;
  else {
    first.content = header;
    // Content shows above a message's embeds, so a line meant to close the digest gets its own message.
    if (closing !== null) planned.push({ content: closing, embeds: [], paperIds: [], papers: [] });
  }

  return planned.map((message, index) => ({
    body: {
      ...(message.content !== undefined ? { content: message.content } : {}),
      embeds: message.embeds,
      ...(message.papers.length > 0 ? { components: [saveSelectRow(message.papers, index, locale)] } : {}),
      allowed_mentions: index === 0 && role !== null ? { parse: [], roles: [role] } : { parse: [] },
      nonce: digestNonce(input.nonceBase, index),
      enforce_nonce: true,
    },
    paperIds: message.paperIds,
  }));
}

/** The Discord message bodies of a digest, in sending order (see `planDigestMessages`). */
export function renderDigest(input: DigestInput): DigestMessageBody[] {
  return planDigestMessages(input).map((message) => message.body);
}
