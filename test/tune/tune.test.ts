import { describe, expect, test } from 'vitest';
import { tuneWeights, type Weights } from '../../src/tune/index.js';

/**
 * A generated case: each query has items with two factor values; relevance follows factor `a`
 * only. The objective is precision@1 of the weighted sum, so the best weights favour `a`.
 */
function makeCase() {
  const queries: string[] = [];
  const data = new Map<string, { a: number; b: number; rel: number }[]>();
  for (let q = 0; q < 30; q++) {
    const id = `q${String(q).padStart(2, '0')}`;
    queries.push(id);
    const items = [];
    for (let i = 0; i < 6; i++) {
      const a = ((q * 7 + i * 13) % 17) / 17;
      const b = ((q * 5 + i * 11) % 19) / 19;
      items.push({ a, b, rel: 0 });
    }
    items.reduce((best, it) => (it.a > best.a ? it : best)).rel = 1;
    data.set(id, items);
  }
  const objective = (w: Weights, qs: readonly string[]) => {
    let hits = 0;
    for (const q of qs) {
      const items = data.get(q)!;
      const top = items.reduce((best, it) =>
        w.a! * it.a + w.b! * it.b > w.a! * best.a + w.b! * best.b ? it : best,
      );
      hits += top.rel;
    }
    return hits / qs.length;
  };
  return { queries, objective };
}

describe('tuneWeights', () => {
  test.each(['coordinate', 'grid', 'random'] as const)(
    '%s search improves the training objective',
    (method) => {
      const { queries, objective } = makeCase();
      const initial = { a: 1, b: 4 };
      const result = tuneWeights({ initial, queries, objective, method, trials: 30 });
      expect(result.best.score).toBeGreaterThan(result.initial.score);
      expect(result.best.score).toBe(objective(result.best.weights, queries));
      expect(result.foldScores).toHaveLength(3);
      expect(result.cvScore).toBeGreaterThan(0);
    },
  );

  test('is deterministic for a seed', () => {
    const { queries, objective } = makeCase();
    const a = tuneWeights({
      initial: { a: 1, b: 1 },
      queries,
      objective,
      method: 'random',
      seed: 5,
    });
    const b = tuneWeights({
      initial: { a: 1, b: 1 },
      queries: [...queries].reverse(),
      objective,
      method: 'random',
      seed: 5,
    });
    expect(b.best).toEqual(a.best);
    expect(b.trials.length).toBe(a.trials.length);
  });

  test('validates its options', () => {
    const { queries, objective } = makeCase();
    expect(() => tuneWeights({ initial: {}, queries, objective })).toThrow(/no weights/);
    expect(() => tuneWeights({ initial: { a: -1 }, queries, objective })).toThrow(/weight a/);
    expect(() => tuneWeights({ initial: { a: 1 }, queries: ['q'], objective })).toThrow(
      /at least 3 queries/,
    );
    expect(() => tuneWeights({ initial: { a: 1, b: 1 }, queries, objective: () => NaN })).toThrow(
      /finite/,
    );
  });

  test('only ever evaluates the queries it is given (the training split)', () => {
    const { queries, objective } = makeCase();
    const train = queries.slice(0, 20);
    const seen = new Set<string>();
    for (const method of ['coordinate', 'grid', 'random'] as const)
      tuneWeights({
        initial: { a: 1, b: 4 },
        queries: train,
        method,
        objective: (w, qs) => {
          qs.forEach((q) => seen.add(q));
          return objective(w, qs);
        },
      });
    expect([...seen].sort()).toEqual([...train].sort());
  });

  test('without cross-validation, fewer queries than folds are enough', () => {
    const { queries, objective } = makeCase();
    const result = tuneWeights({
      initial: { a: 1, b: 4 },
      queries: queries.slice(0, 1),
      objective,
      crossValidate: false,
    });
    expect(result.foldScores).toEqual([]);
    expect(result.cvScore).toBeUndefined();
    expect(() =>
      tuneWeights({ initial: { a: 1 }, queries: [], objective, crossValidate: false }),
    ).toThrow(/no queries/);
  });
});
