// The built package the benchmark measures: ../../dist (`npm run build` first), or the build
// directory FINMATCH_BENCH_DIST names (a copy of dist/ that another build cannot replace
// mid-run; bench/prospect.mjs reads the same variable).
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The directory holding index.js, fast.js, cli.cjs and sweep-worker.cjs. */
export const distDir = process.env.FINMATCH_BENCH_DIST
  ? resolve(process.env.FINMATCH_BENCH_DIST)
  : fileURLToPath(new URL('../../dist', import.meta.url));

/** `generateMarket`, `createEnterpriseIndex`, `assign`, `compileAssignmentColumns`… */
export const source = await import(pathToFileURL(`${distDir}/index.js`).href);
/** `finmatch/fast`: `sweep`, `FastSubjectIndex`, `FastCatalogue`… */
export const fastSource = await import(pathToFileURL(`${distDir}/fast.js`).href);
