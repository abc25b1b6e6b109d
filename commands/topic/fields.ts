/**
 * The options `/topic add` and `/topic edit` share, read from the interaction and validated with zod:
 * every problem is reported at once, each in words a moderator can act on.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { z } from 'zod';
import { cleanUntrusted, sanitizePlain } from '../../src/discord/render/index.js';
import type { Topic } from '../../src/store/types.js';
import { normaliseCategory } from '../../src/topics/category.js';
import { parseQuery, QueryParseError } from '../../src/topics/query.js';
import { codeBlock, codeSpan, parseColor, SLUG_PATTERN } from '../shared/moderation.js';

/** Most categories one topic may name (the catalog's limit too). */
export const MAX_CATEGORIES = 20;
export const MAX_NAME_LENGTH = 100;

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

export function readTopicOptions(interaction: ChatInputCommandInteraction): TopicOptions {
  const { options } = interaction;
  return {
    slug: options.getString('slug'),
    name: options.getString('name'),
    categories: options.getString('categories'),
    query: options.getString('query'),
    cross_lists: options.getBoolean('cross_lists'),
    updates: options.getBoolean('updates'),
    color: options.getString('color'),
    images: options.getBoolean('images'),
  };
}

/** A slug as typed, made canonical: trimmed, lower case. */
export function normaliseSlug(raw: string): string {
  return raw.trim().toLowerCase();
}

const slugSchema = z.string().transform((raw, ctx) => {
  const slug = normaliseSlug(raw);
  if (!SLUG_PATTERN.test(slug)) {
    ctx.addIssue({
      code: 'custom',
      message: `${codeSpan(raw, 40)} is not a valid slug: use 2–32 of a–z, 0–9 and -, starting with a letter or digit (e.g. \`contrastive\`, \`graph-ml\`).`,
    });
    return z.NEVER;
  }
  return slug;
});

const nameSchema = z.string().transform((raw, ctx) => {
  const name = cleanUntrusted(raw);
  if (name === '') {
    ctx.addIssue({ code: 'custom', message: 'The name is empty: write at least one letter.' });
    return z.NEVER;
  }
  if (name.length > MAX_NAME_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: `The name is ${name.length} characters long; at most ${MAX_NAME_LENGTH}.`,
    });
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
      ctx.addIssue({
        code: 'custom',
        message: `${codeSpan(token, 40)} is not an arXiv category (examples: cs.LG, math, astro-ph.EP).`,
      });
    } else if (!categories.includes(category)) {
      categories.push(category);
    }
  }
  if (ok && categories.length === 0) {
    ok = false;
    ctx.addIssue({ code: 'custom', message: 'Name at least one arXiv category, e.g. `cs.LG` or `cs.LG, cs.CV`.' });
  }
  if (categories.length > MAX_CATEGORIES) {
    ok = false;
    ctx.addIssue({
      code: 'custom',
      message: `That is ${categories.length} categories; a topic takes at most ${MAX_CATEGORIES}.`,
    });
  }
  return ok ? categories : z.NEVER;
});

const querySchema = z.string().transform((raw, ctx) => {
  const query = raw.trim();
  try {
    parseQuery(query);
  } catch (error) {
    if (!(error instanceof QueryParseError)) throw error;
    ctx.addIssue({
      code: 'custom',
      message:
        `The query does not parse: ${sanitizePlain(error.reason)} (column ${error.position + 1}).\n${codeBlock(error.excerpt)}\n` +
        'Queries take words, `"exact phrases"`, `OR`, `-word`, `(groups)`, `ti:` `abs:` `au:` `cat:` and `prefix*`.',
    });
    return z.NEVER;
  }
  return query;
});

const colorSchema = z.string().transform((raw, ctx) => {
  const color = parseColor(raw);
  if (color === null) {
    ctx.addIssue({
      code: 'custom',
      message: `${codeSpan(raw, 20)} is not a colour: use #RGB or #RRGGBB, e.g. \`#36c\` or \`#3366cc\`.`,
    });
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
): { ok: true; patch: TopicPatch } | { ok: false; problems: string[] } {
  const parsed = topicOptionsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
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
