import { parseArgs } from 'node:util';
import type { Env } from '../env.js';
import { DatabaseUrlError, parseDatabaseUrl } from '../store/index.js';
import { copySqliteToPostgres, PARTS, type Counts } from '../store/postgres/copy.js';
import { UsageError } from './common.js';
import { progress } from './output.js';
import { errorMessage } from '../errors.js';

const USAGE = 'paperboy migrate --to postgres://user@host:5432/database [--resume] [--batch N]';

function total(counts: Counts): number {
  return PARTS.reduce((n, p) => n + counts[p], 0);
}

/**
 * `migrate --to postgres://…`: copy the SQLite database `DATABASE_URL` names into an empty PostgreSQL database,
 * with a progress bar on stderr when it is a terminal, then one summary line on stdout.
 */
export async function runMigrate(env: Env, args: string[]): Promise<number> {
  let values: { to?: string; resume?: boolean; batch?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { to: { type: 'string' }, resume: { type: 'boolean' }, batch: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${errorMessage(error)}. Usage: ${USAGE}`);
  }
  if (!values.to) throw new UsageError(`migrate needs --to <postgres URL>. Usage: ${USAGE}`);
  const batchSize = values.batch === undefined ? 2000 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    throw new UsageError('--batch takes a whole number from 1 to 50000');
  }
  let source: ReturnType<typeof parseDatabaseUrl>;
  let target: ReturnType<typeof parseDatabaseUrl>;
  try {
    source = parseDatabaseUrl(env.DATABASE_URL);
    target = parseDatabaseUrl(values.to);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new UsageError(error.message);
    throw error;
  }
  if (source.kind !== 'sqlite') {
    throw new UsageError(`migrate copies from a SQLite DATABASE_URL (sqlite://…); DATABASE_URL is ${source.kind}`);
  }
  if (target.kind !== 'postgres') throw new UsageError(`--to takes a postgres:// URL. Usage: ${USAGE}`);

  const started = performance.now();
  const bar = progress('rows');
  try {
    const result = await copySqliteToPostgres(source.path, target.url, {
      resume: values.resume ?? false,
      batchSize,
      onProgress: ({ copied, totals }) => {
        bar.total(total(totals));
        bar.update(Math.min(total(copied), total(totals)));
      },
    });
    bar.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const parts = PARTS.map((p) => `${result.target[p]} ${p}`).join(', ');
    process.stdout.write(
      `Migrated to ${result.target_description}${result.resumed ? ' (resumed)' : ''} in ${seconds} s: ${parts}; counts verified.\n`,
    );
    return 0;
  } catch (error) {
    bar.stop();
    throw error;
  }
}
