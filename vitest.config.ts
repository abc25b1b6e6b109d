import { defineConfig } from 'vitest/config';

/** `npm test`: every test. `npm run test:unit` (vitest.unit.config.ts) is the fast part of it. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    setupFiles: ['test/helpers/property-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
