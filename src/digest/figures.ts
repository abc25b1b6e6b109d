import { ArxivError } from '../arxiv/types.js';
import type { Logger } from '../log.js';
import type { Paper } from '../papers/paper.js';
import type { GuildState, PaperArchive, Store } from '../store/types.js';
import { indexPaperOnce, topicMatcher } from '../topics/topic.js';
import { errorMessage } from '../errors.js';

/** Where a paper version's first figure comes from (its arXiv HTML page). */
export interface FigureSource {
  /**
   * The figure's URL, or null when the paper has no HTML version or its page no figure.
   * Rejects when the answer is unknown (arXiv busy, a timeout): nothing is stored then.
   */
  findFigure(id: string, version: number): Promise<string | null>;
}

export interface FigureLimits {
  /** Pages fetched per ingest at most; the rest wait for the next ingest. */
  maxLookups: number;
  /** Time spent on pages per ingest at most, ms. */
  budgetMs: number;
}

export interface FigureReport {
  /** Papers the digests will show that have no stored answer yet. */
  wanted: number;
  /** Pages fetched. */
  fetched: number;
  found: number;
  none: number;
  /** Left for the next ingest (cap, budget, arXiv busy, or an unclear answer). */
  left: number;
  /** Why the lookups stopped early, if they did. */
  stopped: string | null;
}

const versionKey = (paper: Paper): string => `${paper.id}v${paper.version}`;

/**
 * The papers whose figures the coming digests will show: for every active subscription whose
 * topic has images on, the papers of `candidates` it would post (matching, best first, up to
 * its cap). Interleaved by rank across topics, so that when lookups are capped every digest
 * gets its best papers' figures first; each paper version once.
 */
export function figureCandidates(guilds: readonly GuildState[], candidates: readonly Paper[]): Paper[] {
  const fresh = candidates.filter((paper) => !paper.withdrawn);
  const lists: Paper[][] = [];
  for (const guild of guilds) {
    const caps = new Map<string, number>();
    for (const sub of guild.subscriptions) {
      if (sub.paused) continue;
      caps.set(sub.topicSlug, Math.max(caps.get(sub.topicSlug) ?? 0, sub.maxPapers));
    }
    for (const topic of guild.topics) {
      const cap = caps.get(topic.slug);
      if (!topic.images || cap === undefined) continue;
      const match = topicMatcher(topic);
      const ranked = fresh
        .map((paper) => ({ paper, score: match(paper, indexPaperOnce(paper)) }))
        .filter((hit): hit is { paper: Paper; score: number } => hit.score !== null)
        .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
      lists.push(ranked.slice(0, cap).map((hit) => hit.paper));
    }
  }
  const seen = new Set<string>();
  const out: Paper[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let rank = 0; rank < longest; rank++) {
    for (const list of lists) {
      const paper = list[rank];
      if (paper === undefined || seen.has(versionKey(paper))) continue;
      seen.add(versionKey(paper));
      out.push(paper);
    }
  }
  return out;
}

/** arXiv is refusing or struggling: stop asking until the next ingest. */
function arxivBusy(error: unknown): boolean {
  if (!(error instanceof ArxivError)) return false;
  return error.code === 'unavailable' || error.code === 'aborted' || error.status === 403 || error.status === 429;
}

/**
 * Look up the figures of `papers` that have no stored answer, one page each, in order, and
 * store each answer (a URL, or null for "none"). Bounded by `limits`; a busy arXiv ends the
 * lookups at once, an unclear answer for one page skips that page. Each page is asked for
 * again only while no answer is stored, so a paper costs one request however many guilds show it.
 */
export async function lookUpFigures(
  deps: { store: Store; source: FigureSource; log: Logger; now: () => Date },
  papers: readonly Paper[],
  limits: FigureLimits,
): Promise<FigureReport> {
  const { store, source, log } = deps;
  const unknown: Paper[] = [];
  for (const paper of papers) {
    if ((await store.archive.getFigure(paper.id, paper.version)) === undefined) unknown.push(paper);
  }
  const report: FigureReport = {
    wanted: unknown.length,
    fetched: 0,
    found: 0,
    none: 0,
    left: unknown.length,
    stopped: null,
  };
  const started = deps.now().getTime();
  for (const paper of unknown) {
    if (report.fetched >= limits.maxLookups) {
      report.stopped = `at most ${limits.maxLookups} pages per ingest`;
      break;
    }
    if (deps.now().getTime() - started >= limits.budgetMs) {
      report.stopped = `time budget of ${Math.round(limits.budgetMs / 1000)} s spent`;
      break;
    }
    report.fetched += 1;
    let url: string | null;
    try {
      url = await source.findFigure(paper.id, paper.version);
    } catch (error) {
      if (arxivBusy(error)) {
        report.stopped = `arXiv busy: ${errorMessage(error)}`;
        break;
      }
      log.warn(
        { id: paper.id, version: paper.version, err: error },
        'figure lookup failed; will ask again at the next ingest',
      );
      continue;
    }
    await store.archive.setFigure(paper.id, paper.version, url);
    report.left -= 1;
    if (url === null) report.none += 1;
    else report.found += 1;
  }
  return report;
}

/** The stored figures of these papers (their current versions) by paper id; papers without one are left out. */
export async function storedFigures(archive: PaperArchive, papers: readonly Paper[]): Promise<Map<string, string>> {
  const figures = new Map<string, string>();
  for (const paper of papers) {
    const url = await archive.getFigure(paper.id, paper.version);
    if (typeof url === 'string') figures.set(paper.id, url);
  }
  return figures;
}
