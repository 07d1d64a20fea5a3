/**
 * The collaborative factor's fast-path `vectors` hook (ALS): the columnar value
 * map(dot32(subject vector, item vector)) equals `score` on every pair, abstentions included,
 * and the factor works when `prepare` is given no targets (an index over subjects).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embeddingDot, embeddingFit, fitAls } from '../../src/collab/als.js';
import { collaborativeFactor, type CollaborativeFactor } from '../../src/collab/factor.js';
import type { KeyEnv, PairContext } from '../../src/engine/types.js';
import { dot32 } from '../../src/compile/plan.js';
import type { Interaction } from '../../src/model/types.js';
import { interaction, plantedInteractions } from './helpers.js';

interface Entity {
  id: string;
}

const env: KeyEnv = { asOf: '2026-06-30', reference: {} };
const ctx = (subject: string, target: string): PairContext<Entity, Entity> => ({
  subject: { id: subject },
  target: { id: target },
  asOf: env.asOf,
  locale: 'zh',
  reference: {},
});
const products = Array.from({ length: 24 }, (_, i) => ({ id: `P${i}` }));
const history: Interaction[] = [
  ...plantedInteractions({ seed: 5, subjects: 80 }),
  // Only a decline: known to the model, but no positive raw score may exist.
  interaction('d1', 'D', 'P1', 'declined', '2025-02-01'),
];

/** What the columnar loop computes: NaN (abstain) as null. */
function hookValue(factor: CollaborativeFactor<Entity, Entity>, s: string, t: string) {
  const hook = factor.vectors!;
  const sv = hook.subjectVector({ id: s }, env);
  const tv = hook.targetVector({ id: t }, env);
  return sv && tv ? hook.map(dot32(sv, tv)) : null;
}

function expectHookEqualsScore(factor: CollaborativeFactor<Entity, Entity>): void {
  // Subjects E0…E79 and D have history; E80…E84 do not. Items P0…P23 do; P24…P26 do not.
  const subjectIds = [...Array.from({ length: 85 }, (_, u) => `E${u}`), 'D'];
  fc.assert(
    fc.property(
      fc.constantFrom(...subjectIds),
      fc.integer({ min: 0, max: 26 }),
      (subject, item) => {
        const want = factor.score(ctx(subject, `P${item}`));
        const got = hookValue(factor, subject, `P${item}`);
        if (want === null) expect(got).toBeNull();
        else {
          expect(got).not.toBeNull();
          expect(Math.abs(got! - want)).toBeLessThanOrEqual(1e-9);
        }
      },
    ),
    { numRuns: 500 },
  );
}

function prepare(
  options: Parameters<typeof collaborativeFactor>[0] = {},
): CollaborativeFactor<Entity, Entity> {
  return collaborativeFactor<Entity, Entity>({
    als: { factors: 6, iterations: 8, seed: 2 },
    ...options,
  }).prepare!({ targets: products, interactions: history, reference: {} }) as CollaborativeFactor<
    Entity,
    Entity
  >;
}

describe('collaborativeFactor vector hook (ALS)', () => {
  const factor = prepare();

  it('declares a hook of the model’s dimension; null vectors for entities without history', () => {
    const hook = factor.vectors!;
    expect(hook.dimension).toBe(6);
    expect(hook.subjectVector({ id: 'E3' }, env)).toBeInstanceOf(Float32Array);
    expect(hook.subjectVector({ id: 'E3' }, env)!.length).toBe(6);
    expect(hook.subjectVector({ id: 'NEW' }, env)).toBeNull();
    expect(hook.targetVector({ id: 'NEW' }, env)).toBeNull();
    expect(factor.score(ctx('NEW', 'P0'))).toBeNull();
    expect(factor.score(ctx('E3', 'NEW'))).toBeNull();
  });

  it('map(dot(subject, item)) equals score within 1e-9 on random pairs', () => {
    expectHookEqualsScore(factor);
  });

  it('equals the model’s float64 normalised score to Float32 precision', () => {
    const model = factor.model!;
    let best = 0;
    for (let u = 0; u < 80; u++) {
      for (const p of products) {
        const v = factor.score(ctx(`E${u}`, p.id))!;
        expect(Math.abs(v - model.score(`E${u}`, p.id)!)).toBeLessThan(1e-6);
        best = Math.max(best, v);
      }
    }
    // Pre-scaling by the subject's best raw score puts its best item at ≈ 1 (capped at 1).
    expect(best).toBeGreaterThan(1 - 1e-6);
    expect(best).toBeLessThanOrEqual(1);
    // D only declined (preference 0 everywhere, so its solved vector is 0 and so is its best
    // raw score): it scores 0 on every item, through a zero vector, not by abstaining.
    expect(products.every((p) => model.score('D', p.id) === 0)).toBe(true);
    expect(products.every((p) => factor.score(ctx('D', p.id)) === 0)).toBe(true);
    expect(Array.from(factor.vectors!.subjectVector({ id: 'D' }, env)!)).toEqual(
      new Array<number>(6).fill(0),
    );
  });

  it('clamp normalisation: unscaled vectors, the same map', () => {
    const clamped = prepare({
      als: { factors: 6, iterations: 8, seed: 2, normalization: 'clamp' },
    });
    expectHookEqualsScore(clamped);
    for (let u = 0; u < 10; u++) {
      const v = clamped.score(ctx(`E${u}`, 'P0'))!;
      expect(Math.abs(v - clamped.model!.score(`E${u}`, 'P0')!)).toBeLessThan(1e-6);
    }
  });

  it('a bound pre-fitted model: the hook and score see addInteractions at once', () => {
    const model = fitAls({ interactions: history, options: { factors: 4, iterations: 6 } });
    const bound = collaborativeFactor<Entity, Entity>({ model }).prepare!({
      targets: products,
      reference: {},
    }) as CollaborativeFactor<Entity, Entity>;
    expect(bound.score(ctx('LATE', 'P2'))).toBeNull();
    const before = bound.score(ctx('E0', 'P5'));
    model.addInteractions([
      interaction('late1', 'LATE', 'P2', 'funded', '2025-06-01'),
      interaction('late2', 'E0', 'P5', 'funded', '2025-06-01'),
    ]);
    expect(bound.score(ctx('LATE', 'P2'))).not.toBeNull();
    expect(bound.score(ctx('E0', 'P5'))).not.toBe(before);
    expect(hookValue(bound, 'E0', 'P5')).toBe(bound.score(ctx('E0', 'P5')));
    expect(hookValue(bound, 'LATE', 'P2')).toBe(bound.score(ctx('LATE', 'P2')));
  });

  it('embeddingFit is min(1, max(0, dot)); embeddingDot is the fast path’s dot', () => {
    expect(embeddingFit(-0.5)).toBe(0);
    expect(embeddingFit(0.4)).toBe(0.4);
    expect(embeddingFit(1.0000001)).toBe(1);
    const a = Float32Array.from([0.1, -0.2, 0.3]);
    const b = Float32Array.from([0.7, 0.5, -0.25]);
    expect(embeddingDot(a, b)).toBe(dot32(a, b));
  });

  it('co-occurrence declares no hook (it runs on the reference path)', () => {
    expect(prepare({ method: 'cooccurrence' }).vectors).toBeUndefined();
  });
});

describe('collaborativeFactor prepared without targets', () => {
  const investorHistory: Interaction[] = [
    ['v1', 'R1', 'V1'],
    ['v2', 'R1', 'V2'],
    ['v3', 'R2', 'V1'],
    ['v4', 'R3', 'V2'],
  ].map(([id, subjectId, itemId]) => ({
    id: id!,
    subjectKind: 'project',
    subjectId: subjectId!,
    itemKind: 'investor',
    itemId: itemId!,
    kind: 'funded',
    date: '2025-01-01',
  }));
  // More product interactions than investor ones: a blind majority would pick products.
  const mixed = [...plantedInteractions({ seed: 3 }), ...investorHistory];

  it('infers the market from the subjects’ ids (project index → investors)', () => {
    const factor = collaborativeFactor<Entity, Entity>({
      als: { factors: 2, iterations: 5 },
    }).prepare!({
      targets: [],
      subjects: [{ id: 'R1' }, { id: 'R2' }, { id: 'R3' }],
      interactions: mixed,
      reference: {},
    }) as CollaborativeFactor<Entity, Entity>;
    expect(factor.model!.itemIds()).toEqual(['V1', 'V2']);
    expect(factor.score(ctx('R2', 'V2'))).not.toBeNull();
    expect(factor.score(ctx('E0', 'P0'))).toBeNull();
    expect(hookValue(factor, 'R2', 'V2')).toBe(factor.score(ctx('R2', 'V2')));
  });

  it('an enterprise index scores products it was never shown, as a catalogue-prepared factor does', () => {
    const subjects = Array.from({ length: 60 }, (_, u) => ({ id: `E${u}` }));
    const options = { als: { factors: 4, iterations: 6, seed: 9 } };
    const withoutTargets = collaborativeFactor<Entity, Entity>(options).prepare!({
      targets: [],
      subjects,
      interactions: mixed,
      reference: {},
    });
    const withTargets = collaborativeFactor<Entity, Entity>(options).prepare!({
      targets: products,
      interactions: mixed,
      reference: {},
    });
    for (const u of [0, 7, 33])
      for (const p of ['P0', 'P5', 'P17'])
        expect(withoutTargets.score(ctx(`E${u}`, p))).toBe(withTargets.score(ctx(`E${u}`, p)));
  });
});
