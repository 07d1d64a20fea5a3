/**
 * Results written straight from the strategy kernel (`kernelResults`) are the results the
 * per-factor path writes (`combine`, `finishRanking`) in the cases where the kernel alone could
 * tell otherwise: a factor renamed after the index was built, a kernel that writes into its
 * values, a strategy whose `combine` was replaced, a called factor's invalid value (reported
 * for a bad pair, as before).
 */
import { describe, expect, test } from 'vitest';
import {
  createEnterpriseIndex,
  createProductMatcher,
  enterpriseProductProfile,
  extendProfile,
  weightedSumStrategy,
} from '../../src/index.js';
import { FactorValueError } from '../../src/engine/pipeline.js';
import { defineStrategy } from '../../src/engine/strategies/define.js';
import { weightedSumKernel } from '../../src/engine/strategies/weighted-sum.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { CombineContext, Factor, Profile, RankingStrategy } from '../../src/engine/types.js';
import { AS_OF, referenceOnly, smallMarket } from './helpers.js';

const m = smallMarket();
const options = { asOf: AS_OF, chains: m.chains, zones: m.zones };
const subjects = m.enterprises.slice(0, 800);

/** The products with at least `k` eligible enterprises among `subjects` (the shipped profile). */
function broadProducts(k: number, count: number): FinancialProduct[] {
  const index = createEnterpriseIndex(subjects, options);
  return m.products.filter((p) => index.prospectEnterprises(p, { k }).length === k).slice(0, count);
}

/** Indexes of `subjects` under `profile`: on the fast path, and on the reference path alone. */
function fastAndReference(profile: Profile<Enterprise, FinancialProduct>) {
  return {
    fast: createEnterpriseIndex(subjects, { ...options, profile }),
    reference: createEnterpriseIndex(subjects, { ...options, profile: referenceOnly(profile) }),
  };
}

describe('results from the strategy kernel', () => {
  test('a factor renamed after the index was built: its new name, as with rule results', () => {
    const profile = enterpriseProductProfile();
    const sector = profile.factors.find((f) => f.factor.name === 'sectorFit')!.factor;
    const index = createEnterpriseIndex(subjects, { ...options, profile });
    const matcher = createProductMatcher(m.products, { ...options, profile });
    const [product] = broadProducts(5, 1);
    const before = index.prospectEnterprises(product!, { k: 5 });
    expect(Object.keys(before[0]!.factors)).toContain('sectorFit');
    try {
      (sector as { name: string }).name = 'renamed';
      const after = index.prospectEnterprises(product!, { k: 5 });
      const withRules = index.prospectEnterprises(product!, { k: 5, includeRules: true });
      expect(Object.keys(after[0]!.factors)).toEqual(Object.keys(withRules[0]!.factors));
      expect(Object.keys(after[0]!.factors)).toContain('renamed');
      expect(Object.keys(after[0]!.contributions)).toContain('renamed');
      // The same scores as before the rename: only the name changed.
      expect(after.map((r) => [r.enterpriseId, r.score])).toEqual(
        before.map((r) => [r.enterpriseId, r.score]),
      );
      // The catalogue's results follow it too.
      const ranked = matcher.rankProducts(subjects[0]!, { k: 3 });
      expect(ranked.length).toBeGreaterThan(0);
      expect(Object.keys(ranked[0]!.factors)).toContain('renamed');
    } finally {
      (sector as { name: string }).name = 'sectorFit';
    }
  });

  test('a kernel that writes into the values it is given: the factor record is unchanged', () => {
    // Abstentions (NaN) read as 0 inside the kernel: the record must still say null.
    const strategy = defineStrategy({
      name: 'inPlace',
      description: { zh: '就地', en: 'in place' },
      compile: () => {
        const kernel = weightedSumKernel(true, (w) => w);
        return {
          weights: kernel.weights,
          sortKeyLength: 0,
          twoSided: false,
          score(values, weights, sides, out) {
            for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) values[i] = 0;
            return kernel.score(values, weights, sides, out);
          },
        };
      },
    });
    const profile = extendProfile(enterpriseProductProfile(), { strategy });
    const { fast, reference } = fastAndReference(profile);
    let abstained = 0;
    for (const p of broadProducts(20, 12)) {
      const got = fast.prospectEnterprises(p, { k: 20 });
      expect(got).toEqual(reference.prospectEnterprises(p, { k: 20 }));
      for (const r of got) abstained += Object.values(r.factors).filter((v) => v === null).length;
    }
    expect(abstained).toBeGreaterThan(0);
  });

  test("a strategy whose combine was replaced: its combine writes the results' scores", () => {
    const base = weightedSumStrategy();
    const rounded: RankingStrategy = {
      ...base,
      combine(ctx: CombineContext) {
        const c = base.combine(ctx);
        return { ...c, score: Math.round(c.score * 100) / 100 };
      },
    };
    const profile = extendProfile(enterpriseProductProfile(), { strategy: rounded });
    const index = createEnterpriseIndex(subjects, { ...options, profile });
    let results = 0;
    for (const p of broadProducts(10, 5))
      for (const r of index.prospectEnterprises(p, { k: 10 })) {
        expect(r.score).toBe(Math.round(r.score * 100) / 100);
        results++;
      }
    expect(results).toBe(50);
  });

  test("a called factor's invalid value: the same FactorValueError as the reference path", () => {
    // A kernel factor whose kernel gives NaN on some rows (the factor is then called), and
    // whose score there is out of [0, 1].
    const bad: Factor<Enterprise, FinancialProduct> = {
      name: 'bad',
      label: { zh: '坏', en: 'bad' },
      description: { zh: '测试用', en: 'for tests' },
      score: ({ subject }) => (subject.employees % 7 === 3 ? 1.5 : 0.25),
      kernel: {
        columnName: 'employees (test)',
        column: (subject: Enterprise) => subject.employees,
        compile: () => (x: number) => (x % 7 === 3 ? NaN : 0.25),
      },
    };
    const profile = extendProfile(enterpriseProductProfile(), {
      addFactors: [{ factor: bad, weight: 5 }],
    });
    const { fast, reference } = fastAndReference(profile);
    let thrown = 0;
    for (const p of broadProducts(50, 10)) {
      const error = (index: ReturnType<typeof fastAndReference>['fast']): unknown => {
        try {
          index.prospectEnterprises(p, { k: 50 });
          return undefined;
        } catch (e) {
          return e;
        }
      };
      const got = error(fast);
      const want = error(reference);
      // Thrown for the same products; the reference path names the first bad pair in id
      // order, the fast path the first among the ranked rows it writes: both bad pairs.
      expect(got === undefined).toBe(want === undefined);
      if (got !== undefined) {
        expect(got).toBeInstanceOf(FactorValueError);
        const [, id, productId] = /returned 1\.5 for the pair \((ent-\d+), (prod-\d+)\)/.exec(
          String(got),
        )!;
        expect(productId).toBe(p.id);
        expect(subjects.find((e) => e.id === id)!.employees % 7).toBe(3);
        thrown++;
      }
    }
    expect(thrown).toBeGreaterThan(0);
  });
});
