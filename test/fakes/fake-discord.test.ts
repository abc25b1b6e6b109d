import { once } from 'node:events';
import {
  ChannelType,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  PermissionFlagsBits,
  Routes,
  type ForumChannel,
  type Message,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVERYONE_PERMISSIONS } from './fake-discord.js';
import { FIXTURE, rejectionOf, textChannel, useFakeDiscord } from './fake-discord-harness.js';

const start = useFakeDiscord();
const { guildId: GUILD, text: TEXT } = FIXTURE;

function apiError(error: unknown): { status: number; code: number | string } {
  expect(error).toBeInstanceOf(DiscordAPIError);
  const e = error as DiscordAPIError;
  return { status: e.status, code: e.code };
}

describe('FakeDiscord REST: messages', () => {
  it('records channel.send with embeds and allowed_mentions, with rate-limit headers on the answer', async () => {
    const { fake, client } = await start();
    const seen: Record<string, string | null>[] = [];
    client.rest.on('response', (_request, response) => {
      seen.push({
        limit: response.headers.get('x-ratelimit-limit'),
        remaining: response.headers.get('x-ratelimit-remaining'),
        bucket: response.headers.get('x-ratelimit-bucket'),
        resetAfter: response.headers.get('x-ratelimit-reset-after'),
      });
    });
    const embed = new EmbedBuilder()
      .setTitle('Contrastive learning at scale')
      .setURL('https://arxiv.org/abs/2205.14459')
      .setDescription('We study…')
      .addFields({ name: 'Venue', value: 'NeurIPS 2022' });
    const sent = await textChannel(client).send({ content: 'Daily digest', embeds: [embed] });

    const [stored] = fake.messages(TEXT);
    expect(stored?.id).toBe(sent.id);
    expect(stored?.content).toBe('Daily digest');
    expect(stored?.embeds[0]).toMatchObject({
      title: 'Contrastive learning at scale',
      fields: [{ name: 'Venue', value: 'NeurIPS 2022' }],
    });
    expect(stored?.allowedMentions).toEqual({ parse: [] });
    expect(sent.embeds[0]?.url).toBe('https://arxiv.org/abs/2205.14459');
    expect(seen.at(-1)).toMatchObject({ limit: '1000', remaining: '999' });
    expect(seen.at(-1)?.bucket).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(seen.at(-1)?.resetAfter)).toBeGreaterThan(0);
  });

  it('returns the original message for a repeated nonce with enforceNonce', async () => {
    const { fake, client } = await start();
    const channel = textChannel(client);
    const first = await channel.send({ content: 'digest part 1', nonce: 'sub1:2024-05-01:0', enforceNonce: true });
    const second = await channel.send({ content: 'digest part 1', nonce: 'sub1:2024-05-01:0', enforceNonce: true });
    const other = await channel.send({ content: 'digest part 2', nonce: 'sub1:2024-05-01:1', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(fake.messages(TEXT).map((m) => m.content)).toEqual(['digest part 1', 'digest part 2']);
  });

  it('forgets a nonce after the window, measured by the injected clock', async () => {
    let now = Date.UTC(2024, 4, 1, 14, 0);
    const { fake, client } = await start({ clock: () => now, nonceWindowMs: 60_000 });
    const channel = textChannel(client);
    const first = await channel.send({ content: 'x', nonce: 'n1', enforceNonce: true });
    now += 61_000;
    const later = await channel.send({ content: 'x', nonce: 'n1', enforceNonce: true });
    expect(later.id).not.toBe(first.id);
    expect(later.createdTimestamp).toBe(now);
    expect(fake.messages(TEXT)).toHaveLength(2);
  });

  it('keeps a timed-out and retried send to one message thanks to the nonce', async () => {
    const { fake, client } = await start({}, { rest: { timeout: 300, retries: 1 } });
    // The first attempt reaches Discord and creates the message, but its answer never arrives.
    fake.fail({ method: 'POST', path: `/channels/${TEXT}/messages`, hang: true, applyFirst: true });
    const sent = await textChannel(client).send({ content: 'once', nonce: 'sub1:d1:0', enforceNonce: true });
    expect(fake.requestsTo('POST', `/channels/${TEXT}/messages`).map((r) => r.outcome)).toEqual(['hung', 'answered']);
    expect(fake.messages(TEXT).map((m) => m.id)).toEqual([sent.id]);
  });

  it('without a nonce the same retry posts a duplicate', async () => {
    const { fake, client } = await start({}, { rest: { timeout: 300, retries: 1 } });
    fake.fail({ method: 'POST', path: `/channels/${TEXT}/messages`, hang: true, applyFirst: true });
    await textChannel(client).send({ content: 'twice' });
    expect(fake.messages(TEXT).map((m) => m.content)).toEqual(['twice', 'twice']);
  });

  it('rejects an over-limit embed total with DiscordAPIError 50035', async () => {
    const { fake, client } = await start();
    // Each embed is within its own limits; together they pass 6000 characters.
    const embeds = [0, 1].map((i) => new EmbedBuilder().setTitle(`Paper ${i}`).setDescription('x'.repeat(3000)));
    const error = await rejectionOf(textChannel(client).send({ embeds }));
    expect(apiError(error)).toEqual({ status: 400, code: 50035 });
    expect((error as Error).message).toContain('MAX_EMBED_SIZE_EXCEEDED');
    expect(fake.violations.at(-1)?.errors).toEqual([
      { path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' },
    ]);
    expect(fake.messages(TEXT)).toHaveLength(0);
  });

  it('counts embed text after trimming whitespace', async () => {
    const { client } = await start();
    const padded = { title: `   ${'t'.repeat(256)}   `, description: `${'d'.repeat(3000)}\n\n\n` };
    await expect(client.rest.post(Routes.channelMessages(TEXT), { body: { embeds: [padded] } })).resolves.toBeTruthy();
  });

  const button = (custom_id: string, label = 'b'): object => ({ type: 2, style: 1, label, custom_id });
  const row = (...components: object[]): object => ({ type: 1, components });

  it.each([
    ['content over 2000', { content: 'a'.repeat(2001) }, 50035, 'content'],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 50035, 'embeds'],
    ['title over 256', { embeds: [{ title: 't'.repeat(257) }] }, 50035, 'embeds.0.title'],
    ['description over 4096', { embeds: [{ description: 'd'.repeat(4097) }] }, 50035, 'embeds.0.description'],
    [
      '26 fields',
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      50035,
      'embeds.0.fields',
    ],
    ['blank field value', { embeds: [{ fields: [{ name: 'Venue', value: ' ' }] }] }, 50035, 'embeds.0.fields.0.value'],
    [
      'field name over 256',
      { embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }] },
      50035,
      'embeds.0.fields.0.name',
    ],
    [
      'field value over 1024',
      { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] },
      50035,
      'embeds.0.fields.0.value',
    ],
    ['footer over 2048', { embeds: [{ footer: { text: 'f'.repeat(2049) } }] }, 50035, 'embeds.0.footer.text'],
    ['author over 256', { embeds: [{ author: { name: 'a'.repeat(257) } }] }, 50035, 'embeds.0.author.name'],
    ['url without scheme', { embeds: [{ title: 't', url: 'github.com/x' }] }, 50035, 'embeds.0.url'],
    ['nonce over 25', { content: 'x', nonce: 'n'.repeat(26) }, 50035, 'nonce'],
    ['6 action rows', { components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))) }, 50035, 'components'],
    [
      '6 buttons in a row',
      { components: [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))] },
      50035,
      'components.0.components',
    ],
    [
      'custom_id over 100',
      { components: [row(button('c'.repeat(101)))] },
      50035,
      'components.0.components.0.custom_id',
    ],
    [
      'button label over 80',
      { components: [row(button('c', 'l'.repeat(81)))] },
      50035,
      'components.0.components.0.label',
    ],
    [
      '26 select options',
      {
        components: [
          row({
            type: 3,
            custom_id: 's',
            options: Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `${i}` })),
          }),
        ],
      },
      50035,
      'components.0.components.0.options',
    ],
    [
      'duplicate custom_id',
      { components: [row(button('same'), button('same'))] },
      50035,
      'components.0.components.1.custom_id',
    ],
    [
      'parse with explicit users',
      { content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } },
      50035,
      'allowed_mentions',
    ],
    ['whitespace-only message', { content: '   ' }, 50006, null],
    ['nothing at all', {}, 50006, null],
    ['valid message', { content: 'ok', embeds: [{ title: 't', fields: [{ name: 'n', value: 'v' }] }] }, null, null],
  ] as const)('validates %s', async (_name, body, code, path) => {
    const { fake, client } = await start();
    const result = await client.rest.post(Routes.channelMessages(TEXT), { body }).then(
      () => null,
      (error: unknown) => error,
    );
    if (code === null) {
      expect(result).toBeNull();
      expect(fake.messages(TEXT)).toHaveLength(1);
      return;
    }
    expect(apiError(result)).toEqual({ status: 400, code });
    if (path !== null) expect(fake.violations.at(-1)?.errors.map((e) => e.path)).toContain(path);
    expect(fake.messages(TEXT)).toHaveLength(0);
  });

  it('fetches, edits and deletes messages, validating edits', async () => {
    const { fake, client } = await start();
    const channel = textChannel(client);
    const sent: Message[] = [];
    for (const content of ['one', 'two', 'three']) sent.push(await channel.send(content));
    const fetched = await channel.messages.fetch({ limit: 2, cache: false });
    expect([...fetched.values()].map((m) => m.content)).toEqual(['three', 'two']);
    const one = sent[0];
    if (!one) throw new Error('nothing sent');
    const edited = await one.edit({ content: 'one (edited)' });
    expect(edited.editedTimestamp).not.toBeNull();
    expect(fake.message(one.id)?.content).toBe('one (edited)');
    const tooLong = await rejectionOf(one.edit({ content: 'x'.repeat(2001) }));
    expect(apiError(tooLong)).toEqual({ status: 400, code: 50035 });
    const emptied = await rejectionOf(one.edit({ content: '' }));
    expect(apiError(emptied)).toEqual({ status: 400, code: 50006 });
    await one.delete();
    expect(fake.messages(TEXT).map((m) => m.content)).toEqual(['two', 'three']);
    expect(apiError(await rejectionOf(channel.messages.fetch({ message: one.id, force: true })))).toEqual({
      status: 404,
      code: 10008,
    });
  });

  it('accepts file uploads (multipart with payload_json)', async () => {
    const { fake, client } = await start();
    await textChannel(client).send({
      content: 'figure',
      files: [{ attachment: Buffer.from('png-bytes'), name: 'fig1.png' }],
    });
    const [stored] = fake.messages(TEXT);
    expect(stored?.content).toBe('figure');
    expect(stored?.attachments).toMatchObject([{ filename: 'fig1.png', size: 9 }]);
  });
});

describe('FakeDiscord REST: rate limits and faults', () => {
  it('waits out a 429 with Retry-After and then succeeds', async () => {
    const { fake, client } = await start();
    fake.fail({ method: 'POST', path: '/channels/:channel_id/messages', status: 429, retryAfter: 0.2 });
    const started = Date.now();
    await textChannel(client).send('after the limit');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(fake.count429('POST /channels/:channel_id/messages')).toBe(1);
    expect(fake.count429()).toBe(1);
    expect(fake.messages(TEXT)).toHaveLength(1);
  });

  it('counts 429 answers per request: a message sent again is the same request', async () => {
    const { fake, client } = await start();
    fake.fail({ method: 'POST', path: '/channels/:channel_id/messages', status: 429, retryAfter: 0.05, times: 2 });
    const channel = textChannel(client);
    await channel.send({ content: 'twice limited', nonce: 'n-1', enforceNonce: true });
    fake.fail({ method: 'POST', path: '/channels/:channel_id/messages', status: 429, retryAfter: 0.05 });
    await channel.send('once limited, no nonce');
    await channel.send('never limited');
    const counts = fake.rateLimitedRequests();
    expect([...counts.values()]).toEqual([2, 1]);
    expect([...counts.keys()][0]).toBe(`POST /channels/${FIXTURE.text}/messages n-1`);
    expect(fake.messages(FIXTURE.text).map((m) => m.content)).toEqual([
      'twice limited',
      'once limited, no nonce',
      'never limited',
    ]);
  });

  it('answers an exhausted bucket with 429 and real headers, and discord.js paces itself by them', async () => {
    const { fake, client } = await start({ rateLimits: { buckets: { channelMessages: { limit: 2, windowMs: 300 } } } });
    const url = `${fake.apiUrl}/v10/channels/${FIXTURE.announcement}/messages`;
    const post = (): Promise<Response> =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: `Bot ${fake.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'x' }),
      });
    await post();
    await post();
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.has('x-ratelimit-global')).toBe(false);
    expect(limited.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited.json()) as { message: string; retry_after: number; global: boolean };
    expect(body).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(body.retry_after).toBeLessThanOrEqual(0.3);
    expect(fake.count429('POST /channels/:channel_id/messages')).toBe(1);

    // discord.js reads Remaining/Reset-After and waits instead of hitting the limit.
    const started = Date.now();
    const channel = textChannel(client);
    await Promise.all([channel.send('1'), channel.send('2'), channel.send('3')]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(fake.count429()).toBe(1);
  });

  it('answers a global limit with X-RateLimit-Global and scope global', async () => {
    const { fake } = await start({ rateLimits: { global: { limit: 1, windowMs: 1000 } } });
    const get = (): Promise<Response> =>
      fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${fake.token}` } });
    await get();
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
    expect(((await limited.json()) as { global: boolean }).global).toBe(true);
  });

  it('answers 401 to a wrong token and 404 to unknown routes, with rate-limit headers on both', async () => {
    const { fake } = await start();
    const res = await fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    expect(res.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    const unknown = await fetch(`${fake.apiUrl}/v10/channels/${TEXT}/pins`, {
      headers: { authorization: `Bot ${fake.token}` },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(fake.unhandled.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /channels/${TEXT}/pins`]);
  });

  it('retries a 500 and succeeds', async () => {
    const { fake, client } = await start();
    const fault = fake.fail({ method: 'POST', path: `/channels/${TEXT}/messages`, status: 500, times: 2 });
    await textChannel(client).send('eventually');
    expect(fault.hits).toBe(2);
    expect(fake.requestsTo('POST', `/channels/${TEXT}/messages`).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives up after the retries on a persistent 500, and does not retry a reset connection', async () => {
    const { fake, client } = await start();
    fake.fail({ path: `/channels/${TEXT}/messages`, status: 500, times: 10 });
    const http = await rejectionOf(textChannel(client).send('x'));
    expect((http as Error).name).toBe('HTTPError');
    expect(fake.requestsTo('POST', `/channels/${TEXT}/messages`)).toHaveLength(4);

    fake.clearFaults();
    fake.fail({ path: `/channels/${TEXT}/messages`, reset: true });
    const reset = await rejectionOf(textChannel(client).send('y'));
    // undici reports "other side closed" (UND_ERR_SOCKET), which discord.js does not count as ECONNRESET.
    expect((reset as Error & { code?: string }).code).toBe('UND_ERR_SOCKET');
    expect(
      fake
        .requestsTo('POST', `/channels/${TEXT}/messages`)
        .map((r) => r.outcome)
        .slice(4),
    ).toEqual(['reset']);
  });

  it('throws DiscordAPIError for forbidden, hidden and unknown channels', async () => {
    const { fake, client } = await start();
    const cases = [
      [FIXTURE.forbidden, 403, 50013],
      [FIXTURE.hidden, 403, 50001],
      ['399999999999999999', 404, 10003],
    ] as const;
    for (const [id, status, code] of cases) {
      const error = await rejectionOf(client.rest.post(Routes.channelMessages(id), { body: { content: 'x' } }));
      expect(apiError(error)).toEqual({ status, code });
    }
    const forbidden = client.channels.cache.get(FIXTURE.forbidden);
    if (!forbidden?.isSendable()) throw new Error('not sendable');
    expect(apiError(await rejectionOf(forbidden.send('x')))).toEqual({ status: 403, code: 50013 });
    expect(fake.invalidRequestCount).toBe(3);
  });

  it('injects a fault with a custom code, a late answer, and a hang that the REST timeout ends', async () => {
    const { fake, client } = await start({}, { rest: { timeout: 300, retries: 0 } });
    fake.fail({ path: /\/channels\/\d+\/messages$/, status: 403, code: 50001 });
    expect(apiError(await rejectionOf(textChannel(client).send('x')))).toEqual({ status: 403, code: 50001 });

    fake.fail({ path: `/channels/${TEXT}/messages`, delayMs: 100 });
    const started = Date.now();
    await textChannel(client).send('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);

    fake.fail({ path: `/channels/${TEXT}/messages`, hang: true });
    const hung = await rejectionOf(textChannel(client).send('x'));
    expect((hung as Error).name).toBe('AbortError');
    expect(fake.messages(TEXT).map((m) => m.content)).toEqual(['late']);
  });

  it('registers commands by bulk overwrite, keeps ids stable and validates definitions', async () => {
    const { fake, client } = await start();
    const commands = [
      { name: 'ping', description: 'Ping' },
      { name: 'topic', description: 'Topics', options: [{ type: 1, name: 'list', description: 'List topics' }] },
    ];
    const first = await client.application?.commands.set(commands, GUILD);
    const second = await client.application?.commands.set(commands, GUILD);
    expect(first?.map((c) => c.name).sort()).toEqual(['ping', 'topic']);
    expect(second?.map((c) => c.id).sort()).toEqual(first?.map((c) => c.id).sort());
    expect(fake.commands(GUILD)).toHaveLength(2);
    expect(fake.commands()).toHaveLength(0);
    const bad = await rejectionOf(
      client.rest.put(Routes.applicationGuildCommands(fake.applicationId, GUILD), {
        body: [
          {
            name: 'Bad Name',
            description: 'x',
            options: [
              { type: 3, name: 'a', description: 'a' },
              { type: 3, name: 'b', description: 'b', required: true },
            ],
          },
        ],
      }),
    );
    expect(apiError(bad)).toEqual({ status: 400, code: 50035 });
    expect(fake.violations.at(-1)?.errors.map((e) => e.code)).toEqual([
      'APPLICATION_COMMAND_INVALID_NAME',
      'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
    ]);
  });
});

describe('FakeDiscord REST: threads and forums', () => {
  it('creates forum posts and refuses plain messages, missing tags and missing starters', async () => {
    const { fake, client } = await start();
    const forum = client.channels.cache.get(FIXTURE.forum) as ForumChannel;
    const thread = await forum.threads.create({
      name: 'cs.LG digest — 2024-05-01',
      message: { embeds: [{ title: 'Paper', description: 'Abstract' }] },
      appliedTags: [FIXTURE.tag],
    });
    expect(thread.parentId).toBe(FIXTURE.forum);
    const [starter] = fake.messages(thread.id);
    expect(starter?.id).toBe(thread.id);
    expect(starter?.embeds[0]?.['title']).toBe('Paper');
    expect(fake.threads(FIXTURE.forum).map((t) => t['name'])).toEqual(['cs.LG digest — 2024-05-01']);
    const active = await client.guilds.cache.get(GUILD)?.channels.fetchActiveThreads();
    expect(active?.threads.has(thread.id)).toBe(true);

    const direct = await rejectionOf(
      client.rest.post(Routes.channelMessages(FIXTURE.forum), { body: { content: 'x' } }),
    );
    expect(apiError(direct)).toEqual({ status: 400, code: 40058 });
    const tagged = client.channels.cache.get(FIXTURE.taggedForum) as ForumChannel;
    expect(apiError(await rejectionOf(tagged.threads.create({ name: 'x', message: { content: 'y' } })))).toEqual({
      status: 400,
      code: 40067,
    });
    const noMessage = await rejectionOf(client.rest.post(Routes.threads(FIXTURE.forum), { body: { name: 'x' } }));
    expect(apiError(noMessage)).toEqual({ status: 400, code: 50035 });
    expect(fake.violations.at(-1)?.errors.map((e) => e.path)).toEqual(['message']);
    const longName = await rejectionOf(
      client.rest.post(Routes.threads(FIXTURE.forum), { body: { name: 'n'.repeat(101), message: { content: 'x' } } }),
    );
    expect(fake.violations.at(-1)?.errors.map((e) => e.path)).toEqual(['name']);
    expect(apiError(longName).code).toBe(50035);
  });

  it('starts a thread from a message once (160004 the second time)', async () => {
    const { fake, client } = await start();
    const message = await textChannel(client).send('Digest header');
    const thread = await message.startThread({ name: 'Digest 2024-05-01' });
    expect(thread.id).toBe(message.id);
    expect(thread.type).toBe(ChannelType.PublicThread);
    await thread.send('Paper 1');
    expect(fake.messages(thread.id).map((m) => m.content)).toEqual(['Paper 1']);
    const again = await rejectionOf(client.rest.post(Routes.threads(TEXT, message.id), { body: { name: 'again' } }));
    expect(apiError(again)).toEqual({ status: 400, code: 160004 });

    const seeded = fake.seedMessage(FIXTURE.announcement, { content: 'news' });
    const news = (await client.rest.post(Routes.threads(FIXTURE.announcement, seeded.id), { body: { name: 'n' } })) as {
      type: number;
    };
    expect(news.type).toBe(ChannelType.AnnouncementThread);
  });

  it('creates a thread without a message in a text channel', async () => {
    const { fake, client } = await start();
    const thread = await textChannel(client).threads.create({ name: 'Weekly', type: ChannelType.PublicThread });
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(fake.channel(thread.id)?.['parent_id']).toBe(TEXT);
  });

  it('unarchives an archived thread on post and refuses a locked one', async () => {
    const { fake, client } = await start();
    await fake.updateChannel(FIXTURE.thread, { archived: true });
    await client.rest.post(Routes.channelMessages(FIXTURE.thread), { body: { content: 'revive' } });
    expect(fake.channel(FIXTURE.thread)?.['thread_metadata']).toMatchObject({ archived: false });
    await fake.updateChannel(FIXTURE.thread, { archived: true, locked: true });
    const locked = await rejectionOf(
      client.rest.post(Routes.channelMessages(FIXTURE.thread), { body: { content: 'x' } }),
    );
    expect(apiError(locked).code).toBe(160005);
  });
});

describe('FakeDiscord world changes', () => {
  it('pushes a permission change over the gateway and enforces it on REST', async () => {
    const { fake, client } = await start();
    const updated = once(client, Events.GuildRoleUpdate);
    await fake.updateRole(GUILD, GUILD, {
      permissions: DEFAULT_EVERYONE_PERMISSIONS & ~PermissionFlagsBits.SendMessages,
    });
    await updated;
    const me = client.user;
    if (!me) throw new Error('no user');
    expect(textChannel(client).permissionsFor(me)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(apiError(await rejectionOf(textChannel(client).send('x')))).toEqual({ status: 403, code: 50013 });
  });

  it('deletes a channel and removes the bot from a guild', async () => {
    const { fake, client } = await start();
    const deleted = once(client, Events.ChannelDelete);
    await fake.deleteChannel(FIXTURE.announcement);
    await deleted;
    expect(client.channels.cache.has(FIXTURE.announcement)).toBe(false);
    const gone = await rejectionOf(
      client.rest.post(Routes.channelMessages(FIXTURE.announcement), { body: { content: 'x' } }),
    );
    expect(apiError(gone)).toEqual({ status: 404, code: 10003 });

    const left = once(client, Events.GuildDelete);
    await fake.removeGuild(GUILD);
    await left;
    expect(client.guilds.cache.has(GUILD)).toBe(false);
    expect(apiError(await rejectionOf(client.rest.get(Routes.guild(GUILD))))).toEqual({ status: 404, code: 10004 });
  });

  it('closes quickly and leaves no socket behind, even with a request left hanging', async () => {
    const { fake, client, stop } = await start();
    fake.fail({ path: `/channels/${TEXT}/messages`, hang: true });
    const pending = textChannel(client)
      .send('never answered')
      .catch(() => undefined);
    await fake.waitFor(() => fake.requests.some((r) => r.outcome === 'hung'));
    const started = Date.now();
    await stop();
    await pending;
    expect(Date.now() - started).toBeLessThan(1500);
    expect(fake.gatewayStats().open).toBe(0);
  });
});
