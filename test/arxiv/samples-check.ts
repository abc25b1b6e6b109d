/**
 * Parses every real arXiv response under ../shared/arxiv-samples and prints what came out.
 * A manual check, not a test: `npx tsx test/arxiv/samples-check.ts [samples dir]`.
 * Exits 0 without doing anything when the samples are not there.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAny } from '../../src/arxiv/parse-any.js';
import { ArxivError, type RawEntry } from '../../src/arxiv/types.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '../../../shared/arxiv-samples'));

if (!existsSync(root)) {
  console.log(`samples-check: ${root} not found, skipping`);
  process.exit(0);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(root)
  .filter((f) => /[/\\](api|rss-new|rss-old)[/\\]/.test(f))
  .filter((f) => /\.(xml|atom)$/.test(f))
  .sort();

function tally(entries: RawEntry[]): string {
  const byType = new Map<string, number>();
  for (const e of entries) byType.set(e.announceType ?? '-', (byType.get(e.announceType ?? '-') ?? 0) + 1);
  const types = [...byType].map(([t, n]) => `${t}:${n}`).join(' ');
  const withComment = entries.filter((e) => e.comment !== null).length;
  const withDoi = entries.filter((e) => e.doi !== null).length;
  const withJref = entries.filter((e) => e.journalRef !== null).length;
  const noTitle = entries.filter((e) => e.title.trim() === '').length;
  const noAuthors = entries.filter((e) => e.authors.length === 0).length;
  const nonAscii = entries.filter((e) => /[\u0080-\uffff]/.test(e.authors.join(''))).length;
  return `types[${types}] comment:${withComment} doi:${withDoi} jref:${withJref} emptyTitle:${noTitle} noAuthors:${noAuthors} nonAsciiAuthors:${nonAscii}`;
}

let failures = 0;
let total = 0;
const seen = new Set<string>();
for (const file of files) {
  const name = relative(root, file);
  try {
    const doc = parseAny(readFileSync(file));
    if (doc.kind === 'api') {
      const { entries, skipped, totalResults, startIndex, itemsPerPage } = doc.feed;
      total += entries.length;
      for (const e of entries) seen.add(e.id);
      console.log(
        `${name}: api entries=${entries.length} skipped=${skipped.length} total=${totalResults} start=${startIndex} perPage=${itemsPerPage} ${tally(entries)}`,
      );
      for (const s of skipped) console.log(`  skipped #${s.index} ${s.id ?? '?'}: ${s.reason}`);
    } else {
      const { entries, skipped, date, format, title } = doc.listing;
      total += entries.length;
      console.log(
        `${name}: ${format} date=${date} entries=${entries.length} skipped=${skipped.length} "${title.slice(0, 40)}" ${tally(entries)}`,
      );
      for (const s of skipped) console.log(`  skipped #${s.index} ${s.id ?? '?'}: ${s.reason}`);
    }
  } catch (error) {
    if (error instanceof ArxivError && error.code === 'api-error') {
      console.log(`${name}: arXiv error (expected for error samples): ${error.message.slice(0, 100)}`);
    } else {
      failures += 1;
      console.log(`${name}: FAILED ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
}
console.log(`\n${files.length} files, ${total} entries (${seen.size} distinct API ids), ${failures} failures`);
process.exitCode = failures > 0 ? 1 : 0;
