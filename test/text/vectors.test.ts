/**
 * The text factor's fast-path `vectors` hook (`method: 'lsa'`): the columnar value
 * map(dot32(subject vector, target vector)) equals `score` on every pair, and the factor keeps
 * working when `prepare` is given no targets (an index over subjects).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyEnv, PairContext, VectorHook } from '../../src/engine/types.js';
import { dot32 } from '../../src/compile/plan.js';
import { generateMarket } from '../../src/generate/index.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { textFactor, type PreparedTextFactor } from '../../src/text/factor.js';

const market = generateMarket({ seed: 1, scale: 'small' });
const env: KeyEnv = { asOf: '2026-06-30', reference: {} };
const products = market.products;
// Real enterprises plus subjects the factor abstains on (no text, blank text).
const subjects: Enterprise[] = [
  ...market.enterprises.slice(0, 400),
  { ...market.enterprises[0]!, id: 'E-EMPTY', text: '' },
  { ...market.enterprises[1]!, id: 'E-BLANK', text: '  ' },
];

function pair(
  subject: Enterprise,
  target: FinancialProduct,
): PairContext<Enterprise, FinancialProduct> {
  return { subject, target, asOf: env.asOf, locale: 'zh', reference: {} };
}

/** What the columnar loop computes: NaN (abstain) as null. */
function hookValue(
  hook: VectorHook<Enterprise, FinancialProduct>,
  subject: Enterprise,
  target: FinancialProduct,
): number | null {
  const sv = hook.subjectVector(subject, env);
  const tv = hook.targetVector(target, env);
  return sv && tv ? hook.map(dot32(sv, tv)) : null;
}

/** Property: the hook's value equals `score` within 1e-9 on random pairs (including abstentions). */
function expectHookEqualsScore(
  factor: PreparedTextFactor<Enterprise, FinancialProduct>,
  targets: readonly FinancialProduct[],
): void {
  const hook = factor.vectors!;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: subjects.length - 1 }),
      fc.integer({ min: 0, max: targets.length - 1 }),
      (s, t) => {
        const subject = subjects[s]!;
        const target = targets[t]!;
        const want = factor.score(pair(subject, target));
        const got = hookValue(hook, subject, target);
        if (want === null) expect(got).toBeNull();
        else {
          expect(got).not.toBeNull();
          expect(Math.abs(got! - want)).toBeLessThanOrEqual(1e-9);
          expect(got!).toBeGreaterThanOrEqual(0);
          expect(got!).toBeLessThanOrEqual(1);
        }
      },
    ),
    { numRuns: 400 },
  );
  // The abstaining subjects abstain on both paths.
  for (const id of ['E-EMPTY', 'E-BLANK']) {
    const subject = subjects.find((e) => e.id === id)!;
    expect(hook.subjectVector(subject, env)).toBeNull();
    expect(factor.score(pair(subject, targets[0]!))).toBeNull();
  }
}

describe('textFactor vector hook', () => {
  const lsa = textFactor<Enterprise, FinancialProduct>({
    method: 'lsa',
    lsa: { dimensions: 48 },
  }).prepare({ targets: products, reference: {} });

  it('lsa: declares a hook of the model’s dimension over L2-normalised Float32 vectors', () => {
    const hook = lsa.vectors!;
    expect(lsa.corpus).toBe('targets');
    expect(hook.dimension).toBe(lsa.lsaModel!.dimensions);
    const v = hook.targetVector(products[0]!, env)!;
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(hook.dimension);
    expect(Math.abs(dot32(v, v) - 1)).toBeLessThan(1e-6);
    expect(hook.map(-0.3)).toBe(0);
    expect(hook.map(0.25)).toBe(0.25);
    expect(hook.map(1 + 1e-7)).toBe(1);
  });

  it('lsa: map(dot(subject, target)) equals score within 1e-9 on random pairs', () => {
    expectHookEqualsScore(lsa, products);
  });

  it('lsa: agrees on targets unseen by prepare (folded in) too', () => {
    const unseen = products.slice(0, 50).map((p) => ({ ...p, id: `${p.id}-copy` }));
    expectHookEqualsScore(lsa, unseen);
  });

  it('bm25 and hybrid declare no hook (they run on the reference path)', () => {
    for (const method of ['bm25', 'hybrid'] as const) {
      const factor = textFactor<Enterprise, FinancialProduct>({
        method,
        lsa: { dimensions: 8 },
      }).prepare({ targets: products.slice(0, 30), reference: {} });
      expect(factor.vectors).toBeUndefined();
    }
    // Nor does the unprepared factor, which cannot score.
    expect(textFactor({ method: 'lsa' }).vectors).toBeUndefined();
  });
});

describe('textFactor prepared without targets', () => {
  const indexSubjects = subjects.filter((e) => e.text.trim() !== '');

  it('lsa: indexes the subjects’ texts and scores every target folded in, hook = score', () => {
    const factor = textFactor<Enterprise, FinancialProduct>({
      method: 'lsa',
      lsa: { dimensions: 32 },
    }).prepare({ targets: [], subjects: indexSubjects, reference: {} });
    expect(factor.corpus).toBe('subjects');
    expect(factor.lsaModel!.size).toBe(indexSubjects.length);
    expectHookEqualsScore(factor, products);
    // Not a constant: some products fit an enterprise better than others.
    const values = new Set(products.map((p) => factor.score(pair(subjects[0]!, p))));
    expect(values.size).toBeGreaterThan(10);
  });

  it('bm25 and hybrid: score in [0, 1] against the subjects’ statistics', () => {
    for (const method of ['bm25', 'hybrid'] as const) {
      const factor = textFactor<Enterprise, FinancialProduct>({
        method,
        lsa: { dimensions: 16 },
      }).prepare({ targets: [], subjects: indexSubjects.slice(0, 200), reference: {} });
      expect(factor.corpus).toBe('subjects');
      const values = products.slice(0, 100).map((p) => factor.score(pair(subjects[0]!, p)));
      for (const v of values) {
        expect(v).not.toBeNull();
        expect(v!).toBeGreaterThanOrEqual(0);
        expect(v!).toBeLessThanOrEqual(1);
      }
      expect(values.some((v) => v! > 0)).toBe(true);
    }
  });

  it('a subject document id never shadows a target with the same id', () => {
    const factor = textFactor<Enterprise, FinancialProduct>({ method: 'bm25' }).prepare({
      targets: [],
      subjects: indexSubjects.slice(0, 50),
      reference: {},
    });
    const p = products[0]!;
    expect(factor.score(pair(subjects[0]!, { ...p, id: '#0' }))).toBe(
      factor.score(pair(subjects[0]!, p)),
    );
  });

  it('abstains on every pair with neither targets nor subject texts (lsa: null vectors)', () => {
    const blank = subjects.filter((e) => e.text.trim() === '');
    for (const method of ['bm25', 'lsa', 'hybrid'] as const) {
      const factor = textFactor<Enterprise, FinancialProduct>({ method }).prepare({
        targets: [],
        ...(method === 'hybrid' ? { subjects: blank } : {}),
        reference: {},
      });
      expect(factor.corpus).toBe('none');
      expect(factor.score(pair(subjects[0]!, products[0]!))).toBeNull();
      if (method === 'lsa') {
        expect(factor.vectors!.subjectVector(subjects[0]!, env)).toBeNull();
        expect(factor.vectors!.targetVector(products[0]!, env)).toBeNull();
      }
    }
  });
});
