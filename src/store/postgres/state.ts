import type { z } from 'zod';
import { errorMessage } from '../../errors.js';
import {
  applyChange,
  checkId,
  GUILD_DOCUMENT,
  MEMBER_DOCUMENT,
  parseDocument,
  type DocumentKind,
  type Documents,
} from '../keyv-state.js';
import { KeyedMutex } from '../lock.js';
import { CorruptDataError } from '../schemas.js';
import type { StateStore } from '../types.js';
import type { Db, Queryable } from './connection.js';

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptDataError(`Stored value ${what} is not valid JSON: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/**
 * One kind of document in its table (`guilds`, `members`: the owner's id and the JSON state). An update runs in
 * one transaction holding the owner's row lock (`SELECT … FOR UPDATE`, the row created first by
 * `INSERT … ON CONFLICT DO NOTHING`), so updates of one owner from several processes never overwrite each other;
 * in-process they also queue on a mutex, so that they wait without each holding a pooled connection.
 */
function postgresDocuments<S extends z.ZodType<Record<string, unknown>>>(
  db: Db,
  kind: DocumentKind<S>,
  table: string,
  idColumn: string,
): Documents<z.output<S>> {
  const locks = new KeyedMutex();

  const toDocument = (id: string, text: string | undefined): z.output<S> =>
    text === undefined ? kind.empty(id) : parseDocument(kind, id, parseJson(text, `of ${kind.name} ${id}`), '');

  async function read(c: Queryable, id: string, lock: boolean): Promise<string | undefined> {
    const [row] = await c.query<{ state: string }>(
      `SELECT state FROM ${table} WHERE ${idColumn} = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row?.state;
  }

  return {
    async get(id) {
      checkId(kind, id);
      return toDocument(id, await read(db, id, false));
    },

    update(id, change) {
      checkId(kind, id);
      return locks.run(id, () =>
        db.transaction(async (c) => {
          // An empty row to lock if the owner has none yet; rolled back with the rest if nothing changes.
          const inserted = await c.query(
            `INSERT INTO ${table} (${idColumn}, state) VALUES ($1, $2) ON CONFLICT (${idColumn}) DO NOTHING RETURNING 1`,
            [id, JSON.stringify(kind.empty(id))],
          );
          const stored = await read(c, id, true);
          const current = toDocument(id, inserted.length > 0 ? undefined : stored);
          const { result, next } = applyChange(kind, id, current, change);
          if (next === null) {
            // Nothing changed: drop the placeholder row, if this call made it.
            if (inserted.length > 0) await c.query(`DELETE FROM ${table} WHERE ${idColumn} = $1`, [id]);
            return result;
          }
          await c.query(`UPDATE ${table} SET state = $2, updated_at = now() WHERE ${idColumn} = $1`, [
            id,
            JSON.stringify(next),
          ]);
          return result;
        }),
      );
    },

    async list() {
      const rows = await db.query<{ id: string }>(
        `SELECT ${idColumn} AS id FROM ${table} ORDER BY ${idColumn} COLLATE "C"`,
      );
      return rows.map((r) => r.id);
    },

    remove(id) {
      checkId(kind, id);
      return locks.run(id, async () => {
        const rows = await db.query(`DELETE FROM ${table} WHERE ${idColumn} = $1 RETURNING 1`, [id]);
        return rows.length > 0;
      });
    },
  };
}

/** Guild state in table `guilds`, member data in `members`, one row per owner; small values in `kv`. */
export function createPostgresState(db: Db): StateStore {
  const guilds = postgresDocuments(db, GUILD_DOCUMENT, 'guilds', 'guild_id');
  const members = postgresDocuments(db, MEMBER_DOCUMENT, 'members', 'user_id');

  return {
    getGuild: (guildId) => guilds.get(guildId),
    updateGuild: (guildId, change) => guilds.update(guildId, change),
    listGuildIds: () => guilds.list(),
    getMember: (userId) => members.get(userId),
    updateMember: (userId, change) => members.update(userId, change),
    listMemberIds: () => members.list(),
    deleteMember: (userId) => members.remove(userId),

    async getValue(key: string): Promise<unknown> {
      const [row] = await db.query<{ value: string }>('SELECT value FROM kv WHERE key = $1', [key]);
      return row === undefined ? undefined : parseJson(row.value, `"${key}"`);
    },

    async setValue(key, value) {
      if (value === undefined) {
        await db.query('DELETE FROM kv WHERE key = $1', [key]);
        return;
      }
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError(`setValue: the value of "${key}" cannot be stored as JSON`);
      await db.query(
        'INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, text],
      );
    },
  };
}
