import { describe, expect, it } from 'vitest';
import type { FakeMessage } from '../fakes/fake-discord-types.js';
import { htmlResponse, latexmlPage } from '../fakes/fake-arxiv.js';
import { FIXTURE, makePapers, subscription, topic, useBotWorld, type BotWorld } from '../helpers/bot.js';

const start = useBotWorld();
const LISTING_DATE = 'Tue, 24 Nov 2026 00:00:00 -0500';

type Embed = { title?: string; url?: string; image?: { url?: string } };
const embedsOf = (messages: readonly FakeMessage[]) => messages.flatMap((m) => m.embeds as Embed[]);
/** Image URL (or null) by the abstract page the embed links to. */
const imagesOf = (messages: readonly FakeMessage[]) =>
  Object.fromEntries(embedsOf(messages).map((e) => [String(e.url), e.image?.url ?? null]));

const papers = makePapers(4);
const abs = (i: number) => `https://arxiv.org/abs/${papers[i]?.id.replace(/v\d+$/, '')}`;

/** Pages: a figure, an icon then a figure, no figure, no HTML version (404). */
function servePages(world: BotWorld): void {
  const [a, b, c, d] = papers.map((p) => p.id);
  world.arxiv.html(a!, htmlResponse(latexmlPage(a!, 'figure')));
  world.arxiv.html(b!, htmlResponse(latexmlPage(b!, 'icon-first')));
  world.arxiv.html(c!, htmlResponse(latexmlPage(c!, 'no-figure')));
  world.arxiv.html(d!, htmlResponse(latexmlPage(d!, 'not-found'), 404));
}

describe('figures in digests through the real bot', () => {
  it('shows each paper’s first figure, and no image where there is none', async () => {
    const world = await start({
      seed: (guildId) => ({
        topics: [topic(guildId, { images: true })],
        subscriptions: [subscription(guildId), subscription(guildId, { channelId: FIXTURE.announcement })],
      }),
    });
    world.serveListing('cs.LG', LISTING_DATE, papers);
    servePages(world);
    const base = world.arxiv.baseUrl;

    await world.bot.app.runGuild(FIXTURE.guildId);
    const expected = {
      [abs(0)]: `${base}/html/${papers[0]?.id}/x1.png`,
      [abs(1)]: `${base}/html/${papers[1]?.id}/extracted/6121904/figures/teaser.png`,
      [abs(2)]: null,
      [abs(3)]: null,
    };
    expect(imagesOf(world.discord.messages(FIXTURE.text))).toEqual(expected);
    expect(imagesOf(world.discord.messages(FIXTURE.announcement))).toEqual(expected);
    // A second channel (and any number of guilds) costs no further page.
    expect(world.arxiv.htmlRequests).toHaveLength(4);
    expect(world.arxiv.violations).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });

  it('shows no image at all when the topic has images off, and fetches no page', async () => {
    const world = await start({
      seed: (guildId) => ({ topics: [topic(guildId, { images: false })], subscriptions: [subscription(guildId)] }),
    });
    world.serveListing('cs.LG', LISTING_DATE, papers);
    servePages(world);

    await world.bot.app.runGuild(FIXTURE.guildId);
    const embeds = embedsOf(world.discord.messages(FIXTURE.text));
    expect(embeds).toHaveLength(4);
    expect(embeds.every((e) => e.image === undefined)).toBe(true);
    expect(world.arxiv.htmlRequests).toHaveLength(0);
  });
});
