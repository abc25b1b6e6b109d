import { isIP } from 'node:net';
import { z } from 'zod';

const url = (name: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, `${name} must be an http(s) URL`);

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');

const base = z.object({
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_API_URL: url('DISCORD_API_URL').optional(),
  DATABASE_URL: z.string().min(1).default('sqlite://data/paperboy.sqlite'),
  ARXIV_API_URL: url('ARXIV_API_URL').default('https://export.arxiv.org/api/query'),
  ARXIV_RSS_URL: url('ARXIV_RSS_URL').default('https://rss.arxiv.org/rss'),
  ARXIV_HTML_URL: url('ARXIV_HTML_URL').default('https://arxiv.org/html'),
  ARXIV_REQUEST_INTERVAL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0)
    .default(3000),
  PAPERBOY_SEARCH_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1)
    .default(2000),
  PAPERBOY_LEADER_LEASE_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(500, 'must be at least 500 ms')
    .default(15_000),
  PAPERBOY_METRICS_PORT: z.coerce
    .number({ error: 'must be a port number from 0 to 65535 (0 picks a free one), or empty to serve none' })
    .int('must be a whole port number from 0 to 65535')
    .min(0, 'must be a port number from 0 to 65535')
    .max(65535, 'must be a port number from 0 to 65535')
    .optional(),
  PAPERBOY_METRICS_HOST: z
    .string()
    .refine(
      (v) => isIP(v) !== 0 || /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/.test(v),
      'must be a host name or IP address to listen on, such as 127.0.0.1 or 0.0.0.0 (no scheme, no port)',
    )
    .default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof base>;
/** The environment once the bot itself is to run: Discord credentials are then required. */
export type BotEnv = Env & { DISCORD_TOKEN: string; DISCORD_APPLICATION_ID: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.map((i) => `  - ${i.path.join('.') || '(environment)'}: ${i.message}`);
  return `Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable and its format.`;
}

function parse(source: NodeJS.ProcessEnv, required: readonly (keyof Env)[]): Env {
  // An empty value in .env means "unset", so the default applies.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = base.safeParse(cleaned);
  const issues: z.core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  for (const name of required) {
    if (cleaned[name] === undefined) {
      issues.push({ code: 'custom', path: [name], message: 'is required to run the bot', input: undefined });
    }
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(describe(issues));
  return parsed.data;
}

/** Parse the environment once; every problem is reported in one message. Empty strings count as unset. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return parse(source, []);
}

/** Like {@link loadEnv}, and also requires what the bot needs to log in to Discord. */
export function loadBotEnv(source: NodeJS.ProcessEnv = process.env): BotEnv {
  return parse(source, ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']) as BotEnv;
}

/** The arXiv client's settings, as every entry point (bot, CLI) passes them. */
export function arxivSettings(env: Env): { apiUrl: string; rssUrl: string; htmlUrl: string; intervalMs: number } {
  return {
    apiUrl: env.ARXIV_API_URL,
    rssUrl: env.ARXIV_RSS_URL,
    htmlUrl: env.ARXIV_HTML_URL,
    intervalMs: env.ARXIV_REQUEST_INTERVAL_MS,
  };
}

/** The store's settings from the environment, as every entry point passes them to `openStore`. */
export function storeSettings(env: Env): { searchTimeoutMs: number } {
  return { searchTimeoutMs: env.PAPERBOY_SEARCH_TIMEOUT_MS };
}
