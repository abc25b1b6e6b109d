import { DIGEST_COLUMNS, digestToRow, rowToDigest, type DigestRow } from '../rows.js';
import { DigestExistsError, type DeliveryStore, type DigestRecord } from '../types.js';
import { checkDigest, groupVenues, sentPaperIds, unsentPaperIds } from '../shared.js';
import type { Db, Queryable } from './connection.js';
import { Fence } from './fence.js';

/** `fence`: in the distributed mode, every claim checks that this process is still the leader. */
export function createPostgresDelivery(db: Db, fence: Fence = new Fence()): DeliveryStore {
  /** Change one stored digest in a transaction holding its row lock; an unknown key is an error. */
  function updateDigest<T>(
    key: string,
    change: (d: DigestRecord) => T,
    options: { idempotent: boolean; after?: (c: Queryable, d: DigestRecord) => Promise<void> },
  ): Promise<T> {
    return db.transaction(
      async (c) => {
        await fence.check(c);
        const [row] = await c.query<DigestRow>(`SELECT ${DIGEST_COLUMNS} FROM digests WHERE key = $1 FOR UPDATE`, [
          key,
        ]);
        if (!row) throw new Error(`No digest with key "${key}"`);
        const d = rowToDigest(row);
        const result = change(d);
        await c.query(
          'UPDATE digests SET status = $1, messages = $2, thread_id = $3, attempts = $4, error = $5, finished_at = $6 WHERE key = $7',
          [d.status, JSON.stringify(d.messages), d.threadId, d.attempts, d.error, d.finishedAt, key],
        );
        if (options.after) await options.after(c, d);
        return result;
      },
      { idempotent: options.idempotent },
    );
  }

  /**
   * Set columns of one stored digest that its messages do not hold (status, thread): one UPDATE, without reading
   * the record back and writing its messages again; an unknown key is an error.
   */
  function setDigest(
    key: string,
    columns: { status: 'sent' | 'failed'; finished_at: string } | { thread_id: string },
  ): Promise<void> {
    const names = Object.keys(columns);
    return db.transaction(
      async (c) => {
        await fence.check(c);
        const updated = await c.query(
          `UPDATE digests SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')} WHERE key = $1 RETURNING 1`,
          [key, ...Object.values(columns)],
        );
        if (updated.length === 0) throw new Error(`No digest with key "${key}"`);
      },
      { idempotent: true },
    );
  }

  return {
    async planDigest(digest, options = {}) {
      checkDigest(digest);
      const reclaim = [...new Set(options.reclaim ?? [])];
      // Papers past the cap are claimed too: considered once, never offered again in this channel.
      const paperIds = [...new Set([...digest.paperIds, ...digest.skippedIds])];
      const serialized = JSON.stringify(digest);
      let tries = 0;
      return db.transaction(
        async (c) => {
          tries++;
          await fence.check(c);
          // One planner per channel at a time: the claim check and the claim are one step.
          await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`ledger:${digest.channelId}`]);
          const [existing] = await c.query<DigestRow>(`SELECT ${DIGEST_COLUMNS} FROM digests WHERE key = $1`, [
            digest.key,
          ]);
          if (existing) {
            // A retry after a connection lost during COMMIT finds its own digest: that commit went through.
            if (tries > 1 && JSON.stringify(rowToDigest(existing)) === serialized) return { ok: true as const };
            throw new DigestExistsError(digest.key);
          }
          // A reclaimed paper conflicts only with a claim from this digest's date or later.
          const taken = await c.query<{ paper_id: string }>(
            `SELECT l.paper_id FROM ledger l JOIN digests d ON d.key = l.digest_key
             WHERE l.channel_id = $1 AND l.paper_id = ANY($2::text[])
               AND (NOT (l.paper_id = ANY($3::text[])) OR d.date >= $4)`,
            [digest.channelId, paperIds, reclaim, digest.date],
          );
          const venuePapers = (options.venues ?? []).map((v) => v.paperId);
          const venueNames = (options.venues ?? []).map((v) => v.venue);
          if (venuePapers.length > 0) {
            taken.push(
              ...(await c.query<{ paper_id: string }>(
                `SELECT u.paper_id FROM venue_updates u
                 JOIN unnest($2::text[], $3::text[]) AS w (p, v) ON u.paper_id = w.p AND u.venue = w.v
                 WHERE u.channel_id = $1`,
                [digest.channelId, venuePapers, venueNames],
              )),
            );
          }
          if (taken.length > 0) {
            const set = new Set(taken.map((t) => t.paper_id));
            return {
              ok: false as const,
              taken: [...new Set([...paperIds, ...venuePapers].filter((id) => set.has(id)))],
            };
          }
          await c.query(
            `INSERT INTO digests (${DIGEST_COLUMNS}) VALUES (${DIGEST_COLUMNS.split(',')
              .map((_, i) => `$${i + 1}`)
              .join(', ')})`,
            digestToRow(digest, (b) => b),
          );
          await c.query(
            `INSERT INTO ledger (channel_id, paper_id, digest_key, guild_id)
             SELECT $1, id, $2, $3 FROM unnest($4::text[]) AS id
             ON CONFLICT (channel_id, paper_id) DO UPDATE SET digest_key = excluded.digest_key, guild_id = excluded.guild_id`,
            [digest.channelId, digest.key, digest.guildId, paperIds],
          );
          if (venuePapers.length > 0) {
            await c.query(
              `INSERT INTO venue_updates (channel_id, paper_id, venue, digest_key)
               SELECT $1, p, v, $4 FROM unnest($2::text[], $3::text[]) AS w (p, v)`,
              [digest.channelId, venuePapers, venueNames, digest.key],
            );
          }
          return { ok: true as const };
        },
        { idempotent: true },
      );
    },

    markMessageSent(key, index, messageId) {
      return updateDigest(
        key,
        (d) => {
          const message = d.messages.find((m) => m.index === index);
          if (!message) throw new Error(`Digest "${key}" has no message ${index}`);
          message.messageId = messageId;
        },
        { idempotent: true },
      );
    },

    setThread(key, threadId) {
      return setDigest(key, { thread_id: threadId });
    },

    finishDigest(key, status) {
      return setDigest(key, { status, finished_at: new Date().toISOString() });
    },

    recordAttempt(key, error) {
      return updateDigest(
        key,
        (d) => {
          d.attempts += 1;
          d.error = error;
          return d.attempts;
        },
        // Counting one attempt twice is the worse outcome than failing to count it: not retried after COMMIT.
        { idempotent: false },
      );
    },

    failDigest(key, reason) {
      return updateDigest(
        key,
        (d) => {
          d.status = 'failed';
          d.error = reason;
          d.finishedAt = new Date().toISOString();
        },
        {
          idempotent: true,
          after: async (c, d) => {
            const keep = sentPaperIds(d);
            const release = d.paperIds.filter((id) => !keep.has(id));
            await c.query(
              'DELETE FROM ledger WHERE channel_id = $1 AND digest_key = $2 AND paper_id = ANY($3::text[])',
              [d.channelId, d.key, release],
            );
            await c.query('DELETE FROM venue_updates WHERE digest_key = $1 AND paper_id = ANY($2::text[])', [
              d.key,
              unsentPaperIds(d),
            ]);
          },
        },
      );
    },

    async getDigest(key) {
      const [row] = await db.query<DigestRow>(`SELECT ${DIGEST_COLUMNS} FROM digests WHERE key = $1`, [key]);
      return row ? rowToDigest(row) : null;
    },

    async pendingDigests(channelId) {
      const rows = await db.query<DigestRow>(
        `SELECT ${DIGEST_COLUMNS} FROM digests WHERE status = 'pending' AND ($1::text IS NULL OR channel_id = $1)
         ORDER BY created_at COLLATE "C", key COLLATE "C"`,
        [channelId ?? null],
      );
      return rows.map(rowToDigest);
    },

    async postedIn(channelId, paperIds) {
      const rows = await db.query<{ paper_id: string }>(
        'SELECT paper_id FROM ledger WHERE channel_id = $1 AND paper_id = ANY($2::text[])',
        [channelId, [...paperIds]],
      );
      return new Set(rows.map((r) => r.paper_id));
    },

    async claimDates(channelId, paperIds) {
      const rows = await db.query<{ paper_id: string; date: string }>(
        `SELECT l.paper_id, d.date FROM ledger l JOIN digests d ON d.key = l.digest_key
         WHERE l.channel_id = $1 AND l.paper_id = ANY($2::text[])`,
        [channelId, [...paperIds]],
      );
      return new Map(rows.map((r) => [r.paper_id, r.date]));
    },

    async digestsOn(guildId, date, topicSlug) {
      const rows = await db.query<DigestRow>(
        `SELECT ${DIGEST_COLUMNS} FROM digests WHERE guild_id = $1 AND date = $2 AND ($3::text IS NULL OR topic_slug = $3)
         ORDER BY created_at COLLATE "C", key COLLATE "C"`,
        [guildId, date, topicSlug ?? null],
      );
      return rows.map(rowToDigest);
    },

    async postedInGuild(guildId) {
      const rows = await db.query<{ paper_id: string }>(
        'SELECT DISTINCT paper_id COLLATE "C" AS paper_id FROM ledger WHERE guild_id = $1 ORDER BY 1',
        [guildId],
      );
      return rows.map((r) => r.paper_id);
    },

    async postedWhere(guildId, paperIds) {
      const rows = await db.query<{ channel_id: string; paper_id: string; digest_key: string }>(
        'SELECT channel_id, paper_id, digest_key FROM ledger WHERE guild_id = $1 AND paper_id = ANY($2::text[])',
        [guildId, [...paperIds]],
      );
      return rows.map((r) => ({ channelId: r.channel_id, paperId: r.paper_id, digestKey: r.digest_key }));
    },

    async venueClaims(channelId, paperIds) {
      const rows = await db.query<{ paper_id: string; venue: string }>(
        'SELECT paper_id, venue FROM venue_updates WHERE channel_id = $1 AND paper_id = ANY($2::text[])',
        [channelId, [...paperIds]],
      );
      return groupVenues(rows);
    },

    forgetGuild(guildId) {
      return db.transaction(async (c) => {
        await c.query('DELETE FROM ledger WHERE guild_id = $1', [guildId]);
        await c.query('DELETE FROM venue_updates WHERE digest_key IN (SELECT key FROM digests WHERE guild_id = $1)', [
          guildId,
        ]);
        const gone = await c.query('DELETE FROM digests WHERE guild_id = $1 RETURNING key', [guildId]);
        return gone.length;
      });
    },
  };
}
