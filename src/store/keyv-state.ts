import type Keyv from 'keyv';
import type { z } from 'zod';
import { KeyedMutex } from './lock.js';
import {
  CorruptDataError,
  describeIssues,
  emptyGuildState,
  emptyMemberState,
  guildStateSchema,
  memberStateSchema,
} from './schemas.js';
import type { StateStore } from './types.js';

/** Namespace of Paperboy's keys in a shared keyv store. */
export const STATE_NAMESPACE = 'paperboy';
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

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * A kind of per-owner document (a guild's state, a member's data): its schema, what an owner without one has,
 * and the field naming its owner. The guild and member stores of both back ends are built from these.
 */
export interface DocumentKind<S extends z.ZodType<Record<string, unknown>>> {
  /** "guild", "member": used in keys and messages. */
  name: string;
  schema: S;
  empty(id: string): z.output<S>;
  /** The field holding the owner's id. */
  idField: string;
}

export const GUILD_DOCUMENT: DocumentKind<typeof guildStateSchema> = {
  name: 'guild',
  schema: guildStateSchema,
  empty: emptyGuildState,
  idField: 'guildId',
};

export const MEMBER_DOCUMENT: DocumentKind<typeof memberStateSchema> = {
  name: 'member',
  schema: memberStateSchema,
  empty: emptyMemberState,
  idField: 'userId',
};

/** The operations a document kind gets from a store. */
export interface Documents<D> {
  get(id: string): Promise<D>;
  update<T>(id: string, change: (doc: D) => T): Promise<T>;
  list(): Promise<string[]>;
  /** Remove the document; whether there was one. */
  remove(id: string): Promise<boolean>;
}

export function checkId(kind: { name: string }, id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError(`${kind.name} id must be a non-empty string`);
}

/** Parse a stored document of `id`: invalid or another owner's is corrupt data. */
export function parseDocument<S extends z.ZodType<Record<string, unknown>>>(
  kind: DocumentKind<S>,
  id: string,
  value: unknown,
  where: string,
): z.output<S> {
  const parsed = kind.schema.safeParse(value);
  if (!parsed.success) {
    throw new CorruptDataError(
      `Stored state of ${kind.name} ${id}${where} is invalid: ${describeIssues(parsed.error)}`,
    );
  }
  const owner = parsed.data[kind.idField];
  if (owner !== id) {
    throw new CorruptDataError(`Stored state${where} belongs to ${kind.name} ${String(owner)}, not ${id}.`);
  }
  return parsed.data;
}

/**
 * Apply `change` to a copy of `current` and check the result: the new document, or null when nothing changed.
 * Throws (nothing written) when `change` is asynchronous, makes an invalid document or changes its owner.
 */
export function applyChange<S extends z.ZodType<Record<string, unknown>>, T>(
  kind: DocumentKind<S>,
  id: string,
  current: z.output<S>,
  change: (doc: z.output<S>) => T,
): { result: T; next: z.output<S> | null } {
  const verb = `update${kind.name[0]!.toUpperCase()}${kind.name.slice(1)}`;
  const draft = structuredClone(current);
  const result = change(draft);
  if (isThenable(result)) {
    // Holding the owner's lock across I/O would stall every other change to it; refuse instead.
    void Promise.resolve(result).catch(() => undefined);
    throw new TypeError(`${verb}: \`change\` must be synchronous (it returned a promise); nothing was written`);
  }
  const checked = kind.schema.safeParse(draft);
  if (!checked.success) {
    throw new TypeError(
      `${verb}: the changed state of ${kind.name} ${id} is invalid, nothing was written: ${describeIssues(checked.error)}`,
    );
  }
  if (checked.data[kind.idField] !== id) throw new TypeError(`${verb}: \`change\` must not change ${kind.idField}`);
  return { result, next: JSON.stringify(checked.data) === JSON.stringify(current) ? null : checked.data };
}

/**
 * One kind of document over any keyv store: one key per owner (so a change is one atomic write) and a key listing
 * the owners. Never iterates the namespace.
 */
function keyvDocuments<S extends z.ZodType<Record<string, unknown>>>(
  keyv: Keyv,
  kind: DocumentKind<S>,
  indexKey: string,
  readEntry: (key: string) => Promise<{ found: false } | { found: true; value: unknown }>,
): Documents<z.output<S>> {
  const locks = new KeyedMutex();
  const indexLock = new KeyedMutex();
  // Ids known to be in the index (cleared for an id its removal takes out).
  const indexed = new Set<string>();
  const docKey = (id: string) => `${kind.name}:${id}`;

  async function read(id: string): Promise<z.output<S>> {
    const key = docKey(id);
    const entry = await readEntry(key);
    return entry.found ? parseDocument(kind, id, entry.value, ` ("${key}")`) : kind.empty(id);
  }

  async function readIndex(): Promise<string[]> {
    const entry = await readEntry(indexKey);
    if (!entry.found) return [];
    const ids = entry.value;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new CorruptDataError(`Stored ${kind.name} index "${indexKey}" is not a list of ids.`);
    }
    return ids;
  }

  /** Change the index under its lock, reading it right before writing: another process may have changed it. */
  function changeIndex(id: string, present: boolean): Promise<void> {
    if (present && indexed.has(id)) return Promise.resolve();
    return indexLock.run('index', async () => {
      const ids = await readIndex();
      const has = ids.includes(id);
      if (present) {
        for (const known of ids) indexed.add(known);
        if (!has) await keyv.set(indexKey, [...ids, id].sort());
        indexed.add(id);
      } else {
        indexed.delete(id);
        if (has)
          await keyv.set(
            indexKey,
            ids.filter((known) => known !== id),
          );
      }
    });
  }

  return {
    async get(id) {
      checkId(kind, id);
      return read(id);
    },
    async update(id, change) {
      checkId(kind, id);
      return locks.run(id, async () => {
        const { result, next } = applyChange(kind, id, await read(id), change);
        if (next) {
          await changeIndex(id, true);
          await keyv.set(docKey(id), next);
        }
        return result;
      });
    },
    async list() {
      const ids = await readIndex();
      for (const id of ids) indexed.add(id);
      return [...ids];
    },
    async remove(id) {
      checkId(kind, id);
      return locks.run(id, async () => {
        const existed = (await readEntry(docKey(id))).found;
        await keyv.delete(docKey(id));
        await changeIndex(id, false);
        return existed;
      });
    },
  };
}

/**
 * StateStore over any keyv store: guilds and members as documents (one key each, and an index key per kind), and
 * free-form small values.
 */
export function createKeyvStateStore(keyv: Keyv): StateStore {
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

  const guilds = keyvDocuments(keyv, GUILD_DOCUMENT, 'guilds', readEntry);
  const members = keyvDocuments(keyv, MEMBER_DOCUMENT, 'members', readEntry);

  return {
    getGuild: (guildId) => guilds.get(guildId),
    updateGuild: (guildId, change) => guilds.update(guildId, change),
    listGuildIds: () => guilds.list(),
    getMember: (userId) => members.get(userId),
    updateMember: (userId, change) => members.update(userId, change),
    listMemberIds: () => members.list(),
    deleteMember: (userId) => members.remove(userId),

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
