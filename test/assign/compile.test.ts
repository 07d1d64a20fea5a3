import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBlockingPairs } from '../../src/assign/blocking.js';
import { compileAssignment, compileAssignmentColumns } from '../../src/assign/compile.js';
import { stableAssignment } from '../../src/assign/stable.js';
import type { AssignmentInstance } from '../../src/assign/types.js';
import { FinmatchError, OptionError, UnknownIdError } from '../../src/errors.js';
import { instanceArb, pairColumns } from './arbitraries.js';

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

  it('holds columns already in canonical order instead of copying them', () => {
    // Ids sorted and pairs by (subject, target): the caller's arrays are the compiled ones.
    const pairs = {
      subject: Int32Array.of(0, 0, 1),
      target: Int32Array.of(0, 1, 0),
      subjectScore: Float64Array.of(0.5, 0.5, 0.5),
      targetScore: Float64Array.of(0.2, 0.1, 0.9),
      score: Float64Array.of(0.35, 0.3, 0.7),
    };
    const instance = {
      subjects: ['a', 'b'],
      targets: [
        { id: 'x', capacity: 2 },
        { id: 'y', capacity: 1 },
      ],
      pairs,
    };
    const held = compileAssignmentColumns(instance);
    expect(held.pairSubject).toBe(pairs.subject);
    expect(held.pairTarget).toBe(pairs.target);
    expect(held.subjectScore).toBe(pairs.subjectScore);
    expect(held.targetScore).toBe(pairs.targetScore);
    expect(held.score).toBe(pairs.score);
    expect(held).toEqual(compileAssignment(base));
    // Targets listed out of id order: the target column is renumbered into a new array, the
    // scores (already in canonical pair order) are still held.
    const renumbered = compileAssignmentColumns({
      subjects: ['a', 'b'],
      targets: [
        { id: 'y', capacity: 1 },
        { id: 'x', capacity: 2 },
      ],
      pairs: { ...pairs, target: Int32Array.of(1, 0, 1) },
    });
    expect(renumbered.pairTarget).not.toBe(pairs.target);
    expect(renumbered.score).toBe(pairs.score);
    expect(renumbered).toEqual(compileAssignment(base));
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
          pairs: pairColumns(instance, pairs),
        });
        expect(columns).toEqual(compileAssignment(instance));
      }),
      { numRuns: 100 },
    );
  });

  it('compiles columns in any pair order, ids in any order, to the same encoding (property)', () => {
    fc.assert(
      fc.property(instanceArb(), fc.integer(), fc.boolean(), (instance, seed, sortedIds) => {
        // Sorted ids make the caller's numbers the canonical ones (the columns are read as
        // they are); shuffled pairs take the counting-sort path.
        const subjects = sortedIds ? [...instance.subjects].sort() : instance.subjects;
        const targets = sortedIds
          ? [...instance.targets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          : instance.targets;
        const key = (i: number) => (i * 7919 + seed) % 9973;
        const pairs = instance.pairs
          .map((p, i) => ({ p, k: key(i) }))
          .sort((a, b) => a.k - b.k)
          .map(({ p }) => p);
        const columns = pairColumns({ ...instance, subjects, targets }, pairs);
        const compiled = compileAssignmentColumns({ subjects, targets, pairs: columns });
        const expected = compileAssignment(instance);
        expect(compiled).toEqual(expected);
        // Columns already canonical (ids sorted, pairs by subject then target) are held as
        // they are; any other order is copied (the side scores when first read, as toEqual
        // did above), so the caller's columns are no longer read.
        const inOrder = (ids: readonly string[]) =>
          ids.every((id, i) => i === 0 || ids[i - 1]! < id);
        let canonical = inOrder(subjects) && inOrder(targets.map((t) => t.id));
        for (let i = 1; i < pairs.length && canonical; i++) {
          const ds = columns.subject[i]! - columns.subject[i - 1]!;
          canonical = ds > 0 || (ds === 0 && columns.target[i]! > columns.target[i - 1]!);
        }
        if (canonical) {
          expect(compiled.pairSubject).toBe(columns.subject);
          expect(compiled.pairTarget).toBe(columns.target);
          expect(compiled.subjectScore).toBe(columns.subjectScore);
          expect(compiled.targetScore).toBe(columns.targetScore);
          expect(compiled.score).toBe(columns.score);
        } else {
          for (const column of Object.values(columns)) column.fill(0);
          expect(compiled).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('sorts long subject groups in shuffled target order to the object encoding', () => {
    // 30 subjects × 60 targets, every other pair eligible, each group in a scrambled order.
    const subjects = Array.from({ length: 30 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const targets = Array.from({ length: 60 }, (_, j) => ({
      id: `t${String(j).padStart(2, '0')}`,
      capacity: 1 + (j % 3),
    }));
    const pairs = subjects.flatMap((subjectId, i) =>
      targets
        .map((t, j) => ({ t, j, k: (j * 37 + i * 11) % 61 }))
        .filter(({ j }) => (i + j) % 2 === 0)
        .sort((a, b) => a.k - b.k)
        .map(({ t, j }) => ({
          subjectId,
          targetId: t.id,
          subjectScore: ((i * 13 + j * 7) % 17) / 17,
          targetScore: ((i * 5 + j * 3) % 19) / 19,
          score: ((i * 3 + j * 11) % 23) / 23,
        })),
    );
    const columns = compileAssignmentColumns({
      subjects,
      targets,
      pairs: {
        subject: Int32Array.from(pairs, (p) => subjects.indexOf(p.subjectId)),
        target: Int32Array.from(pairs, (p) => targets.findIndex((t) => t.id === p.targetId)),
        subjectScore: Float64Array.from(pairs, (p) => p.subjectScore),
        targetScore: Float64Array.from(pairs, (p) => p.targetScore),
        score: Float64Array.from(pairs, (p) => p.score),
      },
    });
    expect(columns).toEqual(compileAssignment({ subjects, targets, pairs }));
    const given = new Map(pairs.map((p) => [`${p.subjectId} ${p.targetId}`, p]));
    for (let s = 0; s < subjects.length; s++)
      for (let k = columns.subjectStart[s]!; k < columns.subjectStart[s + 1]!; k++) {
        if (k > columns.subjectStart[s]!)
          expect(columns.pairTarget[k]!).toBeGreaterThan(columns.pairTarget[k - 1]!);
        const p = given.get(`${subjects[s]} ${targets[columns.pairTarget[k]!]!.id}`)!;
        expect([columns.subjectScore[k], columns.targetScore[k], columns.score[k]]).toEqual([
          p.subjectScore,
          p.targetScore,
          p.score,
        ]);
      }
    expect(columns.subjectStart[subjects.length]).toBe(pairs.length);
  });

  it('sorts a subject group too long to pack its keys (counting sorts instead)', () => {
    // 65,536 targets and one subject with a pair to each, in reverse: target · 2^16 reaches 2^31.
    const n = 2 ** 16;
    const targets = Array.from({ length: n }, (_, j) => ({
      id: `t${String(j).padStart(5, '0')}`,
      capacity: 1,
    }));
    const target = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const score = Float64Array.from(target, (t) => t / n);
    const c = compileAssignmentColumns({
      subjects: ['a'],
      targets,
      pairs: {
        subject: new Int32Array(n),
        target,
        subjectScore: score,
        targetScore: score,
        score,
      },
    });
    expect(c.pairTarget).toEqual(Int32Array.from({ length: n }, (_, j) => j));
    expect(c.score).toEqual(Float64Array.from({ length: n }, (_, j) => j / n));
  });

  it('rejects a pair listed twice, however the columns are ordered', () => {
    const one = (n: number, length: number) => new Float64Array(length).fill(n);
    const compile = (subject: number[], target: number[]) =>
      compileAssignmentColumns({
        subjects: ['a', 'b'],
        targets: [
          { id: 'x', capacity: 1 },
          { id: 'y', capacity: 1 },
          { id: 'z', capacity: 1 },
        ],
        pairs: {
          subject: Int32Array.from(subject),
          target: Int32Array.from(target),
          subjectScore: one(0.5, subject.length),
          targetScore: one(0.5, subject.length),
          score: one(0.5, subject.length),
        },
      });
    // Grouped by subject, targets out of order.
    expect(() => compile([0, 0, 0, 1], [2, 1, 2, 0])).toThrow(/a → z is listed twice/);
    // Not grouped.
    expect(() => compile([1, 0, 1, 0], [0, 1, 0, 2])).toThrow(/b → x is listed twice/);
    // Grouped and in order but for the repeat.
    expect(() => compile([0, 0, 1], [1, 1, 2])).toThrow(/a → y is listed twice/);
    expect(compile([0, 0, 1], [2, 1, 2]).pairTarget).toEqual(Int32Array.of(1, 2, 2));
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

  it('rejects a repeated or non-string id in ids given in order as in any order', () => {
    const none = {
      subject: new Int32Array(0),
      target: new Int32Array(0),
      subjectScore: new Float64Array(0),
      targetScore: new Float64Array(0),
      score: new Float64Array(0),
    };
    const compile = (subjects: unknown[]) => () =>
      compileAssignmentColumns({
        subjects: subjects as string[],
        targets: [{ id: 'x', capacity: 1 }],
        pairs: none,
      });
    for (const subjects of [
      ['a', 'b', 'b'],
      ['b', 'a', 'b'],
    ])
      expect(compile(subjects)).toThrow(/subject id "b" is listed twice/);
    for (const subjects of [
      ['a', 3],
      [3, 'a'],
    ])
      expect(compile(subjects)).toThrow(OptionError);
    expect(compile(['a', 'b', 'c'])().subjectIds).toEqual(['a', 'b', 'c']);
  });

  it("reads the caller's side scores as they are at the first read, whatever the pair order (property)", () => {
    // The documented contract: do not write to the columns while the compiled instance is in
    // use. What a write before the first read does is pinned here so that it does not depend
    // on the input order: the instance held as it is (canonical order), the one holding pairs
    // grouped by subject and the one sorted at once all gather the side scores when first
    // read, so all three see the write, as a fresh compile of the written columns does.
    fc.assert(
      fc.property(instanceArb(6, 4), fc.integer(), fc.nat(), (instance, seed, pick) => {
        fc.pre(instance.pairs.length > 0);
        const sIdx = new Map(instance.subjects.map((id, i) => [id, i]));
        const tIdx = new Map(instance.targets.map((t, i) => [t.id, i]));
        const key = (p: (typeof instance.pairs)[number]) => `${p.subjectId}\u0000${p.targetId}`;
        const mix = (p: (typeof instance.pairs)[number]) =>
          (tIdx.get(p.targetId)! * 7919 + seed) % 9973;
        const orders = {
          canonical: instance.pairs,
          grouped: [...instance.pairs].sort(
            (a, b) =>
              sIdx.get(a.subjectId)! * 1e6 + mix(a) - (sIdx.get(b.subjectId)! * 1e6 + mix(b)),
          ),
          shuffled: [...instance.pairs].sort(
            (a, b) => mix(a) - mix(b) || (key(a) < key(b) ? -1 : 1),
          ),
        };
        const written = key(instance.pairs[pick % instance.pairs.length]!);
        const results = Object.values(orders).map((pairs) => {
          const columns = pairColumns(instance, pairs);
          const compiled = compileAssignmentColumns({
            subjects: instance.subjects,
            targets: instance.targets,
            pairs: columns,
          });
          // After compiling, before any read: the pair's target now likes its subject best.
          const i = pairs.findIndex((p) => key(p) === written);
          columns.targetScore[i] = 2;
          columns.subjectScore[i] = 2;
          return stableAssignment(compiled);
        });
        const fresh = stableAssignment({
          ...instance,
          pairs: instance.pairs.map((p) =>
            key(p) === written ? { ...p, subjectScore: 2, targetScore: 2 } : p,
          ),
        });
        for (const r of results) expect(r).toEqual(fresh);
      }),
      { numRuns: 200 },
    );
  });
});
