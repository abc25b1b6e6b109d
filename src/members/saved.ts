/**
 * A member's reading list: papers saved from a digest message's "Save…" select (in a server or in the member's
 * DMs) or from `/paper show`, listed by `/paper saved list` and exported as BibTeX. Private to its member: every
 * function here acts on the member who asked and nobody else.
 *
 * What a select sends is untrusted (a forged or stale message can carry anything): each value must be a
 * versionless arXiv id, exactly as Paperboy writes it, of a paper the archive holds; otherwise nothing is saved.
 */
import { UserError } from '../errors.js';
import { codeSpan } from '../format.js';
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from '../i18n/index.js';
import { parseArxivId } from '../papers/ids.js';
import type { Paper } from '../papers/paper.js';
import { MemberBudget } from '../search/rate-limit.js';
import type { PaperArchive, SavedPaper, StateStore } from '../store/types.js';
import { keepLocale } from './service.js';

/** Papers a reading list holds at most. */
export const MAX_SAVED = 500;
/** Papers one save names at most (a select's options). */
export const MAX_PER_SAVE = 25;
/** Saves (a select choice or a Save button) a member may make per minute, in this process. */
export const SAVES_PER_MINUTE = 20;

const saveBudget = new MemberBudget<object>(() => SAVES_PER_MINUTE, 60_000);

/**
 * Count one save for the member in this running app (`owner`), or refuse with how long to wait.
 * @throws UserError past {@link SAVES_PER_MINUTE}.
 */
export function takeSave(owner: { now(): Date }, userId: string): void {
  const verdict = saveBudget.take(owner, userId, owner.now().getTime());
  if (!verdict.ok) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw UserError.of('paper.saveTooFast', { seconds });
  }
}

/**
 * The distinct versionless arXiv ids of a selection, in order.
 * @throws UserError for an empty or oversized selection, or a value that is not a versionless arXiv id.
 */
export function checkPaperIds(values: readonly string[]): string[] {
  const ids = [...new Set(values)];
  if (ids.length === 0 || ids.length > MAX_PER_SAVE) throw UserError.of('paper.notPapers');
  for (const value of ids) {
    const parsed = value.length <= 64 ? parseArxivId(value) : null;
    if (parsed === null || parsed.version !== null || parsed.id !== value)
      throw UserError.of('paper.notPapersId', { value: codeSpan(value, 40) });
  }
  return ids;
}

export interface SaveContext {
  state: StateStore;
  archive: Pick<PaperArchive, 'getMany'>;
  userId: string;
  /** The server the save came from; null in the member's DMs. */
  guildId: string | null;
  now: Date;
  /** The member's supported Discord language, kept for their DMs. */
  locale?: Locale | null;
}

export interface SaveResult {
  /** Newly on the list, in the order asked. */
  added: Paper[];
  /** Already on the list before. */
  already: Paper[];
  /** Left out: the list was full. */
  full: Paper[];
  /** Papers on the list now. */
  total: number;
}

/**
 * Save papers (by versionless id) to the member's reading list: each once, up to {@link MAX_SAVED}. Every id is
 * checked first; one unknown id saves nothing.
 * @throws UserError when a value is no arXiv id or the archive does not hold the paper.
 */
export async function savePapers(ctx: SaveContext, values: readonly string[]): Promise<SaveResult> {
  const ids = checkPaperIds(values);
  const papers = await ctx.archive.getMany(ids);
  const missing = ids.filter((id) => !papers.has(id));
  if (missing.length > 0) throw UserError.of('paper.notPapersArchived', { ids: codeSpan(missing.join(', '), 60) });
  const wanted = ids.map((id) => papers.get(id)!);
  return ctx.state.updateMember(ctx.userId, (member) => {
    keepLocale(member, ctx.locale);
    const result: SaveResult = { added: [], already: [], full: [], total: 0 };
    const have = new Set(member.saved.map((s) => s.paperId));
    for (const paper of wanted) {
      if (have.has(paper.id)) result.already.push(paper);
      else if (member.saved.length >= MAX_SAVED) result.full.push(paper);
      else {
        member.saved.push({ paperId: paper.id, at: ctx.now.toISOString(), guildId: ctx.guildId });
        have.add(paper.id);
        result.added.push(paper);
      }
    }
    result.total = member.saved.length;
    return result;
  });
}

/**
 * Take papers off the member's reading list; the ids that were on it.
 * @throws UserError when a value is no arXiv id.
 */
export async function unsavePapers(
  state: StateStore,
  userId: string,
  values: readonly string[],
  locale: Locale | null = null,
): Promise<string[]> {
  const ids = new Set(checkPaperIds(values));
  const member = await state.getMember(userId);
  // Nothing to write (a stale select): no write, and no empty member record created.
  if (!member.saved.some((s) => ids.has(s.paperId))) return [];
  return state.updateMember(userId, (m) => {
    keepLocale(m, locale);
    const removed = m.saved.filter((s) => ids.has(s.paperId)).map((s) => s.paperId);
    m.saved = m.saved.filter((s) => !ids.has(s.paperId));
    return removed;
  });
}

/** The reading list, newest first. */
export function newestFirst(saved: readonly SavedPaper[]): SavedPaper[] {
  return [...saved].reverse();
}

/** Characters of titles one line of a save's answer lists before "and N more". */
const NAMES_BUDGET = 400;

/** Titles joined with "; " up to a budget, then "and N more": an answer stays far below Discord's 2,000. */
function listNames(papers: readonly Paper[], title: (paper: Paper) => string, t: Translate): string {
  const shown: string[] = [];
  let length = 0;
  for (const paper of papers) {
    const name = title(paper);
    if (shown.length > 0 && length + name.length > NAMES_BUDGET) break;
    shown.push(name);
    length += name.length + 2;
  }
  const more = papers.length - shown.length;
  return shown.join(t('paper.titleSeparator')) + (more > 0 ? t('paper.andMore', { count: more }) : '');
}

/**
 * What a member is told after a save: what was saved, what was there already, what did not fit, and `hint`
 * (where the list is). `title` renders one paper's title, already made inert.
 */
export function describeSave(
  result: SaveResult,
  title: (paper: Paper) => string,
  hint: string,
  t: Translate = translator(DEFAULT_LOCALE),
): string {
  const lines: string[] = [];
  const { added, already, full } = result;
  if (added.length > 0) lines.push(t('paper.savedTo', { count: added.length, titles: listNames(added, title, t) }));
  if (already.length > 0) lines.push(t('paper.alreadySaved', { titles: listNames(already, title, t) }));
  if (full.length > 0)
    lines.push(t('paper.listFull', { max: MAX_SAVED, count: full.length, titles: listNames(full, title, t) }));
  lines.push(t('paper.hintTotal', { hint, count: result.total }));
  return lines.join('\n');
}
