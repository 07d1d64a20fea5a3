import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { extendProfile } from '../../src/engine/profiles/define.js';
import { reciprocalStrategy } from '../../src/engine/strategies/reciprocal.js';
import { scorePair } from '../../src/engine/pipeline.js';
import { sortById } from '../../src/util/compare.js';
import { planProfile } from '../../src/compile/plan.js';
import { CatalogueEngine } from '../../src/compile/catalogue.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const products = sortById([...m.products]) as FinancialProduct[];

const profiles = {
  default: enterpriseProductProfile(),
  reciprocal: extendProfile(enterpriseProductProfile(), {
    strategy: reciprocalStrategy({ mean: 'geometric' }),
  }),
};

/** The reference top k: every eligible product scored by scorePair, score desc then id asc. */
function referenceTop(
  profile: (typeof profiles)['default'],
  e: Enterprise,
  k: number,
): { id: string; score: number }[] {
  const out: { id: string; score: number }[] = [];
  for (const p of products) {
    const r = scorePair(profile, { subject: e, target: p, ...env }, { exhaustive: false });
    if (r.eligible) out.push({ id: p.id, score: r.score });
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
}

describe('CatalogueEngine: lazy rows, sparse keys and rankInto = reference', () => {
  for (const [name, profile] of Object.entries(profiles)) {
    test(`${name}: all keys sparse (rows after 2 uses), default and rankInto agree with scorePair`, () => {
      const plan = planProfile(profile, env)!;
      const sparse = new CatalogueEngine(plan, products, undefined, {
        sparseKeyLimit: 0,
        sparseRowUses: 2,
      });
      const dense = new CatalogueEngine(plan, products);
      const rows = new Int32Array(60);
      const scores = new Float64Array(60);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: m.enterprises.length - 1 }),
          fc.integer({ min: 1, max: 60 }),
          (i, k) => {
            const e = m.enterprises[i]!;
            const want = referenceTop(profile, e, k);
            for (const engine of [sparse, dense]) {
              const { codes, numbers, vectors } = engine.encode(e);
              const got = engine.rank(codes, numbers, vectors, k)!;
              expect(got.map((r) => products[r.row]!.id)).toEqual(want.map((w) => w.id));
              got.forEach((r, j) => expect(Math.abs(r.score - want[j]!.score)).toBeLessThan(1e-9));
              const n = engine.rankInto(codes, numbers, vectors, k, rows, scores);
              expect(Array.from(rows.subarray(0, n))).toEqual(got.map((r) => r.row));
              expect(Array.from(scores.subarray(0, n))).toEqual(got.map((r) => r.score));
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});
