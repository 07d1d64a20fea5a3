import { cpSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * No source maps in the package: they were 10.3 MB of its 15.9 MB (3.8 MB even without
 * `sourcesContent`) and pushed `npm install finmatch` over its 20 MB budget, while the bundles
 * are unminified ES2022 with the sources' names, so stack traces stay readable. Set
 * FINMATCH_SOURCEMAPS=1 to build maps (without `sourcesContent`) for local debugging with
 * `node --enable-source-maps`. See docs/package.md.
 */
const sourcemap = process.env.FINMATCH_SOURCEMAPS === '1';
const withoutSourcesContent: Options['esbuildOptions'] = (options) => {
  options.sourcesContent = false;
  options.minifyWhitespace = true;
  options.minifySyntax = true;
};

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
    sourcemap,
    esbuildOptions: withoutSourcesContent,
    clean: true,
    splitting: true,
    treeshake: true,
    target: 'node20',
    platform: 'node',
    shims: true,
    // The officer console's files ship beside the bundles: `finmatch serve` reads them from dist/console/.
    // So does the GB/T 4754 sector table (src/taxonomy/sectors.ts reads ./data/sectors.json on first use).
    async onSuccess() {
      cpSync('src/serve/console/static', 'dist/console', { recursive: true });
      cpSync('src/taxonomy/data/sectors.json', 'dist/data/sectors.json');
    },
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
    sourcemap,
    esbuildOptions: withoutSourcesContent,
    clean: false,
    target: 'node20',
    platform: 'node',
    shims: true,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
