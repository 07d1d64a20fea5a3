import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { defineProfile, extendProfile } from '../../src/engine/profiles/define.js';
import { reciprocalStrategy } from '../../src/engine/strategies/reciprocal.js';
import { weightedSumStrategy } from '../../src/engine/strategies/weighted-sum.js';
import { lexicographicStrategy } from '../../src/engine/strategies/lexicographic.js';
import { mmrReranker } from '../../src/engine/rerank/index.js';
import { FactorValueError, prepareProfile, scorePair } from '../../src/engine/pipeline.js';
import { scoreThroughKernel } from '../../src/engine/factors/kernel-score.js';
import { sortById } from '../../src/util/compare.js';
import { createProductMatcher } from '../../src/engine/matchers/product-matcher.js';
import { planProfile } from '../../src/compile/plan.js';
import { CatalogueEngine } from '../../src/compile/catalogue.js';
import type { Factor, NumericKernel, Profile } from '../../src/engine/types.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { AS_OF, smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { reference, env } = smallMarketEnv();
const products = sortById([...m.products]) as FinancialProduct[];
type EP = Profile<Enterprise, FinancialProduct>;

/** Prepared on the catalogue with the market's history, so the learned factors run as vectors. */
const withHistory = (profile: EP): EP =>
  prepareProfile(profile, {
    targets: products,
    subjects: m.enterprises,
    interactions: m.interactions,
    reference,
    asOf: AS_OF,
  });

const profiles: Record<string, EP> = {
  default: enterpriseProductProfile(),
  'default with history': withHistory(enterpriseProductProfile()),
  'reciprocal (two-sided) with history': withHistory(
    extendProfile(enterpriseProductProfile(), {
      strategy: reciprocalStrategy({ mean: 'geometric' }),
    }),
  ),
  noRedistribute: extendProfile(enterpriseProductProfile(), {
    strategy: weightedSumStrategy({ redistributeAbstained: false }),
    weights: { chainZone: 0 },
  }),
};

/** `factor` without its `tokens` fast-path hook. */
function withoutTokens<F extends Factor<Enterprise, FinancialProduct>>(factor: F): F {
  const copy = { ...factor };
  delete (copy as { tokens?: unknown }).tokens;
  return copy;
}

/**
 * The reference ranking of one enterprise: every product through scorePair, the eligible ones
 * by score desc then id, numbered, with the fields a ranking returns.
 */
function referenceRanking(profile: EP, e: Enterprise, k: number) {
  const out = [];
  for (const p of products) {
    const r = scorePair(profile, { subject: e, target: p, ...env }, { exhaustive: false });
    if (r.eligible)
      out.push({
        id: p.id,
        score: r.score,
        contributions: r.contributions,
        factors: r.factors,
        ...(r.sides ? { sides: r.sides } : {}),
      });
  }
  out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return out.slice(0, k).map(({ id, score, contributions, factors, ...rest }, i) => ({
    id,
    score,
    rank: i + 1,
    contributions,
    factors,
    ...rest,
  }));
}

describe('CatalogueEngine.rankMatches: the winners materialised from the factor matrix', () => {
  test('the profile with history has vector factors (the test covers their read-back)', () => {
    const plan = planProfile(profiles['default with history']!, env)!;
    expect(plan.factors.some((f) => f.kind === 'vector')).toBe(true);
  });

  for (const [name, profile] of Object.entries(profiles)) {
    test(`${name}: ids, order, scores, contributions, factor values and sides equal scorePair's`, () => {
      const plan = planProfile(profile, env)!;
      // Sparse keys with rows after 2 uses exercise both the per-call and the row-backed
      // values; with target classes (the default) and without.
      const engines = [
        new CatalogueEngine(plan, products),
        new CatalogueEngine(plan, products, undefined, {
          sparseKeyLimit: 0,
          sparseRowUses: 2,
          ruleBitsCompleteUses: 3,
        }),
        // Key rules tested target by target (no target classes): bitsets whole after 1 or 3
        // uses, or never, and the sparse path with them.
        new CatalogueEngine(plan, products, undefined, {
          targetClasses: false,
          ruleBitsCompleteUses: 1,
        }),
        new CatalogueEngine(plan, products, undefined, {
          targetClasses: false,
          ruleBitsCompleteUses: Infinity,
        }),
        new CatalogueEngine(plan, products, undefined, {
          targetClasses: false,
          sparseKeyLimit: 0,
          sparseRowUses: 2,
          ruleBitsCompleteUses: 3,
        }),
      ];
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: m.enterprises.length - 1 }),
          fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(Infinity)),
          (i, k) => {
            const e = m.enterprises[i]!;
            const want = referenceRanking(profile, e, k);
            for (const engine of engines) {
              const got = engine.rankMatches(e, k);
              expect(got).toEqual(want);
              // Same keys in the same order as the reference path's objects (JSON output).
              expect(JSON.stringify(got)).toBe(JSON.stringify(want));
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  test('null for a strategy with a sort key and for a profile with re-rankers', () => {
    const tiered = extendProfile(enterpriseProductProfile(), {
      strategy: lexicographicStrategy({ tiers: [['policyPriority'], ['sectorFit']] }),
    });
    const reranked = extendProfile(enterpriseProductProfile(), { rerankers: [mmrReranker()] });
    const e = m.enterprises[0]!;
    for (const profile of [tiered, reranked]) {
      const engine = new CatalogueEngine(planProfile(profile, env)!, products);
      expect(engine.rankMatches(e, 10)).toBeNull();
    }
  });

  test('null when a kernel factor returns a value outside [0, 1]; the matcher reports it as before', () => {
    const kernel: NumericKernel<Enterprise, FinancialProduct> = {
      columnName: 'need.amount',
      column: (e) => e.need.amount,
      compile: () => () => 1.5,
    };
    const broken: Factor<Enterprise, FinancialProduct> = {
      name: 'broken',
      description: { zh: '越界', en: 'out of range' },
      kernel,
      score: scoreThroughKernel(kernel),
    };
    const base = enterpriseProductProfile();
    const profile = defineProfile<Enterprise, FinancialProduct>({
      name: 'broken',
      version: '1.0.0',
      market: 'enterpriseProduct',
      rules: base.rules,
      factors: [...base.factors, { factor: broken, weight: 0.1 }],
      strategy: base.strategy,
    });
    const options = { asOf: AS_OF, chains: m.chains, zones: m.zones };
    // An enterprise with eligible products, so the broken factor reaches some winner.
    const plain = createProductMatcher(m.products, options);
    const e = m.enterprises.find((x) => plain.rankProducts(x, { k: 1 }).length > 0)!;
    const engine = new CatalogueEngine(planProfile(profile, env)!, products);
    expect(engine.rankMatches(e, 10)).toBeNull();
    const matcher = createProductMatcher(m.products, { ...options, profile });
    expect(() => matcher.rankProducts(e, { k: 10 })).toThrow(FactorValueError);
  });
});

describe('CatalogueEngine.rankMatches: values kept between rankings', () => {
  test('values computed for a short list are kept: a later full ranking of the same keys equals the reference', () => {
    const plan = planProfile(enterpriseProductProfile(), env)!;
    const engine = new CatalogueEngine(plan, products);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: m.enterprises.length - 1 }),
        fc.integer({ min: 1, max: 5 }),
        (i, k) => {
          const e = m.enterprises[i]!;
          expect(engine.rankMatches(e, k)).toEqual(referenceRanking(plan.profile, e, k));
          expect(engine.rankMatches(e, Infinity)).toEqual(
            referenceRanking(plan.profile, e, Infinity),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('CatalogueEngine.rankMatches: an invalid value met while scoring', () => {
  test('null for that subject, and the next subject ranks as the reference does (nothing left over)', () => {
    const base = enterpriseProductProfile();
    const plain = createProductMatcher(m.products, {
      asOf: AS_OF,
      chains: m.chains,
      zones: m.zones,
    });
    const many = m.enterprises.filter((e) => plain.rankProducts(e, { k: 6 }).length > 5);
    const first = many[0]!;
    // chainZone turns invalid on its second call for `first`: the ranking gives up part-way.
    // (It is called on its key's representative, a copy of `first`'s chains and zones alone,
    // as the first subject ranked gives every representative: recognised by content.)
    const firstKey = JSON.stringify([first.chains, first.zones]);
    let calls = 0;
    const profile: EP = {
      ...base,
      factors: base.factors.map(({ factor, weight }) =>
        factor.name !== 'chainZone'
          ? { factor, weight }
          : {
              // Without its `tokens` hook, whose form this `score` no longer has.
              factor: {
                ...withoutTokens(factor),
                score: (ctx: Parameters<typeof factor.score>[0]) =>
                  JSON.stringify([ctx.subject.chains, ctx.subject.zones]) === firstKey &&
                  ++calls === 2
                    ? 1.5
                    : factor.score(ctx),
              },
              weight,
            },
      ),
    };
    const engine = new CatalogueEngine(planProfile(profile, env)!, products);
    expect(engine.rankMatches(first, 3)).toBeNull();
    expect(calls).toBe(2);
    for (const e of many.slice(1, 25))
      expect(engine.rankMatches(e, 3)).toEqual(referenceRanking(base, e, 3));
  });
});

describe('CatalogueEngine.rankMatches: factors of weight 0', () => {
  test('a key factor of weight 0 not computed yet is computed for the winners (its value is shown), as scorePair gives it', () => {
    for (const redistributeAbstained of [true, false]) {
      const profile = extendProfile(enterpriseProductProfile(), {
        strategy: weightedSumStrategy({ redistributeAbstained }),
        weights: { chainZone: 0, sectorFit: 0 },
      });
      const engine = new CatalogueEngine(planProfile(profile, env)!, products);
      for (const e of m.enterprises.slice(0, 40))
        for (const k of [1, 3])
          expect(engine.rankMatches(e, k)).toEqual(referenceRanking(profile, e, k));
    }
  });
});

describe('CatalogueEngine: the uniformValue hook', () => {
  test('a key factor is not called for a target its uniformValue answers; rankings equal the reference', () => {
    const base = enterpriseProductProfile();
    const targetCtx = (target: FinancialProduct) => ({ target, ...env });
    const uniformIds = new Set<string>();
    const called = new Set<string>();
    const profile: EP = {
      ...base,
      factors: base.factors.map(({ factor, weight }) => {
        if (factor.name !== 'chainZone') return { factor, weight };
        for (const p of products)
          if (factor.uniformValue!(targetCtx(p)) !== undefined) uniformIds.add(p.id);
        return {
          // Without its `tokens` hook, which would answer for the other targets without calls.
          factor: {
            ...withoutTokens(factor),
            score: (ctx: Parameters<typeof factor.score>[0]) => {
              called.add(ctx.target.id);
              return factor.score(ctx);
            },
          },
          weight,
        };
      }),
    };
    expect(uniformIds.size).toBeGreaterThan(0);
    const engine = new CatalogueEngine(planProfile(profile, env)!, products);
    for (const e of m.enterprises.slice(0, 60)) {
      expect(engine.rankMatches(e, 5)).toEqual(referenceRanking(base, e, 5));
      expect(engine.rankMatches(e, Infinity)).toEqual(referenceRanking(base, e, Infinity));
    }
    expect(called.size).toBeGreaterThan(0);
    for (const id of uniformIds) expect(called.has(id)).toBe(false);
  });
});
