import { describe, expect, it } from 'vitest';
import { planChannel } from '../../src/digest/plan.js';
import type { Paper } from '../../src/papers/paper.js';
import type { Subscription, Topic } from '../../src/store/types.js';
import { topicMatcher } from '../../src/topics/topic.js';
import { stressPapers, stressTopics } from '../topics/corpus.js';

const stamp = { by: 'u', at: '2026-11-01T00:00:00.000Z' };

function paper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  return {
    id,
    version: 1,
    title,
    authors: ['A. Author'],
    abstract: `${title}. An abstract.`,
    categories: ['cs.LG'],
    primaryCategory: 'cs.LG',
    comment: null,
    journalRef: null,
    doi: null,
    venue: null,
    codeUrl: null,
    published: '2026-11-23T18:00:00.000Z',
    updated: '2026-11-23T18:00:00.000Z',
    announced: '2026-11-24',
    announceType: 'new',
    withdrawn: false,
    absUrl: `https://arxiv.org/abs/${id}`,
    pdfUrl: `https://arxiv.org/pdf/${id}v1`,
    ...extra,
  };
}

const topic = (slug: string, query: string): Topic => ({
  guildId: 'g',
  slug,
  name: slug.toUpperCase(),
  categories: ['cs.LG'],
  query,
  crossLists: true,
  updates: false,
  images: false,
  color: 0,
  changed: stamp,
});

const sub = (topicSlug: string, maxPapers = 25): Subscription => ({
  guildId: 'g',
  channelId: 'c',
  topicSlug,
  mentionRoleId: null,
  maxPapers,
  thread: false,
  paused: null,
  lastDigestDate: null,
  changed: stamp,
});

describe('planChannel', () => {
  const papers = [
    paper('2611.00001', 'Contrastive learning of graphs'),
    paper('2611.00002', 'Contrastive learning for vision'),
    paper('2611.00003', 'Graph neural networks'),
    paper('2611.00004', 'Withdrawn contrastive paper', { withdrawn: true }),
  ];

  it('orders by relevance, caps, and leaves already posted and withdrawn papers out', () => {
    const [plan] = planChannel(
      [sub('cl', 1)],
      new Map([['cl', topic('cl', 'contrastive')]]),
      papers,
      new Set(['2611.00002']),
    );
    expect(plan?.papers.map((p) => p.paper.id)).toEqual(['2611.00001']);
    expect(plan?.overflow).toEqual([]);
  });

  it('posts a paper matching two topics once, with the first topic, tagged with both', () => {
    const topics = new Map([
      ['cl', topic('cl', 'contrastive')],
      ['graphs', topic('graphs', 'graph*')],
    ]);
    const [cl, graphs] = planChannel([sub('cl'), sub('graphs')], topics, papers, new Set());
    expect(cl?.papers.map((p) => p.paper.id).sort()).toEqual(['2611.00001', '2611.00002']);
    expect(cl?.papers.find((p) => p.paper.id === '2611.00001')?.topicNames).toEqual(['CL', 'GRAPHS']);
    expect(graphs?.papers.map((p) => p.paper.id)).toEqual(['2611.00003']);
  });

  it("carries why each paper matched each of its topics, the digest's own first", () => {
    const topics = new Map([
      ['cl', topic('cl', 'Contrastive OR vision OR diffusion -survey')],
      ['graphs', topic('graphs', 'graph* au:author')],
      ['all', topic('all', '')],
    ]);
    const [cl, graphs, all] = planChannel([sub('cl'), sub('graphs'), sub('all')], topics, papers, new Set());
    expect(cl?.papers.map((p) => [p.paper.id, p.matched])).toEqual([
      [
        '2611.00002',
        [
          { topicName: 'CL', explanation: { terms: [{ text: 'Contrastive' }, { text: 'vision' }], categories: [] } },
          { topicName: 'ALL', explanation: { terms: [], categories: ['cs.LG'] } },
        ],
      ],
      [
        '2611.00001',
        [
          { topicName: 'CL', explanation: { terms: [{ text: 'Contrastive' }], categories: [] } },
          {
            topicName: 'GRAPHS',
            explanation: {
              terms: [{ text: 'graph*' }, { text: 'au:author', authors: ['A. Author'] }],
              categories: [],
            },
          },
          { topicName: 'ALL', explanation: { terms: [], categories: ['cs.LG'] } },
        ],
      ],
    ]);
    for (const plan of [cl, graphs, all]) {
      for (const p of plan?.papers ?? []) expect(p.matched.map((m) => m.topicName)).toEqual(p.topicNames);
    }
    expect(graphs?.papers.map((p) => p.matched.map((m) => m.topicName))).toEqual([['GRAPHS', 'ALL']]);
    expect(all?.papers).toEqual([]);
  });

  it('lets another topic post a paper that the first topic left out past its cap', () => {
    const topics = new Map([
      // "vision" ranks 2611.00002 first, so the graphs paper falls past the cap of 1.
      ['cl', topic('cl', 'contrastive OR vision')],
      ['graphs', topic('graphs', 'graph*')],
    ]);
    const [cl, graphs] = planChannel([sub('cl', 1), sub('graphs')], topics, papers, new Set());
    expect(cl?.papers.map((p) => p.paper.id)).toEqual(['2611.00002']);
    expect(cl?.overflow.map((p) => p.id)).toEqual(['2611.00001']);
    expect(graphs?.papers.map((p) => p.paper.id).sort()).toEqual(['2611.00001', '2611.00003']);
  });

  it('reports a topic whose stored query no longer parses instead of failing the channel', () => {
    const topics = new Map([
      ['broken', topic('broken', '"unclosed')],
      ['cl', topic('cl', 'contrastive')],
    ]);
    const [broken, cl] = planChannel([sub('broken'), sub('cl')], topics, papers, new Set());
    expect(broken?.error).toMatch(/cannot be used/);
    expect(broken?.papers).toEqual([]);
    expect(cl?.papers).toHaveLength(2);
  });

  it('plans what matching each topic on its own, paper by paper, gives (seeded random topics and papers)', () => {
    const corpus = stressPapers(300, 5);
    const filters = stressTopics(corpus, 40, 6);
    const topics = new Map(filters.map((f, k): [string, Topic] => [`t${k}`, { ...topic(`t${k}`, f.query), ...f }]));
    const subs = filters.map((_, k) => sub(`t${k}`, 1 + (k % 7)));
    const posted = new Set(corpus.filter((_, i) => i % 11 === 0).map((p) => p.id));
    const plans = planChannel(subs, topics, corpus, posted);

    // The straightforward reading of the rules, one topic and one paper at a time.
    const live = corpus.filter(
      (p) => !p.withdrawn && (!posted.has(p.id) || p.announceType === 'replace' || p.announceType === 'replace-cross'),
    );
    const taken = new Set<string>();
    const expected = subs.map((s) => {
      const t = topics.get(s.topicSlug)!;
      const match = topicMatcher(t);
      const hits = live
        .filter((p) => !posted.has(p.id))
        .map((p) => ({ id: p.id, score: match(p) }))
        .filter((h): h is { id: string; score: number } => h.score !== null)
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .filter((h) => !taken.has(h.id));
      const kept = hits.slice(0, s.maxPapers).map((h) => h.id);
      for (const id of kept) taken.add(id);
      return { kept, overflow: hits.slice(s.maxPapers).map((h) => h.id) };
    });
    expect(
      plans.map((p) => ({ kept: p.papers.map((x) => x.paper.id), overflow: p.overflow.map((x) => x.id) })),
    ).toEqual(expected);
    expect(expected.some((e) => e.kept.length > 0 && e.overflow.length > 0)).toBe(true);
  });
});
