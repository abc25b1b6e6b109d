import { parseAny } from '../arxiv/parse-any.js';
import type { RawEntry } from '../arxiv/types.js';
import { UsageError, type Printer } from './common.js';
import { storeSettings, type Env } from '../env.js';
import { cliArxivSource, type CliArxivOptions } from './arxiv.js';
import { cliLogger, elapsed, note, progress } from './output.js';
import { toPaper } from '../papers/normalise.js';
import type { Paper, PaperRecord } from '../papers/paper.js';
import { openStore } from '../store/index.js';
import { SearchQueryError, type Store } from '../store/types.js';
import { errorMessage } from '../errors.js';

async function withStore<T>(env: Env, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(env.DATABASE_URL, storeSettings(env));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function summary(paper: Paper): string {
  const authors =
    paper.authors.length > 3 ? `${paper.authors.slice(0, 3).join(', ')} et al.` : paper.authors.join(', ');
  const extras = [paper.venue, paper.codeUrl].filter(Boolean).join(' · ');
  return `${paper.id}v${paper.version}  ${paper.title}\n    ${authors}${extras ? `\n    ${extras}` : ''}`;
}

/** `import <file>…`: saved API or listing responses → the archive. */
export async function importFiles(
  env: Env,
  files: Array<{ file: string; body: Buffer }>,
  out: Printer,
): Promise<number> {
  const records: PaperRecord[] = [];
  let failures = 0;
  const started = Date.now();
  const bar = files.length > 1 ? progress('files') : null;
  bar?.total(files.length);
  for (const [i, { file, body }] of files.entries()) {
    bar?.update(i);
    let entries: RawEntry[];
    try {
      const doc = parseAny(body);
      entries = doc.kind === 'api' ? doc.feed.entries : doc.listing.entries;
    } catch (error) {
      bar?.stop();
      console.error(`${file}: ${errorMessage(error)}`);
      failures++;
      continue;
    }
    for (const entry of entries) {
      try {
        records.push(toPaper(entry));
      } catch (error) {
        bar?.stop();
        console.error(`${file}: entry ${entry.id}: ${errorMessage(error)}`);
      }
    }
  }
  bar?.update(files.length);
  bar?.stop();
  const counts = await withStore(env, (store) => store.archive.upsert(records));
  for (const { paper } of records) {
    if (out.json) out.record(paper);
    else out.line(summary(paper));
  }
  note(
    `Imported ${records.length} papers (${counts.inserted} new, ${counts.updated} updated) from ${files.length - failures} of ${files.length} files ${elapsed(started, records.length)}.`,
  );
  return failures > 0 ? 1 : 0;
}

/** `fetch`: the latest listing for some categories, or a backfill by submission date. */
export async function fetchPapers(
  env: Env,
  options: { categories: string[]; since: string | undefined },
  out: Printer,
  arxiv: CliArxivOptions = {},
): Promise<number> {
  const log = cliLogger(env);
  const started = Date.now();
  return withStore(env, async (store) => {
    const source = cliArxivSource(env, { log, store: store.state }, arxiv);
    try {
      const categories = options.categories.length > 0 ? options.categories : await categoriesInUse(store);
      if (categories.length === 0) {
        throw new UsageError(
          'fetch needs --category <cat> (for example --category cs.LG), or topics subscribed in some server',
        );
      }
      let records: PaperRecord[];
      if (options.since) {
        const bar = progress('papers');
        try {
          records = await source.searchPapers({
            categories,
            from: options.since,
            to: new Date(),
            onPage: ({ fetched, totalResults }) => {
              bar.total(Math.max(totalResults, fetched));
              bar.update(fetched);
            },
          });
        } finally {
          bar.stop();
        }
      } else {
        const listing = await source.ingestListing({ categories, includeReplacements: false });
        records = listing.papers;
        if (listing.notModified) note('The listing has not changed since the last fetch.');
        const counts = await store.archive.upsert(records);
        await listing.commit();
        report(records, counts, out, started);
        return 0;
      }
      report(records, await store.archive.upsert(records), out, started);
      return 0;
    } finally {
      source.close();
    }
  });
}

function report(
  records: PaperRecord[],
  counts: { inserted: number; updated: number },
  out: Printer,
  started: number,
): void {
  for (const { paper } of records) {
    if (out.json) out.record(paper);
    else out.line(summary(paper));
  }
  note(
    `Fetched ${records.length} papers (${counts.inserted} new, ${counts.updated} updated) ${elapsed(started, records.length)}.`,
  );
}

async function categoriesInUse(store: Store): Promise<string[]> {
  const categories = new Set<string>();
  for (const guildId of await store.state.listGuildIds()) {
    for (const topic of (await store.state.getGuild(guildId)).topics)
      for (const c of topic.categories) categories.add(c);
  }
  return [...categories];
}

/** `search <query>`: ranked full-text search of the archive. */
export async function searchArchive(env: Env, query: string, limit: number, out: Printer): Promise<number> {
  return withStore(env, async (store) => {
    let page;
    try {
      page = await store.archive.search(query, {}, { offset: 0, limit });
    } catch (error) {
      if (error instanceof SearchQueryError) throw new UsageError(error.message);
      throw error;
    }
    for (const { paper, score } of page.hits) {
      if (out.json) out.record({ ...paper, score });
      else out.line(summary(paper));
    }
    note(`${page.total} matching papers${page.total > page.hits.length ? `, showing ${page.hits.length}` : ''}.`);
    return 0;
  });
}
