import type { Paper } from '../papers/paper.js';
import type { Subscription, Topic } from '../store/types.js';
import { explainMatch, rankTopics, topicMatcher, type MatchExplanation } from '../topics/topic.js';
import { errorMessage } from '../errors.js';

/** A topic a planned paper matched, and why. */
export interface TopicMatch {
  topicName: string;
  explanation: MatchExplanation;
}

export interface PlannedPaper {
  paper: Paper;
  /** Every topic of the channel this paper matched, the digest's own first. */
  topicNames: string[];
  /** Why it matched each of them, in the order of `topicNames`. */
  matched: TopicMatch[];
}

/** What one subscription will post in one run. */
export interface SubscriptionPlan {
  subscription: Subscription;
  topic: Topic;
  /** Papers to post, in relevance order, already capped. */
  papers: PlannedPaper[];
  /** Matching papers left out by the cap: considered, not posted, never offered again. */
  overflow: Paper[];
  /** Why this subscription cannot be planned (its stored query no longer parses), or null. */
  error: string | null;
  /** Papers posted in the channel before, posted again as new versions (topics with `updates`). */
  reclaim: string[];
}

const isNewVersion = (paper: Paper): boolean =>
  paper.announceType === 'replace' || paper.announceType === 'replace-cross';

/**
 * Decide what each of one channel's subscriptions posts. Pure: the candidates are the papers
 * announced since the channel's last digests, `posted` the ledger's answer for them (with the
 * date of the digest that claimed each, so that a topic with `updates` can post a version
 * announced after it).
 * A paper matching several topics is posted once, with the first subscription (in the given
 * order) that matched it, tagged with every topic it matched.
 */
export function planChannel(
  subscriptions: readonly Subscription[],
  topics: ReadonlyMap<string, Topic>,
  candidates: readonly Paper[],
  posted: ReadonlySet<string> | ReadonlyMap<string, string>,
): SubscriptionPlan[] {
  const isLedger = (p: typeof posted): p is ReadonlyMap<string, string> => p instanceof Map;
  const claimedOn = (id: string): string | undefined => (isLedger(posted) ? posted.get(id) : undefined);
  const freshFor = (topic: Topic, paper: Paper): boolean => {
    if (!posted.has(paper.id)) return true;
    const claimed = claimedOn(paper.id);
    return (
      topic.updates &&
      isNewVersion(paper) &&
      claimed !== undefined &&
      paper.announced !== null &&
      paper.announced > claimed
    );
  };
  const live = candidates.filter((p) => !p.withdrawn && (!posted.has(p.id) || isNewVersion(p)));

  interface Scored {
    subscription: Subscription;
    topic: Topic;
    hits: Array<{ paper: Paper; score: number }>;
    error: string | null;
  }
  const planned = subscriptions.flatMap((subscription): Array<Omit<Scored, 'hits'>> => {
    const topic = topics.get(subscription.topicSlug);
    if (!topic) return [];
    try {
      // Checked here to tell which topics can be used (a stored query may no longer parse); the
      // compiled query is remembered, so `rankTopics` below does not compile it again.
      topicMatcher(topic);
      return [{ subscription, topic, error: null }];
    } catch (error) {
      return [{ subscription, topic, error: `the topic's query cannot be used: ${errorMessage(error)}` }];
    }
  });
  // Every usable topic at once: each paper is indexed once (and not again for the next channel
  // planned from the same Paper objects), and meets only the topics its categories admit.
  const usable = planned.filter((p) => p.error === null);
  const ranked = rankTopics(
    usable.map((p) => p.topic),
    live,
  );
  const scored = planned.map(({ subscription, topic, error }): Scored => {
    const list = error === null ? ranked[usable.findIndex((p) => p.subscription === subscription)]! : [];
    const hits = list
      .filter(({ paper }) => freshFor(topic, paper))
      .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
    return { subscription, topic, hits, error };
  });

  const matchedBy = new Map<string, Topic[]>();
  for (const { topic, hits } of scored) {
    for (const { paper } of hits) matchedBy.set(paper.id, [...(matchedBy.get(paper.id) ?? []), topic]);
  }
  // Only for the papers that are posted: the matcher walks each of their topics' queries once more.
  const entry = (paper: Paper, own: Topic): PlannedPaper => {
    const topics = [own, ...(matchedBy.get(paper.id) ?? []).filter((t) => t.name !== own.name)];
    return {
      paper,
      topicNames: topics.map((t) => t.name),
      matched: topics.map((t) => ({
        topicName: t.name,
        explanation: explainMatch(t, paper) ?? { terms: [], categories: [] },
      })),
    };
  };

  const taken = new Set<string>();
  return scored.map(({ subscription, topic, hits, error }) => {
    const own = hits.filter((h) => !taken.has(h.paper.id));
    const kept = own.slice(0, subscription.maxPapers);
    // Only what this topic posts is taken: a paper past its cap may still be another topic's.
    for (const h of kept) taken.add(h.paper.id);
    return {
      subscription,
      topic,
      papers: kept.map(({ paper }) => entry(paper, topic)),
      // A new version left out by the cap keeps its earlier claim.
      overflow: own
        .slice(subscription.maxPapers)
        .filter((h) => !posted.has(h.paper.id))
        .map((h) => h.paper),
      error,
      reclaim: kept.filter((h) => posted.has(h.paper.id)).map((h) => h.paper.id),
    };
  });
}
