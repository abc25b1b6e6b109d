import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.js';

/**
 * `npm run test:unit`: the tests that spawn no process and wait on no real timer longer than milliseconds,
 * in under a minute. Left out, by folder: test/cli (runs bin/paperboy.js), test/e2e (the bot process, a
 * browser, crash campaigns) and test/reliability (faults, real back-off and timeouts). Then, by file, the
 * ones measured slow (seconds each; `vitest run --reporter=json` gives the figures).
 */
const SLOW = [
  // Spawns bin/paperboy.js (start, deploy-commands) and waits for it.
  'test/security/token.test.ts',
  // Real timeouts on slow fake-arXiv pages.
  'test/digest/figures.test.ts',
  // The real discord.js client against the fake Discord, for long sessions: gateway reconnects, busy days.
  'test/fakes/fake-discord-gateway.test.ts',
  'test/commands/digest-today.test.ts',
  'test/properties/router.test.ts',
  // A real PostgreSQL server (and a SQLite copy of 200 papers into it).
  'test/store/postgres*.test.ts',
  // Spawns a node process with one libuv thread.
  'test/store/sqlite-turns.test.ts',
  // Follow DMs paced by the fake Discord's rate limits (seconds).
  'test/members/follows-rate-limit.test.ts',
];

export default defineConfig({
  test: {
    ...common,
    // One module cache per worker: these files share no state through modules, and re-importing discord.js and
    // the sources for each of 60 files costs more than the tests themselves.
    isolate: false,
    exclude: [...common.exclude, 'test/cli/**', 'test/e2e/**', 'test/reliability/**', ...SLOW],
  },
});
