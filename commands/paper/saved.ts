/**
 * The member's reading list (src/members/saved.ts), always private:
 *
 *   paper:save:<n>         a digest message's "Save…" select (values = arXiv ids), in a server or in the member's DMs
 *   paper:save1:<id>       the Save button of `/paper show`
 *   /paper saved list      paged, with paper:saved:<page> buttons and a paper:unsave:<page> "Remove…" select
 *   /paper saved export    the list as a `.bib` file
 *
 * Every component is stateless and acts on the member who used it, whatever message it is on: ids carry no user
 * data, values are checked against the archive, and a page only ever replaces an ephemeral message (on any other
 * message, the member gets their own private copy).
 */
import {
  ActionRowBuilder,
  MessageFlags,
  StringSelectMenuBuilder,
  type APIEmbed,
  type APIEmbedField,
  type ButtonBuilder,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
} from 'discord.js';
import type { App } from '../../src/app.js';
import { fitText, LIMITS } from '../../src/discord/render/index.js';
import { UserError } from '../../src/errors.js';
import { plural } from '../../src/format.js';
import { describeSave, MAX_SAVED, newestFirst, savePapers, takeSave, unsavePapers } from '../../src/members/saved.js';
import { bibtexFile } from '../../src/papers/bibtex.js';
import type { Paper } from '../../src/papers/paper.js';
import type { SavedPaper } from '../../src/store/types.js';
import { fitField, listPage, paginate, relativeTime } from '../shared/lists.js';
import { PAPERBOY_COLOR, paperMetaLine } from '../shared/papers.js';

/** `custom_id` prefix of the list's page buttons; the page number follows. */
export const SAVED_PAGE_PREFIX = 'paper:saved';
/** `custom_id` prefix of the list's "Remove…" select; the page it is on follows. */
export const UNSAVE_PREFIX = 'paper:unsave';
export const BIB_FILE = 'paperboy-saved.bib';

const STALE_MENU = 'This menu is no longer supported. Run `/paper saved list` again.';
const LIST_HINT = '`/paper saved list` lists them, `/paper saved export` gives them as BibTeX';

const titleOf = (paper: Paper): string => `**${fitText(paper.title, 80) || `arXiv:${paper.id}`}**`;

/** Answer a component privately; a deferred reply is edited. */
async function answerPrivately(interaction: MessageComponentInteraction, content: string): Promise<void> {
  if (interaction.deferred) await interaction.editReply({ content, allowedMentions: { parse: [] } });
  else await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

/** Save `values` for the member who chose them, and say what happened. */
async function save(interaction: MessageComponentInteraction, app: App, values: readonly string[]): Promise<void> {
  takeSave(app, interaction.user.id);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await savePapers(
    {
      state: app.store.state,
      archive: app.store.archive,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      now: app.now(),
    },
    values,
  );
  await answerPrivately(interaction, describeSave(result, titleOf, LIST_HINT));
}

/** `paper:save:<n>`: the papers chosen in a digest message's "Save…" select. */
export async function saveFromSelect(
  interaction: MessageComponentInteraction,
  app: App,
  args: string[],
): Promise<void> {
  if (args.length !== 1 || !/^\d{1,3}$/.test(args[0] ?? '') || !interaction.isStringSelectMenu())
    throw new UserError('This menu is no longer supported.');
  await save(interaction, app, interaction.values);
}

/** `paper:save1:<id>`: the Save button of `/paper show`. */
export async function saveFromButton(
  interaction: MessageComponentInteraction,
  app: App,
  args: string[],
): Promise<void> {
  if (args.length !== 1 || !interaction.isButton()) throw new UserError('This button is no longer supported.');
  await save(interaction, app, args);
}

interface SavedItem {
  saved: SavedPaper;
  paper: Paper | undefined;
}

function savedField({ saved, paper }: SavedItem): APIEmbedField {
  const link = `[arXiv:${saved.paperId}](https://arxiv.org/abs/${saved.paperId})`;
  const when = `saved ${relativeTime(saved.at)}`;
  if (paper === undefined) return { name: `arXiv:${saved.paperId}`, value: `${link} · not in the archive · ${when}` };
  return {
    name: fitText(paper.title, 200) || `arXiv:${paper.id}`,
    value: fitField(`${link} · ${paperMetaLine(paper)} · ${when}`),
  };
}

function unsaveRow(items: readonly SavedItem[], page: number): ActionRowBuilder<StringSelectMenuBuilder> {
  const options = items.slice(0, LIMITS.selectOptions).map(({ saved, paper }) => ({
    label: (paper && fitText(paper.title, LIMITS.selectOptionText, { flavour: 'plain' })) || `arXiv:${saved.paperId}`,
    value: saved.paperId,
    description: `arXiv:${saved.paperId}`,
  }));
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
    new StringSelectMenuBuilder()
      .setCustomId(`${UNSAVE_PREFIX}:${page}`)
      .setPlaceholder('Remove from your reading list…')
      .setMinValues(1)
      .setMaxValues(options.length)
      .addOptions(options),
  );
}

export interface SavedPage {
  embeds: APIEmbed[];
  /** Previous / Next (when there are several pages) and the "Remove…" select of the page's papers. */
  components: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[];
}

/** One page (0-based, clamped) of the member's reading list, newest first, with a "Remove…" select of its papers. */
export async function savedListPage(app: App, userId: string, requested: number): Promise<SavedPage> {
  const member = await app.store.state.getMember(userId);
  const saved = newestFirst(member.saved);
  const papers = await app.store.archive.getMany(saved.map((s) => s.paperId));
  const items = saved.map((s) => ({ saved: s, paper: papers.get(s.paperId) }));
  const fields = items.map(savedField);
  const page = listPage(fields, requested, {
    title: 'Your reading list',
    description:
      'Only you see it. `/paper saved export` gives it as a BibTeX file (Zotero imports it as is); “Remove…” takes papers off it.',
    color: PAPERBOY_COLOR,
    empty:
      'Your reading list is empty. Choose papers in the “Save…” menu under a digest, or use the Save button of `/paper show`.',
    customIdPrefix: SAVED_PAGE_PREFIX,
    summary: `${plural(saved.length, 'saved paper')} (at most ${MAX_SAVED})`,
  });
  // The same pages listPage made: find the papers of the one it shows.
  const pages = paginate(fields);
  const index = Math.min(Math.max(0, Math.trunc(requested) || 0), Math.max(0, pages.length - 1));
  const start = pages.slice(0, index).reduce((sum, p) => sum + p.length, 0);
  const shown = items.slice(start, start + (pages[index]?.length ?? 0));
  const components: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] = [...page.components];
  if (shown.length > 0) components.push(unsaveRow(shown, index));
  return { embeds: page.embeds, components };
}

/** `/paper saved list [page]` (1-based for the member). */
export async function executeSavedList(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const page = (interaction.options.getInteger('page') ?? 1) - 1;
  const body = await savedListPage(app, interaction.user.id, page);
  await interaction.reply({ ...body, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

/**
 * Show a page in answer to a component: in place when the component is on an ephemeral message (the member's own
 * list), else as a new private message, so that nothing of the list can land on a message others see.
 */
async function showPage(
  interaction: MessageComponentInteraction,
  app: App,
  page: number,
  content: string,
): Promise<void> {
  const ownList = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (ownList) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const body = await savedListPage(app, interaction.user.id, page);
  await interaction.editReply({ ...body, content, allowedMentions: { parse: [] } });
}

/** `paper:saved:<page>`: Previous / Next. */
export async function turnSavedPage(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void> {
  const [pageText = '', ...extra] = args;
  if (extra.length > 0 || !/^-?\d{1,3}$/.test(pageText) || !interaction.isButton()) throw new UserError(STALE_MENU);
  await showPage(interaction, app, Number(pageText), '');
}

/** `paper:unsave:<page>`: take the chosen papers off the member's own list, and show that page again. */
export async function unsaveFromSelect(
  interaction: MessageComponentInteraction,
  app: App,
  args: string[],
): Promise<void> {
  const [pageText = '', ...extra] = args;
  if (extra.length > 0 || !/^\d{1,3}$/.test(pageText) || !interaction.isStringSelectMenu())
    throw new UserError(STALE_MENU);
  takeSave(app, interaction.user.id);
  const removed = await unsavePapers(app.store.state, interaction.user.id, interaction.values);
  const content =
    removed.length === 0
      ? 'Those papers were not on your reading list any more.'
      : `Removed ${plural(removed.length, 'paper')} from your reading list.`;
  await showPage(interaction, app, Number(pageText), content);
}

/** `/paper saved export`: the reading list, newest first, as a `.bib` file (the router has deferred the reply). */
export async function executeSavedExport(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const member = await app.store.state.getMember(interaction.user.id);
  const saved = newestFirst(member.saved);
  if (saved.length === 0)
    throw new UserError(
      'Your reading list is empty, so there is nothing to export. Choose papers in the “Save…” menu under a digest first.',
    );
  const found = await app.store.archive.getMany(saved.map((s) => s.paperId));
  const papers = saved.map((s) => found.get(s.paperId)).filter((p): p is Paper => p !== undefined);
  const missing = saved.length - papers.length;
  const content = [
    `Your reading list as BibTeX: ${plural(papers.length, 'entry', 'entries')}. Zotero imports \`${BIB_FILE}\` as is (File → Import…).`,
    missing > 0 ? `${plural(missing, 'saved paper')} could not be exported: the archive no longer holds them.` : '',
  ]
    .filter(Boolean)
    .join('\n');
  await interaction.editReply({
    content,
    files: [{ attachment: Buffer.from(bibtexFile(papers), 'utf8'), name: BIB_FILE }],
    allowedMentions: { parse: [] },
  });
}
