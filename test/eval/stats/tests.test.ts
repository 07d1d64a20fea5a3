import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { pairedRandomisationTest } from '../../../src/eval/stats/randomisation.js';
import { pairedTTest } from '../../../src/eval/stats/t-test.js';

const A = [0.5, 0.7, 0.2, 0.9, 0.4, 0.6, 0.3, 0.8];
const B = [0.4, 0.5, 0.3, 0.6, 0.4, 0.5, 0.1, 0.7];

describe('pairedTTest', () => {
  it('matches scipy.stats.ttest_rel', () => {
    const result = pairedTTest(A, B);
    expect(result.t).toBeCloseTo(2.5528888301902897, 12);
    expect(result.pValue).toBeCloseTo(0.03794328796316369, 12);
    expect(result.df).toBe(7);
    expect(result.meanDiff).toBeCloseTo(0.1125, 15);
  });
  it('is symmetric: swapping the runs negates t and keeps p', () => {
    const ab = pairedTTest(A, B);
    const ba = pairedTTest(B, A);
    expect(ba.t).toBeCloseTo(-ab.t, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
  });
  it('handles zero variance: p = 1 for identical runs, p = 0 for a constant shift', () => {
    expect(pairedTTest(A, A).pValue).toBe(1);
    expect(
      pairedTTest(
        A.map((x) => x + 0.25),
        A,
      ).pValue,
    ).toBe(0);
  });
  it('rejects fewer than 2 pairs and unequal lengths', () => {
    expect(() => pairedTTest([1], [0])).toThrow(OptionError);
    expect(() => pairedTTest([1, 2], [0])).toThrow(OptionError);
  });
});

describe('pairedRandomisationTest', () => {
  it('is deterministic for a seed', () => {
    const one = pairedRandomisationTest(A, B, { seed: 7, trials: 2000 });
    const two = pairedRandomisationTest(A, B, { seed: 7, trials: 2000 });
    expect(two).toEqual(one);
    expect(one.trials).toBe(2000);
  });
  it('agrees with the exact permutation p-value', () => {
    // With 8 pairs there are 2^8 sign assignments; count those at least as extreme.
    const diffs = A.map((a, i) => a - B[i]!);
    const observed = Math.abs(diffs.reduce((s, d) => s + d, 0));
    let extreme = 0;
    for (let mask = 0; mask < 256; mask++) {
      const sum = diffs.reduce((s, d, i) => s + (mask & (1 << i) ? -d : d), 0);
      if (Math.abs(sum) >= observed - 1e-12) extreme++;
    }
    const exact = extreme / 256;
    const estimate = pairedRandomisationTest(A, B, { trials: 20_000, seed: 1 }).pValue;
    expect(Math.abs(estimate - exact)).toBeLessThan(0.01);
  });
  it('gives p = 1 for identical runs and never 0', () => {
    expect(pairedRandomisationTest(A, A, { trials: 100 }).pValue).toBe(1);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.integer(),
        (xs, seed) => {
          const p = pairedRandomisationTest(
            xs,
            xs.map(() => 0),
            { trials: 50, seed },
          ).pValue;
          expect(p).toBeGreaterThan(0);
          expect(p).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
  it('rejects a bad number of trials', () => {
    expect(() => pairedRandomisationTest(A, B, { trials: 0 })).toThrow(OptionError);
  });
});
