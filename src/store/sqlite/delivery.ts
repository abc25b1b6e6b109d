import { DIGEST_COLUMNS, digestToRow, rowToDigest, type DigestRow } from '../rows.js';
import { DigestExistsError, type DeliveryStore, type DigestRecord } from '../types.js';
import { checkDigest, groupVenues, sentPaperIds, unsentPaperIds } from '../shared.js';
import type { Connection, Writer } from './connection.js';

export function createSqliteDelivery(writer: Writer, reader: Connection): DeliveryStore {
  /** Change one stored digest inside a write transaction; an unknown key is an error. */
  function updateDigest<T>(
    key: string,
    change: (d: DigestRecord) => T,
    after?: (c: Connection, d: DigestRecord) => Promise<void>,
  ): Promise<T> {
    return writer.transaction(async (c) => {
      const row = await c.get<DigestRow>(`SELECT ${DIGEST_COLUMNS} FROM digests WHERE key = ?`, [key]);
      if (!row) throw new Error(`No digest with key "${key}"`);
      const d = rowToDigest(row);
      const result = change(d);
      await c.run(
        'UPDATE digests SET status = ?, messages = ?, thread_id = ?, attempts = ?, error = ?, finished_at = ? WHERE key = ?',
        [d.status, JSON.stringify(d.messages), d.threadId, d.attempts, d.error, d.finishedAt, key],
      );
      if (after) await after(c, d);
      return result;
    });
  }

  return {
    async planDigest(digest, options = {}) {
      checkDigest(digest);
      const reclaim = [...new Set(options.reclaim ?? [])];
      // Papers past the cap are claimed too: considered once, never offered again in this channel.
      const paperIds = [...new Set([...digest.paperIds, ...digest.skippedIds])];
      return writer.transaction(async (c) => {
        if (await c.get('SELECT 1 FROM digests WHERE key = ?', [digest.key])) throw new DigestExistsError(digest.key);
        // A reclaimed paper conflicts only with a claim from this digest's date or later.
        const taken = await c.all<{ paper_id: string }>(
          `SELECT l.paper_id FROM ledger l JOIN digests d ON d.key = l.digest_key
           WHERE l.channel_id = ? AND l.paper_id IN (SELECT value FROM json_each(?))
             AND (l.paper_id NOT IN (SELECT value FROM json_each(?)) OR d.date >= ?)`,
          [digest.channelId, JSON.stringify(paperIds), JSON.stringify(reclaim), digest.date],
        );
        const venues = JSON.stringify((options.venues ?? []).map((v) => [v.paperId, v.venue]));
        if (options.venues?.length) {
          taken.push(
            ...(await c.all<{ paper_id: string }>(
              `SELECT u.paper_id FROM venue_updates u JOIN json_each(?) j
                 ON u.paper_id = j.value ->> 0 AND u.venue = j.value ->> 1
               WHERE u.channel_id = ?`,
              [venues, digest.channelId],
            )),
          );
        }
        if (taken.length > 0) {
          const set = new Set(taken.map((t) => t.paper_id));
          const asked = [...paperIds, ...(options.venues ?? []).map((v) => v.paperId)];
          return { ok: false as const, taken: [...new Set(asked.filter((id) => set.has(id)))] };
        }
        await c.run(
          `INSERT INTO digests (${DIGEST_COLUMNS}) VALUES (${DIGEST_COLUMNS.split(',')
            .map(() => '?')
            .join(', ')})`,
          digestToRow(digest, (b) => (b ? 1 : 0)),
        );
        await c.run(
          `INSERT OR REPLACE INTO ledger (channel_id, paper_id, digest_key, guild_id)
           SELECT ?, value, ?, ? FROM json_each(?)`,
          [digest.channelId, digest.key, digest.guildId, JSON.stringify(paperIds)],
        );
        if (options.venues?.length) {
          await c.run(
            `INSERT INTO venue_updates (channel_id, paper_id, venue, digest_key)
             SELECT ?, value ->> 0, value ->> 1, ? FROM json_each(?)`,
            [digest.channelId, digest.key, venues],
          );
        }
        return { ok: true as const };
      });
    },

    markMessageSent(key, index, messageId) {
      return updateDigest(key, (d) => {
        const message = d.messages.find((m) => m.index === index);
        if (!message) throw new Error(`Digest "${key}" has no message ${index}`);
        message.messageId = messageId;
      });
    },

    setThread(key, threadId) {
      return updateDigest(key, (d) => {
        d.threadId = threadId;
      });
    },

    finishDigest(key, status) {
      return updateDigest(key, (d) => {
        d.status = status;
        d.finishedAt = new Date().toISOString();
      });
    },

    recordAttempt(key, error) {
      return updateDigest(key, (d) => {
        d.attempts += 1;
        d.error = error;
        return d.attempts;
      });
    },

    failDigest(key, reason) {
      return updateDigest(
        key,
        (d) => {
          d.status = 'failed';
          d.error = reason;
          d.finishedAt = new Date().toISOString();
        },
        async (c, d) => {
          const keep = sentPaperIds(d);
          const release = d.paperIds.filter((id) => !keep.has(id));
          await c.run(
            'DELETE FROM ledger WHERE channel_id = ? AND digest_key = ? AND paper_id IN (SELECT value FROM json_each(?))',
            [d.channelId, d.key, JSON.stringify(release)],
          );
          await c.run(
            'DELETE FROM venue_updates WHERE digest_key = ? AND paper_id IN (SELECT value FROM json_each(?))',
            [d.key, JSON.stringify(unsentPaperIds(d))],
          );
        },
      );
    },

    async getDigest(key) {
      const row = await reader.get<DigestRow>(`SELECT ${DIGEST_COLUMNS} FROM digests WHERE key = ?`, [key]);
      return row ? rowToDigest(row) : null;
    },

    async pendingDigests(channelId) {
      const rows = await reader.all<DigestRow>(
        `SELECT ${DIGEST_COLUMNS} FROM digests WHERE status = 'pending' AND (?1 IS NULL OR channel_id = ?1) ORDER BY created_at, key`,
        [channelId ?? null],
      );
      return rows.map(rowToDigest);
    },

    async postedIn(channelId, paperIds) {
      const rows = await reader.all<{ paper_id: string }>(
        'SELECT paper_id FROM ledger WHERE channel_id = ? AND paper_id IN (SELECT value FROM json_each(?))',
        [channelId, JSON.stringify(paperIds)],
      );
      return new Set(rows.map((r) => r.paper_id));
    },

    async claimDates(channelId, paperIds) {
      const rows = await reader.all<{ paper_id: string; date: string }>(
        `SELECT l.paper_id, d.date FROM ledger l JOIN digests d ON d.key = l.digest_key
         WHERE l.channel_id = ? AND l.paper_id IN (SELECT value FROM json_each(?))`,
        [channelId, JSON.stringify(paperIds)],
      );
      return new Map(rows.map((r) => [r.paper_id, r.date]));
    },

    async digestsOn(guildId, date, topicSlug) {
      const rows = await reader.all<DigestRow>(
        `SELECT ${DIGEST_COLUMNS} FROM digests WHERE guild_id = ? AND date = ? AND (? IS NULL OR topic_slug = ?)
         ORDER BY created_at, key`,
        [guildId, date, topicSlug ?? null, topicSlug ?? null],
      );
      return rows.map(rowToDigest);
    },

    async postedInGuild(guildId) {
      const rows = await reader.all<{ paper_id: string }>(
        'SELECT DISTINCT paper_id FROM ledger WHERE guild_id = ? ORDER BY paper_id',
        [guildId],
      );
      return rows.map((r) => r.paper_id);
    },

    async postedWhere(guildId, paperIds) {
      const rows = await reader.all<{ channel_id: string; paper_id: string; digest_key: string }>(
        `SELECT channel_id, paper_id, digest_key FROM ledger
         WHERE guild_id = ? AND paper_id IN (SELECT value FROM json_each(?))`,
        [guildId, JSON.stringify(paperIds)],
      );
      return rows.map((r) => ({ channelId: r.channel_id, paperId: r.paper_id, digestKey: r.digest_key }));
    },

    async venueClaims(channelId, paperIds) {
      const rows = await reader.all<{ paper_id: string; venue: string }>(
        `SELECT paper_id, venue FROM venue_updates
         WHERE channel_id = ? AND paper_id IN (SELECT value FROM json_each(?))`,
        [channelId, JSON.stringify(paperIds)],
      );
      return groupVenues(rows);
    },

    forgetGuild(guildId) {
      return writer.transaction(async (c) => {
        await c.run('DELETE FROM ledger WHERE guild_id = ?', [guildId]);
        await c.run('DELETE FROM venue_updates WHERE digest_key IN (SELECT key FROM digests WHERE guild_id = ?)', [
          guildId,
        ]);
        const gone = await c.all<{ key: string }>('DELETE FROM digests WHERE guild_id = ? RETURNING key', [guildId]);
        return gone.length;
      });
    },
  };
}
