import { describe, expect, test } from 'vitest';
import { createRandom } from '../../src/util/random.js';
import {
  learnedStrategy,
  loadLinearModel,
  saveLinearModel,
  trainLinearModel,
  type TrainingExample,
} from '../../src/learn/index.js';

/** Planted data: relevance depends on factor `signal` (and a little on `weak`), not on `noise`. */
function planted(seed: number): TrainingExample[] {
  const rng = createRandom(seed);
  const out: TrainingExample[] = [];
  for (let q = 0; q < 60; q++) {
    for (let i = 0; i < 12; i++) {
      const signal = rng.next();
      const weak = rng.next();
      const noise = rng.next();
      const label = signal + 0.3 * weak + 0.2 * rng.normal() > 0.9 ? 1 : 0;
      out.push({ query: `q${q}`, item: `i${i}`, features: [signal, weak, noise], label });
    }
  }
  return out;
}

describe('trainLinearModel', () => {
  const names = ['signal', 'weak', 'noise'];
  test.each(['pointwise', 'pairwise'] as const)(
    '%s: loss falls every iteration and the signal gets the largest weight',
    (mode) => {
      const model = trainLinearModel(planted(7), { factorNames: names, mode });
      for (let i = 1; i < model.lossHistory.length; i++)
        expect(model.lossHistory[i]!).toBeLessThanOrEqual(model.lossHistory[i - 1]! + 1e-12);
      const [signal, weak, noise] = model.weights as [number, number, number];
      expect(signal).toBeGreaterThan(weak);
      expect(weak).toBeGreaterThan(noise);
      expect(model.weights.every((w) => w >= 0)).toBe(true);
    },
  );

  test('is deterministic and independent of example order', () => {
    const data = planted(3);
    const a = trainLinearModel(data, { factorNames: names });
    const b = trainLinearModel(createRandom(99).shuffle(data), { factorNames: names });
    expect(b.weights).toEqual(a.weights);
  });

  test('rejects inconsistent input with a clear error', () => {
    expect(() =>
      trainLinearModel([{ query: 'q', item: 'a', features: [1], label: 1 }], {
        factorNames: names,
      }),
    ).toThrow(/has 1 features, expected 3/);
    expect(() =>
      trainLinearModel([{ query: 'q', item: 'a', features: [NaN, 0, 0], label: 1 }], {
        factorNames: names,
      }),
    ).toThrow(/non-finite/);
    expect(() =>
      trainLinearModel([{ query: 'q', item: 'a', features: [1, 0, 0], label: 1 }], {
        factorNames: names,
        mode: 'pairwise',
      }),
    ).toThrow(/nothing to learn/);
  });
});

describe('learnedStrategy', () => {
  test('contributions add up to the score and the model round-trips through JSON', () => {
    const model = trainLinearModel(planted(11), { factorNames: ['signal', 'weak', 'noise'] });
    const loaded = loadLinearModel(saveLinearModel(model));
    const factors = [
      { name: 'signal', value: 0.8, weight: 1, side: 'both' as const },
      { name: 'weak', value: null, weight: 1, side: 'both' as const },
      { name: 'noise', value: 0.1, weight: 1, side: 'both' as const },
    ];
    const a = learnedStrategy(model).combine({ factors });
    const b = learnedStrategy(loaded).combine({ factors });
    expect(b).toEqual(a);
    const sum = Object.values(a.contributions).reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - a.score)).toBeLessThan(1e-12);
    expect(a.contributions.weak).toBe(0);
  });

  test('loading rejects malformed models', () => {
    expect(() => loadLinearModel('{')).toThrow(/not valid JSON/);
    expect(() => loadLinearModel({ kind: 'x' })).toThrow(/not a finmatch linear model/);
    expect(() =>
      loadLinearModel({
        kind: 'finmatch.linear-model',
        version: 1,
        factorNames: ['a'],
        weights: [-1],
      }),
    ).toThrow(/non-negative/);
  });
});
