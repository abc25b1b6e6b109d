import { defineConfig } from 'vitest/config';

/**
 * The e2e delivery, crash and follow tests, and the deletion of a member's data, run a second time with the bot on
 * PostgreSQL (project "postgres"): the machine's server at 127.0.0.1:5432, one throwaway database per test world
 * (test/helpers/bot.ts).
 */
export const POSTGRES_E2E = [
  'test/e2e/delivery.test.ts',
  'test/e2e/crash.test.ts',
  'test/e2e/crash-campaign.test.ts',
  'test/e2e/schedule-catch-up.test.ts',
  'test/e2e/channel-gone.test.ts',
  'test/e2e/venue-updates.test.ts',
  'test/e2e/venue-crash.test.ts',
  'test/e2e/follows.test.ts',
  'test/commands/privacy.test.ts',
];

/** What every run of the suite shares; vitest.unit.config.ts starts from it too. */
export const common = {
  include: ['test/**/*.test.ts'],
  exclude: ['test/bench/**', 'node_modules/**'],
  setupFiles: ['test/helpers/property-setup.ts'],
  testTimeout: 20_000,
  hookTimeout: 20_000,
  pool: 'forks' as const,
};

/**
 * `npm test`: every test (project "default"), and the e2e delivery and crash tests again on PostgreSQL (project
 * "postgres"; skipped with a printed line when no server answers, failed under CI). `--project default` runs
 * only the first.
 */
export default defineConfig({
  test: {
    // Each project spelled out in full: a project extending this file would get its arrays (include,
    // setupFiles) concatenated with these, not replaced.
    projects: [
      { test: { ...common, name: 'default' } },
      {
        test: {
          ...common,
          name: 'postgres',
          include: POSTGRES_E2E,
          setupFiles: [...common.setupFiles, 'test/helpers/postgres-setup.ts'],
          env: { PAPERBOY_TEST_DATABASE: 'postgres' },
        },
      },
    ],
  },
});
