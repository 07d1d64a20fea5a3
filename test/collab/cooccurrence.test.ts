import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitCooccurrence } from '../../src/collab/cooccurrence.js';
import { interaction, plantedInteractions } from './helpers.js';

describe('fitCooccurrence', () => {
  const base = [
    interaction('1', 'E1', 'A'),
    interaction('2', 'E1', 'B'),
    interaction('3', 'E2', 'A'),
    interaction('4', 'E2', 'B'),
    interaction('5', 'E3', 'A'),
    interaction('6', 'E3', 'C'),
  ];

  it('counts co-occurrence and applies shrinkage', () => {
    const m = fitCooccurrence({ interactions: base, options: { shrinkage: 1 } });
    expect(m.itemCount('A')).toBe(3);
    expect(m.coCount('A', 'B')).toBe(2);
    expect(m.similarity('A', 'B')).toBeCloseTo(2 / (Math.sqrt(3 * 2) + 1), 12);
    // E3 holds A and C: C's score is sim(C, A) / |{A, C}|.
    expect(m.raw('E3', 'B')).toBeCloseTo(m.similarity('B', 'A') / 2, 12);
  });

  it('declined pairs are not positives', () => {
    const m = fitCooccurrence({
      interactions: [
        ...base,
        interaction('7', 'E1', 'C', 'applied'),
        interaction('8', 'E1', 'C', 'declined'),
      ],
    });
    expect(m.positives('E1')).toEqual(['A', 'B']);
    expect(m.coCount('A', 'C')).toBe(1);
  });

  it('similarity is symmetric and in [0, 1); scores are in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (seed, shrinkage) => {
          const m = fitCooccurrence({
            interactions: plantedInteractions({ seed, subjects: 20, items: 9 }),
            options: { shrinkage },
          });
          const items = m.itemIds();
          for (const a of items) {
            for (const b of items) {
              const s = m.similarity(a, b);
              expect(s).toBe(m.similarity(b, a));
              expect(s).toBeGreaterThanOrEqual(0);
              expect(s).toBeLessThanOrEqual(1);
            }
          }
          for (const u of m.subjectIds().slice(0, 5)) {
            for (const i of items) {
              const v = m.score(u, i)!;
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('abstains (null) for an unseen subject or item', () => {
    const m = fitCooccurrence({ interactions: base });
    expect(m.score('NEW', 'A')).toBeNull();
    expect(m.score('E1', 'NEW')).toBeNull();
    expect(m.recommend('NEW', { k: 3 })).toEqual([]);
  });

  it('incremental updates equal a full refit exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 59 }),
        (seed, cut) => {
          const all = plantedInteractions({ seed, subjects: 30, items: 12, perSubject: 3 });
          // Mix in declines so positives can flip in the update.
          all.push(interaction('d1', 'E1', all[3]!.itemId, 'declined', '2026-01-01'));
          all.push(interaction('d2', 'E2', all[6]!.itemId, 'declined', '2023-01-01'));
          const at = Math.floor((cut / 60) * all.length);
          const opts = { options: { halfLifeDays: null } };
          const incremental = fitCooccurrence({ interactions: all.slice(0, at), ...opts });
          incremental.addInteractions(all.slice(at));
          const full = fitCooccurrence({ interactions: all, ...opts });
          expect(incremental.itemIds()).toEqual(full.itemIds());
          expect(incremental.subjectIds()).toEqual(full.subjectIds());
          for (const a of full.itemIds()) {
            for (const b of full.itemIds())
              expect(incremental.coCount(a, b)).toBe(full.coCount(a, b));
          }
          for (const u of full.subjectIds()) {
            expect(incremental.positives(u)).toEqual(full.positives(u));
            for (const i of full.itemIds()) expect(incremental.score(u, i)).toBe(full.score(u, i));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('does not depend on input order', () => {
    const xs = plantedInteractions({ seed: 3 });
    const a = fitCooccurrence({ interactions: xs });
    const b = fitCooccurrence({ interactions: xs.slice().reverse() });
    expect(b.recommend('E5', { k: 5 })).toEqual(a.recommend('E5', { k: 5 }));
  });

  it('recommends the planted cluster first', () => {
    const m = fitCooccurrence({ interactions: plantedInteractions({ seed: 9, subjects: 90 }) });
    for (const u of ['E0', 'E1', 'E2']) {
      const cluster = Number(u.slice(1)) % 3;
      const top = m.recommend(u, { k: 3 });
      expect(top.length).toBe(3);
      for (const r of top) expect(Number(r.itemId.slice(1)) % 3).toBe(cluster);
    }
  });
});
