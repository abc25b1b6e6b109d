import type { BotEnv } from '../env.js';
import { startBot } from '../main.js';
import type { Role } from '../cluster/roles.js';
import { cliLogger } from './output.js';

/** The distributed mode's process: its role, and for a gateway its shards. */
export interface RoleOptions {
  role: Role;
  shards: number | 'auto';
  shardIds?: number[];
}

interface Running {
  stop(): Promise<void>;
  tokenRefused: Promise<void>;
}

/**
 * `paperboy start [--role …]`: run until SIGINT/SIGTERM, then shut down cleanly (also when signalled during
 * start-up). A token Discord refuses (401) stops the process with exit code 1 and says so, rather than running
 * on unable to post anything.
 */
export async function runBot(env: BotEnv, roleOptions?: RoleOptions): Promise<number> {
  const base = cliLogger(env);
  const log = roleOptions
    ? base.child({
        role: roleOptions.role,
        ...(roleOptions.role === 'gateway' ? { shards: roleOptions.shardIds ?? roleOptions.shards } : {}),
      })
    : base;
  let signalled: (signal: NodeJS.Signals) => void = () => undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  // Kept for the whole run (not `once`): a signal repeated during the shutdown must not kill the process
  // half-way, as Node's default action would once no listener is left.
  let received = false;
  const onSignal = (name: NodeJS.Signals) => {
    if (received) log.info({ signal: name }, 'already shutting down');
    received = true;
    signalled(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let bot: Running;
  if (!roleOptions) {
    bot = await startBot(env, { log });
  } else {
    const { startGateway, startWorker } = await import('../cluster/roles.js');
    const cluster = { log, leaseMs: env.PAPERBOY_LEADER_LEASE_MS };
    bot =
      roleOptions.role === 'gateway'
        ? await startGateway(
            env,
            { shards: roleOptions.shards, ...(roleOptions.shardIds ? { shardIds: roleOptions.shardIds } : {}) },
            cluster,
          )
        : await startWorker(env, cluster);
  }
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
