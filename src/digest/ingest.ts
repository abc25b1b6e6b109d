import type { Logger } from '../log.js';
import type { PaperRecord } from '../papers/paper.js';
import type { Store } from '../store/types.js';

/** What the arXiv side must offer the ingest: one listing fetch for many categories. */
export interface ListingSource {
  ingestListing(options: { categories: string[]; includeReplacements: boolean }): Promise<{
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
}

const REUSE_MS = 5 * 60_000;

/**
 * Brings the newest listing into the archive: one feed request for the union of every guild's
 * categories, revalidated (conditional GET) at each scheduled run, shared by concurrent callers.
 */
export class IngestService {
  private running: Promise<IngestResult> | null = null;
  private last: { at: number; result: IngestResult } | null = null;

  constructor(
    private readonly deps: { store: Store; source: ListingSource; log: Logger; now: () => Date },
  ) {}

  /** Categories in use across every guild, and whether any topic wants updated versions. */
  async wanted(): Promise<{ categories: string[]; includeReplacements: boolean }> {
    const { state } = this.deps.store;
    const categories = new Set<string>();
    let includeReplacements = false;
    for (const guildId of await state.listGuildIds()) {
      const guild = await state.getGuild(guildId);
      const inUse = new Set(guild.subscriptions.map((s) => s.topicSlug));
      for (const topic of guild.topics) {
        if (!inUse.has(topic.slug)) continue;
        for (const c of topic.categories) categories.add(c);
        includeReplacements ||= topic.updates;
      }
    }
    return { categories: collapse([...categories]), includeReplacements };
  }

  /** Ingest now unless an ingest finished in the last few minutes; concurrent callers share one. */
  refresh(): Promise<IngestResult> {
    const now = this.deps.now().getTime();
    if (this.last && now - this.last.at < REUSE_MS) return Promise.resolve(this.last.result);
    this.running ??= this.ingest().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async ingest(): Promise<IngestResult> {
    const { store, source, log } = this.deps;
    const wanted = await this.wanted();
    let result: IngestResult;
    if (wanted.categories.length === 0) {
      result = { date: await store.archive.latestAnnouncement(), added: 0, notModified: true };
    } else {
      const listing = await source.ingestListing(wanted);
      const counts = listing.papers.length > 0 ? await store.archive.upsert(listing.papers) : { inserted: 0, updated: 0 };
      await listing.commit();
      result = { date: await store.archive.latestAnnouncement(), added: counts.inserted, notModified: listing.notModified };
      log.info({ categories: wanted.categories, papers: listing.papers.length, ...counts, notModified: listing.notModified }, 'listing ingested');
    }
    this.last = { at: this.deps.now().getTime(), result };
    return result;
  }
}

/** Drop subject classes whose archive is also wanted (`cs` covers `cs.LG`), sorted for a stable feed URL. */
export function collapse(categories: readonly string[]): string[] {
  const archives = new Set(categories.filter((c) => !c.includes('.')));
  return [...new Set(categories.filter((c) => !archives.has(c.split('.')[0] ?? '') || !c.includes('.')))].sort();
}
