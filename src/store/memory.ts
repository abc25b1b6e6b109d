import Keyv from 'keyv';
import type { Paper } from '../papers/paper.js';
import { parseAuthorFilter, parseSearchQuery } from './fts-query.js';
import { keyvOptions, createKeyvStateStore } from './keyv-state.js';
import { indexDoc, scoreDoc, type IndexedDoc } from './memory-search.js';
import {
  categoryKeys,
  checkDigest,
  checkFilters,
  checkPage,
  planUpsert,
  searchFields,
  sentPaperIds,
  sinceDate,
} from './shared.js';
import {
  DigestExistsError,
  type DeliveryStore,
  type DigestRecord,
  type PaperArchive,
  type Store,
  type VenueEvent,
} from './types.js';

/** JSON round trip: what a caller gets back is never the object the store holds, as with a database. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Runs a synchronous body as the store interface's asynchronous call: its value resolves the promise and
 * what it throws rejects it, as from an async method.
 */
function settle<T>(body: () => T): Promise<T> {
  return new Promise((resolve) => resolve(body()));
}

interface StoredPaper {
  paper: Paper;
  doc: IndexedDoc;
  categories: Set<string>;
  /** Insertion order, the tie-breaker for equal scores (as rowid is in SQLite). */
  seq: number;
}

function createMemoryArchive(): PaperArchive {
  const papers = new Map<string, StoredPaper>();
  const figures = new Map<string, string | null>();
  /** `<paper id>\n<venue>` → the first event of that venue */
  const venueEvents = new Map<string, VenueEvent>();
  let seq = 0;

  function announced(from: string, to: string, categories: readonly string[] | undefined): Paper[] {
    const wanted = categories ? categories.map((c) => c.toLowerCase()) : null;
    const inRange = (a: string | null) => a !== null && a >= from && a <= to;
    return [...papers.values()]
      .filter((p) => inRange(p.paper.announced) && (!wanted || wanted.some((c) => p.categories.has(c))))
      .map((p) => copy(p.paper))
      .sort((a, b) => compare(a.announced ?? '', b.announced ?? '') || compare(a.id, b.id));
  }

  return {
    upsert(records, options = {}) {
      return settle(() => {
        const at = (options.at ?? new Date()).toISOString();
        const stored = new Map<string, Paper>();
        for (const r of records) {
          const p = papers.get(r.paper.id);
          if (p) stored.set(p.paper.id, p.paper);
        }
        const plan = planUpsert(records, stored);
        for (const { record, paper } of [...plan.inserts, ...plan.updates]) {
          papers.set(paper.id, {
            paper: copy(paper),
            doc: indexDoc(searchFields({ paper, raw: record.raw }), paper.authors),
            categories: new Set(categoryKeys(paper.categories)),
            seq: papers.get(paper.id)?.seq ?? ++seq,
          });
        }
        for (const change of plan.venues) {
          const key = `${change.paperId}\n${change.venue}`;
          if (!venueEvents.has(key)) venueEvents.set(key, { ...change, at });
        }
        return { inserted: plan.inserts.length, updated: plan.updates.length };
      });
    },

    get(id) {
      const p = papers.get(id);
      return Promise.resolve(p ? copy(p.paper) : null);
    },

    getMany(ids) {
      const out = new Map<string, Paper>();
      for (const id of ids) {
        const p = papers.get(id);
        if (p) out.set(id, copy(p.paper));
      }
      return Promise.resolve(out);
    },

    announcedOn(date, categories) {
      return Promise.resolve(announced(date, date, categories));
    },

    announcedBetween(from, to, categories) {
      return Promise.resolve(announced(from, to, categories));
    },

    latestAnnouncement() {
      let latest: string | null = null;
      for (const p of papers.values()) {
        const a = p.paper.announced;
        if (a !== null && (latest === null || a > latest)) latest = a;
      }
      return Promise.resolve(latest);
    },

    search(query, filters, page) {
      return settle(() => {
        checkPage(page);
        checkFilters(filters);
        const parsed = parseSearchQuery(query);
        const author = filters.author !== undefined ? parseAuthorFilter(filters.author) : undefined;
        const ids = filters.ids ? new Set(filters.ids) : null;
        const category = filters.category?.toLowerCase();
        const hits: { stored: StoredPaper; score: number }[] = [];
        for (const stored of papers.values()) {
          const p = stored.paper;
          if (ids && !ids.has(p.id)) continue;
          if (category !== undefined && !stored.categories.has(category)) continue;
          if (filters.since !== undefined && sinceDate(p) < filters.since) continue;
          if (filters.hasCode !== undefined && (p.codeUrl !== null) !== filters.hasCode) continue;
          const score = scoreDoc(stored.doc, parsed, author);
          if (score > 0) hits.push({ stored, score });
        }
        hits.sort((a, b) => b.score - a.score || a.stored.seq - b.stored.seq);
        return {
          total: hits.length,
          hits: hits
            .slice(page.offset, page.offset + page.limit)
            .map((h) => ({ paper: copy(h.stored.paper), score: h.score })),
        };
      });
    },

    count() {
      return Promise.resolve(papers.size);
    },

    setFigure(id, version, url) {
      figures.set(`${id}v${version}`, url);
      return Promise.resolve();
    },

    getFigure(id, version) {
      return Promise.resolve(figures.get(`${id}v${version}`));
    },

    venueEvents(since) {
      return Promise.resolve(
        [...venueEvents.values()]
          .filter((e) => e.at >= since)
          .sort((a, b) => compare(a.at, b.at) || compare(a.paperId, b.paperId) || compare(a.venue, b.venue))
          .map(copy),
      );
    },
  };
}

function createMemoryDelivery(): DeliveryStore {
  const digests = new Map<string, DigestRecord>();
  /** channel → paper → the digest that claimed it */
  const ledger = new Map<string, Map<string, DigestRecord>>();
  /** channel → `<paper id>\n<venue>` → the key of the venue update that claimed it */
  const venueClaims = new Map<string, Map<string, string>>();
  const venueKey = (paperId: string, venue: string) => `${paperId}\n${venue}`;

  function mustGet(key: string): DigestRecord {
    const d = digests.get(key);
    if (!d) throw new Error(`No digest with key "${key}"`);
    return d;
  }

  return {
    planDigest(digest, options = {}) {
      return settle(() => {
        checkDigest(digest);
        if (digests.has(digest.key)) throw new DigestExistsError(digest.key);
        const claimed = ledger.get(digest.channelId);
        const reclaim = new Set(options.reclaim ?? []);
        const claims = [...new Set([...digest.paperIds, ...digest.skippedIds])];
        const taken = claims.filter((id) => {
          const earlier = claimed?.get(id);
          return earlier !== undefined && (!reclaim.has(id) || earlier.date >= digest.date);
        });
        const told = venueClaims.get(digest.channelId);
        const venues = options.venues ?? [];
        for (const v of venues) if (told?.has(venueKey(v.paperId, v.venue))) taken.push(v.paperId);
        if (taken.length > 0) return { ok: false, taken: [...new Set(taken)] };
        const record = copy(digest);
        digests.set(record.key, record);
        const channel = claimed ?? new Map<string, DigestRecord>();
        for (const id of claims) channel.set(id, record);
        ledger.set(record.channelId, channel);
        const channelVenues = told ?? new Map<string, string>();
        for (const v of venues) channelVenues.set(venueKey(v.paperId, v.venue), record.key);
        venueClaims.set(record.channelId, channelVenues);
        return { ok: true };
      });
    },

    markMessageSent(key, index, messageId) {
      return settle(() => {
        const d = mustGet(key);
        const message = d.messages.find((m) => m.index === index);
        if (!message) throw new Error(`Digest "${key}" has no message ${index}`);
        message.messageId = messageId;
      });
    },

    setThread(key, threadId) {
      return settle(() => {
        mustGet(key).threadId = threadId;
      });
    },

    finishDigest(key, status) {
      return settle(() => {
        const d = mustGet(key);
        d.status = status;
        d.finishedAt = new Date().toISOString();
      });
    },

    recordAttempt(key, error) {
      return settle(() => {
        const d = mustGet(key);
        d.attempts += 1;
        d.error = error;
        return d.attempts;
      });
    },

    failDigest(key, reason) {
      return settle(() => {
        const d = mustGet(key);
        d.status = 'failed';
        d.error = reason;
        d.finishedAt = new Date().toISOString();
        const keep = sentPaperIds(d);
        const channel = ledger.get(d.channelId);
        for (const id of d.paperIds) {
          if (!keep.has(id) && channel?.get(id)?.key === key) channel.delete(id);
        }
        const told = venueClaims.get(d.channelId);
        for (const [pair, claimedBy] of told ?? []) {
          if (claimedBy === key && !keep.has(pair.slice(0, pair.indexOf('\n')))) told?.delete(pair);
        }
      });
    },

    getDigest(key) {
      const d = digests.get(key);
      return Promise.resolve(d ? copy(d) : null);
    },

    pendingDigests(channelId) {
      return Promise.resolve(
        [...digests.values()]
          .filter((d) => d.status === 'pending' && (channelId === undefined || d.channelId === channelId))
          .sort(byCreated)
          .map(copy),
      );
    },

    postedIn(channelId, paperIds) {
      const claimed = ledger.get(channelId);
      return Promise.resolve(new Set(paperIds.filter((id) => claimed?.has(id))));
    },

    claimDates(channelId, paperIds) {
      const claimed = ledger.get(channelId);
      const dates = new Map<string, string>();
      for (const id of paperIds) {
        const record = claimed?.get(id);
        if (record) dates.set(id, record.date);
      }
      return Promise.resolve(dates);
    },

    digestsOn(guildId, date, topicSlug) {
      return Promise.resolve(
        [...digests.values()]
          .filter(
            (d) => d.guildId === guildId && d.date === date && (topicSlug === undefined || d.topicSlug === topicSlug),
          )
          .sort(byCreated)
          .map(copy),
      );
    },

    postedInGuild(guildId) {
      const ids = new Set<string>();
      for (const channel of ledger.values()) {
        for (const [paperId, d] of channel) if (d.guildId === guildId) ids.add(paperId);
      }
      return Promise.resolve([...ids].sort());
    },

    postedWhere(guildId, paperIds) {
      const wanted = new Set(paperIds);
      const rows: Array<{ channelId: string; paperId: string; digestKey: string }> = [];
      for (const [channelId, channel] of ledger) {
        for (const [paperId, d] of channel) {
          if (d.guildId === guildId && wanted.has(paperId)) rows.push({ channelId, paperId, digestKey: d.key });
        }
      }
      return Promise.resolve(rows);
    },

    venueClaims(channelId, paperIds) {
      const wanted = new Set(paperIds);
      const out = new Map<string, Set<string>>();
      for (const pair of venueClaims.get(channelId)?.keys() ?? []) {
        const cut = pair.indexOf('\n');
        const paperId = pair.slice(0, cut);
        if (!wanted.has(paperId)) continue;
        out.set(paperId, (out.get(paperId) ?? new Set()).add(pair.slice(cut + 1)));
      }
      return Promise.resolve(out);
    },

    forgetGuild(guildId) {
      return settle(() => {
        for (const channel of ledger.values()) {
          for (const [paperId, d] of channel) if (d.guildId === guildId) channel.delete(paperId);
        }
        for (const channel of venueClaims.values()) {
          for (const [pair, key] of channel) if (digests.get(key)?.guildId === guildId) channel.delete(pair);
        }
        let gone = 0;
        for (const [key, d] of digests) {
          if (d.guildId !== guildId) continue;
          digests.delete(key);
          gone++;
        }
        return gone;
      });
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCreated(a: DigestRecord, b: DigestRecord): number {
  return compare(a.createdAt, b.createdAt) || compare(a.key, b.key);
}

/** Everything in memory: for tests, and the reference behaviour of every other store. */
export function createMemoryStore(): Store {
  const keyv = new Keyv({ ...keyvOptions, store: new Map() });
  return {
    state: createKeyvStateStore(keyv),
    archive: createMemoryArchive(),
    delivery: createMemoryDelivery(),
    async close() {
      await keyv.disconnect();
    },
  };
}
