import type { LookupFunction } from 'node:net';
import { PoliteFetcher, type Clock } from '../arxiv/http.js';
import { createArxivSource, keyValueValidatorCache, type ArxivSource, type KeyValueStore } from '../arxiv/source.js';
import { arxivSettings, type Env } from '../env.js';
import type { Logger } from '../log.js';

/** What a test may put in place of the real network's name resolution and time. */
export interface CliArxivOptions {
  /** Resolves host names (tests simulate a name that does not resolve without leaving 127.0.0.1). */
  lookup?: LookupFunction;
  clock?: Clock;
}

/**
 * arXiv as interactive commands use it: as polite as the bot (one connection, the request interval, back-off on
 * 429/503), but failing at once, with one clear message, on what waiting cannot fix — a host name that does not
 * resolve, a refused connection, a 4xx answer — instead of retrying for minutes.
 */
export function cliArxivSource(
  env: Env,
  deps: { log: Logger; store?: KeyValueStore },
  options: CliArxivOptions = {},
): ArxivSource {
  const settings = arxivSettings(env);
  const fetcher = new PoliteFetcher({
    intervalMs: settings.intervalMs,
    failFast: true,
    logger: deps.log,
    ...(deps.store ? { validators: keyValueValidatorCache(deps.store) } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return createArxivSource({
    ...settings,
    ...(deps.store ? { store: deps.store } : {}),
    autoCommit: false,
    log: deps.log,
    failFast: true,
    fetcher,
  });
}
