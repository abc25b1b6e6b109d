import { AttachmentBuilder, DiscordAPIError, MessageFlags, Routes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE,
  FIXTURE_GUILD,
  nextInteraction,
  rejectionOf,
  textChannel,
  useFakeDiscord,
} from './fake-discord-harness.js';

const start = useFakeDiscord();
const { text: TEXT } = FIXTURE;
const ADA = '420000000000000031';

const BIB =
  '@article{chen2020simclr,\n  title = {A Simple Framework for Contrastive Learning},\n  eprint = {2002.05709}\n}\n';
const JSON_EXPORT = JSON.stringify({ follows: [{ query: 'contrastive' }], saved: ['2002.05709'] }, null, 2);

function apiError(error: unknown): { status: number; code: number | string } {
  expect(error).toBeInstanceOf(DiscordAPIError);
  const e = error as DiscordAPIError;
  return { status: e.status, code: e.code };
}

describe('FakeDiscord attachments', () => {
  it('records a .bib file sent with an ephemeral reply: name, content type and bytes', async () => {
    const { fake, client } = await start();
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('not a command');
      await interaction.reply({
        content: 'Your 1 saved paper.',
        files: [new AttachmentBuilder(Buffer.from(BIB), { name: 'saved-papers.bib' })],
        flags: MessageFlags.Ephemeral,
      });
    });
    const handle = await fake.command({ channelId: TEXT, name: 'paper' });
    await handled;
    expect(await handle.response()).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    const [file] = handle.files();
    expect(file).toMatchObject({ filename: 'saved-papers.bib', size: Buffer.byteLength(BIB) });
    // discord.js sends application/octet-stream for what it cannot sniff; the fake keeps what was sent.
    expect(file?.contentType).toBe('application/octet-stream');
    expect(file?.data.toString('utf8')).toBe(BIB);
    expect(handle.original()).toMatchObject({ ephemeral: true, content: 'Your 1 saved paper.' });
    const [callback] = fake.requestsTo('POST', '/interactions/:interaction_id/:interaction_token/callback');
    expect(callback?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(callback?.files.map((f) => [f.field, f.name, f.data.toString('utf8')])).toEqual([
      ['files[0]', 'saved-papers.bib', BIB],
    ]);
  });

  it('records files sent by editReply after deferReply and by a followUp, in order', async () => {
    const { fake, client } = await start();
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('not a command');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({
        content: 'Your data',
        files: [new AttachmentBuilder(Buffer.from(JSON_EXPORT), { name: 'paperboy-data.json' })],
      });
      await interaction.followUp({
        files: [new AttachmentBuilder(Buffer.from(BIB), { name: 'saved.bib', description: 'Saved papers' })],
        flags: MessageFlags.Ephemeral,
      });
    });
    const handle = await fake.command({ channelId: TEXT, name: 'privacy' });
    await handled;
    expect(handle.files().map((f) => [f.filename, f.description, f.data.toString('utf8')])).toEqual([
      ['paperboy-data.json', null, JSON_EXPORT],
      ['saved.bib', 'Saved papers', BIB],
    ]);
    expect(JSON.parse(handle.files()[0]?.data.toString('utf8') ?? '')).toMatchObject({ saved: ['2002.05709'] });
    expect(fake.messages(TEXT)).toEqual([]);
  });

  it('keeps only the attachments an edit lists, and adds the new files', async () => {
    const { fake, client } = await start();
    const sent = await textChannel(client).send({
      files: [
        { attachment: Buffer.from('one'), name: 'one.txt' },
        { attachment: Buffer.from('two'), name: 'two.txt' },
      ],
    });
    const keep = sent.attachments.find((a) => a.name === 'two.txt');
    await sent.edit({
      attachments: keep ? [keep] : [],
      files: [{ attachment: Buffer.from('three'), name: 'three.txt' }],
    });
    expect(fake.message(sent.id)?.attachments.map((a) => [a.filename, a.data.toString()])).toEqual([
      ['two.txt', 'two'],
      ['three.txt', 'three'],
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('delivers a file by direct message', async () => {
    const { fake, client } = await start({ guilds: [{ ...FIXTURE_GUILD, members: [{ id: ADA }] }] });
    await client.users.send(ADA, {
      content: 'Your export',
      files: [new AttachmentBuilder(Buffer.from(JSON_EXPORT), { name: 'export.json' })],
    });
    const [message] = fake.directMessages(ADA);
    expect(message?.attachments.map((a) => [a.filename, a.data.toString('utf8')])).toEqual([
      ['export.json', JSON_EXPORT],
    ]);
  });

  it.each([
    {
      name: 'eleven files',
      files: Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') })),
      limit: undefined,
      answer: { status: 400, code: 30015 },
    },
    {
      name: 'a file over the configured cap',
      files: [{ name: 'big.bib', data: Buffer.alloc(1025) }],
      limit: 1024,
      answer: { status: 413, code: 40005 },
    },
    {
      name: 'a file over the default 10 MiB',
      files: [{ name: 'huge.json', data: Buffer.alloc(10 * 1024 * 1024 + 1) }],
      limit: undefined,
      answer: { status: 413, code: 40005 },
    },
  ])('answers $name and creates nothing', async ({ files, limit, answer }) => {
    const { fake, client } = await start(limit === undefined ? {} : { attachmentSizeLimit: limit });
    const error = await rejectionOf(client.rest.post(Routes.channelMessages(TEXT), { body: { content: 'x' }, files }));
    expect(apiError(error)).toEqual(answer);
    expect(fake.messages(TEXT)).toEqual([]);
    expect(fake.violations.map((v) => v.code)).toEqual([answer.code]);
  });

  it('accepts a file at the cap and tells interactions the cap', async () => {
    const { fake, client } = await start({ attachmentSizeLimit: 1024 });
    await client.rest.post(Routes.channelMessages(TEXT), { files: [{ name: 'ok.bib', data: Buffer.alloc(1024) }] });
    expect(fake.messages(TEXT)[0]?.attachments.map((a) => a.size)).toEqual([1024]);
    const handle = await fake.command({ channelId: TEXT, name: 'paper' });
    expect(handle.payload['attachment_size_limit']).toBe(1024);
    const defaults = await start();
    expect((await defaults.fake.command({ channelId: TEXT, name: 'paper' })).payload['attachment_size_limit']).toBe(
      10 * 1024 * 1024,
    );
  });
});
