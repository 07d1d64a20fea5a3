import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { defineProfile } from '../../src/engine/profiles/define.js';
import { scorePair } from '../../src/engine/pipeline.js';
import { sortById } from '../../src/util/compare.js';
import { planProfile } from '../../src/compile/plan.js';
import { CatalogueEngine } from '../../src/compile/catalogue.js';
import type { Factor, PairContext } from '../../src/engine/types.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const products = sortById([...m.products]) as FinancialProduct[];

/** A deterministic hash of a string (FNV-1a, 32 bits). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A key factor keyed by the enterprise id whose value for a pair is one of a million values,
 * −0 for some pairs and 0 for others: its rows hold more distinct values than a byte or 16 bits
 * number, so they widen twice while being filled.
 */
const fine: Factor<Enterprise, FinancialProduct> = {
  name: 'fine',
  description: { zh: '细粒度', en: 'fine-grained' },
  key: (e) => e.id,
  score: ({ subject, target }: PairContext<Enterprise, FinancialProduct>) => {
    const h = hash(`${subject.id}|${target.id}`);
    if (h % 97 === 0) return -0;
    if (h % 89 === 0) return 0;
    return (h % 1_000_000) / 999_999;
  },
};

const base = enterpriseProductProfile();
const profile = defineProfile<Enterprise, FinancialProduct>({
  name: 'fine',
  version: '1.0.0',
  market: 'enterpriseProduct',
  rules: base.rules,
  factors: [...base.factors, { factor: fine, weight: 0.2 }],
  strategy: base.strategy,
});

describe('CatalogueEngine: factor rows hold value slots', () => {
  test('a factor with more distinct values than 8 and 16 bits number: every stored value reads back exactly (−0 apart from 0), before and after its rows widen, and rankings equal the reference', () => {
    const plan = planProfile(profile, env)!;
    const f = plan.factorNames.indexOf('fine');
    const engine = new CatalogueEngine(plan, products);
    const subjects = m.enterprises.slice(0, 100);
    const read = (e: Enterprise): number[] => {
      const { codes } = engine.encode(e);
      return products.map((_, t) => engine.keyFactorValue(f, codes, t)!);
    };
    const want = (e: Enterprise) =>
      products.map((target) => fine.score({ subject: e, target, ...env }) as number);
    // The first subject's 741 values fit a byte row's slots; later ones need 16, then 32 bits.
    const first = read(subjects[0]!);
    subjects.slice(1).forEach(read);
    for (const e of [subjects[0]!, subjects[1]!, subjects[99]!]) {
      const got = e === subjects[0] ? first : read(e);
      const expected = want(e);
      expect(got.every((v, t) => Object.is(v, expected[t]))).toBe(true);
      // Re-read after every widening.
      const again = read(e);
      expect(again.every((v, t) => Object.is(v, expected[t]))).toBe(true);
    }
    expect(want(subjects[0]!).some((v) => Object.is(v, -0))).toBe(true);
    expect(want(subjects[0]!).some((v) => Object.is(v, 0))).toBe(true);
    for (const e of subjects.slice(0, 30)) {
      const { codes, numbers, vectors } = engine.encode(e);
      const got = engine.rank(codes, numbers, vectors, 10)!;
      const ref: { id: string; score: number }[] = [];
      for (const p of products) {
        const r = scorePair(profile, { subject: e, target: p, ...env }, { exhaustive: false });
        if (r.eligible) ref.push({ id: p.id, score: r.score });
      }
      ref.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      expect(got.map((r) => ({ id: products[r.row]!.id, score: r.score }))).toEqual(
        ref.slice(0, 10),
      );
    }
  });
});
