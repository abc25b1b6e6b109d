import { z } from 'zod';
import { checkSchedule, checkTimeZone } from '../src/schedule/cron.js';

/** The same checks `/settings set` applies, so a default is one a moderator could have typed. */
const scheduleSchema = z.string().superRefine((value, ctx) => {
  const checked = checkSchedule(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
});
const timezoneSchema = z.string().superRefine((value, ctx) => {
  const checked = checkTimeZone(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
});

/** Non-secret defaults. Validated at import so that a bad edit fails at start, not at 01:30 on a Monday. */
const defaultsSchema = z.object({
  /** When a guild's digests post unless it sets its own: shortly after arXiv's listing feeds refresh (00:00 US Eastern), Monday–Friday. */
  schedule: scheduleSchema,
  timezone: timezoneSchema,
  abstractLength: z.number().int().min(100).max(4000),
  maxPapers: z.number().int().min(1).max(100),
  limits: z.object({
    abstractLength: z.tuple([z.number().int(), z.number().int()]),
    maxPapers: z.tuple([z.number().int(), z.number().int()]),
    topicsPerGuild: z.number().int().min(1),
    subscriptionsPerGuild: z.number().int().min(1),
  }),
  /**
   * Evenings (US Eastern dates) on which arXiv makes no announcement besides Friday and Saturday;
   * the next morning's listing is then empty. From arXiv's published holiday schedule.
   */
  arxivHolidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  /** Search: results per page and per-user rate limit. */
  search: z.object({ pageSize: z.number().int().min(1).max(10), perUserPerMinute: z.number().int().min(1) }),
  /**
   * Figure lookups (one arXiv HTML page per paper a digest with images will post), per ingest:
   * at most this many pages and this much time, so a digest waits at most a few minutes for them.
   */
  figures: z.object({ lookupsPerIngest: z.number().int().min(0), budgetMs: z.number().int().min(0) }),
  /**
   * API searches for the authors that members follow alone (no query, no categories), per ingest: at most this
   * many queries of at most this many authors and characters, each answering its newest results, over papers
   * submitted at most this many days before the listing. The authors left over are searched first next time.
   */
  authorSearches: z.object({
    queriesPerIngest: z.number().int().min(0),
    authorsPerQuery: z.number().int().min(1).max(50),
    // Room for the longest author name (100 characters) and the date clause.
    queryLength: z.number().int().min(200).max(2000),
    resultsPerQuery: z.number().int().min(1).max(2000),
    lookbackDays: z.number().int().min(1).max(30),
  }),
});

export type Defaults = z.infer<typeof defaultsSchema>;

/** Validate defaults; every problem in one message naming the field. @throws Error when any is bad. */
export function parseDefaults(raw: unknown): Defaults {
  const parsed = defaultsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`config/defaults.ts is invalid:\n${problems.join('\n')}`);
}

export const defaults: Defaults = parseDefaults({
  schedule: '30 1 * * 1-5',
  timezone: 'America/New_York',
  abstractLength: 600,
  maxPapers: 25,
  limits: { abstractLength: [100, 4000], maxPapers: [1, 100], topicsPerGuild: 50, subscriptionsPerGuild: 100 },
  arxivHolidays: [
    '2025-12-25',
    '2025-12-31',
    '2026-01-01',
    '2026-01-19',
    '2026-06-19',
    '2026-07-03',
    '2026-09-07',
    '2026-11-26',
    '2026-12-25',
    '2026-12-29',
    '2026-12-31',
  ],
  search: { pageSize: 5, perUserPerMinute: 10 },
  // 100 pages at the default 3 s interval: 5 minutes.
  figures: { lookupsPerIngest: 100, budgetMs: 6 * 60_000 },
  // 30 queries at the default 3 s interval: 90 seconds for up to 300 authors.
  authorSearches: {
    queriesPerIngest: 30,
    authorsPerQuery: 10,
    queryLength: 400,
    resultsPerQuery: 200,
    lookbackDays: 7,
  },
});
