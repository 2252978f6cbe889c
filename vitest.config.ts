import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    // They stop and restart PostgreSQL and Redis: `npm run test:faults` (vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, 'tests/faults/**'],
    // Two cores here: run files in parallel, but no more workers than that.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
