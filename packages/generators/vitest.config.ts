import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One file per generator, each mostly CPU (generating, tsc): two at a time use both cores.
    maxWorkers: 2,
    // Generating, type-checking and starting Prism take seconds each, many more on a loaded
    // machine; the tests wait on events, so these bounds only stop a hung test.
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
