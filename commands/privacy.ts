/**
 * `/privacy export` and `/privacy delete` (any member, always ephemeral): the member's own data
 * (src/members/privacy.ts) as a JSON file, or removed after a confirmation. The confirmation's buttons,
 * `privacy:delete` and `privacy:keep`, carry nothing: they act on whoever clicks them, and only on an ephemeral
 * message (the one `/privacy delete` showed that member).
 */
import { ButtonStyle, ComponentType, MessageFlags, type MessageComponentInteraction } from 'discord.js';
import type { App } from '../src/app.js';
import { UserError } from '../src/errors.js';
import { plural } from '../src/format.js';
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

const NOTHING_KEPT = 'Paperboy keeps nothing about you: no follows, no saved papers, no direct-message settings.';
const RUN_AGAIN = 'This button is no longer supported. Run `/privacy delete` again.';

const confirmRow = {
  type: ComponentType.ActionRow,
  components: [
    { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Delete everything', custom_id: 'privacy:delete' },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Keep my data', custom_id: 'privacy:keep' },
  ],
} as const;

async function confirmDelete(interaction: MessageComponentInteraction, app: App): Promise<void> {
  await interaction.deferUpdate();
  const userId = interaction.user.id;
  const { removed, delisted, dmDigests } = await deleteMemberData(app.store.state, userId, app.store.delivery);
  // Servers the member no longer follows from: their schedules may have nothing left to run.
  for (const guildId of delisted) await app.scheduler.sync(guildId);
  app.log.info({ user: userId, follows: removed.follows, saved: removed.saved }, 'member data deleted');
  await interaction.editReply({
    content:
      isEmpty(removed) && dmDigests === 0
        ? NOTHING_KEPT
        : `Deleted ${describeSummary(removed)}${dmDigests > 0 ? `, the record of ${plural(dmDigests, 'direct message digest')} sent to you` : ''}${delisted.length > 0 ? `, and took you off the followers of ${plural(delisted.length, 'server')}` : ''}. Paperboy keeps nothing else about you.`,
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
    if (sub === 'export') {
      const { data, summary } = await exportMemberData(app.store, interaction.user.id, app.now());
      await interaction.editReply({
        content: `Everything Paperboy keeps about you: ${describeSummary(summary)}, and ${plural(data.directMessagePapers.length, 'paper')} in the record of your direct messages.`,
        files: [{ attachment: Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8'), name: EXPORT_FILE }],
        allowedMentions: { parse: [] },
      });
    } else if (sub === 'delete') {
      const summary = summarize(await app.store.state.getMember(interaction.user.id));
      if (isEmpty(summary)) {
        await replyPrivately(interaction, { content: NOTHING_KEPT });
        return;
      }
      await interaction.reply({
        content: `This deletes ${describeSummary(summary)}. It cannot be undone.`,
        components: [confirmRow],
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    } else throw UserError.of('common.unknownSubcommand');
  },
  /** `privacy:delete` (confirm) and `privacy:keep`, only on the member's own ephemeral confirmation. */
  async component(interaction, app, args) {
    const [kind, ...extra] = args;
    if (extra.length > 0 || !interaction.isButton() || !interaction.message.flags.has(MessageFlags.Ephemeral))
      throw new UserError(RUN_AGAIN);
    if (kind === 'delete') await confirmDelete(interaction, app);
    else if (kind === 'keep')
      await interaction.update({ content: 'Nothing was deleted.', components: [], allowedMentions: { parse: [] } });
    else throw new UserError(RUN_AGAIN);
  },
} as const satisfies CommandModule;
