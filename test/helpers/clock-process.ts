/**
 * The real bot process (`bin/paperboy.js start`) with its clock set: it starts at a given instant and runs
 * at the normal rate (test/helpers/clock-preload.mjs). For what depends on the time between starts, such
 * as the catch-up of a firing missed while the bot was down.
 */
import { pathToFileURL } from 'node:url';
import { spawnPaperboy } from './paperboy.js';

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
  const bot = spawnPaperboy(['start'], {
    env: { ...env, PAPERBOY_TEST_CLOCK: clock },
    nodeArgs: ['--import', PRELOAD],
  });
  const ready = new Promise<number>((resolve, reject) => {
    bot.child.stderr?.on('data', () => {
      if (bot.stderr().includes(READY_MESSAGE)) resolve(Date.now());
    });
    void bot.exited.then(({ code }) =>
      reject(new Error(`the bot exited (${code}) before it was ready:\n${bot.stderr().slice(-2000)}`)),
    );
  });
  ready.catch(() => undefined);
  return {
    ready,
    stderr: () => bot.stderr(),
    async stop(signal = 'SIGTERM') {
      return (await bot.kill(signal)).code;
    },
  };
}
