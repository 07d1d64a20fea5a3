/**
 * The conjugate-gradient solver of ALS against the exact (Cholesky) one: the same loss within a
 * fraction of a percent on the same sweeps, the exact solve itself with as many steps as
 * factors, and the speed that is its reason to exist.
 */
import { describe, expect, it } from 'vitest';
import { fitAls } from '../../src/collab/als.js';
import { DEFAULT_ALS_OPTIONS } from '../../src/collab/defaults.js';
import { plantedInteractions } from './helpers.js';

const options = { factors: 6, iterations: 12, halfLifeDays: null } as const;

describe('fitAls solvers', () => {
  it('CG (3 steps per row and sweep) ends within 1% of the exact solve’s loss', () => {
    for (const seed of [1, 2, 3]) {
      const interactions = plantedInteractions({ seed, subjects: 120 });
      const cg = fitAls({ interactions, options: { ...options, seed } }).lossHistory;
      const exact = fitAls({
        interactions,
        options: { ...options, seed, solver: 'exact' },
      }).lossHistory;
      // Measured: CG is 0.1–0.3% above exact after 12 sweeps.
      expect(cg.at(-1)!).toBeLessThan(exact.at(-1)! * 1.01);
      expect(cg.at(-1)!).toBeGreaterThan(exact.at(-1)! * 0.99);
    }
  });

  it('CG with as many steps as factors is the exact solve (to rounding)', () => {
    // CG solves an f-dimensional positive definite system in at most f steps.
    const interactions = plantedInteractions({ seed: 4, subjects: 90 });
    const cg = fitAls({ interactions, options: { ...options, cgSteps: options.factors } });
    const exact = fitAls({ interactions, options: { ...options, solver: 'exact' } });
    for (const [t, loss] of exact.lossHistory.entries()) {
      expect(Math.abs(cg.lossHistory[t]! - loss)).toBeLessThan(1e-8 * loss);
    }
    for (const u of ['E0', 'E1', 'E2']) {
      expect(cg.recommend(u, { k: 5 }).map((r) => r.itemId)).toEqual(
        exact.recommend(u, { k: 5 }).map((r) => r.itemId),
      );
    }
  });

  it('fits 15,000 interactions with the default options in under 3 s of CPU time', () => {
    // CPU time, not wall time, so that other processes on a shared machine cannot make this
    // flaky. Measured ≈ 0.75 s of CPU on a busy 2-core machine, validation included (the
    // ml-matrix Cholesky solve per row it replaced took 8 s of CPU on 15,000 Crunchbase
    // interactions there).
    const interactions = plantedInteractions({
      seed: 1,
      subjects: 3750,
      items: 1200,
      clusters: 12,
      perSubject: 4,
    });
    expect(interactions.length).toBe(15_000);
    const start = process.cpuUsage();
    const model = fitAls({ interactions });
    // Reading lossHistory runs the sweeps (they run on first use).
    expect(model.lossHistory.length).toBe(DEFAULT_ALS_OPTIONS.iterations);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });
});
