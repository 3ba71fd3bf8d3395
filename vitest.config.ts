import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/compile-tree.ts'],
    testTimeout: 30_000,
    // Most of the tests' time is protocol timers (lifetimes, pmin/pmax, retransmissions), not
    // CPU: three files side by side on two cores, where the default would run one at a time.
    maxWorkers: 3,
    hookTimeout: 30_000,
  },
});
