import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { TopK, idRanks } from '../../src/compile/topk.js';
import { compareRanked } from '../../src/util/compare.js';

describe('TopK', () => {
  test('equals a full sort by score desc then id asc, for any input and k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.string({ maxLength: 3 })), {
          maxLength: 60,
        }),
        fc.integer({ min: 0, max: 20 }),
        (pairs, k) => {
          const ids = pairs.map(([, s], i) => `${s}#${i}`);
          const scores = pairs.map(([v]) => v / 5);
          const heap = new TopK(k, idRanks(ids));
          scores.forEach((s, row) => heap.push(s, row));
          const got = Array.from(heap.drain().rows, (r) => ids[r]);
          const want = ids
            .map((id, i) => ({ id, score: scores[i]! }))
            .sort(compareRanked)
            .slice(0, k)
            .map((x) => x.id);
          expect(got).toEqual(want);
        },
      ),
    );
  });

  test('threshold is -Infinity until full, then the k-th best score', () => {
    const heap = new TopK(2, idRanks(['a', 'b', 'c']));
    expect(heap.threshold).toBe(-Infinity);
    heap.push(0.5, 0);
    heap.push(0.9, 1);
    expect(heap.threshold).toBe(0.5);
    heap.push(0.7, 2);
    expect(heap.threshold).toBe(0.7);
  });
});
