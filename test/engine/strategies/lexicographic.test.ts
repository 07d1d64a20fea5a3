import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexicographicStrategy, quantise } from '../../../src/engine/strategies/lexicographic.js';
import { weightedSumStrategy } from '../../../src/engine/strategies/weighted-sum.js';
import type { FactorScore } from '../../../src/engine/types.js';
import { OptionError } from '../../../src/errors.js';
import { compareRanked } from '../../../src/util/compare.js';

const tiers = [['policyPriority'], ['sector', 'amountFit']];
const f = (name: string, value: number | null, weight = 1): FactorScore => ({
  name,
  value,
  weight,
  side: 'both',
});
const pair = (
  policy: number | null,
  sector: number | null,
  amount: number | null,
  extra: number | null = null,
) => [
  f('policyPriority', policy, 2),
  f('sector', sector, 1),
  f('amountFit', amount, 3),
  f('collaborative', extra, 1),
];

describe('lexicographicStrategy', () => {
  const strategy = lexicographicStrategy({ tiers });

  it('ranks policy priority first, fit second', () => {
    const policyFirst = { id: 'a', ...strategy.combine({ factors: pair(1, 0, 0) }) };
    const bestFit = { id: 'b', ...strategy.combine({ factors: pair(0.9, 1, 1) }) };
    // b has the higher overall score but a has the higher policy tier.
    expect(bestFit.score).toBeGreaterThan(policyFirst.score);
    expect([bestFit, policyFirst].sort(compareRanked).map((x) => x.id)).toEqual(['a', 'b']);
    expect(policyFirst.sortKey).toEqual([1, 0]);
  });

  it('treats sub-resolution differences as ties, decided by the next tier', () => {
    const a = { id: 'a', ...strategy.combine({ factors: pair(0.5 + 1e-9, 0.2, 0.2) }) };
    const b = { id: 'b', ...strategy.combine({ factors: pair(0.5, 0.9, 0.9) }) };
    expect(a.sortKey![0]).toBe(b.sortKey![0]);
    expect([a, b].sort(compareRanked).map((x) => x.id)).toEqual(['b', 'a']);
    expect(quantise(0.1 + 0.2, 1e-3)).toBe(quantise(0.3, 1e-3));
  });

  it('scores like weightedSum, with contributions adding up to the score', () => {
    const factors = pair(0.4, null, 0.7, 0.2);
    const lex = strategy.combine({ factors });
    const ws = weightedSumStrategy().combine({ factors });
    expect(lex.score).toBeCloseTo(ws.score, 12);
    expect(lex.contributions).toEqual(ws.contributions);
    // Abstaining sector: the tier mean is amountFit alone.
    expect(lex.sortKey).toEqual([quantise(0.4, 1e-3), quantise(0.7, 1e-3)]);
    expect(strategy.combine({ factors: pair(null, null, null) }).sortKey).toEqual([0, 0]);
  });

  const value = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 });
  const factorsArb = fc.tuple(value, value, value, value).map(([a, b, c, d]) => pair(a, b, c, d));

  it('contributions sum to the score within 1e-9 and everything stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(factorsArb, fc.boolean(), (factors, redistribute) => {
        const r = lexicographicStrategy({ tiers, redistributeAbstained: redistribute }).combine({
          factors,
        });
        const sum = Object.values(r.contributions).reduce((x, y) => x + y, 0);
        expect(Math.abs(sum - r.score)).toBeLessThan(1e-9);
        for (const k of [r.score, ...r.sortKey!]) {
          expect(k).toBeGreaterThanOrEqual(0);
          expect(k).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('is monotone: raising one factor never lowers a sort-key entry or the score (property)', () => {
    fc.assert(
      fc.property(
        factorsArb,
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (factors, i, bump) => {
          const before = strategy.combine({ factors });
          const v = factors[i]!.value;
          if (v === null) return;
          const raised = factors.map((x, j) => (j === i ? { ...x, value: v + (1 - v) * bump } : x));
          const after = strategy.combine({ factors: raised });
          expect(after.score).toBeGreaterThanOrEqual(before.score - 1e-12);
          after.sortKey!.forEach((k, t) => expect(k).toBeGreaterThanOrEqual(before.sortKey![t]!));
        },
      ),
    );
  });

  it('rejects bad options', () => {
    expect(() => lexicographicStrategy({ tiers: [] })).toThrow(OptionError);
    expect(() => lexicographicStrategy({ tiers: [[]] })).toThrow(OptionError);
    expect(() => lexicographicStrategy({ tiers: [['a'], ['a']] })).toThrow(/two tiers/);
    expect(() => lexicographicStrategy({ tiers, resolution: 0 })).toThrow(OptionError);
    expect(strategy.name).toBe('lexicographic');
    expect(strategy.description.zh).toContain('policyPriority > sector, amountFit');
  });
});
