import { defaults as configDefaults, type Defaults } from '../config/defaults.js';
import { DigestRunner, type DigestRenderer } from './digest/runner.js';
import type { FigureSource } from './digest/figures.js';
import { IngestService, type ListingSource } from './digest/ingest.js';
import { runChannelNow, type RunReport } from './digest/run-now.js';
import type { Poster } from './digest/poster.js';
import type { VenueUpdateRenderer } from './digest/venue-updates.js';
import type { Logger } from './log.js';
import type { AuthorSearchSource } from './members/author-searches.js';
import type { Metrics } from './ops/metrics.js';
import type { PaperRecord } from './papers/paper.js';
import { ArxivCalendar } from './schedule/calendar.js';
import { Scheduler } from './schedule/scheduler.js';
import type { GuildSettings, Store } from './store/types.js';

/** What the bot asks of arXiv besides the daily listing: papers by id, on demand; figures, if it can. */
export interface PaperSource extends ListingSource, Partial<FigureSource>, Partial<AuthorSearchSource> {
  fetchPapers(ids: string[]): Promise<PaperRecord[]>;
  /** Close the connection to arXiv. */
  close?(): void;
}

export interface AppDeps {
  store: Store;
  arxiv: PaperSource;
  poster: Poster;
  render: DigestRenderer;
  renderUpdate: VenueUpdateRenderer;
  log: Logger;
  now?: () => Date;
  defaults?: Defaults;
  /** How this process schedules (see {@link SchedulerDeps.mode}); the all-in-one default is `tasks`. */
  schedulerMode?: 'tasks' | 'tick' | 'marks';
  /** Replace how `/digest run` runs a channel (a gateway process queues it for the leader). */
  runNow?: RunNow;
  /** Where digests, messages and ingests are counted (src/ops/metrics.ts). */
  metrics?: Metrics;
}

/**
 * Run a channel's digests now and report (`/digest run`). `queued` is called when the run waits for another
 * process, so the moderator can be told.
 */
export type RunNow = (
  guildId: string,
  channelId: string,
  slug: string | undefined,
  hooks?: { queued?(): Promise<void> },
) => Promise<RunReport>;

/** Everything a command handler or a scheduled run needs, wired once (see src/main.ts). */
export interface App {
  store: Store;
  arxiv: PaperSource;
  log: Logger;
  now: () => Date;
  defaults: Defaults;
  calendar: ArxivCalendar;
  ingest: IngestService;
  runner: DigestRunner;
  scheduler: Scheduler;
  runNow: RunNow;
  settingsFor(guildId: string, stored: GuildSettings | null): GuildSettings;
  /** Ingest the newest listing and run a guild's digests for it. */
  runGuild(guildId: string): Promise<void>;
}

/** A guild's settings before a moderator changed any: the configured defaults. */
export function defaultSettings(
  guildId: string,
  defaults: Pick<Defaults, 'schedule' | 'timezone' | 'abstractLength' | 'maxPapers'>,
): GuildSettings {
  return {
    guildId,
    schedule: defaults.schedule,
    timezone: defaults.timezone,
    abstractLength: defaults.abstractLength,
    maxPapers: defaults.maxPapers,
    changed: null,
  };
}

export function createApp(deps: AppDeps): App {
  const now = deps.now ?? (() => new Date());
  const defaults = deps.defaults ?? configDefaults;
  const settingsFor = (guildId: string, stored: GuildSettings | null): GuildSettings =>
    stored ?? defaultSettings(guildId, defaults);
  const ingest = new IngestService({
    store: deps.store,
    source: deps.arxiv,
    log: deps.log,
    now,
    figures: { maxLookups: defaults.figures.lookupsPerIngest, budgetMs: defaults.figures.budgetMs },
    authorSearches: defaults.authorSearches,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    // Guild runs of a batch read what the archive held before: after a listing, they read it again.
    onStored: () => runner.forgetReads(),
  });
  const runner = new DigestRunner({
    store: deps.store,
    poster: deps.poster,
    render: deps.render,
    renderUpdate: deps.renderUpdate,
    settingsFor,
    now,
    log: deps.log,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const calendar = new ArxivCalendar(defaults.arxivHolidays);

  const runGuild = async (guildId: string): Promise<void> => {
    let date: string | null;
    try {
      ({ date } = await ingest.refresh());
    } catch (error) {
      // arXiv unreachable: still post what the archive already holds (another ingest may have brought it).
      deps.log.warn({ err: error, guildId }, 'ingest failed; running from the archive');
      date = await deps.store.archive.latestAnnouncement();
    }
    if (date === null) {
      deps.log.info({ guildId }, 'no listing in the archive yet; nothing to post');
      return;
    }
    await runner.runGuild(guildId, date);
    // Then the members who follow something from this server, one DM each.
    await runner.runFollowers(guildId, date);
  };

  const scheduler = new Scheduler({
    store: deps.store,
    settingsFor,
    runGuild,
    now,
    log: deps.log,
    batch: (work) => runner.batch(work),
    ...(deps.schedulerMode ? { mode: deps.schedulerMode } : {}),
  });
  const runNow: RunNow =
    deps.runNow ??
    ((guildId, channelId, slug) =>
      runChannelNow({ store: deps.store, ingest, runner, log: deps.log }, guildId, channelId, slug));
  return {
    store: deps.store,
    arxiv: deps.arxiv,
    log: deps.log,
    now,
    defaults,
    calendar,
    ingest,
    runner,
    scheduler,
    runNow,
    settingsFor,
    runGuild,
  };
}
