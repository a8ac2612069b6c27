import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Loading Prism takes seconds, many more on a loaded machine, and every command test and every
    // test file starts it anew; the tests wait on events, so these bounds only stop a hung test.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
