/**
 * fast-check's defaults for every property of the suite. The seed is fixed, so `npm test`
 * draws the same cases on every run: a change is judged by what it changed, and a run that
 * passed is not failed on the next commit by a new draw (CI failed once that way, on a real
 * bug the draw happened to find: a Porter stem that was a stop word).
 *
 * Exploring is a separate run: `FINMATCH_FC_SEED=random` draws a seed per property (a failure
 * prints it), `FINMATCH_FC_SEED=<integer>` replays one, and `FINMATCH_FC_RUNS=<n>` runs `n`
 * cases per property instead of fast-check's 100 (`npm run test:explore` does both). A
 * property that passes its own `seed` or `numRuns` keeps them.
 */
import fc from 'fast-check';

/** The suite's seed (the day the seed was fixed). */
export const SUITE_SEED = 20261204;

const seedText = process.env.FINMATCH_FC_SEED;
const runsText = process.env.FINMATCH_FC_RUNS;

/** The integer `text` holds (a seed fast-check printed: 32 bits, maybe negative; runs ≥ 1). */
function integerFrom(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new Error(
      `${name} must be an integer in [${min}, ${max}]${name === 'FINMATCH_FC_SEED' ? " or 'random'" : ''}, received ${JSON.stringify(text)}`,
    );
  return n;
}

fc.configureGlobal({
  ...(seedText === 'random'
    ? {}
    : {
        seed:
          seedText === undefined
            ? SUITE_SEED
            : integerFrom('FINMATCH_FC_SEED', seedText, -(2 ** 31), 2 ** 31 - 1),
      }),
  ...(runsText === undefined ? {} : { numRuns: integerFrom('FINMATCH_FC_RUNS', runsText, 1, 1e7) }),
});
