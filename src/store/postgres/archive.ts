import { UserError } from '../../errors.js';
import type { Paper, PaperRecord } from '../../papers/paper.js';
import {
  PAPER_COLUMNS,
  rowToPaper,
  rowToVenueEvent,
  SELECT_PAPER,
  VENUE_EVENT_COLUMNS,
  type PaperRow,
  type VenueEventRow,
} from '../rows.js';
import { parseAuthorFilter, parseSearchQuery } from '../fts-query.js';
import { categoryKeys, checkFilters, checkPage, planUpsert, searchFields, sinceDate } from '../shared.js';
import { SearchQueryError, type PaperArchive, type SearchFilters } from '../types.js';
import { isTimeoutError, type Db, type Queryable, type StoreLog } from './connection.js';
import { authorNamePatterns, authorTsQuery, foldedText, toTsQuery, TsvectorArray } from './tsquery.js';
import { errorMessage } from '../../errors.js';

const WRITE_COLUMNS = [
  ...PAPER_COLUMNS.slice(1),
  'title_raw',
  'abstract_raw',
  'category_keys',
  'author_names',
] as const;
/**
 * A chunk of rows travels as two parameters: a JSON array of objects, turned into rows by json_populate_recordset
 * (JSON arrays become the text[] columns), and the rows' tsvectors in binary (see TsvectorArray), matched by
 * position. One statement per chunk.
 */
const CHUNK_ROWS = `SELECT j.*, t.doc FROM json_populate_recordset(NULL::papers, $1::json) WITH ORDINALITY AS j
  JOIN unnest($2::tsvector[]) WITH ORDINALITY AS t (doc, n) ON t.n = j.ordinality`;
const INSERT_SQL = `INSERT INTO papers (${WRITE_COLUMNS.join(', ')}, tsv)
  SELECT ${WRITE_COLUMNS.join(', ')}, doc FROM (${CHUNK_ROWS}) AS r`;
const UPDATE_SQL = `UPDATE papers SET ${WRITE_COLUMNS.slice(1)
  .map((c) => `${c} = r.${c}`)
  .join(', ')}, tsv = r.doc
  FROM (${CHUNK_ROWS}) AS r WHERE papers.id = r.id`;
/** Ids per lookup statement. */
const CHUNK = 250;
/**
 * Rows per write statement: small enough that the first chunk's preparation and the last chunk's storing, which
 * nothing overlaps, stay short; large enough that the statements' own cost stays negligible.
 */
const WRITE_CHUNK = 100;
/** Advisory lock serialising archive writes across processes (the upsert merges with what is stored). */
const ARCHIVE_LOCK = 0x70617066;

/** Ranking weights for {D venue, C abstract, B authors, A title}: the ratios of SQLite's BM25 field weights. */
const RANK_WEIGHTS = '{0.4, 0.1, 0.5, 1.0}';

/**
 * Ranking windows, in months of `since_date` counted back from the newest: a search first ranks the matches of
 * the newest month, and widens to 3, 12 months, then the whole archive, until a window holds
 * {@link MIN_CANDIDATES} matches (and the page asked for). `ts_rank` reads the tsvector of every match it ranks:
 * bounded this way, a broad word costs as much as its matches in one month instead of in the whole archive.
 * A narrow search (an author, a rare word) skips the 12-month window when the 3-month one's full months show it
 * would hold too few as well.
 * A window is one GIN condition (each paper's tsvector carries its month as an extra lexeme, see `monthTag`),
 * so only the window's matches are read. See BENCHMARKS.md for the measurements behind this choice.
 */
const WINDOW_MONTHS = [1, 3, 12];
const MIN_CANDIDATES = 200;

/** The lexeme marking a paper's month; `~` never occurs in a query's tokens, so no search can type it. */
export function monthTag(month: string): string {
  return `~m${month}`;
}

/** `n` months ending with `latest` (YYYY-MM), newest first. */
function monthsBack(latest: string, n: number): string[] {
  let year = Number(latest.slice(0, 4));
  let month = Number(latest.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return out;
}

/** A search ran past its time limit: too many papers match to rank them in time. */
export class SearchTimeoutError extends SearchQueryError {
  override name = 'SearchTimeoutError';
  constructor(
    readonly limitMs: number,
    options?: ErrorOptions,
  ) {
    super(UserError.of('paper.searchTooBroad'), options);
  }
}

export interface PostgresArchiveOptions {
  /** Time limit of one search, in ms (`SET LOCAL statement_timeout`). */
  searchTimeoutMs: number;
  log?: StoreLog;
}

/** A paper as the statements write it: its columns (JSON), its search document appended to `documents`. */
function writeRow(record: PaperRecord, paper: Paper, documents: TsvectorArray): Record<string, unknown> {
  const f = searchFields({ paper, raw: record.raw });
  documents.add(
    [
      { weight: 'A', texts: [f.title, f.titleRaw] },
      { weight: 'B', texts: paper.authors },
      { weight: 'C', texts: [f.abstract, f.abstractRaw] },
      { weight: 'D', texts: [f.venue] },
    ],
    [monthTag(sinceDate(paper).slice(0, 7))],
  );
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    authors: f.authors,
    abstract: paper.abstract,
    categories: JSON.stringify(paper.categories),
    primary_category: paper.primaryCategory,
    comment: paper.comment,
    journal_ref: paper.journalRef,
    doi: paper.doi,
    venue: paper.venue,
    code_url: paper.codeUrl,
    published: paper.published,
    updated: paper.updated,
    announced: paper.announced,
    announce_type: paper.announceType,
    withdrawn: paper.withdrawn,
    abs_url: paper.absUrl,
    pdf_url: paper.pdfUrl,
    title_raw: f.titleRaw,
    abstract_raw: f.abstractRaw,
    category_keys: categoryKeys(paper.categories),
    author_names: paper.authors.map(foldedText),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Conditions on `p` for the filters other than the text and author, appending their parameters. */
function filterClause(filters: SearchFilters, params: unknown[]): string {
  const clauses: string[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(params.length));
  };
  if (filters.since !== undefined) add((n) => `p.since_date >= $${n}`, filters.since);
  if (filters.hasCode !== undefined) add((n) => `p.has_code = $${n}`, filters.hasCode);
  if (filters.ids !== undefined) add((n) => `p.id = ANY($${n}::text[])`, [...filters.ids]);
  if (filters.category !== undefined)
    add((n) => `p.category_keys @> ARRAY[$${n}::text]`, filters.category.toLowerCase());
  return clauses.map((c) => `AND ${c}`).join(' ');
}

export function createPostgresArchive(db: Db, options: PostgresArchiveOptions): PaperArchive {
  async function fetchByIds(c: Queryable, ids: readonly string[]): Promise<PaperRow[]> {
    const rows: PaperRow[] = [];
    for (const chunk of chunks([...new Set(ids)], CHUNK)) {
      rows.push(
        ...(await c.query<PaperRow>(`SELECT ${SELECT_PAPER} FROM papers p WHERE p.id = ANY($1::text[])`, [chunk])),
      );
    }
    return rows;
  }

  async function announced(from: string, to: string, categories: readonly string[] | undefined): Promise<Paper[]> {
    const params: unknown[] = [from, to];
    let clause = '';
    if (categories) {
      params.push(categories.map((c) => c.toLowerCase()));
      clause = 'AND p.category_keys && $3::text[]';
    }
    const rows = await db.query<PaperRow>(
      `SELECT ${SELECT_PAPER} FROM papers p WHERE p.announced BETWEEN $1 AND $2 ${clause}
       ORDER BY p.announced, p.id COLLATE "C"`,
      params,
    );
    return rows.map(rowToPaper);
  }

  return {
    async upsert(records, options = {}) {
      if (records.length === 0) return { inserted: 0, updated: 0 };
      const at = (options.at ?? new Date()).toISOString();
      return db.transaction(
        async (c) => {
          await c.query('SELECT pg_advisory_xact_lock($1)', [ARCHIVE_LOCK]);
          const stored = new Map<string, Paper>();
          for (const row of await fetchByIds(
            c,
            records.map((r) => r.paper.id),
          ))
            stored.set(row.id, rowToPaper(row));
          const plan = planUpsert(records, stored);
          // The next chunk is prepared here while PostgreSQL stores the previous one (one statement at a time).
          const work = [
            ...chunks(plan.inserts, WRITE_CHUNK).map((chunk) => ({ sql: INSERT_SQL, chunk })),
            ...chunks(plan.updates, WRITE_CHUNK).map((chunk) => ({ sql: UPDATE_SQL, chunk })),
          ];
          let inFlight: Promise<unknown> | null = null;
          for (const { sql, chunk } of work) {
            const documents = new TsvectorArray();
            const rows = chunk.map((x) => writeRow(x.record, x.paper, documents));
            const params = [JSON.stringify(rows), documents.toBuffer()];
            if (inFlight) await inFlight;
            inFlight = c.query(sql, params);
            inFlight.catch(() => undefined);
          }
          if (inFlight) await inFlight;
          if (plan.venues.length > 0) {
            await c.query(
              `INSERT INTO venue_events (paper_id, venue, version, at)
               SELECT p, v, n, $4 FROM unnest($1::text[], $2::text[], $3::int[]) AS u (p, v, n)
               ON CONFLICT DO NOTHING`,
              [
                plan.venues.map((v) => v.paperId),
                plan.venues.map((v) => v.venue),
                plan.venues.map((v) => v.version),
                at,
              ],
            );
          }
          return { inserted: plan.inserts.length, updated: plan.updates.length };
        },
        // Running it twice stores the same papers: safe to retry even when COMMIT's outcome is unknown.
        { idempotent: true },
      );
    },

    async get(id) {
      const [row] = await db.query<PaperRow>(`SELECT ${SELECT_PAPER} FROM papers p WHERE p.id = $1`, [id]);
      return row ? rowToPaper(row) : null;
    },

    async getMany(ids) {
      const out = new Map<string, Paper>();
      for (const row of await fetchByIds(db, ids)) out.set(row.id, rowToPaper(row));
      return out;
    },

    announcedOn(date, categories) {
      return announced(date, date, categories);
    },

    announcedBetween(from, to, categories) {
      return announced(from, to, categories);
    },

    async latestAnnouncement() {
      const [row] = await db.query<{ latest: string | null }>('SELECT max(announced) AS latest FROM papers');
      return row?.latest ?? null;
    },

    async search(query, filters, page) {
      checkPage(page);
      checkFilters(filters);
      const parsed = parseSearchQuery(query);
      const author = filters.author !== undefined ? parseAuthorFilter(filters.author) : undefined;
      if (filters.ids !== undefined && filters.ids.length === 0) return { hits: [], total: 0 };
      let text = toTsQuery(parsed);
      if (!text) return { hits: [], total: 0 };
      const params: unknown[] = [];
      let authorClause = '';
      if (author) {
        const byAuthor = authorTsQuery(author);
        if (!byAuthor) return { hits: [], total: 0 };
        text = `(${text}) & (${byAuthor})`;
        params.push(text);
        // One word is in some author's name exactly when the document has it with the authors' weight (B), which
        // the tsvector condition already checks; only several words need the check that one author has them all.
        if (author.tokens.length > 1) {
          params.push(authorNamePatterns(author));
          authorClause = `AND EXISTS (SELECT 1 FROM unnest(p.author_names) AS a (name)
            WHERE ' ' || a.name || ' ' LIKE ALL ($2::text[]))`;
        }
      } else {
        params.push(text);
      }
      const filter = filterClause(filters, params);
      params.push(page.limit, page.offset);
      // One row always: the count of matches, with the page's papers (none past the end) joined to it.
      const sql = `
        WITH hits AS MATERIALIZED (
          SELECT p.seq, ts_rank('${RANK_WEIGHTS}', p.tsv, $1::tsquery) AS rank
          FROM papers p WHERE p.tsv @@ $1::tsquery ${authorClause} ${filter}
        ),
        top AS (SELECT seq, rank FROM hits ORDER BY rank DESC, seq LIMIT $${params.length - 1} OFFSET $${params.length})
        SELECT ${SELECT_PAPER}, top.rank, t.total
        FROM (SELECT count(*) AS total FROM hits) t
        LEFT JOIN (top JOIN papers p ON p.seq = top.seq) ON true
        ORDER BY top.rank DESC, top.seq`;
      const need = Math.max(MIN_CANDIDATES, page.offset + page.limit);
      try {
        return await db.transaction(async (c) => {
          await c.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(options.searchTimeoutMs))}`);
          const [latest] = await c.query<{ since: string | null }>('SELECT max(since_date) AS since FROM papers');
          const windows: (string[] | null)[] = latest?.since
            ? WINDOW_MONTHS.map((n) => monthsBack(latest.since!.slice(0, 7), n))
            : [];
          windows.push(null);
          let rate = Infinity;
          for (const months of windows) {
            if (months !== null && rate * months.length < need) continue;
            const q = months ? `(${text}) & (${months.map((m) => `'${monthTag(m)}'`).join(' | ')})` : text;
            const rows = await c.query<PaperRow & { rank: number | null; total: string }>(sql, [q, ...params.slice(1)]);
            const found = Number(rows[0]?.total ?? 0);
            // Matches per full month so far (the newest month may have just begun): a wider window that would
            // still hold too few at this rate is skipped, as it would only widen again.
            if (months !== null && months.length > 1) rate = found / (months.length - 1);
            if (months !== null && found < need) continue;
            const hits = rows.filter((r) => r.id !== null).map((r) => ({ paper: rowToPaper(r), score: r.rank ?? 0 }));
            if (months === null) return { total: found, hits };
            // Ranked among the newest months' matches; the total is scaled from them.
            const start = `${months[months.length - 1]}-01`;
            const [sizes] = await c.query<{ inside: string; all: string }>(
              `SELECT (SELECT count(*) FROM papers WHERE since_date >= $1) AS inside,
                      (SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'papers'::regclass) AS all`,
              [start],
            );
            const inside = Number(sizes?.inside ?? 0);
            let stored = Number(sizes?.all ?? 0);
            if (filters.since !== undefined) {
              // Only papers since the filter's date count: the planner's estimate of them (a count would cost as
              // much as reading their index entries).
              const [plan] = await c.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
                'EXPLAIN (FORMAT JSON) SELECT 1 FROM papers WHERE since_date >= $1',
                [filters.since],
              );
              stored = Math.min(stored, plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? stored);
            }
            const all = Math.max(stored, inside);
            const total = inside > 0 ? Math.max(found, Math.round((found * all) / inside)) : found;
            return { total, hits };
          }
          return { total: 0, hits: [] };
        });
      } catch (error) {
        if (isTimeoutError(error)) {
          options.log?.warn(
            {
              limitMs: options.searchTimeoutMs,
              reason: `statement timeout: PostgreSQL cancelled the search after ${options.searchTimeoutMs} ms (${errorMessage(error)})`,
              terms: parsed.groups.length,
              excluded: parsed.excluded.length,
              filters: Object.keys(filters),
            },
            'search stopped at its time limit',
          );
          throw new SearchTimeoutError(options.searchTimeoutMs, { cause: error });
        }
        throw error;
      }
    },

    async count() {
      const [row] = await db.query<{ n: string }>('SELECT count(*) AS n FROM papers');
      return Number(row?.n ?? 0);
    },

    async setFigure(id, version, url) {
      await db.query(
        `INSERT INTO figures (id, version, url, checked_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id, version) DO UPDATE SET url = excluded.url, checked_at = excluded.checked_at`,
        [id, version, url, new Date().toISOString()],
      );
    },

    async getFigure(id, version) {
      const [row] = await db.query<{ url: string | null }>('SELECT url FROM figures WHERE id = $1 AND version = $2', [
        id,
        version,
      ]);
      return row === undefined ? undefined : row.url;
    },

    async venueEvents(since) {
      const rows = await db.query<VenueEventRow>(
        `SELECT ${VENUE_EVENT_COLUMNS} FROM venue_events WHERE at COLLATE "C" >= $1
         ORDER BY at COLLATE "C", paper_id COLLATE "C", venue COLLATE "C"`,
        [since],
      );
      return rows.map(rowToVenueEvent);
    },
  };
}
