import { access } from 'node:fs/promises';
import type { PaperRecord } from '../../papers/paper.js';
import { readPaperRow, type PaperRow } from '../rows.js';
import type { z } from 'zod';
import { GUILD_DOCUMENT, MEMBER_DOCUMENT, parseDocument, type DocumentKind } from '../keyv-state.js';
import { CorruptDataError } from '../schemas.js';
import { Connection } from '../sqlite/connection.js';
import { createPostgresArchive } from './archive.js';
import { Db, describeTarget } from './connection.js';
import { migrate } from './schema.js';
import { errorMessage } from '../../errors.js';

/** The parts of a store, in the order they are copied. */
export const PARTS = [
  'papers',
  'figures',
  'venue_events',
  'digests',
  'ledger',
  'venue_updates',
  'guilds',
  'members',
  'values',
] as const;
export type Part = (typeof PARTS)[number];
export type Counts = Record<Part, number>;

/** The target holds data and the copy was not asked to resume. */
export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError';
}

/** The copy finished but the target does not hold what the source does. */
export class CopyVerificationError extends Error {
  override name = 'CopyVerificationError';
}

export interface CopyOptions {
  /** Continue into a target that already holds data (an interrupted copy). */
  resume?: boolean;
  /** Rows per batch. Default 2000. */
  batchSize?: number;
  /** Called once the totals are known, and after each batch. */
  onProgress?: (event: { part: Part; copied: Counts; totals: Counts }) => void;
}

export interface CopyResult {
  source: Counts;
  target: Counts;
  target_description: string;
  resumed: boolean;
}

const GUILD_PREFIX = 'paperboy:guild:';
const MEMBER_PREFIX = 'paperboy:member:';
const VALUE_PREFIX = 'paperboy:value:';

function zero(): Counts {
  return {
    papers: 0,
    figures: 0,
    venue_events: 0,
    digests: 0,
    ledger: 0,
    venue_updates: 0,
    guilds: 0,
    members: 0,
    values: 0,
  };
}

async function sourceCounts(src: Connection, tables: ReadonlySet<string>): Promise<Counts> {
  const one = async (sql: string, params: unknown[] = []) => (await src.get<{ n: number }>(sql, params))?.n ?? 0;
  // A file written by an older Paperboy may lack these tables (it gains them when the bot next opens it).
  const rows = (table: 'venue_events' | 'venue_updates') =>
    tables.has(table) ? one(`SELECT count(*) AS n FROM ${table}`) : Promise.resolve(0);
  const keyed = (prefix: string) =>
    one('SELECT count(*) AS n FROM keyv WHERE key > ? AND key < ? || char(65535)', [prefix, prefix]);
  return {
    papers: await one('SELECT count(*) AS n FROM papers'),
    figures: await one('SELECT count(*) AS n FROM figures'),
    venue_events: await rows('venue_events'),
    digests: await one('SELECT count(*) AS n FROM digests'),
    ledger: await one('SELECT count(*) AS n FROM ledger'),
    venue_updates: await rows('venue_updates'),
    guilds: await keyed(GUILD_PREFIX),
    members: await keyed(MEMBER_PREFIX),
    values: await keyed(VALUE_PREFIX),
  };
}

async function targetCounts(db: Db): Promise<Counts> {
  const [row] = await db.query<Record<Part, string>>(
    `SELECT (SELECT count(*) FROM papers) AS papers, (SELECT count(*) FROM figures) AS figures,
            (SELECT count(*) FROM venue_events) AS venue_events,
            (SELECT count(*) FROM digests) AS digests, (SELECT count(*) FROM ledger) AS ledger,
            (SELECT count(*) FROM venue_updates) AS venue_updates,
            (SELECT count(*) FROM guilds) AS guilds, (SELECT count(*) FROM members) AS members,
            (SELECT count(*) FROM kv) AS values`,
  );
  const out = zero();
  for (const part of PARTS) out[part] = Number(row?.[part] ?? 0);
  return out;
}

/** keyv's `{"value": …}` envelope → the value as JSON text. */
function unwrap(key: string, text: string): string {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch (error) {
    throw new CorruptDataError(`Source value "${key}" is not valid JSON`, { cause: error });
  }
  if (typeof envelope !== 'object' || envelope === null || !('value' in envelope)) {
    throw new CorruptDataError(`Source value "${key}" is not in keyv's {"value": …} envelope`);
  }
  return JSON.stringify(envelope.value);
}

/** A paper row of the SQLite source, with the raw extras the search keeps beside it. */
interface SourcePaperRow extends PaperRow {
  title_raw: string;
  abstract_raw: string;
}

function toRecord(row: SourcePaperRow): PaperRecord {
  const paper = readPaperRow(row, 'Source');
  // The stored raw extras are the raw tokens the clean text lacks: appended to it, they come out the same again.
  return {
    paper,
    raw: {
      title: row.title_raw ? `${paper.title} ${row.title_raw}` : paper.title,
      abstract: row.abstract_raw ? `${paper.abstract} ${row.abstract_raw}` : paper.abstract,
    },
  };
}

/**
 * Copy everything a SQLite store holds (archive, figures, venue events, digests, ledger, venue updates, guild state,
 * members, values) into a PostgreSQL database, in batches, recording after each batch where it got to
 * (`migration_progress`) so that an interrupted copy resumes there. Every batch is idempotent (upsert, or insert on conflict do nothing), so a batch that ran
 * twice changes nothing. Ends by comparing the row counts of both sides.
 */
export async function copySqliteToPostgres(
  sqlitePath: string,
  postgresUrl: string,
  options: CopyOptions = {},
): Promise<CopyResult> {
  const batch = options.batchSize ?? 2000;
  try {
    await access(sqlitePath);
  } catch {
    throw new Error(`The SQLite database ${sqlitePath} does not exist`);
  }
  const src = await Connection.open(sqlitePath, { readOnly: true, busyTimeoutMs: 5000 });
  const db = new Db(postgresUrl, { max: 2 });
  try {
    const tables = await src.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
    const names = new Set(tables.map((t) => t.name));
    for (const t of ['papers', 'figures', 'digests', 'ledger', 'keyv']) {
      if (!names.has(t)) throw new Error(`${sqlitePath} is not a Paperboy database (it has no table "${t}")`);
    }
    try {
      await db.query('SELECT 1', [], { idempotent: false });
    } catch (error) {
      throw new Error(`Cannot reach PostgreSQL at ${describeTarget(postgresUrl)}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    await migrate(db);
    const already = await targetCounts(db);
    const nonEmpty = PARTS.filter((p) => already[p] > 0);
    if (nonEmpty.length > 0 && !options.resume) {
      throw new TargetNotEmptyError(
        `The target database ${db.target} is not empty (${nonEmpty.map((p) => `${already[p]} ${p}`).join(', ')}): ` +
          'migrate copies into an empty database; add --resume to continue a copy that was interrupted',
      );
    }
    const totals = await sourceCounts(src, names);
    const progressRows = await db.query<{ part: Part; position: string; copied: string }>(
      'SELECT part, position, copied FROM migration_progress',
    );
    const position = new Map(progressRows.map((r) => [r.part, r.position]));
    const copied = zero();
    for (const r of progressRows) if (PARTS.includes(r.part)) copied[r.part] = Number(r.copied);
    const report = (part: Part) => options.onProgress?.({ part, copied: { ...copied }, totals });
    report('papers');

    async function save(part: Part, at: string, n: number): Promise<void> {
      copied[part] += n;
      await db.query(
        `INSERT INTO migration_progress (part, position, copied) VALUES ($1, $2, $3)
         ON CONFLICT (part) DO UPDATE SET position = excluded.position, copied = excluded.copied`,
        [part, at, copied[part]],
      );
      report(part);
    }

    // Papers, in SQLite's insertion order, through the archive's own upsert (validated, indexed).
    const archive = createPostgresArchive(db, { searchTimeoutMs: 60_000 });
    for (let after = Number(position.get('papers') ?? 0); ;) {
      const rows = await src.all<SourcePaperRow>('SELECT * FROM papers WHERE seq > ? ORDER BY seq LIMIT ?', [
        after,
        batch,
      ]);
      if (rows.length === 0) break;
      await archive.upsert(rows.map(toRecord));
      after = Number(rows[rows.length - 1]!.seq);
      await save('papers', String(after), rows.length);
    }

    /**
     * Every other table, in primary-key order: each batch continues after the key of the last row copied
     * (a row-value comparison, which SQLite answers from the key's index), kept as a JSON array.
     */
    const copyKeyed = async (
      part: Part,
      select: string,
      keyColumns: string[],
      insert: (rows: Record<string, unknown>[]) => Promise<void>,
    ) => {
      const saved = position.get(part);
      let after: unknown[] | null = saved ? (JSON.parse(saved) as unknown[]) : null;
      for (;;) {
        const where = after ? `WHERE (${keyColumns.join(', ')}) > (${keyColumns.map(() => '?').join(', ')})` : '';
        const rows = await src.all<Record<string, unknown>>(
          select.replace('$WHERE', where).replace('$ORDER', `ORDER BY ${keyColumns.join(', ')} LIMIT ?`),
          [...(after ?? []), batch],
        );
        if (rows.length === 0) break;
        await insert(rows);
        const last = rows[rows.length - 1]!;
        after = keyColumns.map((k) => last[k]);
        await save(part, JSON.stringify(after), rows.length);
      }
    };

    const insertJson = async (sql: string, rows: unknown[]) => {
      await db.query(sql, [JSON.stringify(rows)]);
    };
    await copyKeyed(
      'figures',
      'SELECT id, version, url, checked_at FROM figures $WHERE $ORDER',
      ['id', 'version'],
      (rows) =>
        insertJson(
          `INSERT INTO figures (id, version, url, checked_at)
         SELECT id, version, url, checked_at FROM json_populate_recordset(NULL::figures, $1::json) ON CONFLICT DO NOTHING`,
          rows,
        ),
    );
    if (names.has('venue_events')) {
      await copyKeyed(
        'venue_events',
        'SELECT paper_id, venue, version, at FROM venue_events $WHERE $ORDER',
        ['paper_id', 'venue'],
        (rows) =>
          insertJson(
            `INSERT INTO venue_events (paper_id, venue, version, at)
             SELECT paper_id, venue, version, at FROM json_populate_recordset(NULL::venue_events, $1::json)
             ON CONFLICT DO NOTHING`,
            rows,
          ),
      );
    }
    await copyKeyed('digests', 'SELECT * FROM digests $WHERE $ORDER', ['key'], (rows) =>
      insertJson(
        'INSERT INTO digests SELECT * FROM json_populate_recordset(NULL::digests, $1::json) ON CONFLICT DO NOTHING',
        rows.map((r) => ({ ...r, open_thread: r.open_thread === 1 })),
      ),
    );
    await copyKeyed(
      'ledger',
      'SELECT channel_id, paper_id, digest_key, guild_id FROM ledger $WHERE $ORDER',
      ['channel_id', 'paper_id'],
      (rows) =>
        insertJson(
          `INSERT INTO ledger (channel_id, paper_id, digest_key, guild_id)
           SELECT channel_id, paper_id, digest_key, guild_id FROM json_populate_recordset(NULL::ledger, $1::json)
           ON CONFLICT DO NOTHING`,
          rows,
        ),
    );
    if (names.has('venue_updates')) {
      await copyKeyed(
        'venue_updates',
        'SELECT channel_id, paper_id, venue, digest_key FROM venue_updates $WHERE $ORDER',
        ['channel_id', 'paper_id', 'venue'],
        (rows) =>
          insertJson(
            `INSERT INTO venue_updates (channel_id, paper_id, venue, digest_key)
             SELECT channel_id, paper_id, venue, digest_key FROM json_populate_recordset(NULL::venue_updates, $1::json)
             ON CONFLICT DO NOTHING`,
            rows,
          ),
      );
    }
    // keyv rows: guild states, member data and small values, each under its prefix (the index keys are not needed).
    const keyvRange = (prefix: string) =>
      `SELECT key, value FROM (SELECT key, value FROM keyv WHERE key > '${prefix}' AND key < '${prefix}' || char(65535)) $WHERE $ORDER`;
    const documents = <S extends z.ZodType<Record<string, unknown>>>(
      part: 'guilds' | 'members',
      prefix: string,
      kind: DocumentKind<S>,
      id: string,
    ) =>
      copyKeyed(part, keyvRange(prefix), ['key'], (rows) =>
        insertJson(
          `INSERT INTO ${part} (${id}, state) SELECT ${id}, state FROM json_populate_recordset(NULL::${part}, $1::json)
           ON CONFLICT DO NOTHING`,
          rows.map((r) => {
            const key = String(r.key);
            const owner = key.slice(prefix.length);
            const state = unwrap(key, String(r.value));
            parseDocument(kind, owner, JSON.parse(state), ' (the source)');
            return { [id]: owner, state };
          }),
        ),
      );
    await documents('guilds', GUILD_PREFIX, GUILD_DOCUMENT, 'guild_id');
    await documents('members', MEMBER_PREFIX, MEMBER_DOCUMENT, 'user_id');
    await copyKeyed('values', keyvRange(VALUE_PREFIX), ['key'], (rows) =>
      insertJson(
        'INSERT INTO kv (key, value) SELECT key, value FROM json_populate_recordset(NULL::kv, $1::json) ON CONFLICT DO NOTHING',
        rows.map((r) => ({
          key: String(r.key).slice(VALUE_PREFIX.length),
          value: unwrap(String(r.key), String(r.value)),
        })),
      ),
    );

    const target = await targetCounts(db);
    const wrong = PARTS.filter((p) => target[p] !== totals[p]);
    if (wrong.length > 0) {
      throw new CopyVerificationError(
        `The copy does not match: ${wrong.map((p) => `${p} ${totals[p]} in SQLite, ${target[p]} in PostgreSQL`).join('; ')}`,
      );
    }
    return { source: totals, target, target_description: db.target, resumed: nonEmpty.length > 0 };
  } finally {
    await src.close().catch(() => undefined);
    await db.close().catch(() => undefined);
  }
}
