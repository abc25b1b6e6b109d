/**
 * The distributed mode, end to end: two gateway processes (two shards each of four) and two workers on one
 * PostgreSQL database, fifty guilds, the real `bin/paperboy.js` processes against the fake Discord and arXiv.
 * Every guild's commands are answered by the process holding its shard; `/digest run` from a gateway is run by
 * the leader; the scheduled digests go out exactly once although the leader is SIGKILLed in the middle of the
 * run; a gateway killed and started again brings its guilds back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { afterEach, expect, it } from 'vitest';
import { JobQueue } from '../../src/cluster/jobs.js';
import { openStore } from '../../src/store/index.js';
import { FakeArxiv, apiById, rssFeedXml } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import type { FakeGuildInit } from '../fakes/fake-discord-types.js';
import { FIXTURE, fakeEnv, makePapers, subscription, topic } from '../helpers/bot.js';
import { postedPapers } from '../helpers/crash-world.js';
import { spawnPaperboy, type PaperboyProcess } from '../helpers/paperboy.js';
import { until } from '../helpers/until.js';
import { createTestDatabase, describePg } from '../store/pg-server.js';

const PRELOAD = pathToFileURL(new URL('../helpers/clock-preload.mjs', import.meta.url).pathname).href;
const GUILDS = 50;
const SHARDS = 4;
/** Each process's clock starts here (plus the real time since the test began): the digests fire at 13:00. */
const CLOCK_BASE = Date.parse('2026-11-24T12:59:10Z');

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Snowflakes whose shard, `(id >> 22) % 4`, is `i % 4`. */
const snowflake = (i: number, low: number) => String((BigInt(100_000_000_000 + i) << 22n) | BigInt(low));
const guildId = (i: number) => snowflake(i, 1);
const channelId = (i: number) => snowflake(i, 2);
const roleId = (i: number) => snowflake(i, 3);
const shardOf = (id: string) => Number((BigInt(id) >> 22n) % BigInt(SHARDS));

/**
 * One topic per guild, its channel subscribed, digests at `schedule` UTC, scheduled since 12:58 (as if a
 * moderator had subscribed then), so a leader elected after the firing still owes it.
 */
async function seed(url: string, guilds: number, schedule: string): Promise<void> {
  const store = await openStore(url);
  try {
    for (let i = 0; i < guilds; i++) {
      await store.state.updateGuild(guildId(i), (state) => {
        state.topics.push(topic(guildId(i), { query: '"contrastive learning"' }));
        state.subscriptions.push(subscription(guildId(i), { channelId: channelId(i), channelKind: 'text' }));
        state.settings = {
          guildId: guildId(i),
          schedule,
          timezone: 'UTC',
          abstractLength: 300,
          maxPapers: 25,
          changed: null,
        };
      });
      await store.state.setValue(`schedule:since:${guildId(i)}`, {
        key: `${schedule}|UTC`,
        at: '2026-11-24T12:58:00.000Z',
        changed: false,
      });
    }
  } finally {
    await store.close();
  }
}

function guild(i: number): FakeGuildInit {
  return {
    id: guildId(i),
    name: `Group ${i}`,
    roles: [{ id: roleId(i), name: 'mods', permissions: PermissionFlagsBits.ManageGuild }],
    channels: [{ id: channelId(i), name: 'papers', type: ChannelType.GuildText }],
  };
}

describePg('the distributed mode: 2 gateways × 2 shards, 2 workers, 50 guilds', () => {
  it('answers on the owning shard, posts every digest once through a leader SIGKILLed mid-run, and brings a restarted gateway back', async () => {
    const t0 = Date.now();
    const clock = () => new Date(CLOCK_BASE + (Date.now() - t0)).toISOString();
    const discord = new FakeDiscord({
      token: FIXTURE.token,
      applicationId: FIXTURE.applicationId,
      guilds: Array.from({ length: GUILDS }, (_, i) => guild(i)),
      shardCount: SHARDS,
      interactionResponseWindowMs: 30_000,
    });
    const { apiUrl } = await discord.start();
    const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
    const listing = makePapers(20, { matchEvery: 2 });
    arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', listing), etag: '"l1"' });
    arxiv.api(null, apiById(listing));
    const database = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'paperboy-cluster-'));
    cleanups.push(async () => {
      await discord.close();
      await arxiv.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    });
    const wanted = listing.filter((_, i) => i % 2 === 0).map((p) => p.id.replace(/v\d+$/, ''));

    await seed(database.url, GUILDS, '0 13 * * *');

    const env = fakeEnv(apiUrl, arxiv, dir, {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      PAPERBOY_LEADER_LEASE_MS: '1500',
    });
    const processes: PaperboyProcess[] = [];
    const spawn = (args: string[]): PaperboyProcess => {
      const p = spawnPaperboy(['start', ...args], {
        env: { ...env, PAPERBOY_TEST_CLOCK: clock() },
        nodeArgs: ['--import', PRELOAD],
      });
      processes.push(p);
      cleanups.push(() => p.kill('SIGKILL'));
      return p;
    };
    const ready = (p: PaperboyProcess, line: RegExp, what: string) =>
      until(
        () => {
          if (p.child.exitCode !== null) throw new Error(`${what} exited:\n${p.stderr().slice(-3000)}`);
          return line.test(p.stderr());
        },
        60_000,
        what,
        { everyMs: 50 },
      );

    const gateways = [
      spawn(['--role', 'gateway', '--shards', String(SHARDS), '--shard-ids', '0,1']),
      spawn(['--role', 'gateway', '--shards', String(SHARDS), '--shard-ids', '2,3']),
    ];
    const workers = [spawn(['--role', 'worker']), spawn(['--role', 'worker'])];
    void workers;
    await Promise.all([
      ...gateways.map((g, i) => ready(g, /gateway connected to Discord/, `gateway ${i}`)),
      ...workers.map((w, i) => ready(w, /standing by for leadership/, `worker ${i}`)),
    ]);
    // Each gateway identified its own two shards and holds exactly their guilds.
    const identified = discord.identifies.map((p) => (p as { shard?: [number, number] }).shard);
    expect(identified.map((s) => s?.[0]).sort()).toEqual([0, 1, 2, 3]);
    expect(identified.every((s) => s?.[1] === SHARDS)).toBe(true);

    // Every guild's command is answered, by the process that holds its shard.
    const answered: number[] = [];
    for (let i = 0; i < GUILDS; i++) {
      const handle = await discord.command({
        channelId: channelId(i),
        name: 'subscription',
        subcommand: 'list',
        user: { id: '420000000000000001', username: 'mod', roles: [roleId(i)] },
      });
      const response = await handle.response(10_000);
      if (response.type === 5) await handle.waitForEdit(1, 10_000);
      const content = JSON.stringify(response.type === 5 ? handle.original() : response.data);
      expect(content, `guild ${i}`).toContain('contrastive');
      answered.push(shardOf(guildId(i)));
    }
    expect(new Set(answered)).toEqual(new Set([0, 1, 2, 3]));

    // `/digest run` in guild 0, from its gateway: queued for the leader, the outcome shown when done.
    const run = await discord.command({
      channelId: channelId(0),
      name: 'digest',
      subcommand: 'run',
      user: { id: '420000000000000001', username: 'mod', roles: [roleId(0)] },
    });
    expect((await run.response(10_000)).type).toBe(5);
    await run.waitForEdit(2, 30_000);
    expect(String(run.original()?.content)).toMatch(/Posted 10 papers/);
    expect(run.edits()[0]?.body['content']).toMatch(/^Queued: a worker is running the digest/);

    // 13:00: the leader runs the 49 other guilds. It is killed once a part of the digests is out.
    const leaderPid = async (): Promise<number> => {
      const s = await openStore(database.url);
      try {
        const [row] = await s.postgres!.db.query<{ holder: string }>('SELECT holder FROM cluster_leader');
        return Number(row?.holder.split(':').pop());
      } finally {
        await s.close();
      }
    };
    const first = await leaderPid();
    const leader = workers.find((w) => w.child.pid === first);
    expect(leader, 'the leader is one of the workers').toBeDefined();
    const messages = () => discord.requestsTo('POST', /^\/channels\/\d+\/messages$/).length;
    const before = messages();
    const setupEnded = clock();
    expect(setupEnded < '2026-11-24T13:00:00.000Z', `the set-up ended at ${setupEnded}, before 13:00`).toBe(true);
    await until(() => messages() >= before + 30, 90_000, 'the scheduled run to be under way', { everyMs: 5 });
    await leader!.kill('SIGKILL');
    const killedAt = Date.now();
    const standby = workers.find((w) => w !== leader)!;
    // The standby has waited for a minute by now, past its pool's idle timeout: still there, it takes over.
    await until(
      async () => {
        if (standby.child.exitCode !== null) throw new Error(`the standby exited:\n${standby.stderr().slice(-3000)}`);
        return (await leaderPid()) === standby.child.pid;
      },
      10_000,
      'the standby to lead',
      { everyMs: 50 },
    );
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(5000);
    const atKill = messages();
    await until(
      () =>
        Array.from({ length: GUILDS }, (_, i) => postedPapers(discord, channelId(i)).length >= wanted.length).every(
          Boolean,
        ),
      60_000,
      'every digest',
      { everyMs: 100 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let i = 0; i < GUILDS; i++) {
      expect(postedPapers(discord, channelId(i)).sort(), `guild ${i}`).toEqual([...wanted].sort());
    }
    // The new leader finished the run: it posted what the old one had not.
    expect(messages()).toBeGreaterThan(atKill);
    const check = await openStore(database.url);
    try {
      const digests = await Promise.all(
        Array.from({ length: GUILDS }, (_, i) => check.delivery.digestsOn(guildId(i), '2026-11-24')),
      );
      expect(digests.map((d) => d.map((x) => x.status).join(','))).toEqual(Array(GUILDS).fill('sent'));
    } finally {
      await check.close();
    }

    // Gateway 0 is killed: its guilds are unreachable until it is started again, then answer as before.
    await gateways[0]!.kill('SIGKILL');
    await until(() => discord.gatewayStats().open <= 2, 5000, 'its sessions to close');
    const restarted = spawn(['--role', 'gateway', '--shards', String(SHARDS), '--shard-ids', '0,1']);
    await ready(restarted, /gateway connected to Discord/, 'the restarted gateway');
    const again = await discord.command({
      channelId: channelId(4),
      name: 'subscription',
      subcommand: 'list',
      user: { id: '420000000000000001', username: 'mod', roles: [roleId(4)] },
    });
    const response = await again.response(10_000);
    if (response.type === 5) await again.waitForEdit(1, 10_000);
    expect(JSON.stringify(response.type === 5 ? again.original() : response.data)).toContain('contrastive');
    expect(discord.violations).toEqual([]);
    console.log(
      `cluster: set-up ended at ${setupEnded}; takeover ${takeoverMs} ms after the SIGKILL; ${messages()} messages`,
    );
  }, 180_000);
});

describePg('the distributed mode: a paused leader', () => {
  it('is replaced within the lease; paused mid-digest, it posts nothing more when it wakes, and each paper goes out once', async () => {
    const t0 = Date.now();
    const base = Date.parse('2026-11-24T12:59:50Z');
    const clock = () => new Date(base + (Date.now() - t0)).toISOString();
    const discord = new FakeDiscord({
      token: FIXTURE.token,
      applicationId: FIXTURE.applicationId,
      guilds: [guild(0), guild(1)],
    });
    const { apiUrl } = await discord.start();
    const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
    const listing = makePapers(6, { matchEvery: 2 });
    arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', listing), etag: '"l1"' });
    arxiv.api(null, apiById(listing));
    const database = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'paperboy-cluster-'));
    cleanups.push(async () => {
      await discord.close();
      await arxiv.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    });
    // No firing during the test: the work comes as `/digest run` jobs, queued as a gateway would.
    await seed(database.url, 2, '0 3 * * *');
    const env = fakeEnv(apiUrl, arxiv, dir, {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      PAPERBOY_LEADER_LEASE_MS: '1500',
    });
    const spawn = () => {
      const p = spawnPaperboy(['start', '--role', 'worker'], {
        env: { ...env, PAPERBOY_TEST_CLOCK: clock() },
        nodeArgs: ['--import', PRELOAD],
      });
      cleanups.push(() => p.kill('SIGKILL'));
      return p;
    };
    let takeoverMs = 0;
    let firstPostAt = 0;
    const workers = [spawn(), spawn()];
    const leads = (w: PaperboyProcess) => /elected leader/.test(w.stderr());
    await until(() => workers.some(leads), 30_000, 'a leader', { everyMs: 50 });
    await until(() => workers.every((w) => /standing by for leadership/.test(w.stderr())), 30_000, 'both workers');
    const leader = workers.find(leads)!;
    const standby = workers.find((w) => w !== leader)!;
    const wanted = listing.filter((_, i) => i % 2 === 0).map((p) => p.id.replace(/v\d+$/, ''));
    // The leader's first digest message is created at once but answered 4 s late: the leader is paused then,
    // between the post and recording it.
    discord.fail({ method: 'POST', path: '/channels/:channel_id/messages', delayMs: 4000 });
    const posts = () => discord.requestsTo('POST', /^\/channels\/\d+\/messages$/).length;
    const queue = await openStore(database.url);
    try {
      const jobs = new JobQueue(queue.postgres!.db);
      const ids = await Promise.all(
        [0, 1].map((i) => jobs.enqueue('digest-run', { guildId: guildId(i), channelId: channelId(i), slug: null })),
      );
      await until(() => posts() >= 1, 30_000, 'the first digest message', { everyMs: 5 });
      firstPostAt = Date.now();
      leader.child.kill('SIGSTOP');
      const pausedAt = Date.now();
      await until(() => leads(standby), 10_000, 'the standby to lead', { everyMs: 20 });
      takeoverMs = Date.now() - pausedAt;
      // The lease (1.5 s: the server ends the silent session) plus one try of the standby (0.3 s), and slack.
      expect(takeoverMs).toBeLessThan(4000);
      // The new leader queues the abandoned job again, resumes the planned digest (its message is resent with
      // the same nonce: Discord answers with the message already made) and runs the other.
      const done = await Promise.all(ids.map((id) => jobs.wait(id, { timeoutMs: 30_000, pollMs: 50 })));
      expect(done.map((j) => j?.status)).toEqual(['done', 'done']);
    } finally {
      await queue.close();
    }
    await until(
      () => [0, 1].every((i) => postedPapers(discord, channelId(i)).length >= wanted.length),
      10_000,
      'both digests',
    );
    // The old leader wakes up: its late answer comes, recording it is refused (fenced), it steps down.
    const before = posts();
    leader.child.kill('SIGCONT');
    await until(() => /no longer the leader/.test(leader.stderr()), 10_000, 'the old leader to step down', {
      everyMs: 20,
    });
    // Past the late answer (4 s after the post), with time to act on it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(1500, firstPostAt + 5500 - Date.now())));
    expect(posts()).toBe(before);
    for (const i of [0, 1]) expect(postedPapers(discord, channelId(i)).sort()).toEqual([...wanted].sort());
    console.log(`cluster: paused leader replaced after ${takeoverMs} ms`);
  }, 90_000);
});
