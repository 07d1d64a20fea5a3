import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as strategies from '../../../src/engine/strategies/index.js';
import type { FactorScore, RankingStrategy } from '../../../src/engine/types.js';

const side = fc.constantFrom<FactorScore['side']>('subject', 'target', 'both');
const factorsArb = fc.uniqueArray(
  fc.record({
    name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    value: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 4 }),
    weight: fc.double({ min: 0, max: 5, noNaN: true }),
    side,
  }),
  { selector: (f) => f.name, maxLength: 5 },
);

const all: RankingStrategy[] = [
  strategies.weightedSumStrategy(),
  strategies.weightedSumStrategy({ redistributeAbstained: false }),
  strategies.reciprocalStrategy(),
  strategies.reciprocalStrategy({ mean: 'geometric' }),
  strategies.lexicographicStrategy({ tiers: [['a'], ['b', 'c']] }),
];

describe('every strategy', () => {
  it('has a distinct-per-kind name and bilingual description', () => {
    for (const s of all) {
      expect(s.name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(s.description.zh.length).toBeGreaterThan(0);
      expect(s.description.en.length).toBeGreaterThan(0);
    }
  });

  it('scores in [0, 1] with contributions summing to the score within 1e-9 (property)', () => {
    fc.assert(
      fc.property(factorsArb, (factors) => {
        for (const s of all) {
          const names: string[] = factors.map((f) => f.name);
          if (s.name === 'lexicographic' && !['a', 'b', 'c'].every((n) => names.includes(n))) {
            // Its tiers name factors this list lacks: an error, never a tier silently ignored.
            expect(() => s.combine({ factors })).toThrow(/tiers name factors/);
            continue;
          }
          const r = s.combine({ factors });
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1 + 1e-12);
          const sum = Object.values(r.contributions).reduce((x, y) => x + y, 0);
          expect(Math.abs(sum - r.score)).toBeLessThan(1e-9);
        }
      }),
    );
  });
});
