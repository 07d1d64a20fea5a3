/**
 * Paired Student t-test over per-query values.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { studentTTwoSidedP } from './special.js';

/** Result of {@link pairedTTest}. */
export interface TTestResult {
  /** Mean of `a[i] − b[i]`. */
  meanDiff: number;
  /** The t statistic: meanDiff / (sd / √n). ±Infinity when every difference is equal and non-zero. */
  t: number;
  /** Degrees of freedom, n − 1. */
  df: number;
  /** Two-sided p-value. 1 when every difference is 0, 0 when every difference is the same non-zero value. */
  pValue: number;
}

/**
 * Paired two-sided t-test of H0: mean(a − b) = 0, as `scipy.stats.ttest_rel` computes it
 * (sample standard deviation with n − 1). The p-value comes from the Student t CDF via the
 * regularised incomplete beta function.
 *
 * @throws An {@link OptionError} when the arrays differ in length, hold fewer than 2 pairs or
 *   a value that is not finite.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): TTestResult {
  const diffs = pairedDifferences(a, b, 2);
  const n = diffs.length;
  const meanDiff = diffs.reduce((s, d) => s + d, 0) / n;
  let ss = 0;
  for (const d of diffs) ss += (d - meanDiff) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const df = n - 1;
  // With every difference equal the variance is 0 (up to rounding): no evidence either way
  // when they are all 0, certainty when they are all the same non-zero value.
  if (sd <= 1e-15 * Math.max(1, Math.abs(meanDiff))) {
    if (meanDiff === 0 || diffs.every((d) => d === 0)) return { meanDiff: 0, t: 0, df, pValue: 1 };
    return {
      meanDiff,
      t: meanDiff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
      df,
      pValue: 0,
    };
  }
  const t = meanDiff / (sd / Math.sqrt(n));
  return { meanDiff, t, df, pValue: studentTTwoSidedP(t, df) };
}

/** `a[i] − b[i]`, after checking the inputs. */
export function pairedDifferences(
  a: readonly number[],
  b: readonly number[],
  minPairs: number,
): number[] {
  if (a.length !== b.length) {
    throw new OptionError(
      'b',
      `paired samples must have the same length (${a.length} and ${b.length})`,
    );
  }
  if (a.length < minPairs) {
    throw new OptionError(
      'a',
      `a paired test needs at least ${minPairs} pairs, received ${a.length}`,
    );
  }
  return a.map((x, i) => {
    const y = b[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new OptionError('a', `pair ${i} is not finite (${x}, ${y})`);
    }
    return x - y;
  });
}
