/**
 * A ready-to-use guild fixture and a helper that starts the fake and logs a real discord.js client into it.
 */
import { once } from 'node:events';
import {
  ChannelType,
  Client,
  Events,
  GatewayIntentBits,
  PermissionFlagsBits,
  type ClientOptions,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterEach } from 'vitest';
import { FakeDiscord } from './fake-discord.js';
import type { FakeDiscordOptions, FakeGuildInit } from './fake-discord-types.js';

export const FIXTURE = {
  token: 'paperboy-test-token',
  applicationId: '110000000000000001',
  guildId: '210000000000000001',
  text: '310000000000000001',
  announcement: '310000000000000002',
  forum: '310000000000000003',
  /** Forum with REQUIRE_TAG. */
  taggedForum: '310000000000000004',
  /** `forbidden: true`: writes answer 403 50013. */
  forbidden: '310000000000000005',
  /** @everyone denied VIEW_CHANNEL: everything answers 403 50001. */
  hidden: '310000000000000006',
  /** A public thread under `text`. */
  thread: '310000000000000007',
  tag: '610000000000000001',
  /** Role with Manage Server. */
  moderatorRole: '510000000000000001',
} as const;

export const FIXTURE_GUILD: FakeGuildInit = {
  id: FIXTURE.guildId,
  name: 'Reading group',
  roles: [{ id: FIXTURE.moderatorRole, name: 'mods', permissions: PermissionFlagsBits.ManageGuild }],
  channels: [
    { id: FIXTURE.text, name: 'papers', type: ChannelType.GuildText },
    { id: FIXTURE.announcement, name: 'news', type: ChannelType.GuildAnnouncement },
    {
      id: FIXTURE.forum,
      name: 'digest',
      type: ChannelType.GuildForum,
      availableTags: [{ id: FIXTURE.tag, name: 'cs.LG' }],
    },
    {
      id: FIXTURE.taggedForum,
      name: 'tagged',
      type: ChannelType.GuildForum,
      flags: 16,
      availableTags: [{ id: FIXTURE.tag, name: 'cs.LG' }],
    },
    { id: FIXTURE.forbidden, name: 'read-only', type: ChannelType.GuildText, forbidden: true },
    {
      id: FIXTURE.hidden,
      name: 'staff',
      type: ChannelType.GuildText,
      permissionOverwrites: [{ id: FIXTURE.guildId, type: 0, deny: PermissionFlagsBits.ViewChannel }],
    },
    { id: FIXTURE.thread, name: 'older digest', type: ChannelType.PublicThread, parentId: FIXTURE.text },
  ],
};

export interface FakeDiscordHarness {
  fake: FakeDiscord;
  client: Client;
  /** Destroys the client, then closes the fake. */
  stop: () => Promise<void>;
}

export interface HarnessClientOptions {
  /** Default: Guilds only, as Paperboy runs. */
  intents?: ClientOptions['intents'];
  rest?: NonNullable<ClientOptions['rest']>;
  ws?: ClientOptions['ws'];
  shards?: ClientOptions['shards'];
  /** Default none; Paperboy runs with `Partials.Channel` (DM channels it has not cached). */
  partials?: ClientOptions['partials'];
}

/** An identify throttler that never waits (discord.js otherwise spaces identifies 5 s apart). */
export const noIdentifyWait = { buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }) };

/**
 * Starts a FakeDiscord (fixture guild unless `options.guilds` says otherwise) and a discord.js Client configured
 * as Paperboy's (Guilds intent, `allowedMentions: { parse: [] }`), and resolves once the client is ready.
 */
export async function startFakeDiscord(
  options: FakeDiscordOptions = {},
  clientOptions: HarnessClientOptions = {},
): Promise<FakeDiscordHarness> {
  const fake = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD],
    ...options,
  });
  const { apiUrl } = await fake.start();
  const client = new Client({
    intents: clientOptions.intents ?? [GatewayIntentBits.Guilds],
    rest: { api: apiUrl, ...clientOptions.rest },
    allowedMentions: { parse: [] },
    ...(clientOptions.ws ? { ws: clientOptions.ws } : {}),
    ...(clientOptions.shards !== undefined ? { shards: clientOptions.shards } : {}),
    ...(clientOptions.partials ? { partials: clientOptions.partials } : {}),
  });
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= client.destroy().then(() => fake.close());
    return stopped;
  };
  try {
    const ready = once(client, Events.ClientReady);
    await client.login(fake.token);
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { fake, client, stop };
}

/** Returns a `start` function whose harnesses are stopped after each test of the calling file. */
export function useFakeDiscord(): (
  options?: FakeDiscordOptions,
  clientOptions?: HarnessClientOptions,
) => Promise<FakeDiscordHarness> {
  const running: FakeDiscordHarness[] = [];
  afterEach(async () => {
    for (const harness of running.splice(0)) {
      await harness.stop();
      const [first] = harness.fake.internalErrors;
      if (first) throw first;
    }
  });
  return async (options, clientOptions) => {
    const harness = await startFakeDiscord(options, clientOptions);
    running.push(harness);
    return harness;
  };
}

export function textChannel(client: Client, id: string = FIXTURE.text): TextChannel {
  const channel = client.channels.cache.get(id);
  if (!channel || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) {
    throw new Error(`no text channel ${id}`);
  }
  return channel as TextChannel;
}

/** Runs `handler` on the client's next interaction; resolves with its result or rejects with its error. */
export function nextInteraction<T>(client: Client, handler: (interaction: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handler(interaction).then(resolve, reject);
    });
  });
}

/** The error a promise rejects with; fails if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
