import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      text: 'src/text/index.ts',
      eval: 'src/eval/index.ts',
      fast: 'src/batch/index.ts',
      serve: 'src/serve/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    target: 'node20',
    platform: 'node',
    shims: true,
  },
  {
    // The CLI and the sweep and serve workers are internal entry points: CJS only, no declarations.
    entry: {
      cli: 'src/cli/main.ts',
      'sweep-worker': 'src/batch/sweep-worker.ts',
      'serve-worker': 'src/serve/engine/worker.ts',
    },
    format: ['cjs'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    shims: true,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
