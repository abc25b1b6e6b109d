/**
 * Run by sqlite-turns.test.ts in a process of its own (so that it can have one libuv worker thread): members'
 * state changes (keyv's connection) and digests planned and sent (the writer's) at the same time, as a run of
 * follow DMs makes them. Prints one JSON line: how many changes were made, or the first error.
 */
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { DigestRecord } from '../../src/store/types.js';

const [path, busyTimeout] = process.argv.slice(2);
const store = await openSqliteStore(path!, { busyTimeoutMs: Number(busyTimeout) });

function digest(member: number, round: number): DigestRecord {
  return {
    key: `dm:u${member}:dm${member}:g1:2026-11-${String(round + 1).padStart(2, '0')}:1`,
    guildId: `dm:u${member}`,
    channelId: `dm${member}`,
    topicSlug: 'g1',
    date: `2026-11-${String(round + 1).padStart(2, '0')}`,
    paperIds: [`2611.${String(member * 100 + round).padStart(5, '0')}`],
    skippedIds: [],
    messages: [{ index: 0, nonce: `n${member}-${round}`, paperIds: [], body: { content: 'x' }, messageId: null }],
    threadName: 'x',
    openThread: false,
    threadId: null,
    status: 'pending',
    attempts: 0,
    error: null,
    createdAt: '2026-11-24T00:00:00.000Z',
    finishedAt: null,
  };
}

const started = performance.now();
let changes = 0;
try {
  await Promise.all(
    Array.from({ length: 6 }, async (_, member) => {
      for (let round = 0; round < 8; round++) {
        const d = digest(member, round);
        await store.state.updateMember(`u${member}`, (m) => {
          m.dm.channelId = d.channelId;
        });
        await store.delivery.planDigest(d);
        await store.delivery.markMessageSent(d.key, 0, `m${member}-${round}`);
        await store.delivery.finishDigest(d.key, 'sent');
        await store.state.updateMember(`u${member}`, (m) => {
          m.dmDates['g1'] = d.date;
        });
        changes += 5;
      }
    }),
  );
  console.log(JSON.stringify({ changes, ms: performance.now() - started }));
} catch (error) {
  console.log(JSON.stringify({ changes, ms: performance.now() - started, error: String(error) }));
} finally {
  await store.close();
}
