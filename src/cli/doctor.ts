/**
 * `paperboy doctor [--json] [--offline]`: is everything in place for the bot to work? The configuration, the token
 * and application id (Discord REST), the database, arXiv (one polite request), and per server: the subscribed
 * channels with the bot's permissions there, paused subscriptions and the next run. Exit 0 when all is well,
 * else 1 with one line per problem and what to do about it.
 */
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { defaults } from '../../config/defaults.js';
import { PoliteFetcher } from '../arxiv/http.js';
import { ConfigError, loadEnv, type Env } from '../env.js';
import { nextRun } from '../schedule/cron.js';
import { describePostgres, openStore, parseDatabaseUrl, type Store } from '../store/index.js';
import { Connection } from '../store/sqlite/connection.js';
import { SCHEMA_VERSION } from '../store/sqlite/schema.js';
import type { CliArxivOptions } from './arxiv.js';
import type { Printer } from './common.js';
import { errorMessage } from '../errors.js';

/** One finding: `ok`, `skipped` (not checked, and why), or a `problem` with what to do. */
export interface Check {
  area: 'config' | 'discord' | 'database' | 'arxiv' | 'server';
  status: 'ok' | 'problem' | 'skipped';
  detail: string;
  /** For a problem: what to do about it. */
  fix?: string;
}

export interface ChannelReport {
  channelId: string;
  name: string | null;
  topics: string[];
  /** Permissions the bot needs there and lacks, by name; null when the channel could not be read. */
  missing: string[] | null;
  paused: Array<{ topic: string; reason: string; since: string }>;
}

export interface ServerReport {
  guildId: string;
  name: string | null;
  schedule: string;
  timezone: string;
  /** ISO time of the next scheduled run, or null if the schedule never fires. */
  nextRun: string | null;
  channels: ChannelReport[];
}

export interface DoctorReport {
  ok: boolean;
  checks: Check[];
  servers: ServerReport[];
}

export interface DoctorOptions {
  /** Skip the arXiv request. */
  offline: boolean;
}

export interface DoctorDeps extends CliArxivOptions {
  now?: () => Date;
  /** Per Discord request; default 10 s. */
  discordTimeoutMs?: number;
}

// Permission bits (https://discord.com/developers/docs/topics/permissions), the ones the bot needs.
const ADMINISTRATOR = 1n << 3n;
const VIEW_CHANNEL = 1n << 10n;
const SEND_MESSAGES = 1n << 11n;
const EMBED_LINKS = 1n << 14n;
const CREATE_PUBLIC_THREADS = 1n << 35n;
const SEND_MESSAGES_IN_THREADS = 1n << 38n;
const ALL = (1n << 64n) - 1n;

const NAMES = new Map<bigint, string>([
  [VIEW_CHANNEL, 'View Channel'],
  [SEND_MESSAGES, 'Send Messages'],
  [EMBED_LINKS, 'Embed Links'],
  [CREATE_PUBLIC_THREADS, 'Create Public Threads'],
  [SEND_MESSAGES_IN_THREADS, 'Send Messages in Threads'],
]);

const TEXT_TYPES = new Set([0, 5]);
const FORUM_TYPES = new Set([15, 16]);
const THREAD_TYPES = new Set([10, 11, 12]);

const userSchema = z.object({ id: z.string() });
const applicationSchema = z.object({ id: z.string(), name: z.string().optional() });
const roleSchema = z.object({ id: z.string(), permissions: z.string() });
const guildSchema = z.object({ id: z.string(), name: z.string(), owner_id: z.string(), roles: z.array(roleSchema) });
const memberSchema = z.object({ roles: z.array(z.string()) });
const overwriteSchema = z.object({ id: z.string(), type: z.coerce.number(), allow: z.string(), deny: z.string() });
const channelSchema = z.object({
  id: z.string(),
  type: z.number(),
  name: z.string().nullish(),
  parent_id: z.string().nullish(),
  permission_overwrites: z.array(overwriteSchema).optional(),
});
type DiscordChannel = z.infer<typeof channelSchema>;

/** A Discord REST answer that was not 2xx. */
class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** GET on Discord's REST API with the bot token: no retries, a short timeout (a person is waiting). */
function discordGetter(env: Env, token: string, timeoutMs: number) {
  const base = `${(env.DISCORD_API_URL ?? 'https://discord.com/api').replace(/\/+$/, '')}/v10`;
  return async <T>(path: string, schema: z.ZodType<T>): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      headers: { authorization: `Bot ${token}`, 'user-agent': 'DiscordBot (paperboy doctor, 1)' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = z.object({ code: z.number().optional(), message: z.string().optional() }).safeParse(body);
      const code = parsed.success ? (parsed.data.code ?? null) : null;
      const message = parsed.success ? (parsed.data.message ?? '') : '';
      throw new DiscordHttpError(response.status, code, `${response.status}${message ? ` ${message}` : ''}`);
    }
    return schema.parse(body);
  };
}

function reason(error: unknown): string {
  if (error instanceof DiscordHttpError) return error.message;
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/** The bot's permissions in a channel, from the server's roles and the channel's overwrites (Discord's algorithm). */
export function channelPermissions(
  guild: { id: string; owner_id: string; roles: Array<{ id: string; permissions: string }> },
  memberRoles: readonly string[],
  userId: string,
  overwrites: ReadonlyArray<{ id: string; type: number; allow: string; deny: string }>,
): bigint {
  if (guild.owner_id === userId) return ALL;
  const roles = new Map(guild.roles.map((r) => [r.id, BigInt(r.permissions)]));
  let perms = roles.get(guild.id) ?? 0n;
  for (const role of memberRoles) perms |= roles.get(role) ?? 0n;
  if (perms & ADMINISTRATOR) return ALL;
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && memberRoles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === userId);
  if (member) perms = (perms & ~BigInt(member.deny)) | BigInt(member.allow);
  if (!(perms & VIEW_CHANNEL)) return 0n;
  // Without Send Messages, Embed Links does not apply either.
  if (!(perms & SEND_MESSAGES)) perms &= ~EMBED_LINKS;
  return perms;
}

/** What the bot needs to post digests in a channel of this type (as src/discord/poster.ts checks before sending). */
export function neededPermissions(type: number, threads: boolean): bigint[] {
  if (FORUM_TYPES.has(type)) return [VIEW_CHANNEL, SEND_MESSAGES, SEND_MESSAGES_IN_THREADS, EMBED_LINKS];
  if (THREAD_TYPES.has(type)) return [VIEW_CHANNEL, SEND_MESSAGES_IN_THREADS, EMBED_LINKS];
  const text = [VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS];
  return threads ? [...text, CREATE_PUBLIC_THREADS, SEND_MESSAGES_IN_THREADS] : text;
}

/** Run every check; never throws for what it finds (that is the report), only for bugs. */
export async function diagnose(
  source: NodeJS.ProcessEnv,
  options: DoctorOptions,
  deps: DoctorDeps = {},
): Promise<DoctorReport> {
  const checks: Check[] = [];
  const servers: ServerReport[] = [];
  const now = deps.now ?? (() => new Date());
  const finish = (): DoctorReport => ({ ok: checks.every((c) => c.status !== 'problem'), checks, servers });

  // Configuration.
  let env: Env;
  try {
    env = loadEnv(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    checks.push({
      area: 'config',
      status: 'problem',
      detail: error.message.split('\n').slice(0, -1).join(' ').replace(/\s+/g, ' '),
      fix: 'fix the variables named (see .env.example)',
    });
    return finish();
  }
  const token = env.DISCORD_TOKEN;
  const applicationId = env.DISCORD_APPLICATION_ID;
  const missingVars = [token ? null : 'DISCORD_TOKEN', applicationId ? null : 'DISCORD_APPLICATION_ID'].filter(
    (v) => v !== null,
  );
  checks.push(
    missingVars.length > 0
      ? {
          area: 'config',
          status: 'problem',
          detail: `${missingVars.join(' and ')} ${missingVars.length > 1 ? 'are' : 'is'} not set: the bot cannot start`,
          fix: 'set it from the Discord Developer Portal (see README, "Creating the Discord application")',
        }
      : { area: 'config', status: 'ok', detail: 'configuration valid' },
  );

  // Discord: the token, and the application it belongs to.
  let bot: { userId: string; get: ReturnType<typeof discordGetter> } | null = null;
  if (token) {
    const get = discordGetter(env, token, deps.discordTimeoutMs ?? 10_000);
    try {
      const me = await get('/users/@me', userSchema);
      const app = await get('/applications/@me', applicationSchema);
      if (applicationId && app.id !== applicationId) {
        checks.push({
          area: 'discord',
          status: 'problem',
          detail: `DISCORD_APPLICATION_ID is ${applicationId}, but the token belongs to application ${app.id}`,
          fix: `set DISCORD_APPLICATION_ID=${app.id}, or use this application's own token`,
        });
      } else {
        checks.push({
          area: 'discord',
          status: 'ok',
          detail: `token accepted: bot user ${me.id}, application ${app.id}`,
        });
      }
      bot = { userId: me.id, get };
    } catch (error) {
      checks.push(
        error instanceof DiscordHttpError && error.status === 401
          ? {
              area: 'discord',
              status: 'problem',
              detail: 'Discord refused DISCORD_TOKEN (401 Unauthorized)',
              fix: 'reset the token (Developer Portal → Bot → Reset Token) and put the new one in DISCORD_TOKEN',
            }
          : {
              area: 'discord',
              status: 'problem',
              detail: `cannot reach Discord at ${env.DISCORD_API_URL ?? 'https://discord.com/api'}: ${reason(error)}`,
              fix: 'check the network, or DISCORD_API_URL if it is set',
            },
      );
    }
  } else {
    checks.push({ area: 'discord', status: 'skipped', detail: 'no DISCORD_TOKEN to check' });
  }

  // The database.
  const store = await checkDatabase(env, checks);

  // arXiv: one polite request.
  if (options.offline) checks.push({ area: 'arxiv', status: 'skipped', detail: 'arXiv not checked (--offline)' });
  else checks.push(await checkArxiv(env, deps));

  // Each server with subscriptions.
  if (store) {
    try {
      for (const guildId of await store.state.listGuildIds()) {
        const state = await store.state.getGuild(guildId);
        if (state.subscriptions.length === 0) continue;
        servers.push(await checkServer(state, bot, checks, now()));
      }
    } finally {
      await store.close();
    }
  }
  return finish();
}

async function checkDatabase(env: Env, checks: Check[]): Promise<Store | null> {
  let target;
  try {
    target = parseDatabaseUrl(env.DATABASE_URL);
  } catch (error) {
    checks.push({ area: 'database', status: 'problem', detail: errorMessage(error), fix: 'fix DATABASE_URL' });
    return null;
  }
  // Other kinds of database (a server) are checked by opening them, below.
  const kind: string = target.kind;
  let details = kind === 'memory' ? 'in memory (nothing is kept between runs)' : `reachable (${kind})`;
  if (target.kind === 'sqlite') {
    const size = await stat(target.path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) {
      checks.push({
        area: 'database',
        status: 'ok',
        detail: `${target.path} does not exist yet; \`paperboy start\` creates it`,
      });
      return null;
    }
    const wal = await stat(`${target.path}-wal`).then(
      (s) => s.size,
      () => 0,
    );
    let version: string;
    try {
      const connection = await Connection.open(target.path, { readOnly: true, busyTimeoutMs: 2000 });
      try {
        const row = await connection
          .get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")
          .catch(() => undefined);
        version = row?.value ?? '0 (empty)';
      } finally {
        await connection.close();
      }
    } catch {
      version = 'unreadable';
    }
    details = `${target.path}: schema version ${version} (this Paperboy writes ${SCHEMA_VERSION}), ${formatBytes(size + wal)}`;
  }
  try {
    const store = await openStore(env.DATABASE_URL, { busyTimeoutMs: 2000 });
    await store.archive.count();
    if (target.kind === 'postgres') {
      const { target: where, schemaVersion, latest, bytes } = await describePostgres(target.url);
      details = `${where}: schema version ${schemaVersion} (this Paperboy writes ${latest}), ${formatBytes(bytes)}`;
    }
    checks.push({ area: 'database', status: 'ok', detail: details });
    return store;
  } catch (error) {
    checks.push({
      area: 'database',
      status: 'problem',
      detail: errorMessage(error),
      fix:
        target.kind === 'postgres'
          ? 'check DATABASE_URL and that the PostgreSQL server is running and reachable'
          : 'check DATABASE_URL, the file and its directory (restore a backup if the file is corrupt)',
    });
    return null;
  }
}

async function checkArxiv(env: Env, deps: DoctorDeps): Promise<Check> {
  const fetcher = new PoliteFetcher({
    intervalMs: env.ARXIV_REQUEST_INTERVAL_MS,
    failFast: true,
    maxAttempts: 1,
    timeoutMs: 20_000,
    ...(deps.lookup ? { lookup: deps.lookup } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const url = `${env.ARXIV_API_URL}?id_list=2205.14459&max_results=1`;
  const started = Date.now();
  try {
    const result = await fetcher.get(url, { parse: (body) => body.length });
    return {
      area: 'arxiv',
      status: 'ok',
      detail: `arXiv answered ${result.notModified ? 304 : result.status} in ${Date.now() - started} ms (${new URL(url).host})`,
    };
  } catch (error) {
    return {
      area: 'arxiv',
      status: 'problem',
      detail: errorMessage(error),
      fix: 'check ARXIV_API_URL and ARXIV_RSS_URL, and the network (or run with --offline)',
    };
  } finally {
    fetcher.close();
  }
}

async function checkServer(
  state: Awaited<ReturnType<Store['state']['getGuild']>>,
  bot: { userId: string; get: ReturnType<typeof discordGetter> } | null,
  checks: Check[],
  now: Date,
): Promise<ServerReport> {
  const settings = state.settings ?? { schedule: defaults.schedule, timezone: defaults.timezone };
  const server: ServerReport = {
    guildId: state.guildId,
    name: null,
    schedule: settings.schedule,
    timezone: settings.timezone,
    nextRun: nextRun(settings.schedule, settings.timezone, now)?.toISOString() ?? null,
    channels: [],
  };
  const where = `server ${state.guildId}`;
  if (server.nextRun === null) {
    checks.push({
      area: 'server',
      status: 'problem',
      detail: `${where}: the schedule "${settings.schedule}" (${settings.timezone}) never fires`,
      fix: 'set another with /settings set schedule:',
    });
  }
  let guild: z.infer<typeof guildSchema> | null = null;
  let memberRoles: string[] = [];
  if (bot) {
    try {
      guild = await bot.get(`/guilds/${state.guildId}`, guildSchema);
      memberRoles = (await bot.get(`/guilds/${state.guildId}/members/${bot.userId}`, memberSchema)).roles;
      server.name = guild.name;
    } catch (error) {
      checks.push({
        area: 'server',
        status: 'problem',
        detail: `${where}: the bot cannot read the server (${reason(error)})`,
        fix: 'add the bot to the server again with the link `paperboy invite-url` prints, or remove its subscriptions',
      });
    }
  }
  const byChannel = new Map<string, typeof state.subscriptions>();
  for (const sub of state.subscriptions) byChannel.set(sub.channelId, [...(byChannel.get(sub.channelId) ?? []), sub]);
  for (const [channelId, subs] of byChannel) {
    const report: ChannelReport = {
      channelId,
      name: null,
      topics: subs.map((s) => s.topicSlug),
      missing: null,
      paused: subs.flatMap((s) =>
        s.paused ? [{ topic: s.topicSlug, reason: s.paused.reason, since: s.paused.at }] : [],
      ),
    };
    server.channels.push(report);
    const here = `${where}, channel ${channelId}`;
    for (const p of report.paused) {
      checks.push({
        area: 'server',
        status: 'problem',
        detail: `${here}: topic ${p.topic} is paused since ${p.since.slice(0, 10)} (${p.reason})`,
        fix: 'fix the channel or the bot’s permissions there, then run /subscription add again to resume',
      });
    }
    if (!bot || !guild) continue;
    let channel: DiscordChannel;
    try {
      channel = await bot.get(`/channels/${channelId}`, channelSchema);
    } catch (error) {
      const gone = error instanceof DiscordHttpError && error.status === 404;
      checks.push({
        area: 'server',
        status: 'problem',
        detail: gone
          ? `${here} no longer exists (${reason(error)})`
          : `${here}: the bot cannot see the channel (${reason(error)}; it needs View Channel)`,
        fix: gone
          ? 'remove its subscriptions with /subscription remove, or subscribe another channel'
          : 'give the bot’s role View Channel there (channel settings → Permissions)',
      });
      continue;
    }
    report.name = channel.name ?? null;
    // A thread takes its parent's overwrites.
    let overwrites = channel.permission_overwrites ?? [];
    if (THREAD_TYPES.has(channel.type) && channel.parent_id) {
      overwrites = await bot
        .get(`/channels/${channel.parent_id}`, channelSchema)
        .then((parent) => parent.permission_overwrites ?? [])
        .catch(() => []);
    }
    const perms = channelPermissions(guild, memberRoles, bot.userId, overwrites);
    const threads = TEXT_TYPES.has(channel.type) && subs.some((s) => s.thread);
    report.missing = neededPermissions(channel.type, threads)
      .filter((bit) => (perms & bit) !== bit)
      .map((bit) => NAMES.get(bit) ?? String(bit));
    if (report.missing.length > 0) {
      checks.push({
        area: 'server',
        status: 'problem',
        detail: `${here}${channel.name ? ` (#${channel.name})` : ''}: the bot lacks ${report.missing.join(', ')}`,
        fix: 'grant them to the bot’s role in the channel’s permissions',
      });
    }
  }
  return server;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The report for a terminal: each check, each server, then one line per problem with what to do. */
export function doctorText(report: DoctorReport): string {
  const mark = { ok: 'ok  ', problem: 'FAIL', skipped: 'skip' } as const;
  const lines = report.checks
    .filter((c) => c.area !== 'server')
    .map((c) => `${mark[c.status]}  ${c.area}: ${c.detail}`);
  for (const server of report.servers) {
    lines.push('', `Server ${server.guildId}${server.name ? ` (${server.name})` : ''}`);
    lines.push(`  next run: ${server.nextRun ?? 'never'} (${server.schedule}, ${server.timezone})`);
    for (const c of server.channels) {
      const perms =
        c.missing === null
          ? 'permissions unknown'
          : c.missing.length === 0
            ? 'permissions ok'
            : `lacks ${c.missing.join(', ')}`;
      lines.push(`  channel ${c.channelId}${c.name ? ` (#${c.name})` : ''}: ${c.topics.join(', ')} · ${perms}`);
      for (const p of c.paused) lines.push(`    paused ${p.topic} since ${p.since.slice(0, 10)}: ${p.reason}`);
    }
  }
  const problems = report.checks.filter((c) => c.status === 'problem');
  lines.push('');
  if (problems.length === 0) lines.push('All is well.');
  else {
    lines.push(`${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) lines.push(`- ${p.detail} → ${p.fix ?? 'see above'}`);
  }
  return lines.join('\n');
}

/** `paperboy doctor`: print the report (text or one JSON object) and exit 0 when all is well, else 1. */
export async function runDoctor(
  source: NodeJS.ProcessEnv,
  options: DoctorOptions,
  out: Printer,
  deps: DoctorDeps = {},
): Promise<number> {
  const report = await diagnose(source, options, deps);
  if (out.json) out.record(report);
  else out.line(doctorText(report));
  return report.ok ? 0 : 1;
}
