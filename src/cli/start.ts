import type { BotEnv } from '../env.js';
import { createLogger } from '../log.js';
import { startBot } from '../main.js';

/** `paperboy start`: run until SIGINT/SIGTERM, then shut down cleanly. */
export async function runBot(env: BotEnv): Promise<number> {
  const log = createLogger(env.LOG_LEVEL);
  const bot = await startBot(env, { log });
  return new Promise<number>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'shutting down');
      bot.stop().then(
        () => resolve(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
}
