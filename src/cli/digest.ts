import { writeFile } from 'node:fs/promises';
import { findCatalogTopic } from '../../config/catalog.js';
import type { ArxivSource } from '../arxiv/source.js';
import { storeSettings, type Env } from '../env.js';
import { lookUpFigures, storedFigures } from '../digest/figures.js';
import { previewPlan, topicFromCatalog } from '../digest/preview.js';
import { serverLocale } from '../discord/locale.js';
import { renderPlan } from '../discord/render-plan.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/index.js';
import { digestPreviewHtml, validateMessage } from '../discord/render/index.js';
import { openStore } from '../store/index.js';
import type { Topic } from '../store/types.js';
import { isCategory } from '../topics/category.js';
import { parseQuery, QueryParseError } from '../topics/query.js';
import { defaults } from '../../config/defaults.js';
import { cliArxivSource, type CliArxivOptions } from './arxiv.js';
import { UsageError, type Printer } from './common.js';
import { cliLogger, note } from './output.js';

export interface DryRunOptions {
  topic: string;
  categories: string[];
  date: string | undefined;
  /** Also write the digest as a web page that looks like the Discord message to this file. */
  html?: string | undefined;
  /** The digest's language (a supported locale, checked by the caller); default the guild's, else en-US. */
  locale?: Locale | undefined;
  /** The server whose language the digest speaks when no locale is given. */
  guild?: string | undefined;
}

/** Resolve `--topic`: a catalog slug, or a query over `--category` (any category when none given). */
export function resolveTopic(text: string, categories: string[]): Topic {
  const at = new Date(0).toISOString();
  const entry = findCatalogTopic(text);
  if (entry) {
    const topic = topicFromCatalog(entry, 'cli', 'cli', at);
    return categories.length > 0 ? { ...topic, categories } : topic;
  }
  const bad = categories.filter((c) => !isCategory(c));
  if (bad.length > 0)
    throw new UsageError(`not an arXiv category: ${bad.join(', ')} (examples: cs.LG, math, astro-ph.EP)`);
  try {
    parseQuery(text);
  } catch (error) {
    if (error instanceof QueryParseError) {
      throw new UsageError(`--topic is neither a catalog slug nor a valid query:\n${error.message}`);
    }
    throw error;
  }
  return {
    guildId: 'cli',
    slug: 'query',
    name: text.slice(0, 100),
    categories,
    query: text,
    crossLists: true,
    updates: false,
    images: true,
    color: 0x5865f2,
    changed: { by: 'cli', at },
  };
}

/**
 * `digest --dry-run`: fetch the newest listing for the topic's categories (politely, revalidated),
 * archive it, look up the figures of the papers it would post when the topic has images on, and
 * print the messages the digest would post. `--json` prints each body as POSTed; `--html` also
 * writes them as a page that looks like the Discord message. With `--date` nothing is fetched:
 * the archive and the figures stored in it are used as they are.
 */
export async function dryRunDigest(
  env: Env,
  options: DryRunOptions,
  out: Printer,
  arxiv: CliArxivOptions = {},
): Promise<number> {
  const topic = resolveTopic(options.topic, options.categories);
  const log = cliLogger(env);
  const store = await openStore(env.DATABASE_URL, storeSettings(env));
  let source: ArxivSource | null = null;
  try {
    let date = options.date ?? null;
    if (!options.date && topic.categories.length > 0) {
      source = cliArxivSource(env, { log, store: store.state }, arxiv);
      const listing = await source.ingestListing({ categories: topic.categories, includeReplacements: topic.updates });
      await store.archive.upsert(listing.papers);
      await listing.commit();
      date = listing.date;
    }
    date ??= await store.archive.latestAnnouncement();
    if (date === null) {
      console.error(
        'The archive has no announced papers yet: give --category to fetch a listing, or import one first.',
      );
      return 1;
    }
    const locale =
      options.locale ??
      (options.guild === undefined ? DEFAULT_LOCALE : serverLocale(await store.state.getGuild(options.guild)));
    const candidates = await store.archive.announcedOn(date);
    const plan = previewPlan(topic, candidates, { maxPapers: defaults.maxPapers });
    const settings = {
      guildId: 'cli',
      schedule: defaults.schedule,
      timezone: defaults.timezone,
      abstractLength: defaults.abstractLength,
      maxPapers: defaults.maxPapers,
      changed: null,
    };
    let figures: Map<string, string> | undefined;
    if (topic.images) {
      const papers = plan.papers.map((p) => p.paper);
      if (source !== null) {
        const limits = { maxLookups: defaults.figures.lookupsPerIngest, budgetMs: defaults.figures.budgetMs };
        const report = await lookUpFigures({ store, source, log, now: () => new Date() }, papers, limits);
        if (report.stopped !== null) log.warn({ ...report }, 'some figures were not looked up');
      }
      figures = await storedFigures(store.archive, papers);
    }
    const messages = renderPlan(plan, {
      date,
      settings,
      nonceBase: `cli:${topic.slug}:${date}`,
      locale,
      ...(figures ? { figures } : {}),
    });
    for (const { body } of messages) {
      const problems = validateMessage(body);
      if (problems.length > 0) throw new Error(`a rendered message breaks Discord's limits: ${problems.join('; ')}`);
    }
    if (options.html !== undefined) {
      const page = digestPreviewHtml(
        messages.map((m) => m.body),
        { title: `${topic.name} — ${date}`, channel: topic.slug === 'query' ? 'papers' : topic.slug, locale },
      );
      await writeFile(options.html, page);
      note(`Wrote a preview of ${messages.length} message(s) to ${options.html}`);
    }
    if (out.json) {
      for (const { body } of messages)
        out.record({ content: body.content, embeds: body.embeds, allowed_mentions: body.allowed_mentions });
    } else if (plan.papers.length === 0) {
      out.line(
        `No papers announced on ${date} match ${topic.slug === 'query' ? 'the query' : `topic ${topic.slug}`} (${candidates.length} announced).`,
      );
    } else {
      out.line(
        `${topic.name} — ${date}: ${plan.papers.length} of ${plan.papers.length + plan.overflow.length} matching papers, ${messages.length} message(s)\n`,
      );
      plan.papers.forEach(({ paper }, i) => {
        out.line(
          `${i + 1}. ${paper.title}\n   ${paper.absUrl}${paper.venue ? ` · ${paper.venue}` : ''}${paper.codeUrl ? ` · code: ${paper.codeUrl}` : ''}`,
        );
      });
    }
    return 0;
  } finally {
    source?.close();
    await store.close();
  }
}
