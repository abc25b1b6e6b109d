/**
 * `/privacy export` and `/privacy delete` (any member, always ephemeral): the member's own data
 * (src/members/privacy.ts) as a JSON file, or removed after a confirmation. The confirmation's buttons,
 * `privacy:delete` and `privacy:keep`, carry nothing: they act on whoever clicks them, and only on an ephemeral
 * message (the one `/privacy delete` showed that member).
 */
import { ButtonStyle, ComponentType, MessageFlags, type MessageComponentInteraction } from 'discord.js';
import type { App } from '../src/app.js';
import { translatorOf } from '../src/discord/locale.js';
import { UserError } from '../src/errors.js';
import type { Translate } from '../src/i18n/index.js';
import {
  deleteMemberData,
  describeSummary,
  EXPORT_FILE,
  exportMemberData,
  isEmpty,
  summarize,
} from '../src/members/privacy.js';
import type { CommandModule } from './types.js';
import { Opt } from './options.js';
import { replyPrivately } from './shared/interaction.js';

const confirmRow = (t: Translate) =>
  ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Danger,
        label: t('privacy.deleteButton'),
        custom_id: 'privacy:delete',
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: t('privacy.keepButton'),
        custom_id: 'privacy:keep',
      },
    ],
  }) as const;

async function confirmDelete(interaction: MessageComponentInteraction, app: App): Promise<void> {
  await interaction.deferUpdate();
  const userId = interaction.user.id;
  const { removed, delisted, dmDigests } = await deleteMemberData(app.store.state, userId, app.store.delivery);
  // Servers the member no longer follows from: their schedules may have nothing left to run.
  for (const guildId of delisted) await app.scheduler.sync(guildId);
  app.log.info({ user: userId, follows: removed.follows, saved: removed.saved }, 'member data deleted');
  const t = translatorOf(interaction);
  await interaction.editReply({
    content:
      isEmpty(removed) && dmDigests === 0
        ? t('privacy.nothingKept')
        : t('privacy.deleted', {
            summary: describeSummary(removed, t),
            digests: dmDigests > 0 ? t('privacy.deletedDigests', { count: dmDigests }) : '',
            servers: delisted.length > 0 ? t('privacy.deletedServers', { count: delisted.length }) : '',
          }),
    components: [],
    allowedMentions: { parse: [] },
  });
}

export const privacy = {
  data: {
    name: 'privacy',
    description: 'Your own data in Paperboy: export it or delete it (only you see the answers)',
    dm_permission: false,
    options: [
      {
        type: Opt.Subcommand,
        name: 'export',
        description: 'Everything Paperboy keeps about you, as a JSON file',
      },
      {
        type: Opt.Subcommand,
        name: 'delete',
        description: 'Delete everything Paperboy keeps about you (asks to confirm)',
      },
    ],
  },
  moderatorOnly: [],
  acknowledgeFirst: ['export'],
  async execute(interaction, app) {
    const sub = interaction.options.getSubcommand();
    const t = translatorOf(interaction);
    if (sub === 'export') {
      const { data, summary } = await exportMemberData(app.store, interaction.user.id, app.now());
      await interaction.editReply({
        content: t('privacy.exported', {
          summary: describeSummary(summary, t),
          count: data.directMessagePapers.length,
        }),
        files: [{ attachment: Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8'), name: EXPORT_FILE }],
        allowedMentions: { parse: [] },
      });
    } else if (sub === 'delete') {
      const summary = summarize(await app.store.state.getMember(interaction.user.id));
      if (isEmpty(summary)) {
        await replyPrivately(interaction, { content: t('privacy.nothingKept') });
        return;
      }
      await interaction.reply({
        content: t('privacy.confirm', { summary: describeSummary(summary, t) }),
        components: [confirmRow(t)],
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    } else throw UserError.of('common.unknownSubcommand');
  },
  /** `privacy:delete` (confirm) and `privacy:keep`, only on the member's own ephemeral confirmation. */
  async component(interaction, app, args) {
    const [kind, ...extra] = args;
    if (extra.length > 0 || !interaction.isButton() || !interaction.message.flags.has(MessageFlags.Ephemeral))
      throw UserError.of('privacy.runAgain');
    if (kind === 'delete') await confirmDelete(interaction, app);
    else if (kind === 'keep')
      await interaction.update({
        content: translatorOf(interaction)('privacy.kept'),
        components: [],
        allowedMentions: { parse: [] },
      });
    else throw UserError.of('privacy.runAgain');
  },
} as const satisfies CommandModule;
