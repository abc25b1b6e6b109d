/**
 * Survey of venue and code-link extraction over real arXiv metadata (not a test).
 *
 *   npx tsx test/papers/samples-survey.ts [dir] [--all] [--sample N] [--seed S]
 *
 * Reads the derived JSONL files in `dir` (default: ../shared/arxiv-samples/derived-jsonl next to
 * the repository), dedupes papers by id and prints how many got a venue and a code link, then a
 * seeded random sample of comments with what was extracted, to eyeball precision.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractCodeUrl } from '../../src/papers/code.js';
import { extractVenue, presentationType } from '../../src/papers/venue.js';

interface Sample {
  id: string;
  comment: string | null;
  summary: string;
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const here = fileURLToPath(new URL('.', import.meta.url));
const dir =
  args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ??
  resolve(here, '../../../shared/arxiv-samples/derived-jsonl');
const sampleSize = Number(flag('--sample') ?? 40);
let seed = Number(flag('--seed') ?? 20250428);

if (!existsSync(dir)) {
  console.log(`no samples at ${dir}; nothing to survey`);
  process.exit(0);
}

const papers = new Map<string, Sample>();
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()) {
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as Sample;
    papers.set(row.id, row);
  }
}

// mulberry32: a small seeded generator so that the sample is the same on every run.
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const rows = [...papers.values()].map((p) => ({
  ...p,
  venue: extractVenue(p.comment, null),
  type: presentationType(p.comment),
  code: extractCodeUrl(p.summary, p.comment),
}));
const withComment = rows.filter((r) => r.comment);
const pct = (n: number, d: number): string => `${n} / ${d} (${((100 * n) / Math.max(d, 1)).toFixed(1)}%)`;

console.log(`papers: ${rows.length}, with a comment: ${withComment.length}`);
console.log(`venue: ${pct(rows.filter((r) => r.venue).length, withComment.length)} of commented papers`);
console.log(`presentation type: ${rows.filter((r) => r.type).length}`);
console.log(`code link: ${pct(rows.filter((r) => r.code).length, rows.length)} of papers`);

// Fisher–Yates with the seeded generator.
const shuffled = [...withComment];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j] as (typeof shuffled)[number], shuffled[i] as (typeof shuffled)[number]];
}
const show = args.includes('--all') ? withComment : shuffled.slice(0, sampleSize);
console.log(`\n--- ${show.length} comments -> venue ---`);
for (const r of show) {
  console.log(
    `${(r.venue ?? '·').padEnd(28)} ${r.type ? `[${r.type}] ` : ''}${(r.comment ?? '').replace(/\s+/g, ' ')}`,
  );
}
if (args.includes('--code')) {
  console.log('\n--- code links ---');
  for (const r of rows.filter((x) => x.code)) console.log(`${r.id} ${r.code}`);
}
