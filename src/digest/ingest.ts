import { defaults } from '../../config/defaults.js';
import type { Logger } from '../log.js';
import { dmBlocked } from '../members/digests.js';
import {
  authorOnly,
  searchFollowedAuthors,
  type AuthorSearchLimits,
  type AuthorSearchSource,
  type FollowedAuthors,
} from '../members/author-searches.js';
import type { Metrics } from '../ops/metrics.js';
import type { PaperRecord } from '../papers/paper.js';
import { ArxivCalendar } from '../schedule/calendar.js';
import type { GuildState, Store } from '../store/types.js';
import { venueUpdatesOn } from './venue-updates.js';
import { figureCandidates, lookUpFigures, type FigureLimits, type FigureReport, type FigureSource } from './figures.js';

/** What the arXiv side must offer the ingest: one listing fetch for many categories. */
export interface ListingSource {
  ingestListing(options: {
    categories: string[];
    includeReplacements: boolean;
    /** Of the replacements, keep only these ids (asked before the API enrichment). */
    keepReplacements?: (ids: readonly string[]) => Promise<ReadonlySet<string>>;
  }): Promise<{
    date: string | null;
    papers: PaperRecord[];
    notModified: boolean;
    /** Remember the feed's validators; called once the papers are stored, so a crash refetches. */
    commit(): Promise<void>;
  }>;
}

export interface IngestResult {
  /** The newest listing date in the archive after the ingest. */
  date: string | null;
  added: number;
  notModified: boolean;
  /** Figure lookups for that date's papers; null when the source has no figures or no topic wants them. */
  figures: FigureReport | null;
}

const REUSE_MS = 5 * 60_000;
const DEFAULT_FIGURE_LIMITS: FigureLimits = {
  maxLookups: defaults.figures.lookupsPerIngest,
  budgetMs: defaults.figures.budgetMs,
};
const calendar = new ArxivCalendar(defaults.arxivHolidays);

/** What an ingest wants from arXiv, across every guild. */
export interface Wanted {
  categories: string[];
  includeReplacements: boolean;
  venueUpdates: boolean;
  /** The authors followed alone by members whose DMs are on: searched through the API, whatever their category. */
  authors: FollowedAuthors;
}

/**
 * Brings the newest listing into the archive: one feed request for the union of every guild's
 * categories, revalidated (conditional GET) at each scheduled run, shared by concurrent callers.
 */
export class IngestService {
  private running: Promise<IngestResult> | null = null;
  private last: { at: number; result: IngestResult } | null = null;

  constructor(
    private readonly deps: {
      store: Store;
      /**
       * With `findFigure`, the ingest also looks up the figures the digests will show; with `searchNewest`, the new
       * papers of the authors members follow alone.
       */
      source: ListingSource & Partial<FigureSource> & Partial<AuthorSearchSource>;
      log: Logger;
      now: () => Date;
      figures?: FigureLimits;
      authorSearches?: AuthorSearchLimits;
      metrics?: Pick<Metrics, 'ingestSucceeded' | 'ingestFailed' | 'authorSearched'>;
      /** Papers were added to the archive or changed in it. */
      onStored?: () => void;
    },
  ) {}

  /**
   * Categories in use across every guild (topics and members' follows), whether any topic wants updated versions,
   * whether anyone wants venue updates (a subscribed guild with them on, a follower with saved papers), and the
   * authors followed alone.
   */
  async wanted(): Promise<Wanted> {
    const { state } = this.deps.store;
    const categories = new Set<string>();
    let includeReplacements = false;
    let venueUpdates = false;
    const authors = new Set<string>();
    let since: string | null = null;
    for (const guildId of await state.listGuildIds()) {
      const guild = await state.getGuild(guildId);
      const inUse = new Set(guild.subscriptions.map((s) => s.topicSlug));
      for (const topic of guild.topics) {
        if (!inUse.has(topic.slug)) continue;
        for (const c of topic.categories) categories.add(c);
        includeReplacements ||= topic.updates;
      }
      venueUpdates ||= inUse.size > 0 && venueUpdatesOn(guild.settings);
      // Members' follows made here: their categories; a follow without any reads what the server's topics read.
      for (const userId of guild.followers ?? []) {
        const member = await state.getMember(userId);
        venueUpdates ||= member.saved.length > 0;
        for (const follow of member.follows) {
          if (follow.guildId !== guildId) continue;
          const named = follow.categories.length > 0 ? follow.categories : guild.topics.flatMap((t) => t.categories);
          for (const c of named) categories.add(c);
          if (follow.author === null || !authorOnly(follow) || dmBlocked(member)) continue;
          authors.add(follow.author);
          // Searched since the oldest last DM of their followers; a member never sent one wants the listing's.
          const last = member.dmDates[guildId];
          if (last !== undefined && (since === null || last < since)) since = last;
        }
      }
    }
    return {
      categories: collapse([...categories]),
      includeReplacements,
      venueUpdates,
      authors: { names: [...authors], since },
    };
  }

  /** Ingest now unless an ingest finished in the last few minutes; concurrent callers share one. */
  refresh(): Promise<IngestResult> {
    const now = this.deps.now().getTime();
    if (this.last && now - this.last.at < REUSE_MS) return Promise.resolve(this.last.result);
    this.running ??= this.ingest()
      .then(
        (result) => {
          this.deps.metrics?.ingestSucceeded(this.deps.now(), result.added, result.notModified);
          return result;
        },
        (error: unknown) => {
          this.deps.metrics?.ingestFailed();
          throw error;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async ingest(): Promise<IngestResult> {
    const wanted = await this.wanted();
    const listed: IngestResult =
      wanted.categories.length === 0
        ? { date: await this.deps.store.archive.latestAnnouncement(), added: 0, notModified: true, figures: null }
        : await this.listing(wanted);
    // Without a listing, the archive's dates stand still: the calendar says which listing is current.
    const found = await this.authors(wanted.authors, wanted.categories.length === 0 ? null : listed.date);
    const result: IngestResult =
      found === 0
        ? listed
        : { ...listed, date: await this.deps.store.archive.latestAnnouncement(), added: listed.added + found };
    this.last = { at: this.deps.now().getTime(), result };
    return result;
  }

  /** The listing of the wanted categories into the archive, then the figures its digests will show. */
  private async listing(wanted: Wanted): Promise<IngestResult> {
    const { store, source, log } = this.deps;
    // Venue updates need the new versions of archived papers; no topic wanting them, they come quietly.
    const quiet = wanted.venueUpdates && !wanted.includeReplacements;
    const listing = await source.ingestListing({
      categories: wanted.categories,
      includeReplacements: wanted.includeReplacements || wanted.venueUpdates,
      ...(quiet ? { keepReplacements: (ids) => this.archived(ids) } : {}),
    });
    const papers = quiet ? listing.papers.map(quietReplacement) : listing.papers;
    let counts = { inserted: 0, updated: 0 };
    try {
      if (papers.length > 0) counts = await store.archive.upsert(papers, { at: this.deps.now() });
      if (counts.inserted + counts.updated > 0) this.deps.onStored?.();
      await listing.commit();
    } catch (error) {
      // The database failed, not arXiv: said as such. The feed is not remembered, so the next ingest fetches it again.
      log.error({ err: error, papers: listing.papers.length }, 'could not store the listing');
      throw error;
    }
    const date = await store.archive.latestAnnouncement();
    log.info(
      { categories: wanted.categories, papers: listing.papers.length, ...counts, notModified: listing.notModified },
      'listing ingested',
    );
    // Also after a 304: figures left over by the last ingest's cap, or wanted by a topic that turned images on since.
    const figures = date === null ? null : await this.figures(date);
    return { date, added: counts.inserted, notModified: listing.notModified, figures };
  }

  /**
   * The new papers of the authors followed alone, whatever their category, archived as announced with the listing
   * (`date`; null: the calendar's latest). Returns how many papers were added.
   */
  private async authors(authors: FollowedAuthors, date: string | null): Promise<number> {
    const { source, metrics } = this.deps;
    const { searchNewest } = source;
    if (authors.names.length === 0 || searchNewest === undefined) return 0;
    try {
      const report = await searchFollowedAuthors(
        { ...this.deps, source: { searchNewest: (query, max) => searchNewest.call(source, query, max) } },
        authors,
        date ?? calendar.latestListing(this.deps.now()),
        this.deps.authorSearches ?? defaults.authorSearches,
      );
      metrics?.authorSearched(report.queries, report.skipped);
      if (report.added > 0) this.deps.onStored?.();
      return report.added;
    } catch (error) {
      // An extra, like figures: the listing's digests go out without these papers rather than not at all.
      this.deps.log.error({ err: error }, 'followed-author searches failed');
      return 0;
    }
  }

  /** Which of these papers the archive holds. */
  private async archived(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set((await this.deps.store.archive.getMany(ids)).keys());
  }

  /** Look up the figures of the papers announced on `date` that digests with images on will post. */
  private async figures(date: string): Promise<FigureReport | null> {
    const { store, source, log } = this.deps;
    const { findFigure } = source;
    if (findFigure === undefined) return null;
    const figureSource: FigureSource = { findFigure: (id, version) => findFigure.call(source, id, version) };
    try {
      const guilds: GuildState[] = [];
      for (const guildId of await store.state.listGuildIds()) guilds.push(await store.state.getGuild(guildId));
      if (!guilds.some((g) => g.topics.some((t) => t.images))) return null;
      const papers = figureCandidates(guilds, await store.archive.announcedOn(date));
      const report = await lookUpFigures(
        { ...this.deps, source: figureSource },
        papers,
        this.deps.figures ?? DEFAULT_FIGURE_LIMITS,
      );
      if (report.wanted > 0) log.info({ date, ...report }, 'figures looked up');
      return report;
    } catch (error) {
      // Figures are an extra: the digest goes out without them rather than not at all.
      log.error({ err: error, date }, 'figure lookups failed');
      return null;
    }
  }
}

/**
 * A replacement fetched for its venue only: without the listing's announcement (null keeps the archived one), so
 * it is no new paper to any digest, and the archive still learns its version, comment and venue.
 */
function quietReplacement(record: PaperRecord): PaperRecord {
  const type = record.paper.announceType;
  if (type !== 'replace' && type !== 'replace-cross') return record;
  return { ...record, paper: { ...record.paper, announced: null, announceType: null } };
}

/** Drop subject classes whose archive is also wanted (`cs` covers `cs.LG`), sorted for a stable feed URL. */
export function collapse(categories: readonly string[]): string[] {
  const archives = new Set(categories.filter((c) => !c.includes('.')));
  return [...new Set(categories.filter((c) => !archives.has(c.split('.')[0] ?? '') || !c.includes('.')))].sort();
}
