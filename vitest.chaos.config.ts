import { defineConfig } from 'vitest/config';

/**
 * The long reliability runs (`npm run test:chaos`): seeded crash and fault campaigns, and the property tests
 * with ten times their runs (PROPERTY_RUNS, unless set), minutes not seconds.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts', 'test/properties/**/*.test.ts'],
    setupFiles: ['test/helpers/property-setup.ts'],
    env: { PROPERTY_RUNS: process.env['PROPERTY_RUNS'] ?? '10' },
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
