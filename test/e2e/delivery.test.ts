import { describe, expect, it } from 'vitest';
import { digestNonce } from '../../src/discord/render/index.js';
import type { DigestRecord } from '../../src/store/types.js';
import type { FakeMessage } from '../fakes/fake-discord-types.js';
import { FIXTURE, FIXTURE_GUILD, makePapers, subscription, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';

const start = useBotWorld();
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';

type Embed = { title?: string; url?: string; description?: string; footer?: { text?: string } };
/** The line under the authors that says what a paper matched, if any. */
const matchedOf = (embed: Embed): string | undefined =>
  embed.description?.split('\n').find((line) => line.startsWith('matched: '));
const embedsOf = (messages: readonly FakeMessage[]) => messages.flatMap((m) => m.embeds as Embed[]);
const urlsOf = (messages: readonly FakeMessage[]) => embedsOf(messages).map((e) => e.url);

function seeded(extra: Parameters<typeof subscription>[1] = {}, topics = 1) {
  return (guildId: string) => ({
    topics: [
      topic(guildId),
      ...(topics > 1
        ? [topic(guildId, { slug: 'ssl', name: 'Self-supervised', query: 'contrastive OR "self-supervised"' })]
        : []),
    ],
    subscriptions: [
      subscription(guildId, extra),
      ...(topics > 1 ? [subscription(guildId, { ...extra, topicSlug: 'ssl' })] : []),
    ],
  });
}

async function stateOf(world: BotWorld) {
  return world.bot.app.store.state.getGuild(FIXTURE.guildId);
}

describe('scheduled delivery through the real bot', () => {
  it('posts a digest once, and nothing on the second run', async () => {
    const world = await start({ seed: seeded() });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(12, { matchEvery: 2 }));

    await world.bot.app.runGuild(FIXTURE.guildId);
    const posted = world.discord.messages(FIXTURE.text);
    expect(embedsOf(posted)).toHaveLength(6);
    expect(posted[0]?.content).toContain('Contrastive learning');
    expect(posted.every((m) => typeof m.nonce === 'string' && m.nonce.length <= 25 && m.enforceNonce)).toBe(true);
    expect(posted.every((m) => JSON.stringify(m.allowedMentions) === JSON.stringify({ parse: [] }))).toBe(true);
    expect(world.discord.violations).toEqual([]);
    expect(world.arxiv.violations).toEqual([]);

    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(posted.length);
    const sub = (await stateOf(world)).subscriptions[0];
    expect(sub?.lastDigestDate).toBe('2026-11-24');
  });

  it('packs 40 papers into the fewest messages and respects the cap', async () => {
    const world = await start({ seed: seeded({ maxPapers: 30 }) });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(40));
    await world.bot.app.runGuild(FIXTURE.guildId);
    const posted = world.discord.messages(FIXTURE.text);
    expect(embedsOf(posted)).toHaveLength(30);
    expect(posted.length).toBeGreaterThanOrEqual(3);
    expect(posted.every((m) => m.embeds.length <= 10)).toBe(true);
    expect(posted.map((m) => m.content).join('\n')).toMatch(/10 more/);
    expect(world.discord.violations).toEqual([]);
  });

  it('mentions only the configured role', async () => {
    const world = await start({ seed: seeded({ mentionRoleId: FIXTURE.moderatorRole }) });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(3));
    await world.bot.app.runGuild(FIXTURE.guildId);
    const [first, ...rest] = world.discord.messages(FIXTURE.text);
    expect(first?.content).toContain(`<@&${FIXTURE.moderatorRole}>`);
    expect(first?.allowedMentions).toEqual({ parse: [], roles: [FIXTURE.moderatorRole] });
    for (const m of rest) expect(m.allowedMentions).toEqual({ parse: [] });
  });

  it('posts a paper that matches two topics of one channel once, tagged with both', async () => {
    const world = await start({ seed: seeded({}, 2) });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(4));
    await world.bot.app.runGuild(FIXTURE.guildId);
    const urls = urlsOf(world.discord.messages(FIXTURE.text));
    expect(urls).toHaveLength(4);
    expect(new Set(urls).size).toBe(4);
    const footers = embedsOf(world.discord.messages(FIXTURE.text)).map((e) => e.footer?.text ?? '');
    expect(footers.every((f) => f.includes('Self-supervised'))).toBe(true);
    // Each topic's own terms, named: the footer lists the topics, this line says why each one took it.
    expect(embedsOf(world.discord.messages(FIXTURE.text)).map(matchedOf)).toEqual(
      Array(4).fill('matched: "contrastive learning" (Contrastive learning); contrastive (Self-supervised)'),
    );
  });

  it('says under each paper what it matched, as the topic writes it', async () => {
    const world = await start({
      seed: (guildId) => ({
        topics: [topic(guildId, { query: '"Contrastive Learning" OR self-supervis* OR au:okafor -survey' })],
        subscriptions: [subscription(guildId)],
      }),
    });
    const [first, second, third] = makePapers(3);
    world.serveListing('cs.LG', LISTING_DATE, [
      first!,
      { ...second!, title: 'Self-supervised segmentation', abstract: 'No labels at all.' },
      { ...third!, title: 'Pretraining *at scale*', abstract: 'Self-supervised, by Okafor.', authors: ['Ben Okafor'] },
    ]);
    await world.bot.app.runGuild(FIXTURE.guildId);
    const embeds = embedsOf(world.discord.messages(FIXTURE.text));
    // In relevance order: the phrase in title and abstract first.
    expect(embeds.map((e) => [e.title, matchedOf(e)])).toEqual([
      ['Contrastive learning of representations, part 0', 'matched: "Contrastive Learning"'],
      ['Self-supervised segmentation', 'matched: self-supervis\\*'],
      ['Pretraining \\*at scale\\*', 'matched: self-supervis\\*, author Ben Okafor'],
    ]);
    // Under the authors, above the abstract.
    expect(embeds[0]?.description?.split('\n')).toEqual([
      '*Author 0 One, Author 0 Two*',
      'matched: "Contrastive Learning"',
      'We study contrastive learning for images. Experiment 0 shows gains over supervised baselines.',
    ]);
    expect(world.discord.violations).toEqual([]);
  });

  it('does not repost a new version of a posted paper', async () => {
    const world = await start({ seed: seeded() });
    const papers = makePapers(3);
    world.serveListing('cs.LG', LISTING_DATE, papers);
    await world.bot.app.runGuild(FIXTURE.guildId);
    const before = world.discord.messages(FIXTURE.text).length;

    const v2 = papers.map((p) => ({ ...p, id: p.id.replace(/v1$/, 'v2'), announceType: 'new' as const }));
    world.clock.advance(24 * 3600_000);
    world.serveListing('cs.LG', 'Wed, 25 Nov 2026 00:00:00 -0500', v2);
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(before);
  });

  it.each([
    [false, 0],
    [true, 3],
  ])('with updates %s, posts %i new versions announced as replacements', async (updates, reposted) => {
    const world = await start({
      seed: (guildId) => ({ topics: [topic(guildId, { updates })], subscriptions: [subscription(guildId)] }),
    });
    const papers = makePapers(3);
    world.serveListing('cs.LG', LISTING_DATE, papers);
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(urlsOf(world.discord.messages(FIXTURE.text))).toHaveLength(3);

    const v2 = papers.map((p) => ({ ...p, id: p.id.replace(/v1$/, 'v2'), announceType: 'replace' as const }));
    world.clock.advance(24 * 3600_000);
    world.serveListing('cs.LG', 'Wed, 25 Nov 2026 00:00:00 -0500', v2);
    await world.bot.app.runGuild(FIXTURE.guildId);
    const urls = urlsOf(world.discord.messages(FIXTURE.text));
    expect(urls).toHaveLength(3 + reposted);
    // And never twice for the same version.
    await world.bot.app.runner.runGuild(FIXTURE.guildId, '2026-11-25');
    expect(urlsOf(world.discord.messages(FIXTURE.text))).toHaveLength(3 + reposted);
  });

  it('opens a forum post for a forum channel and puts the rest inside it', async () => {
    const world = await start({ seed: seeded({ channelId: FIXTURE.forum }) });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(25));
    await world.bot.app.runGuild(FIXTURE.guildId);
    const [post] = world.discord.threads(FIXTURE.forum);
    expect(post).toBeDefined();
    const inPost = world.discord.messages(String(post?.id));
    expect(embedsOf(inPost)).toHaveLength(25);
    expect(String(post?.name)).toContain('2026-11-24');
    expect(world.discord.violations).toEqual([]);
  });

  it('opens a thread per digest in a text channel when asked', async () => {
    const world = await start({ seed: seeded({ thread: true }) });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(25));
    await world.bot.app.runGuild(FIXTURE.guildId);
    const [header] = world.discord.messages(FIXTURE.text);
    const thread = world.discord.threads(FIXTURE.text).find((t) => t.id === header?.id);
    expect(thread).toBeDefined();
    const total =
      embedsOf(world.discord.messages(FIXTURE.text)).length +
      embedsOf(world.discord.messages(String(thread?.id))).length;
    expect(total).toBe(25);
    expect(world.discord.messages(String(thread?.id)).length).toBeGreaterThan(0);
  });
});

describe('threads after a failure', () => {
  it('opens the thread before resuming a digest whose thread was never created', async () => {
    const world = await start({ seed: seeded({ thread: true }), restTimeout: 300 });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(25));
    world.discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages\/\d+\/threads$/, status: 503, times: 100 });
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(1);
    expect(await world.bot.app.store.delivery.pendingDigests()).toHaveLength(1);

    // A moderator turning threads off meanwhile does not split a digest already begun.
    await world.bot.app.store.state.updateGuild(FIXTURE.guildId, (state) => {
      for (const s of state.subscriptions) s.thread = false;
    });
    world.discord.clearFaults();
    await world.bot.app.runner.resumePending();
    const [header, ...others] = world.discord.messages(FIXTURE.text);
    expect(others).toEqual([]);
    const inThread = world.discord.messages(String(header?.id));
    expect(embedsOf([header!, ...inThread])).toHaveLength(25);
  });
});

describe('failure policy', () => {
  it('waits out a 429 and posts once', async () => {
    const world = await start({ seed: seeded() });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(3));
    world.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.text}/messages`, status: 429, retryAfter: 0.05 });
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(urlsOf(world.discord.messages(FIXTURE.text))).toHaveLength(3);
    expect(world.discord.count429()).toBe(1);
  });

  it('retries a 500 and posts once', async () => {
    const world = await start({ seed: seeded() });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(3));
    world.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.text}/messages`, status: 500, times: 2 });
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(urlsOf(world.discord.messages(FIXTURE.text))).toHaveLength(3);
  });

  it('does not duplicate a message whose answer timed out (nonce)', async () => {
    const world = await start({ seed: seeded(), restTimeout: 300 });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(3));
    world.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.text}/messages`, hang: true, applyFirst: true });
    await world.bot.app.runGuild(FIXTURE.guildId);
    const urls = urlsOf(world.discord.messages(FIXTURE.text));
    expect(urls).toHaveLength(3);
    expect(new Set(urls).size).toBe(3);
  });

  it.each([
    ['403 Missing Permissions', { status: 403, code: 50013 }, /permission/],
    ['404 Unknown Channel', { status: 404, code: 10003 }, /no longer exists/],
    ['403 Missing Access', { status: 403, code: 50001 }, /can no longer see/],
  ])('pauses the subscription on %s and tells the moderators once', async (_name, fault, reason) => {
    const world = await start({
      seed: seeded(),
      discord: { guilds: [{ ...FIXTURE_GUILD, systemChannelId: FIXTURE.announcement }] },
    });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(3));
    world.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.text}/messages`, times: 100, ...fault });
    await world.bot.app.runGuild(FIXTURE.guildId);

    const sub = (await stateOf(world)).subscriptions[0];
    expect(sub?.paused?.reason).toMatch(reason);
    expect(sub?.paused?.notified).toBe(true);
    const notices = world.discord.messages(FIXTURE.announcement);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.content).toContain(`<#${FIXTURE.text}>`);

    const requests = world.discord.requests.length;
    world.clock.advance(24 * 3600_000);
    await world.bot.app.runner.runGuild(FIXTURE.guildId, '2026-11-24');
    const after = world.discord.requests.slice(requests).filter((r) => r.path.includes(FIXTURE.text));
    expect(after).toEqual([]);
    expect(world.discord.messages(FIXTURE.announcement)).toHaveLength(1);
    // The papers were never posted, so they are not claimed: a re-subscription gets them.
    expect(await world.bot.app.store.delivery.postedIn(FIXTURE.text, ['2611.01000'])).toEqual(new Set());
  });

  it('refuses a channel where the bot cannot post before sending anything', async () => {
    const world = await start({ seed: seeded({ channelId: FIXTURE.hidden }) });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(2));
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(world.discord.requests.filter((r) => r.method === 'POST' && r.path.includes(FIXTURE.hidden))).toEqual([]);
    expect((await stateOf(world)).subscriptions[0]?.paused?.reason).toMatch(/View Channel/);
  });

  it('skips a message Discord refuses, posts the rest, tells the moderators, and does not retry it', async () => {
    const world = await start({
      seed: seeded({ maxPapers: 40 }),
      discord: { guilds: [{ ...FIXTURE_GUILD, systemChannelId: FIXTURE.announcement }] },
    });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(40));
    world.discord.fail({
      method: 'POST',
      path: `/channels/${FIXTURE.text}/messages`,
      skip: 1,
      status: 400,
      code: 50035,
    });
    await world.bot.app.runGuild(FIXTURE.guildId);
    const posted = urlsOf(world.discord.messages(FIXTURE.text)).length;
    expect(posted).toBeGreaterThan(0);
    expect(posted).toBeLessThan(40);
    expect(world.discord.messages(FIXTURE.announcement)).toHaveLength(1);
    expect(await world.bot.app.store.delivery.pendingDigests()).toEqual([]);
    expect((await stateOf(world)).subscriptions[0]?.paused).toBeNull();

    world.clock.advance(24 * 3600_000);
    await world.bot.app.runner.runGuild(FIXTURE.guildId, '2026-11-24');
    expect(urlsOf(world.discord.messages(FIXTURE.text))).toHaveLength(posted);
  });

  it('keeps a digest pending through an outage and gives it up after bounded attempts', async () => {
    const world = await start({ seed: seeded(), restTimeout: 300 });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(3));
    world.discord.fail({ method: 'POST', path: `/channels/${FIXTURE.text}/messages`, status: 503, times: 1000 });
    await world.bot.app.ingest.refresh();
    const outcomes = await world.bot.app.runner.runGuild(FIXTURE.guildId, '2026-11-24');
    expect(outcomes.get(FIXTURE.text)?.[0]?.status).toBe('failed');
    expect(await world.bot.app.store.delivery.pendingDigests()).toHaveLength(1);
    for (let i = 0; i < 4; i++) await world.bot.app.runner.resumePending();
    expect(await world.bot.app.store.delivery.pendingDigests()).toHaveLength(0);
    expect((await stateOf(world)).subscriptions[0]?.paused).toBeNull();
    // Given up: its papers go back to the pool for the next digest.
    expect((await world.bot.app.store.delivery.postedIn(FIXTURE.text, ['2611.01000'])).size).toBe(0);
  });
});

describe('arXiv unreachable', () => {
  it('still posts what the archive already holds', async () => {
    const world = await start({ seed: seeded() });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(3));
    await world.bot.app.ingest.refresh();
    world.clock.advance(3600_000);
    world.arxiv.rss('cs.LG', { status: 400, body: 'Bad Request' });
    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(urlsOf(world.discord.messages(FIXTURE.text))).toHaveLength(3);
  });
});

describe('restarts', () => {
  it('finishes a digest interrupted by a shutdown, each paper exactly once', async () => {
    const world = await start({ seed: seeded({ maxPapers: 40 }), restTimeout: 400 });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(40));
    // The second message is created but its answer never comes: the bot stops meanwhile.
    world.discord.fail({
      method: 'POST',
      path: `/channels/${FIXTURE.text}/messages`,
      skip: 1,
      hang: true,
      applyFirst: true,
      times: 1,
    });
    const run = world.bot.app.runGuild(FIXTURE.guildId);
    await world.discord.waitFor(() => world.discord.messages(FIXTURE.text).length >= 2, 5000, 'two messages');
    await Promise.all([world.restart(), run.catch(() => undefined)]);
    await world.bot.app.runner.resumePending();
    const urls = urlsOf(world.discord.messages(FIXTURE.text));
    expect(urls).toHaveLength(40);
    expect(new Set(urls).size).toBe(40);
  });

  it('sends a digest planned and stored before a restart exactly as it was stored', async () => {
    const world = await start({ seed: seeded() });
    // A body as digests were stored before they said what each paper matched.
    const key = `${FIXTURE.guildId}:${FIXTURE.text}:contrastive:2026-11-24:1`;
    const body = {
      content: '📰 **Contrastive learning** — 1 new paper · 2026-11-24',
      embeds: [
        {
          title: 'Contrastive learning of representations, part 0',
          url: 'https://arxiv.org/abs/2611.01000',
          description: '*Author 0 One, Author 0 Two*\nWe study contrastive learning for images.',
          footer: { text: 'arXiv:2611.01000v1 · cs.LG · new' },
          color: 0x3366cc,
        },
      ],
      allowed_mentions: { parse: [] },
      nonce: digestNonce(key, 0),
      enforce_nonce: true,
    };
    const digest: DigestRecord = {
      key,
      guildId: FIXTURE.guildId,
      channelId: FIXTURE.text,
      topicSlug: 'contrastive',
      date: '2026-11-24',
      paperIds: ['2611.01000'],
      skippedIds: [],
      messages: [{ index: 0, nonce: body.nonce, paperIds: ['2611.01000'], body, messageId: null }],
      threadName: 'Contrastive learning · contrastive · 2026-11-24',
      openThread: false,
      threadId: null,
      status: 'pending',
      attempts: 0,
      error: null,
      createdAt: '2026-11-24T06:30:00.000Z',
      finishedAt: null,
    };
    expect(await world.bot.app.store.delivery.planDigest(digest)).toEqual({ ok: true });
    // Starting up resumes what is pending.
    await world.restart();
    await world.bot.app.runner.idle();
    expect(await world.bot.app.store.delivery.pendingDigests()).toEqual([]);
    const [sent, ...more] = world.discord.messages(FIXTURE.text);
    expect(more).toEqual([]);
    expect(sent?.content).toBe(body.content);
    expect(sent?.nonce).toBe(body.nonce);
    expect(sent?.embeds).toMatchObject(body.embeds);
    expect(sent?.embeds.map((e) => matchedOf(e as Embed))).toEqual([undefined]);
  });

  it('catches up a run missed while the bot was down', async () => {
    const world = await start({ seed: seeded() });
    world.serveListing('cs.LG', LISTING_DATE, makePapers(2));
    await world.bot.app.store.state.setValue(`schedule:lastRun:${FIXTURE.guildId}`, '2026-11-23T12:00:00.000Z');
    // Default schedule: 01:30 New York, Monday–Friday; 24 Nov 01:30 EST has passed at 12:00 UTC.
    const due = await world.bot.app.scheduler.catchUp();
    expect(due).toEqual([FIXTURE.guildId]);
    expect(urlsOf(world.discord.messages(FIXTURE.text))).toHaveLength(2);
    expect(await world.bot.app.scheduler.catchUp()).toEqual([]);
  });
});
