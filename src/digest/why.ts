/**
 * "Why was this paper posted, or not?" — answered for each subscription of a guild from what is
 * stored: the archive (was the paper in an ingested listing), the topic (did it match, on which
 * terms), the ledger and the digests (posted where, left out by the cap, refused), and the
 * subscription (paused, not run yet). Read-only; arXiv is asked only about a paper the archive lacks.
 */
import type { AnnounceType, Paper } from '../papers/paper.js';
import type { DigestRecord, GuildState, Store, Subscription, Topic } from '../store/types.js';
import { categoryCovers } from '../topics/category.js';
import { formatQuery, parseQuery, type QueryAst } from '../topics/query.js';
import { topicMatcher } from '../topics/topic.js';
import { REFUSED } from './deliver.js';
import { errorMessage } from '../errors.js';
import { DEFAULT_LOCALE, translator, type Translate } from '../i18n/index.js';

/** What the listing said about the paper, as the archive holds it (its latest version). */
export interface ListingFacts {
  /** Announcement date (YYYY-MM-DD), or null when the paper never came in a listing (an API lookup or import). */
  announced: string | null;
  announceType: AnnounceType | null;
  version: number;
}

/** Whether the subscription's topic wants the paper, and on which terms. */
export type MatchReport =
  | { matched: true; score: number; terms: string[] }
  | { matched: false; reason: 'categories'; topicCategories: string[]; paperCategories: string[]; crossLists: boolean }
  | { matched: false; reason: 'update' }
  | { matched: false; reason: 'query'; found: string[]; missing: string[]; excluded: string[] }
  | { matched: false; reason: 'bad-query'; error: string };

/** What became of the paper in one subscription. */
export type DeliveryReport =
  | { status: 'posted'; date: string; topicSlug: string; messageUrl: string | null }
  | { status: 'capped'; date: string; topicSlug: string; rank: number; cap: number }
  | { status: 'old-version'; postedOn: string; messageUrl: string | null; version: number; announced: string }
  | { status: 'refused'; date: string; topicSlug: string; error: string | null }
  | { status: 'pending'; date: string; topicSlug: string; attempts: number; error: string | null }
  | { status: 'paused'; reason: string; since: string }
  | { status: 'waiting'; lastDigestDate: string | null }
  | { status: 'missed'; lastDigestDate: string; subscribedOn: string }
  | { status: 'not-matched' }
  | { status: 'withdrawn' }
  | { status: 'not-listed' }
  | { status: 'no-topic' };

export interface SubscriptionExplanation {
  channelId: string;
  topicSlug: string;
  topicName: string;
  /** Null when the topic is gone. */
  match: MatchReport | null;
  delivery: DeliveryReport;
}

export interface WhyReport {
  /** Versionless id. */
  id: string;
  /** The paper as the archive has it, or as arXiv answered when the archive lacks it; null when arXiv has no such paper. */
  paper: Paper | null;
  /** `archive`: known from an ingested listing or import; `arxiv`: looked up now; `unknown`: arXiv does not know it either. */
  source: 'archive' | 'arxiv' | 'unknown';
  listing: ListingFacts | null;
  subscriptions: SubscriptionExplanation[];
}

export interface WhyDeps {
  store: Pick<Store, 'state' | 'archive' | 'delivery'>;
  /** Looks a paper up on arXiv; called only when the archive does not have it. */
  lookUp?: (id: string) => Promise<Paper | null>;
}

const isNewVersion = (paper: Paper): boolean =>
  paper.announceType === 'replace' || paper.announceType === 'replace-cross';

/** Explain, for each subscription of the guild, what became of paper `id` (versionless). */
export async function explainPaper(deps: WhyDeps, guildId: string, id: string): Promise<WhyReport> {
  const { store } = deps;
  let paper = await store.archive.get(id);
  let source: WhyReport['source'] = 'archive';
  if (paper === null) {
    paper = deps.lookUp ? await deps.lookUp(id) : null;
    source = paper === null ? 'unknown' : 'arxiv';
  }
  const guild = await store.state.getGuild(guildId);
  const listing =
    source === 'archive' && paper !== null
      ? { announced: paper.announced, announceType: paper.announceType, version: paper.version }
      : null;
  const claims = new Map<string, string | undefined>();
  for (const channelId of new Set(guild.subscriptions.map((s) => s.channelId))) {
    claims.set(
      channelId,
      source === 'archive' ? (await store.delivery.claimDates(channelId, [id])).get(id) : undefined,
    );
  }
  const subscriptions: SubscriptionExplanation[] = [];
  // A paper arXiv does not know either has nothing to explain per subscription.
  for (const sub of paper === null ? [] : guild.subscriptions) {
    const topic = guild.topics.find((t) => t.slug === sub.topicSlug);
    const match = topic && paper ? matchReport(topic, paper) : null;
    const delivery =
      source !== 'archive' || paper === null
        ? ({ status: 'not-listed' } as const)
        : await deliveryReport(deps, guild, sub, topic, paper, match, claims.get(sub.channelId));
    subscriptions.push({
      channelId: sub.channelId,
      topicSlug: sub.topicSlug,
      topicName: topic?.name ?? sub.topicSlug,
      match,
      delivery,
    });
  }
  return { id, paper, source, listing, subscriptions };
}

/** Whether `topic` wants `paper`: categories, announce type, then the query term by term. */
export function matchReport(topic: Topic, paper: Paper): MatchReport {
  let score: number | null;
  try {
    score = topicMatcher(topic)(paper);
  } catch (error) {
    return { matched: false, reason: 'bad-query', error: errorMessage(error) };
  }
  const terms = topic.query.trim() === '' ? null : termsOf(parseQuery(topic.query));
  const hits = (list: ReadonlyArray<{ text: string }>): string[] =>
    list.filter((t) => termHits(t.text, paper)).map((t) => t.text);
  if (score !== null) return { matched: true, score, terms: terms ? hits(terms.positive) : [] };
  if (!topic.updates && isNewVersion(paper)) return { matched: false, reason: 'update' };
  const candidates = topic.crossLists ? paper.categories : [paper.primaryCategory];
  const admitted =
    topic.categories.length === 0 || topic.categories.some((t) => candidates.some((c) => categoryCovers(t, c)));
  if (!admitted) {
    return {
      matched: false,
      reason: 'categories',
      topicCategories: topic.categories,
      paperCategories: paper.categories,
      crossLists: topic.crossLists,
    };
  }
  const found = terms ? hits(terms.positive) : [];
  return {
    matched: false,
    reason: 'query',
    found,
    missing: (terms?.positive ?? []).map((t) => t.text).filter((t) => !found.includes(t)),
    excluded: terms ? hits(terms.negative) : [],
  };
}

/** The query's terms in canonical spelling, split by whether they sit under an odd number of NOTs. */
function termsOf(ast: QueryAst): { positive: Array<{ text: string }>; negative: Array<{ text: string }> } {
  const positive: Array<{ text: string }> = [];
  const negative: Array<{ text: string }> = [];
  const walk = (node: QueryAst, negated: boolean): void => {
    switch (node.kind) {
      case 'not':
        walk(node.child, !negated);
        return;
      case 'and':
      case 'or':
        for (const child of node.children) walk(child, negated);
        return;
      default: {
        const list = negated ? negative : positive;
        const text = formatQuery(node);
        if (!list.some((t) => t.text === text)) list.push({ text });
      }
    }
  };
  walk(ast, false);
  return { positive, negative };
}

/** Whether one term, as a query of its own over any category and announce type, matches the paper. */
function termHits(term: string, paper: Paper): boolean {
  return topicMatcher({ categories: [], query: term, crossLists: true, updates: true })(paper) !== null;
}

async function deliveryReport(
  deps: WhyDeps,
  guild: GuildState,
  sub: Subscription,
  topic: Topic | undefined,
  paper: Paper,
  match: MatchReport | null,
  claimedOn: string | undefined,
): Promise<DeliveryReport> {
  if (claimedOn !== undefined) {
    const digest = await claimingDigest(deps, guild.guildId, sub.channelId, paper.id, claimedOn);
    const report = digest ? fromDigest(digest, paper.id) : null;
    if (report?.status === 'posted' && topic && !topic.updates && isNewVersion(paper) && paper.announced !== null) {
      if (paper.announced > claimedOn)
        return {
          status: 'old-version',
          postedOn: claimedOn,
          messageUrl: report.messageUrl,
          version: paper.version,
          announced: paper.announced,
        };
    }
    return report ?? { status: 'posted', date: claimedOn, topicSlug: sub.topicSlug, messageUrl: null };
  }
  if (!topic) return { status: 'no-topic' };
  if (paper.announced === null) return { status: 'not-listed' };
  if (!match?.matched) return { status: 'not-matched' };
  if (paper.withdrawn) return { status: 'withdrawn' };
  if (sub.paused) return { status: 'paused', reason: sub.paused.reason, since: sub.paused.at };
  if (sub.lastDigestDate === null || paper.announced >= sub.lastDigestDate)
    return { status: 'waiting', lastDigestDate: sub.lastDigestDate };
  return { status: 'missed', lastDigestDate: sub.lastDigestDate, subscribedOn: sub.changed.at.slice(0, 10) };
}

/** The digest of this channel that claimed the paper on `date`, whichever topic it was. */
async function claimingDigest(
  deps: WhyDeps,
  guildId: string,
  channelId: string,
  id: string,
  date: string,
): Promise<DigestRecord | null> {
  const digests = await deps.store.delivery.digestsOn(guildId, date);
  const mine = digests.filter(
    (d) => d.channelId === channelId && (d.paperIds.includes(id) || d.skippedIds.includes(id)),
  );
  // A later run of the same day may claim a paper again as a new version: the latest digest is the one that counts.
  return mine.at(-1) ?? null;
}

function fromDigest(digest: DigestRecord, id: string): DeliveryReport {
  const { date, topicSlug } = digest;
  const skipped = digest.skippedIds.indexOf(id);
  if (skipped >= 0)
    return {
      status: 'capped',
      date,
      topicSlug,
      rank: digest.paperIds.length + skipped + 1,
      cap: digest.paperIds.length,
    };
  const message = digest.messages.find((m) => m.paperIds.includes(id));
  if (message?.messageId === REFUSED) return { status: 'refused', date, topicSlug, error: digest.error };
  if (!message || message.messageId === null)
    return { status: 'pending', date, topicSlug, attempts: digest.attempts, error: digest.error };
  return { status: 'posted', date, topicSlug, messageUrl: messageUrl(digest, message.index, message.messageId) };
}

/** A link to a posted message: the first one sits in the channel (a forum post is its thread), later ones in the thread. */
export function messageUrl(digest: DigestRecord, index: number, messageId: string): string {
  const forumPost = index === 0 && digest.threadId === messageId;
  const where = forumPost || (index > 0 && digest.threadId !== null) ? digest.threadId : digest.channelId;
  return `https://discord.com/channels/${digest.guildId}/${where}/${messageId}`;
}

const english = translator(DEFAULT_LOCALE);

/** One plain-text sentence (no markdown) on whether the topic matched, in `t`'s language (English by default). */
export function describeMatch(match: MatchReport | null, t: Translate = english): string {
  if (match === null) return t('digestCommand.matchTopicGone');
  if (match.matched) {
    return match.terms.length > 0
      ? t('digestCommand.matchedOn', { terms: match.terms.join(t('digestCommand.listSeparator')) })
      : t('digestCommand.matchedAll');
  }
  switch (match.reason) {
    case 'bad-query':
      return t('digestCommand.matchBadQuery', { error: match.error });
    case 'update':
      return t('digestCommand.matchUpdate');
    case 'categories':
      return t('digestCommand.matchCategories', {
        paper: match.paperCategories.join(t('digestCommand.listSeparator')),
        topic: match.topicCategories.join(t('digestCommand.listSeparator')),
        primary: match.crossLists ? '' : t('digestCommand.matchPrimaryOnly'),
      });
    case 'query': {
      const list = (terms: string[]) => terms.join(t('digestCommand.listSeparator'));
      const parts = [
        match.missing.length > 0 ? t('digestCommand.matchNotFound', { terms: list(match.missing) }) : null,
        match.found.length > 0 ? t('digestCommand.matchFound', { terms: list(match.found) }) : null,
        match.excluded.length > 0 ? t('digestCommand.matchExcluded', { terms: list(match.excluded) }) : null,
      ].filter((p) => p !== null);
      return t('digestCommand.matchQuery', {
        parts: parts.join(t('digestCommand.matchPartSeparator')) || t('digestCommand.matchNoTerm'),
      });
    }
  }
}

/** One plain-text sentence (no markdown) on what became of the paper; links are bare URLs. */
export function describeDelivery(delivery: DeliveryReport, t: Translate = english): string {
  const error = (text: string | null) => (text ? t('digestCommand.deliveryError', { error: text }) : '');
  switch (delivery.status) {
    case 'posted':
      return t('digestCommand.deliveryPosted', {
        date: delivery.date,
        topic: delivery.topicSlug,
        link: delivery.messageUrl
          ? t('digestCommand.deliveryPostedLink', { url: delivery.messageUrl })
          : t('digestCommand.deliveryPostedEnd'),
      });
    case 'capped':
      return t('digestCommand.deliveryCapped', {
        date: delivery.date,
        topic: delivery.topicSlug,
        rank: delivery.rank,
        cap: delivery.cap,
      });
    case 'old-version':
      return t('digestCommand.deliveryOldVersion', {
        postedOn: delivery.postedOn,
        link: delivery.messageUrl ? t('digestCommand.deliveryOldVersionLink', { url: delivery.messageUrl }) : '',
        version: delivery.version,
        announced: delivery.announced,
      });
    case 'refused':
      return t('digestCommand.deliveryRefused', {
        date: delivery.date,
        topic: delivery.topicSlug,
        error: error(delivery.error),
      });
    case 'pending':
      return t('digestCommand.deliveryPending', {
        date: delivery.date,
        topic: delivery.topicSlug,
        attempts:
          delivery.attempts > 0
            ? t('digestCommand.deliveryAttempts', { count: delivery.attempts, error: error(delivery.error) })
            : '',
      });
    case 'paused':
      return t('digestCommand.deliveryPaused', { since: delivery.since.slice(0, 10), reason: delivery.reason });
    case 'waiting':
      return delivery.lastDigestDate
        ? t('digestCommand.deliveryWaiting', { date: delivery.lastDigestDate })
        : t('digestCommand.deliveryWaitingFirst');
    case 'missed':
      return t('digestCommand.deliveryMissed', {
        subscribedOn: delivery.subscribedOn,
        lastDigest: delivery.lastDigestDate,
      });
    case 'not-matched':
      return t('digestCommand.deliveryNotMatched');
    case 'withdrawn':
      return t('digestCommand.deliveryWithdrawn');
    case 'not-listed':
      return t('digestCommand.deliveryNotListed');
    case 'no-topic':
      return t('digestCommand.deliveryNoTopic');
  }
}

/** One plain-text sentence on the listing. */
export function describeListing(report: WhyReport, t: Translate = english): string {
  if (report.source === 'unknown') return t('digestCommand.listingUnknown', { id: report.id });
  if (report.source === 'arxiv' || report.listing === null) return t('digestCommand.listingNotArchived');
  const { announced, announceType, version } = report.listing;
  if (announced === null) return t('digestCommand.listingImported', { version });
  return t('digestCommand.listingIn', {
    date: announced,
    type: announceType ?? t('digestCommand.listingAnEntry'),
    version,
  });
}
