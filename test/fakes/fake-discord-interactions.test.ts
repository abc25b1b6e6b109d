import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { FIXTURE, nextInteraction, rejectionOf, textChannel, useFakeDiscord } from './fake-discord-harness.js';

const start = useFakeDiscord();
const { guildId: GUILD, text: TEXT } = FIXTURE;

const COMMANDS = [
  {
    name: 'subscription',
    description: 'Manage subscriptions',
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    options: [
      {
        type: 1,
        name: 'add',
        description: 'Subscribe a channel',
        options: [
          { type: 3, name: 'topic', description: 'Topic slug', required: true, autocomplete: true },
          { type: 7, name: 'channel', description: 'Channel' },
          { type: 8, name: 'mention', description: 'Role to mention' },
          { type: 4, name: 'max_papers', description: 'Cap', min_value: 1, max_value: 100 },
          { type: 5, name: 'thread', description: 'Thread per digest' },
        ],
      },
    ],
  },
  { name: 'ping', description: 'Ping' },
];

function code(error: unknown): number | string {
  expect(error).toBeInstanceOf(DiscordAPIError);
  return (error as DiscordAPIError).code;
}

describe('FakeDiscord interactions', () => {
  it('delivers a chat input command with typed, resolved options and records an ephemeral reply', async () => {
    const { fake, client } = await start();
    await client.application?.commands.set(COMMANDS, GUILD);
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('not a command');
      const seen = {
        command: interaction.commandName,
        sub: interaction.options.getSubcommand(),
        topic: interaction.options.getString('topic'),
        channelType: interaction.options.getChannel('channel')?.type,
        role: interaction.options.getRole('mention')?.id,
        max: interaction.options.getInteger('max_papers'),
        thread: interaction.options.getBoolean('thread'),
        moderator: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
        channelId: interaction.channelId,
        guildId: interaction.guildId,
      };
      await interaction.reply({ flags: MessageFlags.Ephemeral, content: 'Only moderators can subscribe channels.' });
      return seen;
    });
    const handle = await fake.command({
      channelId: TEXT,
      name: 'subscription',
      subcommand: 'add',
      options: {
        topic: 'contrastive',
        channel: FIXTURE.forum,
        mention: FIXTURE.moderatorRole,
        max_papers: 10,
        thread: true,
      },
    });
    expect(await handled).toEqual({
      command: 'subscription',
      sub: 'add',
      topic: 'contrastive',
      channelType: ChannelType.GuildForum,
      role: FIXTURE.moderatorRole,
      max: 10,
      thread: true,
      moderator: false,
      channelId: TEXT,
      guildId: GUILD,
    });
    const response = await handle.response();
    expect(response.type).toBe(4);
    expect(response.data?.['flags']).toBe(64);
    expect(handle.original()?.ephemeral).toBe(true);
    expect(fake.messages(TEXT)).toHaveLength(0);

    await expect(fake.command({ channelId: TEXT, name: 'unknown' })).rejects.toThrow('not registered');
    await expect(fake.command({ channelId: TEXT, name: 'ping', options: { nope: 1 } })).rejects.toThrow('no option');
  });

  it('gives a moderator role Manage Server in member permissions', async () => {
    const { fake, client } = await start();
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('not a command');
      await interaction.reply({ content: 'ok', withResponse: true });
      return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild);
    });
    const handle = await fake.command({
      channelId: TEXT,
      name: 'ping',
      user: { id: '420000000000000001', roles: [FIXTURE.moderatorRole] },
    });
    expect(await handled).toBe(true);
    expect((await handle.response()).withResponse).toBe(true);
    expect(fake.messages(TEXT).map((m) => [m.content, m.type, m.interactionId])).toEqual([['ok', 20, handle.id]]);
  });

  it('supports deferReply then editReply and an ephemeral followUp', async () => {
    const { fake, client } = await start();
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('not a command');
      await interaction.deferReply();
      await interaction.editReply({ content: 'Posted 3 papers', embeds: [{ title: 'Digest' }] });
      await interaction.followUp({ content: 'Also in #papers', flags: MessageFlags.Ephemeral });
    });
    const handle = await fake.command({ channelId: TEXT, name: 'ping', permissions: PermissionFlagsBits.ManageGuild });
    await handled;
    expect((await handle.response()).type).toBe(5);
    expect(handle.edits()).toHaveLength(1);
    expect(handle.edits()[0]?.target).toBe('@original');
    expect(handle.original()?.content).toBe('Posted 3 papers');
    expect((handle.original()?.flags ?? -1) & MessageFlags.Loading).toBe(0);
    expect(handle.followups().map((m) => [m.content, m.ephemeral])).toEqual([['Also in #papers', true]]);
    expect(fake.messages(TEXT).map((m) => m.content)).toEqual(['Posted 3 papers']);
    expect(handle.payload['member']).toMatchObject({ permissions: String(PermissionFlagsBits.ManageGuild) });
  });

  it('turns the first followUp after an ephemeral deferReply into the reply itself', async () => {
    const { fake, client } = await start();
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('not a command');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const first = await interaction.followUp({ content: 'Nothing new to post.' });
      const second = await interaction.followUp({ content: 'second' });
      return [first.id, second.id];
    });
    const handle = await fake.command({ channelId: TEXT, name: 'ping' });
    const [firstId, secondId] = await handled;
    expect(firstId).toBe(handle.original()?.id);
    expect(secondId).not.toBe(firstId);
    expect(handle.original()).toMatchObject({ content: 'Nothing new to post.', ephemeral: true });
    expect(fake.messages(TEXT).map((m) => m.content)).toEqual(['second']);
  });

  it('answers a late callback with 10062 Unknown interaction', async () => {
    const { fake, client } = await start();
    const handled = nextInteraction(client, async (interaction) => {
      await new Promise((resolve) => setTimeout(resolve, 80));
      if (!interaction.isRepliable()) throw new Error('not repliable');
      return rejectionOf(interaction.reply('too late'));
    });
    const handle = await fake.command({ channelId: TEXT, name: 'ping', expiresInMs: 30 });
    const error = await handled;
    expect(code(error)).toBe(10062);
    expect((error as DiscordAPIError).status).toBe(404);
    expect(handle.acknowledged).toBe(false);
    await expect(handle.response(50)).rejects.toThrow('timed out');
  });

  it('answers a second callback with 40060 and edits before any callback with 10015', async () => {
    const { fake, client } = await start();
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('not a command');
      const early = await rejectionOf(
        client.rest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token), {
          body: { content: 'x' },
          auth: false,
        }),
      );
      await interaction.reply('first');
      const again = await rejectionOf(
        client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: 'again' } },
          auth: false,
        }),
      );
      return [code(early), code(again)];
    });
    await fake.command({ channelId: TEXT, name: 'ping' });
    expect(await handled).toEqual([10015, 40060]);
  });

  it('responds to autocomplete with at most 25 choices', async () => {
    const { fake, client } = await start();
    await client.application?.commands.set(COMMANDS, GUILD);
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('not autocomplete');
      const focused = interaction.options.getFocused(true);
      await interaction.respond([{ name: `${focused.value}rastive`, value: 'contrastive' }]);
      return focused;
    });
    const handle = await fake.autocomplete({
      channelId: TEXT,
      name: 'subscription',
      subcommand: 'add',
      options: { topic: 'cont' },
      focused: 'topic',
    });
    expect(await handled).toMatchObject({ name: 'topic', value: 'cont' });
    expect(await handle.response()).toMatchObject({
      type: 8,
      data: { choices: [{ name: 'contrastive', value: 'contrastive' }] },
    });

    const tooMany = nextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('not autocomplete');
      return rejectionOf(
        interaction.respond(Array.from({ length: 26 }, (_, i) => ({ name: `t${i}`, value: `t${i}` }))),
      );
    });
    await fake.autocomplete({ channelId: TEXT, name: 'subscription', subcommand: 'add', focused: 'topic' });
    expect(code(await tooMany)).toBe(50035);
    expect(fake.violations.at(-1)?.errors.map((e) => e.path)).toEqual(['data.choices']);
  });

  it('delivers a button click on a posted message and records update()', async () => {
    const { fake, client } = await start();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('search:q=contrastive:p=2').setLabel('Next').setStyle(ButtonStyle.Primary),
    );
    const sent = await textChannel(client).send({ content: 'Page 1/3', components: [row] });
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('not a button');
      await interaction.update({ content: 'Page 2/3' });
      return [interaction.customId, interaction.message.id];
    });
    const handle = await fake.button({ channelId: TEXT, messageId: sent.id, customId: 'search:q=contrastive:p=2' });
    expect(await handled).toEqual(['search:q=contrastive:p=2', sent.id]);
    expect((await handle.response()).type).toBe(7);
    expect(fake.message(sent.id)?.content).toBe('Page 2/3');
    expect(fake.message(sent.id)?.components).toHaveLength(1);
    await expect(fake.button({ channelId: TEXT, messageId: sent.id, customId: 'nope' })).rejects.toThrow(
      'no component',
    );
  });

  it('delivers a string select with its values and records deferUpdate()', async () => {
    const { fake, client } = await start();
    const sent = fake.seedMessage(TEXT, {
      content: 'Pick topics',
      components: [
        {
          type: 1,
          components: [
            {
              type: 3,
              custom_id: 'topics',
              options: [
                { label: 'A', value: 'a' },
                { label: 'B', value: 'b' },
              ],
              max_values: 2,
            },
          ],
        },
      ],
    });
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isStringSelectMenu()) throw new Error('not a select');
      await interaction.deferUpdate();
      await interaction.editReply({ content: 'Topics: a, b' });
      return interaction.values;
    });
    const handle = await fake.select({ channelId: TEXT, messageId: sent.id, customId: 'topics', values: ['a', 'b'] });
    expect(await handled).toEqual(['a', 'b']);
    expect((await handle.response()).type).toBe(6);
    expect(fake.message(sent.id)?.content).toBe('Topics: a, b');
  });
});
