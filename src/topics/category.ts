/**
 * arXiv categories as topics name them: an archive (`cs`, `hep-th`) or a subject class
 * (`cs.LG`, `cond-mat.stat-mech`).
 */

/** Archives that announce new papers today, and whether they are divided into subject classes. */
const ARCHIVES: ReadonlyMap<string, boolean> = new Map([
  ['astro-ph', true],
  ['cond-mat', true],
  ['cs', true],
  ['econ', true],
  ['eess', true],
  ['gr-qc', false],
  ['hep-ex', false],
  ['hep-lat', false],
  ['hep-ph', false],
  ['hep-th', false],
  ['math', true],
  ['math-ph', false],
  ['nlin', true],
  ['nucl-ex', false],
  ['nucl-th', false],
  ['physics', true],
  ['q-bio', true],
  ['q-fin', true],
  ['quant-ph', false],
  ['stat', true],
]);

/** Every archive a topic may name. */
export const KNOWN_ARCHIVES: readonly string[] = [...ARCHIVES.keys()];

const SYNTAX = /^([a-z]+(?:-[a-z]+)?)(?:\.([a-z]+(?:-[a-z]+)?))?$/;

/**
 * The canonical spelling of a category (`CS.lg` → `cs.LG`, `Cond-Mat.Stat-Mech` →
 * `cond-mat.stat-mech`), or null when it is not an archive or subject class of a known archive.
 */
export function normaliseCategory(input: string): string | null {
  const match = SYNTAX.exec(input.trim().toLowerCase());
  if (!match) return null;
  const archive = match[1] ?? '';
  const subject = match[2];
  const divided = ARCHIVES.get(archive);
  if (divided === undefined) return null;
  if (subject === undefined) return archive;
  if (!divided) return null;
  // Two-letter classes are upper case (cs.LG, astro-ph.EP); longer ones lower (physics.flu-dyn).
  return `${archive}.${subject.length === 2 ? subject.toUpperCase() : subject}`;
}

/** Whether `input` is already a category in its canonical spelling. */
export function isCategory(input: string): boolean {
  return normaliseCategory(input) === input;
}

/** The archive part of a category: `cs.LG` → `cs`, `hep-th` → `hep-th`. */
export function archiveOf(category: string): string {
  const dot = category.indexOf('.');
  return dot < 0 ? category : category.slice(0, dot);
}

/**
 * Whether a topic's category covers a paper's: an archive covers its subject classes
 * (`cs` covers `cs.LG`), a subject class only itself. Case-insensitive.
 */
export function categoryCovers(topicCategory: string, paperCategory: string): boolean {
  const wanted = topicCategory.toLowerCase();
  const have = paperCategory.toLowerCase();
  return wanted === have || (!wanted.includes('.') && archiveOf(have) === wanted);
}
