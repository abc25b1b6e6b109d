/**
 * `/paper show id:` — one paper as its full embed, fetched from arXiv (and archived) when the
 * archive does not have it. The answer is ephemeral: the command has no `public` option, and a
 * deferred reply cannot change its visibility later, while refusals must stay out of the
 * channel. A "Post in channel" button (`paper:s:<arXiv id>`) shares the embed on request.
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
import { parseArxivId } from '../../src/papers/ids.js';
import type { Paper } from '../../src/papers/paper.js';
import { presentationType } from '../../src/papers/venue.js';
import { MemberBudget } from '../../src/search/rate-limit.js';
import { UserError } from '../types.js';
import { PAPERBOY_COLOR, codeSpan, guildIdOf } from '../shared/papers.js';

const ID_EXAMPLES =
  '`2205.14459`, `2205.14459v2`, `arXiv:2205.14459`, `https://arxiv.org/abs/2205.14459`, `https://arxiv.org/pdf/2205.14459v2` or an old-style id such as `hep-th/9901001`';

export interface PaperView {
  paper: Paper;
  abstractLength: number;
  /** The paper's first figure, when an earlier digest already looked it up. */
  image: string | null;
}

/** How a paper is shown in this server: its abstract length and its cached figure (never fetched here). */
export async function paperView(app: App, guildId: string, paper: Paper): Promise<PaperView> {
  const settings = app.settingsFor(guildId, (await app.store.state.getGuild(guildId)).settings);
  const image = (await app.store.archive.getFigure(paper.id, paper.version)) ?? null;
  return { paper, abstractLength: settings.abstractLength, image };
}

/** The full embed of a paper, with a button that posts it in the channel. */
export function paperReply(
  view: PaperView,
  note?: string,
): { content: string; embeds: APIEmbed[]; components: APIActionRowComponent<APIComponentInMessageActionRow>[] } {
  const { paper, abstractLength, image } = view;
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
            label: 'Post in channel',
            custom_id: `paper:s:${paper.id}`,
          },
        ],
      },
    ],
  };
}

/** `/paper show id:…` */
export async function executeShow(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const raw = interaction.options.getString('id', true);
  const wanted = parseArxivId(raw);
  if (wanted === null) throw new UserError(`${codeSpan(raw, 80)} is not an arXiv id. Try ${ID_EXAMPLES}.`);

  const archived = await app.store.archive.get(wanted.id);
  const stale = archived !== null && wanted.version !== null && archived.version < wanted.version;
  if (archived !== null && !stale) {
    const view = await paperView(app, guildId, archived);
    await interaction.reply({
      ...paperReply(view, versionNote(archived, wanted.version)),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }

  // Not archived (or an older version than asked for): arXiv, through the one polite connection, may take seconds.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let fetched;
  try {
    fetched = (await app.arxiv.fetchPapers([wanted.id])).find((r) => r.paper.id === wanted.id);
  } catch (error) {
    app.log.warn({ err: error, id: wanted.id }, 'paper show: arXiv lookup failed');
    throw new UserError(
      `arXiv did not answer just now, so ${codeSpan(wanted.id)} could not be fetched. Try again in a few minutes.`,
    );
  }
  if (fetched === undefined) {
    if (archived !== null) {
      await interaction.editReply(
        paperReply(await paperView(app, guildId, archived), versionNote(archived, wanted.version)),
      );
      return;
    }
    throw new UserError(
      `arXiv has no paper ${wanted.id}. Check the id, for example on https://arxiv.org/abs/${wanted.id}.`,
    );
  }
  await app.store.archive.upsert([fetched]);
  const paper = (await app.store.archive.get(wanted.id)) ?? fetched.paper;
  await interaction.editReply(paperReply(await paperView(app, guildId, paper), versionNote(paper, wanted.version)));
}

/** Public shares a member may make per minute: "Post in channel" writes to the channel for everyone. */
export const SHARES_PER_MINUTE = 3;
const shareBudget = new MemberBudget<App>(() => SHARES_PER_MINUTE, 60_000);

/** Count one share for the member, or refuse with how long to wait. */
function takeShareBudget(app: App, userId: string): void {
  const verdict = shareBudget.take(app, userId, app.now().getTime());
  if (!verdict.ok) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new UserError(`You are posting papers faster than Paperboy allows. Slow down: try again in ${seconds} s.`);
  }
}

/** The "Post in channel" button: the same embed, visible to everyone, naming who shared it. */
export async function sharePaper(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void> {
  const guildId = guildIdOf(interaction);
  const wanted = parseArxivId(args.join(':'));
  const paper = wanted === null ? null : await app.store.archive.get(wanted.id);
  if (paper === null)
    throw new UserError('That paper is not in the archive any more. Use `/paper show` to fetch it again.');
  // Only a share that would post counts against the member's budget.
  takeShareBudget(app, interaction.user.id);
  const { embeds } = paperReply(await paperView(app, guildId, paper));
  await interaction.reply({ content: `Shared by <@${interaction.user.id}>`, embeds, allowedMentions: { parse: [] } });
}

function versionNote(paper: Paper, version: number | null): string | undefined {
  if (version === null || version === paper.version) return undefined;
  return version < paper.version
    ? `Showing v${paper.version}, the latest version (you asked for v${version}).`
    : `arXiv has no v${version} of this paper yet; showing v${paper.version}.`;
}
