import type { Queryable } from './connection.js';

/** A claim was refused: another process became the leader (or this one never was). Nothing was written. */
export class FencedError extends Error {
  override name = 'FencedError';
}

/**
 * The fencing token of the distributed mode. Each new leader bumps `cluster_leader.epoch`; while a process
 * holds a fence, every claim transaction of its delivery store first reads that row (`FOR SHARE`, so a new
 * leader's bump waits for claims in flight) and is refused unless the epoch is still its own. A leader that
 * was paused, lost its lock and woke up again can therefore plan or record nothing.
 *
 * Off (the default, and the all-in-one process): claims are not checked.
 */
export class Fence {
  #active = false;
  #epoch: string | null = null;

  /** Claims from now on need `epoch`; null: this process is not the leader and every claim is refused. */
  hold(epoch: string | null): void {
    this.#active = true;
    this.#epoch = epoch;
  }

  get epoch(): string | null {
    return this.#epoch;
  }

  /** Throws {@link FencedError} unless this process may claim (run inside the claim's transaction). */
  async check(c: Queryable): Promise<void> {
    if (!this.#active) return;
    if (this.#epoch === null) throw new FencedError('this process is not the leader: it may not claim digests');
    const [row] = await c.query<{ epoch: string }>(
      'SELECT epoch::text AS epoch FROM cluster_leader WHERE id = 1 FOR SHARE',
    );
    if (row?.epoch !== this.#epoch) {
      throw new FencedError(
        `leadership passed to epoch ${row?.epoch ?? '?'}; this process (epoch ${this.#epoch}) may no longer claim digests`,
      );
    }
  }
}
