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
import { parseArxivId } from '../../src/papers/ids.js';
import { MemberBudget } from '../../src/search/rate-limit.js';
import {
  SavedSearches,
  searchParamsSchema,
  searchScopes,
  type SavedSearch,
  type SearchParams,
  type SearchScope,
} from '../../src/search/saved.js';
import { searchPapers, type SearchPageResult } from '../../src/search/service.js';
import { SearchQueryError, type Topic } from '../../src/store/types.js';
import { QueryParseError } from '../../src/topics/query.js';
import { UserError } from '../../src/errors.js';
import { codeSpan, plural } from '../../src/format.js';
import { findTopic } from '../../src/guilds/topics.js';
import { paperView } from '../../src/search/lookup.js';
import { guildIdOf } from '../shared/interaction.js';
import { PAPERBOY_COLOR, codeMark, paperMetaLine, paperTitleLink, readDateOption } from '../shared/papers.js';
import { paperReply } from './show.js';

export const EXPIRED_SEARCH = 'This search has expired. Run `/paper search` again.';
const SELECT_LABEL_MAX = 100;

const searchBudget = new MemberBudget<App>((app) => app.defaults.search.perUserPerMinute, 60_000);

/** Count one search for the member, or refuse with how long to wait. */
function takeSearchBudget(app: App, userId: string): void {
  const verdict = searchBudget.take(app, userId, app.now().getTime());
  if (!verdict.ok) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new UserError(`You are searching faster than Paperboy allows. Slow down: try again in ${seconds} s.`);
  }
}

function savedSearches(app: App): SavedSearches {
  return new SavedSearches(app.store.state, app.now);
}

/** `/paper search …` */
export async function executeSearch(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const guildId = guildIdOf(interaction);
  const params = readParams(interaction);
  const isPublic = interaction.options.getBoolean('public') ?? false;
  takeSearchBudget(app, interaction.user.id);
  // Always ephemeral: refusals and "no results" must not reach the channel; public results follow separately.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });

  const topic = params.topic !== undefined ? findTopic(await app.store.state.getGuild(guildId), params.topic) : null;
  const result = await runSearch(app, guildId, params, topic, 0);
  if (result.total === 0) {
    await interaction.editReply({ content: noResultsMessage(params) });
    return;
  }
  const key = await savedSearches(app).save({
    guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    public: isPublic,
    params,
  });
  const body = resultsMessage(params, key, result, topic);
  if (!isPublic) {
    await interaction.editReply(body);
    return;
  }
  await interaction.editReply({
    content: `Shared ${plural(result.total, 'result')} in the channel. Only you can page them.`,
  });
  await interaction.followUp({ ...body, allowedMentions: { parse: [] } });
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
  else throw new UserError(EXPIRED_SEARCH);
}

async function turnPage(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void> {
  const [pageText = '', key = '', ...extra] = args;
  if (extra.length > 0 || !/^\d{1,3}$/.test(pageText) || !interaction.isButton()) throw new UserError(EXPIRED_SEARCH);
  const guildId = guildIdOf(interaction);
  const saved = await loadSaved(app, key, guildId);
  const own = saved.userId === interaction.user.id;
  // An ephemeral message can only be clicked by its owner, so anyone else holds a forged id.
  if (!own && !saved.public) throw new UserError(EXPIRED_SEARCH);
  const topic = await savedTopic(app, guildId, saved.params);
  takeSearchBudget(app, interaction.user.id);

  if (!own) {
    // Someone else's public results: their own ephemeral copy, which they can page themselves.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = await runSearch(app, guildId, saved.params, topic, Number(pageText));
    if (result.total === 0) {
      await interaction.editReply({ content: noResultsMessage(saved.params) });
      return;
    }
    const copy = await savedSearches(app).save({
      guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
      public: false,
      params: saved.params,
    });
    await interaction.editReply(resultsMessage(saved.params, copy, result, topic));
    return;
  }

  await interaction.deferUpdate();
  const result = await runSearch(app, guildId, saved.params, topic, Number(pageText));
  if (result.total === 0) {
    await interaction.editReply({ content: noResultsMessage(saved.params), embeds: [], components: [] });
    return;
  }
  await interaction.editReply(resultsMessage(saved.params, key, result, topic));
}

async function openPaper(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void> {
  const [key = '', ...extra] = args;
  if (extra.length > 0 || !interaction.isStringSelectMenu()) throw new UserError(EXPIRED_SEARCH);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const guildId = guildIdOf(interaction);
  const saved = await loadSaved(app, key, guildId);
  if (saved.userId !== interaction.user.id && !saved.public) throw new UserError(EXPIRED_SEARCH);
  const id = parseArxivId(interaction.values[0] ?? '');
  if (id === null) throw new UserError(EXPIRED_SEARCH);
  const paper = await app.store.archive.get(id.id);
  if (paper === null)
    throw new UserError(`arXiv:${id.id} is no longer in the archive. Try \`/paper show id:${id.id}\`.`);
  await interaction.editReply(paperReply(await paperView(app, guildId, paper)));
}

async function loadSaved(app: App, key: string, guildId: string): Promise<SavedSearch> {
  const saved = await savedSearches(app).load(key);
  // Another server's search reads exactly like an expired one: nothing about it is revealed.
  if (saved === null || saved.guildId !== guildId) throw new UserError(EXPIRED_SEARCH);
  return saved;
}

async function savedTopic(app: App, guildId: string, params: SearchParams): Promise<Topic | null> {
  if (params.topic === undefined) return null;
  const topic = (await app.store.state.getGuild(guildId)).topics.find((t) => t.slug === params.topic);
  if (!topic)
    throw new UserError(`The topic ${codeSpan(params.topic)} of this search was removed. Run \`/paper search\` again.`);
  return topic;
}

async function runSearch(
  app: App,
  guildId: string,
  params: SearchParams,
  topic: Topic | null,
  page: number,
): Promise<SearchPageResult> {
  try {
    return await searchPapers(app.store, { guildId, params, topic, page, pageSize: app.defaults.search.pageSize });
  } catch (error) {
    if (error instanceof SearchQueryError) throw new UserError(error.message);
    if (error instanceof QueryParseError) {
      throw new UserError(
        `The topic ${codeSpan(topic?.slug ?? '')} has a query that no longer parses; a moderator can fix it with \`/topic edit\`.`,
      );
    }
    throw error;
  }
}

function readParams(interaction: ChatInputCommandInteraction): SearchParams {
  const options = interaction.options;
  const query = options.getString('query', true).trim();
  if (query === '') throw new UserError('Type something to search for: words, "an exact phrase" or a prefix*.');
  const author = options.getString('author')?.trim();
  const topic = options.getString('topic')?.trim();
  const since = readDateOption(options.getString('since'), 'since');
  const scope = options.getString('scope') ?? 'digests';
  if (!(searchScopes as readonly string[]).includes(scope))
    throw new UserError('`scope` is either `digests` or `all`.');
  const raw = {
    query,
    scope,
    ...(author ? { author } : {}),
    ...(topic ? { topic } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(options.getBoolean('has_code') === true ? { hasCode: true } : {}),
  };
  const parsed = searchParamsSchema.safeParse(raw);
  if (!parsed.success)
    throw new UserError('That search is too long: keep the query under 1,000 characters and the author under 200.');
  return parsed.data;
}

const SCOPE_LABELS: Record<SearchScope, string> = {
  digests: 'posted in this server',
  all: 'whole archive',
};

/** The compact results page: one embed of up to a page of papers, the select, and the page buttons. */
export function resultsMessage(
  params: SearchParams,
  key: string,
  result: SearchPageResult,
  topic: Topic | null,
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
    SCOPE_LABELS[params.scope],
    params.author !== undefined ? `author: ${params.author}` : '',
    params.topic !== undefined ? `topic: ${params.topic}` : '',
    params.since !== undefined ? `since ${params.since}` : '',
    params.hasCode === true ? 'with code' : '',
  ].filter((f) => f !== '');
  const last = first + result.papers.length - 1;
  const count = `${first}–${last} of ${result.total}${result.truncated ? '+' : ''}`;
  const footer = sanitizePlain(
    `Results ${count} · page ${result.page + 1}/${result.pages} · ${filters.join(' · ')}`,
  ).slice(0, 2048);
  const embed: APIEmbed = {
    title: `Search: ${fitText(params.query, 200)}`,
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
          placeholder: 'Open a paper…',
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
          label: 'Previous',
          custom_id: `paper:p:${Math.max(0, result.page - 1)}:${key}`,
          disabled: result.page === 0,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: 'Next',
          custom_id: `paper:p:${Math.min(result.pages - 1, result.page + 1)}:${key}`,
          disabled: result.page >= result.pages - 1,
        },
      ],
    });
  }
  return { content: '', embeds: [embed], components };
}

/** What to say when nothing matched, with the filters worth relaxing. */
export function noResultsMessage(params: SearchParams): string {
  const where = params.scope === 'digests' ? 'among the papers posted in this server' : 'in the archive';
  const tips = [
    params.scope === 'digests' ? '`scope:all` to search the whole archive' : '',
    params.hasCode === true ? 'drop `has_code`' : '',
    params.since !== undefined ? 'an earlier `since` (or none)' : '',
    params.author !== undefined ? 'drop `author` (or give only a last name)' : '',
    params.topic !== undefined ? 'drop `topic`' : '',
    'fewer or more general words, or a prefix such as `contrast*`',
  ].filter((t) => t !== '');
  return `No papers match ${codeSpan(params.query, 100)} ${where}. Try ${tips.join(', ')}.`;
}

function clip(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
