import { once } from 'node:events';
import { ChannelType, Events, GatewayIntentBits, PermissionFlagsBits, Status, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createClient } from '../../src/discord/client.js';
import { FIXTURE, nextInteraction, noIdentifyWait, textChannel, useFakeDiscord } from './fake-discord-harness.js';
import {
  FakeDiscord,
  IDENTIFY_WINDOW_MS,
  shardOf,
  type FakeDiscordOptions,
  type FakeGuildInit,
} from './fake-discord.js';

const start = useFakeDiscord();

/** Resolves on the next gateway READY the client's manager processes. */
function nextReady(client: Client): Promise<void> {
  return new Promise((resolve) => client.ws.once('READY' as never, () => resolve()));
}

describe('FakeDiscord gateway', () => {
  it('logs in over plain JSON and caches guilds, channels, roles and the bot member', async () => {
    const { fake, client } = await start();
    const guild = client.guilds.cache.get(FIXTURE.guildId);
    expect(guild?.name).toBe('Reading group');
    expect(client.user?.id).toBe(FIXTURE.applicationId);
    expect(client.user?.bot).toBe(true);
    expect(client.application?.id).toBe(FIXTURE.applicationId);
    expect(guild?.channels.cache.get(FIXTURE.forum)?.type).toBe(ChannelType.GuildForum);
    expect(guild?.channels.cache.get(FIXTURE.announcement)?.type).toBe(ChannelType.GuildAnnouncement);
    expect(client.channels.cache.get(FIXTURE.thread)?.isThread()).toBe(true);
    expect(guild?.members.me?.roles.cache.size).toBe(2);

    const me = client.user;
    if (!me) throw new Error('no user');
    const perms = textChannel(client).permissionsFor(me);
    expect(
      perms?.has([
        PermissionFlagsBits.ViewChannel,
        PermissionFlagsBits.SendMessages,
        PermissionFlagsBits.EmbedLinks,
        PermissionFlagsBits.SendMessagesInThreads,
        PermissionFlagsBits.CreatePublicThreads,
      ]),
    ).toBe(true);
    expect(perms?.has(PermissionFlagsBits.Administrator)).toBe(false);
    expect(perms?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
    expect(guild?.channels.cache.get(FIXTURE.hidden)?.permissionsFor(me)?.has(PermissionFlagsBits.ViewChannel)).toBe(
      false,
    );
    expect(fake.botPermissions(FIXTURE.text)).toBe(perms?.bitfield);
    expect(fake.botPermissions(FIXTURE.hidden)).toBe(0n);

    expect(fake.identifies[0]?.['intents']).toBe(GatewayIntentBits.Guilds);
    expect(fake.gatewayConnections[0]).toMatchObject({ path: '/gateway', query: { v: '10', encoding: 'json' } });
    const gatewayBot = fake.requestsTo('GET', '/gateway/bot')[0];
    expect(gatewayBot?.headers['authorization']).toBe(`Bot ${fake.token}`);
    expect(gatewayBot?.headers['user-agent']).toMatch(/^DiscordBot \(https:\/\/discord\.js\.org/);
  });

  it('answers heartbeats', async () => {
    const { fake, client } = await start({ heartbeatIntervalMs: 40 });
    await fake.waitFor(() => fake.gatewayStats().heartbeats >= 3);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('resumes after a resumable close and replays what was missed', async () => {
    const { fake, client } = await start();
    const resumed = once(client, Events.ShardResume);
    await fake.disconnect(4000);
    // Sent while the socket is down: buffered and replayed on RESUME.
    const handled = nextInteraction(client, (interaction) => Promise.resolve(interaction.id));
    const handle = await fake.command({ channelId: FIXTURE.text, name: 'ping' });
    const [, replayed] = (await resumed) as [number, number];
    expect(replayed).toBeGreaterThanOrEqual(1);
    expect(await handled).toBe(handle.id);
    expect(fake.gatewayStats()).toMatchObject({ identifies: 1, resumes: 1, open: 1 });
    expect(fake.gatewayConnections.at(-1)?.path).toBe('/gateway/resume');
  });

  it('resumes after op 7 RECONNECT and after a zombie connection', async () => {
    const { fake, client } = await start({ heartbeatIntervalMs: 60 });
    const reconnected = once(client, Events.ShardResume);
    await fake.requestReconnect();
    await reconnected;
    expect(fake.gatewayStats()).toMatchObject({ identifies: 1, resumes: 1 });

    // With no heartbeat ACK, discord.js declares the connection a zombie and resumes.
    fake.setHeartbeatAck(false);
    const zombie = once(client, Events.ShardResume);
    await fake.waitFor(() => fake.gatewayStats().connections === 3, 3000, 'the reconnect after a zombie');
    fake.setHeartbeatAck(true);
    await zombie;
    expect(fake.gatewayStats()).toMatchObject({ identifies: 1, resumes: 2 });
  });

  it('re-identifies when Discord ends the session (4009, INVALID_SESSION false)', async () => {
    const { fake, client } = await start({}, { ws: noIdentifyWait });
    let ready = nextReady(client);
    await fake.disconnect(4009);
    await ready;
    // discord.js tries to resume after 4009; the fake, like Discord, refuses with op 9 d:false.
    expect(fake.gatewayStats()).toMatchObject({ identifies: 2, resumes: 0, failedResumes: 1 });

    ready = nextReady(client);
    await fake.invalidateSession(false);
    await ready;
    expect(fake.gatewayStats()).toMatchObject({ identifies: 3 });
    expect(client.ws.status).toBe(Status.Ready);
  });

  it('stops for good on 4004 authentication failure', async () => {
    const { fake, client } = await start();
    const disconnected = once(client, Events.ShardDisconnect);
    await fake.disconnect(4004);
    const [event] = (await disconnected) as [{ code: number }];
    expect(event.code).toBe(4004);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(fake.gatewayStats()).toMatchObject({ connections: 1, open: 0 });
  });

  it('refuses privileged intents the application was not granted (4014)', async () => {
    const attempt = start({}, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers] });
    await expect(attempt).rejects.toThrow(/disallowed intents/i);
  });

  it('delivers MESSAGE_CREATE only to clients with the GuildMessages intent', async () => {
    const { fake, client } = await start(
      { privilegedIntents: 0 },
      { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] },
    );
    const created = once(client, Events.MessageCreate);
    await textChannel(client).send('seen on the gateway too');
    const [message] = (await created) as [{ content: string }];
    expect(message.content).toBe('seen on the gateway too');
    expect(fake.messages(FIXTURE.text)).toHaveLength(1);
  });

  it('routes dispatches to the shard that owns the guild', async () => {
    // shard = (guild_id >> 22) % 2: these two ids land on different shards.
    const even = String(2n << 22n);
    const odd = String(3n << 22n);
    const guilds = [even, odd].map((id, i) => ({
      id,
      name: `g${i}`,
      channels: [{ id: String(BigInt(id) + 1n), name: 'papers', type: ChannelType.GuildText }],
    }));
    const { fake, client } = await start({ guilds, shardCount: 2, maxConcurrency: 2 }, { shards: 'auto' });
    expect(fake.identifies.map((d) => d['shard'])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(client.guilds.cache.get(even)?.shardId).toBe(0);
    expect(client.guilds.cache.get(odd)?.shardId).toBe(1);
    const handled = nextInteraction(client, (interaction) => Promise.resolve(interaction.guild?.shardId));
    await fake.command({ channelId: String(BigInt(odd) + 1n), name: 'ping' });
    expect(await handled).toBe(1);
  });
});

/** Guild ids that land on `shard` of `count`: `(id >> 22) % count === shard`, `n` of them. */
function guildIdsOn(shard: number, count: number, n: number, offset = 0): string[] {
  return Array.from({ length: n }, (_, k) => String((BigInt((k + offset) * count + shard) << 22n) + 7n));
}

function guildsWithIds(ids: readonly string[]): FakeGuildInit[] {
  return ids.map((id, i) => ({
    id,
    name: `guild ${i}`,
    channels: [{ id: String(BigInt(id) + 1n), name: 'papers', type: ChannelType.GuildText }],
  }));
}

type IdentifyOutcome = { ready: string[] } | { invalidSession: boolean } | { closed: number };

/** A bare gateway client: HELLO, then IDENTIFY for `shard`; what the fake answered first. */
async function identifyRaw(fake: FakeDiscord, shard: [number, number]): Promise<IdentifyOutcome> {
  const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  sockets.push(socket);
  return new Promise<IdentifyOutcome>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', (code) => resolve({ closed: code }));
    socket.on('message', (data: Buffer) => {
      const payload = JSON.parse(data.toString()) as { op: number; t?: string; d: unknown };
      if (payload.op === 10) {
        socket.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, shard, properties: {} } }));
      } else if (payload.op === 9) {
        resolve({ invalidSession: payload.d as boolean });
      } else if (payload.t === 'READY') {
        const d = payload.d as { guilds: { id: string }[] };
        resolve({ ready: d.guilds.map((g) => g.id).sort() });
      }
    });
  });
}

const sockets: WebSocket[] = [];
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function startFake(options: FakeDiscordOptions): Promise<FakeDiscord> {
  const fake = new FakeDiscord({ token: FIXTURE.token, applicationId: FIXTURE.applicationId, ...options });
  fakes.push(fake);
  await fake.start();
  return fake;
}

describe('FakeDiscord gateway sharding', () => {
  it.each([
    { what: 'one guild', guilds: 1, options: {}, shards: 1, maxConcurrency: 1 },
    {
      what: '1001 guilds: one shard per 1000, as Discord recommends',
      guilds: 1001,
      options: {},
      shards: 2,
      maxConcurrency: 1,
    },
    { what: 'configured', guilds: 3, options: { shardCount: 4, maxConcurrency: 16 }, shards: 4, maxConcurrency: 16 },
  ])(
    '/gateway/bot reports shards and session_start_limit ($what)',
    async ({ guilds, options, shards, maxConcurrency }) => {
      const fake = await startFake({ guilds: guildsWithIds(guildIdsOn(0, 1, guilds)), ...options });
      const response = await fetch(`${fake.apiUrl}/v10/gateway/bot`, {
        headers: { authorization: `Bot ${fake.token}` },
      });
      expect(await response.json()).toEqual({
        url: fake.gatewayUrl,
        shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: maxConcurrency },
      });
    },
  );

  const three = guildIdsOn(0, 1, 3);
  it.each<{ what: string; options: FakeDiscordOptions; shard: [number, number]; outcome: IdentifyOutcome }>([
    { what: 'a shard id past the count: 4010', options: {}, shard: [2, 2], outcome: { closed: 4010 } },
    { what: 'no shards: 4010', options: {}, shard: [0, 0], outcome: { closed: 4010 } },
    { what: 'a fractional shard id: 4010', options: {}, shard: [0.5, 2], outcome: { closed: 4010 } },
    {
      what: 'more guilds than a shard may hold: 4011',
      options: { guilds: guildsWithIds(three), maxGuildsPerShard: 2 },
      shard: [0, 1],
      outcome: { closed: 4011 },
    },
    {
      what: 'the same guilds over two shards',
      options: { guilds: guildsWithIds([...guildIdsOn(0, 2, 2), ...guildIdsOn(1, 2, 1)]), maxGuildsPerShard: 2 },
      shard: [0, 2],
      outcome: { ready: guildIdsOn(0, 2, 2).sort() },
    },
    {
      what: 'another shard count than recommended: Discord routes by the count the session gives',
      options: { guilds: guildsWithIds([...guildIdsOn(0, 3, 2), ...guildIdsOn(1, 3, 2)]), shardCount: 2 },
      shard: [1, 3],
      outcome: { ready: guildIdsOn(1, 3, 2).sort() },
    },
  ])('IDENTIFY: $what', async ({ options, shard, outcome }) => {
    const fake = await startFake(options);
    expect(await identifyRaw(fake, shard)).toEqual(outcome);
  });

  it.each<{ maxConcurrency: number; shards: [number, number][]; refused: number[] }>([
    {
      maxConcurrency: 1,
      shards: [
        [0, 2],
        [1, 2],
      ],
      refused: [1],
    },
    {
      maxConcurrency: 2,
      shards: [
        [0, 2],
        [1, 2],
      ],
      refused: [],
    },
    {
      maxConcurrency: 2,
      shards: [
        [0, 4],
        [1, 4],
        [2, 4],
      ],
      refused: [2],
    },
    {
      maxConcurrency: 16,
      shards: [
        [0, 32],
        [15, 32],
        [16, 32],
      ],
      refused: [16],
    },
  ])(
    'answers IDENTIFYs over max_concurrency $maxConcurrency with op 9 and records them (shards $shards)',
    async ({ maxConcurrency, shards, refused }) => {
      const fake = await startFake({ guilds: [], maxConcurrency });
      const outcomes: IdentifyOutcome[] = [];
      for (const shard of shards) outcomes.push(await identifyRaw(fake, shard));
      expect(outcomes).toEqual(
        shards.map(([id]) => (refused.includes(id) ? { invalidSession: false } : { ready: [] })),
      );
      expect(fake.identifyViolations.map((v) => [v.shard[0], v.key])).toEqual(
        refused.map((id) => [id, id % maxConcurrency]),
      );
      expect(fake.sessionStarts.map((s) => s.shard[0])).toEqual(
        shards.map(([id]) => id).filter((id) => !refused.includes(id)),
      );
    },
  );

  it.each<{ what: string; options: FakeDiscordOptions; checked: boolean }>([
    { what: 'a one-shard fake, as tests that restart the bot use it', options: {}, checked: false },
    { what: 'a sharded fake', options: { shardCount: 2 }, checked: true },
    { what: 'a one-shard fake asked to', options: { identifyWindowMs: IDENTIFY_WINDOW_MS }, checked: true },
  ])(
    'paces a second IDENTIFY of shard 0 within 5 s only when sharded or asked: $what',
    async ({ options, checked }) => {
      const fake = await startFake({ guilds: [], ...options });
      expect(await identifyRaw(fake, [0, 1])).toEqual({ ready: [] });
      expect(await identifyRaw(fake, [0, 1])).toEqual(checked ? { invalidSession: false } : { ready: [] });
    },
  );

  it("discord.js, with the bot's client options, paces its identifies by max_concurrency", async () => {
    const ids = [0, 1, 2, 3].flatMap((shard) => guildIdsOn(shard, 4, 2));
    const fake = await startFake({ guilds: guildsWithIds(ids), shardCount: 4, maxConcurrency: 2 });
    const client = createClient({ apiUrl: fake.apiUrl, shards: [0, 1, 2, 3], shardCount: 4 });
    try {
      const ready = once(client, Events.ClientReady);
      await client.login(fake.token);
      await ready;
      const starts = fake.sessionStarts;
      expect(starts.map((s) => s.shard)).toHaveLength(4);
      // Keys 0 and 1 start together; shards 2 and 3 wait out their key's 5 s.
      const at = new Map(starts.map((s) => [s.shard[0], s.at]));
      expect(Math.abs(at.get(1)! - at.get(0)!)).toBeLessThan(IDENTIFY_WINDOW_MS / 2);
      expect(at.get(2)! - at.get(0)!).toBeGreaterThanOrEqual(IDENTIFY_WINDOW_MS - 100);
      expect(at.get(3)! - at.get(1)!).toBeGreaterThanOrEqual(IDENTIFY_WINDOW_MS - 100);
      expect(fake.identifyViolations).toEqual([]);
      for (const id of ids) expect(client.guilds.cache.get(id)?.shardId).toBe(shardOf(id, 4));
    } finally {
      await client.destroy();
    }
  }, 20_000);

  it('gives each shard exactly its guilds and each interaction to the owning shard only', async () => {
    const ids = [0, 1, 2].flatMap((shard) => guildIdsOn(shard, 3, 3));
    const { fake, client } = await start(
      { guilds: guildsWithIds(ids), shardCount: 3, maxConcurrency: 3 },
      { shards: 'auto' },
    );
    expect(fake.sessionStarts.map((s) => s.shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    for (const shard of [0, 1, 2]) {
      const created = fake.dispatches.filter((d) => d.t === 'GUILD_CREATE' && d.shard[0] === shard);
      expect(created.map((d) => d.guildId).sort()).toEqual(ids.filter((id) => shardOf(id, 3) === shard).sort());
    }
    expect(client.guilds.cache.size).toBe(ids.length);

    const received: Array<{ guildId: string; shardId: number }> = [];
    client.on(Events.Raw, (packet: { t?: string; d?: { guild_id?: string } }, shardId: number) => {
      if (packet.t === 'INTERACTION_CREATE') received.push({ guildId: packet.d?.guild_id ?? '', shardId });
    });
    client.on(Events.InteractionCreate, () => undefined);
    for (const id of ids) await fake.command({ channelId: String(BigInt(id) + 1n), name: 'ping' });
    await fake.waitFor(() => received.length === ids.length, 2000, 'every interaction');
    const sent = fake.dispatches.filter((d) => d.t === 'INTERACTION_CREATE');
    expect(sent.map((d) => [d.guildId, d.shard[0]])).toEqual(ids.map((id) => [id, shardOf(id, 3)]));
    // Each on its own socket: arrival order across shards is not the order sent.
    const byGuild = (a: { guildId: string }, b: { guildId: string }) => a.guildId.localeCompare(b.guildId);
    expect(received.sort(byGuild)).toEqual(
      ids.map((guildId) => ({ guildId, shardId: shardOf(guildId, 3) })).sort(byGuild),
    );
  });

  it('sends an event without a guild to shard 0 only', async () => {
    const { fake } = await start(
      { guilds: guildsWithIds(guildIdsOn(0, 2, 1)), shardCount: 2, maxConcurrency: 2 },
      {
        shards: 'auto',
      },
    );
    await fake.dispatch('USER_UPDATE', { id: FIXTURE.applicationId, username: 'Paperboy' });
    expect(fake.dispatches.filter((d) => d.t === 'USER_UPDATE').map((d) => d.shard)).toEqual([[0, 2]]);
  });

  it('discord.js stops when Discord requires sharding (4011)', async () => {
    const attempt = start({ guilds: guildsWithIds(guildIdsOn(0, 1, 3)), maxGuildsPerShard: 2 });
    await expect(attempt).rejects.toThrow(/sharding is required/i);
  });
});
