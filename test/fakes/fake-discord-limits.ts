/**
 * The fake Discord's limits: rate-limit buckets (per route family and major parameter, plus the global limit)
 * with the headers Discord sends, the 25 MiB request body limit, and the upload limits (10 files, a size per file).
 */
import type { IncomingMessage } from 'node:http';
import type { BucketLimit, BucketName, FakeDiscordOptions, RecordedFile } from './fake-discord-types.js';
import { ApiError, shortHash } from './fake-discord-util.js';
import type { RouteDef } from './fake-discord-routes.js';

export const BODY_LIMIT = 25 * 1024 * 1024;
/** Files per message (D topics/opcodes-and-status-codes.mdx, 30015). */
export const MAX_FILES = 10;

/** What the fake answers: status, JSON body and headers. */
export interface HandledReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Window {
  start: number;
  count: number;
}

/** Fixed windows per bucket and one global window, as configured by `FakeDiscordOptions.rateLimits`. */
export class RateLimiter {
  readonly #options: FakeDiscordOptions;
  readonly #windows = new Map<string, Window>();

  constructor(options: FakeDiscordOptions) {
    this.#options = options;
  }

  bucketLimit(bucket: BucketName): BucketLimit {
    return (
      this.#options.rateLimits?.buckets?.[bucket] ??
      this.#options.rateLimits?.defaultBucket ?? { limit: 1000, windowMs: 1000 }
    );
  }

  window(key: string, limit: BucketLimit, now: number): Window {
    let window = this.#windows.get(key);
    if (!window || now >= window.start + limit.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  retryAfterHeader(seconds: number): string {
    return this.#options.rateLimits?.integerRetryAfter ? String(Math.max(1, Math.ceil(seconds))) : seconds.toFixed(3);
  }

  /** The bucket a request counts in: its route family and major parameter. */
  bucketOf(route: RouteDef | null, params: Record<string, string>): { bucket: BucketName; major: string } {
    if (!route) return { bucket: 'other', major: '' };
    const major =
      params['channel_id'] ??
      params['guild_id'] ??
      (params['webhook_id'] ? `${params['webhook_id']}/${params['webhook_token'] ?? ''}` : undefined) ??
      params['interaction_id'] ??
      '';
    return { bucket: route.bucket, major };
  }

  /** `X-RateLimit-*` headers for a bucket; with `remaining` omitted, the current count is reported. */
  bucketHeaders(at: { bucket: BucketName; major: string }, now: number, remaining?: number): Record<string, string> {
    const limit = this.bucketLimit(at.bucket);
    const window = this.window(`${at.bucket}:${at.major}`, limit, now);
    const resetAt = window.start + limit.windowMs;
    return {
      'X-RateLimit-Limit': String(limit.limit),
      'X-RateLimit-Remaining': String(Math.max(0, remaining ?? limit.limit - window.count)),
      'X-RateLimit-Reset': (resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': (Math.max(0, resetAt - now) / 1000).toFixed(3),
      'X-RateLimit-Bucket': shortHash(at.bucket),
    };
  }

  /** Counts the request in the global and route windows; returns headers for the answer or a 429. */
  rateLimit(route: RouteDef, params: Record<string, string>): HandledReply {
    const now = Date.now();
    const at = this.bucketOf(route, params);
    const limit = this.bucketLimit(at.bucket);
    const window = this.window(`${at.bucket}:${at.major}`, limit, now);
    const globalLimit = this.#options.rateLimits?.global ?? { limit: 50, windowMs: 1000 };
    if (route.global && globalLimit !== false) {
      const g = this.window('global', globalLimit, now);
      if (g.count >= globalLimit.limit) {
        const retryAfter = Math.max(0.001, (g.start + globalLimit.windowMs - now) / 1000);
        return {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global: true },
          headers: {
            ...this.bucketHeaders(at, now),
            'Retry-After': this.retryAfterHeader(retryAfter),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          },
        };
      }
      g.count += 1;
    }
    if (window.count >= limit.limit) {
      const retryAfter = Math.max(0.001, (window.start + limit.windowMs - now) / 1000);
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global: false },
        headers: {
          ...this.bucketHeaders(at, now, 0),
          'Retry-After': this.retryAfterHeader(retryAfter),
          'X-RateLimit-Scope': 'user',
        },
      };
    }
    window.count += 1;
    return { status: 200, body: undefined, headers: this.bucketHeaders(at, now) };
  }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * JSON bodies, or multipart bodies (files) whose JSON sits in `payload_json`; without `payload_json` the other
 * text fields form the body (D reference.mdx, "Uploading Files").
 */
export async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    const fields: Record<string, string> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        else fields[field] = value;
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field, name: value.name, size: data.length, contentType: value.type, data });
      }
    }
    return { body: body ?? (Object.keys(fields).length > 0 ? fields : undefined), files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

/** At most 10 files (400 30015), each at most `sizeLimit` bytes (413 40005, as Discord answers an oversized file). */
export function checkUploads(files: readonly RecordedFile[], sizeLimit: number): void {
  if (files.length > MAX_FILES) throw new ApiError(400, 30015);
  if (files.some((f) => f.size > sizeLimit)) throw new ApiError(413, 40005);
}
