/**
 * Shared setup of the /paper and /digest end-to-end tests: a second guild, members with and
 * without Manage Server, papers with known authors, venues and code links, and a way to wait
 * for the bot's final answer to any interaction.
 */
import { ChannelType } from 'discord.js';
import { expect } from 'vitest';
import type { FakePaper } from '../fakes/fake-arxiv.js';
import type { FakeGuildInit, FakeInteraction, FakeMessage } from '../fakes/fake-discord.js';
import {
  FIXTURE,
  FIXTURE_GUILD,
  subscription,
  topic,
  useBotWorld,
  type BotWorld,
  type BotWorldOptions,
} from '../helpers/bot.js';
import { digest } from '../../commands/digest.js';
import { paper as paperCommand } from '../../commands/paper.js';
import type { Subscription, Topic } from '../../src/store/types.js';

export const GUILD_B = { id: '220000000000000001', text: '320000000000000001' } as const;

const GUILD_B_INIT: FakeGuildInit = {
  id: GUILD_B.id,
  name: 'Other lab',
  channels: [{ id: GUILD_B.text, name: 'papers', type: ChannelType.GuildText }],
};

/** World options with the fixture guild and a second one. */
export const twoGuilds = { discord: { guilds: [FIXTURE_GUILD, GUILD_B_INIT] } };

export const MEMBER = { id: '420000000000000001' } as const;
export const OTHER_MEMBER = { id: '420000000000000002' } as const;
export const MODERATOR = { id: '420000000000000009', roles: [FIXTURE.moderatorRole] };

/** Listing dates used by the tests: Monday and Tuesday of one week (feeds are dated US Eastern). */
export const MONDAY = {
  date: '2026-11-23',
  pubDate: 'Mon, 23 Nov 2026 00:00:00 -0500',
  noon: '2026-11-23T17:00:00Z',
} as const;
export const TUESDAY = {
  date: '2026-11-24',
  pubDate: 'Tue, 24 Nov 2026 00:00:00 -0500',
  noon: '2026-11-24T17:00:00Z',
} as const;

const LOADING = 1 << 7;

/**
 * `useBotWorld()`, with /paper and /digest registered in every guild of the fake, so that the
 * fake checks each test's options against the commands' real definitions.
 */
export function useCommandWorld(): (options?: BotWorldOptions) => Promise<BotWorld> {
  const start = useBotWorld();
  return async (options) => {
    const world = await start(options);
    await registerCommands(world, options);
    return world;
  };
}

/** Register /paper and /digest in every guild of the world's fake Discord. */
export async function registerCommands(world: BotWorld, options?: BotWorldOptions): Promise<void> {
  const guilds = options?.discord?.guilds ?? [FIXTURE_GUILD];
  for (const guild of guilds)
    await world.bot.client.application?.commands.set([paperCommand.data, digest.data], guild.id);
  expect(world.discord.commands(FIXTURE.guildId).map((c) => c['name'])).toEqual(['paper', 'digest']);
}

/**
 * The bot's final answer: the reply, the deferred reply once edited, or the component's message
 * once a deferred update edited it.
 */
export async function answer(world: BotWorld, handle: FakeInteraction): Promise<FakeMessage> {
  const callback = await handle.response(5000);
  if (callback.type === 5) {
    return world.discord.waitFor(
      () => {
        const message = handle.original();
        return message && (message.flags & LOADING) === 0 ? message : undefined;
      },
      5000,
      'the deferred reply to be edited',
    );
  }
  if (callback.type === 6) await handle.waitForEdit(1, 5000);
  const message = handle.original();
  if (!message) throw new Error('no response message');
  return message;
}

/** Custom ids of a message's components, depth first. */
export function customIds(message: FakeMessage): string[] {
  const out: string[] = [];
  const walk = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const c of components as Array<Record<string, unknown>>) {
      if (typeof c['custom_id'] === 'string') out.push(c['custom_id']);
      walk(c['components']);
    }
  };
  walk(message.components);
  return out;
}

/** Values offered by a message's string select. */
export function selectValues(message: FakeMessage): string[] {
  const row = (
    message.components as Array<{ components?: Array<{ type: number; options?: Array<{ value: string }> }> }>
  )
    .flatMap((r) => r.components ?? [])
    .find((c) => c.type === 3);
  return (row?.options ?? []).map((o) => o.value);
}

/** Send a slash command from `user` (a plain member by default) in the fixture text channel. */
export function command(
  world: BotWorld,
  name: 'paper' | 'digest',
  subcommand: string,
  options: Record<string, string | number | boolean> = {},
  extra: { channelId?: string; user?: { id: string; roles?: string[] }; permissions?: bigint } = {},
): Promise<FakeInteraction> {
  return world.discord.command({
    channelId: extra.channelId ?? FIXTURE.text,
    name,
    subcommand,
    options,
    user: extra.user ?? MEMBER,
    ...(extra.permissions !== undefined ? { permissions: extra.permissions } : {}),
  });
}

export function assertClean(world: BotWorld): void {
  expect(world.discord.violations).toEqual([]);
  expect(world.discord.internalErrors).toEqual([]);
  expect(world.arxiv.violations).toEqual([]);
}

/** Put topics and subscriptions into a guild of the running bot. */
export async function configure(
  world: BotWorld,
  guildId: string,
  topics: Topic[],
  subscriptions: Subscription[],
): Promise<void> {
  await world.bot.app.store.state.updateGuild(guildId, (state) => {
    state.topics = topics;
    state.subscriptions = subscriptions;
  });
}

/** Ingest the listing dated `day` (the clock moves to that day) and run a guild's digests. */
export async function postDay(
  world: BotWorld,
  day: { pubDate: string; noon: string },
  papers: FakePaper[],
  guildIds: string[] = [FIXTURE.guildId],
): Promise<void> {
  world.clock.set(day.noon);
  world.serveListing('cs.LG', day.pubDate, papers);
  for (const guildId of guildIds) await world.bot.app.runGuild(guildId);
}

/** A paper with readable fields; `n` picks the id 2611.0<2000+n>. */
export function paper(n: number, fields: Partial<FakePaper> & Pick<FakePaper, 'title' | 'abstract'>): FakePaper {
  return {
    id: `2611.0${2000 + n}v1`,
    authors: [`Someone ${n}`],
    categories: ['cs.LG'],
    published: '2026-11-22T18:00:00Z',
    ...fields,
  };
}

/** The library of the search tests: known authors, venues and code links. */
export const LIBRARY: FakePaper[] = [
  paper(1, {
    title: 'Diffusion models for image segmentation',
    abstract: 'We propose diffusion models for segmentation. Diffusion sampling with few steps beats baselines.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    comment: 'Accepted at CVPR 2026. Code: https://github.com/ada/diffseg',
  }),
  paper(2, {
    title: 'Graph neural networks at scale',
    abstract: 'We train graph networks on billions of edges; heat diffusion on graphs is one of the operators.',
    authors: ['Grace Hopper'],
  }),
  paper(3, {
    title: 'Contrastive pretraining of vision transformers',
    abstract: 'Self-supervised contrastive learning for vision transformers. Code is at https://github.com/kj/cpvit.',
    authors: ['Ada Lovelace', 'Katherine Johnson'],
  }),
  paper(4, {
    title: 'Contrastive learning on graphs',
    abstract: 'A contrastive learning objective for graph neural networks without labels.',
    authors: ['Edsger Dijkstra'],
    comment: 'NeurIPS 2026 (Spotlight)',
  }),
];

/** The fixture guild's topics: contrastive learning (in the text channel) and graphs (in the announcement channel). */
export function standardTopics(guildId: string): { topics: Topic[]; subscriptions: Subscription[] } {
  return {
    topics: [
      topic(guildId, {
        slug: 'contrastive',
        name: 'Contrastive learning',
        query: '"contrastive learning" OR contrastive',
      }),
      topic(guildId, { slug: 'graphs', name: 'Graph learning', query: 'graph OR graphs', color: 0x22aa55 }),
    ],
    subscriptions: [
      subscription(guildId, { topicSlug: 'contrastive', channelId: FIXTURE.text }),
      subscription(guildId, { topicSlug: 'graphs', channelId: FIXTURE.announcement }),
    ],
  };
}
