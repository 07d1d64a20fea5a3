// The built package the benchmark measures (see dist.mjs for which build that is), loaded.
import { distDir, distEntry } from './dist.mjs';

export { distDir };
/** `generateMarket`, `createEnterpriseIndex`, `assign`, `compileAssignmentColumns`… */
export const source = await import(distEntry('index.js'));
/** `finmatch/fast`: `sweep`, `FastSubjectIndex`, `FastCatalogue`… */
export const fastSource = await import(distEntry('fast.js'));
