import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchAs } from '../../../src/engine/matchers/match-id.js';
import type { RankedCandidate } from '../../../src/compile/reference.js';
import { generateMarket } from '../../../src/generate/index.js';
import {
  createEnterpriseIndex,
  createInvestorMatcher,
  createProductMatcher,
  createProjectIndex,
} from '../../../src/engine/matchers/index.js';
import { enterpriseProductProfile } from '../../../src/engine/profiles/index.js';
import { extendProfile } from '../../../src/engine/profiles/define.js';
import { mmrReranker } from '../../../src/engine/rerank/mmr.js';

// Every ranking writes a candidate's fields in one order, the optional ones when present.
const candidate = fc
  .record(
    {
      id: fc.string({ minLength: 1, maxLength: 8 }),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      rank: fc.integer({ min: 1, max: 1000 }),
      contributions: fc.dictionary(fc.string({ maxLength: 4 }), fc.double({ noNaN: true })),
      factors: fc.dictionary(
        fc.string({ maxLength: 4 }),
        fc.oneof(fc.double({ noNaN: true }), fc.constant(null)),
      ),
      sides: fc.record({ subject: fc.double(), target: fc.double() }),
      rules: fc.array(fc.record({ name: fc.string(), passed: fc.boolean() }), { maxLength: 2 }),
      eligible: fc.constant(false as const),
      exclusions: fc.array(fc.record({ rule: fc.string() }), { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'score', 'rank', 'contributions', 'factors'] },
  )
  .map((c) => c as unknown as RankedCandidate);

describe('matchAs', () => {
  test.each(['productId', 'enterpriseId', 'investorId', 'projectId'])(
    'gives what renaming id to %s with a rest spread gives: same fields, same order (property)',
    (key) => {
      fc.assert(
        fc.property(candidate, (c) => {
          const { id, ...rest } = c;
          const spread = { [key]: id, ...rest };
          const m = matchAs(c, key);
          expect(Object.keys(m)).toEqual(Object.keys(spread));
          expect(m).toEqual(spread);
          // The candidate's records are shared, not copied.
          expect(m.contributions).toBe(c.contributions);
          expect(m.factors).toBe(c.factors);
        }),
        { numRuns: 200 },
      );
    },
  );
});

describe('matcher results', () => {
  // Every path a result can come from (the fast paths, the reference loop with rules or
  // ineligible results, a re-ranker, both markets): its fields in one order, nothing else.
  const market = generateMarket({ seed: 8, scale: 'small' });
  const asOf = market.manifest.asOf;
  const reference = { asOf, chains: market.chains, zones: market.zones };
  const ORDER = ['score', 'rank', 'contributions', 'factors', 'sides', 'rules', 'eligible'];
  function expectOrder(results: readonly object[], key: string): void {
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const keys = Object.keys(r);
      const canonical = [key, ...ORDER, 'exclusions'].filter((k) => keys.includes(k));
      expect(keys).toEqual(canonical);
      expect(keys.slice(0, 5)).toEqual([key, 'score', 'rank', 'contributions', 'factors']);
    }
  }
  const mmr = extendProfile(enterpriseProductProfile(), {
    rerankers: [mmrReranker({ lambda: 0.5 })],
  });
  // An enterprise, a product and a chain that have results.
  const productMatcher = createProductMatcher(market.products, reference);
  const enterpriseIndex = createEnterpriseIndex(market.enterprises, reference);
  const e = market.enterprises.find((x) => productMatcher.rankProducts(x, { k: 1 }).length > 0)!;
  const p = market.products.find(
    (x) => enterpriseIndex.prospectEnterprises(x, { k: 1 }).length > 0,
  )!;
  const chain = market.chains.find((c) =>
    enterpriseIndex
      .rankBatch({ chainId: c.id }, market.products.slice(0, 30), { k: 1 })
      .some((b) => b.matches.length > 0),
  )!.id;

  test.each([
    ['default', {}],
    ['with rules', { includeRules: true }],
    ['with ineligible results', { includeIneligible: true, includeRules: true, k: 50 }],
  ])('rankProducts, prospectEnterprises and rankBatch (%s)', (_, rankOptions) => {
    for (const profile of [undefined, mmr]) {
      const options = profile ? { ...reference, profile } : reference;
      const matcher = createProductMatcher(market.products, options);
      expectOrder(matcher.rankProducts(e, { k: 20, ...rankOptions }), 'productId');
      const index = createEnterpriseIndex(market.enterprises, options);
      const { includeIneligible: _, ...prospect } = rankOptions as { includeIneligible?: boolean };
      expectOrder(index.prospectEnterprises(p, { k: 20, ...prospect }), 'enterpriseId');
      const batch = index.rankBatch({ chainId: chain }, market.products.slice(0, 30), { k: 5 });
      expectOrder(
        batch.flatMap((b) => b.matches),
        'productId',
      );
    }
  });

  test('rankInvestors and rankProjects (two-sided: with sides)', () => {
    const investors = createInvestorMatcher(market.investors, { asOf });
    const projects = createProjectIndex(market.projects, { asOf });
    for (const rankOptions of [{ k: 20 }, { k: 20, includeRules: true }]) {
      const ranked = investors.rankInvestors(market.projects[0]!, rankOptions);
      expectOrder(ranked, 'investorId');
      expect(ranked.every((r) => r.sides !== undefined)).toBe(true);
      expectOrder(projects.rankProjects(market.investors[0]!, rankOptions), 'projectId');
    }
  });
});
