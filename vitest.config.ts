import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A fixed fast-check seed (FINMATCH_FC_SEED=random explores): see the file.
    setupFiles: ['test/fast-check.setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
