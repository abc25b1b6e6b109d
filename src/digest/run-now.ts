/**
 * `/digest run [topic]`: fetch the newest listing and run one channel's subscriptions now,
 * through the runner the schedule uses (same ledger, same exactly-once rules).
 */
import { UserError } from '../errors.js';
import { codeSpan } from '../format.js';
import type { Logger } from '../log.js';
import type { GuildState, Store } from '../store/types.js';
import type { IngestService } from './ingest.js';
import type { ChannelOutcome, DigestRunner } from './runner.js';

export interface RunNowDeps {
  store: Pick<Store, 'archive' | 'delivery'>;
  ingest: Pick<IngestService, 'refresh'>;
  runner: Pick<DigestRunner, 'runChannel'>;
  log: Pick<Logger, 'warn'>;
}

/**
 * Whether the channel has something to run (reads nothing, so a refusal answers at once).
 * @throws UserError when the channel has no subscriptions, or none to `slug`.
 */
export function checkChannelRun(state: GuildState, channelId: string, slug: string | undefined): void {
  const here = state.subscriptions.filter((s) => s.channelId === channelId);
  if (here.length === 0) {
    const list = state.topics
      .slice(0, 10)
      .map((t) => codeSpan(t.slug))
      .join(', ');
    throw list === ''
      ? UserError.of('digestCommand.noSubscriptions')
      : UserError.of('digestCommand.noSubscriptionsTopics', { list });
  }
  if (slug !== undefined && !here.some((s) => s.topicSlug === slug)) {
    throw UserError.of('digestCommand.notSubscribed', {
      slug: codeSpan(slug),
      list: here.map((s) => codeSpan(s.topicSlug)).join(', '),
    });
  }
}

/** A note under a run's outcomes: a message without variables. */
export type RunNote = 'digestCommand.archiveFallback';

/** One subscription's outcome, with the number of messages a posted digest took. */
export type RunOutcome = ChannelOutcome & { messages: number };

export interface RunReport {
  date: string;
  outcomes: RunOutcome[];
  /**
   * Said under the outcomes (arXiv could not be reached, the archive was used), as catalog keys: the report may come
   * from a worker, and is worded where it is shown.
   */
  notes: RunNote[];
}

/** Fetch the newest listing (or fall back to the archive) and run the channel's digests for it. */
export async function runChannelNow(
  deps: RunNowDeps,
  guildId: string,
  channelId: string,
  slug: string | undefined,
): Promise<RunReport> {
  let date: string | null;
  const notes: RunNote[] = [];
  try {
    ({ date } = await deps.ingest.refresh());
  } catch (error) {
    deps.log.warn({ err: error, guildId, channelId }, 'digest run: listing fetch failed; using the archive');
    date = await deps.store.archive.latestAnnouncement();
    notes.push('digestCommand.archiveFallback');
  }
  if (date === null) {
    throw UserError.of('digestCommand.noListing');
  }
  const outcomes = await deps.runner.runChannel(guildId, channelId, date, slug);
  if (outcomes.length === 0) throw UserError.of('digestCommand.restarting');
  const counted = await Promise.all(
    outcomes.map(async (outcome) => {
      if (outcome.status !== 'posted') return { ...outcome, messages: 0 };
      const digest = await deps.store.delivery.getDigest(outcome.digestKey);
      return { ...outcome, messages: digest?.messages.length ?? 0 };
    }),
  );
  return { date, outcomes: counted, notes };
}
