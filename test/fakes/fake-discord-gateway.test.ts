import { once } from 'node:events';
import { ChannelType, Events, GatewayIntentBits, PermissionFlagsBits, Status, type Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { FIXTURE, nextInteraction, noIdentifyWait, textChannel, useFakeDiscord } from './fake-discord-harness.js';

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
    const { fake, client } = await start({ guilds, shardCount: 2 }, { shards: 'auto', ws: noIdentifyWait });
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
