import pLimit from 'p-limit';
import { serverLocale } from '../discord/locale.js';
import type { Locale } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../ops/metrics.js';
import type { Paper } from '../papers/paper.js';
import {
  DigestExistsError,
  type DigestRecord,
  type GuildSettings,
  type PlannedMessage,
  type Store,
  type Subscription,
  type Topic,
  type MemberState,
  type VenueEvent,
} from '../store/types.js';
import { rankTopics, topicMatcher } from '../topics/topic.js';
import { storedFigures } from './figures.js';
import { planChannel, type SubscriptionPlan } from './plan.js';
import { KeyedMutex } from '../store/lock.js';
import { DigestDelivery, type DeliveryStatus } from './deliver.js';
import { DeliveryError, type MessageBody, type Poster } from './poster.js';
import {
  dmBlocked,
  followsFrom,
  isMemberGuild,
  memberGuild,
  memberLocale,
  memberOf,
  pauseMember,
  planMemberDigest,
} from '../members/digests.js';
import {
  channelVenueLines,
  isVenueUpdate,
  savedVenueLines,
  venueUpdateKey,
  venueUpdateRecord,
  venueUpdatesOn,
  venueWindowStart,
  type VenueUpdatePlan,
  type VenueUpdateRenderer,
} from './venue-updates.js';

/** Turns one subscription's plan into the exact message bodies to send, with the papers each carries. */
export type DigestRenderer = (
  plan: SubscriptionPlan,
  context: RenderContext,
) => Array<{ body: MessageBody; paperIds: string[] }>;

export interface RenderContext {
  date: string;
  settings: GuildSettings;
  /** Seed of every message nonce of this digest. */
  nonceBase: string;
  /** Stored first figure by paper id, for a topic with images on; papers absent here show none. */
  figures?: ReadonlyMap<string, string>;
  /** The language of the digest: the server's (src/discord/locale.ts), or the member's for a DM; default en-US. */
  locale?: Locale;
}

export interface RunnerDeps {
  store: Store;
  poster: Poster;
  render: DigestRenderer;
  /** Renders a venue update (src/digest/venue-updates.ts) into its one message. */
  renderUpdate: VenueUpdateRenderer;
  settingsFor: (guildId: string, stored: GuildSettings | null) => GuildSettings;
  now: () => Date;
  log: Logger;
  /** A pending digest that failed this many times is given up and its unsent papers released. */
  maxAttempts?: number;
  /**
   * How many channels of a guild run at once (default 4). Each channel still sends its messages
   * one after another; channels in flight together keep the connection to Discord busy while
   * another channel is planning or writing to the store, and discord.js paces them all under
   * the global rate limit.
   */
  channelConcurrency?: number;
  metrics?: Pick<Metrics, 'digestRunStarted' | 'digestDelivered' | 'messagePosted' | 'messageRefused'>;
}

/** One read of the archive for a date range, and what each topic matches in it. */
interface CandidateRead {
  papers: Promise<Paper[]>;
  /** Candidates each topic matches, by topic filter: most channels want few of them. */
  matches: Map<string, ReadonlySet<Paper>>;
}

/**
 * Reads by date range, shared by the channels of one guild run, or by every guild run of a batch
 * ({@link DigestRunner.batch}): the same Paper objects, so each paper is indexed once.
 */
type CandidateCache = Map<string, CandidateRead>;

/**
 * Subscriptions whose run finished, with the listing date, written in one change when the guild
 * run ends rather than one per channel. The ledger, not this date, keeps a paper from being posted
 * twice: a run cut short before the write only plans these channels again and finds nothing new.
 */
type RunMarks = Array<{ sub: Subscription; date: string }>;

/** What the channels of one guild run share. */
interface GuildRun {
  cache: CandidateCache;
  marks: RunMarks;
}

/** What a member's follow digest did. */
export type MemberOutcome =
  | { status: 'posted'; digestKey: string; papers: number }
  | { status: 'nothing-new' }
  | { status: 'paused'; reason: string }
  | { status: 'failed'; reason: string };

export type ChannelOutcome =
  | { topicSlug: string; status: 'posted'; digestKey: string; papers: number; overflow: number }
  | { topicSlug: string; status: 'nothing-new' }
  | { topicSlug: string; status: 'paused'; reason: string }
  | { topicSlug: string; status: 'failed'; reason: string };

interface DeliverOptions {
  /** An earlier attempt may have created the forum post without recording it. */
  resumed: boolean;
  /** Where to note the finished run instead of writing it now. */
  marks?: RunMarks | undefined;
  /** The digest's subscription, when the caller has just read it. */
  subscription?: Subscription;
}

/**
 * Plans, records and delivers digests; the one path for scheduled runs, `/digest run` and catch-up.
 * Planning happens here; sending one planned digest is {@link DigestDelivery}'s (deliver.ts).
 */
export class DigestRunner {
  /** One run at a time per channel. */
  private readonly channels = new KeyedMutex();
  private readonly channelConcurrency: number;
  private readonly delivery: DigestDelivery;
  private halted = false;
  /** Reads shared by the guild runs of the batches in progress, and how many batches there are. */
  private batchCache: CandidateCache | null = null;
  private batches = 0;

  constructor(private readonly deps: RunnerDeps) {
    this.channelConcurrency = Math.max(1, Math.floor(deps.channelConcurrency ?? 4));
    this.delivery = new DigestDelivery({
      store: deps.store,
      poster: deps.poster,
      now: deps.now,
      log: deps.log,
      maxAttempts: deps.maxAttempts ?? 5,
      halted: () => this.halted,
      metrics: deps.metrics,
    });
  }

  /** Run every active subscription of a guild for the listing `date`. */
  async runGuild(guildId: string, date: string): Promise<Map<string, ChannelOutcome[]>> {
    const ended = this.deps.metrics?.digestRunStarted();
    try {
      return await this.runGuildNow(guildId, date);
    } finally {
      ended?.();
    }
  }

  private async runGuildNow(guildId: string, date: string): Promise<Map<string, ChannelOutcome[]>> {
    const state = await this.deps.store.state.getGuild(guildId);
    const channels = [...new Set(state.subscriptions.filter((s) => !s.paused).map((s) => s.channelId))];
    const outcomes = new Map<string, ChannelOutcome[]>();
    // Channels that read the same dates share one read of the archive, and so one index of each paper;
    // in a batch, so do the guilds.
    const run: GuildRun = { cache: this.batchCache ?? new Map<string, CandidateRead>(), marks: [] };
    const runOne = async (channelId: string): Promise<void> => {
      // One channel's failure (a storage error, a bug) must not cost the other channels their digest.
      try {
        const result = await this.channels.run(`channel:${channelId}`, () =>
          this.runChannelNow(guildId, channelId, date, undefined, run),
        );
        outcomes.set(channelId, result);
      } catch (error) {
        this.deps.log.error({ err: error, guildId, channelId }, 'digest run failed for a channel');
        const reason = error instanceof Error ? error.message : String(error);
        const slugs = state.subscriptions.filter((s) => s.channelId === channelId).map((s) => s.topicSlug);
        outcomes.set(
          channelId,
          slugs.map((topicSlug) => ({ topicSlug, status: 'failed', reason })),
        );
      }
    };
    await pLimit(this.channelConcurrency).map(channels, runOne);
    try {
      await this.markRuns(guildId, run.marks);
    } catch (error) {
      // Only the candidate window is affected: the next run reads a few more days and finds them posted.
      this.deps.log.error({ err: error, guildId }, 'could not record the finished runs');
    }
    try {
      await this.runVenueUpdates(guildId, date);
    } catch (error) {
      // The digests went out; the updates are planned again at the next run.
      this.deps.log.error({ err: error, guildId }, 'venue updates failed');
    }
    // In the order of the guild's subscriptions, whatever order the channels finished in.
    const results = new Map<string, ChannelOutcome[]>();
    for (const channelId of channels) results.set(channelId, outcomes.get(channelId)!);
    return results;
  }

  /**
   * Run `work` (guild runs of one scheduled minute) with the archive read once per date range for all
   * of its guild runs, rather than once per guild: at thousands of guilds, reading and indexing the
   * day's papers again for each guild would cost more than planning. The reads are dropped when the
   * last batch ends, or when {@link forgetReads} says the archive changed.
   */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    this.batches += 1;
    this.batchCache ??= new Map<string, CandidateRead>();
    try {
      return await work();
    } finally {
      this.batches -= 1;
      if (this.batches === 0) this.batchCache = null;
    }
  }

  /** The archive changed (a listing was stored): later guild runs of a batch read it again. */
  forgetReads(): void {
    this.batchCache?.clear();
  }

  /**
   * Run one channel's subscriptions (or one topic's) for the listing `date`. Runs of the same
   * channel never overlap: a second caller waits for the first and then finds nothing new.
   */
  runChannel(guildId: string, channelId: string, date: string, topicSlug?: string): Promise<ChannelOutcome[]> {
    return this.channels.run(`channel:${channelId}`, () => this.runChannelNow(guildId, channelId, date, topicSlug));
  }

  /**
   * Stop between two messages: what was sent is recorded, the rest stays pending and is resumed
   * at the next start. Resolves when no run is in flight.
   */
  async halt(): Promise<void> {
    this.halted = true;
    await this.idle();
  }

  /** Resolves when no run is in flight. */
  async idle(): Promise<void> {
    await this.channels.idle();
  }

  /**
   * Send each member who follows something from this guild the new papers their follows match, one DM each,
   * on this guild's schedule. Members run a few at a time; one member's failure does not stop the others.
   */
  async runFollowers(guildId: string, date: string): Promise<Map<string, MemberOutcome>> {
    const state = await this.deps.store.state.getGuild(guildId);
    const outcomes = new Map<string, MemberOutcome>();
    // Most guilds have no followers: nothing to read for them (not even the deployment's pending digests).
    if ((state.followers ?? []).length === 0) return outcomes;
    const settings = this.deps.settingsFor(guildId, state.settings);
    const locale = serverLocale(state);
    // Members reading the same dates share one read of the archive, and so one index of each paper; in a batch,
    // with the guild runs too.
    const cache: CandidateCache = this.batchCache ?? new Map<string, CandidateRead>();
    // And one read of the venue events, for the members who saved papers.
    let events: Promise<VenueEvent[]> | undefined;
    const venueEvents = (): Promise<VenueEvent[]> => {
      if (events === undefined) {
        const read = this.deps.store.archive.venueEvents(venueWindowStart(this.deps.now()));
        // A failed read is not kept: the next member tries again.
        void read.catch(() => (events = undefined));
        events = read;
      }
      return events;
    };
    // Members' DMs left pending (a crash, an outage), read once for the run: not once per member, which read
    // every pending digest of the deployment a thousand times over.
    const pending = new Map<string, string[]>();
    for (const digest of await this.deps.store.delivery.pendingDigests()) {
      if (isMemberGuild(digest.guildId))
        pending.set(digest.guildId, [...(pending.get(digest.guildId) ?? []), digest.key]);
    }
    await pLimit(this.channelConcurrency).map(state.followers ?? [], async (userId) => {
      try {
        const outcome = await this.channels.run(`member:${userId}`, () =>
          this.runMemberNow(guildId, userId, date, settings, {
            locale,
            cache,
            venueEvents,
            pendingKeys: pending.get(memberGuild(userId)) ?? [],
          }),
        );
        outcomes.set(userId, outcome);
      } catch (error) {
        this.deps.log.error({ err: error, guildId, userId }, 'follow digest failed for a member');
        outcomes.set(userId, { status: 'failed', reason: error instanceof Error ? error.message : String(error) });
      }
    });
    return outcomes;
  }

  private async runMemberNow(
    guildId: string,
    userId: string,
    date: string,
    settings: GuildSettings,
    shared: {
      /** The server's language, for members whose own Paperboy does not speak. */
      locale: Locale;
      cache: CandidateCache;
      venueEvents: () => Promise<VenueEvent[]>;
      pendingKeys: readonly string[];
    },
  ): Promise<MemberOutcome> {
    const { store, poster, log } = this.deps;
    if (this.halted) return { status: 'failed', reason: 'stopping' };
    // A DM left pending goes first, so its papers are not planned twice; read again, as another server's run of
    // the member may have finished it since the run began.
    for (const key of shared.pendingKeys) {
      const digest = await store.delivery.getDigest(key);
      if (digest?.status === 'pending') await this.deliver(digest, { resumed: true });
    }
    const member = await store.state.getMember(userId);
    if (followsFrom(member, guildId).length === 0) return { status: 'nothing-new' };
    const blocked = dmBlocked(member);
    if (blocked) return { status: 'paused', reason: blocked };
    const candidates = await this.memberCandidates(member, guildId, date, shared.cache);
    let channelId = member.dm.channelId;
    if (!channelId) {
      // The DM channel is opened for a member with something to send only: follows that match nothing today (and
      // no saved papers to hear about) cost no request. What the channel already got is read from the ledger below.
      const now = this.deps.now().toISOString();
      if (
        member.saved.length === 0 &&
        planMemberDigest(member, guildId, '', candidates, new Map(), now).papers.length === 0
      ) {
        await this.markMember(userId, guildId, date);
        return { status: 'nothing-new' };
      }
      try {
        channelId = await poster.openDm(userId);
      } catch (error) {
        if (!(error instanceof DeliveryError)) throw error;
        if (error.kind === 'channel') await pauseMember(store.state, userId, error.message, this.deps.now());
        return { status: error.kind === 'channel' ? 'paused' : 'failed', reason: error.message };
      }
      const opened = channelId;
      await store.state.updateMember(userId, (m) => {
        m.dm.channelId = opened;
      });
    }
    const locale = memberLocale(member, shared.locale);
    const outcome = await this.followDigest(guildId, member, channelId, date, { settings, locale }, candidates);
    if (outcome.status === 'posted' || outcome.status === 'nothing-new') {
      try {
        await this.savedUpdates(userId, channelId, date, shared.venueEvents, locale);
      } catch (error) {
        log.error({ err: error, userId }, 'venue updates of saved papers failed');
      }
    }
    return outcome;
  }

  /** Papers announced since the member's last DM from this guild; members reading the same dates share the read. */
  private async memberCandidates(
    member: MemberState,
    guildId: string,
    date: string,
    cache: CandidateCache,
  ): Promise<Paper[]> {
    const last = member.dmDates[guildId] ?? date;
    const from = last < date ? last : date;
    const range = `${from}/${date}`;
    let read = cache.get(range);
    if (read === undefined) {
      const papers = this.deps.store.archive.announcedBetween(from, date);
      const made: CandidateRead = { papers, matches: new Map() };
      // A failed read is not kept: the next member tries again.
      void papers.catch(() => {
        if (cache.get(range) === made) cache.delete(range);
      });
      cache.set(range, made);
      read = made;
    }
    return read.papers;
  }

  /** The member's DM of the papers their follows from this guild match. */
  private async followDigest(
    guildId: string,
    member: MemberState,
    channelId: string,
    date: string,
    { settings, locale }: { settings: GuildSettings; locale: Locale },
    candidates: readonly Paper[],
  ): Promise<MemberOutcome> {
    const { store, log } = this.deps;
    const userId = member.userId;
    const posted = await store.delivery.claimDates(
      channelId,
      candidates.map((p) => p.id),
    );
    const now = this.deps.now().toISOString();
    const plan = planMemberDigest(member, guildId, channelId, candidates, posted, now, locale);
    if (plan.papers.length === 0) {
      await this.markMember(userId, guildId, date);
      return { status: 'nothing-new' };
    }
    const digest = await this.record(plan, date, settings, locale);
    if (!digest) return { status: 'failed', reason: 'another run claimed these papers first' };
    log.info({ digest: digest.key, papers: digest.paperIds.length }, 'follow digest planned');
    const status = await this.deliver(digest, { resumed: false, subscription: plan.subscription });
    if (status === 'sent') return { status: 'posted', digestKey: digest.key, papers: plan.papers.length };
    const after = await store.delivery.getDigest(digest.key);
    return { status: 'failed', reason: after?.error ?? 'delivery did not finish; it will be retried' };
  }

  /**
   * After a guild run's digests: for each channel of an active subscription, one update listing the papers posted
   * there that a later version has brought a venue (src/digest/venue-updates.ts), unless the guild turned them off.
   */
  private async runVenueUpdates(guildId: string, date: string): Promise<void> {
    const { store } = this.deps;
    const state = await store.state.getGuild(guildId);
    if (!venueUpdatesOn(this.deps.settingsFor(guildId, state.settings))) return;
    const locale = serverLocale(state);
    const channels = new Set(state.subscriptions.filter((s) => !s.paused).map((s) => s.channelId));
    if (channels.size === 0) return;
    const events = await store.archive.venueEvents(venueWindowStart(this.deps.now()));
    if (events.length === 0) return;
    const rows = await store.delivery.postedWhere(guildId, [...new Set(events.map((e) => e.paperId))]);
    const byChannel = new Map<string, Map<string, string>>();
    for (const row of rows) {
      if (!channels.has(row.channelId)) continue;
      const papers = byChannel.get(row.channelId) ?? new Map<string, string>();
      byChannel.set(row.channelId, papers.set(row.paperId, row.digestKey));
    }
    if (byChannel.size === 0) return;
    const papers = await store.archive.getMany([...new Set(rows.map((r) => r.paperId))]);
    await pLimit(this.channelConcurrency).map([...byChannel], async ([channelId, posted]) => {
      try {
        await this.channels.run(`channel:${channelId}`, async () => {
          const digests = new Map<string, DigestRecord>();
          for (const key of new Set(posted.values())) {
            const digest = await store.delivery.getDigest(key);
            if (digest) digests.set(key, digest);
          }
          const postedBy = new Map<string, DigestRecord>();
          for (const [paperId, key] of posted) {
            const digest = digests.get(key);
            if (digest) postedBy.set(paperId, digest);
          }
          const claimed = await store.delivery.venueClaims(channelId, [...posted.keys()]);
          const lines = channelVenueLines({ events: relevant(events, posted), papers, posted: postedBy, claimed });
          await this.sendUpdate(guildId, channelId, { audience: 'channel', date, lines, locale });
        });
      } catch (error) {
        this.deps.log.error({ err: error, guildId, channelId }, 'venue update failed for a channel');
      }
    });
  }

  /** A member's update: their saved papers that a later version brought a venue, in a DM of its own. */
  private async savedUpdates(
    userId: string,
    channelId: string,
    date: string,
    venueEvents: () => Promise<VenueEvent[]>,
    locale: Locale,
  ): Promise<void> {
    const { store } = this.deps;
    const member = await store.state.getMember(userId);
    if (member.saved.length === 0) return;
    const events = await venueEvents();
    const saved = new Set(member.saved.map((s) => s.paperId));
    const mine = events.filter((e) => saved.has(e.paperId));
    if (mine.length === 0) return;
    const ids = [...new Set(mine.map((e) => e.paperId))];
    const lines = savedVenueLines({
      events: mine,
      papers: await store.archive.getMany(ids),
      saved: member.saved,
      claimed: await store.delivery.venueClaims(channelId, ids),
    });
    await this.sendUpdate(memberGuild(userId), channelId, { audience: 'saved', date, lines, locale });
  }

  /**
   * Plan, record (with its venue claims) and send one update; nothing when there are no lines, when the channel had
   * its update for this date already, or when another run claimed these venues first.
   */
  private async sendUpdate(guildId: string, channelId: string, plan: VenueUpdatePlan): Promise<void> {
    const { store, log } = this.deps;
    if (this.halted || plan.lines.length === 0) return;
    // One update per channel and date: its key says so.
    const key = venueUpdateKey(guildId, channelId, plan.date);
    if ((await store.delivery.getDigest(key)) !== null) return;
    const rendered = this.deps.renderUpdate(plan, key);
    const shown = new Set(rendered.paperIds);
    const venues = plan.lines.filter((l) => shown.has(l.paperId));
    const digest = venueUpdateRecord({
      guildId,
      channelId,
      date: plan.date,
      rendered,
      createdAt: this.deps.now().toISOString(),
      ...(plan.locale !== undefined ? { locale: plan.locale } : {}),
    });
    try {
      const claimed = await store.delivery.planDigest(digest, {
        venues: venues.map((l) => ({ paperId: l.paperId, venue: l.venue })),
      });
      if (!claimed.ok) return;
    } catch (error) {
      // Another process planned this date's update between the look and the plan.
      if (error instanceof DigestExistsError) return;
      throw error;
    }
    log.info({ digest: digest.key, papers: venues.length }, 'venue update planned');
    await this.deliver(digest, { resumed: false });
  }

  /** The member's DM from this guild covered the listing `date`. */
  private async markMember(userId: string, guildId: string, date: string): Promise<void> {
    await this.deps.store.state.updateMember(userId, (m) => {
      const last = m.dmDates[guildId];
      // Only while the member still follows from there: a deleted member is not written back.
      if (m.follows.some((f) => f.guildId === guildId) && (last === undefined || last < date))
        m.dmDates[guildId] = date;
    });
  }

  /** Finish every digest a crash or an outage left half-sent. */
  async resumePending(): Promise<number> {
    const pending = await this.deps.store.delivery.pendingDigests();
    for (const digest of pending) {
      await this.channels.run(`channel:${digest.channelId}`, async () => {
        const current = await this.deps.store.delivery.getDigest(digest.key);
        if (current?.status === 'pending') await this.deliver(current, { resumed: true });
      });
    }
    return pending.length;
  }

  private async runChannelNow(
    guildId: string,
    channelId: string,
    date: string,
    topicSlug: string | undefined,
    run?: GuildRun,
  ): Promise<ChannelOutcome[]> {
    const { store, log } = this.deps;
    if (this.halted) return [];
    // A digest left pending in this channel goes first, so its papers are not planned twice.
    for (const digest of await store.delivery.pendingDigests(channelId)) {
      await this.deliver(digest, { resumed: true, marks: run?.marks });
    }

    const state = await store.state.getGuild(guildId);
    const subs = state.subscriptions.filter(
      (s) => s.channelId === channelId && (topicSlug === undefined || s.topicSlug === topicSlug),
    );
    const active = subs.filter((s) => !s.paused);
    const outcomes: ChannelOutcome[] = subs
      .filter((s) => s.paused)
      .map((s) => ({ topicSlug: s.topicSlug, status: 'paused', reason: s.paused?.reason ?? '' }));
    if (active.length === 0) return outcomes;

    const topics = new Map(state.topics.map((t) => [t.slug, t]));
    const read = run ? this.candidateRead(active, date, run.cache) : undefined;
    const all = read ? await read.papers : await store.archive.announcedBetween(this.firstDate(active, date), date);
    // In a guild run, only the papers some topic of this channel matches are looked up in the
    // ledger and planned: the others could not be part of the plan anyway.
    const guildActive = state.subscriptions.filter((s) => !s.paused);
    const range = `${this.firstDate(active, date)}/${date}`;
    const candidates = read ? this.relevant(active, guildActive, topics, all, range, read) : all;
    const posted = await store.delivery.claimDates(
      channelId,
      candidates.map((p) => p.id),
    );
    const plans = planChannel(active, topics, candidates, posted);
    const settings = this.deps.settingsFor(guildId, state.settings);
    const locale = serverLocale(state);

    for (const plan of plans) {
      const slug = plan.topic.slug;
      if (plan.error !== null) {
        log.warn({ guildId, channelId, topic: slug, reason: plan.error }, 'subscription cannot be planned');
        outcomes.push({ topicSlug: slug, status: 'failed', reason: plan.error });
        continue;
      }
      if (plan.papers.length === 0) {
        outcomes.push({ topicSlug: slug, status: 'nothing-new' });
        await this.markRun(plan.subscription, date, run?.marks);
        continue;
      }
      const digest = await this.record(plan, date, settings, locale);
      if (!digest) {
        outcomes.push({ topicSlug: slug, status: 'failed', reason: 'another run claimed these papers first' });
        continue;
      }
      log.info(
        { digest: digest.key, papers: digest.paperIds.length, messages: digest.messages.length },
        'digest planned',
      );
      const status = await this.deliver(digest, {
        resumed: false,
        marks: run?.marks,
        subscription: plan.subscription,
      });
      if (status === 'sent') {
        outcomes.push({
          topicSlug: slug,
          status: 'posted',
          digestKey: digest.key,
          papers: plan.papers.length,
          overflow: plan.overflow.length,
        });
      } else {
        const after = await store.delivery.getDigest(digest.key);
        outcomes.push({
          topicSlug: slug,
          status: 'failed',
          reason: after?.error ?? 'delivery did not finish; it will be retried',
        });
      }
    }
    return outcomes;
  }

  /** Papers announced from the subscriptions' last digest date (inclusive: a category may lag a day) to `date`. */
  private firstDate(subs: readonly Subscription[], date: string): string {
    return subs.map((s) => s.lastDigestDate ?? date).reduce((a, b) => (a < b ? a : b), date);
  }

  /** The read of the subscriptions' date range, from `cache` or made now and kept there. */
  private candidateRead(subs: readonly Subscription[], date: string, cache: CandidateCache): CandidateRead {
    const key = `${this.firstDate(subs, date)}/${date}`;
    let read = cache.get(key);
    if (read === undefined) {
      const papers = this.deps.store.archive.announcedBetween(this.firstDate(subs, date), date);
      const made: CandidateRead = { papers, matches: new Map() };
      // A failed read is not kept: the next channel tries again.
      void papers.catch(() => {
        if (cache.get(key) === made) cache.delete(key);
      });
      cache.set(key, made);
      read = made;
    }
    return read;
  }

  /**
   * The candidates that at least one of the subscriptions' topics matches, in their order. The
   * first channel to ask matches the topics of every active subscription of the guild in one
   * pass over the papers; later channels find their topics done.
   */
  private relevant(
    subs: readonly Subscription[],
    guildSubs: readonly Subscription[],
    topics: ReadonlyMap<string, Topic>,
    candidates: readonly Paper[],
    range: string,
    read: CandidateRead,
  ): Paper[] {
    const keyOf = (topic: Topic): string =>
      JSON.stringify([range, topic.query, topic.categories, topic.crossLists, topic.updates]);
    const missing = new Map<string, Topic>();
    for (const sub of [...subs, ...guildSubs]) {
      const topic = topics.get(sub.topicSlug);
      if (topic && !read.matches.has(keyOf(topic))) missing.set(keyOf(topic), topic);
    }
    const usable = [...missing].filter(([key, topic]) => {
      try {
        // Compiles and remembers the query, which `rankTopics` below reuses.
        topicMatcher(topic);
        return true;
      } catch {
        // A query that no longer parses: the plan reports it for its subscription.
        read.matches.set(key, new Set());
        return false;
      }
    });
    if (usable.length > 0) {
      const ranked = rankTopics(
        usable.map(([, topic]) => topic),
        candidates,
      );
      usable.forEach(([key], k) => read.matches.set(key, new Set(ranked[k]!.map((r) => r.paper))));
    }
    const wanted = new Set<Paper>();
    for (const sub of subs) {
      const topic = topics.get(sub.topicSlug);
      for (const paper of (topic && read.matches.get(keyOf(topic))) ?? []) wanted.add(paper);
    }
    return candidates.filter((paper) => wanted.has(paper));
  }

  /** Plan, render (in `locale`) and record one digest: what it sends is fixed here, so a resend is identical. */
  private async record(
    plan: SubscriptionPlan,
    date: string,
    settings: GuildSettings,
    locale: Locale,
  ): Promise<DigestRecord | null> {
    const { store } = this.deps;
    const { subscription: sub } = plan;
    const existing = await store.delivery.digestsOn(sub.guildId, date, sub.topicSlug);
    const key = `${sub.guildId}:${sub.channelId}:${sub.topicSlug}:${date}:${existing.filter((d) => d.channelId === sub.channelId).length + 1}`;
    // Looked up at ingest; a paper without a stored figure simply has no image.
    const figures = plan.topic.images
      ? await storedFigures(
          store.archive,
          plan.papers.map((p) => p.paper),
        )
      : undefined;
    const rendered = this.deps.render(plan, {
      date,
      settings,
      nonceBase: key,
      locale,
      ...(figures ? { figures } : {}),
    });
    const messages: PlannedMessage[] = rendered.map(({ body, paperIds }, index) => ({
      index,
      nonce: body.nonce ?? '',
      paperIds,
      body,
      messageId: null,
    }));
    const digest: DigestRecord = {
      key,
      guildId: sub.guildId,
      channelId: sub.channelId,
      topicSlug: sub.topicSlug,
      date,
      paperIds: plan.papers.map((p) => p.paper.id),
      skippedIds: plan.overflow.map((p) => p.id),
      messages,
      threadName: threadName(plan.topic, date, key),
      openThread: sub.thread,
      threadId: null,
      status: 'pending',
      attempts: 0,
      error: null,
      createdAt: this.deps.now().toISOString(),
      finishedAt: null,
    };
    const claimed = await store.delivery.planDigest(digest, { reclaim: plan.reclaim });
    return claimed.ok ? digest : null;
  }

  /**
   * Send a planned (or resumed) digest, then note its subscription's run as done when it is sent: in
   * `marks` when a guild run writes them at its end, else at once.
   */
  private async deliver(digest: DigestRecord, options: DeliverOptions): Promise<DeliveryStatus> {
    const status = await this.delivery.send(digest, { resumed: options.resumed });
    if (status !== 'sent' || isVenueUpdate(digest)) return status;
    if (isMemberGuild(digest.guildId)) {
      await this.markMember(memberOf(digest.guildId), digest.topicSlug, digest.date);
      return status;
    }
    const sub =
      options.subscription ??
      (await this.deps.store.state.getGuild(digest.guildId)).subscriptions.find(
        (s) => s.channelId === digest.channelId && s.topicSlug === digest.topicSlug,
      );
    if (sub) await this.markRun(sub, digest.date, options.marks);
    return status;
  }

  private async markRun(sub: Subscription, date: string, marks?: RunMarks): Promise<void> {
    if (marks) marks.push({ sub, date });
    else await this.markRuns(sub.guildId, [{ sub, date }]);
  }

  /** Record that these subscriptions' runs for their dates are done, in one change of the guild's state. */
  private async markRuns(guildId: string, marks: RunMarks): Promise<void> {
    if (marks.length === 0) return;
    await this.deps.store.state.updateGuild(guildId, (state) => {
      for (const { sub, date } of marks) {
        const current = state.subscriptions.find((s) => s.channelId === sub.channelId && s.topicSlug === sub.topicSlug);
        if (current && (current.lastDigestDate === null || current.lastDigestDate < date))
          current.lastDigestDate = date;
      }
    });
  }
}

/** The events of the papers posted in a channel. */
function relevant(events: readonly VenueEvent[], posted: ReadonlyMap<string, string>): VenueEvent[] {
  return events.filter((e) => posted.has(e.paperId));
}

/** Unique per digest (slug, date, run), since forum posts are found again by name after a crash. */
function threadName(topic: { name: string; slug: string }, date: string, key: string): string {
  const run = Number(key.slice(key.lastIndexOf(':') + 1));
  const suffix = ` · ${topic.slug} · ${date}${run > 1 ? ` (${run})` : ''}`;
  const name = topic.name.replace(/\s+/g, ' ').trim();
  return (name.length + suffix.length > 100 ? `${name.slice(0, 99 - suffix.length)}…` : name) + suffix;
}
