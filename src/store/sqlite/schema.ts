import { FIELD_WEIGHTS, SEARCH_COLUMNS } from '../shared.js';
import type { Connection } from './connection.js';

/** The schema version this code writes and understands. */
export const SCHEMA_VERSION = 2;

/** FTS column names, in {@link SEARCH_COLUMNS} order; the papers table has columns of the same names. */
export const FTS_COLUMNS = ['title', 'authors', 'venue', 'abstract', 'title_raw', 'abstract_raw'] as const;

/** FTS5 rank function with the field weights in column order, for `rank MATCH ?` (lower rank = better). */
export const RANK_FUNCTION = `bm25(${SEARCH_COLUMNS.map((c) => FIELD_WEIGHTS[c].toFixed(2)).join(', ')})`;

const ftsCols = FTS_COLUMNS.join(', ');
const newCols = FTS_COLUMNS.map((c) => `new.${c}`).join(', ');
const oldCols = FTS_COLUMNS.map((c) => `old.${c}`).join(', ');

/** Category keys of a row: every category, lowercased, and the archive of each subject class (`cs.lg` → `cs`). */
const categoryRows = (row: 'new') => `
  INSERT OR IGNORE INTO paper_categories (category, seq)
    SELECT lower(value), ${row}.seq FROM json_each(${row}.categories)
    UNION
    SELECT lower(substr(value, 1, instr(value, '.') - 1)), ${row}.seq FROM json_each(${row}.categories)
      WHERE instr(value, '.') > 1;`;

/** Version 1. Every statement is idempotent, so a half-applied run (or another process) is harmless. */
const V1 = `
CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) PRIMARY KEY, value TEXT);

CREATE TABLE IF NOT EXISTS papers (
  seq              INTEGER PRIMARY KEY,          -- stable rowid for the FTS index
  id               TEXT NOT NULL UNIQUE,         -- versionless arXiv id
  version          INTEGER NOT NULL,
  title            TEXT NOT NULL,
  authors          TEXT NOT NULL,                -- JSON array
  abstract         TEXT NOT NULL,
  categories       TEXT NOT NULL,                -- JSON array
  primary_category TEXT NOT NULL,
  comment          TEXT,
  journal_ref      TEXT,
  doi              TEXT,
  venue            TEXT,
  code_url         TEXT,
  published        TEXT NOT NULL,
  updated          TEXT NOT NULL,
  announced        TEXT,                         -- YYYY-MM-DD
  announce_type    TEXT,
  withdrawn        INTEGER NOT NULL,
  abs_url          TEXT NOT NULL,
  pdf_url          TEXT NOT NULL,
  title_raw        TEXT NOT NULL DEFAULT '',     -- raw-title tokens the cleaned title lacks (LaTeX spellings)
  abstract_raw     TEXT NOT NULL DEFAULT '',
  since_date       TEXT GENERATED ALWAYS AS (coalesce(announced, substr(published, 1, 10))) VIRTUAL,
  has_code         INTEGER GENERATED ALWAYS AS (code_url IS NOT NULL) VIRTUAL
);
CREATE INDEX IF NOT EXISTS papers_announced ON papers (announced);
CREATE INDEX IF NOT EXISTS papers_since ON papers (since_date);

CREATE TABLE IF NOT EXISTS paper_categories (
  category TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  PRIMARY KEY (category, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS paper_categories_seq ON paper_categories (seq);

CREATE VIRTUAL TABLE IF NOT EXISTS papers_fts USING fts5 (
  ${ftsCols},
  content = 'papers', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER IF NOT EXISTS papers_after_insert AFTER INSERT ON papers BEGIN
  INSERT INTO papers_fts (rowid, ${ftsCols}) VALUES (new.seq, ${newCols});
  ${categoryRows('new')}
END;
CREATE TRIGGER IF NOT EXISTS papers_after_delete AFTER DELETE ON papers BEGIN
  INSERT INTO papers_fts (papers_fts, rowid, ${ftsCols}) VALUES ('delete', old.seq, ${oldCols});
  DELETE FROM paper_categories WHERE seq = old.seq;
END;
CREATE TRIGGER IF NOT EXISTS papers_after_update_text AFTER UPDATE OF ${ftsCols} ON papers BEGIN
  INSERT INTO papers_fts (papers_fts, rowid, ${ftsCols}) VALUES ('delete', old.seq, ${oldCols});
  INSERT INTO papers_fts (rowid, ${ftsCols}) VALUES (new.seq, ${newCols});
END;
CREATE TRIGGER IF NOT EXISTS papers_after_update_categories AFTER UPDATE OF categories ON papers BEGIN
  DELETE FROM paper_categories WHERE seq = old.seq;
  ${categoryRows('new')}
END;

CREATE TABLE IF NOT EXISTS figures (
  id         TEXT NOT NULL,
  version    INTEGER NOT NULL,
  url        TEXT,                               -- NULL: looked, no figure
  checked_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS digests (
  key         TEXT PRIMARY KEY,                  -- <guild>:<channel>:<topic>:<date>
  guild_id    TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  topic_slug  TEXT NOT NULL,
  date        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  paper_ids   TEXT NOT NULL,                     -- JSON array, claimed in the ledger
  skipped_ids TEXT NOT NULL,                     -- JSON array, claimed too (past the cap), never released
  messages    TEXT NOT NULL,                     -- JSON array of PlannedMessage
  thread_name TEXT NOT NULL,
  open_thread INTEGER NOT NULL DEFAULT 0,
  thread_id   TEXT,
  attempts    INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  created_at  TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS digests_guild_date ON digests (guild_id, date, topic_slug);
CREATE INDEX IF NOT EXISTS digests_pending ON digests (created_at) WHERE status = 'pending';

CREATE TABLE IF NOT EXISTS ledger (
  channel_id TEXT NOT NULL,
  paper_id   TEXT NOT NULL,
  digest_key TEXT NOT NULL,
  guild_id   TEXT NOT NULL,
  PRIMARY KEY (channel_id, paper_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ledger_guild ON ledger (guild_id, paper_id);
`;

/**
 * Version 2: venue updates. The venues later versions brought (written by the archive's upsert), and which
 * (channel, paper, venue) updates were claimed, by which digest (written when the update is planned).
 */
export const V2 = `
CREATE TABLE IF NOT EXISTS venue_events (
  paper_id TEXT NOT NULL,
  venue    TEXT NOT NULL,
  version  INTEGER NOT NULL,                    -- the version that brought the venue
  at       TEXT NOT NULL,                       -- ISO time the archive learned it
  PRIMARY KEY (paper_id, venue)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS venue_events_at ON venue_events (at);

CREATE TABLE IF NOT EXISTS venue_updates (
  channel_id TEXT NOT NULL,
  paper_id   TEXT NOT NULL,
  venue      TEXT NOT NULL,
  digest_key TEXT NOT NULL,
  PRIMARY KEY (channel_id, paper_id, venue)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS venue_updates_digest ON venue_updates (digest_key);
`;

/** Migrations by the version they produce; each runs in the same transaction as the version bump. */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  { version: 1, sql: V1 },
  { version: 2, sql: V2 },
];

/** Thrown when the file was written by a newer Paperboy. */
export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

/** Bring the schema to {@link SCHEMA_VERSION}. Idempotent; safe to run at every start. */
export async function migrate(c: Connection): Promise<void> {
  await c.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  const row = await c.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'");
  const current = row ? Number(row.value) : 0;
  if (!Number.isInteger(current) || current < 0) {
    throw new SchemaVersionError(`${c.path}: meta.schema_version is "${row?.value}", not a version number`);
  }
  if (current > SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `${c.path} has schema version ${current}, newer than this Paperboy understands (${SCHEMA_VERSION}); upgrade Paperboy`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await c.exec(m.sql);
    await c.run(
      "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [String(m.version)],
    );
  }
}
