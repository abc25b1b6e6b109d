/**
 * The contract between the benchmark runner (`test/bench/run.ts`) and each benchmark module
 * (`test/bench/<area>.bench.ts`). A module exports `bench: Bench`; the runner calls it once, prints the
 * rows as a table and writes them to BENCHMARKS.md.
 */
export interface BenchContext {
  /** Archive sizes to measure (10k, 50k, 200k; smaller in smoke mode). */
  readonly sizes: readonly number[];
  /** Repetitions per figure; every figure reported is the median of this many runs. */
  readonly runs: number;
  /** True for the quick CI-sized run (`npm run bench -- --smoke`). */
  readonly smoke: boolean;
  /** Directory for generated archives and scratch files, reused between runs (gitignored). */
  readonly cacheDir: string;
  readonly seed: number;
  /** Members to simulate, for the benchmarks that have members (`--members=N`); each has its own default. */
  readonly members?: number;
  /** Sizes of the scale benchmark given on the command line (`--guilds`, `--subs`). */
  readonly scale: { readonly guilds?: number; readonly subscriptions?: number };
  log(message: string): void;
}

export interface BenchRow {
  /** Target-table row this figure belongs to, e.g. "search", "import", "parse", "matching". */
  readonly area: string;
  /** What was measured, e.g. "one word, 200k papers". */
  readonly what: string;
  /** The target in words, e.g. "p50 ≤ 5 ms, p95 ≤ 20 ms". Empty for context rows. */
  readonly target: string;
  /** The measured figure, formatted, e.g. "3.1 / 12.4 ms". */
  readonly measured: string;
  /** A same-run ratio, formatted, e.g. "1.12× bare FTS5". */
  readonly ratio?: string;
  /** Whether the target is met; null for context rows without a target. */
  readonly pass: boolean | null;
  readonly notes?: string;
}

export type Bench = (ctx: BenchContext) => Promise<BenchRow[]>;
