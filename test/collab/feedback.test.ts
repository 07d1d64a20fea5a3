import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_FEEDBACK_WEIGHTS } from '../../src/collab/defaults.js';
import {
  createFeedbackStore,
  sortInteractions,
  validateInteractions,
} from '../../src/collab/feedback.js';
import { interaction } from './helpers.js';

describe('feedback weights', () => {
  it('orders the positive kinds viewed < applied < approved < funded; declined is negative', () => {
    const w = DEFAULT_FEEDBACK_WEIGHTS;
    expect(w.viewed).toBeLessThan(w.applied);
    expect(w.applied).toBeLessThan(w.approved);
    expect(w.approved).toBeLessThan(w.funded);
    expect(w.declined).toBeLessThan(0);
  });

  it('aggregates a pair: applied then declined is a confident negative', () => {
    const store = createFeedbackStore({ halfLifeDays: null });
    const pairs = store.add([
      interaction('a', 'E1', 'P1', 'applied'),
      interaction('b', 'E1', 'P1', 'declined'),
      interaction('c', 'E1', 'P2', 'viewed'),
    ]);
    expect(store.bySubject.get('E1')?.get('P1')).toBe(3 - 5);
    expect(store.bySubject.get('E1')?.get('P2')).toBe(1);
    expect(pairs.map((p) => p.itemId).sort()).toEqual(['P1', 'P2']);
  });

  it('halves a weight after one half-life before asOf; later dates count fully', () => {
    const store = createFeedbackStore({ halfLifeDays: 100, asOf: '2025-04-11' });
    expect(store.weightOf(interaction('a', 'E', 'P', 'funded', '2025-01-01'))).toBeCloseTo(5, 10);
    expect(store.weightOf(interaction('b', 'E', 'P', 'funded', '2025-05-01'))).toBe(10);
  });

  it('defaults asOf to the latest initial interaction', () => {
    const store = createFeedbackStore({
      initial: [
        interaction('a', 'E', 'P', 'viewed', '2024-03-01'),
        interaction('b', 'E', 'Q', 'viewed', '2025-02-03'),
      ],
    });
    expect(store.asOf).toBe('2025-02-03');
  });

  it('decayed weights are monotone in age and keep their sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, b) => {
        const store = createFeedbackStore({ asOf: '2030-01-01' });
        const at = (n: number) => new Date(Date.UTC(2030, 0, 1 - n)).toISOString().slice(0, 10);
        const wa = store.weightOf(interaction('a', 'E', 'P', 'funded', at(a)));
        const wb = store.weightOf(interaction('b', 'E', 'P', 'funded', at(b)));
        expect(wa).toBeGreaterThan(0);
        if (a <= b) expect(wa).toBeGreaterThanOrEqual(wb);
      }),
    );
  });
});

describe('validateInteractions', () => {
  it('keeps good records, reports bad ones with their index', () => {
    const { interactions, rejected } = validateInteractions([
      interaction('a', 'E1', 'P1'),
      { ...interaction('b', 'E1', 'P2'), kind: 'liked' },
      { ...interaction('c', 'E1', 'P3'), date: '2025-02-30' },
      interaction('d', 'E2', 'P1'),
    ]);
    expect(interactions.map((i) => i.id)).toEqual(['a', 'd']);
    expect(rejected.map((e) => e.index)).toEqual([1, 2]);
  });

  it('rejects ids already seen by a model', () => {
    const seenIds = new Set(['a']);
    const { interactions, rejected } = validateInteractions(
      [interaction('a', 'E1', 'P1'), interaction('b', 'E1', 'P2')],
      { seenIds },
    );
    expect(interactions.map((i) => i.id)).toEqual(['b']);
    expect(rejected[0]).toMatchObject({ index: 0, id: 'a' });
    expect(rejected[0]?.issues[0]?.code).toBe('duplicate_id');
    expect(seenIds.has('b')).toBe(true);
  });

  it('sorts by date then id, whatever the input order', () => {
    const xs = [
      interaction('b', 'E', 'P', 'viewed', '2024-01-02'),
      interaction('a', 'E', 'P', 'viewed', '2024-01-02'),
      interaction('c', 'E', 'P', 'viewed', '2024-01-01'),
    ];
    expect(sortInteractions(xs).map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(sortInteractions(xs.slice().reverse())).toEqual(sortInteractions(xs));
  });
});
