import { KeyedMutex } from '../lock.js';
import { CorruptDataError, describeIssues, emptyGuildState, guildStateSchema } from '../schemas.js';
import type { GuildState, StateStore } from '../types.js';
import type { Db, Queryable } from './connection.js';
import { errorMessage } from '../../errors.js';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptDataError(`Stored value ${what} is not valid JSON: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

function checkGuildId(guildId: string): void {
  if (typeof guildId !== 'string' || guildId.length === 0) throw new TypeError('guildId must be a non-empty string');
}

function toGuild(guildId: string, text: string | undefined): GuildState {
  if (text === undefined) return emptyGuildState(guildId);
  const parsed = guildStateSchema.safeParse(parseJson(text, `of guild ${guildId}`));
  if (!parsed.success) {
    throw new CorruptDataError(`Stored state of guild ${guildId} is invalid: ${describeIssues(parsed.error)}`);
  }
  if (parsed.data.guildId !== guildId) {
    throw new CorruptDataError(`Stored state of guild ${guildId} belongs to guild ${parsed.data.guildId}.`);
  }
  return parsed.data;
}

/**
 * Guild state in table `guilds`, one row per guild; small values in `kv`. An update runs in one transaction
 * holding the guild's row lock (`SELECT … FOR UPDATE`, the row created first by `INSERT … ON CONFLICT DO NOTHING`),
 * so updates of one guild from several processes never overwrite each other; in-process they also queue on a
 * mutex, so that they wait without each holding a pooled connection.
 */
export function createPostgresState(db: Db): StateStore {
  const guildLocks = new KeyedMutex();

  async function read(c: Queryable, guildId: string, lock: boolean): Promise<string | undefined> {
    const [row] = await c.query<{ state: string }>(
      `SELECT state FROM guilds WHERE guild_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [guildId],
    );
    return row?.state;
  }

  return {
    async getGuild(guildId) {
      checkGuildId(guildId);
      return toGuild(guildId, await read(db, guildId, false));
    },

    updateGuild(guildId, change) {
      checkGuildId(guildId);
      return guildLocks.run(guildId, () =>
        db.transaction(async (c) => {
          // An empty row to lock if the guild has none yet; rolled back with the rest if nothing changes.
          const empty = JSON.stringify(emptyGuildState(guildId));
          const inserted = await c.query(
            'INSERT INTO guilds (guild_id, state) VALUES ($1, $2) ON CONFLICT (guild_id) DO NOTHING RETURNING 1',
            [guildId, empty],
          );
          const stored = await read(c, guildId, true);
          const current = toGuild(guildId, inserted.length > 0 ? undefined : stored);
          const draft = structuredClone(current);
          const result = change(draft);
          if (isThenable(result)) {
            void Promise.resolve(result).catch(() => undefined);
            throw new TypeError(
              'updateGuild: `change` must be synchronous (it returned a promise); nothing was written',
            );
          }
          const checked = guildStateSchema.safeParse(draft);
          if (!checked.success) {
            throw new TypeError(
              `updateGuild: the changed state of guild ${guildId} is invalid, nothing was written: ${describeIssues(checked.error)}`,
            );
          }
          if (checked.data.guildId !== guildId) throw new TypeError('updateGuild: `change` must not change guildId');
          const next = JSON.stringify(checked.data);
          if (next === JSON.stringify(current)) {
            // Nothing changed: drop the placeholder row, if this call made it.
            if (inserted.length > 0) await c.query('DELETE FROM guilds WHERE guild_id = $1', [guildId]);
            return result;
          }
          await c.query('UPDATE guilds SET state = $2, updated_at = now() WHERE guild_id = $1', [guildId, next]);
          return result;
        }),
      );
    },

    async listGuildIds() {
      const rows = await db.query<{ guild_id: string }>('SELECT guild_id FROM guilds ORDER BY guild_id COLLATE "C"');
      return rows.map((r) => r.guild_id);
    },

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
