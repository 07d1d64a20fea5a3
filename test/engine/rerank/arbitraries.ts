import fc from 'fast-check';
import type { ScoredCandidate } from '../../../src/engine/types.js';

/** Ranked candidate lists (score desc, id asc) with groups drawn from a few institutions. */
export const candidatesArb: fc.Arbitrary<ScoredCandidate[]> = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 3 }),
      score: fc.integer({ min: 0, max: 20 }).map((n) => n / 20),
      group: fc.option(fc.constantFrom('bankA', 'bankB', 'insurerC', 'fundD'), {
        freq: 6,
        nil: undefined,
      }),
      features: fc.array(
        fc.integer({ min: 0, max: 4 }).map((n) => n / 4),
        { minLength: 3, maxLength: 3 },
      ),
    }),
    { selector: (c) => c.id, maxLength: 25 },
  )
  .map((cs) =>
    cs
      .map((c) => ({ ...c, contributions: { fit: c.score }, factors: { fit: c.score } }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );

export const kArb = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(Infinity));
