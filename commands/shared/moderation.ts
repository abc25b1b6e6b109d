/**
 * Helpers shared by the moderation commands (/topic, /subscription, /settings): guild-scoped
 * atomic changes with an audit trail, ephemeral replies, autocomplete sources, colours, time zones
 * and paged list embeds.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type APIEmbed,
  type APIEmbedField,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
} from 'discord.js';
import { catalog } from '../../config/catalog.js';
import type { App } from '../../src/app.js';
import { embedLength, LIMITS } from '../../src/discord/render/index.js';
import type { AuditEntry, ChangeStamp, GuildState } from '../../src/store/types.js';
import { UserError } from '../types.js';

/** Topic slugs: 2–32 of a–z, 0–9 and `-`, not starting with `-` (same rule as the catalog). */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/;
/** Audit entries kept per guild; older ones are dropped. */
export const AUDIT_LIMIT = 200;
/** Discord's cap on autocomplete choices (docs/discord.md §3). */
export const MAX_CHOICES = 25;
const CHOICE_NAME_MAX = 100;

type GuildInteraction = ChatInputCommandInteraction | AutocompleteInteraction | MessageComponentInteraction;

/** The interaction's guild; the router only lets guild interactions through, this keeps the types honest. */
export function guildIdOf(interaction: GuildInteraction): string {
  const { guildId } = interaction;
  if (guildId === null) throw new UserError('Paperboy works inside servers only.');
  return guildId;
}

/** Who is acting, where and when: what every change records. */
export interface Actor {
  guildId: string;
  userId: string;
  at: string;
}

export function actorOf(interaction: ChatInputCommandInteraction, app: App): Actor {
  return { guildId: guildIdOf(interaction), userId: interaction.user.id, at: app.now().toISOString() };
}

export function stampOf(actor: Actor): ChangeStamp {
  return { by: actor.userId, at: actor.at };
}

/** What a change reports back: the audit line and whatever the caller wants to reply with. */
export interface ChangeOutcome<T> {
  detail: string;
  result: T;
}

/**
 * Apply one change to the actor's guild and append its audit entry, in one atomic `updateGuild`:
 * a UserError thrown by `change` (unknown topic, duplicate slug, limit) writes nothing.
 */
export async function changeGuild<T>(
  app: App,
  actor: Actor,
  action: string,
  change: (state: GuildState) => ChangeOutcome<T>,
): Promise<T> {
  return app.store.state.updateGuild(actor.guildId, (state) => {
    const { detail, result } = change(state);
    const entry: AuditEntry = {
      guildId: actor.guildId,
      userId: actor.userId,
      action,
      detail: detail.slice(0, 500),
      at: actor.at,
    };
    state.audit = [...state.audit, entry].slice(-AUDIT_LIMIT);
    return result;
  });
}

export interface ReplyBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRowBuilder<ButtonBuilder>[];
}

/** Answer a command ephemerally (editing the deferred reply if there is one); nothing ever pings. */
export async function replyPrivately(interaction: ChatInputCommandInteraction, body: ReplyBody): Promise<void> {
  const payload = {
    ...(body.content !== undefined ? { content: body.content } : {}),
    ...(body.embeds ? { embeds: body.embeds } : {}),
    ...(body.components ? { components: body.components } : {}),
    allowedMentions: { parse: [] },
  };
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Discord's relative timestamp for an ISO time. */
export function relativeTime(iso: string): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;
}

/** Discord's full date-time timestamp for an ISO time. */
export function fullTime(iso: string): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:F>`;
}

/** "<@user>, 3 hours ago": mentions inside replies never ping (allowedMentions is empty). */
export function changedBy(stamp: ChangeStamp | null): string {
  if (stamp === null) return 'never changed (defaults)';
  return `<@${stamp.by}>, ${relativeTime(stamp.at)}`;
}

/**
 * User text shown inside inline code: backticks would end the span, so they become a look-alike,
 * and the result is cut to `max` characters.
 */
export function codeSpan(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/`/g, 'ˋ');
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return `\`${cut === '' ? ' ' : cut}\``;
}

/** User text shown in a code block (keeps line breaks, cannot close the block). */
export function codeBlock(text: string): string {
  return `\`\`\`\n${text.replace(/`/g, 'ˋ')}\n\`\`\``;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// Colours

const HEX_COLOUR = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#RGB` or `#RRGGBB` (the `#` may be left out) as 24-bit RGB, or null. */
export function parseColor(text: string): number | null {
  const match = HEX_COLOUR.exec(text.trim());
  const hex = match?.[1];
  if (hex === undefined) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return Number.parseInt(full, 16);
}

export function formatColor(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Time zones

const ZONE_NAMES: readonly string[] = (() => {
  const names = new Set(Intl.supportedValuesOf('timeZone'));
  // Some ICU builds list UTC only as an alias; it is the one name everybody types.
  names.add('UTC');
  return [...names].sort();
})();

/** Offered first when nothing is typed yet: where Paperboy's users mostly are. */
const COMMON_ZONES: readonly string[] = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Zurich',
  'Europe/Stockholm',
  'Europe/Moscow',
  'Asia/Jerusalem',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Africa/Johannesburg',
];

/**
 * The canonical IANA name for a time zone the runtime knows (`europe/berlin` → `Europe/Berlin`),
 * or null. Fixed offsets (`+01:00`) are refused: they ignore daylight saving time.
 */
export function canonicalTimeZone(input: string): string | null {
  const text = input.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) return null;
  const exact = ZONE_NAMES.find((zone) => zone.toLowerCase() === text.toLowerCase());
  if (exact !== undefined) return exact;
  try {
    // Aliases the list leaves out (`US/Eastern`, `Etc/GMT+5`) are still valid IANA names.
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** `UTC+01:00` for a zone at a moment. */
export function utcOffset(zone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return part === undefined || part === 'GMT' ? 'UTC' : part.replace('GMT', 'UTC');
}

/** Time zones matching what was typed (common ones first when nothing is), with their current offset. */
export function timezoneChoices(typed: string, now: Date): ApplicationCommandOptionChoiceData<string>[] {
  const query = typed.trim().toLowerCase().replace(/\s+/g, '_');
  let zones: string[];
  if (query === '') {
    zones = [...COMMON_ZONES];
  } else {
    const city = (zone: string) => zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();
    const rank = (zone: string): number => {
      const lower = zone.toLowerCase();
      if (lower === query) return 0;
      if (city(zone).startsWith(query)) return 1;
      if (lower.startsWith(query)) return 2;
      return lower.includes(query) ? 3 : 4;
    };
    zones = ZONE_NAMES.map((zone) => ({ zone, rank: rank(zone) }))
      .filter((z) => z.rank < 4)
      .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone))
      .map((z) => z.zone);
  }
  return zones.slice(0, MAX_CHOICES).map((zone) => ({ name: `${zone} (${utcOffset(zone, now)})`, value: zone }));
}

// ---------------------------------------------------------------------------------------------
// Autocomplete

function choiceName(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > CHOICE_NAME_MAX ? `${flat.slice(0, CHOICE_NAME_MAX - 1)}…` : flat || '…';
}

/** How well `typed` matches some labels: 0 prefix of the first, 1 prefix of any, 2 contained, null none. */
function matchRank(typed: string, labels: readonly string[]): number | null {
  if (typed === '') return 1;
  const lower = labels.map((l) => l.toLowerCase());
  if (lower[0]?.startsWith(typed)) return 0;
  if (lower.some((l) => l.startsWith(typed) || l.split(/[\s/·-]+/).some((w) => w.startsWith(typed)))) return 1;
  return lower.some((l) => l.includes(typed)) ? 2 : null;
}

/** The guild's topics matching what was typed, by slug then name: `name (slug)` → slug. */
export async function topicChoices(
  app: App,
  guildId: string,
  typed: string,
): Promise<ApplicationCommandOptionChoiceData<string>[]> {
  const { topics } = await app.store.state.getGuild(guildId);
  const query = typed.trim().toLowerCase();
  return topics
    .map((topic) => ({ topic, rank: matchRank(query, [topic.slug, topic.name]) }))
    .filter((t): t is { topic: (typeof topics)[number]; rank: number } => t.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.topic.slug.localeCompare(b.topic.slug))
    .slice(0, MAX_CHOICES)
    .map(({ topic }) => ({ name: choiceName(`${topic.slug} · ${topic.name}`), value: topic.slug }));
}

/** Catalog topics matching what was typed: `slug · name — description` → slug. */
export function catalogChoices(typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const query = typed.trim().toLowerCase();
  return catalog
    .map((entry) => ({ entry, rank: matchRank(query, [entry.slug, entry.name, entry.description]) }))
    .filter((e): e is { entry: (typeof catalog)[number]; rank: number } => e.rank !== null)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_CHOICES)
    .map(({ entry }) => ({
      name: choiceName(`${entry.slug} · ${entry.name} — ${entry.description}`),
      value: entry.slug,
    }));
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
  if (pages.length > 1) embed.footer = { text: `Page ${index + 1} of ${pages.length} · ${options.summary}` };
  else if (fields.length > 0) embed.footer = { text: options.summary };
  if (embedLength(embed) > LIMITS.messageEmbedChars) throw new Error('list page exceeds the embed limit');

  const components: ActionRowBuilder<ButtonBuilder>[] = [];
  if (pages.length > 1) {
    components.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(`${options.customIdPrefix}:${index - 1}`)
          .setLabel('◀ Previous')
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(index === 0),
        new ButtonBuilder()
          .setCustomId(`${options.customIdPrefix}:${index + 1}`)
          .setLabel('Next ▶')
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
