// The repository-level benchmarks (bench/*.bench.ts); each package has its own config and tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
