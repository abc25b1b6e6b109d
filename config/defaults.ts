import { z } from 'zod';

/** Non-secret defaults. Validated at import so that a bad edit fails at start, not at 01:30 on a Monday. */
const defaultsSchema = z.object({
  /** When a guild's digests post unless it sets its own: shortly after arXiv's listing feeds refresh (00:00 US Eastern), Monday–Friday. */
  schedule: z.string().min(9),
  timezone: z.string().min(1),
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
});

export type Defaults = z.infer<typeof defaultsSchema>;

export const defaults: Defaults = defaultsSchema.parse({
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
});
