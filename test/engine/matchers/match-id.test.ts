import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchAs } from '../../../src/engine/matchers/match-id.js';
import type { RankedCandidate } from '../../../src/compile/reference.js';

// Every ranking writes a candidate's fields in one order, the optional ones when present.
const candidate = fc
  .record(
    {
      id: fc.string({ minLength: 1, maxLength: 8 }),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      rank: fc.integer({ min: 1, max: 1000 }),
      contributions: fc.dictionary(fc.string({ maxLength: 4 }), fc.double({ noNaN: true })),
      factors: fc.dictionary(
        fc.string({ maxLength: 4 }),
        fc.oneof(fc.double({ noNaN: true }), fc.constant(null)),
      ),
      sides: fc.record({ subject: fc.double(), target: fc.double() }),
      rules: fc.array(fc.record({ name: fc.string(), passed: fc.boolean() }), { maxLength: 2 }),
      eligible: fc.constant(false as const),
      exclusions: fc.array(fc.record({ rule: fc.string() }), { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'score', 'rank', 'contributions', 'factors'] },
  )
  .map((c) => c as unknown as RankedCandidate);

describe('matchAs', () => {
  test.each(['productId', 'enterpriseId', 'investorId', 'projectId'])(
    'gives what renaming id to %s with a rest spread gives: same fields, same order (property)',
    (key) => {
      fc.assert(
        fc.property(candidate, (c) => {
          const { id, ...rest } = c;
          const spread = { [key]: id, ...rest };
          const m = matchAs(c, key);
          expect(Object.keys(m)).toEqual(Object.keys(spread));
          expect(m).toEqual(spread);
          // The candidate's records are shared, not copied.
          expect(m.contributions).toBe(c.contributions);
          expect(m.factors).toBe(c.factors);
        }),
        { numRuns: 200 },
      );
    },
  );
});
