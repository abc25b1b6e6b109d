import { describe, expect, it } from 'vitest';
import { FIXTURE, makePapers, subscription, topic, useBotWorld } from '../helpers/bot.js';

const start = useBotWorld();

describe('scheduled delivery through the real bot', () => {
  it('posts a digest once, and nothing on the second run', async () => {
    const world = await start({
      seed: (guildId) => ({ topics: [topic(guildId)], subscriptions: [subscription(guildId)] }),
    });
    world.serveListing('cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', makePapers(12, { matchEvery: 2 }));

    await world.bot.app.runGuild(FIXTURE.guildId);
    const posted = world.discord.messages(FIXTURE.text);
    const embeds = posted.flatMap((m) => (m.embeds ?? []) as Array<{ title?: string }>);
    expect(embeds).toHaveLength(6);
    expect(posted[0]?.content).toContain('Contrastive learning');
    expect(world.discord.violations).toEqual([]);
    expect(world.arxiv.violations).toEqual([]);

    await world.bot.app.runGuild(FIXTURE.guildId);
    expect(world.discord.messages(FIXTURE.text)).toHaveLength(posted.length);
  });
});
