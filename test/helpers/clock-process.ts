/**
 * The real bot process (`bin/paperboy.js start`) with its clock set: it starts at a given instant and runs
 * at the normal rate (test/helpers/clock-preload.mjs). For what depends on the time between starts, such
 * as the catch-up of a firing missed while the bot was down.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
const PRELOAD = pathToFileURL(new URL('./clock-preload.mjs', import.meta.url).pathname).href;
/** The bot's log line once the gateway session is READY and the guilds are in (src/main.ts). */
const READY_MESSAGE = 'connected to Discord';

export interface ClockedBot {
  /** Real time (epoch ms) at which the bot logged that it is connected; rejects if it exits first. */
  ready: Promise<number>;
  stderr(): string;
  /** Send a signal and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Start the bot with its clock at `clock` (ISO); `env` as for `bin/paperboy.js` (LOG_LEVEL info or lower). */
export function startClockedBot(env: Record<string, string>, clock: string): ClockedBot {
  const child = spawn(process.execPath, ['--import', PRELOAD, BIN, 'start'], {
    env: { ...env, PAPERBOY_TEST_CLOCK: clock },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<number>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(READY_MESSAGE)) resolve(Date.now());
    });
    void exited.then((code) =>
      reject(new Error(`the bot exited (${code}) before it was ready:\n${stderr.slice(-2000)}`)),
    );
  });
  ready.catch(() => undefined);
  return {
    ready,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
