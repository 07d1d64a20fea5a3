import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileAssignment,
  compileAssignmentColumns,
  subjectPairs,
} from '../../src/assign/compile.js';
import { maxWeightAssignment, optimalAssignment } from '../../src/assign/optimal.js';
import { stableAssignment } from '../../src/assign/stable.js';
import type { AssignmentInstance } from '../../src/assign/types.js';
import { FinmatchError, OptionError, UnknownIdError } from '../../src/errors.js';
import {
  bruteForceOptimum,
  feasibilityProblems,
  hungarianOptimum,
  instanceArb,
  pairColumns,
  reversed,
} from './arbitraries.js';

/** Random instances with continuous scores (few ties), larger than brute force can take. */
function continuousArb(maxSubjects: number, maxTargets: number): fc.Arbitrary<AssignmentInstance> {
  return fc
    .record({
      nSubjects: fc.integer({ min: 1, max: maxSubjects }),
      nTargets: fc.integer({ min: 1, max: maxTargets }),
    })
    .chain(({ nSubjects, nTargets }) =>
      fc
        .record({
          capacities: fc.array(fc.integer({ min: 0, max: 4 }), {
            minLength: nTargets,
            maxLength: nTargets,
          }),
          cells: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 2 }), {
            minLength: nSubjects * nTargets,
            maxLength: nSubjects * nTargets,
          }),
        })
        .map(({ capacities, cells }) => {
          const subjects = Array.from({ length: nSubjects }, (_, i) => `s${i}`);
          const targets = capacities.map((capacity, j) => ({ id: `t${j}`, capacity }));
          const pairs = cells.flatMap((score, k) =>
            score === null
              ? []
              : [
                  {
                    subjectId: subjects[Math.floor(k / nTargets)]!,
                    targetId: targets[k % nTargets]!.id,
                    subjectScore: score,
                    targetScore: score,
                    score,
                  },
                ],
          );
          return { subjects, targets, pairs };
        }),
    );
}

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

  it('equals the Hungarian algorithm on the slot-expanded instance (property)', () => {
    fc.assert(
      fc.property(fc.oneof(continuousArb(14, 6), instanceArb(12, 6)), (instance) => {
        const r = optimalAssignment(instance);
        expect(feasibilityProblems(instance, r.assignments)).toEqual([]);
        const expected = hungarianOptimum(instance);
        expect(Math.abs(r.totalScore - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
      }),
      { numRuns: 300 },
    );
  });

  it('fills a target up to its capacity, never beyond, and never uses a capacity of 0', () => {
    const instance: AssignmentInstance = {
      subjects: ['a', 'b', 'c', 'd'],
      targets: [
        { id: 'big', capacity: 3 },
        { id: 'closed', capacity: 0 },
      ],
      pairs: ['a', 'b', 'c', 'd'].flatMap((s, i) => [
        { subjectId: s, targetId: 'big', subjectScore: 1, targetScore: 1, score: 0.5 + i / 10 },
        { subjectId: s, targetId: 'closed', subjectScore: 1, targetScore: 1, score: 1 },
      ]),
    };
    const r = optimalAssignment(instance);
    // The three best pairs with `big` (b, c, d); `a` is left out.
    expect(r.assignments.map((x) => `${x.subjectId}→${x.targetId}`)).toEqual([
      'b→big',
      'c→big',
      'd→big',
    ]);
    expect(r.unassigned).toEqual(['a']);
    expect(r.totalScore).toBeCloseTo(0.6 + 0.7 + 0.8, 12);
  });

  it('moves a placed subject along a chain and drops the one worth least', () => {
    // x holds one. a (0.9 on x, 0.8 on y) and b (0.85 on x only) and c (0.3 on y only).
    // Optimum: a → y, b → x (1.65), c out; placing c on y would cost a's move.
    const r = optimalAssignment({
      subjects: ['a', 'b', 'c'],
      targets: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      pairs: [
        { subjectId: 'a', targetId: 'x', subjectScore: 0, targetScore: 0, score: 0.9 },
        { subjectId: 'a', targetId: 'y', subjectScore: 0, targetScore: 0, score: 0.8 },
        { subjectId: 'b', targetId: 'x', subjectScore: 0, targetScore: 0, score: 0.85 },
        { subjectId: 'c', targetId: 'y', subjectScore: 0, targetScore: 0, score: 0.3 },
      ],
    });
    expect(r.assignments.map((x) => `${x.subjectId}→${x.targetId}`)).toEqual(['a→y', 'b→x']);
    expect(r.unassigned).toEqual(['c']);
  });

  it('breaks ties by id, whatever the input order', () => {
    // Every pair scores 0.5 and there are two places: the first subjects by id take the
    // first targets by id.
    const subjects = ['s3', 's1', 's2'];
    const targets = [
      { id: 't2', capacity: 1 },
      { id: 't1', capacity: 1 },
    ];
    const pairs = subjects.flatMap((s) =>
      targets.map((t) => ({
        subjectId: s,
        targetId: t.id,
        subjectScore: 0.5,
        targetScore: 0.5,
        score: 0.5,
      })),
    );
    const r = optimalAssignment({ subjects, targets, pairs });
    expect(r.assignments.map((x) => `${x.subjectId}→${x.targetId}`)).toEqual(['s1→t1', 's2→t2']);
    expect(r.unassigned).toEqual(['s3']);
    const shuffled = { subjects: [...subjects].reverse(), targets, pairs: [...pairs].reverse() };
    expect(optimalAssignment(shuffled)).toEqual(r);
  });

  it('gives the same result on a compiled instance, with or without preference lists', () => {
    fc.assert(
      fc.property(instanceArb(), (instance) => {
        const compiled = compileAssignment(instance);
        const lean = optimalAssignment(compiled, { includePreferences: false });
        const full = optimalAssignment(instance);
        expect(lean.preferences).toBeUndefined();
        expect({ ...lean, preferences: full.preferences }).toEqual(full);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects invalid input with typed errors', () => {
    const pair = { subjectId: 'a', targetId: 'x', subjectScore: 1, targetScore: 1, score: 1 };
    const base = { subjects: ['a'], targets: [{ id: 'x', capacity: 1 }], pairs: [pair] };
    expect(() => optimalAssignment(null as unknown as AssignmentInstance)).toThrow(OptionError);
    expect(() => optimalAssignment({ ...base, extra: 1 } as AssignmentInstance)).toThrow(
      OptionError,
    );
    expect(() => optimalAssignment({ ...base, targets: [{ id: 'x', capacity: -1 }] })).toThrow(
      /capacity of target "x"/,
    );
    expect(() => optimalAssignment({ ...base, pairs: [{ ...pair, score: NaN }] })).toThrow(
      OptionError,
    );
    expect(() => optimalAssignment({ ...base, pairs: [{ ...pair, targetId: 'y' }] })).toThrow(
      UnknownIdError,
    );
    expect(() => optimalAssignment({ ...base, pairs: [pair, pair] })).toThrow(FinmatchError);
    // Columns grouped by subject with a repeated pair (the in-group sort finds it).
    const one = (n: number) => new Float64Array(n).fill(0.5);
    expect(() =>
      compileAssignmentColumns({
        subjects: ['a', 'b'],
        targets: [
          { id: 'x', capacity: 1 },
          { id: 'y', capacity: 1 },
        ],
        pairs: {
          subject: Int32Array.from([0, 0, 0, 1]),
          target: Int32Array.from([1, 0, 1, 0]),
          subjectScore: one(4),
          targetScore: one(4),
          score: one(4),
        },
      }),
    ).toThrow(/a → y is listed twice/);
    const compiled = compileAssignment(base);
    expect(() =>
      optimalAssignment({ ...compiled, subjectIdz: [] } as unknown as typeof compiled),
    ).toThrow(/subjectIds/);
    expect(() =>
      optimalAssignment(base, { includePreferences: 'no' as unknown as boolean }),
    ).toThrow(OptionError);
  });

  it('totals at least any feasible assignment, on instances too large for brute force (property)', () => {
    fc.assert(
      fc.property(continuousArb(40, 10), fc.integer(), (instance, seed) => {
        const best = optimalAssignment(instance).totalScore;
        // A feasible assignment: pairs taken in a seeded order while both sides have room.
        const order = instance.pairs
          .map((p, i) => ({ p, k: (i * 7919 + seed) % 9973 }))
          .sort((a, b) => a.k - b.k);
        const room = new Map(instance.targets.map((t) => [t.id, t.capacity]));
        const placed = new Set<string>();
        let total = 0;
        for (const { p } of order) {
          if (placed.has(p.subjectId) || room.get(p.targetId)! <= 0) continue;
          placed.add(p.subjectId);
          room.set(p.targetId, room.get(p.targetId)! - 1);
          total += p.score;
        }
        expect(best).toBeGreaterThanOrEqual(total - 1e-9);
      }),
      { numRuns: 200 },
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

  it("solves columns grouped by subject, targets in any order, on the caller's columns with the canonical result (property)", () => {
    // Coarse scores (ties everywhere): the solver breaks ties by target number, not by where
    // a pair sits in its subject's group, so holding the caller's order changes nothing.
    fc.assert(
      fc.property(instanceArb(9, 5), fc.integer(), (instance, seed) => {
        const sIdx = new Map(instance.subjects.map((id, i) => [id, i]));
        const tIdx = new Map(instance.targets.map((t, i) => [t.id, i]));
        const rank = (p: (typeof instance.pairs)[number]) =>
          sIdx.get(p.subjectId)! * 1e6 + ((tIdx.get(p.targetId)! * 7919 + seed) % 9973);
        const pairs = [...instance.pairs].sort((a, b) => rank(a) - rank(b));
        const columns = pairColumns(instance, pairs);
        const target = columns.target;
        const compiled = compileAssignmentColumns({
          subjects: instance.subjects,
          targets: instance.targets,
          pairs: columns,
        });
        const sortedIds = instance.subjects.every(
          (id, i) => i === 0 || instance.subjects[i - 1]! < id,
        );
        // Subjects given in id order: the solver reads the caller's target column itself.
        if (sortedIds && instance.targets.every((t, j) => t.id === `i${j}`))
          expect(subjectPairs(compiled).target).toBe(target);
        const expected = optimalAssignment(compileAssignment(instance), {
          includePreferences: false,
        });
        expect(optimalAssignment(compiled, { includePreferences: false })).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same assignment whether the search reads pairs sorted by score or not (property)', () => {
    // A subject's pairs are sorted once it has been searched often (SORT_AFTER_SCANS); its
    // scan then stops at the first pair that cannot come under the limit. Sorted from the
    // first scan, never sorted, or in between: the same pairs, with coarse scores (ties at
    // the limit) and continuous ones, in canonical order and grouped by subject with each
    // subject's targets in a seeded order (held as given).
    const same = (instance: AssignmentInstance, seed: number) => {
      for (const c of [compileAssignment(instance), groupedColumns(instance, seed)]) {
        const unsorted = maxWeightAssignment(c, 255);
        expect(maxWeightAssignment(c, 1)).toEqual(unsorted);
        expect(maxWeightAssignment(c, 2)).toEqual(unsorted);
      }
    };
    fc.assert(fc.property(instanceArb(9, 5), fc.integer(), same), { numRuns: 400 });
    fc.assert(fc.property(continuousArb(12, 6), fc.integer(), same), { numRuns: 200 });
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

/** The instance as columns grouped by subject, each subject's targets in a seeded order. */
function groupedColumns(instance: AssignmentInstance, seed: number) {
  const sIdx = new Map(instance.subjects.map((id, i) => [id, i]));
  const tIdx = new Map(instance.targets.map((t, i) => [t.id, i]));
  const rank = (p: (typeof instance.pairs)[number]) =>
    sIdx.get(p.subjectId)! * 1e6 + ((tIdx.get(p.targetId)! * 7919 + seed) % 9973);
  const pairs = [...instance.pairs].sort((a, b) => rank(a) - rank(b));
  return compileAssignmentColumns({
    subjects: instance.subjects,
    targets: instance.targets,
    pairs: {
      subject: Int32Array.from(pairs, (p) => sIdx.get(p.subjectId)!),
      target: Int32Array.from(pairs, (p) => tIdx.get(p.targetId)!),
      subjectScore: Float64Array.from(pairs, (p) => p.subjectScore),
      targetScore: Float64Array.from(pairs, (p) => p.targetScore),
      score: Float64Array.from(pairs, (p) => p.score),
    },
  });
}
