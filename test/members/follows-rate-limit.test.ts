/**
 * Follow DMs under Discord's rate limits, through the real runner, poster and discord.js against the fake Discord
 * and a real SQLite file: the follows benchmark (test/bench/follows.bench.ts) at a small scale, with limits tight
 * enough that both the global and the per-channel limit bind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyMemberState } from '../../src/store/schemas.js';
import { generateMembers, listingPapers, runFollows, type FollowsScale } from '../bench/follows.bench.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const TIGHT: FollowsScale = {
  members: 12,
  followsPerMember: 5,
  papers: 300,
  globalPerSecond: 10,
  globalWindowMs: 200,
  channelLimit: 2,
  channelWindowMs: 250,
};

describe('follow DMs under Discord rate limits', () => {
  it('sends each member exactly their papers once, opens no DM for a member with nothing, no request refused twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paperboy-follows-rate-'));
    dirs.push(dir);
    const papers = listingPapers(TIGHT.papers, 7);
    const members = generateMembers(papers, TIGHT.members - 2, TIGHT.followsPerMember, 7);
    // Two members follow someone who published nothing today.
    for (const n of [1, 2]) {
      const member = emptyMemberState(String(529000000000000000n + BigInt(n)));
      member.follows = [
        {
          id: 'f1',
          guildId: members[0]!.follows[0]!.guildId,
          author: 'Grace Hopper',
          query: null,
          categories: [],
          createdAt: '2026-11-01T00:00:00.000Z',
        },
      ];
      members.push(member);
    }
    const result = await runFollows(TIGHT, 7, dir, { members, papers });

    expect(result.wrongMembers).toBe(0);
    expect(result.violations).toBe(0);
    expect(result.outcomes).toEqual({ posted: TIGHT.members - 2, 'nothing-new': 2, paused: 0, failed: 0 });
    expect(result.dms).toBe(TIGHT.members - 2);
    expect(result.channelsOpened).toBe(result.expectedDms);
    expect(result.requests).toBe(result.channelsOpened + result.messages);
    // Some DM needs more messages than its channel's limit allows at once, so the limits did bind.
    expect(result.busiest).toBeGreaterThan(TIGHT.channelLimit);
    expect(result.max429PerRequest).toBeLessThanOrEqual(1);
    // No faster than the limits allow: the fake enforced them and the client waited.
    expect(result.wallMs).toBeGreaterThanOrEqual(result.boundMs * 0.9);
  }, 30_000);
});
