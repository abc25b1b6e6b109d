/**
 * Vitest setup of the "postgres" project (vitest.config.ts): the e2e files run with their bot on PostgreSQL.
 * Without a server every test of a file is skipped, with one printed line, unless env CI is set: then each fails,
 * so that CI never passes without having run them (as describePg in test/store/pg-server.ts does).
 */
import { beforeEach } from 'vitest';
import { PG_ADMIN_URL, pgUnavailable } from '../store/pg-server.js';

if (pgUnavailable !== null) {
  const why = `PostgreSQL at ${PG_ADMIN_URL} does not answer (${pgUnavailable})`;
  const ci = process.env.CI !== undefined && process.env.CI !== '' && !/^(0|false)$/i.test(process.env.CI);
  let told = false;
  beforeEach((context) => {
    if (ci) throw new Error(`${why}; CI must run the e2e tests on PostgreSQL`);
    if (!told) console.log(`skipped on PostgreSQL: ${context.task.file.name} (${why})`);
    told = true;
    context.skip();
  });
}
