/**
 * `/paper search`: ranked full-text search with Previous/Next buttons and a select that opens
 * one paper. Every component carries its state in its `custom_id` (a saved-search key), so
 * paging keeps working after a restart:
 *
 *   paper:p:<page>:<key>   Previous / Next (zero-based page to show)
 *   paper:o:<key>          select: open one paper of the page (value = arXiv id)
 *
 * The key names a search saved in the state store for a day (src/search/saved.ts); a key that
 * is unknown, expired or from another server gets "this search has expired".
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
import { LIMITS, cleanUntrusted, fitText, sanitizePlain } from '../../src/discord/render/index.js';
import { channelTranslatorOf, translatorOf } from '../../src/discord/locale.js';
import { codeSpan } from '../../src/format.js';
import type { Translate } from '../../src/i18n/index.js';
import { paperView } from '../../src/search/lookup.js';
import {
  expiredSearch,
  loadSearch,
  openResult,
  saveSearch,
  searchPage,
  searchParams,
  searchTopic,
  takeSearch,
} from '../../src/search/member.js';
import type { SearchParams, SearchScope } from '../../src/search/saved.js';
import type { SearchPageResult } from '../../src/search/service.js';
import type { Topic } from '../../src/store/types.js';
import { guildIdOf } from '../shared/interaction.js';
import { PAPERBOY_COLOR, codeMark, paperMetaLine, paperTitleLink } from '../shared/papers.js';
import { paperReply } from './show.js';

const SELECT_LABEL_MAX = 100;

/** `/paper search …` */
export async function executeSearch(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const { options } = interaction;
  const params = searchParams({
    query: options.getString('query', true),
    author: options.getString('author'),
    topic: options.getString('topic'),
    since: options.getString('since'),
    scope: options.getString('scope'),
    hasCode: options.getBoolean('has_code'),
  });
  const isPublic = options.getBoolean('public') ?? false;
  takeSearch(app, interaction.user.id);
  const t = translatorOf(interaction);
  // Always ephemeral: refusals and "no results" must not reach the channel; public results follow separately.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });

  const topic = await searchTopic(app, guildId, params);
  const result = await searchPage(app, guildId, params, topic, 0);
  if (result.total === 0) {
    await interaction.editReply({ content: noResultsMessage(params, t) });
    return;
  }
  const key = await saveSearch(app, {
    guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    public: isPublic,
    params,
  });
  const body = resultsMessage(params, key, result, topic, t);
  if (!isPublic) {
    await interaction.editReply(body);
    return;
  }
  await interaction.editReply({ content: t('paper.sharedResults', { count: result.total }) });
  // Seen by the whole channel: in the server's language, not the poster's.
  const channelT = await channelTranslatorOf(interaction, app.store.state);
  await interaction.followUp({
    ...resultsMessage(params, key, result, topic, channelT),
    allowedMentions: { parse: [] },
  });
}

/** Buttons and the select of a results message. */
export async function searchComponent(
  interaction: MessageComponentInteraction,
  app: App,
  args: string[],
): Promise<void> {
  const [kind, ...rest] = args;
  if (kind === 'p') await turnPage(interaction, app, rest);
  else if (kind === 'o') await openPaper(interaction, app, rest);
  else throw expiredSearch();
}

async function turnPage(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void> {
  const [pageText = '', key = '', ...extra] = args;
  if (extra.length > 0 || !/^\d{1,3}$/.test(pageText) || !interaction.isButton()) throw expiredSearch();
  const guildId = guildIdOf(interaction);
  const t = translatorOf(interaction);
  const { saved, own } = await loadSearch(app, key, guildId, interaction.user.id);
  const topic = await searchTopic(app, guildId, saved.params, true);
  takeSearch(app, interaction.user.id);
  const page = Number(pageText);

  if (!own) {
    // Someone else's public results: their own ephemeral copy, which they can page themselves.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = await searchPage(app, guildId, saved.params, topic, page);
    if (result.total === 0) {
      await interaction.editReply({ content: noResultsMessage(saved.params, t) });
      return;
    }
    const copy = await saveSearch(app, {
      guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
      public: false,
      params: saved.params,
    });
    await interaction.editReply(resultsMessage(saved.params, copy, result, topic, t));
    return;
  }

  await interaction.deferUpdate();
  // The owner pages the message itself: a shared one stays in the server's language.
  const pageT = saved.public ? await channelTranslatorOf(interaction, app.store.state) : t;
  const result = await searchPage(app, guildId, saved.params, topic, page);
  if (result.total === 0) {
    await interaction.editReply({ content: noResultsMessage(saved.params, pageT), embeds: [], components: [] });
    return;
  }
  await interaction.editReply(resultsMessage(saved.params, key, result, topic, pageT));
}

async function openPaper(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void> {
  const [key = '', ...extra] = args;
  if (extra.length > 0 || !interaction.isStringSelectMenu()) throw expiredSearch();
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const guildId = guildIdOf(interaction);
  const paper = await openResult(app, key, guildId, interaction.user.id, interaction.values[0] ?? '');
  const t = translatorOf(interaction);
  await interaction.editReply(paperReply(await paperView(app, guildId, paper, null, t), t));
}

const SCOPE_LABELS = {
  digests: 'paper.scopeDigests',
  all: 'paper.scopeAll',
} as const satisfies Record<SearchScope, string>;

/** The compact results page: one embed of up to a page of papers, the select, and the page buttons. */
export function resultsMessage(
  params: SearchParams,
  key: string,
  result: SearchPageResult,
  topic: Topic | null,
  t: Translate,
): { content: string; embeds: APIEmbed[]; components: APIActionRowComponent<APIComponentInMessageActionRow>[] } {
  const first = result.page * result.pageSize + 1;
  // Shorter titles when a long page would not fit the description.
  let description = '';
  for (const titleMax of [200, 120, 60]) {
    description = result.papers
      .map(
        (paper, i) => `**${first + i}.** ${paperTitleLink(paper, titleMax)}${codeMark(paper)}\n${paperMetaLine(paper)}`,
      )
      .join('\n\n');
    if (description.length <= LIMITS.embedDescription) break;
  }
  const filters = [
    t(SCOPE_LABELS[params.scope]),
    params.author !== undefined ? t('paper.filterAuthor', { author: params.author }) : '',
    params.topic !== undefined ? t('paper.filterTopic', { topic: params.topic }) : '',
    params.since !== undefined ? t('paper.filterSince', { since: params.since }) : '',
    params.hasCode === true ? t('paper.filterCode') : '',
  ].filter((f) => f !== '');
  const last = first + result.papers.length - 1;
  const range = `${t('paper.resultsRange', { first, last, total: result.total })}${result.truncated ? '+' : ''}`;
  const footer = sanitizePlain(
    t('paper.resultsFooter', { range, page: result.page + 1, pages: result.pages, filters: filters.join(' · ') }),
  ).slice(0, 2048);
  const embed: APIEmbed = {
    title: t('paper.resultsTitle', { query: fitText(params.query, 200) }),
    description: description.slice(0, LIMITS.embedDescription),
    color: topic?.color ?? PAPERBOY_COLOR,
    footer: { text: footer },
  };

  const components: APIActionRowComponent<APIComponentInMessageActionRow>[] = [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: `paper:o:${key}`,
          placeholder: t('paper.openPlaceholder'),
          min_values: 1,
          max_values: 1,
          options: result.papers.map((paper, i) => {
            const description = clip(paper.authors.map(cleanUntrusted).join(', '), SELECT_LABEL_MAX);
            return {
              label: clip(`${first + i}. ${cleanUntrusted(paper.title) || paper.id}`, SELECT_LABEL_MAX),
              value: paper.id,
              ...(description !== '' ? { description } : {}),
            };
          }),
        },
      ],
    },
  ];
  if (result.pages > 1) {
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: t('paper.previous'),
          custom_id: `paper:p:${Math.max(0, result.page - 1)}:${key}`,
          disabled: result.page === 0,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: t('paper.next'),
          custom_id: `paper:p:${Math.min(result.pages - 1, result.page + 1)}:${key}`,
          disabled: result.page >= result.pages - 1,
        },
      ],
    });
  }
  return { content: '', embeds: [embed], components };
}

/** What to say when nothing matched, with the filters worth relaxing. */
export function noResultsMessage(params: SearchParams, t: Translate): string {
  const where = params.scope === 'digests' ? t('paper.whereDigests') : t('paper.whereAll');
  const tips = [
    params.scope === 'digests' ? t('paper.tipScopeAll') : '',
    params.hasCode === true ? t('paper.tipHasCode') : '',
    params.since !== undefined ? t('paper.tipSince') : '',
    params.author !== undefined ? t('paper.tipAuthor') : '',
    params.topic !== undefined ? t('paper.tipTopic') : '',
    t('paper.tipWords'),
  ].filter((tip) => tip !== '');
  return t('paper.noResults', {
    query: codeSpan(params.query, 100),
    where,
    tips: tips.join(t('paper.listSeparator')),
  });
}

function clip(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
