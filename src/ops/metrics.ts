import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { VERSION } from '../version.js';

/** What a process does: everything (`paperboy start`), or one part of the distributed mode. */
export type ProcessRole = 'all-in-one' | 'gateway' | 'worker';

/** How one attempt at delivering a digest ended (see DeliveryStatus in src/digest/deliver.ts). */
export type DigestOutcome = 'sent' | 'pending' | 'failed';

/** A number now, or once a query answers; read when Prometheus scrapes. */
export type Source<T> = () => T | Promise<T>;

/** The gateway shards this process holds, and how many of them are connected and ready. */
export interface ShardCounts {
  ready: number;
  total: number;
}

export interface MetricsOptions {
  role: ProcessRole;
  /** Include the Node process's own metrics (CPU, memory, event loop, GC); default true. */
  processMetrics?: boolean;
}

let processRegistry: Registry | null = null;

/**
 * The Node process's default metrics, collected once per process: they describe the process, not a bot, and each
 * collection starts observers (GC, event-loop delay) that are never stopped.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** HTTP status class of a response (`2xx` … `5xx`). */
function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/**
 * One process's metrics, in a registry of its own (never prom-client's global one, so several bots in one process
 * do not collide), exposed as Prometheus text by src/ops/server.ts. Every Paperboy metric is named `paperboy_…`.
 * The code that does the work calls the small recording methods; gauges that describe state elsewhere (the job
 * queue, the shards) read a source function when scraped.
 */
export class Metrics {
  /** Paperboy's own metrics. */
  readonly registry = new Registry();
  private readonly exposed: Registry;

  private readonly digests: Counter<'outcome'>;
  private readonly messagesPosted: Counter;
  private readonly messagesRefused: Counter;
  private readonly digestRuns: Histogram;
  private readonly discordResponses: Counter<'class'>;
  private readonly discord429s: Counter<'scope'>;
  private readonly discordWaits: Counter<'global'>;
  private readonly arxivRequests: Counter<'status'>;
  private readonly ingests: Counter<'outcome'>;
  private readonly papersIngested: Counter;
  private readonly authorSearches: Counter<'outcome'>;
  private readonly lastIngest: Gauge;
  private readonly leader: Gauge;

  private queueDepth: Source<number> = () => 0;
  private shards: Source<ShardCounts> | null = null;

  constructor(options: MetricsOptions) {
    const registers = [this.registry];
    new Gauge({
      name: 'paperboy_info',
      help: 'Always 1; the labels say what this process is.',
      labelNames: ['role', 'version'],
      registers,
    }).set({ role: options.role, version: VERSION }, 1);
    this.digests = new Counter({
      name: 'paperboy_digests_total',
      help: 'Digest delivery attempts by outcome: sent; pending (stopped or failed for now, resumed later); failed (given up).',
      labelNames: ['outcome'],
      registers,
    });
    this.messagesPosted = new Counter({
      name: 'paperboy_messages_posted_total',
      help: 'Digest messages (and forum posts) Discord accepted.',
      registers,
    });
    this.messagesRefused = new Counter({
      name: 'paperboy_messages_refused_total',
      help: 'Digest messages Discord refused for good (400); the rest of their digest was posted.',
      registers,
    });
    this.digestRuns = new Histogram({
      name: 'paperboy_digest_run_duration_seconds',
      help: "Time to run one server's digests for a listing: planning and sending every channel.",
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers,
    });
    this.discordResponses = new Counter({
      name: 'paperboy_discord_responses_total',
      help: 'Responses of the Discord REST API, by status class (each retry counts).',
      labelNames: ['class'],
      registers,
    });
    this.discord429s = new Counter({
      name: 'paperboy_discord_rate_limited_total',
      help: 'Discord REST answers 429 (Too Many Requests), by X-RateLimit-Scope: user, global or shared.',
      labelNames: ['scope'],
      registers,
    });
    this.discordWaits = new Counter({
      name: 'paperboy_discord_rate_limit_waits_total',
      help: 'Times discord.js held a request back to stay under a known rate limit (no 429 involved).',
      labelNames: ['global'],
      registers,
    });
    this.arxivRequests = new Counter({
      name: 'paperboy_arxiv_requests_total',
      help: 'Requests to arXiv (each retry counts) by HTTP status; "error" when no answer came (timeout, reset, refused).',
      labelNames: ['status'],
      registers,
    });
    this.ingests = new Counter({
      name: 'paperboy_ingests_total',
      help: 'Listing ingests by outcome: ok, not-modified (the listing had not changed), failed.',
      labelNames: ['outcome'],
      registers,
    });
    this.papersIngested = new Counter({
      name: 'paperboy_papers_ingested_total',
      help: 'Papers new to the archive, brought in by listing ingests.',
      registers,
    });
    this.authorSearches = new Counter({
      name: 'paperboy_author_searches_total',
      help: 'API searches for followed authors by outcome: answered; skipped (over the per-ingest bound, or after a failed one), left for the next ingest.',
      labelNames: ['outcome'],
      registers,
    });
    this.lastIngest = new Gauge({
      name: 'paperboy_last_ingest_timestamp_seconds',
      help: 'Unix time of the last successful listing ingest (a 304 counts); 0 before the first.',
      registers,
    });
    this.leader = new Gauge({
      name: 'paperboy_leader',
      help: '1 while this process schedules and posts digests (the leader, or an all-in-one process), else 0.',
      registers,
    });
    const queue = (): Source<number> => this.queueDepth;
    new Gauge({
      name: 'paperboy_queue_depth',
      help: 'Jobs (/digest run) queued for the leader or running, not finished; 0 for an all-in-one process.',
      registers,
      async collect() {
        this.set(await orNaN(queue()));
      },
    });
    const shards = (): Source<ShardCounts> | null => this.shards;
    const shardGauge = (name: string, help: string, pick: (counts: ShardCounts) => number): void => {
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const source = shards();
          if (source) this.set(await orNaN(async () => pick(await source())));
        },
      });
    };
    shardGauge('paperboy_shards_ready', 'Gateway shards of this process connected and ready.', (s) => s.ready);
    shardGauge('paperboy_shards', 'Gateway shards this process holds (0 for a worker).', (s) => s.total);
    this.exposed = options.processMetrics === false ? this.registry : Registry.merge([processMetrics(), this.registry]);
  }

  /** The `Content-Type` of {@link text}. */
  get contentType(): string {
    return this.exposed.contentType;
  }

  /** Every metric in the Prometheus text format, sources read now. */
  text(): Promise<string> {
    return this.exposed.metrics();
  }

  digestDelivered(outcome: DigestOutcome): void {
    this.digests.inc({ outcome });
  }

  messagePosted(): void {
    this.messagesPosted.inc();
  }

  messageRefused(): void {
    this.messagesRefused.inc();
  }

  /** Start timing a server's digest run; call the result when it ends. */
  digestRunStarted(): () => void {
    const end = this.digestRuns.startTimer();
    return () => void end();
  }

  /** A response of the Discord REST API; `scope` is its X-RateLimit-Scope header (429s carry it). */
  discordResponse(status: number, scope: string | null): void {
    this.discordResponses.inc({ class: statusClass(status) });
    if (status === 429) this.discord429s.inc({ scope: scope === 'global' || scope === 'shared' ? scope : 'user' });
  }

  discordRateLimitWait(global: boolean): void {
    this.discordWaits.inc({ global: String(global) });
  }

  /** An attempt at an arXiv request: its HTTP status, or null when no answer came. */
  arxivRequest(status: number | null): void {
    this.arxivRequests.inc({ status: status === null ? 'error' : String(status) });
  }

  /** A listing ingest that succeeded at `at`, adding `added` papers to the archive. */
  ingestSucceeded(at: Date, added: number, notModified: boolean): void {
    this.ingests.inc({ outcome: notModified ? 'not-modified' : 'ok' });
    this.papersIngested.inc(added);
    this.lastIngest.set(at.getTime() / 1000);
  }

  /** An ingest's searches for followed authors: how many were answered and how many left for the next. */
  authorSearched(answered: number, skipped: number): void {
    this.authorSearches.inc({ outcome: 'answered' }, answered);
    this.authorSearches.inc({ outcome: 'skipped' }, skipped);
  }

  ingestFailed(): void {
    this.ingests.inc({ outcome: 'failed' });
  }

  setLeader(leading: boolean): void {
    this.leader.set(leading ? 1 : 0);
  }

  /** Where `paperboy_queue_depth` comes from when scraped. */
  setQueueDepthSource(source: Source<number>): void {
    this.queueDepth = source;
  }

  /** Where `paperboy_shards_ready` and `paperboy_shards` come from when scraped. */
  setShardsReadySource(source: Source<ShardCounts>): void {
    this.shards = source;
  }
}

/** A source's value, or NaN when it cannot be read (the database is down): unknown, not zero. */
async function orNaN(source: Source<number>): Promise<number> {
  try {
    return await source();
  } catch {
    return Number.NaN;
  }
}
