import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBlockingPairs } from '../../src/assign/blocking.js';
import { stableAssignment } from '../../src/assign/stable.js';
import { feasibilityProblems, instanceArb, naiveBlockingPairs, reversed } from './arbitraries.js';

describe('stableAssignment', () => {
  it('lets a full investor trade up to a project it prefers', () => {
    const result = stableAssignment({
      subjects: ['p1', 'p2'],
      targets: [{ id: 'fund', capacity: 1 }],
      pairs: [
        { subjectId: 'p1', targetId: 'fund', subjectScore: 0.9, targetScore: 0.4, score: 0.55 },
        { subjectId: 'p2', targetId: 'fund', subjectScore: 0.8, targetScore: 0.7, score: 0.75 },
      ],
    });
    expect(result.assignments).toEqual([{ subjectId: 'p2', targetId: 'fund', score: 0.75 }]);
    expect(result.unassigned).toEqual(['p1']);
    expect(result.totalScore).toBe(0.75);
    expect(result.preferences).toEqual({
      subjects: { p1: ['fund'], p2: ['fund'] },
      targets: { fund: ['p2', 'p1'] },
    });
  });

  it('gives projects their best stable investor (project-optimal), ties broken by id', () => {
    // Classic 2×2 with opposed preferences: two stable matchings; the project-proposing one
    // gives each project its first choice.
    const result = stableAssignment({
      subjects: ['a', 'b'],
      targets: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      pairs: [
        { subjectId: 'a', targetId: 'x', subjectScore: 1, targetScore: 0, score: 0.5 },
        { subjectId: 'a', targetId: 'y', subjectScore: 0, targetScore: 1, score: 0.5 },
        { subjectId: 'b', targetId: 'x', subjectScore: 0, targetScore: 1, score: 0.5 },
        { subjectId: 'b', targetId: 'y', subjectScore: 1, targetScore: 0, score: 0.5 },
      ],
    });
    expect(result.assignments.map((a) => `${a.subjectId}${a.targetId}`)).toEqual(['ax', 'by']);
    // Equal scores: the smaller id is preferred.
    const tie = stableAssignment({
      subjects: ['b', 'a'],
      targets: [{ id: 'x', capacity: 1 }],
      pairs: [
        { subjectId: 'b', targetId: 'x', subjectScore: 1, targetScore: 0.5, score: 1 },
        { subjectId: 'a', targetId: 'x', subjectScore: 1, targetScore: 0.5, score: 0 },
      ],
    });
    expect(tie.assignments).toEqual([{ subjectId: 'a', targetId: 'x', score: 0 }]);
  });

  it('omits the preference lists on request', () => {
    const r = stableAssignment(
      { subjects: ['a'], targets: [], pairs: [] },
      { includePreferences: false },
    );
    expect(r).toEqual({ assignments: [], unassigned: ['a'], totalScore: 0 });
  });

  it('respects capacities and eligibility (property)', () => {
    fc.assert(
      fc.property(instanceArb(), (instance) => {
        const r = stableAssignment(instance);
        expect(feasibilityProblems(instance, r.assignments)).toEqual([]);
        expect(r.assignments.length + r.unassigned.length).toBe(instance.subjects.length);
      }),
      { numRuns: 300 },
    );
  });

  it('has no blocking pair, by exhaustive check (property)', () => {
    fc.assert(
      fc.property(instanceArb(), (instance) => {
        const r = stableAssignment(instance);
        expect(naiveBlockingPairs(instance, r.assignments)).toEqual([]);
        expect(findBlockingPairs(instance, r.assignments)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on input order (property)', () => {
    fc.assert(
      fc.property(instanceArb(), (instance) => {
        expect(stableAssignment(reversed(instance))).toEqual(stableAssignment(instance));
      }),
      { numRuns: 200 },
    );
  });
});
