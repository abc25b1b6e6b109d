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
import { translatorOf } from '../../src/discord/locale.js';
import { UserError } from '../../src/errors.js';
import { resolveLocale, type Translate } from '../../src/i18n/index.js';
import { describeSave, MAX_SAVED, newestFirst, savePapers, takeSave, unsavePapers } from '../../src/members/saved.js';
import { rememberLocale } from '../../src/members/service.js';
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
      locale: resolveLocale(interaction.locale),
    },
    values,
  );
  const t = translatorOf(interaction);
  await answerPrivately(interaction, describeSave(result, titleOf, t('paper.listHint'), t));
}

/** `paper:save:<n>`: the papers chosen in a digest message's "Save…" select. */
export async function saveFromSelect(
  interaction: MessageComponentInteraction,
  app: App,
  args: string[],
): Promise<void> {
  if (args.length !== 1 || !/^\d{1,3}$/.test(args[0] ?? '') || !interaction.isStringSelectMenu())
    throw UserError.of('paper.menuStale');
  await save(interaction, app, interaction.values);
}

/** `paper:save1:<id>`: the Save button of `/paper show`. */
export async function saveFromButton(
  interaction: MessageComponentInteraction,
  app: App,
  args: string[],
): Promise<void> {
  if (args.length !== 1 || !interaction.isButton()) throw UserError.of('paper.buttonStale');
  await save(interaction, app, args);
}

interface SavedItem {
  saved: SavedPaper;
  paper: Paper | undefined;
}

function savedField({ saved, paper }: SavedItem, t: Translate): APIEmbedField {
  const link = `[arXiv:${saved.paperId}](https://arxiv.org/abs/${saved.paperId})`;
  const when = t('paper.savedWhen', { when: relativeTime(saved.at) });
  if (paper === undefined)
    return { name: `arXiv:${saved.paperId}`, value: `${link} · ${t('paper.notInArchive')} · ${when}` };
  return {
    name: fitText(paper.title, 200) || `arXiv:${paper.id}`,
    value: fitField(`${link} · ${paperMetaLine(paper)} · ${when}`),
  };
}

function unsaveRow(items: readonly SavedItem[], page: number, t: Translate): ActionRowBuilder<StringSelectMenuBuilder> {
  const options = items.slice(0, LIMITS.selectOptions).map(({ saved, paper }) => ({
    label: (paper && fitText(paper.title, LIMITS.selectOptionText, { flavour: 'plain' })) || `arXiv:${saved.paperId}`,
    value: saved.paperId,
    description: `arXiv:${saved.paperId}`,
  }));
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
    new StringSelectMenuBuilder()
      .setCustomId(`${UNSAVE_PREFIX}:${page}`)
      .setPlaceholder(t('paper.removePlaceholder'))
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

/**
 * One page (0-based, clamped) of the member's reading list, newest first, with a "Remove…" select of its papers;
 * the member's language is kept on the way (their list is read anyway).
 */
export async function savedListPage(
  app: App,
  interaction: ChatInputCommandInteraction | MessageComponentInteraction,
  requested: number,
): Promise<SavedPage> {
  const member = await app.store.state.getMember(interaction.user.id);
  await rememberLocale(app.store.state, member, resolveLocale(interaction.locale));
  const t = translatorOf(interaction);
  const saved = newestFirst(member.saved);
  const papers = await app.store.archive.getMany(saved.map((s) => s.paperId));
  const items = saved.map((s) => ({ saved: s, paper: papers.get(s.paperId) }));
  const fields = items.map((item) => savedField(item, t));
  const page = listPage(fields, requested, {
    title: t('paper.listTitle'),
    description: t('paper.listDescription'),
    color: PAPERBOY_COLOR,
    empty: t('paper.listEmpty'),
    customIdPrefix: SAVED_PAGE_PREFIX,
    summary: t('paper.listSummary', { count: saved.length, max: MAX_SAVED }),
  });
  // The same pages listPage made: find the papers of the one it shows.
  const pages = paginate(fields);
  const index = Math.min(Math.max(0, Math.trunc(requested) || 0), Math.max(0, pages.length - 1));
  const start = pages.slice(0, index).reduce((sum, p) => sum + p.length, 0);
  const shown = items.slice(start, start + (pages[index]?.length ?? 0));
  const components: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] = [...page.components];
  if (shown.length > 0) components.push(unsaveRow(shown, index, t));
  return { embeds: page.embeds, components };
}

/** `/paper saved list [page]` (1-based for the member). */
export async function executeSavedList(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const page = (interaction.options.getInteger('page') ?? 1) - 1;
  const body = await savedListPage(app, interaction, page);
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
  const body = await savedListPage(app, interaction, page);
  await interaction.editReply({ ...body, content, allowedMentions: { parse: [] } });
}

/** `paper:saved:<page>`: Previous / Next. */
export async function turnSavedPage(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void> {
  const [pageText = '', ...extra] = args;
  if (extra.length > 0 || !/^-?\d{1,3}$/.test(pageText) || !interaction.isButton())
    throw UserError.of('paper.savedMenuStale');
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
    throw UserError.of('paper.savedMenuStale');
  takeSave(app, interaction.user.id);
  const locale = resolveLocale(interaction.locale);
  const removed = await unsavePapers(app.store.state, interaction.user.id, interaction.values, locale);
  const t = translatorOf(interaction);
  const content = removed.length === 0 ? t('paper.noneRemoved') : t('paper.removed', { count: removed.length });
  await showPage(interaction, app, Number(pageText), content);
}

/** `/paper saved export`: the reading list, newest first, as a `.bib` file (the router has deferred the reply). */
export async function executeSavedExport(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const member = await app.store.state.getMember(interaction.user.id);
  await rememberLocale(app.store.state, member, resolveLocale(interaction.locale));
  const saved = newestFirst(member.saved);
  if (saved.length === 0) throw UserError.of('paper.exportEmpty');
  const found = await app.store.archive.getMany(saved.map((s) => s.paperId));
  const papers = saved.map((s) => found.get(s.paperId)).filter((p): p is Paper => p !== undefined);
  const missing = saved.length - papers.length;
  const t = translatorOf(interaction);
  const content = [
    t('paper.exported', { count: papers.length, file: BIB_FILE }),
    missing > 0 ? t('paper.exportMissing', { count: missing }) : '',
  ]
    .filter(Boolean)
    .join('\n');
  await interaction.editReply({
    content,
    files: [{ attachment: Buffer.from(bibtexFile(papers), 'utf8'), name: BIB_FILE }],
    allowedMentions: { parse: [] },
  });
}
