/**
 * One paper by arXiv id, for `/paper show`, the "Post in channel" button and the search results'
 * "Open a paper": from the archive, or fetched from arXiv (and archived) when the archive does
 * not have it or has an older version than asked for.
 */
import type { PaperSource } from '../app.js';
import { UserError } from '../errors.js';
import { DEFAULT_LOCALE, translator, type Translate } from '../i18n/index.js';
import { codeSpan } from '../format.js';
import type { Logger } from '../log.js';
import { parseArxivId } from '../papers/ids.js';
import type { Paper } from '../papers/paper.js';
import type { GuildSettings, Store } from '../store/types.js';
import { MemberBudget } from './rate-limit.js';

export interface PaperLookupDeps {
  store: Pick<Store, 'state' | 'archive'>;
  arxiv: Pick<PaperSource, 'fetchPapers'>;
  log: Pick<Logger, 'warn'>;
  settingsFor(guildId: string, stored: GuildSettings | null): GuildSettings;
  /** The bot's clock: stamps a venue event a fetched newer version brings. */
  now?: () => Date;
}

/** How a paper is shown in a server: its abstract length and its cached figure (never fetched here). */
export interface PaperView {
  paper: Paper;
  abstractLength: number;
  /** The paper's first figure, when an earlier digest already looked it up. */
  image: string | null;
  /** Said above the paper: which version is shown when another was asked for. */
  note: string | undefined;
}

/** The paper as this server shows it, with a note (in `t`'s language) when `askedVersion` is not the version shown. */
export async function paperView(
  deps: Pick<PaperLookupDeps, 'store' | 'settingsFor'>,
  guildId: string,
  paper: Paper,
  askedVersion: number | null = null,
  t: Translate = translator(DEFAULT_LOCALE),
): Promise<PaperView> {
  const settings = deps.settingsFor(guildId, (await deps.store.state.getGuild(guildId)).settings);
  const image = (await deps.store.archive.getFigure(paper.id, paper.version)) ?? null;
  return { paper, abstractLength: settings.abstractLength, image, note: versionNote(paper, askedVersion, t) };
}

/**
 * The paper `raw` names (an id or an arXiv link), as this server shows it. Calls `beforeFetch`
 * once before asking arXiv, which may take seconds (one polite connection).
 * @throws UserError for text that is not an id, a paper arXiv does not have, or arXiv not answering.
 */
export async function lookupPaper(
  deps: PaperLookupDeps,
  guildId: string,
  raw: string,
  beforeFetch: () => Promise<void> = () => Promise.resolve(),
  t: Translate = translator(DEFAULT_LOCALE),
): Promise<PaperView> {
  const wanted = parseArxivId(raw);
  if (wanted === null) throw UserError.of('paper.notAnId', { id: codeSpan(raw, 80) });

  const archived = await deps.store.archive.get(wanted.id);
  const stale = archived !== null && wanted.version !== null && archived.version < wanted.version;
  if (archived !== null && !stale) return paperView(deps, guildId, archived, wanted.version, t);

  await beforeFetch();
  let fetched;
  try {
    fetched = (await deps.arxiv.fetchPapers([wanted.id])).find((r) => r.paper.id === wanted.id);
  } catch (error) {
    deps.log.warn({ err: error, id: wanted.id }, 'paper lookup: arXiv did not answer');
    throw UserError.of('paper.arxivDown', { id: codeSpan(wanted.id) });
  }
  if (fetched === undefined) {
    if (archived !== null) return paperView(deps, guildId, archived, wanted.version, t);
    throw UserError.of('paper.noSuchPaper', { id: wanted.id });
  }
  await deps.store.archive.upsert([fetched], { at: deps.now?.() ?? new Date() });
  const paper = (await deps.store.archive.get(wanted.id)) ?? fetched.paper;
  return paperView(deps, guildId, paper, wanted.version, t);
}

/** An archived paper by id (no arXiv request), or null when the text is no id or the paper is not archived. */
export async function archivedPaper(deps: Pick<PaperLookupDeps, 'store'>, raw: string): Promise<Paper | null> {
  const wanted = parseArxivId(raw);
  return wanted === null ? null : deps.store.archive.get(wanted.id);
}

function versionNote(paper: Paper, version: number | null, t: Translate): string | undefined {
  if (version === null || version === paper.version) return undefined;
  const versions = { shown: paper.version, asked: version };
  return version < paper.version ? t('paper.olderAsked', versions) : t('paper.newerAsked', versions);
}

/** Public shares a member may make per minute: "Post in channel" writes to the channel for everyone. */
export const SHARES_PER_MINUTE = 3;
const shareBudget = new MemberBudget<object>(() => SHARES_PER_MINUTE, 60_000);

/**
 * Count one share for the member in this running app (`owner`), or refuse with how long to wait.
 * @throws UserError when the member is over {@link SHARES_PER_MINUTE}.
 */
export function takeShare(owner: { now(): Date }, userId: string): void {
  const verdict = shareBudget.take(owner, userId, owner.now().getTime());
  if (!verdict.ok) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw UserError.of('paper.shareTooFast', { seconds });
  }
}
