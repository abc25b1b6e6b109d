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
    const topics =
      state.topics.length > 0
        ? ` (this server’s topics: ${state.topics
            .slice(0, 10)
            .map((t) => codeSpan(t.slug))
            .join(', ')})`
        : '';
    throw new UserError(
      `This channel has no subscriptions, so there is no digest to post here. Subscribe it with \`/subscription add topic:<slug>\`${topics}, or run \`/digest run\` in a subscribed channel.`,
    );
  }
  if (slug !== undefined && !here.some((s) => s.topicSlug === slug)) {
    throw new UserError(
      `This channel is not subscribed to ${codeSpan(slug)}. Its topics: ${here.map((s) => codeSpan(s.topicSlug)).join(', ')}.`,
    );
  }
}

/** One subscription's outcome, with the number of messages a posted digest took. */
export type RunOutcome = ChannelOutcome & { messages: number };

export interface RunReport {
  date: string;
  outcomes: RunOutcome[];
  /** Said under the outcomes: arXiv could not be reached, the archive was used. */
  notes: string[];
}

/** Fetch the newest listing (or fall back to the archive) and run the channel's digests for it. */
export async function runChannelNow(
  deps: RunNowDeps,
  guildId: string,
  channelId: string,
  slug: string | undefined,
): Promise<RunReport> {
  let date: string | null;
  const notes: string[] = [];
  try {
    ({ date } = await deps.ingest.refresh());
  } catch (error) {
    deps.log.warn({ err: error, guildId, channelId }, 'digest run: listing fetch failed; using the archive');
    date = await deps.store.archive.latestAnnouncement();
    notes.push('arXiv could not be reached just now, so this run used the papers already in the archive.');
  }
  if (date === null) {
    throw new UserError(
      'There is no arXiv listing in the archive yet, so there is nothing to post. Try again after the next listing.',
    );
  }
  const outcomes = await deps.runner.runChannel(guildId, channelId, date, slug);
  if (outcomes.length === 0) throw new UserError('Paperboy is restarting; run `/digest run` again in a minute.');
  const counted = await Promise.all(
    outcomes.map(async (outcome) => {
      if (outcome.status !== 'posted') return { ...outcome, messages: 0 };
      const digest = await deps.store.delivery.getDigest(outcome.digestKey);
      return { ...outcome, messages: digest?.messages.length ?? 0 };
    }),
  );
  return { date, outcomes: counted, notes };
}
