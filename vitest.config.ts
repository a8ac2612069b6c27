// The repository-level benchmarks (bench/*.bench.ts); each package has its own config and tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [],
    // The build benchmark copies the working tree with every node_modules (the generators' among
    // them) and removes it at the end, which takes far longer than the default 10 s on a busy machine.
    hookTimeout: 600_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
