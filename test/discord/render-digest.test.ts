import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  digestNonce,
  planDigestMessages,
  renderDigest,
  type DigestInput,
  type DigestMessageBody,
} from '../../src/discord/render/digest-messages.js';
import { embedLength, embedsLength, LIMITS, validateMessage } from '../../src/discord/render/limits.js';
import type { Paper } from '../../src/papers/paper.js';
import { embedProblems, HOSTILE, liveMarkup, makePaper } from './render-helpers.js';
import { propertyRuns } from '../helpers/property-runs.js';

const topic = { name: 'unsupervised / semi-supervised / contrastive learning', color: 0x2b8a3e, slug: 'contrastive' };
const paperN = (i: number, overrides: Partial<Paper> = {}): Paper =>
  makePaper({
    id: `2401.${String(i).padStart(5, '0')}`,
    absUrl: `https://arxiv.org/abs/2401.${String(i).padStart(5, '0')}`,
    ...overrides,
  });

function input(count: number, overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    topic,
    date: '2024-01-15',
    papers: Array.from({ length: count }, (_, i) => ({ paper: paperN(i) })),
    totalMatched: count,
    mentionRoleId: null,
    abstractLength: 400,
    nonceBase: 'g1:c1:contrastive:2024-01-15',
    ...overrides,
  };
}

/** Everything a rendered digest must satisfy, whatever went in. */
function checkDigest(given: DigestInput, bodies: readonly DigestMessageBody[]): void {
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) {
    expect(validateMessage(body)).toEqual([]);
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce.length).toBeLessThanOrEqual(LIMITS.nonce);
    for (const embed of body.embeds) expect(embedProblems(embed)).toEqual([]);
  }
  // Header only on the first message; a content-only message can only be the closing one, at the end.
  expect(bodies[0]?.content).toBeDefined();
  bodies.slice(1).forEach((body, i) => {
    if (body.content !== undefined) {
      expect(body.embeds).toEqual([]);
      expect(i + 1).toBe(bodies.length - 1);
    }
  });
  // Only the configured role can be mentioned, and only by the header.
  bodies.forEach((body, i) => {
    const role = i === 0 ? given.mentionRoleId : null;
    expect(body.allowed_mentions).toEqual(role === null ? { parse: [] } : { parse: [], roles: [role] });
    const content = (body.content ?? '').replace(role === null ? /$^/ : `<@&${role}>`, '');
    expect(liveMarkup(content.replace(/ See them with `[^`\n]*`$/m, ''))).toEqual([]);
  });
  expect(new Set(bodies.map((b) => b.nonce)).size).toBe(bodies.length);
  // A message with papers has their "Save…" select, values = its papers' ids in order; no other message has one.
  bodies.forEach((body, index) => {
    if (body.embeds.length === 0) {
      expect(body.components).toBeUndefined();
      return;
    }
    const [row, ...more] = body.components ?? [];
    expect(more).toEqual([]);
    const [select] = row?.components ?? [];
    expect(select?.custom_id).toBe(`paper:save:${index}`);
    expect(select?.max_values).toBe(body.embeds.length);
    const ids = body.embeds.map((e) => given.papers.find((p) => p.paper.absUrl === e.url)?.paper.id);
    expect(select?.options.map((o) => o.value)).toEqual(ids);
    // Select labels are shown verbatim (no markdown), but still never read as a mention.
    for (const option of select?.options ?? []) expect(option.label).not.toMatch(/@(?:everyone|here)|<[@#]/);
  });
  // Every paper exactly once, in the given order.
  const urls = bodies.flatMap((b) => b.embeds.map((e) => e.url));
  expect(urls).toEqual(given.papers.map((p) => p.paper.absUrl));
  // Fewest messages for the order: the next message's first embed would not have fitted.
  const withEmbeds = bodies.filter((b) => b.embeds.length > 0);
  for (let i = 0; i + 1 < withEmbeds.length; i++) {
    const here = withEmbeds[i]?.embeds ?? [];
    const first = withEmbeds[i + 1]?.embeds[0] as APIEmbed;
    const couldMerge =
      here.length < LIMITS.embedsPerMessage && embedsLength(here) + embedLength(first) <= LIMITS.messageEmbedChars;
    expect(couldMerge).toBe(false);
  }
}

describe('renderDigest', () => {
  it('renders a small digest in one message with a header', () => {
    const given = input(3);
    const bodies = renderDigest(given);
    checkDigest(given, bodies);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.content).toBe(
      '📰 **unsupervised / semi-supervised / contrastive learning** — 3 new papers · 2024-01-15',
    );
    expect(bodies[0]?.allowed_mentions).toEqual({ parse: [] });
  });

  it.each([
    { count: 0, content: '📰 **unsupervised / semi-supervised / contrastive learning** — no new papers · 2024-01-15' },
    { count: 1, content: '📰 **unsupervised / semi-supervised / contrastive learning** — 1 new paper · 2024-01-15' },
  ])('header for $count papers', ({ count, content }) => {
    const bodies = renderDigest(input(count));
    expect(bodies.map((b) => b.content)).toEqual([content]);
    checkDigest(input(count), bodies);
  });

  it('mentions the role in the header and allows only that role', () => {
    const bodies = renderDigest(input(25, { mentionRoleId: '123456789012345678' }));
    expect(bodies[0]?.content?.startsWith('<@&123456789012345678> 📰 ')).toBe(true);
    expect(bodies[0]?.allowed_mentions).toEqual({ parse: [], roles: ['123456789012345678'] });
    for (const body of bodies.slice(1)) expect(body.allowed_mentions).toEqual({ parse: [] });
    checkDigest(input(25, { mentionRoleId: '123456789012345678' }), bodies);
  });

  it('refuses a role id that is not a snowflake', () => {
    expect(() => renderDigest(input(1, { mentionRoleId: '@everyone' }))).toThrow(TypeError);
  });

  it.each([
    { count: 10, messages: 1 },
    { count: 11, messages: 2 },
    { count: 25, messages: 3 },
  ])('packs $count short papers into $messages messages', ({ count, messages }) => {
    const given = input(count, { abstractLength: 100 });
    const bodies = renderDigest(given);
    expect(bodies).toHaveLength(messages);
    checkDigest(given, bodies);
  });

  it('puts the closing line under the header when the digest is one message', () => {
    const bodies = renderDigest(
      input(5, { totalMatched: 12, moreHint: '/paper search topic:contrastive since:2024-01-15' }),
    );
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.content).toBe(
      '📰 **unsupervised / semi-supervised / contrastive learning** — 5 of 12 new papers · 2024-01-15\n' +
        '…and 7 more matching papers. See them with `/paper search topic:contrastive since:2024-01-15`',
    );
  });

  it('closes a longer digest with its own message', () => {
    const given = input(25, { totalMatched: 26, moreHint: '/paper search `topic`:x @everyone' });
    const bodies = renderDigest(given);
    const last = bodies.at(-1);
    expect(last?.embeds).toEqual([]);
    expect(last?.content).toBe("…and 1 more matching paper. See them with `/paper search 'topic':x @\u200Beveryone`");
    checkDigest(given, bodies);
  });

  it('says how many more without a hint', () => {
    expect(renderDigest(input(1, { totalMatched: 3 }))[0]?.content?.split('\n')[1]).toBe(
      '…and 2 more matching papers.',
    );
  });

  it('shrinks a paper that alone would pass 6000 instead of dropping it', () => {
    const huge = paperN(0, {
      title: 'T'.repeat(1000),
      abstract: 'word '.repeat(5000),
      venue: 'V'.repeat(300),
      authors: Array<string>(3000).fill('Someone Long'),
      codeUrl: `https://github.com/a/${'b'.repeat(900)}`,
      pdfUrl: `https://arxiv.org/pdf/${'p'.repeat(900)}`,
    });
    const given = input(0, {
      papers: [{ paper: paperN(1) }, { paper: huge, topicNames: Array(100).fill('Some topic') }, { paper: paperN(2) }],
      totalMatched: 3,
      abstractLength: 4096,
    });
    const bodies = renderDigest(given);
    checkDigest(given, bodies);
    expect(bodies.map((b) => b.embeds.length)).toEqual([1, 1, 1]);
    const embed = bodies[1]?.embeds[0] as APIEmbed;
    expect(embedLength(embed)).toBeGreaterThan(LIMITS.messageEmbedChars - 10);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.messageEmbedChars);
    expect(embed.description?.length).toBeLessThan(LIMITS.embedDescription);
    expect(embed.description).toMatch(/word…$/);
  });

  it('tells which papers each message carries', () => {
    const plan = planDigestMessages(input(12, { totalMatched: 20, abstractLength: 100 }));
    expect(plan.map((m) => m.paperIds.length)).toEqual([10, 2, 0]);
    expect(plan.flatMap((m) => m.paperIds)).toEqual(input(12).papers.map((p) => p.paper.id));
  });

  it('lists each message’s papers in its "Save…" select: short titles, arXiv ids as values', () => {
    const long = 'A title far longer than any select label may be: '.repeat(4);
    const given = input(12, { abstractLength: 100 });
    const papers = given.papers.map((p, i) =>
      i === 0 ? { paper: { ...p.paper, title: long, authors: ['@everyone', 'B'] } } : p,
    );
    const plan = planDigestMessages({ ...given, papers });
    const select = plan[0]?.body.components?.[0]?.components[0];
    expect(select).toMatchObject({ type: 3, custom_id: 'paper:save:0', min_values: 1, max_values: 10 });
    const first = select?.options[0];
    expect(first?.value).toBe('2401.00000');
    expect(first?.label.length).toBeLessThanOrEqual(100);
    expect(first?.label).toMatch(/^A title far longer.*…$/);
    expect(first?.description).toBe('arXiv:2401.00000 · @\u200Beveryone et al.');
    expect(plan[1]?.body.components?.[0]?.components[0]?.options.map((o) => o.value)).toEqual(plan[1]?.paperIds);
    checkDigest(
      { ...given, papers },
      plan.map((m) => m.body),
    );
  });

  it('is deterministic', () => {
    expect(renderDigest(input(14))).toEqual(renderDigest(input(14)));
  });

  it.each(HOSTILE.map((text) => [text]))('hostile topic name %j stays inert in the header', (text) => {
    const given = input(2, { topic: { ...topic, name: text }, moreHint: text, totalMatched: 4 });
    const bodies = renderDigest(given);
    checkDigest(given, bodies);
  });
});

describe('digestNonce', () => {
  it.each([
    ['g:c:t:2024-01-15', 0],
    ['g:c:t:2024-01-15', 1],
    ['g:c:t:2024-01-16', 0],
    ['x'.repeat(10_000), 46_655],
  ])('%j #%i is 25 characters and stable', (base, index) => {
    const nonce = digestNonce(base, index);
    expect(nonce).toHaveLength(25);
    expect(nonce).toBe(digestNonce(base, index));
    expect(nonce.endsWith(`.${index.toString(36).padStart(3, '0')}`)).toBe(true);
  });

  it('differs per digest and per index', () => {
    const nonces = ['a', 'b'].flatMap((base) => [0, 1, 2].map((i) => digestNonce(base, i)));
    expect(new Set(nonces).size).toBe(6);
  });

  it.each([-1, 1.5, 46_656])('refuses index %d', (index) => {
    expect(() => digestNonce('a', index)).toThrow(RangeError);
  });
});

describe('rendered digests (property)', () => {
  const fragments = [
    ...HOSTILE,
    '😀',
    '👨‍👩‍👧‍👦',
    '🏳️‍🌈',
    'e\u0301',
    'שלום עולם',
    'مرحبا بالعالم',
    '无监督/半监督/对比学习',
    'α β γ',
    '\uD800',
    ' ',
    'Contrastive',
    'learning.',
    'https://github.com/org/repo',
  ];
  const piece = fc.constantFrom(...fragments);
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(' ')) },
    { weight: 1, arbitrary: fc.tuple(piece, fc.integer({ min: 1, max: 1500 })).map(([p, n]) => `${p} `.repeat(n)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constant('') },
  );
  const authors = fc.oneof(
    { weight: 4, arbitrary: fc.array(text, { maxLength: 8 }) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 100, max: 3000 })
        .map((n) => Array.from({ length: n }, (_, i) => `Collaborator Number ${i}`)),
    },
  );
  const abstract = fc.oneof(
    { weight: 3, arbitrary: text },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 4000 }).map((n) => 'Long sentence here. '.repeat(n)) },
  );
  const title = fc.oneof(
    { weight: 3, arbitrary: text },
    {
      weight: 1,
      arbitrary: fc.tuple(piece, fc.integer({ min: 100, max: 1000 })).map(([p, n]) => p.repeat(n).slice(0, 1000)),
    },
  );
  const paper = fc.record({
    title,
    authors,
    abstract,
    venue: fc.option(text),
    codeUrl: fc.option(fc.oneof(fc.webUrl(), text)),
    categories: fc.array(fc.oneof(fc.constantFrom('cs.LG', 'cs.CV', 'stat.ML', 'hep-th'), text), { maxLength: 12 }),
    primaryCategory: fc.oneof(fc.constantFrom('cs.LG', 'math.CO'), text),
    withdrawn: fc.boolean(),
    announced: fc.option(fc.constant('2024-01-15')),
    announceType: fc.option(
      fc.constantFrom('new' as const, 'cross' as const, 'replace' as const, 'replace-cross' as const),
    ),
    topicNames: fc.option(fc.array(text, { maxLength: 4 }), { nil: undefined }),
    matched: fc.option(
      fc.array(
        fc.record({
          name: text,
          explanation: fc.record({
            terms: fc.array(
              fc.oneof(fc.record({ text }), fc.record({ text, authors: fc.array(text, { maxLength: 3 }) })),
              { maxLength: 8 },
            ),
            categories: fc.array(text, { maxLength: 3 }),
          }),
        }),
        { maxLength: 4 },
      ),
      { nil: undefined },
    ),
    image: fc.option(fc.oneof(fc.webUrl(), text), { nil: undefined }),
    presentation: fc.option(text, { nil: undefined }),
  });
  const digest = fc.record({
    papers: fc.array(paper, { maxLength: 30 }),
    extra: fc.nat(60),
    topicName: text,
    color: fc.integer({ min: -5, max: 0x1000005 }),
    role: fc.option(fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }).map(String)),
    abstractLength: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(0, 280, 400, 4096)),
    hint: fc.option(text, { nil: undefined }),
    date: fc.oneof(fc.constant('2024-01-15'), text),
  });

  it('every message is valid, minimal, inert and keeps every paper once in order', () => {
    let papersSeen = 0;
    let multiMessage = 0;
    fc.assert(
      fc.property(digest, (d) => {
        const given: DigestInput = {
          topic: { name: d.topicName, color: d.color, slug: 'prop' },
          date: d.date,
          papers: d.papers.map((p, i) => ({
            paper: paperN(i, {
              title: p.title,
              authors: p.authors,
              abstract: p.abstract,
              venue: p.venue,
              codeUrl: p.codeUrl,
              categories: p.categories,
              primaryCategory: p.primaryCategory,
              withdrawn: p.withdrawn,
              announced: p.announced,
              announceType: p.announceType,
            }),
            ...(p.topicNames !== undefined ? { topicNames: p.topicNames } : {}),
            ...(p.matched !== undefined ? { matched: p.matched } : {}),
            ...(p.image !== undefined ? { image: p.image } : {}),
            ...(p.presentation !== undefined ? { presentation: p.presentation } : {}),
          })),
          totalMatched: d.papers.length + d.extra,
          mentionRoleId: d.role,
          abstractLength: d.abstractLength,
          nonceBase: `g:c:prop:${d.papers.length}`,
          ...(d.hint !== undefined ? { moreHint: d.hint } : {}),
        };
        papersSeen += given.papers.length;
        const plan = planDigestMessages(given);
        if (plan.filter((m) => m.body.embeds.length > 0).length >= 3) multiMessage++;
        checkDigest(
          given,
          plan.map((m) => m.body),
        );
        expect(plan.flatMap((m) => m.paperIds)).toEqual(given.papers.map((p) => p.paper.id));
      }),
      { seed: 7, numRuns: propertyRuns(300) },
    );
    expect(papersSeen).toBeGreaterThan(1000);
    expect(multiMessage).toBeGreaterThan(30);
  });
});
