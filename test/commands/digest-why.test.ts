/**
 * `/digest why id:` end to end: a real run posts (and Discord refuses) digests in the fake Discord from the fake
 * arXiv's listing; then a moderator asks why, and gets one ephemeral embed with a field per subscription.
 */
import { describe, expect, it } from 'vitest';
import type { FakeMessage } from '../fakes/fake-discord.js';
import { FIXTURE, subscription, topic, type BotWorld } from '../helpers/bot.js';
import {
  LIBRARY,
  MEMBER,
  MODERATOR,
  MONDAY,
  TUESDAY,
  answer,
  assertClean,
  command,
  paper,
  postDay,
  useCommandWorld,
} from './paper-digest-world.js';

const start = useCommandWorld();

const PAUSED = { reason: 'Missing Access (50001)', at: '2026-11-20T00:00:00.000Z', notified: true };

/** Contrastive (cap 1) in the text channel, graphs in the announcement channel (refused), contrastive paused in the forum. */
async function world(): Promise<BotWorld> {
  const w = await start({
    now: MONDAY.noon,
    seed: (guildId) => ({
      topics: [
        topic(guildId, { slug: 'contrastive', name: 'Contrastive learning', query: 'contrastive' }),
        topic(guildId, { slug: 'graphs', name: 'Graph learning', query: 'graph OR graphs', updates: true }),
      ],
      subscriptions: [
        subscription(guildId, { topicSlug: 'contrastive', channelId: FIXTURE.text, maxPapers: 1 }),
        subscription(guildId, { topicSlug: 'graphs', channelId: FIXTURE.announcement }),
        subscription(guildId, { topicSlug: 'contrastive', channelId: FIXTURE.forum, paused: PAUSED }),
      ],
    }),
  });
  w.discord.fail({
    method: 'POST',
    path: `/channels/${FIXTURE.announcement}/messages`,
    status: 400,
    code: 50035,
    message: 'Invalid Form Body',
  });
  await postDay(w, MONDAY, LIBRARY);
  return w;
}

async function why(w: BotWorld, id: string, user: { id: string; roles?: string[] } = MODERATOR): Promise<FakeMessage> {
  return answer(w, await command(w, 'digest', 'why', { id }, { user }));
}

type Field = { name: string; value: string };
const fields = (message: FakeMessage): Field[] => (message.embeds[0]?.['fields'] as Field[] | undefined) ?? [];
const fieldIn = (message: FakeMessage, channelId: string): string =>
  fields(message).find((f) => f.value.startsWith(`<#${channelId}>`))?.value ?? '';

describe('/digest why', () => {
  it('explains each subscription: posted with a link, capped, refused, not matched, paused', async () => {
    const w = await world();
    const [posted] = w.discord.messages(FIXTURE.text);
    const requests = w.arxiv.requests.length;
    // Papers 3 and 4 match contrastive (cap 1): one is posted, one left out by the cap.
    const answers = [await why(w, '2611.02003'), await why(w, 'arXiv:2611.02004v1')];
    for (const message of answers) {
      expect(message.ephemeral).toBe(true);
      expect(fields(message).map((f) => f.name)).toEqual([
        'Contrastive learning (contrastive)',
        'Graph learning (graphs)',
        'Contrastive learning (contrastive)',
      ]);
    }
    const texts = answers.map((m) => fieldIn(m, FIXTURE.text));
    const link = `https://discord.com/channels/${FIXTURE.guildId}/${FIXTURE.text}/${posted?.id}`;
    expect(texts.filter((t) => t.includes(`[Jump to the message](${link})`))).toHaveLength(1);
    expect(
      texts.filter((t) => t.includes('Left out by the cap') && t.includes('it ranked 2, and the digest took 1')),
    ).toHaveLength(1);
    for (const t of texts) expect(t).toContain('Matched the topic on contrastive.');

    const [first] = answers;
    expect(first?.embeds[0]?.['title']).toBe('Why 2611.02003v1: Contrastive pretraining of vision transformers');
    expect(first?.embeds[0]?.['description']).toBe(`In the listing of ${MONDAY.date} as new (v1).`);
    expect(fieldIn(first!, FIXTURE.forum)).toContain('Waiting: the subscription is paused since 2026-11-20');
    expect(fieldIn(first!, FIXTURE.forum)).toContain('Missing Access (50001)');

    // Paper 2: graphs matched it, Discord refused the message; contrastive did not match.
    const two = await why(w, '2611.02002');
    expect(fieldIn(two, FIXTURE.announcement)).toMatch(
      /Matched the topic on graph, graphs\.\nDiscord refused the message of the 2026-11-23 digest of graphs that carried it/,
    );
    expect(fieldIn(two, FIXTURE.text)).toBe(
      `<#${FIXTURE.text}>\nDid not match the query (not found: contrastive).\nNot posted: the topic does not want it.`,
    );
    // All of it from the database: arXiv was not asked.
    expect(w.arxiv.requests.length).toBe(requests);
    assertClean(w);
  });

  it('says a new version was skipped as already posted', async () => {
    const w = await world();
    const posted = w.discord.messages(FIXTURE.text)[0]?.embeds[0]?.['url'] as string;
    const postedId = /abs\/(\d{4}\.\d{5})/.exec(posted)?.[1] ?? '';
    const original = LIBRARY.find((p) => p.id.startsWith(postedId))!;
    await postDay(w, TUESDAY, [{ ...original, id: `${postedId}v2`, announceType: 'replace' }]);
    const message = await why(w, postedId);
    expect(message.embeds[0]?.['description']).toBe(`In the listing of ${TUESDAY.date} as replace (v2).`);
    expect(fieldIn(message, FIXTURE.text)).toMatch(
      new RegExp(
        `Did not match: it was announced as a new version, and the topic has updates off\\.\\nNot posted again: an earlier version was posted on ${MONDAY.date}.*version 2 \\(announced ${TUESDAY.date}\\).*\\[Jump to the message\\]`,
      ),
    );
    assertClean(w);
  });

  it('looks an unknown paper up on arXiv (deferred), and says when arXiv does not know it', async () => {
    const w = await world();
    const elsewhere = paper(9, { title: 'Contrastive learning elsewhere', abstract: 'Never in a listing.' });
    w.serveListing('cs.LG', MONDAY.pubDate, [...LIBRARY, elsewhere]);
    const handle = await command(w, 'digest', 'why', { id: '2611.02009' }, { user: MODERATOR });
    const message = await answer(w, handle);
    expect((await handle.response()).type).toBe(5);
    expect(message.embeds[0]?.['description']).toBe(
      'Not in the archive: no listing Paperboy ingested had it (looked up on arXiv now).',
    );
    expect(fieldIn(message, FIXTURE.text)).toContain('Matched the topic on contrastive.');
    expect(fieldIn(message, FIXTURE.text)).toContain('Not posted: it was never in a listing Paperboy ingested.');

    const unknown = await why(w, '2611.09999');
    expect(unknown.embeds[0]?.['title']).toBe('Why 2611.09999');
    expect(unknown.embeds[0]?.['description']).toBe(
      'arXiv has no paper 2611.09999, and the archive has never seen it.',
    );
    expect(fields(unknown)).toEqual([]);
    assertClean(w);
  });

  it.each([
    [
      'a member without Manage Server',
      MEMBER,
      '2611.02003',
      'Only members with the **Manage Server** permission can do that.',
    ],
    [
      'an id that is not one',
      MODERATOR,
      'not-an-id',
      '`not-an-id` is not an arXiv id. Try `2205.14459` or `arXiv:2205.14459v2`.',
    ],
  ])('refuses %s, ephemerally, asking arXiv nothing', async (_name, user, id, text) => {
    const w = await world();
    const before = w.arxiv.requests.length;
    const message = await why(w, id, user);
    expect(message.ephemeral).toBe(true);
    expect(message.content).toBe(text);
    expect(w.arxiv.requests.length).toBe(before);
    assertClean(w);
  });
});
