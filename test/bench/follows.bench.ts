/**
 * Follows delivered by direct message at scale: one server, 1,000 members with 5 follows each (authors of the
 * listing as members type them, topic queries, whole categories), one listing day of 1,000 papers, run through
 * the real path (DigestRunner.runFollowers → planMemberDigest → renderer → DiscordPoster → the real discord.js
 * client) against the fake Discord enforcing 50 requests/s globally and 5 messages per 5 s per channel (each DM
 * channel too), with a real SQLite store.
 *
 * Figures: DMs and the requests they took (DM channels opened + messages), wall time against the bound the rate
 * limits set, 429 answers, the time to plan every member's DM in-process (compile the follows, match, rank), and
 * the process's peak resident set.
 */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Events } from 'discord.js';
import { defaults } from '../../config/defaults.js';
import { defaultSettings } from '../../src/app.js';
import { DigestRunner, type MemberOutcome, type RunnerDeps } from '../../src/digest/runner.js';
import { createClient } from '../../src/discord/client.js';
import { DiscordPoster } from '../../src/discord/poster.js';
import { renderPlan } from '../../src/discord/render-plan.js';
import { renderVenueUpdate } from '../../src/discord/render/venue-updates.js';
import { silentLogger } from '../../src/log.js';
import { planMemberDigest } from '../../src/members/digests.js';
import { checkFollowInput, compileFollows, sameFollow, type FollowInput } from '../../src/members/follows.js';
import type { Paper } from '../../src/papers/paper.js';
import { emptyMemberState } from '../../src/store/schemas.js';
import { openStore } from '../../src/store/index.js';
import type { Follow, GuildSettings, MemberState, Store } from '../../src/store/types.js';
import { UserError } from '../../src/errors.js';
import { paperIdsIn } from '../helpers/crash-world.js';
import { seededRandom } from '../helpers/random.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import type { RateLimitOptions, RecordedRequest } from '../fakes/fake-discord-types.js';
import { generatePapers, toRecord, vocabulary } from './generate.js';
import { median, ms, ratio, thousands } from './stats.js';
import type { Bench, BenchRow } from './types.js';

const TOKEN = 'paperboy-bench-token';
const APPLICATION_ID = '110000000000000001';
const GUILD_ID = '210000000000000001';
const CHANNEL_ID = '310000000000000001';
const DATE = '2026-11-24';
const CREATED_AT = '2026-11-01T00:00:00.000Z';

export interface FollowsScale {
  members: number;
  followsPerMember: number;
  papers: number;
  /** Global requests per `globalWindowMs` (Discord: 50 per second). */
  globalPerSecond: number;
  globalWindowMs: number;
  /** Messages per channel (a DM channel too) per `channelWindowMs`. */
  channelLimit: number;
  channelWindowMs: number;
}

export const TARGET_SCALE: FollowsScale = {
  members: 1000,
  followsPerMember: 5,
  papers: 1000,
  globalPerSecond: 50,
  globalWindowMs: 1000,
  channelLimit: 5,
  channelWindowMs: 5000,
};

const userId = (m: number): string => String(520000000000000000n + BigInt(m));

/** One announcement day: the generator's papers, all announced on {@link DATE}. */
export function listingPapers(count: number, seed: number): Paper[] {
  return generatePapers(count, seed).map((paper) => ({ ...paper, announced: DATE }));
}

const COMMON = new Set([...vocabulary.functionWords, ...vocabulary.academicWords].map((w) => w.toLowerCase()));

/** Words of a title a member would follow: field words, not function or general academic ones. */
function topicWords(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[\s:,;()]+/)
    .filter((w) => /^[a-z][a-z-]{3,}[a-z]$/.test(w) && !COMMON.has(w));
}

/** An author's name as a member types it: as printed, with initials, surname first, in lower case, or the surname. */
function typedAuthor(name: string, rand: () => number): string {
  const words = name.split(/\s+/);
  if (words.length < 2) return name;
  const surname = words.at(-1)!;
  const given = words.slice(0, -1);
  const r = rand();
  if (r < 0.45) return name;
  if (r < 0.7) return [...given.map((g) => `${g.charAt(0)}.`), surname].join(' ');
  if (r < 0.85) return `${surname}, ${given.join(' ')}`;
  if (r < 0.95) return name.toLowerCase();
  return surname;
}

/**
 * What one member asks to follow, as `/follow add` takes it: 40% an author (half of them from the listing, the
 * others someone who may not publish today; a quarter narrowed to a category), 40% a query of words from a
 * paper's title in their field (one word, a quoted phrase, two words, a `stem*` prefix; 40% narrowed to the
 * paper's category), 20% a whole category (a tenth of them an archive such as `math`).
 */
function followInput(papers: readonly Paper[], rand: () => number): FollowInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const paper = pick(papers);
  const kind = rand();
  if (kind < 0.4) {
    const name =
      rand() < 0.5 ? pick(paper.authors.slice(0, 8)) : `${pick(vocabulary.firstNames)} ${pick(vocabulary.lastNames)}`;
    return { author: typedAuthor(name, rand), categories: rand() < 0.25 ? paper.primaryCategory : null };
  }
  if (kind < 0.8) {
    const words = topicWords(paper.title);
    if (words.length === 0) return { categories: paper.primaryCategory };
    const word = pick(words);
    const r = rand();
    let query = word;
    if (r < 0.25 && words.length >= 2) {
      const at = Math.floor(rand() * (words.length - 1));
      query = `"${words[at]} ${words[at + 1]}"`;
    } else if (r < 0.45 && words.length >= 2) {
      query = `${word} ${pick(words.filter((w) => w !== word))}`;
    } else if (r < 0.6) {
      query = `${word.slice(0, Math.max(4, word.length - 3))}*`;
    }
    return { query, categories: rand() < 0.4 ? paper.primaryCategory : null };
  }
  const archive = paper.primaryCategory.split('.')[0]!;
  return { categories: rand() < 0.1 ? archive : paper.primaryCategory };
}

/**
 * `count` members with `perMember` follows each, made from the listing (seeded): every follow goes through the
 * same check `/follow add` applies, and a member never follows the same thing twice.
 */
export function generateMembers(
  papers: readonly Paper[],
  count: number,
  perMember: number,
  seed: number,
): MemberState[] {
  const rand = seededRandom(seed ^ 0x5f0110);
  return Array.from({ length: count }, (_, m) => {
    const member = emptyMemberState(userId(m));
    for (let tries = 0; member.follows.length < perMember && tries < perMember * 20; tries++) {
      let wanted: Pick<Follow, 'author' | 'query' | 'categories'>;
      try {
        wanted = checkFollowInput(followInput(papers, rand));
      } catch (error) {
        if (error instanceof UserError) continue;
        throw error;
      }
      if (member.follows.some((f) => sameFollow(f, wanted))) continue;
      member.follows.push({ id: `f${member.follows.length + 1}`, guildId: GUILD_ID, ...wanted, createdAt: CREATED_AT });
    }
    return member;
  });
}

/** What every member's DM would carry, planned in-process from the same papers: paper ids by member. */
function expectedDms(members: readonly MemberState[], papers: readonly Paper[]): Map<string, string[]> {
  const none = new Map<string, string>();
  return new Map(
    members.map((member) => [
      member.userId,
      planMemberDigest(member, GUILD_ID, 'dm', papers, none, CREATED_AT).papers.map((p) => p.paper.id),
    ]),
  );
}

export interface PlanningTimes {
  /** Median ms to plan every member's DM (compile, match, rank) over fresh copies of the papers. */
  planMs: number;
  /** Median ms to compile every member's follows alone. */
  compileMs: number;
  /** Papers matched, summed over members (a check that the work was done). */
  matched: number;
}

/**
 * Time planning every member's DM as a run does: fresh Paper objects each time (so no paper's index or split
 * author names are reused from an earlier run), shared by all members of the run.
 */
export function timePlanning(members: readonly MemberState[], papers: readonly Paper[], runs: number): PlanningTimes {
  const none = new Map<string, string>();
  const plan: number[] = [];
  const compile: number[] = [];
  let matched = 0;
  for (let run = 0; run < runs; run++) {
    const fresh = papers.map((p) => ({ ...p }));
    let start = performance.now();
    matched = 0;
    for (const member of members) {
      const result = planMemberDigest(member, GUILD_ID, 'dm', fresh, none, CREATED_AT);
      matched += result.papers.length + result.overflow.length;
    }
    plan.push(performance.now() - start);
    start = performance.now();
    for (const member of members) compileFollows(member.follows);
    compile.push(performance.now() - start);
  }
  return { planMs: median(plan), compileMs: median(compile), matched };
}

export interface FollowsResult {
  wallMs: number;
  /** Bound the rate limits set on wall time: the global one and the busiest DM channel's. */
  boundMs: number;
  /** Answered requests (429s left out): DM channels opened + messages. */
  requests: number;
  channelsOpened: number;
  messages: number;
  /** Members who received a DM. */
  dms: number;
  /** Members whose follows match something: those who should receive a DM. */
  expectedDms: number;
  /** Most messages one DM channel received. */
  busiest: number;
  /** Most 429 answers one request got before it went through. */
  max429PerRequest: number;
  total429: number;
  /** Members whose DMs are not exactly the papers planned for them, each once. */
  wrongMembers: number;
  /** Outcomes of runFollowers by status. */
  outcomes: Record<MemberOutcome['status'], number>;
  violations: number;
}

const OTHER_GUILD = '220000000000000001';

/**
 * `count` digests of another server's channels left pending (by an outage, say), each the size of a full DM:
 * what a member's run must not read again and again.
 */
async function seedPendingElsewhere(store: Store, count: number, papers: readonly Paper[]): Promise<void> {
  const reader = emptyMemberState('0');
  reader.follows = [
    { id: 'f1', guildId: OTHER_GUILD, author: null, query: null, categories: [], createdAt: CREATED_AT },
  ];
  const plan = planMemberDigest(reader, OTHER_GUILD, 'x', papers, new Map(), CREATED_AT);
  const settings = defaultSettings(OTHER_GUILD, defaults);
  for (let i = 0; i < count; i++) {
    const channelId = String(330000000000000000n + BigInt(i));
    const key = `${OTHER_GUILD}:${channelId}:t:${DATE}:1`;
    const rendered = renderPlan(plan, { date: DATE, settings, nonceBase: key });
    await store.delivery.planDigest({
      key,
      guildId: OTHER_GUILD,
      channelId,
      topicSlug: 't',
      date: DATE,
      paperIds: plan.papers.map((p) => p.paper.id),
      skippedIds: [],
      messages: rendered.map(({ body, paperIds }, index) => ({
        index,
        nonce: body.nonce ?? '',
        paperIds,
        body,
        messageId: null,
      })),
      threadName: `t · ${DATE}`,
      openThread: false,
      threadId: null,
      status: 'pending',
      attempts: 1,
      error: 'Discord is unavailable',
      createdAt: CREATED_AT,
      finishedAt: null,
    });
  }
}

/** A request, identified across its retries: the message's nonce, or the DM's recipient. */
function requestKey(r: RecordedRequest): string {
  const body = (r.body ?? {}) as { nonce?: string; recipient_id?: string };
  return `${r.method} ${r.path} ${body.nonce ?? body.recipient_id ?? ''}`;
}

/** Run one follows delivery of `scale` and measure it. */
export async function runFollows(
  scale: FollowsScale,
  seed: number,
  dir: string,
  options: {
    channelConcurrency?: number;
    members?: readonly MemberState[];
    papers?: readonly Paper[];
    /** Digests of another server left pending in the deployment (see {@link seedPendingElsewhere}). */
    pendingElsewhere?: number;
  } = {},
): Promise<FollowsResult> {
  const papers = options.papers ?? listingPapers(scale.papers, seed);
  const members = options.members ?? generateMembers(papers, scale.members, scale.followsPerMember, seed);
  const rateLimits: RateLimitOptions = {
    global: { limit: scale.globalPerSecond, windowMs: scale.globalWindowMs },
    buckets: { channelMessages: { limit: scale.channelLimit, windowMs: scale.channelWindowMs } },
  };
  const fake = new FakeDiscord({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Benchmark',
        channels: [{ id: CHANNEL_ID, name: 'papers', type: 0 }],
        members: members.map((m, i) => ({ id: m.userId, username: `reader${i}` })),
      },
    ],
    heartbeatIntervalMs: 30_000,
    rateLimits,
  });
  const { apiUrl } = await fake.start();
  const client = createClient({ apiUrl, restTimeout: 15_000 });
  const store = await openStore(`sqlite://${join(dir, `follows-${Date.now()}-${seed}.sqlite`)}`);
  try {
    const ready = once(client, Events.ClientReady);
    await client.login(TOKEN);
    await ready;

    await store.archive.upsert(papers.map(toRecord));
    for (const member of members) {
      await store.state.updateMember(member.userId, (m) => {
        m.follows = member.follows.map((f) => ({ ...f, categories: [...f.categories] }));
      });
    }
    await store.state.updateGuild(GUILD_ID, (state) => {
      state.followers = members.map((m) => m.userId);
    });
    await seedPendingElsewhere(store, options.pendingElsewhere ?? 0, papers);
    // Planned from the papers as the archive returns them, in its order, as the run reads them.
    const expected = expectedDms(members, await store.archive.announcedBetween(DATE, DATE));

    const settingsFor = (guildId: string, stored: GuildSettings | null): GuildSettings =>
      stored ?? defaultSettings(guildId, defaults);
    const deps: RunnerDeps = {
      store,
      poster: new DiscordPoster(client),
      render: renderPlan,
      renderUpdate: renderVenueUpdate,
      settingsFor,
      now: () => new Date(),
      log: silentLogger,
      ...(options.channelConcurrency === undefined ? {} : { channelConcurrency: options.channelConcurrency }),
    };
    const runner = new DigestRunner(deps);

    const before = fake.requests.length;
    const start = performance.now();
    const outcomes = await runner.runFollowers(GUILD_ID, DATE);
    const wallMs = performance.now() - start;
    const requests = fake.requests.slice(before);

    const attempts = new Map<string, number>();
    for (const r of requests) {
      if (r.status === 429) attempts.set(requestKey(r), (attempts.get(requestKey(r)) ?? 0) + 1);
    }
    const answered = requests.filter((r) => r.status !== 429);
    const channelsOpened = answered.filter((r) => r.method === 'POST' && r.path === '/users/@me/channels').length;
    const perChannel = new Map<string, number>();
    for (const r of answered) {
      if (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path))
        perChannel.set(r.path, (perChannel.get(r.path) ?? 0) + 1);
    }
    const messages = [...perChannel.values()].reduce((a, b) => a + b, 0);
    const busiest = Math.max(0, ...perChannel.values());

    let dms = 0;
    let expectedCount = 0;
    let wrongMembers = 0;
    for (const member of members) {
      const want = expected.get(member.userId) ?? [];
      const got = paperIdsIn(fake.directMessages(member.userId));
      if (got.length > 0) dms++;
      if (want.length > 0) expectedCount++;
      const same =
        got.length === want.length && new Set(got).size === got.length && want.every((id) => got.includes(id));
      if (!same) wrongMembers++;
    }
    const counts: FollowsResult['outcomes'] = { posted: 0, 'nothing-new': 0, paused: 0, failed: 0 };
    for (const outcome of outcomes.values()) counts[outcome.status]++;

    // As in delivery.bench.ts: the busiest channel's last window opens after ⌈m / limit⌉ − 1 full windows;
    // globally, `requests` need (⌈requests / rate⌉ − 1) windows.
    const channelBoundMs = (Math.ceil(busiest / scale.channelLimit) - 1) * scale.channelWindowMs;
    const globalBoundMs = (Math.ceil(answered.length / scale.globalPerSecond) - 1) * scale.globalWindowMs;
    return {
      wallMs,
      boundMs: Math.max(channelBoundMs, globalBoundMs, 1),
      requests: answered.length,
      channelsOpened,
      messages,
      dms,
      expectedDms: expectedCount,
      busiest,
      max429PerRequest: Math.max(0, ...attempts.values()),
      total429: requests.length - answered.length,
      wrongMembers,
      outcomes: counts,
      violations: fake.violations.length,
    };
  } finally {
    await client.destroy();
    await fake.close();
    await store.close();
  }
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Members of the context run with other servers' digests pending: enough to see the cost, quick to run. */
const PENDING_MEMBERS = 200;
const PENDING_ELSEWHERE = 300;

function describeRun(r: FollowsResult): string {
  return (
    `${r.dms} DMs (${r.expectedDms} expected), ${r.channelsOpened} channels opened + ${r.messages} messages = ` +
    `${r.requests} requests (busiest DM ${r.busiest}), ${(r.wallMs / 1000).toFixed(2)} s vs bound ` +
    `${(r.boundMs / 1000).toFixed(2)} s, ${r.total429} × 429 (at most ${r.max429PerRequest} per request), ` +
    `${r.wrongMembers} wrong members, outcomes ${JSON.stringify(r.outcomes)}`
  );
}

export const bench: Bench = async (ctx) => {
  const scale: FollowsScale = {
    ...TARGET_SCALE,
    members: ctx.members ?? (ctx.smoke ? 100 : TARGET_SCALE.members),
  };
  const papers = listingPapers(scale.papers, ctx.seed);
  const members = generateMembers(papers, scale.members, scale.followsPerMember, ctx.seed);
  const mix = { author: 0, query: 0, category: 0 };
  for (const f of members.flatMap((m) => m.follows)) {
    if (f.author) mix.author++;
    else if (f.query) mix.query++;
    else mix.category++;
  }
  ctx.log(
    `${thousands(members.length)} members, ${thousands(mix.author + mix.query + mix.category)} follows: ` +
      `${mix.author} author, ${mix.query} query, ${mix.category} category; ${papers.length} papers`,
  );

  const planning = timePlanning(members, papers, ctx.runs);
  // One member alone over fresh papers: it also pays for indexing the papers it looks at, which the members
  // after it in a run find done.
  const first = timePlanning(members.slice(0, 1), papers, ctx.runs);
  ctx.log(
    `planning every DM: ${ms(planning.planMs)} (one member alone ${ms(first.planMs)}; ` +
      `compiling the follows alone ${ms(planning.compileMs)}), ${thousands(planning.matched)} matches`,
  );

  const dir = await mkdtemp(join(ctx.cacheDir, 'follows-'));
  const results: FollowsResult[] = [];
  let pending: FollowsResult | null = null;
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  try {
    // Each run takes the bound (~115 s at full scale) at least: three runs are enough for a median.
    const runs = Math.min(ctx.runs, 3);
    for (let run = 0; run < runs; run++) {
      const result = await runFollows(scale, ctx.seed, dir, { members, papers });
      ctx.log(`follows run ${run + 1}: ${describeRun(result)}`);
      results.push(result);
    }
    // Context: digests of other servers left pending in the deployment, which every member's run used to read.
    const few = members.slice(0, Math.min(members.length, PENDING_MEMBERS));
    pending = await runFollows({ ...scale, members: few.length }, ctx.seed, dir, {
      members: few,
      papers,
      pendingElsewhere: PENDING_ELSEWHERE,
    });
    ctx.log(`follows, ${PENDING_ELSEWHERE} digests pending elsewhere: ${describeRun(pending)}`);
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }

  const wall = median(results.map((r) => r.wallMs));
  const bound = median(results.map((r) => r.boundMs));
  const last = results.at(-1)!;
  const worst429 = Math.max(...results.map((r) => r.max429PerRequest));
  const wrong = Math.max(...results.map((r) => r.wrongMembers + r.violations + r.outcomes.failed));
  const what = `${thousands(scale.members)} members × ${scale.followsPerMember} follows, ${thousands(scale.papers)} papers`;
  const limits = `${scale.globalPerSecond} req/s global, ${scale.channelLimit} msgs/${scale.channelWindowMs / 1000} s per DM`;
  const rows: BenchRow[] = [
    {
      area: 'follows',
      what: `${what}: DMs`,
      target: 'each member exactly the papers their follows match (at most 25), once',
      measured: `${thousands(last.dms)} DMs, ${thousands(last.messages)} messages`,
      pass: wrong === 0 && results.every((r) => r.dms === r.expectedDms),
      notes:
        wrong === 0
          ? `${thousands(last.expectedDms)} of ${thousands(scale.members)} members have a match; follows: ` +
            `${thousands(mix.author)} author, ${thousands(mix.query)} query, ${thousands(mix.category)} category`
          : `${wrong} members wrong, failed or requests refused`,
    },
    {
      area: 'follows',
      what: `${what}: requests`,
      target: 'one DM channel opened per member with something to send, plus its messages',
      measured: `${thousands(last.channelsOpened)} + ${thousands(last.messages)} = ${thousands(last.requests)}`,
      pass: results.every((r) => r.channelsOpened === r.expectedDms),
      notes: `channels opened + messages; busiest DM ${last.busiest} messages`,
    },
    {
      area: 'follows',
      what: `${what}: wall time (${limits})`,
      target: '≤ 1.2× the rate-limit bound',
      measured: `${(wall / 1000).toFixed(1)} s`,
      ratio: ratio(wall / bound, `bound (${(bound / 1000).toFixed(1)} s)`),
      pass: wall <= 1.2 * bound,
      notes: `median of ${results.length}; bound = (⌈requests / ${scale.globalPerSecond}⌉ − 1) s, or the busiest DM channel's windows if longer`,
    },
    {
      area: 'follows',
      what: `${what}: 429 answers`,
      target: 'no request answered 429 more than once',
      measured: `at most ${worst429} per request`,
      pass: worst429 <= 1,
      notes: `${results.map((r) => r.total429).join(' / ')} × 429 in total per run`,
    },
    {
      area: 'follows',
      what: `${what}: planning every member's DM`,
      target: '',
      measured: `${ms(planning.planMs)} (${ms(planning.planMs / scale.members)} per member)`,
      ratio: ratio(planning.planMs / bound, 'bound'),
      pass: null,
      notes:
        `median of ${ctx.runs}, in-process: planMemberDigest for every member over fresh copies of the papers ` +
        `(compile, match, rank); one member alone, indexing the papers it looks at, ${ms(first.planMs)}; ` +
        `compiling the follows alone ${ms(planning.compileMs)}; ${thousands(planning.matched)} matches`,
    },
  ];
  if (pending !== null) {
    rows.push({
      area: 'follows',
      what: `${thousands(Math.min(scale.members, PENDING_MEMBERS))} members, with ${PENDING_ELSEWHERE} digests of other servers pending (context)`,
      target: '',
      measured: `${(pending.wallMs / 1000).toFixed(1)} s`,
      ratio: ratio(pending.wallMs / pending.boundMs, `bound (${(pending.boundMs / 1000).toFixed(1)} s)`),
      pass: null,
      notes: `one run; each a full DM's size, left by an outage: the run reads them once, not once per member`,
    });
  }
  rows.push({
    area: 'follows',
    what: `${what}: peak RSS`,
    target: '',
    measured: mib(peakRss),
    pass: null,
    notes:
      'sampled every 100 ms during the runs; the whole process: the runner, discord.js, the fake Discord and its records',
  });
  return rows;
};
