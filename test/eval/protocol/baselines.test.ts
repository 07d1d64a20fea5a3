import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/eval/evaluate.js';
import {
  createPopularityBaseline,
  createRandomBaseline,
  runFromScorer,
} from '../../../src/eval/protocol/baselines.js';

describe('random baseline', () => {
  it('scores in [0, 1), depends only on the seed and the pair', () => {
    const a = createRandomBaseline({ seed: 5 });
    const b = createRandomBaseline({ seed: 5 });
    const s = a.score({ subjectId: 'e1', itemId: 'p1' });
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThan(1);
    b.score({ subjectId: 'e9', itemId: 'p9' });
    expect(b.score({ subjectId: 'e1', itemId: 'p1' })).toBe(s);
    expect(createRandomBaseline({ seed: 6 }).score({ subjectId: 'e1', itemId: 'p1' })).not.toBe(s);
  });
});

describe('popularity baseline', () => {
  const train = [{ itemId: 'p1' }, { itemId: 'p1' }, { itemId: 'p2' }, { itemId: 'p1' }];
  const popularity = createPopularityBaseline({ interactions: train, itemOf: (i) => i.itemId });

  it('scores count / max count, 0 for unseen items', () => {
    expect(popularity.score({ subjectId: 'x', itemId: 'p1' })).toBe(1);
    expect(popularity.score({ subjectId: 'x', itemId: 'p2' })).toBeCloseTo(1 / 3, 15);
    expect(popularity.score({ subjectId: 'x', itemId: 'p3' })).toBe(0);
    expect(
      createPopularityBaseline({ interactions: [], itemOf: String }).score({
        subjectId: 'x',
        itemId: 'p',
      }),
    ).toBe(0);
  });

  it('becomes a run that evaluate scores like any other', () => {
    const run = runFromScorer(popularity, {
      subjects: ['e1', 'e2'],
      candidates: ['p1', 'p2', 'p3'],
      k: 2,
      exclude: (s) => new Set(s === 'e2' ? ['p1'] : []),
    });
    expect(run).toEqual({ e1: { p1: 1, p2: 1 / 3 }, e2: { p2: 1 / 3, p3: 0 } });
    const result = evaluate(run, { e1: { p2: 1 }, e2: { p3: 1 } }, { metrics: ['mrr'] });
    expect(result.perQuery).toEqual({ e1: { mrr: 0.5 }, e2: { mrr: 0.5 } });
  });
});
