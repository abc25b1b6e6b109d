import { describe, expect, it } from 'vitest';
import { defaults } from '../../config/defaults.js';
import { defaultSettings } from '../../src/app.js';
import type { PaperRecord } from '../../src/papers/paper.js';
import { archivedPaper, lookupPaper, type PaperLookupDeps } from '../../src/search/lookup.js';
import { createMemoryStore } from '../../src/store/index.js';
import { makePaper } from '../topics/papers.js';

const GUILD = '300000000000000001';
const record = (id: string, version: number): PaperRecord => {
  const paper = makePaper({ id, version, title: `Paper ${id} v${version}` });
  return { paper, raw: { title: paper.title, abstract: '' } };
};

/** A fake arXiv that knows some papers, or fails; it records what it was asked for. */
function world(arxivPapers: PaperRecord[] | 'down' = []) {
  const asked: string[][] = [];
  const warned: unknown[] = [];
  const deps: PaperLookupDeps = {
    store: createMemoryStore(),
    arxiv: {
      fetchPapers(ids) {
        asked.push(ids);
        if (arxivPapers === 'down') return Promise.reject(new Error('connect ECONNREFUSED'));
        return Promise.resolve(arxivPapers.filter((r) => ids.includes(r.paper.id)));
      },
    },
    log: { warn: (...args: unknown[]) => void warned.push(args) } as PaperLookupDeps['log'],
    settingsFor: (guildId, stored) => stored ?? defaultSettings(guildId, defaults),
  };
  let deferred = 0;
  const defer = () => Promise.resolve(void deferred++);
  return { deps, asked, warned, defer, deferrals: () => deferred };
}

describe('lookupPaper', () => {
  it('shows an archived paper without asking arXiv', async () => {
    const w = world();
    await w.deps.store.archive.upsert([record('2205.14459', 2)]);
    const view = await lookupPaper(w.deps, GUILD, 'https://arxiv.org/abs/2205.14459v1', w.defer);
    expect([view.paper.version, view.abstractLength, view.image, view.note]).toEqual([
      2,
      600,
      null,
      'Showing v2, the latest version (you asked for v1).',
    ]);
    expect([w.asked, w.deferrals()]).toEqual([[], 0]);
  });

  it('fetches and archives an unknown paper, deferring first', async () => {
    const w = world([record('hep-th/9901001', 1)]);
    const view = await lookupPaper(w.deps, GUILD, 'arXiv:hep-th/9901001', w.defer);
    expect(view.paper.id).toBe('hep-th/9901001');
    expect([w.asked, w.deferrals()]).toEqual([[['hep-th/9901001']], 1]);
    expect(await archivedPaper(w.deps, 'hep-th/9901001')).not.toBeNull();
  });

  it('fetches a newer version than the archived one, and keeps the archived one if arXiv has none', async () => {
    const w = world([]);
    await w.deps.store.archive.upsert([record('2205.14459', 1)]);
    const view = await lookupPaper(w.deps, GUILD, '2205.14459v3', w.defer);
    expect(view.note).toBe('arXiv has no v3 of this paper yet; showing v1.');
    expect(w.asked).toEqual([['2205.14459']]);
  });

  it.each([
    {
      case: 'text that is no id',
      arxiv: [] as PaperRecord[],
      id: 'hello',
      says: /^`hello` is not an arXiv id\. Try `2205\.14459`/,
    },
    {
      case: 'a paper arXiv does not have',
      arxiv: [],
      id: '2205.99999',
      says: /^arXiv has no paper 2205\.99999\. Check the id/,
    },
    {
      case: 'arXiv not answering',
      arxiv: 'down' as const,
      id: '2205.14459',
      says: /^arXiv did not answer just now, so `2205\.14459` could not be fetched/,
    },
  ])('refuses $case and archives nothing', async ({ arxiv, id, says }) => {
    const w = world(arxiv);
    await expect(lookupPaper(w.deps, GUILD, id, w.defer)).rejects.toThrow(says);
    expect(await w.deps.store.archive.count()).toBe(0);
  });
});
