import type { CatalogTopic } from '../../config/catalog.js';
import type { Paper } from '../papers/paper.js';
import type { Subscription, Topic } from '../store/types.js';
import { planChannel, type SubscriptionPlan } from './plan.js';

/** A guild topic made from a catalog entry. */
export function topicFromCatalog(entry: CatalogTopic, guildId: string, by: string, at: string): Topic {
  return {
    guildId,
    slug: entry.slug,
    name: entry.name,
    categories: [...entry.categories],
    query: entry.query,
    crossLists: entry.crossLists,
    updates: entry.updates,
    images: entry.images,
    color: entry.color,
    changed: { by, at },
  };
}

/**
 * The digest a topic would post from `candidates` in a channel that has posted nothing:
 * what `digest --dry-run`, `/digest today` (before the run) and `/topic show` display.
 */
export function previewPlan(
  topic: Topic,
  candidates: readonly Paper[],
  options: { maxPapers: number; mentionRoleId?: string | null; posted?: ReadonlySet<string> },
): SubscriptionPlan {
  const subscription: Subscription = {
    guildId: topic.guildId,
    channelId: 'preview',
    topicSlug: topic.slug,
    mentionRoleId: options.mentionRoleId ?? null,
    maxPapers: options.maxPapers,
    thread: false,
    paused: null,
    lastDigestDate: null,
    changed: topic.changed,
  };
  const [plan] = planChannel([subscription], new Map([[topic.slug, topic]]), candidates, options.posted ?? new Set());
  return plan ?? { subscription, topic, papers: [], overflow: [], error: null, reclaim: [] };
}
