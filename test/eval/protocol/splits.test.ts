import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { DEFAULT_TEST_FRACTION } from '../../../src/eval/defaults.js';
import {
  INTERACTION_ACCESSORS,
  kFoldSplit,
  leaveOneOutSplit,
  queryHashUnit,
  splitQueries,
  temporalSplit,
} from '../../../src/eval/protocol/splits.js';

const interactions = [
  { id: 'i1', subjectId: 'e1', date: '2024-01-05' },
  { id: 'i2', subjectId: 'e1', date: '2024-03-01' },
  { id: 'i4', subjectId: 'e1', date: '2024-03-01' }, // same latest date as i2: greater id is hidden
  { id: 'i3', subjectId: 'e2', date: '2024-02-01' }, // single interaction: stays in training
  { id: 'i5', subjectId: 'e3', date: '2023-12-31' },
  { id: 'i6', subjectId: 'e3', date: '2024-01-01' },
];

describe('leaveOneOutSplit', () => {
  it('hides each subject’s latest interaction, ties by greatest id', () => {
    const split = leaveOneOutSplit(interactions, INTERACTION_ACCESSORS);
    expect(split.test.map((i) => i.id)).toEqual(['i4', 'i6']);
    expect(split.train.map((i) => i.id)).toEqual(['i1', 'i2', 'i3', 'i5']);
  });
  it('can hide single interactions too', () => {
    expect(
      leaveOneOutSplit(interactions, { ...INTERACTION_ACCESSORS, minInteractions: 1 }).test.map(
        (i) => i.id,
      ),
    ).toEqual(['i4', 'i3', 'i6']);
  });
  it('does not depend on input order', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(interactions, { minLength: interactions.length }),
        (shuffled) => {
          const ids = leaveOneOutSplit(shuffled, INTERACTION_ACCESSORS)
            .test.map((i) => i.id)
            .sort();
          expect(ids).toEqual(['i4', 'i6']);
        },
      ),
    );
  });
});

describe('temporalSplit', () => {
  it('splits at a cut-off date', () => {
    const split = temporalSplit(interactions, { ...INTERACTION_ACCESSORS, cutoff: '2024-02-01' });
    expect(split.test.map((i) => i.id)).toEqual(['i2', 'i4', 'i3']);
  });
  it('or keeps the latest fraction for testing', () => {
    const split = temporalSplit(interactions, { ...INTERACTION_ACCESSORS, testFraction: 0.5 });
    expect(split.test.map((i) => i.id)).toEqual(['i2', 'i4', 'i3']);
  });
  it('needs exactly one of cutoff and testFraction, and valid dates', () => {
    expect(() => temporalSplit(interactions, INTERACTION_ACCESSORS)).toThrow(OptionError);
    expect(() =>
      temporalSplit([{ id: 'x', subjectId: 's', date: 'soon' }], {
        ...INTERACTION_ACCESSORS,
        cutoff: '2024-01-01',
      }),
    ).toThrow(OptionError);
  });
});

describe('kFoldSplit', () => {
  it('partitions the items into k balanced test folds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer(),
        (n, k, seed) => {
          fc.pre(k <= n);
          const items = Array.from({ length: n }, (_, i) => i);
          const folds = kFoldSplit(items, { k, seed });
          expect(folds).toHaveLength(k);
          expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(items);
          const sizes = folds.map((f) => f.test.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          for (const f of folds) expect(f.train.length + f.test.length).toBe(n);
        },
      ),
    );
  });
  it('is deterministic for a seed and changes with it', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(kFoldSplit(items, { k: 4, seed: 1 })).toEqual(kFoldSplit(items, { k: 4, seed: 1 }));
    expect(kFoldSplit(items, { k: 4, seed: 1 })).not.toEqual(kFoldSplit(items, { k: 4, seed: 2 }));
  });
  it('rejects k outside 2..n', () => {
    expect(() => kFoldSplit([1, 2], { k: 3 })).toThrow(OptionError);
  });
});

describe('splitQueries', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `q${i}`);
  const queries = ids.map((qid, i) => ({
    qid,
    date: `2024-${String((i % 12) + 1).padStart(2, '0')}-01`,
  }));
  const qidsOf = (list: readonly { qid: string }[]) => list.map((q) => q.qid);

  it('by hash: holds out about the fraction asked, disjoint from training, covering all', () => {
    const { train, test } = splitQueries(queries, { by: 'hash', testFraction: 0.3 });
    expect(test.length / queries.length).toBeGreaterThan(0.26);
    expect(test.length / queries.length).toBeLessThan(0.34);
    const held = new Set(qidsOf(test));
    expect(qidsOf(train).some((q) => held.has(q))).toBe(false);
    expect([...qidsOf(train), ...qidsOf(test)].sort()).toEqual([...ids].sort());
    // The default fraction is DEFAULT_TEST_FRACTION.
    expect(splitQueries(queries, { by: 'hash' })).toEqual(
      splitQueries(queries, { by: 'hash', testFraction: DEFAULT_TEST_FRACTION }),
    );
  });

  it('by hash: a query’s side depends only on its id (and salt), not on the other queries', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(queries.slice(0, 60)),
        fc.constantFrom('', 'second'),
        (subset, salt) => {
          const all = splitQueries(queries.slice(0, 60), { by: 'hash', salt });
          const part = splitQueries(subset, { by: 'hash', salt });
          const heldAll = new Set(qidsOf(all.test));
          for (const q of part.test) expect(heldAll.has(q.qid)).toBe(true);
          for (const q of part.train) expect(heldAll.has(q.qid)).toBe(false);
        },
      ),
    );
    expect(queryHashUnit('q1')).toBe(queryHashUnit('q1'));
    expect(queryHashUnit('q1', 'a')).not.toBe(queryHashUnit('q1'));
    expect(splitQueries(queries, { by: 'hash', salt: 'other' }).test.map((q) => q.qid)).not.toEqual(
      splitQueries(queries, { by: 'hash' }).test.map((q) => q.qid),
    );
  });

  it('by date: queries before the cut-off train, the others are held out', () => {
    const { train, test } = splitQueries(queries.slice(0, 12), {
      by: 'date',
      cutoff: '2024-10-01',
    });
    expect(qidsOf(test)).toEqual(['q9', 'q10', 'q11']);
    expect(train).toHaveLength(9);
    expect(() => splitQueries([{ qid: 'x' }], { by: 'date', cutoff: '2024-01-01' })).toThrow(
      /has no date/,
    );
  });

  it('by ids: the given queries are held out, unknown ids ignored', () => {
    const { train, test } = splitQueries(queries.slice(0, 5), {
      by: 'ids',
      testIds: ['q3', 'q1', 'nobody'],
    });
    expect(qidsOf(test)).toEqual(['q1', 'q3']);
    expect(qidsOf(train)).toEqual(['q0', 'q2', 'q4']);
  });

  it('every kind is deterministic and disjoint', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(queries.slice(0, 40), { minLength: 1 }),
        fc.oneof(
          fc.constant({ by: 'hash' as const }),
          fc.double({ min: 0.05, max: 0.95, noNaN: true }).map((testFraction) => ({
            by: 'hash' as const,
            testFraction,
          })),
          fc.constantFrom('2024-03-01', '2024-07-15').map((cutoff) => ({
            by: 'date' as const,
            cutoff,
          })),
          fc.subarray(ids.slice(0, 40)).map((testIds) => ({ by: 'ids' as const, testIds })),
        ),
        (subset, options) => {
          const a = splitQueries(subset, options);
          const b = splitQueries([...subset].reverse(), options);
          expect(qidsOf(b.test).sort()).toEqual(qidsOf(a.test).sort());
          const held = new Set(qidsOf(a.test));
          expect(a.train.every((q) => !held.has(q.qid))).toBe(true);
          expect(a.train.length + a.test.length).toBe(subset.length);
        },
      ),
    );
  });

  it('rejects bad options', () => {
    expect(() => splitQueries(queries, { by: 'hash', testFraction: 1 })).toThrow(OptionError);
    expect(() => splitQueries(queries, { by: 'nope' } as never)).toThrow(OptionError);
  });
});
