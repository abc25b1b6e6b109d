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
import { parseAuthorFilter, parseSearchQuery, toFtsMatch } from '../fts-query.js';
import { checkFilters, checkPage, planUpsert, searchFields } from '../shared.js';
import type { PaperArchive, SearchFilters } from '../types.js';
import type { Connection, Writer } from './connection.js';
import { RANK_FUNCTION } from './schema.js';

const WRITE_COLUMNS = [...PAPER_COLUMNS.slice(1), 'title_raw', 'abstract_raw'] as const;
// A whole chunk of rows travels as one JSON array of positional arrays: one statement per chunk instead of
// one driver round trip per paper.
const INSERT_SQL = `INSERT INTO papers (${WRITE_COLUMNS.join(', ')})
  SELECT ${WRITE_COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?) ORDER BY key`;
const UPDATE_SQL = `UPDATE papers SET ${WRITE_COLUMNS.slice(1)
  .map((c, i) => `${c} = j.value ->> ${i + 1}`)
  .join(', ')}
  FROM json_each(?) AS j WHERE papers.id = j.value ->> 0`;
/** Rows per statement, for both lookups and writes. */
const CHUNK = 500;

function writeParams(record: PaperRecord, paper: Paper): unknown[] {
  const f = searchFields({ paper, raw: record.raw });
  return [
    paper.id,
    paper.version,
    paper.title,
    f.authors,
    paper.abstract,
    JSON.stringify(paper.categories),
    paper.primaryCategory,
    paper.comment,
    paper.journalRef,
    paper.doi,
    paper.venue,
    paper.codeUrl,
    paper.published,
    paper.updated,
    paper.announced,
    paper.announceType,
    paper.withdrawn ? 1 : 0,
    paper.absUrl,
    paper.pdfUrl,
    f.titleRaw,
    f.abstractRaw,
  ];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Conditions restricting FTS hits to the papers that pass the filters, or '' with none. Date, code and
 * category are checked per hit by primary-key lookup: the cost follows the number of hits, never the size of
 * a filter's set (`cs` is half the archive). Nothing is visible to FTS5 as a rowid constraint (hence the
 * unary +), which would make it re-run the MATCH once per candidate row: 1.1 s instead of 17 ms for a
 * category filter at 10k papers.
 */
function filterClause(filters: SearchFilters, params: unknown[]): string {
  const clauses: string[] = [];
  const onPaper: string[] = [];
  if (filters.since !== undefined) {
    onPaper.push('p.since_date >= ?');
    params.push(filters.since);
  }
  if (filters.hasCode !== undefined) {
    onPaper.push('p.has_code = ?');
    params.push(filters.hasCode ? 1 : 0);
  }
  if (onPaper.length > 0) {
    clauses.push(`AND EXISTS (SELECT 1 FROM papers p WHERE p.seq = papers_fts.rowid AND ${onPaper.join(' AND ')})`);
  }
  if (filters.ids !== undefined) {
    // An id list is small (one guild's posted papers): turned into a rowid set once, not once per hit.
    clauses.push('AND +papers_fts.rowid IN (SELECT seq FROM papers WHERE id IN (SELECT value FROM json_each(?)))');
    params.push(JSON.stringify(filters.ids));
  }
  if (filters.category !== undefined) {
    clauses.push('AND EXISTS (SELECT 1 FROM paper_categories pc WHERE pc.category = ? AND pc.seq = papers_fts.rowid)');
    params.push(filters.category.toLowerCase());
  }
  return clauses.join(' ');
}

export function createSqliteArchive(writer: Writer, reader: Connection): PaperArchive {
  async function fetchByIds(c: Connection, ids: readonly string[]): Promise<PaperRow[]> {
    const rows: PaperRow[] = [];
    for (const chunk of chunks([...new Set(ids)], CHUNK)) {
      rows.push(
        ...(await c.all<PaperRow>(
          `SELECT ${SELECT_PAPER} FROM papers p WHERE p.id IN (SELECT value FROM json_each(?))`,
          [JSON.stringify(chunk)],
        )),
      );
    }
    return rows;
  }

  return {
    async upsert(records, options = {}) {
      if (records.length === 0) return { inserted: 0, updated: 0 };
      const at = (options.at ?? new Date()).toISOString();
      return writer.transaction(async (c) => {
        const stored = new Map<string, Paper>();
        for (const row of await fetchByIds(
          c,
          records.map((r) => r.paper.id),
        ))
          stored.set(row.id, rowToPaper(row));
        const plan = planUpsert(records, stored);
        for (const chunk of chunks(plan.inserts, CHUNK)) {
          await c.run(INSERT_SQL, [JSON.stringify(chunk.map((x) => writeParams(x.record, x.paper)))]);
        }
        for (const chunk of chunks(plan.updates, CHUNK)) {
          await c.run(UPDATE_SQL, [JSON.stringify(chunk.map((x) => writeParams(x.record, x.paper)))]);
        }
        if (plan.venues.length > 0) {
          await c.run(
            `INSERT OR IGNORE INTO venue_events (paper_id, venue, version, at)
             SELECT value ->> 0, value ->> 1, value ->> 2, ? FROM json_each(?)`,
            [at, JSON.stringify(plan.venues.map((v) => [v.paperId, v.venue, v.version]))],
          );
        }
        return { inserted: plan.inserts.length, updated: plan.updates.length };
      });
    },

    async get(id) {
      const row = await reader.get<PaperRow>(`SELECT ${SELECT_PAPER} FROM papers p WHERE p.id = ?`, [id]);
      return row ? rowToPaper(row) : null;
    },

    async getMany(ids) {
      const out = new Map<string, Paper>();
      for (const row of await fetchByIds(reader, ids)) out.set(row.id, rowToPaper(row));
      return out;
    },

    async announcedOn(date, categories) {
      const params: unknown[] = [date];
      let clause = '';
      if (categories) {
        clause =
          'AND p.seq IN (SELECT seq FROM paper_categories WHERE category IN (SELECT lower(value) FROM json_each(?)))';
        params.push(JSON.stringify(categories));
      }
      const rows = await reader.all<PaperRow>(
        `SELECT ${SELECT_PAPER} FROM papers p WHERE p.announced = ? ${clause} ORDER BY p.id`,
        params,
      );
      return rows.map(rowToPaper);
    },

    async announcedBetween(from, to, categories) {
      const params: unknown[] = [from, to];
      let clause = '';
      if (categories) {
        clause =
          'AND p.seq IN (SELECT seq FROM paper_categories WHERE category IN (SELECT lower(value) FROM json_each(?)))';
        params.push(JSON.stringify(categories));
      }
      const rows = await reader.all<PaperRow>(
        `SELECT ${SELECT_PAPER} FROM papers p WHERE p.announced BETWEEN ? AND ? ${clause} ORDER BY p.announced, p.id`,
        params,
      );
      return rows.map(rowToPaper);
    },

    async latestAnnouncement() {
      const row = await reader.get<{ latest: string | null }>('SELECT max(announced) AS latest FROM papers');
      return row?.latest ?? null;
    },

    async search(query, filters, page) {
      checkPage(page);
      checkFilters(filters);
      const parsed = parseSearchQuery(query);
      const author = filters.author !== undefined ? parseAuthorFilter(filters.author) : undefined;
      if (filters.ids !== undefined && filters.ids.length === 0) return { hits: [], total: 0 };
      const params: unknown[] = [toFtsMatch(parsed, author)];
      const filter = filterClause(filters, params);
      const rankParams = [params[0], RANK_FUNCTION, ...params.slice(1)];
      // The date and code filters read each match's paper row, which costs as much as scoring it: then the
      // matches are counted in the same pass (a window over the few that pass). Otherwise the sort keeps just
      // `offset + limit` rows, and the total comes from the page or from a count that scores nothing.
      const countInline = filters.since !== undefined || filters.hasCode !== undefined;
      // Rank and cut the page inside the FTS table, then join only that page to the papers.
      const rows = await reader.all<PaperRow & { rank: number; total: number | null }>(
        `WITH hits AS MATERIALIZED (
           SELECT papers_fts.rowid AS seq, rank${countInline ? ', count(*) OVER () AS total' : ', NULL AS total'}
           FROM papers_fts WHERE papers_fts MATCH ? AND rank MATCH ? ${filter}
           ORDER BY rank, seq LIMIT ? OFFSET ?
         )
         SELECT ${SELECT_PAPER}, hits.rank, hits.total FROM hits JOIN papers p ON p.seq = hits.seq
         ORDER BY hits.rank, hits.seq`,
        [...rankParams, page.limit, page.offset],
      );
      let total: number;
      const inline = rows[0]?.total;
      if (inline !== undefined && inline !== null) total = inline;
      else if (rows.length > 0 && rows.length < page.limit) total = page.offset + rows.length;
      else if (rows.length === 0 && page.offset === 0) total = 0;
      else {
        // Counting walks the matches without scoring them: a fraction of the ranking's cost.
        const row = await reader.get<{ n: number }>(
          `SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH ? ${filter}`,
          params,
        );
        total = row?.n ?? 0;
      }
      return { total, hits: rows.map((row) => ({ paper: rowToPaper(row), score: -row.rank })) };
    },

    async count() {
      const row = await reader.get<{ n: number }>('SELECT count(*) AS n FROM papers');
      return row?.n ?? 0;
    },

    async setFigure(id, version, url) {
      await writer.transaction((c) =>
        c.run(
          `INSERT INTO figures (id, version, url, checked_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (id, version) DO UPDATE SET url = excluded.url, checked_at = excluded.checked_at`,
          [id, version, url, new Date().toISOString()],
        ),
      );
    },

    async getFigure(id, version) {
      const row = await reader.get<{ url: string | null }>('SELECT url FROM figures WHERE id = ? AND version = ?', [
        id,
        version,
      ]);
      return row === undefined ? undefined : row.url;
    },

    async venueEvents(since) {
      const rows = await reader.all<VenueEventRow>(
        `SELECT ${VENUE_EVENT_COLUMNS} FROM venue_events WHERE at >= ? ORDER BY at, paper_id, venue`,
        [since],
      );
      return rows.map(rowToVenueEvent);
    },
  };
}
