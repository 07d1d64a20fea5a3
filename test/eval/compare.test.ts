import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { compareRuns } from '../../src/eval/compare.js';
import { evaluate } from '../../src/eval/evaluate.js';

const qrels = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [`q${i}`, { good: 1, bad: 0 }]),
);
// Run A ranks the relevant doc first on every query; run B on every third query only.
const runA = Object.fromEntries(Object.keys(qrels).map((q) => [q, { good: 2, bad: 1 }]));
const runB = Object.fromEntries(
  Object.keys(qrels).map((q, i) => [q, i % 3 === 0 ? { good: 2, bad: 1 } : { good: 1, bad: 2 }]),
);

describe('compareRuns', () => {
  const a = evaluate(runA, qrels, { metrics: ['mrr', 'ndcg@10'] });
  const b = evaluate(runB, qrels, { metrics: ['mrr', 'ndcg@10'] });

  it('reports means, difference and a significant t-test', () => {
    const cmp = compareRuns(a, b, { metric: 'recip_rank' });
    expect(cmp).toMatchObject({
      metric: 'mrr',
      test: 't',
      n: 12,
      meanA: 1,
      alpha: 0.05,
      significant: true,
      unpaired: [],
    });
    expect(cmp.meanB).toBeCloseTo((4 * 1 + 8 * 0.5) / 12, 15);
    expect(cmp.diff).toBeCloseTo(1 - cmp.meanB, 15);
    expect(cmp.pValue).toBeLessThan(0.001);
  });

  it('runs the randomisation test with a seed, deterministically', () => {
    const one = compareRuns(a, b, {
      metric: 'ndcg@10',
      test: 'randomisation',
      seed: 3,
      trials: 5000,
    });
    expect(one.significant).toBe(true);
    expect(
      compareRuns(a, b, { metric: 'ndcg@10', test: 'randomisation', seed: 3, trials: 5000 }),
    ).toEqual(one);
  });

  it('is not significant for a run against itself', () => {
    expect(compareRuns(a, a, { metric: 'mrr' })).toMatchObject({
      diff: 0,
      pValue: 1,
      significant: false,
    });
  });

  it('pairs by query id and lists the unpaired ones', () => {
    const partial = { perQuery: { q0: { mrr: 1 }, q1: { mrr: 0.5 }, extra: { mrr: 1 } } };
    const cmp = compareRuns(partial, a, { metric: 'mrr' });
    expect(cmp.n).toBe(2);
    expect(cmp.unpaired).toEqual([
      'extra',
      ...Object.keys(qrels)
        .filter((q) => q !== 'q0' && q !== 'q1')
        .sort(),
    ]);
  });

  it('rejects metrics that were not computed and bad options', () => {
    expect(() => compareRuns(a, b, { metric: 'map' })).toThrow(OptionError);
    expect(() => compareRuns(a, b, { metric: 'mrr', alpha: 1 })).toThrow(OptionError);
    expect(() => compareRuns(a, b, { metric: 'mrr', test: 'wilcoxon' as 't' })).toThrow(
      OptionError,
    );
  });
});
