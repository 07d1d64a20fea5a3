/**
 * Paired randomisation (permutation) test over per-query values.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { createRandom } from '../../util/random.js';
import {
  DEFAULT_RANDOMISATION_TRIALS,
  DEFAULT_SEED,
  RANDOMISATION_TOLERANCE,
} from '../defaults.js';
import { pairedDifferences } from './t-test.js';

/** Options of {@link pairedRandomisationTest}. */
export interface RandomisationOptions {
  /** Random sign flips drawn. Integer ≥ 1, default {@link DEFAULT_RANDOMISATION_TRIALS} (10,000). */
  trials?: number;
  /** Seed of the random source; the same seed gives the same p-value. Default {@link DEFAULT_SEED}. */
  seed?: number | string;
}

/** Result of {@link pairedRandomisationTest}. */
export interface RandomisationResult {
  /** Mean of `a[i] − b[i]`. */
  meanDiff: number;
  /** Two-sided p-value, (count + 1) / (trials + 1). */
  pValue: number;
  /** Trials drawn. */
  trials: number;
}

/**
 * Paired two-sided randomisation test (Fisher; Smucker, Allan & Carterette, CIKM 2007).
 * Under H0 the labels "a" and "b" of each query are exchangeable, so each trial flips the
 * sign of every difference with probability ½ and records whether |mean| is at least the
 * observed |mean|. The p-value (count + 1) / (trials + 1) counts the observed assignment
 * as one of the permutations, so it is never 0 (Phipson & Smyth 2010).
 *
 * @throws An {@link OptionError} for unequal lengths, fewer than 1 pair, or a bad `trials`.
 */
export function pairedRandomisationTest(
  a: readonly number[],
  b: readonly number[],
  options: RandomisationOptions = {},
): RandomisationResult {
  const trials = options.trials ?? DEFAULT_RANDOMISATION_TRIALS;
  if (!Number.isSafeInteger(trials) || trials < 1) {
    throw new OptionError('trials', `trials must be an integer ≥ 1, received ${String(trials)}`);
  }
  const diffs = pairedDifferences(a, b, 1);
  const n = diffs.length;
  const observedSum = diffs.reduce((s, d) => s + d, 0);
  const threshold = Math.abs(observedSum) * (1 - RANDOMISATION_TOLERANCE);
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  let extreme = 0;
  for (let t = 0; t < trials; t++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += random.next() < 0.5 ? -diffs[i]! : diffs[i]!;
    if (Math.abs(sum) >= threshold) extreme++;
  }
  return { meanDiff: observedSum / n, pValue: (extreme + 1) / (trials + 1), trials };
}
