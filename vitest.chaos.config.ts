import { defineConfig } from 'vitest/config';

/** The long reliability runs (`npm run test:chaos`): seeded crash and fault campaigns, minutes not seconds. */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
