import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../src/discord/render/index.js';
import { FIXTURE, subscription, topic, type BotWorld } from '../helpers/bot.js';
import {
  LIBRARY,
  MONDAY,
  TUESDAY,
  answer,
  assertClean,
  command,
  paper,
  postDay,
  standardTopics,
  useCommandWorld,
} from './paper-digest-world.js';

const start = useCommandWorld();

interface Embed {
  title: string;
  description: string;
  color: number;
}

async function today(world: BotWorld, options: Record<string, string> = {}) {
  const handle = await command(world, 'digest', 'today', options);
  const message = await answer(world, handle);
  return { handle, message, embeds: message.embeds as unknown as Embed[] };
}

const link = (n: number, title: string) => `• [${title}](https://arxiv.org/abs/2611.0${2000 + n})`;
const TUESDAY_PAPERS = [
  paper(5, { title: 'Graph transformers for molecules', abstract: 'Graph attention over molecular graphs.' }),
  paper(6, { title: 'Contrastive audio representations', abstract: 'Contrastive learning for audio.' }),
];

describe('/digest today', () => {
  it('lists what each topic posted, by channel, with linked titles', async () => {
    const world = await start({ now: MONDAY.noon, seed: standardTopics });
    await postDay(world, MONDAY, LIBRARY);
    const { handle, message, embeds } = await today(world);
    expect((await handle.response()).type).toBe(5);
    expect(message.ephemeral).toBe(true);
    expect(message.content).toBe(`**Digests of ${MONDAY.date}** in this server`);
    expect(embeds.map((e) => [e.title, e.color])).toEqual([
      ['Contrastive learning', 0x3366cc],
      ['Graph learning', 0x22aa55],
    ]);
    const [contrastive, graphs] = embeds.map((e) => e.description.split('\n'));
    expect(contrastive?.[0]).toBe(`<#${FIXTURE.text}> · **posted 2 papers** (1 message)`);
    expect(contrastive?.slice(1).sort()).toEqual(
      [link(3, 'Contrastive pretraining of vision transformers'), link(4, 'Contrastive learning on graphs')].sort(),
    );
    expect(graphs?.[0]).toBe(`<#${FIXTURE.announcement}> · **posted 2 papers** (1 message)`);
    expect(graphs?.slice(1).sort()).toEqual(
      [link(2, 'Graph neural networks at scale'), link(4, 'Contrastive learning on graphs')].sort(),
    );

    const one = await today(world, { topic: 'graphs' });
    expect(one.embeds.map((e) => e.title)).toEqual(['Graph learning']);
    assertClean(world);
  });

  it('previews today’s digest before the run, leaving out what the channel already has', async () => {
    const world = await start({ now: MONDAY.noon, seed: standardTopics });
    await postDay(world, MONDAY, LIBRARY);
    // Tuesday's listing is fetched but the digests have not run yet.
    world.clock.set(TUESDAY.noon);
    world.serveListing('cs.LG', TUESDAY.pubDate, TUESDAY_PAPERS);
    await world.bot.app.ingest.refresh();
    const before = [FIXTURE.text, FIXTURE.announcement].map((c) => world.discord.messages(c).length);

    const { message, embeds } = await today(world);
    expect(message.content).toBe(
      `**Digests of ${TUESDAY.date}** in this server\nPreviews show what the next scheduled run (\`30 1 * * 1-5\`, America/New_York) will post; a moderator can post now with \`/digest run\`.`,
    );
    expect(embeds.map((e) => e.description)).toEqual([
      `<#${FIXTURE.text}> · **preview: 1 paper** to post\n${link(6, 'Contrastive audio representations')}`,
      `<#${FIXTURE.announcement}> · **preview: 1 paper** to post\n${link(5, 'Graph transformers for molecules')}`,
    ]);
    expect([FIXTURE.text, FIXTURE.announcement].map((c) => world.discord.messages(c).length)).toEqual(before);

    // After the run the same command shows what was posted; Monday is still there by date.
    await world.bot.app.runGuild(FIXTURE.guildId);
    const after = await today(world);
    expect(after.embeds.map((e) => e.description.split('\n')[0])).toEqual([
      `<#${FIXTURE.text}> · **posted 1 paper** (1 message)`,
      `<#${FIXTURE.announcement}> · **posted 1 paper** (1 message)`,
    ]);
    const monday = await today(world, { date: MONDAY.date });
    expect(monday.message.content).toBe(`**Digests of ${MONDAY.date}** in this server`);
    expect(monday.embeds.map((e) => e.description.split('\n')[0])).toEqual([
      `<#${FIXTURE.text}> · **posted 2 papers** (1 message)`,
      `<#${FIXTURE.announcement}> · **posted 2 papers** (1 message)`,
    ]);
    assertClean(world);
  });

  it('says when a topic had nothing new, and when today’s listing is not fetched yet', async () => {
    const world = await start({ now: MONDAY.noon, seed: standardTopics });
    await postDay(world, MONDAY, LIBRARY);
    await postDay(world, TUESDAY, [TUESDAY_PAPERS[0]!]);
    const { embeds } = await today(world);
    expect(embeds.map((e) => e.description.split('\n')[0])).toEqual([
      `<#${FIXTURE.text}> · nothing new that day`,
      `<#${FIXTURE.announcement}> · **posted 1 paper** (1 message)`,
    ]);

    // Wednesday morning, before the listing is fetched.
    world.clock.set('2026-11-25T12:00:00Z');
    const wednesday = await today(world);
    expect(wednesday.message.content).toContain('**Digests of 2026-11-25**');
    expect(wednesday.embeds.map((e) => e.description)).toEqual([
      `<#${FIXTURE.text}> · this listing is not in the archive yet; it is fetched at the next scheduled run`,
      `<#${FIXTURE.announcement}> · this listing is not in the archive yet; it is fetched at the next scheduled run`,
    ]);
    assertClean(world);
  });

  it('stays within Discord’s limits for a busy day: ten topics shown, long titles cut with a pointer to the search', async () => {
    const words = [
      'apple',
      'banana',
      'cherry',
      'damson',
      'elder',
      'fig',
      'grape',
      'hazel',
      'iris',
      'juniper',
      'kiwi',
      'lemon',
    ];
    const world = await start({
      now: MONDAY.noon,
      seed: (guildId) => ({
        topics: words.map((word, i) =>
          topic(guildId, {
            slug: word,
            name: `${word} ${'with a rather long display name '.repeat(3)}`.slice(0, 100),
            query: word,
            color: i,
          }),
        ),
        subscriptions: words.map((word) => subscription(guildId, { topicSlug: word })),
      }),
    });
    const papers = words.flatMap((word, w) =>
      Array.from({ length: 20 }, (_, i) => ({
        id: `2611.${10000 + w * 100 + i}v1`,
        title: `${word} ${'and a very long title that goes on '.repeat(6)}${i}`,
        abstract: `About ${word}.`,
        authors: ['A. Author'],
        categories: ['cs.LG'],
        published: '2026-11-22T18:00:00Z',
      })),
    );
    await postDay(world, MONDAY, papers);
    const { message, embeds } = await today(world);
    expect(embeds).toHaveLength(10);
    expect(message.content).toContain('Showing 10 of 12 topics: pick one with `topic:` to see the others.');
    expect(
      validateMessage({ content: message.content, embeds: message.embeds, allowed_mentions: { parse: [] } }),
    ).toEqual([]);
    const first = embeds[0]!.description.split('\n');
    expect(first[0]).toBe(`<#${FIXTURE.text}> · **posted 20 papers** (2 messages)`);
    expect(first.at(-1)).toMatch(/^• …and \d+ more: `\/paper search topic:apple since:2026-11-23`$/);

    const one = await today(world, { topic: 'kiwi' });
    expect(one.embeds).toHaveLength(1);
    expect(one.embeds[0]!.description.split('\n').length).toBeGreaterThan(first.length);
    assertClean(world);
  });

  it('stays within the embed total when many channels each have more titles than fit', async () => {
    const words = ['apple', 'banana', 'cherry', 'damson', 'elder', 'fig', 'grape', 'hazel', 'iris', 'juniper'];
    const channels = [FIXTURE.text, FIXTURE.announcement, FIXTURE.forum, FIXTURE.taggedForum, FIXTURE.thread];
    const world = await start({
      now: MONDAY.noon,
      seed: (guildId) => ({
        topics: words.map((word, i) => topic(guildId, { slug: word, name: word, query: word, color: i })),
        subscriptions: words.flatMap((word) =>
          channels.map((channelId) => subscription(guildId, { topicSlug: word, channelId })),
        ),
      }),
    });
    const papers = words.flatMap((word, w) =>
      Array.from({ length: 8 }, (_, i) => ({
        id: `2611.${10000 + w * 100 + i}v1`,
        title: `${word} ${'and a very long title that goes on '.repeat(6)}${i}`,
        abstract: `About ${word}.`,
        authors: ['A. Author'],
        categories: ['cs.LG'],
        published: '2026-11-22T18:00:00Z',
      })),
    );
    await postDay(world, MONDAY, papers);
    const { message, embeds } = await today(world);
    expect(embeds).toHaveLength(10);
    expect(
      validateMessage({ content: message.content, embeds: message.embeds, allowed_mentions: { parse: [] } }),
    ).toEqual([]);
    for (const embed of embeds)
      expect(embed.description.split('\n').at(-1)).toMatch(/more: `\/paper search topic:\w+ since:2026-11-23`$/);
    assertClean(world);
  });

  it.each([
    {
      name: 'a Saturday',
      date: '2026-11-28',
      reply:
        'There was no arXiv listing on 2026-11-28: arXiv makes no announcements on Friday and Saturday evenings, so there is no listing on weekends. The listing before it is 2026-11-26 (`date:2026-11-26`).',
    },
    {
      name: 'a holiday',
      date: '2026-11-27',
      reply:
        'There was no arXiv listing on 2026-11-27: arXiv made no announcement on the evening of 2026-11-26 (holiday schedule). The listing before it is 2026-11-26 (`date:2026-11-26`).',
    },
  ])('explains a quiet day: $name', async ({ date, reply }) => {
    const world = await start({ now: '2026-11-30T17:00:00Z', seed: standardTopics });
    const { message } = await today(world, { date });
    expect(message.content).toBe(reply);
    expect(message.ephemeral).toBe(true);
    assertClean(world);
  });

  it('on a weekend, says why and shows the latest listing', async () => {
    const world = await start({ now: MONDAY.noon, seed: standardTopics });
    await postDay(world, { pubDate: 'Thu, 26 Nov 2026 00:00:00 -0500', noon: '2026-11-26T17:00:00Z' }, LIBRARY);
    world.clock.set('2026-11-28T17:00:00Z');
    const { message, embeds } = await today(world);
    expect(message.content).toBe(
      '**Digests of 2026-11-26** in this server\n' +
        'No arXiv listing today (2026-11-28): arXiv makes no announcements on Friday and Saturday evenings, so there is no listing on weekends. Showing the latest listing, 2026-11-26.',
    );
    expect(embeds.map((e) => e.description.split('\n')[0])).toEqual([
      `<#${FIXTURE.text}> · **posted 2 papers** (1 message)`,
      `<#${FIXTURE.announcement}> · **posted 2 papers** (1 message)`,
    ]);
    assertClean(world);
  });

  it.each([
    { date: '2026-02-30', reply: /^`date` must be a date written YYYY-MM-DD/ },
    { date: 'yesterday!', reply: /^`date` must be a date written YYYY-MM-DD/ },
    { date: '2026/11/24', reply: /^`date` must be a date written YYYY-MM-DD/ },
    { date: '2026-12-01', reply: /^2026-12-01 is still to come: the latest arXiv listing is 2026-11-23\.$/ },
  ])('refuses date $date', async ({ date, reply }) => {
    const world = await start({ now: MONDAY.noon, seed: standardTopics });
    const { handle, message } = await today(world, { date });
    expect((await handle.response()).type).toBe(4);
    expect(message.content).toMatch(reply);
    expect(message.ephemeral).toBe(true);
    assertClean(world);
  });

  it.each([
    {
      name: 'no subscriptions',
      seed: false,
      options: {},
      reply:
        'This server has no subscriptions yet: a moderator can add one with `/subscription add topic:<slug>` (see `/topic list`).',
    },
    {
      name: 'an unknown topic',
      seed: true,
      options: { topic: 'nope' },
      reply: 'This server has no topic `nope`. Its topics: `contrastive`, `graphs`.',
    },
  ])('answers $name', async ({ seed, options, reply }) => {
    const world = await start({ now: MONDAY.noon, ...(seed ? { seed: standardTopics } : {}) });
    const { message } = await today(world, options);
    expect(message.content).toBe(reply);
    assertClean(world);
  });
});
