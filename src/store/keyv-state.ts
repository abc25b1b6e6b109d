import type Keyv from 'keyv';
import { KeyedMutex } from './lock.js';
import { CorruptDataError, describeIssues, emptyGuildState, guildStateSchema } from './schemas.js';
import type { GuildState, StateStore } from './types.js';

/** Namespace of Paperboy's keys in a shared keyv store. */
export const STATE_NAMESPACE = 'paperboy';
const GUILD_INDEX_KEY = 'guilds';
const guildKey = (guildId: string) => `guild:${guildId}`;
const valueKey = (key: string) => `value:${key}`;

/**
 * Options for the Keyv instance a state store runs on: plain JSON on disk, and errors thrown instead of
 * swallowed (keyv's default turns a failed read into "missing", which would let an update overwrite a guild).
 */
export const keyvOptions = {
  namespace: STATE_NAMESPACE,
  serialize: (data: unknown) => JSON.stringify(data),
  deserialize: (data: string) => JSON.parse(data) as never,
  throwOnErrors: true,
} as const;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * StateStore over any keyv store: one key per guild (so a change is one atomic write), a key listing the
 * guild ids, and free-form small values. Never iterates the namespace.
 */
export function createKeyvStateStore(keyv: Keyv): StateStore {
  const guildLocks = new KeyedMutex();
  const indexLock = new KeyedMutex();
  // Ids known to be in the index; the index only ever grows, so a positive answer stays true.
  const indexed = new Set<string>();

  async function readEntry(key: string): Promise<{ found: false } | { found: true; value: unknown }> {
    let raw: unknown;
    try {
      raw = await keyv.get(key, { raw: true });
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw new CorruptDataError(`Stored value "${key}" is not valid JSON: ${error.message}`, { cause: error });
      }
      throw error;
    }
    if (raw === undefined || raw === null) return { found: false };
    if (typeof raw !== 'object' || !('value' in raw)) {
      throw new CorruptDataError(`Stored value "${key}" is not in keyv's {"value": …} envelope.`);
    }
    return { found: true, value: raw.value };
  }

  async function readGuild(guildId: string): Promise<GuildState> {
    const key = guildKey(guildId);
    const entry = await readEntry(key);
    if (!entry.found) return emptyGuildState(guildId);
    const parsed = guildStateSchema.safeParse(entry.value);
    if (!parsed.success) {
      throw new CorruptDataError(
        `Stored state of guild ${guildId} ("${key}") is invalid: ${describeIssues(parsed.error)}`,
      );
    }
    if (parsed.data.guildId !== guildId) {
      throw new CorruptDataError(`Stored state "${key}" belongs to guild ${parsed.data.guildId}, not ${guildId}.`);
    }
    return parsed.data;
  }

  async function readIndex(): Promise<string[]> {
    const entry = await readEntry(GUILD_INDEX_KEY);
    if (!entry.found) return [];
    const ids = entry.value;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new CorruptDataError(`Stored guild index "${GUILD_INDEX_KEY}" is not a list of ids.`);
    }
    return ids;
  }

  function addToIndex(guildId: string): Promise<void> {
    if (indexed.has(guildId)) return Promise.resolve();
    return indexLock.run('index', async () => {
      // Read again right before writing: another process may have added ids since.
      const ids = await readIndex();
      for (const id of ids) indexed.add(id);
      if (indexed.has(guildId)) return;
      await keyv.set(GUILD_INDEX_KEY, [...ids, guildId].sort());
      indexed.add(guildId);
    });
  }

  function checkGuildId(guildId: string): void {
    if (typeof guildId !== 'string' || guildId.length === 0) throw new TypeError('guildId must be a non-empty string');
  }

  return {
    async getGuild(guildId) {
      checkGuildId(guildId);
      return readGuild(guildId);
    },

    async updateGuild(guildId, change) {
      checkGuildId(guildId);
      return guildLocks.run(guildId, async () => {
        const current = await readGuild(guildId);
        const draft = structuredClone(current);
        const result = change(draft);
        if (isThenable(result)) {
          // Holding the guild's lock across I/O would stall every other change to it; refuse instead.
          void Promise.resolve(result).catch(() => undefined);
          throw new TypeError('updateGuild: `change` must be synchronous (it returned a promise); nothing was written');
        }
        const checked = guildStateSchema.safeParse(draft);
        if (!checked.success) {
          throw new TypeError(
            `updateGuild: the changed state of guild ${guildId} is invalid, nothing was written: ${describeIssues(checked.error)}`,
          );
        }
        if (checked.data.guildId !== guildId) throw new TypeError('updateGuild: `change` must not change guildId');
        if (JSON.stringify(checked.data) !== JSON.stringify(current)) {
          await addToIndex(guildId);
          await keyv.set(guildKey(guildId), checked.data);
        }
        return result;
      });
    },

    async listGuildIds() {
      const ids = await readIndex();
      for (const id of ids) indexed.add(id);
      return [...ids];
    },

    async getValue(key) {
      const entry = await readEntry(valueKey(key));
      return entry.found ? entry.value : undefined;
    },

    async setValue(key, value) {
      if (value === undefined) await keyv.delete(valueKey(key));
      else await keyv.set(valueKey(key), value);
    },
  };
}
