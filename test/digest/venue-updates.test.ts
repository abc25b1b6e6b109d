/**
 * Venue updates: which papers a channel's (or a member's) update names, the one message it becomes, and a member's
 * update DM through the runner, with a recording Discord stand-in at the Poster edge.
 */
import { describe, expect, it } from 'vitest';
import { REFUSED } from '../../src/digest/deliver.js';
import type { ChannelKind, MessageBody, Poster } from '../../src/digest/poster.js';
import { DigestRunner } from '../../src/digest/runner.js';
import {
  channelVenueLines,
  latestEvents,
  savedVenueLines,
  venueUpdatesOn,
  type VenueLine,
} from '../../src/digest/venue-updates.js';
import { renderPlan } from '../../src/discord/render-plan.js';
import { validateMessage } from '../../src/discord/render/limits.js';
import { renderVenueUpdate } from '../../src/discord/render/venue-updates.js';
import { silentLogger } from '../../src/log.js';
import { memberGuild } from '../../src/members/digests.js';
import type { Paper } from '../../src/papers/paper.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { DigestRecord, VenueEvent } from '../../src/store/types.js';
import { makePaper, makeRecord } from '../store/papers.js';

const GUILD = '210000000000000001';
const CHANNEL = '310000000000000001';

const event = (paperId: string, venue: string, at: string, version = 2): VenueEvent => ({
  paperId,
  venue,
  version,
  at,
});

function posted(paperIds: string[], extra: Partial<DigestRecord> = {}): DigestRecord {
  return {
    key: `${GUILD}:${CHANNEL}:contrastive:2026-11-24:1`,
    guildId: GUILD,
    channelId: CHANNEL,
    topicSlug: 'contrastive',
    date: '2026-11-24',
    paperIds,
    skippedIds: [],
    messages: [
      { index: 0, nonce: 'n0', paperIds: paperIds.slice(0, 1), body: {}, messageId: '900000000000000001' },
      { index: 1, nonce: 'n1', paperIds: paperIds.slice(1), body: {}, messageId: '900000000000000002' },
    ],
    threadName: 'x',
    openThread: false,
    threadId: null,
    status: 'sent',
    attempts: 0,
    error: null,
    createdAt: '2026-11-24T12:00:00.000Z',
    finishedAt: '2026-11-24T12:00:01.000Z',
    ...extra,
  };
}

const papers = (...list: Paper[]) => new Map(list.map((p) => [p.id, p]));
const A = makePaper({ id: '2611.01000', version: 2, title: 'Paper A', venue: 'NeurIPS 2026' });
const B = makePaper({ id: '2611.01001', version: 3, title: 'Paper B', venue: 'ICML 2027' });
const WED = '2026-11-25T12:00:00.000Z';

describe('channelVenueLines', () => {
  const digest = posted([A.id, B.id]);
  const base = {
    events: [event(A.id, 'NeurIPS 2026', WED), event(B.id, 'ICML 2027', WED, 3)],
    papers: papers(A, B),
    posted: new Map([
      [A.id, digest],
      [B.id, digest],
    ]),
    claimed: new Map<string, Set<string>>(),
  };
  const ids = (lines: VenueLine[]) => lines.map((l) => l.paperId);

  it('names each paper with its venue, version and the message that posted it', () => {
    expect(channelVenueLines(base)).toEqual([
      {
        paperId: A.id,
        title: 'Paper A',
        venue: 'NeurIPS 2026',
        version: 2,
        url: `https://discord.com/channels/${GUILD}/${CHANNEL}/900000000000000001`,
      },
      {
        paperId: B.id,
        title: 'Paper B',
        venue: 'ICML 2027',
        version: 3,
        url: `https://discord.com/channels/${GUILD}/${CHANNEL}/900000000000000002`,
      },
    ]);
  });

  it.each<{ case: string; change: Partial<typeof base>; left: string[] }>([
    {
      case: 'a paper posted after its venue was known (the post showed it)',
      change: { posted: new Map([[A.id, posted([A.id], { createdAt: '2026-11-25T13:00:00.000Z' })]]) },
      left: [],
    },
    {
      case: 'a venue this channel was told already',
      change: { claimed: new Map([[A.id, new Set(['NeurIPS 2026'])]]) },
      left: [B.id],
    },
    {
      case: 'a paper whose venue changed again since (the event is no longer true)',
      change: { papers: papers({ ...A, venue: 'ICLR 2027' }, B) },
      left: [B.id],
    },
    { case: 'a withdrawn paper', change: { papers: papers({ ...A, withdrawn: true }, B) }, left: [B.id] },
    {
      case: 'a paper whose message Discord refused, or that is not sent yet',
      change: {
        posted: new Map([
          [A.id, posted([A.id, B.id], { messages: [{ ...digest.messages[0]!, messageId: REFUSED }] })],
          [
            B.id,
            posted([A.id, B.id], { messages: [digest.messages[0]!, { ...digest.messages[1]!, messageId: null }] }),
          ],
        ]),
      },
      left: [],
    },
    { case: 'a paper never posted in the channel', change: { posted: new Map([[B.id, digest]]) }, left: [B.id] },
  ])('leaves out $case', ({ change, left }) => {
    expect(ids(channelVenueLines({ ...base, ...change }))).toEqual(left);
  });

  it('tells a paper that changed venue twice since its latest venue only', () => {
    const events = [event(A.id, 'ICLR 2026', '2026-11-25T10:00:00.000Z'), event(A.id, 'NeurIPS 2026', WED, 3)];
    expect(latestEvents(events)).toEqual([events[1]]);
    expect(channelVenueLines({ ...base, events }).map((l) => [l.venue, l.version])).toEqual([['NeurIPS 2026', 3]]);
  });

  it('links a later message of a thread or forum digest inside its thread', () => {
    const inThread = posted([A.id, B.id], { threadId: '900000000000000001', openThread: true });
    const lines = channelVenueLines({ ...base, posted: new Map([[B.id, inThread]]) });
    expect(lines[0]?.url).toBe(`https://discord.com/channels/${GUILD}/900000000000000001/900000000000000002`);
  });
});

describe('savedVenueLines', () => {
  const saved = (paperId: string, at: string) => ({ paperId, at, guildId: GUILD });

  it('names saved papers whose venue came after they were saved, linked to arXiv, once per venue', () => {
    const input = {
      events: [event(A.id, 'NeurIPS 2026', WED), event(B.id, 'ICML 2027', WED, 3)],
      papers: papers(A, B),
      saved: [saved(A.id, '2026-11-24T08:00:00.000Z'), saved(B.id, '2026-11-25T13:00:00.000Z')],
      claimed: new Map<string, Set<string>>(),
    };
    expect(savedVenueLines(input)).toEqual([
      { paperId: A.id, title: 'Paper A', venue: 'NeurIPS 2026', version: 2, url: 'https://arxiv.org/abs/2611.01000' },
    ]);
    expect(savedVenueLines({ ...input, claimed: new Map([[A.id, new Set(['NeurIPS 2026'])]]) })).toEqual([]);
  });
});

describe('renderVenueUpdate', () => {
  const line = (n: number, title = `A paper title that goes on for a while, number ${n}`): VenueLine => ({
    paperId: `2611.0${1000 + n}`,
    title,
    venue: 'NeurIPS 2026',
    version: 2,
    url: `https://discord.com/channels/${GUILD}/${CHANNEL}/9000000000000000${String(n).padStart(2, '0')}`,
  });

  it('fits one message, names how many wait for the next update, and carries only the papers it shows', () => {
    const lines = Array.from({ length: 40 }, (_, n) => line(n, `${'Long title words '.repeat(10)}${n}`));
    const { body, paperIds } = renderVenueUpdate({ audience: 'channel', date: '2026-11-25', lines }, 'key');
    expect(validateMessage(body)).toEqual([]);
    expect(body.content!.length).toBeLessThanOrEqual(2000);
    expect(paperIds.length).toBeGreaterThan(3);
    expect(paperIds).toEqual(lines.slice(0, paperIds.length).map((l) => l.paperId));
    expect(body.content!.split('\n').at(-1)).toBe(`…and ${40 - paperIds.length} more in the next update.`);
    expect(body.nonce).toHaveLength(25);
    expect(body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] }, embeds: [] });
  });

  it('keeps untrusted titles and venues inert: no pings, no links, no bold breaking out', () => {
    const hostile = {
      ...line(1, '**Bold** [click](https://evil.example) @everyone <@&123>'),
      venue: 'NeurIPS](https://evil.example) @here',
    };
    const { body } = renderVenueUpdate({ audience: 'saved', date: '2026-11-25', lines: [hostile] }, 'key');
    const text = body.content!.split('\n')[1]!;
    expect(text).toBe(
      '**\\*\\*Bold\\*\\* \\[click\\](https://evil.example) @\u200Beveryone <\u200B@&123>** — now accepted at ' +
        `**NeurIPS\\](https://evil.example) @\u200Bhere** (v2) — [arXiv](<${hostile.url}>)`,
    );
  });

  it('is the same message for the same update: the nonce lets a resend after a crash find the first', () => {
    const plan = { audience: 'channel' as const, date: '2026-11-25', lines: [line(1)] };
    expect(renderVenueUpdate(plan, 'k')).toEqual(renderVenueUpdate(plan, 'k'));
    expect(renderVenueUpdate(plan, 'k').body.nonce).not.toBe(renderVenueUpdate(plan, 'k2').body.nonce);
  });
});

describe('venueUpdatesOn', () => {
  it.each([
    [null, true],
    [{}, true],
    [{ venueUpdates: true }, true],
    [{ venueUpdates: false }, false],
  ])('%j → %s', (settings, on) => {
    expect(venueUpdatesOn(settings)).toBe(on);
  });
});

/** Discord at the Poster edge: DMs open to one channel per member, posts recorded. */
class RecordingPoster implements Poster {
  readonly posts: Array<{ channelId: string; body: MessageBody }> = [];
  channelKind(): Promise<ChannelKind> {
    return Promise.resolve('text');
  }
  postMessage(channelId: string, body: MessageBody): Promise<string> {
    this.posts.push({ channelId, body });
    return Promise.resolve(String(900000000000000000n + BigInt(this.posts.length)));
  }
  startThread(): Promise<string> {
    return Promise.reject(new Error('no threads in these tests'));
  }
  createForumPost(): Promise<string> {
    return Promise.reject(new Error('no forums in these tests'));
  }
  findForumPost(): Promise<string | null> {
    return Promise.resolve(null);
  }
  openDm(userId: string): Promise<string> {
    return Promise.resolve(`dm-${userId}`);
  }
  notifyModerators(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

describe('a member’s update of their saved papers', () => {
  const USER = '420000000000000001';
  const DM = `dm-${USER}`;

  it('comes after their follow DM on the server’s schedule, once per paper and venue', async () => {
    const store = createMemoryStore();
    let now = new Date('2026-11-24T12:00:00Z');
    const poster = new RecordingPoster();
    const runner = new DigestRunner({
      store,
      poster,
      render: renderPlan,
      renderUpdate: renderVenueUpdate,
      settingsFor: (guildId, stored) =>
        stored ?? {
          guildId,
          schedule: '0 8 * * *',
          timezone: 'UTC',
          abstractLength: 300,
          maxPapers: 25,
          changed: null,
        },
      now: () => now,
      log: silentLogger,
    });
    const at = (iso: string) => ({ at: new Date(iso) });
    await store.archive.upsert(
      [makeRecord({ id: A.id, title: 'Paper A', announced: '2026-11-24' })],
      at('2026-11-24T06:00:00Z'),
    );
    await store.state.updateGuild(GUILD, (g) => {
      g.followers = [USER];
    });
    await store.state.updateMember(USER, (m) => {
      m.follows.push({ id: 'f1', guildId: GUILD, author: 'Nobody Here', query: null, categories: [], createdAt: '' });
      m.saved.push({ paperId: A.id, at: '2026-11-24T09:00:00.000Z', guildId: GUILD });
    });

    // Tuesday: nothing new of the saved paper, and the follow matches nothing: no DM at all.
    await runner.runFollowers(GUILD, '2026-11-24');
    expect(poster.posts).toEqual([]);

    // Wednesday: v2 accepted at NeurIPS. The update is a DM of its own, after the (empty) follow DM.
    now = new Date('2026-11-25T12:00:00Z');
    await store.archive.upsert([makeRecord({ ...A, announced: null, announceType: null })], at('2026-11-25T06:00:00Z'));
    expect((await runner.runFollowers(GUILD, '2026-11-25')).get(USER)).toEqual({ status: 'nothing-new' });
    expect(poster.posts.map((p) => [p.channelId, p.body.content])).toEqual([
      [
        DM,
        '🎓 **Now accepted** — papers you saved · 2026-11-25\n' +
          '**Paper A** — now accepted at **NeurIPS 2026** (v2) — [arXiv](<https://arxiv.org/abs/2611.01000>)',
      ],
    ]);
    const [update] = await store.delivery.digestsOn(memberGuild(USER), '2026-11-25');
    expect(update).toMatchObject({ topicSlug: '~venue', status: 'sent', paperIds: [] });

    // Again the same day, and the next day: told once.
    await runner.runFollowers(GUILD, '2026-11-25');
    now = new Date('2026-11-26T12:00:00Z');
    await runner.runFollowers(GUILD, '2026-11-26');
    expect(poster.posts).toHaveLength(1);
    // The member's DM dates are a follow's business: the update leaves them alone.
    expect((await store.state.getMember(USER)).dmDates).toEqual({ [GUILD]: '2026-11-26' });
  });
});
