import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collaborativeFactor } from '../../src/collab/factor.js';
import { fitCooccurrence } from '../../src/collab/cooccurrence.js';
import { weightedSumStrategy } from '../../src/engine/strategies/weighted-sum.js';
import type { Factor, PairContext } from '../../src/engine/types.js';
import type { Interaction } from '../../src/model/types.js';
import { interaction, plantedInteractions } from './helpers.js';

interface Entity {
  id: string;
}

const ctx = (subject: string, target: string): PairContext<Entity, Entity> => ({
  subject: { id: subject },
  target: { id: target },
  asOf: '2026-06-30',
  locale: 'zh',
  reference: {},
});

const products = Array.from({ length: 24 }, (_, i) => ({ id: `P${i}` }));

function prepared(
  method: 'als' | 'cooccurrence',
  interactions: Interaction[],
): Factor<Entity, Entity> {
  return collaborativeFactor<Entity, Entity>({
    method,
    als: { factors: 4, iterations: 10, seed: 3 },
  }).prepare!({ targets: products, interactions, reference: {} });
}

describe.each(['cooccurrence', 'als'] as const)('collaborativeFactor (%s)', (method) => {
  const history = [
    ...plantedInteractions({ seed: 21, subjects: 90 }),
    // A new-ish enterprise whose two products are in cluster 0.
    interaction('q1', 'Q', 'P0', 'funded', '2025-03-01'),
    interaction('q2', 'Q', 'P3', 'approved', '2025-03-02'),
  ];
  const factor = prepared(method, history);

  it('is named collaborative and abstains before prepare', () => {
    expect(
      collaborativeFactor<Entity, Entity>().prepare!({
        targets: products,
        interactions: history,
        reference: {},
      }),
    ).toMatchObject({ model: { method: 'als' } });
    const unprepared = collaborativeFactor<Entity, Entity>({ method });
    expect(unprepared.name).toBe('collaborative');
    expect(unprepared.score(ctx('E0', 'P0'))).toBeNull();
  });

  it('ranks a product liked by similar enterprises above one that is not', () => {
    // P6, P9: cluster 0, held by enterprises like Q. P7, P10: cluster 1.
    for (const liked of ['P6', 'P9']) {
      for (const other of ['P7', 'P10', 'P8']) {
        expect(factor.score(ctx('Q', liked))!).toBeGreaterThan(factor.score(ctx('Q', other))!);
      }
    }
  });

  it('abstains for a subject or an item without history', () => {
    expect(factor.score(ctx('BRAND-NEW', 'P0'))).toBeNull();
    expect(factor.score(ctx('Q', 'NEW-PRODUCT'))).toBeNull();
    // The strategy then ranks the cold enterprise by its attributes alone.
    const combined = weightedSumStrategy().combine({
      factors: [
        { name: 'collaborative', value: null, weight: 0.3, side: 'both' },
        { name: 'amountFit', value: 0.7, weight: 0.7, side: 'subject' },
      ],
    });
    expect(combined.score).toBeCloseTo(0.7, 12);
  });

  it('scores in [0, 1], deterministically, whatever else is ranked', () => {
    const again = prepared(method, history.slice().reverse());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 89 }), fc.integer({ min: 0, max: 23 }), (u, i) => {
        const v = factor.score(ctx(`E${u}`, `P${i}`));
        expect(v).not.toBeNull();
        expect(v!).toBeGreaterThanOrEqual(0);
        expect(v!).toBeLessThanOrEqual(1);
        expect(again.score(ctx(`E${u}`, `P${i}`))).toBe(v);
      }),
      { numRuns: 60 },
    );
    // Preparing with a smaller catalogue does not change the normalised value.
    const narrow = collaborativeFactor<Entity, Entity>({
      method,
      als: { factors: 4, iterations: 10, seed: 3 },
    }).prepare!({ targets: products.slice(0, 6), interactions: history, reference: {} });
    expect(narrow.score(ctx('E1', 'P4'))).toBe(factor.score(ctx('E1', 'P4')));
  });
});

describe('collaborativeFactor markets', () => {
  it('learns from the targets’ market only (project → investor)', () => {
    const investorHistory: Interaction[] = [
      {
        id: 'v1',
        subjectKind: 'project',
        subjectId: 'R1',
        itemKind: 'investor',
        itemId: 'V1',
        kind: 'funded',
        date: '2025-01-01',
      },
      {
        id: 'v2',
        subjectKind: 'project',
        subjectId: 'R1',
        itemKind: 'investor',
        itemId: 'V2',
        kind: 'funded',
        date: '2025-01-02',
      },
      {
        id: 'v3',
        subjectKind: 'project',
        subjectId: 'R2',
        itemKind: 'investor',
        itemId: 'V1',
        kind: 'funded',
        date: '2025-01-03',
      },
    ];
    const mixed = [...plantedInteractions({ seed: 2 }), ...investorHistory];
    const factor = collaborativeFactor<Entity, Entity>({ method: 'cooccurrence' }).prepare!({
      targets: [{ id: 'V1' }, { id: 'V2' }],
      interactions: mixed,
      reference: {},
    }) as ReturnType<typeof collaborativeFactor<Entity, Entity>>;
    expect(factor.model?.itemIds()).toEqual(['V1', 'V2']);
    // R2 funded by V1, like R1, who was also funded by V2.
    expect(factor.score(ctx('R2', 'V2'))).toBe(1);
    expect(factor.score(ctx('E0', 'P0'))).toBeNull();
  });

  it('binds a pre-fitted model and sees its incremental updates', () => {
    const model = fitCooccurrence({
      interactions: [interaction('a', 'E1', 'P1'), interaction('b', 'E1', 'P2')],
    });
    const factor = collaborativeFactor<Entity, Entity>({ model }).prepare!({
      targets: products,
      reference: {},
    });
    expect(factor.score(ctx('E2', 'P2'))).toBeNull();
    model.addInteractions([interaction('c', 'E2', 'P1')]);
    expect(factor.score(ctx('E2', 'P2'))).toBe(1);
  });
});
