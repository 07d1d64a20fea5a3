import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import {
  INTERACTION_ACCESSORS,
  kFoldSplit,
  leaveOneOutSplit,
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
