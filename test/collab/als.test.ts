import { describe, expect, it } from 'vitest';
import { fitAls } from '../../src/collab/als.js';
import { ALS_FOLD_IN_TOLERANCE } from '../../src/collab/defaults.js';
import { OptionError } from '../../src/errors.js';
import { interaction, plantedInteractions } from './helpers.js';

const small = { factors: 6, iterations: 8, halfLifeDays: null } as const;

describe('fitAls', () => {
  it.each(['cg', 'exact'] as const)(
    'training loss is non-increasing per iteration (%s)',
    (solver) => {
      // exact: each half-sweep is an exact block minimisation. cg: each CG step lowers the row's
      // quadratic from the warm start, so the loss cannot rise either.
      for (const seed of [1, 2, 3]) {
        const m = fitAls({
          interactions: plantedInteractions({ seed }),
          options: { ...small, seed, solver },
        });
        const h = m.lossHistory;
        expect(h.length).toBe(small.iterations);
        for (let t = 1; t < h.length; t++)
          expect(h[t]!).toBeLessThanOrEqual(h[t - 1]! * (1 + 1e-9));
        expect(h[h.length - 1]!).toBeLessThan(h[0]!);
        expect(m.loss()).toBeCloseTo(h[h.length - 1]!, 6);
      }
    },
  );

  it('reports each iteration through onIteration', () => {
    const seen: number[] = [];
    fitAls({
      interactions: plantedInteractions(),
      options: { ...small, iterations: 3 },
      onIteration: (it) => seen.push(it),
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('is deterministic for a seed and independent of input order', () => {
    const xs = plantedInteractions({ seed: 4 });
    const a = fitAls({ interactions: xs, options: { ...small, seed: 11 } });
    const b = fitAls({ interactions: xs.slice().reverse(), options: { ...small, seed: 11 } });
    expect(b.lossHistory).toEqual(a.lossHistory);
    expect(b.recommend('E3', { k: 5 })).toEqual(a.recommend('E3', { k: 5 }));
    const c = fitAls({ interactions: xs, options: { ...small, seed: 12 } });
    expect(c.lossHistory).not.toEqual(a.lossHistory);
  });

  it('scores in [0, 1] and abstains for cold subjects and items', () => {
    const m = fitAls({ interactions: plantedInteractions(), options: small });
    for (const u of m.subjectIds().slice(0, 10)) {
      for (const i of m.itemIds()) {
        const v = m.score(u, i)!;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    expect(m.score('NEW', 'P0')).toBeNull();
    expect(m.score('E0', 'NEW')).toBeNull();
  });

  it('recovers the planted clusters', () => {
    const m = fitAls({
      interactions: plantedInteractions({ seed: 9, subjects: 90 }),
      options: small,
    });
    let inCluster = 0;
    for (let u = 0; u < 30; u++) {
      for (const r of m.recommend(`E${u}`, { k: 3 }))
        if (Number(r.itemId.slice(1)) % 3 === u % 3) inCluster++;
    }
    expect(inCluster / 90).toBeGreaterThan(0.9);
  });

  it('fold-in of a new subject stays close to a full refit', () => {
    // A well-posed case: f = 3 factors for 3 planted clusters, so the refit is unique up to
    // rotation (two refits with different seeds agree to 1e-3). Over-parameterised fits (f = 6
    // here) are not unique: two seeds then differ by more than fold-in does, so comparing
    // fold-in with a refit only means something when the refit is identifiable.
    const base = plantedInteractions({ seed: 5, subjects: 60 });
    const added = [
      interaction('n1', 'NEW', 'P0', 'funded', '2026-01-01'),
      interaction('n2', 'NEW', 'P3', 'approved', '2026-01-02'),
      interaction('n3', 'NEW', 'P6', 'applied', '2026-01-03'),
    ];
    const options = { factors: 3, regularization: 1, iterations: 40, halfLifeDays: null };
    const folded = fitAls({ interactions: base, options });
    const report = folded.addInteractions(added);
    expect(report).toMatchObject({ accepted: 3, touchedSubjects: 1, touchedItems: 3 });
    const full = fitAls({ interactions: [...base, ...added], options });
    let maxDiff = 0;
    for (const u of full.subjectIds()) {
      for (const i of full.itemIds()) {
        maxDiff = Math.max(maxDiff, Math.abs(folded.raw(u, i)! - full.raw(u, i)!));
      }
    }
    expect(maxDiff).toBeLessThan(ALS_FOLD_IN_TOLERANCE);
    // The new subject is recommended its cluster's items (cluster 0).
    for (const r of folded.recommend('NEW', { k: 3 }))
      expect(Number(r.itemId.slice(1)) % 3).toBe(0);
  });

  it('fold-in without item updates leaves item vectors unchanged', () => {
    const m = fitAls({
      interactions: plantedInteractions(),
      options: { ...small, foldInItems: false },
    });
    const before = m.itemVector('P0');
    m.addInteractions([interaction('n1', 'E0', 'P0', 'funded', '2026-01-01')]);
    expect(m.itemVector('P0')).toEqual(before);
  });

  it('rejects invalid options by name', () => {
    expect(() => fitAls({ interactions: [], options: { factors: 0 } })).toThrow(OptionError);
    expect(() => fitAls({ interactions: [], options: { alpha: -1 } })).toThrow(/alpha/);
    expect(() => fitAls({ interactions: [], options: { cgSteps: 0 } })).toThrow(/cgSteps/);
    expect(() =>
      fitAls({ interactions: [], options: { solver: 'lu' as unknown as 'cg' } }),
    ).toThrow(/solver/);
  });

  it('fits on first use: the same model as an eager fit, whatever is asked first', () => {
    const xs = plantedInteractions({ seed: 6 });
    const eager = fitAls({ interactions: xs, options: small, onIteration: () => {} });
    const lazy = fitAls({ interactions: xs, options: small });
    // Questions about subjects and items without history need no fit.
    expect(lazy.score('NEW', 'P0')).toBeNull();
    expect(lazy.recommend('NEW', { k: 3 })).toEqual([]);
    expect(lazy.subjectEmbedding('NEW')).toBeNull();
    expect(lazy.itemVector('NEW')).toBeNull();
    expect(lazy.recommend('E1', { k: 5 })).toEqual(eager.recommend('E1', { k: 5 }));
    expect(lazy.lossHistory).toEqual(eager.lossHistory);
    expect(lazy.itemVector('P3')).toEqual(eager.itemVector('P3'));
  });

  it('has nothing to fit without interactions', () => {
    const m = fitAls({ interactions: [], options: small });
    expect(m.lossHistory).toEqual([]);
    expect(m.loss()).toBe(0);
    expect(m.subjectIds()).toEqual([]);
    expect(m.score('E0', 'P0')).toBeNull();
    // A model created empty still folds in later interactions.
    m.addInteractions([interaction('n1', 'E0', 'P0', 'funded', '2026-01-01')]);
    expect(m.score('E0', 'P0')).toBe(1);
  });
});
