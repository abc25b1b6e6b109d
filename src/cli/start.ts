import type { BotEnv } from '../env.js';
import { createLogger } from '../log.js';
import { startBot } from '../main.js';

/** `paperboy start`: run until SIGINT/SIGTERM, then shut down cleanly (also when signalled during start-up). */
export async function runBot(env: BotEnv): Promise<number> {
  const log = createLogger(env.LOG_LEVEL);
  let signalled: (signal: NodeJS.Signals) => void = () => undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  process.once('SIGINT', signalled);
  process.once('SIGTERM', signalled);

  const bot = await startBot(env, { log });
  log.info({ signal: await signal }, 'shutting down');
  try {
    await bot.stop();
    return 0;
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    return 1;
  }
}
