import type { ProcessRole, ShardCounts } from './metrics.js';

/**
 * `starting`: connecting, migrating, logging in (alive: 200); `ok`: running (200); `unready`: its Discord shards have
 * not all been ready for longer than the grace (503); `stopping`: shutting down (503).
 */
export type HealthStatus = 'starting' | 'ok' | 'unready' | 'stopping';

/** The body of `GET /healthz`. */
export interface HealthReport {
  status: HealthStatus;
  role: ProcessRole;
  version: string;
  /** Seconds since this process's bot was started. */
  uptimeSeconds: number;
  /** A process that schedules and posts digests: all-in-one, or the leading worker. */
  leader: boolean;
  /** The gateway shards this process holds (absent for a worker). */
  shards?: ShardCounts;
}

export interface HealthOptions {
  role: ProcessRole;
  version: string;
  /**
   * How long the shards may stay not all ready (discord.js reconnecting) before `/healthz` answers 503, ms.
   * Default 5 minutes: a reconnect takes seconds; much longer means the connection is stuck and a restart may help.
   */
  unreadyGraceMs?: number;
  /** Milliseconds on a monotonic clock; default `performance.now`. */
  now?: () => number;
}

/** The liveness of one process, as `/healthz` reports it. */
export class Health {
  private readonly startedAt: number;
  private readonly graceMs: number;
  private readonly now: () => number;
  private phase: 'starting' | 'running' | 'stopping' = 'starting';
  private leading: () => boolean = () => false;
  private shards: (() => ShardCounts) | null = null;
  /** When a check first saw the shards not all ready (since then, never all ready); null while they are. */
  private unreadySince: number | null = null;

  constructor(private readonly options: HealthOptions) {
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.graceMs = options.unreadyGraceMs ?? 5 * 60_000;
  }

  /** Start-up is over: from now on shards that are not ready count against the grace. */
  running(): void {
    if (this.phase === 'starting') this.phase = 'running';
  }

  stopping(): void {
    this.phase = 'stopping';
  }

  setLeaderSource(source: () => boolean): void {
    this.leading = source;
  }

  setShardsSource(source: () => ShardCounts): void {
    this.shards = source;
  }

  /** The report, and whether it is healthy (200) or not (503). */
  check(): { healthy: boolean; report: HealthReport } {
    const now = this.now();
    const shards = this.shards?.();
    const allReady = shards === undefined || (shards.total > 0 && shards.ready === shards.total);
    if (allReady || this.phase !== 'running') this.unreadySince = null;
    else this.unreadySince ??= now;
    let status: HealthStatus;
    if (this.phase === 'stopping') status = 'stopping';
    else if (this.phase === 'starting') status = 'starting';
    else if (this.unreadySince !== null && now - this.unreadySince > this.graceMs) status = 'unready';
    else status = 'ok';
    const report: HealthReport = {
      status,
      role: this.options.role,
      version: this.options.version,
      uptimeSeconds: Math.round((now - this.startedAt) / 1000),
      leader: this.leading(),
      ...(shards ? { shards } : {}),
    };
    return { healthy: status === 'ok' || status === 'starting', report };
  }
}
