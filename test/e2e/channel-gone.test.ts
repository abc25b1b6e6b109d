/** A channel or thread deleted while the bot runs: its subscriptions pause at once, the others carry on. */
import { describe, expect, it } from 'vitest';
import { FIXTURE, subscription, topic, useBotWorld } from '../helpers/bot.js';

const start = useBotWorld();

describe('a deleted channel pauses its subscriptions (the gateway event, through the real bot)', () => {
  it.each([
    ['a text channel', FIXTURE.text, 'the channel was deleted'],
    ['a thread', FIXTURE.thread, 'the thread was deleted'],
  ])('%s', async (_name, gone, reason) => {
    const other = gone === FIXTURE.text ? FIXTURE.announcement : FIXTURE.text;
    const world = await start({
      seed: (guildId) => ({
        topics: [topic(guildId)],
        subscriptions: [subscription(guildId, { channelId: gone }), subscription(guildId, { channelId: other })],
      }),
    });
    await world.discord.deleteChannel(gone);
    const state = () => world.bot.app.store.state.getGuild(FIXTURE.guildId);
    const deadline = Date.now() + 5000;
    while (!(await state()).subscriptions.some((s) => s.paused !== null) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await state()).subscriptions.map((s) => [s.channelId, s.paused])).toEqual([
      [gone, { reason, at: world.clock.now().toISOString(), notified: false }],
      [other, null],
    ]);
  });
});
