import { z } from 'zod';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';
import type { GuildSettings, Store } from '../store/types.js';

export interface SchedulerDeps {
  store: Store;
  settingsFor: (guildId: string, stored: GuildSettings | null) => GuildSettings;
  /** Ingest the newest listing and run the guild's digests for it. */
  runGuild: (guildId: string) => Promise<void>;
  now: () => Date;
  log: Logger;
}

/** The `schedule:lastRun:<guild>` mark; one that does not parse counts as never run. */
const lastRunMark = z.iso.datetime();
const CATCH_UP_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const MINUTE = 60_000;

/** The most recent minute at or before `now`, after `after`, at which `task` fires; null if none. */
export function lastFiring(task: Pick<ScheduledTask, 'match'>, after: Date, now: Date): Date | null {
  const start = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const stop = Math.max(after.getTime(), now.getTime() - CATCH_UP_WINDOW_MS);
  for (let t = start; t > stop; t -= MINUTE) {
    const candidate = new Date(t);
    if (task.match(candidate)) return candidate;
  }
  return null;
}

/**
 * One node-cron task per guild (cron + IANA time zone from its settings). Each firing, and each
 * firing missed while the bot was down, runs the guild once. Run exactly one Scheduler per
 * deployment, whatever the number of shards.
 */
export class Scheduler {
  private readonly tasks = new Map<string, { key: string; task: ScheduledTask }>();
  private running = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Create the guilds' tasks, then catch up on what was missed. */
  async start(): Promise<void> {
    this.running = true;
    for (const guildId of await this.deps.store.state.listGuildIds()) await this.sync(guildId);
    await this.catchUp();
  }

  /** (Re)create a guild's task after its schedule changed. */
  async sync(guildId: string): Promise<void> {
    const state = await this.deps.store.state.getGuild(guildId);
    const settings = this.deps.settingsFor(guildId, state.settings);
    const key = `${settings.schedule}|${settings.timezone}`;
    const current = this.tasks.get(guildId);
    const wanted = state.subscriptions.length > 0;
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
    this.tasks.set(guildId, { key, task });
    if (this.running) await task.start();
  }

  /** Run every guild whose schedule fired since its last run (for example while the bot was down). */
  async catchUp(): Promise<string[]> {
    const now = this.deps.now();
    const due: string[] = [];
    for (const [guildId, { task }] of this.tasks) {
      const last = lastRunMark.safeParse(await this.deps.store.state.getValue(`schedule:lastRun:${guildId}`)).data;
      // A guild never run before starts with its next firing, not with a back catalogue.
      if (last === undefined) {
        await this.deps.store.state.setValue(`schedule:lastRun:${guildId}`, now.toISOString());
        continue;
      }
      if (lastFiring(task, new Date(last), now)) due.push(guildId);
    }
    for (const guildId of due) await this.fire(guildId);
    return due;
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const { task } of this.tasks.values()) await task.destroy();
    this.tasks.clear();
  }

  private async fire(guildId: string): Promise<void> {
    const { log, store, now } = this.deps;
    try {
      await this.deps.runGuild(guildId);
      await store.state.setValue(`schedule:lastRun:${guildId}`, now().toISOString());
    } catch (error) {
      log.error({ err: error, guildId }, 'scheduled digest run failed');
    }
  }
}
