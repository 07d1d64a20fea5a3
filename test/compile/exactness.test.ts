import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createEnterpriseIndex, createProductMatcher } from '../../src/engine/matchers/index.js';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { extendProfile } from '../../src/engine/profiles/define.js';
import { lexicographicStrategy } from '../../src/engine/strategies/lexicographic.js';
import { reciprocalStrategy } from '../../src/engine/strategies/reciprocal.js';
import { weightedSumStrategy } from '../../src/engine/strategies/weighted-sum.js';
import { scorePair } from '../../src/engine/pipeline.js';
import { planProfile } from '../../src/compile/plan.js';
import { FastCatalogue } from '../../src/compile/fast.js';
import { AS_OF, referenceOnly, smallMarket, smallMarketEnv } from './helpers.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const opts = { asOf: AS_OF, chains: m.chains, zones: m.zones };

const profiles = {
  default: enterpriseProductProfile(),
  reciprocal: extendProfile(enterpriseProductProfile(), {
    strategy: reciprocalStrategy({ mean: 'geometric' }),
  }),
  noRedistribute: extendProfile(enterpriseProductProfile(), {
    strategy: weightedSumStrategy({ redistributeAbstained: false }),
    weights: { chainZone: 0 },
  }),
  lexicographic: extendProfile(enterpriseProductProfile(), {
    strategy: lexicographicStrategy({ tiers: [['policyPriority'], ['sectorFit', 'amountFit']] }),
  }),
};

describe('fast path = reference path', () => {
  test('the shipped profile is fully fast-capable', () => {
    expect(planProfile(profiles.default, env)).not.toBeNull();
    expect(planProfile(profiles.default, env)!.strategy?.additive).toEqual({
      redistributeAbstained: true,
    });
    expect(planProfile(referenceOnly(profiles.default), env)).toBeNull();
  });

  for (const [name, profile] of Object.entries(profiles)) {
    test(`${name}: rankProducts top-k equals the reference (ids, order, scores, contributions)`, () => {
      const fast = createProductMatcher(m.products, { ...opts, profile });
      const slow = createProductMatcher(m.products, { ...opts, profile: referenceOnly(profile) });
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: m.enterprises.length - 1 }),
          fc.integer({ min: 1, max: 60 }),
          fc.boolean(),
          (i, k, includeRules) => {
            const e = m.enterprises[i]!;
            expect(fast.rankProducts(e, { k, includeRules })).toEqual(
              slow.rankProducts(e, { k, includeRules }),
            );
          },
        ),
        { numRuns: 40 },
      );
    });

    test(`${name}: prospectEnterprises top-k equals the reference`, () => {
      const fast = createEnterpriseIndex(m.enterprises, { ...opts, profile });
      const slow = createEnterpriseIndex(m.enterprises, {
        ...opts,
        profile: referenceOnly(profile),
      });
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: m.products.length - 1 }),
          fc.integer({ min: 1, max: 150 }),
          (i, k) => {
            const p = m.products[i]!;
            expect(fast.prospectEnterprises(p, { k })).toEqual(slow.prospectEnterprises(p, { k }));
          },
        ),
        { numRuns: 12 },
      );
    });
  }

  test('columnar scores of every eligible pair equal scorePair within 1e-9 (random pairs)', () => {
    const profile = profiles.default;
    const catalogue = FastCatalogue.create(
      profile,
      env,
      [...m.products].sort((a, b) => (a.id < b.id ? -1 : 1)),
    )!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: m.enterprises.length - 1 }), (i) => {
        const e = m.enterprises[i]!;
        const { codes, numbers, vectors } = catalogue.engine.encode(e);
        const rows = catalogue.engine.rank(codes, numbers, vectors, Infinity)!;
        const want = catalogue.engine.targets
          .map((p) => ({ p, r: scorePair(profile, { subject: e, target: p, ...env }) }))
          .filter((x) => x.r.eligible);
        expect(rows.length).toBe(want.length);
        const byRow = new Map(rows.map((r) => [catalogue.engine.targets[r.row]!.id, r.score]));
        for (const { p, r } of want)
          expect(Math.abs(byRow.get(p.id)! - r.score)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 30 },
    );
  });

  test('repeated prospects (remembered bound order, member lists) equal the reference, across k, filters and changes', () => {
    // A few products called again and again: the first call scans, later ones walk its memo;
    // chain and zone filters start from member lists; upserts and removals invalidate both.
    const fast = createEnterpriseIndex(m.enterprises, opts);
    const slow = createEnterpriseIndex(m.enterprises, {
      ...opts,
      profile: referenceOnly(profiles.default),
    });
    const products = m.products.filter((_, i) => i % 97 === 0);
    const chainIds = m.chains.map((c) => c.id);
    const zoneIds = m.zones.map((z) => z.id);
    const filterArb = fc.oneof(
      fc.constant(undefined),
      fc.record({ chains: fc.subarray(chainIds, { minLength: 1, maxLength: 3 }) }),
      fc.record({ zones: fc.subarray(zoneIds, { minLength: 1, maxLength: 2 }) }),
      fc.record({
        chains: fc.subarray(chainIds, { minLength: 1, maxLength: 3 }),
        zones: fc.subarray(zoneIds, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ regions: fc.constantFrom(['32'], ['44', '33']) }),
    );
    let removed = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            product: fc.integer({ min: 0, max: products.length - 1 }),
            k: fc.integer({ min: 1, max: 200 }),
            filter: filterArb,
            change: fc.integer({ min: 0, max: 9 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (calls) => {
          for (const { product, k, filter, change } of calls) {
            if (change === 0) {
              // Drop one enterprise from both (ids never reused).
              const id = m.enterprises[(removed++ * 131) % m.enterprises.length]!.id;
              fast.removeEnterprises([id]);
              slow.removeEnterprises([id]);
            }
            const p = products[product]!;
            const options = filter ? { k, filter } : { k };
            expect(fast.prospectEnterprises(p, options)).toEqual(
              slow.prospectEnterprises(p, options),
            );
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  test('prospect filters and rankBatch agree with the reference', () => {
    const fast = createEnterpriseIndex(m.enterprises, opts);
    const slow = createEnterpriseIndex(m.enterprises, {
      ...opts,
      profile: referenceOnly(profiles.default),
    });
    const filter = { regions: ['32', '44'], where: (e: { employees: number }) => e.employees > 50 };
    for (const p of m.products.slice(0, 20)) {
      expect(fast.prospectEnterprises(p, { k: 30, filter })).toEqual(
        slow.prospectEnterprises(p, { k: 30, filter }),
      );
    }
    const chainId = m.chains[0]!.id;
    expect(fast.rankBatch({ chainId }, m.products, { k: 5 })).toEqual(
      slow.rankBatch({ chainId }, m.products, { k: 5 }),
    );
  });

  test('values at the ends of the interval rules (amount, term, revenue) pass and fail as on the reference path', () => {
    // Eligible pairs of the small market, then their enterprise moved so that its amount, term
    // and revenue sit exactly on the product's bounds and one step outside them: the fast
    // paths compare with the interval's ends inline.
    const profile = profiles.default;
    const reference = createProductMatcher(m.products, {
      ...opts,
      profile: referenceOnly(profile),
    });
    const pairs: [(typeof m.enterprises)[number], (typeof m.products)[number]][] = [];
    for (const e of m.enterprises) {
      for (const match of reference.rankProducts(e, { k: 3 }))
        if (!pairs.some(([, q]) => q.id === match.productId))
          pairs.push([e, m.products.find((q) => q.id === match.productId)!]);
      if (pairs.length >= 6) break;
    }
    const enterprises = pairs.flatMap(([e, p], i) =>
      [
        [p.amount.min, p.termMonths.min, p.minAnnualRevenue],
        [p.amount.max, p.termMonths.max, p.minAnnualRevenue],
        [p.amount.min - 1, p.termMonths.min - 1, (p.minAnnualRevenue ?? 1) - 1],
        [p.amount.max + 1, p.termMonths.max + 1, (p.minAnnualRevenue ?? 1) + 1],
      ].map(([amount, termMonths, revenue], j) => ({
        ...e,
        id: `ENT-EDGE-${i}-${j}`,
        annualRevenue: Math.max(0, revenue ?? e.annualRevenue),
        need: { ...e.need, amount: Math.max(1, amount!), termMonths: Math.max(1, termMonths!) },
      })),
    );
    // Alone in their catalogue: a product's combinations name none of the others.
    const products = pairs.map(([, p]) => ({ ...p, combinesWith: [] }));
    const fastIndex = createEnterpriseIndex(enterprises, { ...opts, profile });
    const slowIndex = createEnterpriseIndex(enterprises, {
      ...opts,
      profile: referenceOnly(profile),
    });
    const fastMatcher = createProductMatcher(products, { ...opts, profile });
    const slowMatcher = createProductMatcher(products, {
      ...opts,
      profile: referenceOnly(profile),
    });
    let eligible = 0;
    for (const p of products) {
      const fast = fastIndex.prospectEnterprises(p, { k: enterprises.length });
      expect(fast).toEqual(slowIndex.prospectEnterprises(p, { k: enterprises.length }));
      eligible += fast.length;
    }
    for (const e of enterprises)
      expect(fastMatcher.rankProducts(e, { k: 10 })).toEqual(
        slowMatcher.rankProducts(e, { k: 10 }),
      );
    // Pairs at the ends are eligible, so the comparisons are not of empty lists only.
    expect(eligible).toBeGreaterThanOrEqual(products.length);
  });
});
