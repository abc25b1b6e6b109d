/**
 * A sliding-window limit per key (a Discord user): at most `limit` events in any `windowMs`.
 * In memory, per process: it protects this process from one member flooding it, nothing more.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();
  private sweeps = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a whole number ≥ 1');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be > 0');
  }

  /**
   * Count one event for `key` at `now` (ms) if the key is under its limit.
   * @returns `{ ok: true }`, or how long until the oldest event in the window leaves it.
   */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const since = now - this.windowMs;
    const recent = (this.events.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      const oldest = recent[0] ?? now;
      return { ok: false, retryAfterMs: Math.max(1, oldest + this.windowMs - now) };
    }
    recent.push(now);
    this.events.set(key, recent);
    if (++this.sweeps % 256 === 0) this.sweep(since);
    return { ok: true };
  }

  /** Forget keys with no event in the window, so the map stays as small as the set of active users. */
  private sweep(since: number): void {
    for (const [key, times] of this.events) {
      if ((times[times.length - 1] ?? 0) <= since) this.events.delete(key);
    }
  }
}

/**
 * One sliding-window limiter per owner (a running app), made on first use with the owner's limit: what a
 * command module keeps to budget each member's requests.
 */
export class MemberBudget<Owner extends object> {
  readonly #limiters = new WeakMap<Owner, SlidingWindowLimiter>();

  constructor(
    private readonly limitOf: (owner: Owner) => number,
    private readonly windowMs: number,
  ) {}

  take(owner: Owner, userId: string, now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    let limiter = this.#limiters.get(owner);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(this.limitOf(owner), this.windowMs);
      this.#limiters.set(owner, limiter);
    }
    return limiter.take(userId, now);
  }
}
