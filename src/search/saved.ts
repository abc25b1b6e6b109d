import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { mutexOf } from '../store/lock.js';
import type { StateStore } from '../store/types.js';

/**
 * Searches saved in the state store so that the buttons of a results message keep working
 * across restarts: the message's `custom_id`s carry only a short random key.
 */

/** How long the buttons of a results message keep working. */
export const SAVED_SEARCH_TTL_MS = 24 * 60 * 60_000;
/** Saved searches kept per member and server; older ones expire early. */
const KEEP_PER_USER = 25;
/** 6 random bytes, base64url: 8 characters. */
export const SEARCH_KEY_RE = /^[A-Za-z0-9_-]{8}$/;

export const searchScopes = ['digests', 'all'] as const;
export type SearchScope = (typeof searchScopes)[number];

const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What the member asked for, exactly as it is re-run for every page. */
export const searchParamsSchema = z.object({
  query: z.string().min(1).max(1000),
  author: z.string().min(1).max(200).optional(),
  topic: z.string().min(1).max(32).optional(),
  since: dateString.optional(),
  hasCode: z.boolean().optional(),
  scope: z.enum(searchScopes),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

const savedSearchSchema = z.object({
  v: z.literal(1),
  guildId: z.string().min(1),
  channelId: z.string().min(1),
  userId: z.string().min(1),
  /** Posted in the channel (others who click get their own copy) rather than ephemeral. */
  public: z.boolean(),
  createdAt: z.number(),
  expiresAt: z.number(),
  params: searchParamsSchema,
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;

const indexSchema = z.array(z.object({ key: z.string(), expiresAt: z.number() }));

const searchKey = (key: string) => `search:${key}`;
const indexKey = (guildId: string, userId: string) => `search-index:${guildId}:${userId}`;

export interface SaveSearchInput {
  guildId: string;
  channelId: string;
  userId: string;
  public: boolean;
  params: SearchParams;
}

export class SavedSearches {
  constructor(
    private readonly state: Pick<StateStore, 'getValue' | 'setValue'>,
    private readonly now: () => Date,
  ) {}

  /** Save a search and return its key. Keeps at most {@link KEEP_PER_USER} per member and server. */
  async save(input: SaveSearchInput): Promise<string> {
    const key = randomBytes(6).toString('base64url');
    const createdAt = this.now().getTime();
    const saved: SavedSearch = { v: 1, ...input, createdAt, expiresAt: createdAt + SAVED_SEARCH_TTL_MS };
    await this.state.setValue(searchKey(key), saved);

    // Read-modify-write of the member's index: concurrent searches of one member would lose entries.
    const where = indexKey(input.guildId, input.userId);
    await mutexOf(this.state).run(where, async () => {
      const index = indexSchema.safeParse(await this.state.getValue(where));
      const entries = [...(index.success ? index.data : []), { key, expiresAt: saved.expiresAt }];
      const live = entries.filter((e) => e.expiresAt > createdAt);
      const kept = live.slice(-KEEP_PER_USER);
      const keptKeys = new Set(kept.map((e) => e.key));
      for (const entry of entries) {
        if (!keptKeys.has(entry.key)) await this.state.setValue(searchKey(entry.key), undefined);
      }
      await this.state.setValue(where, kept);
    });
    return key;
  }

  /** The saved search, or null when the key is malformed, unknown, unreadable or expired. */
  async load(key: string): Promise<SavedSearch | null> {
    if (!SEARCH_KEY_RE.test(key)) return null;
    const parsed = savedSearchSchema.safeParse(await this.state.getValue(searchKey(key)));
    if (!parsed.success) return null;
    if (parsed.data.expiresAt <= this.now().getTime()) {
      await this.state.setValue(searchKey(key), undefined);
      return null;
    }
    return parsed.data;
  }
}
