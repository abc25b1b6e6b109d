/**
 * Mention and markdown injection end to end: papers whose titles, abstracts, authors and comments
 * carry pings, mentions, masked links, headings, quotes, code fences, spoilers and look-alikes,
 * under a topic whose name carries the same, go through a real digest, `/digest today`,
 * `/paper search`, `/paper show` (and its "Post in channel"), `/topic show` and `/topic list`.
 * Every message body the fake Discord received is checked: nothing pings beyond the subscription's
 * role, and nothing from the untrusted text is live markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakePaper } from '../fakes/fake-arxiv.js';
import { startBotWorld, subscription, topic, type BotWorld } from '../helpers/bot.js';
import { customIds } from '../commands/paper-digest-world.js';
import { liveInjections, mentionProblems, messageText, sentMessages, type SentMessage } from './payloads.js';
import { FIXTURE, MEMBER, MOD, answer, registerAll, slash, twoGuilds } from './world.js';

const MONDAY = {
  pubDate: 'Mon, 23 Nov 2026 00:00:00 -0500',
  noon: '2026-11-23T17:00:00Z',
  date: '2026-11-23',
} as const;
const ROLE = FIXTURE.moderatorRole;
const EVIL_ID = '123456789012345678';

/** Hostile pieces; each paper below puts some of them in every untrusted field. */
const PIECES = [
  '@everyone',
  '@here',
  `<@${EVIL_ID}>`,
  `<@!${EVIL_ID}>`,
  `<@&${EVIL_ID}>`,
  `<@&${ROLE}>`,
  `<#${EVIL_ID}>`,
  `</paper search:${EVIL_ID}>`,
  '<t:1700000000:R>',
  '<a:dance:456>',
  '[masked](https://evil.example/login)',
  '[spaced] (https://evil.example)',
  '<https://evil.example/angle>',
  '||spoiler||',
  '```js\nalert(1)\n```',
  '`inline`',
  '**bold** __under__ ~~strike~~',
  '@\u200Beveryone',
  '\uFF20everyone',
  '@\u2060here',
  'evil.example/login',
] as const;

/** Pieces that only count at the start of a line. */
const LINE_START = [
  '# heading',
  '## heading',
  '-# subtext',
  '> quote',
  '>>> block quote',
  '1. numbered',
  '- bullet',
] as const;

function hostilePaper(n: number): FakePaper {
  const piece = (k: number) => PIECES[(n * 3 + k) % PIECES.length] ?? '';
  const start = (k: number) => LINE_START[(n + k) % LINE_START.length] ?? '';
  return {
    id: `2611.0${3000 + n}v1`,
    title: `${start(0)} ${piece(0)} contrastive ${piece(1)}`,
    abstract: `${start(1)} ${piece(2)}\n${start(2)} contrastive learning ${piece(3)}\n\n${start(3)} ${piece(4)} ${piece(5)}.`,
    authors: [`${start(4)} ${piece(6)}`, piece(7), `Ada ${piece(8)}`],
    categories: ['cs.LG'],
    comment: `Accepted at NeurIPS 2026 ${piece(9)} ${piece(10)}`,
    published: '2026-11-22T18:00:00Z',
  };
}

const PAPERS = Array.from({ length: 14 }, (_, n) => hostilePaper(n));
const TOPIC_NAME = `# @everyone [evil](https://evil.example) <@&${EVIL_ID}> ||x|| \`\`\`y\`\`\``;

/** Mentions the bot writes itself: the subscription's role, and "Shared by" the member who shared. */
const CHANGED = topic(FIXTURE.guildId).changed;
const OWN = {
  allowedMentions: [
    `<@&${ROLE}>`,
    `<@${MEMBER.id}>`,
    `<@${MOD.id}>`,
    `<#${FIXTURE.text}>`,
    `<@${CHANGED?.by}>`,
    `<t:${Date.parse(CHANGED?.at ?? '') / 1000}:R>`,
  ],
  linkHosts: ['arxiv.org', 'github.com'],
};

let world: BotWorld;
let messages: SentMessage[] = [];

beforeAll(async () => {
  world = await startBotWorld({
    ...twoGuilds,
    now: MONDAY.noon,
    seed: (guildId) => ({
      topics: [topic(guildId, { slug: 'evil', name: TOPIC_NAME, query: '' })],
      subscriptions: [subscription(guildId, { topicSlug: 'evil', mentionRoleId: ROLE })],
    }),
  });
  await registerAll(world);
  world.serveListing('cs.LG', MONDAY.pubDate, PAPERS);
  await world.bot.app.runGuild(FIXTURE.guildId);

  await slash(world, 'digest', 'today');
  await slash(world, 'digest', 'today', { topic: 'evil', date: MONDAY.date });
  const found = await slash(world, 'paper', 'search', { query: 'contrastive', scope: 'all' });
  // Page 2 and one paper opened from the select, as the member clicks them.
  const next = customIds(found).find((id) => id.startsWith('paper:p:1:'));
  const open = customIds(found).find((id) => id.startsWith('paper:o:'));
  if (next)
    await answer(
      world,
      await world.discord.button({ channelId: FIXTURE.text, messageId: found.id, customId: next, user: MEMBER }),
    );
  if (open)
    await answer(
      world,
      await world.discord.select({
        channelId: FIXTURE.text,
        messageId: found.id,
        customId: open,
        values: ['2611.03002'],
        user: MEMBER,
      }),
    );
  const shown = await slash(world, 'paper', 'show', { id: '2611.03001' });
  const share = customIds(shown).find((id) => id.startsWith('paper:s:'));
  if (share)
    await answer(
      world,
      await world.discord.button({ channelId: FIXTURE.text, messageId: shown.id, customId: share, user: MEMBER }),
    );
  await slash(world, 'topic', 'show', { slug: 'evil' });
  await slash(world, 'topic', 'list');
  await slash(world, 'subscription', 'list');
  await slash(
    world,
    'topic',
    'add',
    { slug: 'evil2', name: TOPIC_NAME, categories: 'cs.LG', query: 'contrastive' },
    { user: MOD },
  );
  await slash(world, 'topic', 'edit', { slug: 'evil2', name: `${TOPIC_NAME} again` }, { user: MOD });
  messages = sentMessages(world.discord);
}, 60_000);
afterAll(async () => {
  await world.stop();
});

describe('untrusted text stays inert in everything the bot sends', () => {
  it('went through every path: digest, /digest today, /paper search, paging, select, /paper show, share, /topic show, lists, confirmations', () => {
    const where = (pattern: RegExp) => messages.filter((m) => pattern.test(m.where));
    const digest = where(new RegExp(`^POST /channels/${FIXTURE.text}/messages$`));
    // The digest itself, its shared paper, and nothing else in the channel.
    expect(digest.length).toBeGreaterThanOrEqual(2);
    expect(digest[0]?.content).toContain(`<@&${ROLE}>`);
    const papersInDigest = digest
      .flatMap((m) => m.embeds)
      .filter((e) => e.url?.startsWith('https://arxiv.org/abs/2611.03'));
    expect(new Set(papersInDigest.map((e) => e.url)).size).toBe(PAPERS.length);
    expect(where(/^POST \/interactions\//).length + where(/^PATCH \/webhooks\//).length).toBeGreaterThanOrEqual(10);
    // The hostile text did arrive (escaped), so the checks below look at it.
    const all = messages.map(messageText).join('\n');
    expect(all).toContain('evil.example');
    expect(all).toContain('\\# heading');
    expect(all).toContain('spoiler');
  });

  it('allows no pings but the subscription’s role, in every message', () => {
    expect(messages.length).toBeGreaterThan(10);
    expect(messages.flatMap((m) => mentionProblems(m, [ROLE]))).toEqual([]);
    // Only the digest's header may ping the role; replies and shares ping no one.
    const pinging = messages.filter(
      (m) => ((m.allowedMentions as { roles?: unknown[] } | undefined)?.roles ?? []).length > 0,
    );
    expect(pinging.map((m) => m.where)).toEqual([`POST /channels/${FIXTURE.text}/messages`]);
  });

  it('has no live mention, masked link, heading, subtext, quote, code fence or spoiler from untrusted text', () => {
    expect(messages.flatMap((m) => liveInjections(m, OWN))).toEqual([]);
  });

  it('pings the role only from the digest header; everywhere else it is named without a ping', () => {
    const named = messages.filter((m) => messageText(m).includes(`<@&${ROLE}>`));
    const pinging = named.filter((m) => ((m.allowedMentions as { roles?: unknown[] }).roles ?? []).includes(ROLE));
    expect(pinging.map((m) => m.where)).toEqual([`POST /channels/${FIXTURE.text}/messages`]);
    expect(pinging[0]?.content.split(`<@&${ROLE}>`).length).toBe(2);
    // The /subscription list names it too, and the paper text carried it: neither may ping.
    expect(named.length).toBeGreaterThan(pinging.length);
  });
});

describe('the checks themselves', () => {
  const message = (content: string, embed: Record<string, unknown> = {}): SentMessage => ({
    where: 'test',
    content,
    embeds: [embed],
    allowedMentions: { parse: [] },
  });

  it.each([
    ['@everyone', '@everyone/@here'],
    [`hi <@${EVIL_ID}>`, 'mention'],
    ['[x](https://evil.example)', 'masked link'],
    ['a\n# heading', 'block markup'],
    ['-# small', 'block markup'],
    ['> quote', 'block markup'],
    ['```x```', 'code fence'],
    ['||boo||', 'spoiler'],
  ])('catch %j', (content, problem) => {
    expect(liveInjections(message(content), OWN).join()).toContain(problem);
    expect(liveInjections(message('', { description: content }), OWN).join()).toContain(problem);
  });

  it.each([
    '@\u200Beveryone',
    '\\[x\\](https://evil.example)',
    '\\# heading',
    '\\-# small',
    '\\> quote',
    '\\`\\`\\`x\\`\\`\\`',
    '\\|\\|boo\\|\\|',
    '[paper](https://arxiv.org/abs/2611.03001)',
  ])('let inert %j pass', (content) => {
    expect(liveInjections(message(content), OWN)).toEqual([]);
  });

  it.each([
    [undefined, 'no allowed_mentions'],
    [{ parse: ['everyone'] }, 'parse'],
    [{ parse: [], users: ['1'] }, 'users'],
    [{ parse: [], roles: [EVIL_ID] }, 'role'],
  ])('catch allowed_mentions %j', (allowedMentions, problem) => {
    expect(mentionProblems({ ...message('x'), allowedMentions }, [ROLE]).join()).toContain(problem);
  });
});
