/**
 * The strategy contract, for every shipped strategy (listed by the registry, not by hand):
 * `combine` and the kernel (and its batch form) give the same bits; the weights a result
 * reports are the ones the score used (weight × value = contribution) and the contributions
 * add up to the score; the columnar path ranks exactly like the reference loop.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SHIPPED_PARTS } from '../../src/engine/profiles/registry.js';
import { kernelOutput } from '../../src/engine/strategies/define.js';
import type { FactorSide, RankingStrategy } from '../../src/engine/types.js';
import { trainLinearModel } from '../../src/eval/index.js';

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];
const SIDES: FactorSide[] = ['subject', 'target', 'both', 'subject', 'target', 'both'];
const model = trainLinearModel(
  [0, 1, 2, 3].flatMap((i) => [
    {
      query: `q${i}`,
      item: 'x',
      features: NAMES.map((_, j) => 0.5 + 0.1 * ((i + j) % 4)),
      label: 1,
    },
    {
      query: `q${i}`,
      item: 'y',
      features: NAMES.map((_, j) => 0.2 + 0.05 * ((i * j) % 3)),
      label: 0,
    },
  ]),
  { factorNames: NAMES },
);

/** Options to build each shipped strategy with (a kind without an entry is built without). */
const EXAMPLE_OPTIONS: Record<string, Record<string, unknown>[]> = {
  weightedSum: [{}, { redistributeAbstained: false }],
  reciprocal: [{ mean: 'harmonic' }, { mean: 'geometric' }, { mean: 'arithmetic' }],
  lexicographic: [{ tiers: [['a', 'b'], ['c']] }, { tiers: [['d']], redistributeAbstained: false }],
  learned: [{ model }],
};

const noResolver = {
  rule: () => {
    throw new Error('no nested parts');
  },
};
const strategies: [string, RankingStrategy][] = Object.entries(SHIPPED_PARTS.strategies).flatMap(
  ([kind, make]) =>
    (EXAMPLE_OPTIONS[kind] ?? [undefined]).map(
      (o) =>
        [`${kind} ${JSON.stringify(o ?? {})}`, make(o, noResolver, kind)] as [
          string,
          RankingStrategy,
        ],
    ),
);

const value = fc.oneof(
  fc.constant(null),
  fc.constant(0),
  fc.constant(1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
// Weights as profiles hold them (0 or at least 1e-6; denormal weights underflow any product).
const weight = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 10, noNaN: true }));

describe('strategy contract', () => {
  test('every shipped strategy kind has example options here', () => {
    for (const kind of Object.keys(SHIPPED_PARTS.strategies))
      expect(EXAMPLE_OPTIONS[kind], `add ${kind} to EXAMPLE_OPTIONS`).toBeDefined();
  });

  for (const [label, strategy] of strategies) {
    test(`${label}: kernel = combine, weights used × values = contributions, Σ = score`, () => {
      const kernel = strategy.compile!(NAMES);
      fc.assert(
        fc.property(
          fc.array(value, { minLength: 6, maxLength: 6 }),
          fc.array(weight, { minLength: 6, maxLength: 6 }),
          (vals, ws) => {
            fc.pre(ws.some((w) => w > 0));
            const factors = NAMES.map((name, i) => ({
              name,
              value: vals[i]!,
              weight: ws[i]!,
              side: SIDES[i]!,
            }));
            const c = strategy.combine({ factors });
            const values = Float64Array.from(vals, (v) => (v === null ? NaN : v));
            const nominal = Float64Array.from(ws);
            const sides = Uint8Array.from(SIDES, (s) =>
              s === 'subject' ? 0 : s === 'target' ? 1 : 2,
            );
            const w = kernel.weights(nominal);
            expect(Object.is(kernel.score(values, w, sides), c.score)).toBe(true);
            if (kernel.scoreMany) {
              const scores = new Float64Array(1);
              kernel.scoreMany(values, 1, 1, w, sides, scores);
              expect(Object.is(scores[0], c.score)).toBe(true);
            }
            const out = kernelOutput(6, kernel.sortKeyLength);
            kernel.score(values, w, sides, out);
            let sum = 0;
            for (const [i, name] of NAMES.entries()) {
              const contribution = c.contributions[name]!;
              sum += contribution;
              expect(c.weights![name]).toBe(out.weights[i]);
              expect(contribution).toBeCloseTo(c.weights![name]! * (vals[i] ?? 0), 12);
              expect(c.weights![name]).toBeGreaterThanOrEqual(0);
            }
            expect(c.score).toBeGreaterThanOrEqual(0);
            expect(c.score).toBeLessThanOrEqual(1);
            expect(sum).toBeCloseTo(c.score, 12);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  test('the learned strategy reports its fitted weights, not the profile’s', () => {
    const learned = SHIPPED_PARTS.strategies.learned!({ model }, noResolver, 'strategy');
    const c = learned.combine({
      factors: NAMES.map((name, i) => ({
        name,
        value: 0.5,
        weight: i === 0 ? 100 : 0.001,
        side: 'both',
      })),
    });
    const total = model.weights.reduce((a, b) => a + b, 0);
    NAMES.forEach((name, i) => expect(c.weights![name]).toBeCloseTo(model.weights[i]! / total, 12));
  });
});
