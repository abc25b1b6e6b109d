/**
 * A short crash campaign in the quick suite: the bot process killed with SIGKILL at a few seeded
 * points (during ingest, between a send and its answer, between messages) over a digest of 100
 * papers to a dozen channels, started again each time. The long campaigns are in test/chaos.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCrashWorld,
  describeCampaign,
  runCampaign,
  tallyPosts,
  type CrashWorld,
} from '../helpers/crash-world.js';

const worlds: CrashWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

describe('crash campaign (quick)', () => {
  it('the tally counts a duplicate, a loss and an unwanted paper, computed from the topics alone', async () => {
    const world = await createCrashWorld({ seed: 7, papers: 100, textChannels: 10 });
    worlds.push(world);
    const [first, second] = world.destinations.filter((d) => d.kind === 'text');
    const wanted = [...(world.expected.get(first?.channelId ?? '') ?? [])];
    const unwanted = [...(world.expected.get(second?.channelId ?? '') ?? [])].find((id) => !wanted.includes(id));
    expect(first && second && unwanted !== undefined && wanted.length > 2).toBe(true);
    const post = (channelId: string, ids: string[]) =>
      world.discord.seedMessage(channelId, {
        embeds: ids.map((id) => ({ title: id, url: `https://arxiv.org/abs/${id}` })),
      });
    // Every wanted paper once but the last, the first one again, and one paper of another channel.
    post(first?.channelId ?? '', wanted.slice(0, 8));
    post(first?.channelId ?? '', [...wanted.slice(8, -1), wanted[0] ?? '', unwanted ?? '']);
    const tally = tallyPosts(world.discord, first ? [first] : [], world.expected);
    expect({ duplicates: tally.duplicates, losses: tally.losses, extra: tally.extra }).toEqual({
      duplicates: 1,
      losses: 1,
      extra: 1,
    });
    expect(tally.details).toEqual([
      `text channel ${first?.channelId}: ${wanted[0]} posted 2 times`,
      `text channel ${first?.channelId}: ${unwanted} posted but not wanted`,
      `text channel ${first?.channelId}: ${wanted.at(-1)} never posted`,
    ]);
  });

  // Five starts of the bot process: about 20 s on an idle machine; the timeout leaves room for a loaded one.
  it('every (channel, paper) pair is posted exactly once after kills during ingest and delivery', async () => {
    const world = await createCrashWorld({
      seed: 7,
      papers: 100,
      textChannels: 10,
      arxivDelayMs: [150, 300],
      apiPageSize: 25,
    });
    worlds.push(world);
    const report = await runCampaign(world, {
      seed: 7,
      kills: 4,
      shares: { ingest: 1 / 3, 'send-answer': 1 / 3, 'between-messages': 1 / 3, other: 0 },
    });
    const { summary, points } = describeCampaign(report);
    expect(report.tally.details, `${summary}\n${points}`).toEqual([]);
    expect(report.tally.posted).toBe(report.tally.expected);
    expect(report.finished).toBe(true);
    expect(report.finalExit).toBe(0);
    expect(report.discordViolations).toEqual([]);
    expect(report.arxivViolations).toEqual([]);
    for (const phase of ['ingest', 'send-answer', 'between-messages'] as const) {
      expect(report.landed[phase], `kills that landed in ${phase}\n${points}`).toBeGreaterThanOrEqual(1);
    }
  }, 240_000);
});
