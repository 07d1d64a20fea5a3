import { describe, expect, test } from 'vitest';
import { BOUND_FACTOR_LISTS, defineStrategy } from '../../../src/engine/strategies/define.js';
import { weightedSumStrategy } from '../../../src/engine/strategies/index.js';
import type { FactorScore, RankingStrategy } from '../../../src/engine/types.js';

const score = (name: string, value: number | null, weight = 1): FactorScore => ({
  name,
  value,
  weight,
  side: 'both',
});

describe('defineStrategy binding per factor list', () => {
  test('a kernel calling back with another factor list leaves the outer call its own names', () => {
    let depth = 0;
    let inner: ReturnType<RankingStrategy['combine']> | undefined;
    const strategy: RankingStrategy = defineStrategy({
      name: 'reentrant',
      description: { zh: '测试', en: 'test' },
      compile: () => ({
        weights: (w) => w,
        sortKeyLength: 0,
        twoSided: false,
        score(values, w, _sides, out) {
          if (!out) throw new Error('combine passes an output');
          if (depth++ === 0) inner = strategy.combine({ factors: [score('x', 0.5)] });
          let s = 0;
          for (let i = 0; i < values.length; i++) {
            out.contributions[i] = values[i]! * w[i]!;
            out.weights[i] = w[i]!;
            s += out.contributions[i]!;
          }
          return s;
        },
      }),
    });
    const outer = strategy.combine({ factors: [score('a', 0.2), score('b', 0.3)] });
    expect(outer.contributions).toEqual({ a: 0.2, b: 0.3 });
    expect(outer.weights).toEqual({ a: 1, b: 1 });
    expect(inner?.contributions).toEqual({ x: 0.5 });
  });

  test('alternating factor lists on one strategy gives each its own records, every time', () => {
    const strategy = weightedSumStrategy();
    const lists = Array.from({ length: BOUND_FACTOR_LISTS + 2 }, (_, l) =>
      Array.from({ length: 1 + (l % 4) }, (_, i) => score(`f${l}_${i}`, (i + 1) / 10, i + 1)),
    );
    // Each list alone, then all of them interleaved (more lists than are kept bound).
    const alone = lists.map((factors) => weightedSumStrategy().combine({ factors }));
    for (let round = 0; round < 3; round++)
      lists.forEach((factors, l) => {
        const c = strategy.combine({ factors });
        expect(Object.keys(c.contributions)).toEqual(factors.map((f) => f.name));
        expect(c).toEqual(alone[l]);
      });
  });
});
