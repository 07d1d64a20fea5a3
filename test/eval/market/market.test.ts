import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { blockingPairs, capacityUse } from '../../../src/eval/market/assignment.js';
import { coverage } from '../../../src/eval/market/coverage.js';
import {
  distinctInstruments,
  instrumentEntropy,
  runDiversity,
} from '../../../src/eval/market/diversity.js';
import { exposureByGroup, giniCoefficient } from '../../../src/eval/market/exposure.js';

describe('coverage', () => {
  it('counts subjects with at least one result, including subjects the run omits', () => {
    const run = { e1: { p1: 0.9 }, e2: {}, e3: { p2: 0.1 } };
    expect(coverage(run, { k: 5, subjects: ['e1', 'e2', 'e3', 'e4'] })).toEqual({
      share: 0.5,
      covered: 2,
      total: 4,
      uncovered: ['e2', 'e4'],
    });
    expect(coverage(run, { k: 5, minScore: 0.5 }).uncovered).toEqual(['e2', 'e3']);
    expect(coverage({}, { k: 5 }).share).toBe(0);
    expect(() => coverage(run, { k: 0 })).toThrow(OptionError);
  });
});

describe('exposure and Gini', () => {
  const bank = (docid: string) => docid.split('-')[0]!;
  const run = { e1: { 'A-1': 3, 'B-1': 2, 'A-2': 1 }, e2: { 'B-2': 2, 'A-1': 1 } };

  it('sums position-discounted exposure per institution within the top k', () => {
    const result = exposureByGroup(run, { k: 2, groupOf: bank, groups: ['A', 'B', 'C'] });
    // e1 top 2: A (1), B (1/log2 3); e2 top 2: B (1), A (1/log2 3).
    const each = 1 + 1 / Math.log2(3);
    expect(result.totals).toEqual({ A: each, B: each, C: 0 });
    expect(result.shares).toEqual({ A: 0.5, B: 0.5, C: 0 });
    expect(result.gini).toBeCloseTo(1 / 3, 15); // two equal holders, one empty
    expect(exposureByGroup(run, { k: 1, groupOf: bank, discount: 'uniform' }).totals).toEqual({
      A: 1,
      B: 1,
    });
  });

  it('Gini is 0 for equal values, (n − 1) / n for one holder, and in [0, 1)', () => {
    expect(giniCoefficient([2, 2, 2])).toBe(0);
    expect(giniCoefficient([0, 0, 0, 5])).toBeCloseTo(3 / 4, 15);
    expect(giniCoefficient([1, 2, 3, 4])).toBeCloseTo(0.25, 15); // Σ|xi−xj| = 20, 2·16·2.5 = 80
    expect(() => giniCoefficient([-1, 2])).toThrow(OptionError);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true })), (xs) => {
        const g = giniCoefficient(xs);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThan(1);
      }),
    );
  });
});

describe('instrument diversity', () => {
  const instrumentOf = (docid: string) => docid.split(':')[0]!;
  it('counts distinct instruments and their entropy in bits', () => {
    expect(distinctInstruments(['loan:1', 'loan:2', 'equity:1'], instrumentOf)).toBe(2);
    expect(instrumentEntropy(['loan:1', 'equity:1'], instrumentOf)).toBeCloseTo(1, 15);
    expect(instrumentEntropy(['loan:1', 'loan:2'], instrumentOf)).toBe(0);
    expect(instrumentEntropy([], instrumentOf)).toBe(0);
    const h = -(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3);
    expect(instrumentEntropy(['loan:1', 'loan:2', 'bond:1'], instrumentOf)).toBeCloseTo(h, 15);
  });
  it('averages over a run’s top k lists', () => {
    const run = { e1: { 'loan:1': 3, 'bond:1': 2, 'equity:1': 1 }, e2: { 'loan:1': 1 } };
    expect(runDiversity(run, { k: 2, instrumentOf })).toEqual({
      mean: 1.5,
      perQuery: { e1: 2, e2: 1 },
    });
  });
});

describe('assignment quality', () => {
  const capacities = { bankA: 1, bankB: 2 };
  const subjectPreferences = { e1: ['bankA', 'bankB'], e2: ['bankA', 'bankB'], e3: ['bankB'] };
  const targetPreferences = { bankA: ['e2', 'e1'], bankB: ['e1', 'e2', 'e3'] };

  it('reports capacity use per target and overall', () => {
    const use = capacityUse({ e1: 'bankA', e2: 'bankB', e3: null, e9: 'bankZ' }, capacities);
    expect(use.perTarget).toEqual({
      bankA: { used: 1, capacity: 1, share: 1 },
      bankB: { used: 1, capacity: 2, share: 0.5 },
    });
    expect(use).toMatchObject({
      used: 2,
      capacity: 3,
      share: 2 / 3,
      overfull: [],
      unknownTargets: ['e9'],
    });
  });

  it('finds no blocking pair in the stable assignment', () => {
    // Deferred acceptance (subjects proposing) gives e2→bankA, e1→bankB, e3→bankB.
    expect(
      blockingPairs({
        assignment: { e1: 'bankB', e2: 'bankA', e3: 'bankB' },
        capacities,
        subjectPreferences,
        targetPreferences,
      }),
    ).toEqual({ count: 0, pairs: [] });
  });

  it('finds the pairs that would rather match each other', () => {
    // e2 prefers bankA, and bankA prefers e2 to its e1: blocking. e3 is unassigned and bankB has room: blocking.
    const result = blockingPairs({
      assignment: { e1: 'bankA', e2: 'bankB' },
      capacities,
      subjectPreferences,
      targetPreferences,
    });
    expect(result.pairs).toEqual([
      { subject: 'e2', target: 'bankA' },
      { subject: 'e3', target: 'bankB' },
    ]);
    expect(result.count).toBe(2);
  });

  it('ignores pairs that are not mutually acceptable', () => {
    expect(
      blockingPairs({
        assignment: {},
        capacities: { t: 1 },
        subjectPreferences: { s: ['t'] },
        targetPreferences: { t: [] },
      }).count,
    ).toBe(0);
  });
});
