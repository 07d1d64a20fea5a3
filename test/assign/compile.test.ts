import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBlockingPairs } from '../../src/assign/blocking.js';
import { compileAssignment, compileAssignmentColumns } from '../../src/assign/compile.js';
import { stableAssignment } from '../../src/assign/stable.js';
import type { AssignmentInstance } from '../../src/assign/types.js';
import { FinmatchError, OptionError, UnknownIdError } from '../../src/errors.js';
import { instanceArb } from './arbitraries.js';

const base: AssignmentInstance = {
  subjects: ['b', 'a'],
  targets: [
    { id: 'y', capacity: 1 },
    { id: 'x', capacity: 2 },
  ],
  pairs: [
    { subjectId: 'b', targetId: 'x', subjectScore: 0.5, targetScore: 0.9, score: 0.7 },
    { subjectId: 'a', targetId: 'y', subjectScore: 0.5, targetScore: 0.1, score: 0.3 },
    { subjectId: 'a', targetId: 'x', subjectScore: 0.5, targetScore: 0.2, score: 0.35 },
  ],
};

describe('compileAssignment', () => {
  it('encodes in canonical id order with preference positions', () => {
    const c = compileAssignment(base);
    expect(c.subjectIds).toEqual(['a', 'b']);
    expect(c.targetIds).toEqual(['x', 'y']);
    expect([...c.capacity]).toEqual([2, 1]);
    // a's list: x and y tie at 0.5, so id order.
    expect(
      [...c.subjectPrefs.subarray(c.subjectStart[0], c.subjectStart[1])].map(
        (p) => c.targetIds[c.pairTarget[p]!],
      ),
    ).toEqual(['x', 'y']);
    // x prefers b (0.9) to a (0.2).
    expect(
      [...c.targetPrefs.subarray(c.targetStart[0], c.targetStart[1])].map(
        (p) => c.subjectIds[c.pairSubject[p]!],
      ),
    ).toEqual(['b', 'a']);
  });

  it('rejects duplicates, unknown ids, bad capacities and non-finite scores', () => {
    expect(() => compileAssignment({ ...base, subjects: ['a', 'a', 'b'] })).toThrow(FinmatchError);
    expect(() => compileAssignment({ ...base, pairs: [...base.pairs, base.pairs[0]!] })).toThrow(
      /listed twice/,
    );
    expect(() =>
      compileAssignment({ ...base, pairs: [{ ...base.pairs[0]!, targetId: 'z' }] }),
    ).toThrow(UnknownIdError);
    expect(() =>
      compileAssignment({
        ...base,
        targets: [
          { id: 'x', capacity: -1 },
          { id: 'y', capacity: 1 },
        ],
      }),
    ).toThrow(OptionError);
    expect(() =>
      compileAssignment({ ...base, pairs: [{ ...base.pairs[0]!, score: Number.NaN }] }),
    ).toThrow(OptionError);
  });

  it('accepts ids that are Object.prototype keys', () => {
    const r = stableAssignment({
      subjects: ['__proto__'],
      targets: [{ id: 'constructor', capacity: 1 }],
      pairs: [
        {
          subjectId: '__proto__',
          targetId: 'constructor',
          subjectScore: 1,
          targetScore: 1,
          score: 1,
        },
      ],
    });
    expect(Object.keys(r.preferences!.subjects)).toEqual(['__proto__']);
    expect(r.preferences!.targets['constructor']).toEqual(['__proto__']);
  });
});

describe('findBlockingPairs', () => {
  it('finds the pairs that would rather be together', () => {
    // Both projects at y leaves x (capacity 2) empty while b and x like each other.
    expect(findBlockingPairs(base, [{ subjectId: 'a', targetId: 'y' }])).toEqual([
      { subjectId: 'a', targetId: 'x' },
      { subjectId: 'b', targetId: 'x' },
    ]);
    expect(findBlockingPairs(base, stableAssignment(base).assignments)).toEqual([]);
  });

  it('rejects infeasible assignments', () => {
    expect(() => findBlockingPairs(base, [{ subjectId: 'b', targetId: 'y' }])).toThrow(
      /not eligible/,
    );
    expect(() =>
      findBlockingPairs(base, [
        { subjectId: 'a', targetId: 'x' },
        { subjectId: 'a', targetId: 'y' },
      ]),
    ).toThrow(/twice/);
  });
});

describe('compileAssignmentColumns', () => {
  it('compiles columns to the same canonical encoding as objects (property)', () => {
    fc.assert(
      fc.property(instanceArb(), (instance) => {
        const sIdx = new Map(instance.subjects.map((id, i) => [id, i]));
        const tIdx = new Map(instance.targets.map((t, i) => [t.id, i]));
        const columns = compileAssignmentColumns({
          subjects: instance.subjects,
          targets: instance.targets,
          pairs: {
            subject: Int32Array.from(instance.pairs, (p) => sIdx.get(p.subjectId)!),
            target: Int32Array.from(instance.pairs, (p) => tIdx.get(p.targetId)!),
            subjectScore: Float64Array.from(instance.pairs, (p) => p.subjectScore),
            targetScore: Float64Array.from(instance.pairs, (p) => p.targetScore),
            score: Float64Array.from(instance.pairs, (p) => p.score),
          },
        });
        expect(columns).toEqual(compileAssignment(instance));
      }),
      { numRuns: 100 },
    );
  });

  it('sorts targets within subject groups to the same encoding (property)', () => {
    fc.assert(
      fc.property(instanceArb(), fc.integer(), (instance, seed) => {
        const sIdx = new Map(instance.subjects.map((id, i) => [id, i]));
        const tIdx = new Map(instance.targets.map((t, i) => [t.id, i]));
        // Grouped by subject (input order), targets within each group in a seeded order.
        const rank = (p: (typeof instance.pairs)[number]) =>
          sIdx.get(p.subjectId)! * 1e6 + ((tIdx.get(p.targetId)! * 7919 + seed) % 9973);
        const pairs = [...instance.pairs].sort((a, b) => rank(a) - rank(b));
        const columns = compileAssignmentColumns({
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
        expect(columns).toEqual(compileAssignment(instance));
      }),
      { numRuns: 100 },
    );
  });

  it('rejects out-of-range indices', () => {
    const one = (n: number) => new Float64Array([n]);
    expect(() =>
      compileAssignmentColumns({
        subjects: ['a'],
        targets: [{ id: 'x', capacity: 1 }],
        pairs: {
          subject: new Int32Array([1]),
          target: new Int32Array([0]),
          subjectScore: one(1),
          targetScore: one(1),
          score: one(1),
        },
      }),
    ).toThrow(OptionError);
  });
});
