import pg from 'pg';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';

/** Arbitrary constant: the session advisory lock the scheduling leader holds ("pbld"). */
export const LEADER_LOCK = 0x70626c64;

export interface LeaderOptions {
  url: string;
  /** Who this is, stored with the epoch and logged: host name and pid. */
  holder: string;
  /**
   * How long a leader that stops answering keeps the lock, ms. The lock's session is ended by the server after
   * this much silence (`idle_session_timeout`, TCP keepalives and `tcp_user_timeout` for a host that vanished), and a
   * leader whose heartbeat has not come back for this long steps down by itself. Default 15 s.
   */
  leaseMs: number;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** This process became the leader: the new epoch (a decimal string; bigint in the database). */
  onElected(epoch: string): Promise<void>;
  /** This process is no longer the leader (lost its connection, stepped down, or is stopping). */
  onDeposed(reason: string): Promise<void>;
}

/**
 * Leader election over PostgreSQL: a session advisory lock on a dedicated connection (never a pool's: a
 * recycled connection would hand leadership away silently) and a fencing epoch bumped by each new leader.
 * Standbys try the lock every `leaseMs / 5`; the leader sends a heartbeat every `leaseMs / 5` and steps down
 * when one fails or the epoch is no longer its own. A killed leader's lock goes at once (its socket closes); a
 * paused or vanished one's when the server ends its silent session, within `leaseMs`.
 */
export class LeaderElector {
  #client: pg.Client | null = null;
  #epoch: string | null = null;
  #stopped = false;
  #loop: Promise<void> | null = null;
  #wake: () => void = () => undefined;

  constructor(private readonly options: LeaderOptions) {}

  get isLeader(): boolean {
    return this.#epoch !== null;
  }

  get epoch(): string | null {
    return this.#epoch;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Step down (releasing the lock) and stop trying. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake();
    await this.#loop;
  }

  /** Throws unless this process is the leader of the newest epoch right now (one round trip). */
  async verify(): Promise<void> {
    const client = this.#client;
    const mine = this.#epoch;
    if (!client || mine === null) throw new Error('this process is not the leader');
    const { rows } = await client.query<{ epoch: string }>(
      'SELECT epoch::text AS epoch FROM cluster_leader WHERE id = 1',
    );
    if (rows[0]?.epoch !== mine) throw new Error(`leadership passed to epoch ${rows[0]?.epoch ?? '?'}`);
  }

  get #interval(): number {
    return Math.max(50, Math.floor(this.options.leaseMs / 5));
  }

  async #run(): Promise<void> {
    const { log } = this.options;
    while (!this.#stopped) {
      try {
        if (await this.#tryAcquire()) await this.#lead();
      } catch (error) {
        log.warn({ err: errorMessage(error) }, 'leader election: PostgreSQL unavailable; trying again');
      }
      await this.#drop();
      if (!this.#stopped) await this.#pause(this.#interval);
    }
  }

  /** Wait `ms`, or less if stop() is called. */
  async #pause(ms: number): Promise<void> {
    // A referenced timer on purpose: a standby worker has nothing else keeping its event loop alive once its
    // pool's idle connections close, and must not exit while it waits for its turn.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  async #connect(): Promise<pg.Client> {
    const lease = this.options.leaseMs;
    const seconds = Math.max(1, Math.round(lease / 3000));
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: 'paperboy-leader',
      keepAlive: true,
      keepAliveInitialDelayMillis: Math.max(1000, Math.floor(lease / 3)),
      connectionTimeoutMillis: Math.max(1000, lease),
      query_timeout: Math.max(1000, lease),
    });
    client.on('error', (error) => {
      // The lock went with the connection: the heartbeat sees it and steps down.
      this.options.log.warn({ err: errorMessage(error) }, 'leader connection failed');
    });
    await client.connect();
    // The server ends a session that stays silent for a lease (a paused leader), and notices a vanished host
    // within about a lease through TCP keepalives and tcp_user_timeout; either releases the lock.
    await client.query(`SET idle_session_timeout = ${Math.max(1000, lease)}`);
    await client.query(
      `SET tcp_keepalives_idle = ${seconds}; SET tcp_keepalives_interval = ${seconds}; SET tcp_keepalives_count = 3; SET tcp_user_timeout = ${Math.max(1000, lease)}`,
    );
    return client;
  }

  async #tryAcquire(): Promise<boolean> {
    const client = await this.#connect();
    this.#client = client;
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      LEADER_LOCK,
    ]);
    if (!rows[0]?.locked) return false;
    const bumped = await client.query<{ epoch: string }>(
      'UPDATE cluster_leader SET epoch = epoch + 1, holder = $1, since = now() WHERE id = 1 RETURNING epoch::text AS epoch',
      [this.options.holder],
    );
    const epoch = bumped.rows[0]?.epoch;
    if (!epoch) throw new Error('cluster_leader has no row: the schema is not migrated');
    this.#epoch = epoch;
    this.options.log.info({ epoch, holder: this.options.holder }, 'elected leader');
    try {
      await this.options.onElected(epoch);
    } catch (error) {
      this.options.log.error({ err: error, epoch }, 'could not start leading; stepping down');
      this.#epoch = null;
      await this.options.onDeposed('failed to start leading');
      return false;
    }
    return true;
  }

  /** Heartbeat until the lock or the epoch is lost, or stop() is called. */
  async #lead(): Promise<void> {
    let reason = 'stopping';
    let lastGood = Date.now();
    while (!this.#stopped) {
      await this.#pause(this.#interval);
      if (this.#stopped) break;
      try {
        await this.verify();
        lastGood = Date.now();
      } catch (error) {
        const message = errorMessage(error);
        // A lost connection means a lost lock; a changed epoch means another leader: step down at once.
        if (!this.#client || /leadership passed|not the leader|terminat|Connection|ECONN/i.test(message)) {
          reason = message;
          break;
        }
        if (Date.now() - lastGood >= this.options.leaseMs) {
          reason = `no heartbeat for ${Date.now() - lastGood} ms (${message})`;
          break;
        }
      }
    }
    this.options.log.warn({ epoch: this.#epoch, reason }, 'no longer the leader');
    this.#epoch = null;
    await this.options.onDeposed(reason);
  }

  /** Close the dedicated connection; the server releases the lock with it. */
  async #drop(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    this.#epoch = null;
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
