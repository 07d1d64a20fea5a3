import { describe, expect, test } from 'vitest';
import { materialisePair } from '../../src/compile/fast.js';
import { defineProfile } from '../../src/engine/profiles/define.js';
import { weightedSumStrategy } from '../../src/engine/strategies/index.js';
import type { Factor, PairContext } from '../../src/engine/types.js';

describe('materialisePair factors record', () => {
  test('follows a factor renamed after its profile was defined, as contributions do', () => {
    // defineProfile freezes the profile, not the factor objects it holds.
    const alpha: Factor<{ id: string }, { id: string }> = {
      name: 'alpha',
      label: { zh: '甲', en: 'alpha' },
      description: { zh: '测试', en: 'test' },
      score: () => 0.5,
    };
    const beta: Factor<{ id: string }, { id: string }> = {
      name: 'beta',
      label: { zh: '乙', en: 'beta' },
      description: { zh: '测试', en: 'test' },
      score: () => null,
    };
    const profile = defineProfile({
      name: 'names',
      version: '1.0.0',
      market: 'enterpriseProduct',
      rules: [],
      factors: [
        { factor: alpha, weight: 1 },
        { factor: beta, weight: 1 },
      ],
      strategy: weightedSumStrategy(),
    });
    const ctx = {
      subject: { id: 's' },
      target: { id: 't' },
      asOf: '2026-06-30',
      locale: 'en',
      reference: {},
    } as unknown as PairContext<{ id: string }, { id: string }>;
    const before = materialisePair(profile as never, ctx, 't', undefined, false);
    expect(before.factors).toEqual({ alpha: 0.5, beta: null });
    (alpha as { name: string }).name = 'renamed';
    const after = materialisePair(profile as never, ctx, 't', undefined, false);
    expect(Object.keys(after.contributions)).toEqual(['renamed', 'beta']);
    expect(after.factors).toEqual({ renamed: 0.5, beta: null });
  });
});
