import cron, { type ScheduledTask } from 'node-cron';
import pLimit from 'p-limit';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { lastFiring } from './cron.js';
import type { GuildSettings, GuildState, Store } from '../store/types.js';

export interface SchedulerDeps {
  store: Store;
  settingsFor: (guildId: string, stored: GuildSettings | null) => GuildSettings;
  /** Ingest the newest listing and run the guild's digests for it. */
  runGuild: (guildId: string) => Promise<void>;
  now: () => Date;
  log: Logger;
  /**
   * `tasks` (default): one node-cron task per guild, for the single process of a small deployment.
   * `tick`: the distributed mode's leader — node-cron only wakes it each minute, and the guilds due are read
   * from the database (gateway processes change subscriptions and schedules there).
   * `marks`: a gateway process — `sync` records the schedule marks; nothing runs here.
   */
  mode?: 'tasks' | 'tick' | 'marks';
  /**
   * Guilds run at once by a tick. Default 32: enough digests in flight that while some channels wait out
   * their own rate limit, others keep the bot's 50 requests/s busy.
   */
  concurrency?: number;
  /** Runs the guild runs of one tick together (the runner then reads the archive once for all of them). */
  batch?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Guilds whose schedule a tick reads at once. */
const SCAN_CONCURRENCY = 8;
/** Guilds a tick runs at once (see {@link SchedulerDeps.concurrency}). */
const TICK_CONCURRENCY = 32;

/** Store keys of a guild's marks: its last scheduled run, and since when its current schedule counts. */
export const lastRunKey = (guildId: string): string => `schedule:lastRun:${guildId}`;
export const sinceKey = (guildId: string): string => `schedule:since:${guildId}`;

/**
 * Since when a guild's schedule (`cron|time zone`) has been in force. `changed`: it replaced another schedule
 * then, so firings before `at` were not its own even after the guild's last run; otherwise the guild started
 * being scheduled then, which only matters until its first run.
 */
const SinceMark = z.object({ key: z.string(), at: z.iso.datetime(), changed: z.boolean() });
type SinceMark = z.infer<typeof SinceMark>;
const RunMark = z.iso.datetime();

/**
 * One node-cron task per guild (cron + IANA time zone from its settings). Each firing, and the latest
 * firing missed while the bot was down, runs the guild once. Run exactly one Scheduler per deployment,
 * whatever the number of shards.
 */
/** A guild is scheduled while it has subscriptions, or members who follow something from it. */
function hasDeliveries(state: GuildState): boolean {
  return state.subscriptions.length > 0 || (state.followers?.length ?? 0) > 0;
}

export class Scheduler {
  private readonly tasks = new Map<string, { key: string; schedule: string; timezone: string; task: ScheduledTask }>();
  private running = false;
  private ticker: ScheduledTask | null = null;
  private ticking: Promise<string[]> | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  private get mode(): 'tasks' | 'tick' | 'marks' {
    return this.deps.mode ?? 'tasks';
  }

  /** Create the guilds' tasks (or the minute tick), then catch up on what was missed. */
  async start(): Promise<void> {
    this.running = true;
    if (this.mode === 'marks') return;
    if (this.mode === 'tick') {
      this.ticker = cron.createTask('* * * * *', () => void this.tick(), { name: 'digest:tick', noOverlap: true });
      await this.ticker.start();
      // Catching up may take as long as a whole delivery: it runs on, start() returns.
      void this.tick();
      return;
    }
    for (const guildId of await this.deps.store.state.listGuildIds()) await this.sync(guildId);
    await this.catchUp();
  }

  /**
   * The leader's minute: run, a few at a time, every guild whose schedule fired since it last ran (or since it
   * was scheduled), reading schedules and marks from the database. A tick still running when the next minute
   * comes is not doubled; what fired meanwhile is due at the next tick.
   */
  tick(): Promise<string[]> {
    if (this.ticking) return this.ticking;
    const run = async (): Promise<string[]> => {
      const { store, settingsFor, now, log } = this.deps;
      const started = performance.now();
      const at = now();
      // Guilds share a few schedules: each schedule's latest firing is worked out once per tick. A guild is due
      // when that firing is after its starting point, which is what lastFiring(…, from, at) tells one by one.
      const latest = new Map<string, Date | null>();
      const latestFiring = (schedule: string, timezone: string): Date | null => {
        const key = `${schedule}|${timezone}`;
        if (!latest.has(key)) latest.set(key, lastFiring(schedule, timezone, new Date(0), at));
        return latest.get(key) ?? null;
      };
      // A few guilds at a time: at thousands of guilds, one after another would take the first minute.
      const scan = pLimit(SCAN_CONCURRENCY);
      const ids = await store.state.listGuildIds();
      const isDue = await Promise.all(
        ids.map((guildId) =>
          scan(async () => {
            if (!this.running) return false;
            const state = await store.state.getGuild(guildId);
            if (!hasDeliveries(state)) return false;
            const settings = settingsFor(guildId, state.settings);
            const since = await this.markSince(guildId, `${settings.schedule}|${settings.timezone}`);
            const from = await this.startingPoint(guildId, since);
            const fired = latestFiring(settings.schedule, settings.timezone);
            return from !== null && fired !== null && fired > from;
          }),
        ),
      );
      const due = ids.filter((_, i) => isDue[i]);
      this.deps.log.debug({ due: due.length, at: at.toISOString() }, 'scheduler tick');
      if (due.length === 0) return due;
      const scanMs = Math.round(performance.now() - started);
      log.info({ guilds: due.length, scanMs }, 'scheduled runs due');
      const limit = pLimit(this.deps.concurrency ?? TICK_CONCURRENCY);
      const batch = this.deps.batch ?? ((work) => work());
      await batch(() =>
        Promise.all(due.map((guildId) => limit(() => (this.running ? this.fire(guildId) : undefined)))),
      );
      log.info({ guilds: due.length, ms: Math.round(performance.now() - started) }, 'scheduled runs done');
      return due;
    };
    this.ticking = run()
      .catch((error: unknown) => {
        this.deps.log.error({ err: error }, 'scheduler tick failed');
        return [];
      })
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  /**
   * (Re)create a guild's task after its subscriptions or its schedule changed. A guild that starts being
   * scheduled, or whose schedule changed, is marked as scheduled from now on: a firing after that which
   * the bot misses is caught up at the next start.
   */
  async sync(guildId: string): Promise<void> {
    const state = await this.deps.store.state.getGuild(guildId);
    const settings = this.deps.settingsFor(guildId, state.settings);
    const key = `${settings.schedule}|${settings.timezone}`;
    const wanted = hasDeliveries(state);
    await this.markSince(guildId, wanted ? key : null);
    if (this.mode !== 'tasks') return;
    const current = this.tasks.get(guildId);
    if (current && (current.key !== key || !wanted)) {
      await current.task.destroy();
      this.tasks.delete(guildId);
    }
    if (!wanted || this.tasks.has(guildId)) return;
    const task = cron.createTask(settings.schedule, () => this.fire(guildId), {
      timezone: settings.timezone,
      name: `digest:${guildId}`,
      noOverlap: true,
    });
    this.tasks.set(guildId, { key, schedule: settings.schedule, timezone: settings.timezone, task });
    if (this.running) await task.start();
  }

  /**
   * Run every guild whose schedule fired since its last run, or since it was scheduled if it never ran
   * (for example while the bot was down): once, however many firings were missed.
   */
  async catchUp(): Promise<string[]> {
    const now = this.deps.now();
    const due: string[] = [];
    for (const [guildId, { schedule, timezone }] of this.tasks) {
      const from = await this.startingPoint(guildId, await this.since(guildId));
      if (from !== null && lastFiring(schedule, timezone, from, now)) due.push(guildId);
    }
    const batch = this.deps.batch ?? ((work) => work());
    await batch(async () => {
      for (const guildId of due) await this.fire(guildId);
    });
    return due;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.ticker?.destroy();
    this.ticker = null;
    await this.ticking;
    for (const { task } of this.tasks.values()) await task.destroy();
    this.tasks.clear();
  }

  /**
   * Record since when the guild's schedule `key` is in force (null: the guild is not scheduled). Kept
   * while the key stays the same; a guild scheduled before these marks existed counts from its last run.
   * Returns the mark now in force.
   */
  private async markSince(guildId: string, key: string | null): Promise<SinceMark | null> {
    const { store, now } = this.deps;
    const since = await this.since(guildId);
    if (key === null) {
      // Subscribed again later, a guild counts from then, not from a run before it stopped.
      if (since !== null) await store.state.setValue(sinceKey(guildId), undefined);
      if ((await this.lastRun(guildId)) !== null) await store.state.setValue(lastRunKey(guildId), undefined);
      return null;
    }
    if (since?.key === key) return since;
    const last = since === null ? await this.lastRun(guildId) : null;
    const mark: SinceMark = { key, at: (last ?? now()).toISOString(), changed: since !== null };
    await store.state.setValue(sinceKey(guildId), mark);
    return mark;
  }

  /**
   * After which instant a firing of the guild's schedule has not been run: its last run, or when it was
   * first scheduled if it never ran, or when its schedule changed if that is later.
   */
  private async startingPoint(guildId: string, since: SinceMark | null): Promise<Date | null> {
    const last = await this.lastRun(guildId);
    const at = since === null ? null : new Date(since.at);
    if (at === null || last === null) return at ?? last;
    return since?.changed && at > last ? at : last;
  }

  private async since(guildId: string): Promise<SinceMark | null> {
    const parsed = SinceMark.safeParse(await this.deps.store.state.getValue(sinceKey(guildId)));
    return parsed.success ? parsed.data : null;
  }

  private async lastRun(guildId: string): Promise<Date | null> {
    const parsed = RunMark.safeParse(await this.deps.store.state.getValue(lastRunKey(guildId)));
    return parsed.success ? new Date(parsed.data) : null;
  }

  private async fire(guildId: string): Promise<void> {
    const { log, store, now } = this.deps;
    try {
      await this.deps.runGuild(guildId);
      await store.state.setValue(lastRunKey(guildId), now().toISOString());
    } catch (error) {
      log.error({ err: error, guildId }, 'scheduled digest run failed');
    }
  }
}
