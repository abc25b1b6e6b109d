import { once } from 'node:events';
import {
  ChannelType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  Partials,
  REST,
  Routes,
  type APIChannel,
  type Client,
  type Message,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { dmPapers } from '../helpers/crash-world.js';
import { FakeDiscord, type FakeDiscordOptions, type FakeGuildInit } from './fake-discord.js';
import { FIXTURE, FIXTURE_GUILD, noIdentifyWait, rejectionOf, useFakeDiscord } from './fake-discord-harness.js';

const start = useFakeDiscord();

const ADA = '420000000000000011';
const GRACE = '420000000000000012';
/** A member who turned direct messages off. */
const SHY = '420000000000000013';
/** A user who shares no guild with the bot. */
const STRANGER = '420000000000000014';
const NOBODY = '499999999999999999';

const GUILD: FakeGuildInit = {
  ...FIXTURE_GUILD,
  members: [
    { id: ADA, username: 'ada' },
    { id: GRACE, username: 'grace' },
    { id: SHY, username: 'shy', acceptsDms: false },
  ],
};

function world(options: FakeDiscordOptions = {}): ReturnType<typeof start> {
  return start({ guilds: [GUILD], users: [{ id: STRANGER, username: 'stranger' }], ...options });
}

function apiError(error: unknown): { status: number; code: number | string } {
  expect(error).toBeInstanceOf(DiscordAPIError);
  const e = error as DiscordAPIError;
  return { status: e.status, code: e.code };
}

describe('FakeDiscord direct messages', () => {
  it('opens one DM channel per recipient, the same on every open, and delivers messages there', async () => {
    const { fake, client } = await world();
    const dm = await client.users.createDM(ADA);
    expect([dm.type, dm.recipientId]).toEqual([ChannelType.DM, ADA]);
    const again = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: ADA } })) as APIChannel;
    expect(again).toMatchObject({ id: dm.id, type: 1, recipients: [{ id: ADA, username: 'ada' }] });
    expect(again).not.toHaveProperty('guild_id');

    const sent = await client.users.send(ADA, {
      content: 'New papers for your follow "contrastive"',
      embeds: [{ title: 'SimCLR', url: 'https://arxiv.org/abs/2002.05709' }],
    });
    expect([sent.channelId, sent.guildId]).toEqual([dm.id, null]);
    await dm.send('second');
    expect(fake.dmChannelId(ADA)).toBe(dm.id);
    expect(fake.directMessages(ADA).map((m) => [m.content, m.guildId, m.embeds.length])).toEqual([
      ['New papers for your follow "contrastive"', null, 1],
      ['second', null, 0],
    ]);
    expect(fake.channel(dm.id)).toMatchObject({ type: 1, last_message_id: fake.directMessages(ADA)[1]?.id });
    expect(fake.dmRequests(ADA).map((r) => r.status)).toEqual([200, 200]);
    expect(dmPapers(fake, ADA)).toEqual(['2002.05709']);

    const other = await client.users.createDM(GRACE);
    expect(other.id).not.toBe(dm.id);
    expect(fake.directMessages(GRACE)).toEqual([]);
    expect(fake.directMessages(STRANGER)).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('sends a DM’s MESSAGE_CREATE without guild_id to shard 0 only, and only with DIRECT_MESSAGES', async () => {
    // shard = (guild_id >> 22) % 2: the member's only guild is on shard 1.
    const guildId = String(3n << 22n);
    const guild: FakeGuildInit = {
      id: guildId,
      channels: [{ id: String(BigInt(guildId) + 1n), type: ChannelType.GuildText }],
      members: [{ id: ADA }],
    };
    const { client } = await start(
      { guilds: [guild], shardCount: 2 },
      {
        intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
        shards: 'auto',
        ws: noIdentifyWait,
        partials: [Partials.Channel],
      },
    );
    const events = rawEvents(client, 'MESSAGE_CREATE');
    const created = once(client, Events.MessageCreate);
    await client.users.send(ADA, 'hello');
    const [message] = (await created) as [Message];
    expect([message.content, message.guildId, message.channel.type]).toEqual(['hello', null, ChannelType.DM]);
    expect(events.map((e) => [e.shardId, 'guild_id' in e.data])).toEqual([[0, false]]);

    const { fake, client: guildsOnly } = await world();
    const unseen = rawEvents(guildsOnly, 'MESSAGE_CREATE');
    await guildsOnly.users.send(ADA, 'quiet');
    // Frames on one socket keep their order: once a later interaction is in, a DM event would have been too.
    const later = once(guildsOnly, Events.InteractionCreate);
    await fake.command({ channelId: FIXTURE.text, name: 'ping' });
    await later;
    expect(unseen).toEqual([]);
  });

  it.each([
    { who: 'a member who turned DMs off', user: SHY, reason: 'the user does not accept direct messages' },
    { who: 'a user who shares no guild with the bot', user: STRANGER, reason: 'the user shares no guild with the bot' },
  ])('opens a DM with $who but answers a message with 403 50007', async ({ user, reason }) => {
    const { fake, client } = await world();
    const dm = await client.users.createDM(user);
    expect(fake.dmRefusal(user)).toBe(reason);
    expect(apiError(await rejectionOf(dm.send('New papers')))).toEqual({ status: 403, code: 50007 });
    expect(fake.directMessages(user)).toEqual([]);
    expect(fake.dmRequests(user).map((r) => r.status)).toEqual([403]);
    expect(fake.violations.map((v) => [v.code, v.message])).toEqual([[50007, 'Cannot send messages to this user']]);
  });

  it('refuses DMs once a member leaves the last shared guild or turns DMs off, and takes them again', async () => {
    const { fake, client } = await world();
    const dm = await client.users.createDM(GRACE);
    await dm.send('one');
    await fake.removeMember(FIXTURE.guildId, GRACE);
    expect(apiError(await rejectionOf(dm.send('two')))).toEqual({ status: 403, code: 50007 });
    await fake.addMember(FIXTURE.guildId, { id: GRACE });
    fake.setAcceptsDms(GRACE, false);
    expect(apiError(await rejectionOf(dm.send('three')))).toEqual({ status: 403, code: 50007 });
    fake.setAcceptsDms(GRACE, true);
    await dm.send('four');
    expect(fake.directMessages(GRACE).map((m) => m.content)).toEqual(['one', 'four']);
  });

  it('answers an unknown or deleted user with 400 50033 on open and 50007 in a DM opened before', async () => {
    const { fake, client } = await world();
    expect(apiError(await rejectionOf(client.users.createDM(NOBODY)))).toEqual({ status: 400, code: 50033 });
    expect(apiError(await rejectionOf(client.users.fetch(NOBODY)))).toEqual({ status: 404, code: 10013 });

    const dm = await client.users.createDM(ADA);
    await fake.deleteUser(ADA);
    expect(fake.dmRefusal(ADA)).toBe('the account is deleted');
    expect(apiError(await rejectionOf(dm.send('hello?')))).toEqual({ status: 403, code: 50007 });
    expect(apiError(await rejectionOf(client.users.createDM(ADA, { force: true })))).toEqual({
      status: 400,
      code: 50033,
    });
    expect(fake.violations.map((v) => [v.route, v.code, v.message])).toEqual([
      ['POST /users/@me/channels', 50033, 'Invalid Recipient(s)'],
      ['GET /users/:user_id', 10013, 'Unknown User'],
      ['POST /channels/:channel_id/messages', 50007, 'Cannot send messages to this user'],
      ['POST /users/@me/channels', 50033, 'Invalid Recipient(s)'],
    ]);
  });

  it.each([
    { body: {}, code: 'BASE_TYPE_REQUIRED' },
    { body: { recipient_id: 'ada' }, code: 'NUMBER_TYPE_COERCE' },
  ])('answers a Create DM body $body with 50035 on recipient_id', async ({ body, code }) => {
    const { fake, client } = await world();
    expect(apiError(await rejectionOf(client.rest.post(Routes.userChannels(), { body })))).toEqual({
      status: 400,
      code: 50035,
    });
    expect(fake.violations.at(-1)?.errors.map((e) => [e.path, e.code])).toEqual([['recipient_id', code]]);
  });

  it('counts DM posts in the DM channel’s own bucket, apart from other DM channels', async () => {
    const { fake, client } = await world({
      rateLimits: { buckets: { channelMessages: { limit: 2, windowMs: 60_000 } }, global: false },
    });
    const [ada, grace] = await Promise.all([client.users.createDM(ADA), client.users.createDM(GRACE)]);
    const post = postAs(fake.apiUrl, fake.token);
    expect([(await post(ada.id)).status, (await post(ada.id)).status]).toEqual([200, 200]);
    const limited = await post(ada.id);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
    expect((await post(grace.id)).status).toBe(200);
    expect(fake.directMessages(ADA)).toHaveLength(2);
    expect(fake.directMessages(GRACE)).toHaveLength(1);
    expect(fake.count429('POST /channels/:channel_id/messages')).toBe(1);
  });

  it('counts opening DMs and DM posts in the global limit', async () => {
    const fake = new FakeDiscord({ guilds: [GUILD], rateLimits: { global: { limit: 3, windowMs: 60_000 } } });
    await fake.start();
    try {
      const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
      const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: ADA } })) as APIChannel;
      const post = postAs(fake.apiUrl, fake.token);
      expect([(await post(dm.id)).status, (await post(dm.id)).status]).toEqual([200, 200]);
      const limited = await post(dm.id);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('x-ratelimit-global')).toBe('true');
      expect(((await limited.json()) as { global: boolean }).global).toBe(true);
      expect(fake.directMessages(ADA)).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});

/** Raw posts, so that the fake's 429s are seen rather than waited out by discord.js. */
function postAs(apiUrl: string, token: string): (channelId: string) => Promise<Response> {
  return (channelId) =>
    fetch(`${apiUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'x' }),
    });
}

/** Gateway dispatches of type `t` as they arrive, with the shard they came through. */
function rawEvents(client: Client, t: string): { shardId: number; data: Record<string, unknown> }[] {
  const seen: { shardId: number; data: Record<string, unknown> }[] = [];
  client.on(Events.Raw, (packet: { t?: string; d?: Record<string, unknown> }, shardId: number) => {
    if (packet.t === t) seen.push({ shardId, data: packet.d ?? {} });
  });
  return seen;
}
