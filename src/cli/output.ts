/**
 * How the CLI speaks to people: readable logs on a terminal and JSON elsewhere (or with `--json`), `--quiet` and
 * `--verbose`, progress bars for long commands, and one clear line when a command fails.
 */
import cliProgress from 'cli-progress';
import { chooseLogFormat, createLogger, type LogFormat, type Logger } from '../log.js';
import { UsageError } from './common.js';

/** The CLI's global output flags. */
export interface OutputFlags {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

let flags: OutputFlags = { json: false, quiet: false, verbose: false };

const GLOBAL: Record<string, keyof OutputFlags> = {
  '--quiet': 'quiet',
  '-q': 'quiet',
  '--verbose': 'verbose',
  '-v': 'verbose',
};

/**
 * Read the global flags from the command line: `--quiet`/`-q` and `--verbose`/`-v` are taken out wherever they
 * stand (before `--`); `--json` is noted and left for the command. Returns the remaining arguments.
 */
export function takeGlobalFlags(argv: readonly string[]): string[] {
  const next: OutputFlags = { json: false, quiet: false, verbose: false };
  const rest: string[] = [];
  let ended = false;
  for (const arg of argv) {
    if (!ended && arg === '--') ended = true;
    const flag = ended ? undefined : GLOBAL[arg];
    if (flag) next[flag] = true;
    else rest.push(arg);
    if (!ended && arg === '--json') next.json = true;
  }
  if (next.quiet && next.verbose) throw new UsageError('--quiet and --verbose cannot be used together');
  flags = next;
  return rest;
}

/** The flags {@link takeGlobalFlags} read last. */
export function outputFlags(): OutputFlags {
  return flags;
}

/** The log level: `--verbose` shows debug lines, `--quiet` only warnings and errors; otherwise LOG_LEVEL. */
export function cliLogLevel(envLevel: string, current: OutputFlags = flags): string {
  if (current.verbose) return envLevel === 'trace' ? 'trace' : 'debug';
  if (current.quiet) return ['fatal', 'error', 'silent'].includes(envLevel) ? envLevel : 'warn';
  return envLevel;
}

/** Readable on a terminal, JSON when stderr is not one or with `--json`. */
export function cliLogFormat(current: OutputFlags = flags, stderr: { isTTY?: boolean } = process.stderr): LogFormat {
  return chooseLogFormat({ json: current.json, isTTY: stderr.isTTY });
}

/** The logger every CLI command uses. */
export function cliLogger(env: { LOG_LEVEL: string }): Logger {
  return createLogger(cliLogLevel(env.LOG_LEVEL), { format: cliLogFormat() });
}

/** A note for the person at the terminal (summaries, hints) on stderr; `--quiet` drops it. */
export function note(text: string): void {
  if (!flags.quiet) process.stderr.write(`${text}\n`);
}

/** A progress display: a bar on a terminal, nothing otherwise (and nothing with `--quiet` or `--json`). */
export interface Progress {
  /** Set the total (it may become known only after the first page). */
  total(total: number): void;
  /** Set how many are done. */
  update(done: number): void;
  stop(): void;
}

const silentProgress: Progress = { total: () => undefined, update: () => undefined, stop: () => undefined };

/**
 * A progress bar with counts, rate and time left, for `what` ("papers", "files"); drawn only on a terminal and
 * cleared when done, so that the summary line that follows stands alone.
 */
export function progress(what: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || flags.quiet || flags.json) return silentProgress;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `{bar} {value}/{total} ${what} · {rate}/s · {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let total = 0;
  let running = false;
  const rate = (done: number): string => (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
  return {
    total(value) {
      total = value;
      if (!running) {
        bar.start(value, 0, { rate: '0.0' });
        running = true;
      } else bar.setTotal(value);
    },
    update(done) {
      if (!running) this.total(Math.max(total, done));
      bar.update(done, { rate: rate(done) });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/** `N things in 1.2 s (34.5/s)`: the end of a summary line. */
export function elapsed(startedAt: number, count: number, now = Date.now()): string {
  const seconds = Math.max(0, now - startedAt) / 1000;
  const rate = seconds > 0 ? ` (${(count / seconds).toFixed(1)}/s)` : '';
  return `in ${seconds.toFixed(1)} s${rate}`;
}

/**
 * A command failed unexpectedly. On a terminal: one line (`--verbose` adds the log entry with the stack). As JSON
 * (stderr not a terminal, or `--json`): the fatal log entry, then the line, as log collectors expect.
 */
export function reportFailure(error: unknown, env: { LOG_LEVEL: string }): void {
  const message = error instanceof Error ? error.message : String(error);
  const log = cliLogger(env);
  if (cliLogFormat() === 'json') log.fatal({ err: error }, 'command failed');
  else log.debug({ err: error }, 'command failed');
  process.stderr.write(`paperboy: ${message}\n`);
}
