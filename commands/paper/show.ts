/**
 * `/paper show id:` — one paper as its full embed, fetched from arXiv (and archived) when the
 * archive does not have it. The answer is ephemeral: the command has no `public` option, and a
 * deferred reply cannot change its visibility later, while refusals must stay out of the
 * channel. A "Post in channel" button (`paper:s:<arXiv id>`) shares the embed on request; a Save
 * button (`paper:save1:<arXiv id>`) puts the paper on the member's reading list (commands/paper/saved.ts).
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
} from 'discord.js';
import type { App } from '../../src/app.js';
import { paperEmbed } from '../../src/discord/render/index.js';
import { channelTranslatorOf, translatorOf } from '../../src/discord/locale.js';
import { UserError } from '../../src/errors.js';
import type { Translate } from '../../src/i18n/index.js';
import { presentationType } from '../../src/papers/venue.js';
import {
  archivedPaper,
  lookupPaper,
  paperView,
  SHARES_PER_MINUTE,
  takeShare,
  type PaperView,
} from '../../src/search/lookup.js';
import { guildIdOf } from '../shared/interaction.js';
import { PAPERBOY_COLOR } from '../shared/papers.js';

/** The full embed of a paper, with buttons that post it in the channel and save it to the reading list. */
export function paperReply(
  view: PaperView,
  t: Translate,
): {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
} {
  const { paper, abstractLength, image, note } = view;
  return {
    content: note ?? '',
    embeds: [
      paperEmbed(paper, {
        color: PAPERBOY_COLOR,
        abstractLength,
        image,
        presentation: presentationType(paper.comment),
      }),
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: t('paper.postInChannel'),
            custom_id: `paper:s:${paper.id}`,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: t('paper.save'),
            custom_id: `paper:save1:${paper.id}`,
          },
        ],
      },
    ],
  };
}

/** `/paper show id:…` */
export async function executeShow(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  // Not archived (or an older version than asked for): arXiv may take seconds, so answer Discord first.
  const defer = () => interaction.deferReply({ flags: MessageFlags.Ephemeral }).then(() => undefined);
  const t = translatorOf(interaction);
  const view = await lookupPaper(app, guildIdOf(interaction), interaction.options.getString('id', true), defer, t);
  if (interaction.deferred) await interaction.editReply(paperReply(view, t));
  else await interaction.reply({ ...paperReply(view, t), flags: MessageFlags.Ephemeral });
}

export { SHARES_PER_MINUTE };

/** The "Post in channel" button: the same embed, visible to everyone, naming who shared it. */
export async function sharePaper(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void> {
  const guildId = guildIdOf(interaction);
  const paper = await archivedPaper(app, args.join(':'));
  if (paper === null) throw UserError.of('paper.shareGone');
  // Only a share that would post counts against the member's budget.
  takeShare(app, interaction.user.id);
  // Seen by the whole channel: in the server's language, not the sharer's.
  const t = await channelTranslatorOf(interaction, app.store.state);
  const { embeds } = paperReply(await paperView(app, guildId, paper, null, t), t);
  await interaction.reply({
    content: t('paper.sharedBy', { user: interaction.user.id }),
    embeds,
    allowedMentions: { parse: [] },
  });
}
