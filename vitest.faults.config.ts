/**
 * `npm run test:faults`: the server as a real process while PostgreSQL and Redis stop and
 * restart under it (tests/faults/). The files share those two services, so they run one at a time.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
