// The modules the benchmark needs beyond `finmatch/fast`, imported from the built package
// (`npm run build` first): the market generator and the assignment algorithms.
import * as root from '../../dist/index.js';

/** `generateMarket`, `marketCounts`, `assign`, `stableAssignment`, `compileAssignmentColumns`… */
export const source = root;
