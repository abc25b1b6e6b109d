import { findCatalogTopic } from '../../config/catalog.js';
import { createArxivSource } from '../arxiv/source.js';
import type { Env } from '../env.js';
import { createLogger } from '../log.js';
import { previewPlan, topicFromCatalog } from '../digest/preview.js';
import { renderPlan } from '../discord/render-plan.js';
import { validateMessage } from '../discord/render/index.js';
import { openStore } from '../store/index.js';
import type { Topic } from '../store/types.js';
import { isCategory } from '../topics/category.js';
import { parseQuery, QueryParseError } from '../topics/query.js';
import { defaults } from '../../config/defaults.js';
import { UsageError, type Printer } from './common.js';

export interface DryRunOptions {
  topic: string;
  categories: string[];
  date: string | undefined;
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
  if (bad.length > 0) throw new UsageError(`not an arXiv category: ${bad.join(', ')} (examples: cs.LG, math, astro-ph.EP)`);
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
    images: false,
    color: 0x5865f2,
    changed: { by: 'cli', at },
  };
}

/**
 * `digest --dry-run`: fetch the newest listing for the topic's categories (politely, revalidated),
 * archive it, and print the messages the digest would post. `--json` prints each body as POSTed.
 */
export async function dryRunDigest(env: Env, options: DryRunOptions, out: Printer): Promise<number> {
  const topic = resolveTopic(options.topic, options.categories);
  const log = createLogger(env.LOG_LEVEL);
  const store = await openStore(env.DATABASE_URL);
  try {
    let date = options.date ?? null;
    if (!options.date && topic.categories.length > 0) {
      const source = createArxivSource({
        apiUrl: env.ARXIV_API_URL,
        rssUrl: env.ARXIV_RSS_URL,
        intervalMs: env.ARXIV_REQUEST_INTERVAL_MS,
        store: store.state,
        autoCommit: false,
        log,
      });
      try {
        const listing = await source.ingestListing({ categories: topic.categories, includeReplacements: topic.updates });
        await store.archive.upsert(listing.papers);
        await listing.commit();
        date = listing.date;
      } finally {
        source.close();
      }
    }
    date ??= await store.archive.latestAnnouncement();
    if (date === null) {
      console.error('The archive has no announced papers yet: give --category to fetch a listing, or import one first.');
      return 1;
    }
    const candidates = await store.archive.announcedOn(date);
    const plan = previewPlan(topic, candidates, { maxPapers: defaults.maxPapers });
    const settings = { guildId: 'cli', schedule: defaults.schedule, timezone: defaults.timezone, abstractLength: defaults.abstractLength, maxPapers: defaults.maxPapers, changed: null };
    const messages = renderPlan(plan, { date, settings, nonceBase: `cli:${topic.slug}:${date}` });
    for (const { body } of messages) {
      const problems = validateMessage(body);
      if (problems.length > 0) throw new Error(`a rendered message breaks Discord's limits: ${problems.join('; ')}`);
    }
    if (out.json) {
      for (const { body } of messages) out.record({ content: body.content, embeds: body.embeds, allowed_mentions: body.allowed_mentions });
    } else if (plan.papers.length === 0) {
      out.line(`No papers announced on ${date} match ${topic.slug === 'query' ? 'the query' : `topic ${topic.slug}`} (${candidates.length} announced).`);
    } else {
      out.line(`${topic.name} — ${date}: ${plan.papers.length} of ${plan.papers.length + plan.overflow.length} matching papers, ${messages.length} message(s)\n`);
      plan.papers.forEach(({ paper }, i) => {
        out.line(`${i + 1}. ${paper.title}\n   ${paper.absUrl}${paper.venue ? ` · ${paper.venue}` : ''}${paper.codeUrl ? ` · code: ${paper.codeUrl}` : ''}`);
      });
    }
    return 0;
  } finally {
    await store.close();
  }
}
