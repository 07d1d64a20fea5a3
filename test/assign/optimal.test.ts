import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optimalAssignment } from '../../src/assign/optimal.js';
import { stableAssignment } from '../../src/assign/stable.js';
import { bruteForceOptimum, feasibilityProblems, instanceArb, reversed } from './arbitraries.js';

describe('optimalAssignment', () => {
  it('reassigns to raise the total where greedy would not', () => {
    // Greedy on the best pair (a–x, 0.9) leaves b with nothing: 0.9. The optimum is
    // a–y + b–x = 0.8 + 0.85 = 1.65.
    const r = optimalAssignment({
      subjects: ['a', 'b'],
      targets: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      pairs: [
        { subjectId: 'a', targetId: 'x', subjectScore: 0.9, targetScore: 0.9, score: 0.9 },
        { subjectId: 'a', targetId: 'y', subjectScore: 0.8, targetScore: 0.8, score: 0.8 },
        { subjectId: 'b', targetId: 'x', subjectScore: 0.85, targetScore: 0.85, score: 0.85 },
      ],
    });
    expect(r.assignments.map((a) => `${a.subjectId}${a.targetId}`)).toEqual(['ay', 'bx']);
    expect(r.totalScore).toBeCloseTo(1.65, 12);
  });

  it('never adds a pair of score 0', () => {
    const r = optimalAssignment({
      subjects: ['a'],
      targets: [{ id: 'x', capacity: 1 }],
      pairs: [{ subjectId: 'a', targetId: 'x', subjectScore: 1, targetScore: 1, score: 0 }],
    });
    expect(r.assignments).toEqual([]);
    expect(r.unassigned).toEqual(['a']);
  });

  it('respects capacities and equals the brute-force optimum on tiny instances (property)', () => {
    fc.assert(
      fc.property(instanceArb(5, 3), (instance) => {
        const r = optimalAssignment(instance);
        expect(feasibilityProblems(instance, r.assignments)).toEqual([]);
        expect(r.totalScore).toBeCloseTo(bruteForceOptimum(instance), 9);
      }),
      { numRuns: 400 },
    );
  });

  it('totals at least the stable assignment (property)', () => {
    fc.assert(
      fc.property(instanceArb(), (instance) => {
        expect(optimalAssignment(instance).totalScore).toBeGreaterThanOrEqual(
          stableAssignment(instance).totalScore - 1e-9,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on input order (property)', () => {
    fc.assert(
      fc.property(instanceArb(), (instance) => {
        expect(optimalAssignment(reversed(instance))).toEqual(optimalAssignment(instance));
      }),
      { numRuns: 200 },
    );
  });
});
