// Where the built package the benchmark measures is: ../../dist (`npm run build` first), or the
// build directory FINMATCH_BENCH_DIST names (a copy of dist/ that another build cannot replace
// mid-run). Imports nothing, so a fresh child process can read it before it loads finmatch.
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The directory holding index.js, fast.js, cli.cjs and sweep-worker.cjs. */
export const distDir = process.env.FINMATCH_BENCH_DIST
  ? resolve(process.env.FINMATCH_BENCH_DIST)
  : fileURLToPath(new URL('../../dist', import.meta.url));

/** The URL of `entry` (e.g. `index.js`) in {@link distDir}, for `import()`. */
export const distEntry = (entry) => pathToFileURL(`${distDir}/${entry}`).href;
