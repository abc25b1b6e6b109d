import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  DiscordAPIError,
  Events,
  MessageFlags,
  Partials,
  Routes,
  StringSelectMenuBuilder,
  type APIMessage,
  type Client,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { FakeGuildInit } from './fake-discord.js';
import {
  FIXTURE,
  FIXTURE_GUILD,
  nextInteraction,
  noIdentifyWait,
  rejectionOf,
  textChannel,
  useFakeDiscord,
} from './fake-discord-harness.js';

const start = useFakeDiscord();
const { text: TEXT } = FIXTURE;
const ADA = '420000000000000021';

/** A digest message as Paperboy sends it: an embed per paper, a "Save…" select and a link button. */
function digestBody(ids: string[]): Record<string, unknown> {
  const save = new StringSelectMenuBuilder()
    .setCustomId('save:2024-05-01:cs.LG')
    .setPlaceholder('Save…')
    .setMinValues(1)
    .setMaxValues(ids.length)
    .addOptions(ids.map((id) => ({ label: `Save ${id}`, value: id })));
  const more = new ButtonBuilder().setCustomId('digest:more:2').setLabel('More').setStyle(ButtonStyle.Secondary);
  return {
    embeds: ids.map((id) => ({ title: `Paper ${id}`, url: `https://arxiv.org/abs/${id}` })),
    components: [
      new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(save).toJSON(),
      new ActionRowBuilder<ButtonBuilder>().addComponents(more).toJSON(),
    ],
  };
}

const PAPERS = ['2401.00001', '2401.00002', '2401.00003'];

function select(extra: Record<string, unknown>, options = [{ label: 'A', value: 'a' }]): Record<string, unknown> {
  return { type: 1, components: [{ type: 3, custom_id: 'pick', options, ...extra }] };
}

const long = (n: number): string => 'x'.repeat(n);

describe('FakeDiscord components', () => {
  it('stores a digest message with its components as sent', async () => {
    const { fake, client } = await start();
    const sent = (await client.rest.post(Routes.channelMessages(TEXT), { body: digestBody(PAPERS) })) as APIMessage;
    expect(sent.components).toHaveLength(2);
    expect(fake.message(sent.id)?.components).toEqual(digestBody(PAPERS)['components']);
    expect(fake.violations).toEqual([]);
  });

  it.each([
    {
      name: 'six rows',
      components: Array.from({ length: 6 }, (_, i) => select({ custom_id: `p${i}` })),
      path: 'components',
    },
    {
      name: '26 options',
      components: [
        select(
          {},
          Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `v${i}` })),
        ),
      ],
      path: 'components.0.components.0.options',
    },
    {
      name: 'a 101-character custom_id',
      components: [select({ custom_id: long(101) })],
      path: 'components.0.components.0.custom_id',
    },
    {
      name: 'a 101-character option label',
      components: [select({}, [{ label: long(101), value: 'a' }])],
      path: 'components.0.components.0.options.0.label',
    },
    {
      name: 'a 101-character option value',
      components: [select({}, [{ label: 'A', value: long(101) }])],
      path: 'components.0.components.0.options.0.value',
    },
    {
      name: 'a repeated option value',
      components: [
        select({}, [
          { label: 'A', value: 'a' },
          { label: 'B', value: 'a' },
        ]),
      ],
      path: 'components.0.components.0.options.1.value',
    },
    { name: 'min_values -1', components: [select({ min_values: -1 })], path: 'components.0.components.0.min_values' },
    { name: 'max_values 26', components: [select({ max_values: 26 })], path: 'components.0.components.0.max_values' },
    {
      name: 'min_values above max_values',
      components: [
        select({ min_values: 2, max_values: 1 }, [
          { label: 'A', value: 'a' },
          { label: 'B', value: 'b' },
        ]),
      ],
      path: 'components.0.components.0.min_values',
    },
    {
      name: 'max_values above the number of options',
      components: [select({ max_values: 2 })],
      path: 'components.0.components.0.max_values',
    },
    {
      name: 'an 81-character button label',
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'b', label: long(81) }] }],
      path: 'components.0.components.0.label',
    },
    {
      name: 'a custom_id used twice',
      components: [select({}), { type: 1, components: [{ type: 2, style: 1, custom_id: 'pick', label: 'Go' }] }],
      path: 'components.1.components.0.custom_id',
    },
  ])('answers components with $name with 50035 at $path', async ({ components, path }) => {
    const { fake, client } = await start();
    const error = await rejectionOf(
      client.rest.post(Routes.channelMessages(TEXT), { body: { content: 'x', components } }),
    );
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect(fake.violations.at(-1)?.errors.map((e) => e.path)).toEqual([path]);
    expect(fake.messages(TEXT)).toEqual([]);
  });

  it('delivers a choice on the Save… select and records an ephemeral reply', async () => {
    const { fake, client } = await start();
    const sent = await textChannel(client).send(digestBody(PAPERS));
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isStringSelectMenu()) throw new Error('not a select');
      await interaction.reply({ content: 'Saved 2 papers.', flags: MessageFlags.Ephemeral });
      return {
        values: interaction.values,
        customId: interaction.customId,
        user: interaction.user.id,
        guildId: interaction.guildId,
        messageId: interaction.message.id,
      };
    });
    const handle = await fake.select({
      messageId: sent.id,
      customId: 'save:2024-05-01:cs.LG',
      values: ['2401.00001', '2401.00003'],
      user: { id: ADA },
      strict: true,
    });
    expect(await handled).toEqual({
      values: ['2401.00001', '2401.00003'],
      customId: 'save:2024-05-01:cs.LG',
      user: ADA,
      guildId: FIXTURE.guildId,
      messageId: sent.id,
    });
    expect(handle.payload).toMatchObject({ type: 3, channel_id: TEXT, data: { component_type: 3 } });
    expect(await handle.response()).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(handle.original()).toMatchObject({ content: 'Saved 2 papers.', ephemeral: true });
    expect(fake.messages(TEXT).map((m) => m.id)).toEqual([sent.id]);
  });

  it.each([
    { name: 'no value', init: { customId: 'save:2024-05-01:cs.LG', values: [] }, error: 'takes 1-3 values, not 0' },
    {
      name: 'a value that is no option',
      init: { customId: 'save:2024-05-01:cs.LG', values: ['2401.99999'] },
      error: 'has no option 2401.99999',
    },
    { name: 'a button', init: { customId: 'digest:more:2', values: ['x'] }, error: 'is not a select menu' },
    {
      name: 'a missing component',
      init: { customId: 'nope', values: ['x'] },
      error: 'no component with custom_id nope',
    },
  ])('will not deliver a strict choice of $name', async ({ init, error }) => {
    const { fake, client } = await start();
    const sent = await textChannel(client).send(digestBody(PAPERS));
    await expect(fake.select({ messageId: sent.id, ...init, strict: true })).rejects.toThrow(error);
  });

  it('delivers values no option offers when not strict, as a forged or stale message would', async () => {
    const { fake, client } = await start();
    const sent = await textChannel(client).send(digestBody(PAPERS));
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isStringSelectMenu()) throw new Error('not a select');
      await interaction.deferUpdate();
      return interaction.values;
    });
    await fake.select({ messageId: sent.id, customId: 'save:2024-05-01:cs.LG', values: ['../../etc', 'x'] });
    expect(await handled).toEqual(['../../etc', 'x']);
  });

  it('will not deliver a button click on a select, or on a message in another channel', async () => {
    const { fake, client } = await start();
    const digest = await textChannel(client).send(digestBody(PAPERS));
    await expect(fake.button({ messageId: digest.id, customId: 'save:2024-05-01:cs.LG' })).rejects.toThrow(
      'is not a button',
    );
    await expect(
      fake.button({ channelId: FIXTURE.announcement, messageId: digest.id, customId: 'digest:more:2' }),
    ).rejects.toThrow(`is in channel ${TEXT}`);
  });

  it('delivers a choice in a DM with user and no member or guild, on shard 0 only, and records update()', async () => {
    // shard = (guild_id >> 22) % 2: the member's only guild is on shard 1.
    const guildId = String(3n << 22n);
    const guild: FakeGuildInit = {
      id: guildId,
      channels: [{ id: String(BigInt(guildId) + 1n), type: ChannelType.GuildText }],
      members: [{ id: ADA, username: 'ada' }],
    };
    const { fake, client } = await start(
      { guilds: [guild], shardCount: 2 },
      { shards: 'auto', ws: noIdentifyWait, partials: [Partials.Channel] },
    );
    const sent = await client.users.send(ADA, { content: 'Follow digest', ...digestBody(PAPERS) });
    const shards = interactionShards(client);
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isStringSelectMenu()) throw new Error('not a select');
      await interaction.update({ content: 'Saved 1 paper.', components: [] });
      return {
        user: interaction.user.id,
        member: interaction.member,
        guildId: interaction.guildId,
        inGuild: interaction.inGuild(),
        channelType: interaction.channel?.type,
      };
    });
    const handle = await fake.select({
      messageId: sent.id,
      customId: 'save:2024-05-01:cs.LG',
      values: ['2401.00002'],
      strict: true,
    });
    expect(await handled).toEqual({
      user: ADA,
      member: null,
      guildId: null,
      inGuild: false,
      channelType: ChannelType.DM,
    });
    expect(shards).toEqual([0]);
    expect(handle.payload).not.toHaveProperty('guild_id');
    expect(handle.payload).not.toHaveProperty('member');
    expect(handle.payload).toMatchObject({ context: 1, user: { id: ADA }, channel: { type: 1 } });
    expect((await handle.response()).type).toBe(7);
    expect(fake.directMessages(ADA).map((m) => [m.content, m.components])).toEqual([['Saved 1 paper.', []]]);
  });

  it('will not deliver a DM click from anyone but the recipient', async () => {
    const { fake, client } = await start({ guilds: [{ ...FIXTURE_GUILD, members: [{ id: ADA }] }] });
    const sent = await client.users.send(ADA, digestBody(PAPERS));
    await expect(
      fake.button({ messageId: sent.id, customId: 'digest:more:2', user: { id: FIXTURE.moderatorRole } }),
    ).rejects.toThrow(`only user ${ADA}`);
  });

  it.each([
    { name: 'a guild command', global: false, extra: {}, error: 'not a global command' },
    { name: 'a guild-only global command', global: true, extra: { dm_permission: false }, error: 'guild-only' },
    {
      name: 'a global command allowed in DMs',
      global: true,
      extra: {},
      error: 'does not deliver slash commands in DMs',
    },
  ])('does not deliver $name in a DM', async ({ global, extra, error }) => {
    const { fake, client } = await start({ guilds: [{ ...FIXTURE_GUILD, members: [{ id: ADA }] }] });
    const command = { name: 'paper', description: 'Papers', ...extra };
    if (global) await client.application?.commands.set([command]);
    else await client.application?.commands.set([command], FIXTURE.guildId);
    const channelId = fake.openDm(ADA);
    await expect(fake.command({ channelId, name: 'paper' })).rejects.toThrow(error);
  });
});

/** Shard ids on which INTERACTION_CREATE arrived. */
function interactionShards(client: Client): number[] {
  const seen: number[] = [];
  client.on(Events.Raw, (packet: { t?: string }, shardId: number) => {
    if (packet.t === 'INTERACTION_CREATE') seen.push(shardId);
  });
  return seen;
}
