import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiById } from '../fakes/fake-arxiv.js';
import { FIXTURE, startBotWorld, type BotWorld } from '../helpers/bot.js';
import {
  LIBRARY,
  MEMBER,
  MONDAY,
  answer,
  assertClean,
  command,
  customIds,
  paper,
  postDay,
  registerCommands,
  standardTopics,
  useCommandWorld,
} from './paper-digest-world.js';

const start = useCommandWorld();

const EXAMPLES = '`2205.14459`, `2205.14459v2`, `arXiv:2205.14459`';
const ON_DEMAND = [
  {
    ...paper(0, {
      title: 'A paper nobody subscribed to',
      abstract: 'It was never in a listing we fetched.',
      authors: ['Barbara Liskov'],
      comment: 'TMLR 2026',
    }),
    id: '2611.11000v1',
  },
  {
    id: 'hep-th/9901001v2',
    title: 'Strings before 2007',
    abstract: 'An old-style identifier.',
    authors: ['Edward Witten'],
    categories: ['hep-th'],
    published: '1999-01-04T00:00:00Z',
  },
  { ...LIBRARY[0]!, id: '2611.02001v2', title: 'Diffusion models for image segmentation (revised)' },
];

const ARCHIVED_WORLD = { now: MONDAY.noon, seed: standardTopics };

/** Monday's listing is archived (papers 2611.02001–2611.02004, v1); the fake API also knows ON_DEMAND. */
async function archived(): Promise<BotWorld> {
  return fillArchive(await start(ARCHIVED_WORLD));
}

async function fillArchive(world: BotWorld): Promise<BotWorld> {
  await postDay(world, MONDAY, LIBRARY);
  world.arxiv.api(null, apiById([...ON_DEMAND, ...LIBRARY]));
  return world;
}

async function show(world: BotWorld, id: string) {
  const handle = await command(world, 'paper', 'show', { id });
  return { handle, message: await answer(world, handle) };
}

describe('/paper show of archived papers (read only)', () => {
  let shared: BotWorld;
  beforeAll(async () => {
    shared = await fillArchive(await startBotWorld(ARCHIVED_WORLD));
    await registerCommands(shared);
  });
  afterAll(() => shared.stop());

  it.each([
    '2611.02001',
    '2611.02001v1',
    'arXiv:2611.02001',
    'ARXIV:2611.02001v1',
    'https://arxiv.org/abs/2611.02001',
    'https://arxiv.org/pdf/2611.02001v1',
    'https://arxiv.org/pdf/2611.02001v1.pdf',
    'arxiv.org/abs/2611.02001?context=cs',
    '  2611.02001  ',
  ])('shows an archived paper given as %j, without asking arXiv', async (id) => {
    const world = shared;
    const requests = world.arxiv.apiRequests.length;
    const { handle, message } = await show(world, id);
    expect((await handle.response()).type).toBe(4);
    expect(message.ephemeral).toBe(true);
    const embed = message.embeds[0] as {
      title: string;
      url: string;
      description: string;
      fields: Array<{ name: string; value: string }>;
    };
    expect(embed.title).toBe('Diffusion models for image segmentation');
    expect(embed.url).toBe('https://arxiv.org/abs/2611.02001');
    expect(embed.description).toMatch(/^\*Ada Lovelace, Alan Turing\*\nWe propose diffusion models/);
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        { name: 'Venue', value: 'CVPR 2026', inline: true },
        { name: 'Code', value: '[ada/diffseg](https://github.com/ada/diffseg)', inline: true },
      ]),
    );
    expect(customIds(message)).toEqual(['paper:s:2611.02001', 'paper:save1:2611.02001']);
    expect(world.arxiv.apiRequests.length).toBe(requests);
    assertClean(world);
  });

  it.each([
    'hello',
    '2611.0200',
    '2613.02001',
    '1501.1234',
    'arXiv:',
    'https://example.com/abs/2611.02001',
    '2611.02001v0',
  ])('refuses %j with examples of ids', async (id) => {
    const world = shared;
    const requests = world.arxiv.apiRequests.length;
    const { handle, message } = await show(world, id);
    expect((await handle.response()).type).toBe(4);
    expect(message.ephemeral).toBe(true);
    expect(message.content).toMatch(/is not an arXiv id\. Try /);
    expect(message.content).toContain(EXAMPLES);
    expect(world.arxiv.apiRequests.length).toBe(requests);
    assertClean(world);
  });
});

describe('/paper show', () => {
  it('fetches an unknown paper from arXiv, archives it, and shows it', async () => {
    const world = await archived();
    expect(await world.bot.app.store.archive.get('2611.11000')).toBeNull();
    const { handle, message } = await show(world, 'https://arxiv.org/abs/2611.11000v1');
    expect((await handle.response()).type).toBe(5);
    expect(message.ephemeral).toBe(true);
    expect((message.embeds[0] as { title: string }).title).toBe('A paper nobody subscribed to');
    const request = world.arxiv.apiRequests.at(-1);
    expect(request?.query.get('id_list')).toBe('2611.11000');
    expect(request?.headers['user-agent']).toMatch(/^Paperboy\//);
    const stored = await world.bot.app.store.archive.get('2611.11000');
    expect(stored).toMatchObject({
      title: 'A paper nobody subscribed to',
      authors: ['Barbara Liskov'],
      venue: 'TMLR 2026',
    });

    // The second time it comes from the archive.
    const requests = world.arxiv.apiRequests.length;
    const again = await show(world, '2611.11000');
    expect((await again.handle.response()).type).toBe(4);
    expect(world.arxiv.apiRequests.length).toBe(requests);
    assertClean(world);
  });

  it.each([
    { id: 'hep-th/9901001', title: 'Strings before 2007', stored: 'hep-th/9901001' },
    { id: 'https://arxiv.org/abs/hep-th/9901001v2', title: 'Strings before 2007', stored: 'hep-th/9901001' },
  ])('fetches an old-style id: $id', async ({ id, title, stored }) => {
    const world = await archived();
    const { message } = await show(world, id);
    expect((message.embeds[0] as { title: string }).title).toBe(title);
    expect(world.arxiv.apiRequests.at(-1)?.query.get('id_list')).toBe(stored);
    expect((await world.bot.app.store.archive.get(stored))?.version).toBe(2);
    assertClean(world);
  });

  it('fetches a newer version than the archived one', async () => {
    const world = await archived();
    const { handle, message } = await show(world, '2611.02001v2');
    expect((await handle.response()).type).toBe(5);
    expect((message.embeds[0] as { title: string }).title).toBe('Diffusion models for image segmentation (revised)');
    expect((await world.bot.app.store.archive.get('2611.02001'))?.version).toBe(2);
    assertClean(world);
  });

  it('says arXiv has no such paper, and archives nothing', async () => {
    const world = await archived();
    const count = await world.bot.app.store.archive.count();
    const { message } = await show(world, '2401.99999');
    expect(message.content).toMatch(/^arXiv has no paper 2401\.99999\./);
    expect(message.ephemeral).toBe(true);
    expect(await world.bot.app.store.archive.count()).toBe(count);
    expect(world.arxiv.apiRequests.at(-1)?.query.get('id_list')).toBe('2401.99999');
    assertClean(world);
  });

  it('says so when arXiv does not answer', async () => {
    const world = await archived();
    world.arxiv.api(null, { status: 400, body: 'Bad request' });
    const { message } = await show(world, '2401.00001');
    expect(message.content).toMatch(/^arXiv did not answer just now/);
    expect(message.ephemeral).toBe(true);
  });

  it('posts the paper in the channel when asked to, with its figure when one is known', async () => {
    const world = await archived();
    const figure = 'https://arxiv.org/html/2611.02003v1/x1.png';
    await world.bot.app.store.archive.setFigure('2611.02003', 1, figure);
    const { message } = await show(world, '2611.02003');
    expect((message.embeds[0] as { image?: { url: string } }).image?.url).toBe(figure);
    const before = world.discord.messages(FIXTURE.text).length;
    const share = await world.discord.button({
      channelId: FIXTURE.text,
      messageId: message.id,
      customId: 'paper:s:2611.02003',
      user: MEMBER,
    });
    const shared = await answer(world, share);
    expect(shared.ephemeral).toBe(false);
    expect(shared.embeds[0]).toMatchObject({
      title: 'Contrastive pretraining of vision transformers',
      image: { url: figure },
    });
    expect(shared.components).toEqual([]);
    expect(world.discord.messages(FIXTURE.text).length).toBe(before + 1);
    assertClean(world);
  });
});
