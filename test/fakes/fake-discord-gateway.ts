/**
 * The gateway half of the fake Discord: plain-JSON websocket sessions with HELLO, IDENTIFY/READY,
 * heartbeats, RESUME with replay, INVALID_SESSION and Discord's close-code semantics; sharding as Discord
 * does it (events routed by `(guild_id >> 22) % num_shards`, identifies paced by `max_concurrency`, 4010/4011).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { isRecord, randomToken, type JsonObject } from './fake-discord-util.js';

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/** Close codes after which Discord lets the client resume the same session. */
export const RESUMABLE_CLOSE_CODES: ReadonlySet<number> = new Set([4000, 4001, 4002, 4003, 4005, 4008]);

/** Privileged intents: GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

/** Each identify rate-limit key (`shard_id % max_concurrency`) allows one IDENTIFY per this many ms. */
export const IDENTIFY_WINDOW_MS = 5000;
/**
 * Slack on that window for the time a paced IDENTIFY spends on the wire: a client that waits 5 s after sending the
 * last one may be read a few ms sooner here; a client that does not wait sends within milliseconds.
 */
const IDENTIFY_SLACK_MS = 100;

/** The shard a guild's events go to: `(guild_id >> 22) % num_shards`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export interface GatewayHost {
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  readonly allowedPrivilegedIntents: number;
  /** IDENTIFYs allowed at once: one per 5 s per key `shard_id % maxConcurrency`. */
  readonly maxConcurrency: number;
  /** More guilds than this on one session: close 4011. */
  readonly maxGuildsPerShard: number;
  /** The identify window, ms (IDENTIFY_WINDOW_MS; 0: not enforced). */
  readonly identifyWindowMs: number;
  resumeUrl(): string;
  readyUser(): JsonObject;
  readyApplication(): JsonObject;
  /** Guild ids that belong to the shard (available or not). */
  guildsForShard(shardId: number, shardCount: number): { id: string; unavailable: boolean }[];
  guildCreatePayload(guildId: string): JsonObject;
}

interface Frame {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

export interface GatewaySession {
  readonly id: string;
  readonly shard: [number, number];
  readonly intents: number;
  seq: number;
  resumable: boolean;
  socket: WebSocket | null;
  readonly buffer: Frame[];
}

export interface GatewayConnectionInfo {
  path: string;
  query: Record<string, string>;
  at: number;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  failedResumes: number;
  heartbeats: number;
  /** Sockets currently open. */
  open: number;
}

/** An IDENTIFY refused for coming too soon after another of the same rate-limit key. */
export interface IdentifyViolation {
  at: number;
  shard: [number, number];
  /** `shard_id % max_concurrency`. */
  key: number;
  /** How long the client should still have waited, ms. */
  earlyByMs: number;
}

/** A session started by an IDENTIFY. */
export interface SessionStart {
  at: number;
  shard: [number, number];
  key: number;
}

/** One dispatch as a session received it (or had it buffered for replay). */
export interface DispatchRecord {
  sessionId: string;
  shard: [number, number];
  t: string;
  guildId: string | null;
}

export interface DisconnectOptions {
  shardId?: number;
  reason?: string;
}

interface Connection {
  socket: WebSocket;
  session: GatewaySession | null;
  closingByServer: boolean;
}

const REPLAY_LIMIT = 1000;

const shardKey = (shard: readonly [number, number]): string => `${shard[0]}/${shard[1]}`;

export class FakeGateway {
  readonly #host: GatewayHost;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<Connection>();
  readonly #sessions = new Map<string, GatewaySession>();
  /** The session each `[shard_id, num_shards]` currently speaks through. */
  readonly #current = new Map<string, GatewaySession>();
  /** When each identify rate-limit key last started a session (real time: clients pace by it). */
  readonly #lastIdentify = new Map<number, number>();
  readonly connectionLog: GatewayConnectionInfo[] = [];
  readonly identifyPayloads: JsonObject[] = [];
  /** Sessions started, in order, with their identify rate-limit key. */
  readonly sessionStarts: SessionStart[] = [];
  /** IDENTIFYs refused with op 9 for breaking the `max_concurrency` pacing. */
  readonly identifyViolations: IdentifyViolation[] = [];
  /** Every dispatch, in order, with the session it went to. */
  readonly dispatchLog: DispatchRecord[] = [];
  readonly stats: Omit<GatewayStats, 'open'> = {
    connections: 0,
    identifies: 0,
    resumes: 0,
    failedResumes: 0,
    heartbeats: 0,
  };
  ackHeartbeats = true;

  constructor(host: GatewayHost) {
    this.#host = host;
  }

  /** Takes an HTTP upgrade for `/gateway` or `/gateway/resume`; returns false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway/resume') return false;
    const query = Object.fromEntries(url.searchParams);
    this.connectionLog.push({ path: url.pathname, query, at: Date.now() });
    // Only plain JSON is spoken: zlib-stream or ETF would be misread by the fake.
    if ((query['encoding'] ?? 'json') !== 'json' || query['compress'] !== undefined) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return true;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws));
    return true;
  }

  #onConnection(socket: WebSocket): void {
    const connection: Connection = { socket, session: null, closingByServer: false };
    this.#connections.add(connection);
    this.stats.connections += 1;
    socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
    socket.on('close', (code) => this.#onClose(connection, code));
    socket.on('error', () => socket.terminate());
    void this.#send(connection.socket, {
      op: GatewayOp.Hello,
      d: { heartbeat_interval: this.#host.heartbeatIntervalMs },
    });
  }

  #send(socket: WebSocket, payload: unknown): Promise<void> {
    if (socket.readyState !== WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => socket.send(JSON.stringify(payload), () => resolve()));
  }

  #close(connection: Connection, code: number, reason = ''): void {
    connection.closingByServer = true;
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.close(code, reason);
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.#close(connection, 4002, 'Decode error');
      return;
    }
    let payload: unknown;
    try {
      const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      payload = JSON.parse(bytes.toString('utf8'));
    } catch {
      this.#close(connection, 4002, 'Decode error');
      return;
    }
    if (!isRecord(payload) || typeof payload['op'] !== 'number') {
      this.#close(connection, 4002, 'Decode error');
      return;
    }
    const d = payload['d'];
    switch (payload['op']) {
      case GatewayOp.Heartbeat:
        this.stats.heartbeats += 1;
        if (this.ackHeartbeats) void this.#send(connection.socket, { op: GatewayOp.HeartbeatAck });
        return;
      case GatewayOp.Identify:
        this.#identify(connection, isRecord(d) ? d : {});
        return;
      case GatewayOp.Resume:
        this.#resume(connection, isRecord(d) ? d : {});
        return;
      case GatewayOp.PresenceUpdate:
      case GatewayOp.VoiceStateUpdate:
      case GatewayOp.RequestGuildMembers:
        if (!connection.session) this.#close(connection, 4003, 'Not authenticated');
        return;
      default:
        this.#close(connection, 4001, 'Unknown opcode');
    }
  }

  #identify(connection: Connection, d: JsonObject): void {
    if (connection.session) {
      this.#close(connection, 4005, 'Already authenticated');
      return;
    }
    this.identifyPayloads.push(d);
    if (d['token'] !== this.#host.token) {
      this.#close(connection, 4004, 'Authentication failed');
      return;
    }
    const rawShard = Array.isArray(d['shard']) ? d['shard'] : [0, 1];
    const shard: [number, number] = [Number(rawShard[0] ?? 0), Number(rawShard[1] ?? 1)];
    if (
      !Number.isInteger(shard[0]) ||
      !Number.isInteger(shard[1]) ||
      shard[1] < 1 ||
      shard[0] < 0 ||
      shard[0] >= shard[1]
    ) {
      this.#close(connection, 4010, 'Invalid shard');
      return;
    }
    const intents = typeof d['intents'] === 'number' ? d['intents'] : -1;
    if (intents < 0) {
      this.#close(connection, 4013, 'Invalid intent(s)');
      return;
    }
    if (intents & PRIVILEGED_INTENTS & ~this.#host.allowedPrivilegedIntents) {
      this.#close(connection, 4014, 'Disallowed intent(s)');
      return;
    }
    const guilds = this.#host.guildsForShard(shard[0], shard[1]);
    if (guilds.length > this.#host.maxGuildsPerShard) {
      this.#close(connection, 4011, 'Sharding required');
      return;
    }
    // Discord answers an IDENTIFY over the max_concurrency pacing with op 9 (docs: gateway, "Rate Limiting").
    const key = shard[0] % this.#host.maxConcurrency;
    const now = Date.now();
    const last = this.#lastIdentify.get(key);
    const window = this.#host.identifyWindowMs;
    if (last !== undefined && now - last < window - IDENTIFY_SLACK_MS) {
      this.identifyViolations.push({ at: now, shard, key, earlyByMs: last + window - now });
      void this.#send(connection.socket, { op: GatewayOp.InvalidSession, d: false });
      return;
    }
    this.#lastIdentify.set(key, now);
    this.sessionStarts.push({ at: now, shard, key });
    this.stats.identifies += 1;
    const previous = this.#current.get(shardKey(shard));
    if (previous) previous.resumable = false;
    const session: GatewaySession = {
      id: randomToken(16),
      shard,
      intents,
      seq: 0,
      resumable: true,
      socket: connection.socket,
      buffer: [],
    };
    this.#sessions.set(session.id, session);
    this.#current.set(shardKey(shard), session);
    connection.session = session;

    void this.#emit(session, 'READY', {
      v: 10,
      user: this.#host.readyUser(),
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.#host.resumeUrl(),
      shard,
      application: this.#host.readyApplication(),
      user_settings: {},
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['["fake-discord",{"micros":0}]'],
    });
    for (const guild of guilds) {
      if (!guild.unavailable) {
        void this.#emit(session, 'GUILD_CREATE', this.#host.guildCreatePayload(guild.id), guild.id);
      }
    }
  }

  #resume(connection: Connection, d: JsonObject): void {
    const session = typeof d['session_id'] === 'string' ? this.#sessions.get(d['session_id']) : undefined;
    if (
      !session ||
      !session.resumable ||
      d['token'] !== this.#host.token ||
      this.#current.get(shardKey(session.shard)) !== session
    ) {
      this.stats.failedResumes += 1;
      void this.#send(connection.socket, { op: GatewayOp.InvalidSession, d: false });
      return;
    }
    this.stats.resumes += 1;
    if (session.socket && session.socket !== connection.socket) {
      const stale = [...this.#connections].find((c) => c.socket === session.socket);
      if (stale) this.#close(stale, 4000, 'Session resumed elsewhere');
    }
    session.socket = connection.socket;
    connection.session = session;
    const seq = typeof d['seq'] === 'number' ? d['seq'] : 0;
    for (const frame of session.buffer) {
      if (frame.s > seq) void this.#send(connection.socket, frame);
    }
    void this.#emit(session, 'RESUMED', { _trace: ['["fake-discord",{"micros":0}]'] });
  }

  #onClose(connection: Connection, code: number): void {
    this.#connections.delete(connection);
    const session = connection.session;
    if (!session || session.socket !== connection.socket) return;
    session.socket = null;
    // A client that closes normally ends its session (docs: gateway, "Disconnecting").
    if (!connection.closingByServer && (code === 1000 || code === 1001)) session.resumable = false;
  }

  #emit(session: GatewaySession, t: string, d: unknown, guildId: string | null = null): Promise<void> {
    this.dispatchLog.push({ sessionId: session.id, shard: session.shard, t, guildId });
    session.seq += 1;
    const frame: Frame = { op: 0, t, s: session.seq, d };
    session.buffer.push(frame);
    if (session.buffer.length > REPLAY_LIMIT) session.buffer.shift();
    return session.socket ? this.#send(session.socket, frame) : Promise.resolve();
  }

  /**
   * Sessions that a dispatch should reach: those of one shard id, or those owning the guild
   * (`(guild_id >> 22) % num_shards`, with the count each session identified with); an event without a guild
   * goes to shard 0 only, as Discord sends DMs.
   */
  #targets(guildId: string | null, shardId: number | undefined): GatewaySession[] {
    const sessions = [...this.#current.values()];
    if (shardId !== undefined) return sessions.filter((s) => s.shard[0] === shardId);
    if (guildId !== null) return sessions.filter((s) => shardOf(guildId, s.shard[1]) === s.shard[0]);
    return sessions.filter((s) => s.shard[0] === 0);
  }

  /**
   * Sends a dispatch; while a session's socket is down the frame is buffered and replayed on RESUME.
   * `requiredIntent` filters by the session's IDENTIFY intents (0 = always delivered).
   */
  async dispatch(
    t: string,
    d: unknown,
    options: { guildId?: string | null; shardId?: number; requiredIntent?: number; strict?: boolean } = {},
  ): Promise<number> {
    const targets = this.#targets(options.guildId ?? null, options.shardId).filter(
      (s) => !options.requiredIntent || (s.intents & options.requiredIntent) !== 0,
    );
    if (targets.length === 0 && options.strict) {
      throw new Error(`no gateway session to dispatch ${t} to (has the client logged in?)`);
    }
    await Promise.all(targets.map((s) => this.#emit(s, t, d, options.guildId ?? null)));
    return targets.length;
  }

  #connectionsFor(shardId: number | undefined): Connection[] {
    return [...this.#connections].filter(
      (c) => c.session !== null && (shardId === undefined || c.session.shard[0] === shardId),
    );
  }

  /**
   * Closes the shard's socket with `code`. Codes in RESUMABLE_CLOSE_CODES keep the session resumable;
   * any other code ends it, as Discord does (4004/4010-4014 also stop discord.js from reconnecting).
   * 1006 terminates the TCP connection without a close frame.
   */
  async disconnect(code = 4000, options: DisconnectOptions = {}): Promise<void> {
    const targets = this.#connectionsFor(options.shardId);
    await Promise.all(
      targets.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.session && !RESUMABLE_CLOSE_CODES.has(code) && code !== 1006) c.session.resumable = false;
            c.socket.once('close', () => resolve());
            if (code === 1006) {
              c.closingByServer = true;
              c.socket.terminate();
            } else {
              this.#close(c, code, options.reason ?? '');
            }
          }),
      ),
    );
  }

  /** Sends op 9; with `resumable` false the session is gone and the client must IDENTIFY again. */
  async invalidateSession(resumable: boolean, options: { shardId?: number } = {}): Promise<void> {
    const targets = this.#connectionsFor(options.shardId);
    for (const c of targets) if (c.session && !resumable) c.session.resumable = false;
    await Promise.all(targets.map((c) => this.#send(c.socket, { op: GatewayOp.InvalidSession, d: resumable })));
  }

  /** Sends op 7 RECONNECT: the client should reconnect and resume. */
  async requestReconnect(options: { shardId?: number } = {}): Promise<void> {
    await Promise.all(
      this.#connectionsFor(options.shardId).map((c) => this.#send(c.socket, { op: GatewayOp.Reconnect, d: null })),
    );
  }

  sessions(): GatewaySession[] {
    return [...this.#current.values()];
  }

  openSockets(): number {
    return this.#connections.size;
  }

  close(): void {
    for (const c of this.#connections) c.socket.terminate();
    this.#connections.clear();
    this.#wss.close();
  }
}
