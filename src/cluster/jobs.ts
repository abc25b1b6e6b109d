import type { Db } from '../store/postgres/connection.js';
import type { Fence } from '../store/postgres/fence.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  status: JobStatus;
  result: unknown;
  /** Why it failed; `userError`: a message for the member, not a fault. */
  error: { message: string; userError: boolean } | null;
  attempts: number;
}

interface JobRow {
  id: string;
  kind: string;
  payload: unknown;
  status: JobStatus;
  result: unknown;
  error: string | null;
  attempts: number;
}

const COLUMNS = 'id::text AS id, kind, payload, status, result, error, attempts';

function toJob<P>(row: JobRow): Job<P> {
  let error: Job['error'] = null;
  if (row.error !== null) {
    try {
      error = JSON.parse(row.error) as Job['error'];
    } catch {
      error = { message: row.error, userError: false };
    }
  }
  return { ...row, payload: row.payload as P, error };
}

/**
 * Work a gateway process receives and the leader must do (`/digest run`), through a PostgreSQL table: the
 * gateway inserts a row; the leader claims the oldest queued row with `FOR UPDATE SKIP LOCKED` in a transaction
 * that checks its fence, runs it, and records the result, which the gateway reads back. A job left running by a
 * leader that died is queued again by the next leader (jobs are idempotent: a digest run goes through the
 * ledger).
 */
export class JobQueue {
  constructor(private readonly db: Db) {}

  async enqueue(kind: string, payload: unknown): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO jobs (kind, payload) VALUES ($1, $2) RETURNING id::text AS id',
      [kind, JSON.stringify(payload)],
      { idempotent: false },
    );
    if (!row) throw new Error('the job was not queued');
    return row.id;
  }

  /** The oldest queued job, now running and owned by this leader; null when there is none. */
  async claim(owner: string, fence: Fence): Promise<Job | null> {
    return this.db.transaction(
      async (c) => {
        await fence.check(c);
        const [row] = await c.query<JobRow>(
          `UPDATE jobs SET status = 'running', owner = $1, epoch = $2, started_at = now(), attempts = attempts + 1
           WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
           RETURNING ${COLUMNS}`,
          [owner, fence.epoch],
        );
        return row ? toJob(row) : null;
      },
      { idempotent: false },
    );
  }

  async finish(
    id: string,
    outcome: { result: unknown } | { error: { message: string; userError: boolean } },
  ): Promise<void> {
    const done = 'result' in outcome;
    await this.db.query(
      `UPDATE jobs SET status = $2, result = $3, error = $4, finished_at = now() WHERE id = $1 AND status = 'running'`,
      [
        id,
        done ? 'done' : 'failed',
        done ? JSON.stringify(outcome.result) : null,
        done ? null : JSON.stringify(outcome.error),
      ],
    );
  }

  /** Jobs a previous leader left running go back to the queue (a new leader calls this once elected). */
  async requeueAbandoned(fence: Fence): Promise<number> {
    return this.db.transaction(async (c) => {
      await fence.check(c);
      const rows = await c.query<{ id: string }>(
        `UPDATE jobs SET status = 'queued', owner = NULL WHERE status = 'running' AND epoch IS DISTINCT FROM $1 RETURNING id::text AS id`,
        [fence.epoch],
      );
      return rows.length;
    });
  }

  async get<P = unknown>(id: string): Promise<Job<P> | null> {
    const [row] = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return row ? toJob<P>(row) : null;
  }

  /** Jobs not finished yet (queued or running). */
  async depth(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM jobs WHERE status IN ('queued', 'running')",
    );
    return row?.n ?? 0;
  }

  /**
   * Wait for a job to finish, reading it every `pollMs`; `onRunning` is called once when it is claimed. Null if
   * it is still unfinished after `timeoutMs`.
   */
  async wait<P = unknown>(
    id: string,
    options: { timeoutMs: number; pollMs?: number; onRunning?: () => Promise<void> | void },
  ): Promise<Job<P> | null> {
    const deadline = Date.now() + options.timeoutMs;
    let running = false;
    for (;;) {
      const job = await this.get<P>(id);
      if (!job) throw new Error(`job ${id} is gone`);
      if (job.status === 'done' || job.status === 'failed') return job;
      if (job.status === 'running' && !running) {
        running = true;
        await options.onRunning?.();
      }
      if (Date.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    }
  }

  /** Drop finished jobs older than `days` (the leader calls this now and then). */
  async prune(days = 7): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      `DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < now() - make_interval(days => $1) RETURNING id::text AS id`,
      [days],
    );
    return rows.length;
  }
}

/**
 * Claims and runs jobs while this process leads: polls the queue every `pollMs` (an empty poll is one index
 * probe), one job at a time.
 */
export class JobConsumer {
  #running = false;
  #loop: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #wake: () => void = () => undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly options: {
      owner: string;
      fence: Fence;
      pollMs: number;
      handle(job: Job): Promise<unknown>;
      log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
    },
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#wake();
    await this.#loop;
    this.#loop = null;
  }

  async #run(): Promise<void> {
    const { options, queue } = this;
    while (this.#running) {
      let job: Job | null = null;
      try {
        job = await queue.claim(options.owner, options.fence);
      } catch (error) {
        options.log.warn({ err: error }, 'could not claim a job');
      }
      if (job) {
        try {
          const result = await options.handle(job);
          await queue.finish(job.id, { result: result ?? null });
        } catch (error) {
          const userError = error instanceof Error && error.name === 'UserError';
          if (!userError) options.log.error({ err: error, job: job.id, kind: job.kind }, 'job failed');
          const message = error instanceof Error ? error.message : String(error);
          await queue.finish(job.id, { error: { message, userError } }).catch((e: unknown) => {
            options.log.error({ err: e, job: job?.id }, 'could not record a failed job');
          });
        }
        continue;
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        this.#timer = setTimeout(resolve, options.pollMs);
      });
    }
  }
}
