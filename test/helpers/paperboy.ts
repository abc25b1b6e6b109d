/**
 * The one way the tests run the real `bin/paperboy.js` as a child process (the bundle when it is
 * fresh, else the TypeScript sources: see bin/paperboy.js).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export const PAPERBOY_BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PaperboyProcess {
  child: ChildProcess;
  /** `Date.now()` when it was spawned. */
  startedAt: number;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr interleaved as they arrived. */
  output(): string;
  /** Settles when the process has exited and its output is closed. */
  exited: Promise<Exit>;
  /** Send `signal` if it still runs (default SIGKILL); resolves when it has exited. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface SpawnPaperboyOptions {
  /** The whole environment of the process: nothing is inherited but PATH (unless `env` sets it). */
  env: Record<string, string>;
  /** Extra arguments for node itself, before the script. */
  nodeArgs?: readonly string[];
  /** SIGKILL the process if it still runs after this many ms (a process that should have stopped by itself). */
  killAfterMs?: number;
}

/** Spawn `paperboy <args>`. The caller kills it (or waits for `exited`); nothing else outlives the test. */
export function spawnPaperboy(args: readonly string[], options: SpawnPaperboyOptions): PaperboyProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), PAPERBOY_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const startedAt = Date.now();
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  const killer =
    options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    startedAt,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    exited,
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Run `paperboy <args>` to the end: its exit code and what it printed. */
export async function runPaperboy(
  args: readonly string[],
  options: SpawnPaperboyOptions,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnPaperboy(args, options);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
