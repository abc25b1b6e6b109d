/**
 * What the moderation commands (/topic, /subscription, /settings) render alike: Discord timestamps,
 * who changed something, and paged list embeds with Previous/Next buttons.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type APIEmbed, type APIEmbedField } from 'discord.js';
import { embedLength, LIMITS } from '../../src/discord/render/index.js';
import { DEFAULT_LOCALE, translator, type Locale } from '../../src/i18n/index.js';
import type { ChangeStamp } from '../../src/store/types.js';

/** Discord's relative timestamp for an ISO time. */
export function relativeTime(iso: string): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;
}

/** Discord's full date-time timestamp for an ISO time. */
export function fullTime(iso: string): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:F>`;
}

/** "<@user>, 3 hours ago": mentions inside replies never ping (allowedMentions is empty). */
export function changedBy(stamp: ChangeStamp | null, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale);
  if (stamp === null) return t('shared.neverChanged');
  return t('shared.changedBy', { user: `<@${stamp.by}>`, when: relativeTime(stamp.at) });
}

// ---------------------------------------------------------------------------------------------
// Paged lists

/** One page of a list: an embed and Previous/Next buttons whose ids carry the page number. */
export interface ListPage {
  embeds: APIEmbed[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

export interface PagedListOptions {
  title: string;
  /** Above the fields on every page. */
  description?: string;
  color?: number;
  /** Shown when there are no items. */
  empty: string;
  /** `custom_id` prefix of the page buttons: `<command>:<list>`; the page number is appended. */
  customIdPrefix: string;
  /** What the whole list holds, for the footer: "12 topics". */
  summary: string;
  /** The language of the footer and the buttons (English when not given). */
  locale?: Locale;
}

/** At most this many characters of fields per page, leaving room for title, description and footer. */
const PAGE_FIELD_BUDGET = 4500;
const FIELDS_PER_PAGE = 10;

/** Split fields into pages: at most 10 fields and a character budget per page, in order. */
export function paginate(fields: readonly APIEmbedField[]): APIEmbedField[][] {
  const pages: APIEmbedField[][] = [];
  let page: APIEmbedField[] = [];
  let size = 0;
  for (const field of fields) {
    const length = field.name.length + field.value.length;
    if (page.length > 0 && (page.length >= FIELDS_PER_PAGE || size + length > PAGE_FIELD_BUDGET)) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(field);
    size += length;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** Page `requested` (clamped) of a list of fields, within Discord's embed limits. */
export function listPage(fields: readonly APIEmbedField[], requested: number, options: PagedListOptions): ListPage {
  const t = translator(options.locale ?? DEFAULT_LOCALE);
  const pages = paginate(fields);
  const index = Math.min(Math.max(0, Math.trunc(requested) || 0), Math.max(0, pages.length - 1));
  const embed: APIEmbed = {
    title: options.title,
    description: fields.length === 0 ? options.empty : (options.description ?? ''),
    ...(options.color !== undefined ? { color: options.color } : {}),
  };
  if (embed.description === '') delete embed.description;
  const pageFields = pages[index] ?? [];
  if (pageFields.length > 0) embed.fields = pageFields;
  if (pages.length > 1)
    embed.footer = { text: t('shared.page', { page: index + 1, pages: pages.length, summary: options.summary }) };
  else if (fields.length > 0) embed.footer = { text: options.summary };
  if (embedLength(embed) > LIMITS.messageEmbedChars) throw new Error('list page exceeds the embed limit');

  const components: ActionRowBuilder<ButtonBuilder>[] = [];
  if (pages.length > 1) {
    components.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(`${options.customIdPrefix}:${index - 1}`)
          .setLabel(t('shared.previous'))
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(index === 0),
        new ButtonBuilder()
          .setCustomId(`${options.customIdPrefix}:${index + 1}`)
          .setLabel(t('shared.next'))
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(index >= pages.length - 1),
      ),
    );
  }
  return { embeds: [embed], components };
}

/** Cut a field value to Discord's limit at a line break where possible. */
export function fitField(value: string, max: number = LIMITS.fieldValue): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const line = cut.lastIndexOf('\n');
  return `${line > max / 2 ? cut.slice(0, line) : cut}…`;
}
