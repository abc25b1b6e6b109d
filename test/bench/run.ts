/**
 * `npm run bench [-- options] [names…]`: runs test/bench/<name>.bench.ts one after the other, prints one table,
 * and writes BENCHMARKS.md (command, machine, date, the rows by area). Naming modules re-runs only those; the
 * rows of the others are kept from the previous BENCHMARKS.md. Everything after the notes marker is kept as
 * written.
 *
 *   --smoke          sizes 2000, 3 runs; prints only (add --write to write BENCHMARKS.md anyway)
 *   --sizes=a,b,c    archive sizes (default 10000,50000,200000)
 *   --runs=N         repetitions per figure (default 5)
 *   --seed=N         generator seed (default 1)
 *   --members=N      members, for the benchmarks that have them (follows: default 1000)
 *   --guilds=N       guilds of the scale benchmark (default 10000)
 *   --subs=N         subscriptions of the scale benchmark (default 20000)
 *   --no-write       print only
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Connection } from '../../src/store/sqlite/connection.js';
import type { Bench, BenchContext, BenchRow } from './types.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUT = join(ROOT, 'BENCHMARKS.md');
const NOTES_MARKER = '<!-- notes -->';
const RESULTS_START = '<!-- results';
const RESULTS_END = 'results -->';
const DEFAULT_SIZES = [10_000, 50_000, 200_000];

/** What one module produced, kept in BENCHMARKS.md so that a partial run can merge with the previous one. */
interface ModuleResult {
  module: string;
  date: string;
  command: string;
  machine: string;
  sizes: number[];
  runs: number;
  rows: BenchRow[];
}

interface Options {
  smoke: boolean;
  sizes: number[];
  runs: number;
  seed: number;
  members: number | undefined;
  write: boolean;
  names: string[];
  scale: { guilds?: number; subscriptions?: number };
}

class UsageError extends Error {}

function positiveInteger(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new UsageError(`${what} must be a positive whole number, not "${text}"`);
  return value;
}

function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      smoke: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      members: { type: 'string' },
      write: { type: 'boolean' },
      'no-write': { type: 'boolean', default: false },
      guilds: { type: 'string' },
      subs: { type: 'string' },
    },
  });
  const sizes =
    values.sizes?.split(',').map((s) => positiveInteger(s.trim(), '--sizes')) ??
    (values.smoke ? [2000] : DEFAULT_SIZES);
  return {
    smoke: values.smoke,
    sizes,
    runs: values.runs !== undefined ? positiveInteger(values.runs, '--runs') : values.smoke ? 3 : 5,
    seed: values.seed !== undefined ? positiveInteger(values.seed, '--seed') : 1,
    members: values.members !== undefined ? positiveInteger(values.members, '--members') : undefined,
    write: !values['no-write'] && (values.write ?? !values.smoke),
    names: positionals,
    scale: {
      ...(values.guilds !== undefined ? { guilds: positiveInteger(values.guilds, '--guilds') } : {}),
      ...(values.subs !== undefined ? { subscriptions: positiveInteger(values.subs, '--subs') } : {}),
    },
  };
}

async function sqliteVersion(): Promise<string> {
  const c = await Connection.open(':memory:', { busyTimeoutMs: 1000 });
  try {
    return (await c.get<{ v: string }>('SELECT sqlite_version() AS v'))?.v ?? 'unknown';
  } finally {
    await c.close();
  }
}

async function machine(): Promise<{ lines: string[]; summary: string }> {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
  const sqlite = await sqliteVersion();
  const system = `${os.type()} ${os.release()} ${os.arch()}`;
  return {
    lines: [
      `- CPU: ${cpus.length} × ${model}`,
      `- Memory: ${memory}`,
      `- OS: ${system}`,
      `- Node.js: ${process.version}`,
      `- SQLite: ${sqlite} (the project's driver)`,
    ],
    summary: `${cpus.length} cores, ${memory}, Node ${process.version}, SQLite ${sqlite}`,
  };
}

async function discover(): Promise<string[]> {
  return (await readdir(BENCH_DIR))
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => basename(f, '.bench.ts'))
    .sort();
}

function failureRow(module: string, error: unknown): BenchRow {
  const message = error instanceof Error ? error.message : String(error);
  return {
    area: module,
    what: `${module}.bench.ts failed`,
    target: '',
    measured: message.split('\n')[0]?.slice(0, 200) ?? '',
    pass: false,
  };
}

async function runModule(module: string, ctx: BenchContext): Promise<{ rows: BenchRow[]; failed: boolean }> {
  try {
    const loaded = (await import(pathToFileURL(join(BENCH_DIR, `${module}.bench.ts`)).href)) as { bench?: Bench };
    if (typeof loaded.bench !== 'function') throw new Error(`${module}.bench.ts exports no \`bench\` function`);
    const rows = await loaded.bench(ctx);
    if (!Array.isArray(rows)) throw new Error(`${module}.bench.ts returned ${typeof rows}, not rows`);
    return { rows, failed: false };
  } catch (error) {
    console.error(`\n${module}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return { rows: [failureRow(module, error)], failed: true };
  }
}

const passText = (pass: boolean | null): string => (pass === null ? '' : pass ? 'yes' : 'NO');

/** Cell text for a Markdown table: pipes escaped, no line breaks. */
const cell = (text: string | undefined): string => (text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function printTable(rows: readonly BenchRow[]): void {
  const header = ['area', 'what', 'target', 'measured', 'ratio', 'pass'];
  const body = rows.map((r) => [r.area, r.what, r.target, r.measured, r.ratio ?? '', passText(r.pass)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const row of body) console.log(line(row));
  console.log('');
}

/** Rows by area, areas in the order they first appear. */
function byArea(rows: readonly BenchRow[]): Map<string, BenchRow[]> {
  const groups = new Map<string, BenchRow[]>();
  for (const row of rows) groups.set(row.area, [...(groups.get(row.area) ?? []), row]);
  return groups;
}

async function previous(): Promise<{ results: ModuleResult[]; notes: string | null }> {
  if (!existsSync(OUTPUT)) return { results: [], notes: null };
  const text = await readFile(OUTPUT, 'utf8');
  const notesAt = text.indexOf(NOTES_MARKER);
  const notes = notesAt === -1 ? null : text.slice(notesAt + NOTES_MARKER.length);
  const start = text.indexOf(RESULTS_START);
  const end = text.indexOf(RESULTS_END, start);
  if (start === -1 || end === -1) return { results: [], notes };
  try {
    const parsed = JSON.parse(text.slice(start + RESULTS_START.length, end)) as unknown;
    return { results: Array.isArray(parsed) ? (parsed as ModuleResult[]) : [], notes };
  } catch {
    console.error('BENCHMARKS.md: the stored results are unreadable; only this run is written.');
    return { results: [], notes };
  }
}

const DEFAULT_NOTES = `
## Notes

Findings, profiles and explanations go here; \`npm run bench\` keeps this section as written.
`;

function render(
  results: readonly ModuleResult[],
  machineLines: string[],
  command: string,
  notes: string | null,
): string {
  const date =
    results
      .map((r) => r.date)
      .sort()
      .at(-1) ?? new Date().toISOString();
  const rows = results.flatMap((r) => r.rows);
  const out: string[] = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (test/bench/run.ts) from the figures it measured; edit only the notes at the end.',
    'Each figure is the median of several runs; each ratio is measured side by side in the same run. Archives are',
    'generated (test/bench/generate.ts: seeded, realistic arXiv papers) and imported through the bot’s own store.',
    '',
    '## How to run',
    '',
    '```sh',
    'npm run bench                          # every benchmark, archives of 10k, 50k and 200k papers, 5 runs',
    'npm run bench -- search match          # only these; the other rows below are kept',
    'npm run bench -- --smoke               # 2,000 papers, 3 runs, prints only (CI)',
    'npm run bench -- --sizes=10000 --runs=3 --no-write',
    'npm run bench -- follows --members=100 --no-write   # fewer members while developing',
    'npm run bench -- scale --guilds=500 --subs=1000   # the scale run, smaller (default 10,000 / 20,000; needs PostgreSQL)',
    '```',
    '',
    `Last run: \`${command}\` on ${date}. Generated archives are cached in \`.bench-cache/\` (the first run builds them).`,
    '',
    '## Machine',
    '',
    ...machineLines,
    `- Date: ${date}`,
    '',
    '## Results',
  ];
  for (const [area, group] of byArea(rows)) {
    out.push('', `### ${area}`, '', '| what | target | measured | ratio | pass | notes |', '|---|---|---|---|---|---|');
    for (const r of group) {
      out.push(
        `| ${cell(r.what)} | ${cell(r.target)} | ${cell(r.measured)} | ${cell(r.ratio)} | ${passText(r.pass)} | ${cell(r.notes)} |`,
      );
    }
  }
  out.push(
    '',
    '### Where each set of rows comes from',
    '',
    '| module | date | command | sizes | runs | machine |',
    '|---|---|---|---|---|---|',
  );
  for (const r of results) {
    out.push(
      `| ${r.module} | ${r.date} | \`${cell(r.command)}\` | ${r.sizes.join(', ')} | ${r.runs} | ${cell(r.machine)} |`,
    );
  }
  out.push('', RESULTS_START, JSON.stringify(results, null, 1), RESULTS_END, '', NOTES_MARKER);
  return `${out.join('\n')}${notes ?? DEFAULT_NOTES}`;
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`npm run bench: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
  const available = await discover();
  const unknown = options.names.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    console.error(`npm run bench: no benchmark named ${unknown.join(', ')}. Available: ${available.join(', ')}`);
    return 2;
  }
  const modules = options.names.length > 0 ? available.filter((m) => options.names.includes(m)) : available;
  const cacheDir = join(ROOT, '.bench-cache');
  await mkdir(cacheDir, { recursive: true });
  const ctx: BenchContext = {
    sizes: options.sizes,
    runs: options.runs,
    smoke: options.smoke,
    cacheDir,
    seed: options.seed,
    ...(options.members === undefined ? {} : { members: options.members }),
    scale: options.scale,
    log: (message) => console.error(`  ${message}`),
  };
  const command = ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ');
  const host = await machine();
  console.error(
    `benchmarks: ${modules.join(', ')}; sizes ${options.sizes.join(', ')}; ${options.runs} runs; ${host.summary}`,
  );

  const fresh: ModuleResult[] = [];
  let failures = 0;
  for (const module of modules) {
    console.error(`\n▶ ${module}`);
    const started = performance.now();
    const { rows, failed } = await runModule(module, ctx);
    if (failed) failures++;
    console.error(`  ${module}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    fresh.push({
      module,
      date: new Date().toISOString(),
      command,
      machine: host.summary,
      sizes: options.sizes,
      runs: options.runs,
      rows,
    });
  }
  printTable(fresh.flatMap((r) => r.rows));

  if (options.write) {
    const old = await previous();
    const rerun = new Set(fresh.map((r) => r.module));
    // Rows of modules not re-run are kept, as long as the module still exists.
    const kept = old.results.filter((r) => !rerun.has(r.module) && available.includes(r.module));
    const merged = [...kept, ...fresh].sort((a, b) => available.indexOf(a.module) - available.indexOf(b.module));
    await writeFile(OUTPUT, render(merged, host.lines, command, old.notes));
    console.error(`wrote ${OUTPUT}`);
  }
  return failures > 0 ? 1 : 0;
}

// Exit even if a benchmark left a handle open (a socket, a timer): the figures are in.
process.exit(await main(process.argv.slice(2)));
