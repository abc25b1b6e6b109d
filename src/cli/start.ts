import type { BotEnv } from '../env.js';
import { startBot } from '../main.js';
import { cliLogger } from './output.js';

/**
 * `paperboy start`: run until SIGINT/SIGTERM, then shut down cleanly (also when signalled during start-up).
 * A token Discord refuses (401) stops the bot with exit code 1 and says so, rather than running on unable
 * to post anything.
 */
export async function runBot(env: BotEnv): Promise<number> {
  const log = cliLogger(env);
  let signalled: (signal: NodeJS.Signals) => void = () => undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  process.once('SIGINT', signalled);
  process.once('SIGTERM', signalled);

  const bot = await startBot(env, { log });
  const refused = bot.tokenRefused.then(() => null);
  const reason = await Promise.race([signal, refused]);
  if (reason === null) log.fatal('Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN; stopping');
  else log.info({ signal: reason }, 'shutting down');
  try {
    await bot.stop();
    return reason === null ? 1 : 0;
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    return 1;
  }
}
