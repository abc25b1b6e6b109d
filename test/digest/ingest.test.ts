import { describe, expect, it } from 'vitest';
import { IngestService, type ListingSource } from '../../src/digest/ingest.js';
import { silentLogger } from '../../src/log.js';
import type { PaperRecord } from '../../src/papers/paper.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { subscription, topic } from '../helpers/bot.js';
import { makeRecord } from '../store/papers.js';

const GUILD = '210000000000000001';
const DATE = '2026-11-24';

describe('IngestService', () => {
  it('says when a listing added or changed papers, and only then (onStored)', async () => {
    const store = createMemoryStore();
    await store.state.updateGuild(GUILD, (state) => {
      state.topics = [topic(GUILD)];
      state.subscriptions = [subscription(GUILD)];
    });
    let papers: PaperRecord[] = [makeRecord({ id: '2611.00001', title: 'Contrastive views', announced: DATE })];
    // The listing at the edge: what the feed brought this time.
    const source: ListingSource = {
      ingestListing: () => Promise.resolve({ date: DATE, papers, notModified: false, commit: () => Promise.resolve() }),
    };
    let now = Date.parse('2026-11-24T06:30:00Z');
    let stored = 0;
    const service = new IngestService({
      store,
      source,
      log: silentLogger,
      now: () => new Date(now),
      onStored: () => (stored += 1),
    });
    // Each refresh is a later scheduled run, past the window in which an ingest is reused.
    const refresh = async () => {
      now += 10 * 60_000;
      return service.refresh();
    };

    expect((await refresh()).added).toBe(1);
    expect(stored).toBe(1);
    // The same listing again: nothing changed in the archive.
    expect((await refresh()).added).toBe(0);
    expect(stored).toBe(1);
    papers = [...papers, makeRecord({ id: '2611.00002', title: 'Contrastive knots', announced: DATE })];
    expect((await refresh()).added).toBe(1);
    expect(stored).toBe(2);
    // A listing with nothing in it stores nothing.
    papers = [];
    await refresh();
    expect(stored).toBe(2);
  });
});
