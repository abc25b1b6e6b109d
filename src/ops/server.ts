import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Env } from '../env.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { VERSION } from '../version.js';
import { Health } from './health.js';
import { Metrics, type ProcessRole } from './metrics.js';

export interface OpsServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  metrics: Metrics;
  health: Health;
  log: Logger;
}

export interface OpsServer {
  /** Where it listens (the real port when asked for 0). */
  address(): { host: string; port: number };
  close(): Promise<void>;
}

/** Thrown when the health and metrics server cannot listen (the port is taken, the host is not this machine's). */
export class OpsServerError extends Error {
  override name = 'OpsServerError';
}

const ROUTES = new Set(['/healthz', '/metrics']);

/**
 * A small HTTP server for the process's operators: `GET /healthz` (liveness, JSON) and `GET /metrics` (Prometheus
 * text). HEAD is answered like GET without a body; other methods get 405, other paths 404.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { metrics, health, log } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!ROUTES.has(path)) return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, req, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    if (path === '/healthz') {
      const { healthy, report } = health.check();
      return send(res, req, healthy ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`);
    }
    return send(res, req, 200, metrics.contentType, await metrics.text());
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'health and metrics server: request failed');
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  // Scrapers keep connections alive; closing must not wait for them.
  server.keepAliveTimeout = 5_000;
  await listen(server, options.port, options.host);
  const address = server.address() as AddressInfo;
  log.info({ host: address.address, port: address.port }, 'serving /healthz and /metrics');
  let closing: Promise<void> | null = null;
  return {
    address: () => ({ host: address.address, port: address.port }),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'the port is already in use'
          : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
            ? 'the host is not an address of this machine'
            : error.code === 'EACCES'
              ? 'permission denied (ports below 1024 need privileges)'
              : errorMessage(error);
      reject(
        new OpsServerError(
          `Cannot serve /healthz and /metrics on ${host}:${port}: ${why}. Set PAPERBOY_METRICS_PORT (and PAPERBOY_METRICS_HOST), or leave the port empty to serve none.`,
          { cause: error },
        ),
      );
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** A process's metrics, health and, when configured, the server exposing them. */
export interface Ops {
  metrics: Metrics;
  health: Health;
  /** Where `/healthz` and `/metrics` are served; null when PAPERBOY_METRICS_PORT is unset. */
  address(): { host: string; port: number } | null;
  /** `/healthz` answers 503 from now on. */
  stopping(): void;
  /** Stop serving. */
  close(): Promise<void>;
}

export interface OpsOptions {
  role: ProcessRole;
  log: Logger;
  /** See {@link HealthOptions.unreadyGraceMs}. */
  unreadyGraceMs?: number;
}

/**
 * The metrics and health of a process starting up, served on PAPERBOY_METRICS_HOST:PAPERBOY_METRICS_PORT when the
 * port is set. Started first, so that `/healthz` answers while the process connects.
 */
export async function startOps(
  env: Pick<Env, 'PAPERBOY_METRICS_PORT' | 'PAPERBOY_METRICS_HOST'>,
  options: OpsOptions,
): Promise<Ops> {
  const port = env.PAPERBOY_METRICS_PORT;
  // Without a server nobody reads the Node process metrics: their observers are not started.
  const metrics = new Metrics({ role: options.role, processMetrics: port !== undefined });
  const health = new Health({
    role: options.role,
    version: VERSION,
    ...(options.unreadyGraceMs === undefined ? {} : { unreadyGraceMs: options.unreadyGraceMs }),
  });
  const server =
    port === undefined
      ? null
      : await startOpsServer({ port, host: env.PAPERBOY_METRICS_HOST, metrics, health, log: options.log });
  return {
    metrics,
    health,
    address: () => server?.address() ?? null,
    stopping: () => health.stopping(),
    close: async () => {
      health.stopping();
      await server?.close();
    },
  };
}
