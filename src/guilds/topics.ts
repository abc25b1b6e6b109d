/**
 * A guild's topics: the rules of `/topic add`, `/topic edit` and `/topic remove` (each one atomic
 * change with an audit entry), looking a topic up, the topic autocomplete and the preview of
 * recent matching papers. Option values arrive as typed and are validated here with zod, every
 * problem reported at once, each in words a moderator can act on.
 */
import { z } from 'zod';
import { catalog, catalogEntryText, findCatalogTopic } from '../../config/catalog.js';
import { topicFromCatalog } from '../digest/preview.js';
import { sanitizeMarkdown, sanitizePlain } from '../discord/render/sanitize.js';
import { cleanUntrusted } from '../discord/render/text.js';
import { ComposedUserError, UserError } from '../errors.js';
import { choiceName, codeBlock, codeSpan, MAX_CHOICES, plural, type Choice } from '../format.js';
import { DEFAULT_LOCALE, t, type Locale } from '../i18n/index.js';
import type { Paper } from '../papers/paper.js';
import { addDays } from '../schedule/calendar.js';
import type { ChangeStamp, GuildState, Store, Topic } from '../store/types.js';
import { normaliseCategory } from '../topics/category.js';
import { parseQuery, QueryParseError } from '../topics/query.js';
import { rankPapers, SLUG_PATTERN } from '../topics/topic.js';
import { changeGuild, stampOf, type Actor } from './audit.js';
import type { GuildDeps } from './deps.js';

/** Topic slugs: 2–32 of a–z, 0–9 and `-`, not starting with `-` (same rule as the catalog). */
/** Most categories one topic may name (the catalog's limit too). */
export const MAX_CATEGORIES = 20;
export const MAX_NAME_LENGTH = 100;
/** Calendar days of the archive a preview covers: about a week of listings, weekends included. */
export const PREVIEW_DAYS = 9;
export const PREVIEW_PAPERS = 5;

/** The topic options as typed; null when not given. */
export interface TopicOptions {
  slug: string | null;
  name: string | null;
  categories: string | null;
  query: string | null;
  cross_lists: boolean | null;
  updates: boolean | null;
  color: string | null;
  images: boolean | null;
}

/** The topic fields the options set, validated; a field is absent when its option was not given. */
export interface TopicPatch {
  slug?: string;
  name?: string;
  categories?: string[];
  query?: string;
  crossLists?: boolean;
  updates?: boolean;
  images?: boolean;
  color?: number;
}

/** Option names of the fields a patch can change, for "nothing to change" and edit summaries. */
export const FIELD_OPTIONS = ['name', 'categories', 'query', 'cross_lists', 'updates', 'color', 'images'] as const;
const REQUIRED_FOR_CUSTOM = ['slug', 'name', 'categories', 'query'] as const;

/** A slug as typed, made canonical: trimmed, lower case. */
export function normaliseSlug(raw: string): string {
  return raw.trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Colours

const HEX_COLOUR = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;
/** Colours for new topics that name none, picked by slug so a topic keeps its colour. */
const PALETTE = [0x3366cc, 0x7b61ff, 0x0f9d58, 0xdb4437, 0xf4b400, 0x00acc1, 0xab47bc, 0xff7043, 0x5c6bc0, 0x8d6e63];

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

function defaultColor(slug: string): number {
  let hash = 0;
  for (const ch of slug) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? 0x3366cc;
}

// ---------------------------------------------------------------------------------------------
// Looking topics up

/** "**Name** (`slug`)": the topic name escaped, since anyone with Manage Server typed it. */
export function topicLabel(topic: Pick<Topic, 'name' | 'slug'>): string {
  return `**${sanitizeMarkdown(topic.name)}** (\`${topic.slug}\`)`;
}

/** The refusal for a slug this guild does not have (a slug of another guild is just as unknown), naming its topics. */
export function unknownTopic(state: Pick<GuildState, 'topics'>, slug: string): UserError {
  const known = state.topics.map((topic) => topic.slug).slice(0, 10);
  const shown = codeSpan(slug, 40);
  if (known.length === 0) return UserError.of('topic.unknownNoTopics', { slug: shown });
  return UserError.of('topic.unknownWithTopics', { slug: shown, topics: known.map((s) => codeSpan(s)).join(', ') });
}

/** The guild's topic with this slug. @throws UserError naming the slug and the guild's topics when there is none. */
export function findTopic(state: Pick<GuildState, 'topics'>, slug: string): Topic {
  const topic = state.topics.find((t) => t.slug === slug);
  if (!topic) throw unknownTopic(state, slug);
  return topic;
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Report a refusal as a zod issue, keeping it for every locale. */
function refuseIssue(ctx: z.RefinementCtx, error: UserError): void {
  ctx.addIssue({ code: 'custom', message: error.message, params: { error } });
}

/** The refusal an issue carries (see refuseIssue); zod's own message for any other issue. */
function issueError(issue: z.core.$ZodIssue): UserError {
  const error: unknown = issue.code === 'custom' ? issue.params?.['error'] : undefined;
  return error instanceof UserError ? error : new UserError(issue.message);
}

const slugSchema = z.string().transform((raw, ctx) => {
  const slug = normaliseSlug(raw);
  if (!SLUG_PATTERN.test(slug)) {
    refuseIssue(ctx, UserError.of('topic.invalidSlug', { slug: codeSpan(raw, 40) }));
    return z.NEVER;
  }
  return slug;
});

const nameSchema = z.string().transform((raw, ctx) => {
  const name = cleanUntrusted(raw);
  if (name === '') {
    refuseIssue(ctx, UserError.of('topic.emptyName'));
    return z.NEVER;
  }
  if (name.length > MAX_NAME_LENGTH) {
    refuseIssue(ctx, UserError.of('topic.longName', { length: name.length, max: MAX_NAME_LENGTH }));
    return z.NEVER;
  }
  return name;
});

const categoriesSchema = z.string().transform((raw, ctx) => {
  const tokens = raw.split(/[\s,;]+/).filter((t) => t !== '');
  const categories: string[] = [];
  let ok = true;
  for (const token of tokens) {
    const category = normaliseCategory(token);
    if (category === null) {
      ok = false;
      refuseIssue(ctx, UserError.of('topic.badCategory', { category: codeSpan(token, 40) }));
    } else if (!categories.includes(category)) {
      categories.push(category);
    }
  }
  if (ok && categories.length === 0) {
    ok = false;
    refuseIssue(ctx, UserError.of('topic.noCategory'));
  }
  if (categories.length > MAX_CATEGORIES) {
    ok = false;
    refuseIssue(ctx, UserError.of('topic.tooManyCategories', { given: categories.length, max: MAX_CATEGORIES }));
  }
  return ok ? categories : z.NEVER;
});

const querySchema = z.string().transform((raw, ctx) => {
  const query = raw.trim();
  try {
    parseQuery(query);
  } catch (error) {
    if (!(error instanceof QueryParseError)) throw error;
    const { position, excerpt } = error;
    refuseIssue(
      ctx,
      new ComposedUserError((locale) =>
        t(locale, 'topic.badQuery', {
          reason: sanitizePlain(error.reasonIn(locale)),
          column: position + 1,
          excerpt: codeBlock(excerpt),
        }),
      ),
    );
    return z.NEVER;
  }
  return query;
});

const colorSchema = z.string().transform((raw, ctx) => {
  const color = parseColor(raw);
  if (color === null) {
    refuseIssue(ctx, UserError.of('topic.badColor', { color: codeSpan(raw, 20) }));
    return z.NEVER;
  }
  return color;
});

const topicOptionsSchema = z.object({
  slug: slugSchema.nullable(),
  name: nameSchema.nullable(),
  categories: categoriesSchema.nullable(),
  query: querySchema.nullable(),
  cross_lists: z.boolean().nullable(),
  updates: z.boolean().nullable(),
  color: colorSchema.nullable(),
  images: z.boolean().nullable(),
});

/** Validate the given options: the patch they make, or every problem, one message each. */
export function validateTopicOptions(
  input: TopicOptions,
): { ok: true; patch: TopicPatch } | { ok: false; problems: UserError[] } {
  const parsed = topicOptionsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(issueError) };
  const v = parsed.data;
  const patch: TopicPatch = {};
  if (v.slug !== null) patch.slug = v.slug;
  if (v.name !== null) patch.name = v.name;
  if (v.categories !== null) patch.categories = v.categories;
  if (v.query !== null) patch.query = v.query;
  if (v.cross_lists !== null) patch.crossLists = v.cross_lists;
  if (v.updates !== null) patch.updates = v.updates;
  if (v.images !== null) patch.images = v.images;
  if (v.color !== null) patch.color = v.color;
  return { ok: true, patch };
}

/** Which options of a patch actually change `topic`, by option name. */
export function changedOptions(topic: Topic, patch: TopicPatch): string[] {
  const changed: string[] = [];
  if (patch.name !== undefined && patch.name !== topic.name) changed.push('name');
  if (patch.categories !== undefined && patch.categories.join(',') !== topic.categories.join(','))
    changed.push('categories');
  if (patch.query !== undefined && patch.query !== topic.query) changed.push('query');
  if (patch.crossLists !== undefined && patch.crossLists !== topic.crossLists) changed.push('cross_lists');
  if (patch.updates !== undefined && patch.updates !== topic.updates) changed.push('updates');
  if (patch.color !== undefined && patch.color !== topic.color) changed.push('color');
  if (patch.images !== undefined && patch.images !== topic.images) changed.push('images');
  return changed;
}

/** `topic` with the patch's fields applied (the slug is not a patchable field here). */
export function applyPatch(topic: Topic, patch: TopicPatch): Topic {
  return {
    ...topic,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.categories !== undefined ? { categories: patch.categories } : {}),
    ...(patch.query !== undefined ? { query: patch.query } : {}),
    ...(patch.crossLists !== undefined ? { crossLists: patch.crossLists } : {}),
    ...(patch.updates !== undefined ? { updates: patch.updates } : {}),
    ...(patch.images !== undefined ? { images: patch.images } : {}),
    ...(patch.color !== undefined ? { color: patch.color } : {}),
  };
}

function refuse(problems: readonly UserError[]): never {
  throw ComposedUserError.lines(problems);
}

function customTopic(guildId: string, patch: TopicPatch, changed: ChangeStamp): Topic {
  const { slug, name, categories, query } = patch;
  if (slug === undefined || name === undefined || categories === undefined || query === undefined) {
    throw new Error('customTopic needs slug, name, categories and query');
  }
  return {
    guildId,
    slug,
    name,
    categories,
    query,
    crossLists: patch.crossLists ?? true,
    updates: patch.updates ?? false,
    images: patch.images ?? true,
    color: patch.color ?? defaultColor(slug),
    changed,
  };
}

// ---------------------------------------------------------------------------------------------
// Changes

/**
 * Add a topic: a custom one from the options, or a catalog one (`catalogSlug`), adjusted by
 * whatever options come with it (`slug:` renames it). @throws UserError listing every problem.
 */
export async function addTopic(
  deps: Pick<GuildDeps, 'store' | 'defaults'>,
  actor: Actor,
  options: TopicOptions,
  catalogSlug: string | null,
): Promise<Topic> {
  const validated = validateTopicOptions(options);
  let topic: Topic;
  if (catalogSlug !== null) {
    const entry = findCatalogTopic(normaliseSlug(catalogSlug));
    if (!entry) {
      throw UserError.of('topic.notInCatalog', { slug: codeSpan(catalogSlug, 40) });
    }
    if (!validated.ok) refuse(validated.problems);
    topic = applyPatch(topicFromCatalog(entry, actor.guildId, actor.userId, actor.at), validated.patch);
    topic.slug = validated.patch.slug ?? entry.slug;
  } else {
    const missing = REQUIRED_FOR_CUSTOM.filter((name) => options[name] === null);
    const problems = [
      ...(missing.length > 0 ? [UserError.of('topic.missing', { options: missing.join(', ') })] : []),
      ...(validated.ok ? [] : validated.problems),
    ];
    if (problems.length > 0 || !validated.ok) refuse(problems);
    topic = customTopic(actor.guildId, validated.patch, stampOf(actor));
  }

  await changeGuild(deps.store.state, actor, 'topic.add', (state) => {
    if (state.topics.some((t) => t.slug === topic.slug)) {
      throw UserError.of(catalogSlug !== null ? 'topic.existsCatalog' : 'topic.exists', { slug: topic.slug });
    }
    const limit = deps.defaults.limits.topicsPerGuild;
    if (state.topics.length >= limit) {
      throw UserError.of('topic.limit', { limit });
    }
    state.topics.push(topic);
    return {
      detail: `${topic.slug}${catalogSlug !== null ? ` (catalog ${normaliseSlug(catalogSlug)})` : ''}: ${topic.name}`,
      result: undefined,
    };
  });
  return topic;
}

/** Change a topic's fields. @returns the topic as saved and the options that changed it. */
export async function editTopic(
  deps: Pick<GuildDeps, 'store'>,
  actor: Actor,
  options: TopicOptions,
): Promise<{ topic: Topic; changed: string[] }> {
  const validated = validateTopicOptions(options);
  if (!validated.ok) refuse(validated.problems);
  const slug = normaliseSlug(options.slug ?? '');
  const { patch } = validated;
  if (FIELD_OPTIONS.every((name) => options[name] === null)) {
    throw UserError.of('topic.nothingToChange', { options: FIELD_OPTIONS.join(', ') });
  }
  return changeGuild(deps.store.state, actor, 'topic.edit', (state) => {
    const index = state.topics.findIndex((t) => t.slug === slug);
    const current = state.topics[index];
    if (!current) throw unknownTopic(state, slug);
    const changed = changedOptions(current, patch);
    if (changed.length === 0) throw UserError.of('topic.unchanged', { label: topicLabel(current) });
    const next = { ...applyPatch(current, patch), changed: stampOf(actor) };
    state.topics[index] = next;
    return { detail: `${slug}: ${changed.join(', ')}`, result: { topic: next, changed } };
  });
}

/** Delete a topic and end its subscriptions. @returns the topic, how many subscriptions ended and where. */
export async function removeTopic(
  deps: Pick<GuildDeps, 'store' | 'scheduler'>,
  actor: Actor,
  rawSlug: string,
): Promise<{ topic: Topic; ended: number; channels: string[] }> {
  const slug = normaliseSlug(rawSlug);
  const outcome = await changeGuild(deps.store.state, actor, 'topic.remove', (state) => {
    const topic = findTopic(state, slug);
    const ending = state.subscriptions.filter((s) => s.topicSlug === slug);
    state.topics = state.topics.filter((t) => t.slug !== slug);
    state.subscriptions = state.subscriptions.filter((s) => s.topicSlug !== slug);
    const channels = [...new Set(ending.map((s) => s.channelId))];
    return {
      detail: `${slug}: ${topic.name}; ended ${plural(ending.length, 'subscription')}`,
      result: { topic, ended: ending.length, channels },
    };
  });
  if (outcome.ended > 0) await deps.scheduler.sync(actor.guildId);
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Autocomplete

/** How well `typed` matches some labels: 0 prefix of the first, 1 prefix of any word, 2 contained, null none. */
function matchRank(typed: string, labels: readonly string[]): number | null {
  if (typed === '') return 1;
  const lower = labels.map((l) => l.toLowerCase());
  if (lower[0]?.startsWith(typed)) return 0;
  if (lower.some((l) => l.startsWith(typed) || l.split(/[\s/·-]+/).some((w) => w.startsWith(typed)))) return 1;
  return lower.some((l) => l.includes(typed)) ? 2 : null;
}

/**
 * The guild's topics matching what was typed, by slug then name: `slug · name` → slug. With
 * `channelId`, only the topics that channel is subscribed to.
 */
export function topicChoices(
  state: Pick<GuildState, 'topics' | 'subscriptions'>,
  typed: string,
  options: { channelId?: string } = {},
): Choice[] {
  const query = typed.trim().toLowerCase();
  let topics = state.topics;
  if (options.channelId !== undefined) {
    const here = new Set(state.subscriptions.filter((s) => s.channelId === options.channelId).map((s) => s.topicSlug));
    topics = topics.filter((t) => here.has(t.slug));
  }
  return topics
    .map((topic) => ({ topic, rank: matchRank(query, [topic.slug, topic.name]) }))
    .filter((t): t is { topic: Topic; rank: number } => t.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.topic.slug.localeCompare(b.topic.slug))
    .slice(0, MAX_CHOICES)
    .map(({ topic }) => ({ name: choiceName(`${topic.slug} · ${topic.name}`), value: topic.slug }));
}

/** Catalog topics matching what was typed: `slug · name — description` → slug. */
export function catalogChoices(typed: string, locale: Locale = DEFAULT_LOCALE): Choice[] {
  const query = typed.trim().toLowerCase();
  return catalog
    .map((entry) => {
      const text = catalogEntryText(entry, locale);
      // Typed in English or in the member's language: either finds the topic.
      const rank = matchRank(query, [entry.slug, text.name, entry.name, text.description, entry.description]);
      return { entry, text, rank };
    })
    .filter((e) => e.rank !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .slice(0, MAX_CHOICES)
    .map(({ entry, text }) => ({
      name: choiceName(`${entry.slug} · ${text.name} — ${text.description}`),
      value: entry.slug,
    }));
}

/** A new slug: the typed text in slug form, unless it is not a valid slug or the guild already uses it. */
export function newSlugChoices(state: Pick<GuildState, 'topics'>, typed: string): Choice[] {
  const slug = typed
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  const taken = state.topics.some((t) => t.slug === slug);
  return SLUG_PATTERN.test(slug) && !taken ? [{ name: slug, value: slug }] : [];
}

// ---------------------------------------------------------------------------------------------
// Preview

export interface Preview {
  from: string;
  to: string;
  papers: Paper[];
  total: number;
}

/** The topic's best matches among the archive's last ~week of announcements; null when the archive is empty. */
export async function previewTopic(
  archive: Pick<Store['archive'], 'latestAnnouncement' | 'announcedBetween'>,
  topic: Topic,
): Promise<Preview | null> {
  const latest = await archive.latestAnnouncement();
  if (latest === null) return null;
  const from = addDays(latest, -(PREVIEW_DAYS - 1));
  const candidates = await archive.announcedBetween(from, latest, topic.categories);
  const ranked = rankPapers(
    topic,
    candidates.filter((p) => !p.withdrawn),
  );
  return { from, to: latest, papers: ranked.slice(0, PREVIEW_PAPERS).map((r) => r.paper), total: ranked.length };
}

/** A topic, its guild's state (for its subscriptions) and its preview: what `/topic show` displays. */
export async function showTopic(
  deps: Pick<GuildDeps, 'store'>,
  guildId: string,
  rawSlug: string,
): Promise<{ topic: Topic; state: GuildState; preview: Preview | null }> {
  const state = await deps.store.state.getGuild(guildId);
  const topic = findTopic(state, normaliseSlug(rawSlug));
  return { topic, state, preview: await previewTopic(deps.store.archive, topic) };
}
