/**
 * The `tokens` fast-path hook on the catalogue side (targets for one subject): a target whose
 * hook answers gets its values from its token columns, without calling the factor, for any
 * subject key, sparse or not; rankings equal scorePair's; a target whose hook does not answer,
 * or answers with an invalid value, is left to `score`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile, extendProfile } from '../../src/index.js';
import { scorePair } from '../../src/engine/pipeline.js';
import { planProfile } from '../../src/compile/plan.js';
import { CatalogueEngine } from '../../src/compile/catalogue.js';
import { sortById } from '../../src/util/compare.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import type { Factor, Profile, TokenValues } from '../../src/engine/types.js';
import { smallMarket, smallMarketEnv } from './helpers.js';
import { formValue, held, tokensOf } from './token-fixtures.js';

const m = smallMarket();
const { env } = smallMarketEnv();
const products = sortById([...m.products]) as FinancialProduct[];
const base = enterpriseProductProfile();

const TOKENS = tokensOf(m.enterprises);

const position = new Map(products.map((p, i) => [p.id, i]));
const even = (p: FinancialProduct) => position.get(p.id)! % 2 === 0;

/** A token factor answering `values` for the products `answer` picks; `calls` by target id. */
function tokenFactor(values: TokenValues, answer: (p: FinancialProduct) => unknown) {
  const calls = new Map<string, number>();
  const factor: Factor<Enterprise, FinancialProduct> = {
    name: 'tokenFit',
    description: { zh: '测试用', en: 'for tests' },
    key: (e) => held(e).join('|'),
    tokens: { held, compile: (p) => answer(p) as TokenValues | undefined },
    score: ({ subject, target }) => {
      calls.set(target.id, (calls.get(target.id) ?? 0) + 1);
      return formValue(values, subject);
    },
  };
  return { factor, calls };
}

/** scorePair over the catalogue: the eligible products by score, then id, with their values. */
function referenceRanking(profile: Profile<Enterprise, FinancialProduct>, e: Enterprise) {
  return products
    .map((p) => ({ p, r: scorePair(profile, { subject: e, target: p, ...env }) }))
    .filter(({ r }) => r.eligible)
    .sort((a, b) => b.r.score - a.r.score || (a.p.id < b.p.id ? -1 : 1))
    .map(({ p, r }) => [p.id, r.score, r.factors]);
}

const valuesArb = fc.record({
  values: fc
    .uniqueArray(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(0, -0, 0.3, 0.6, 1)), {
      selector: ([t]) => t,
      maxLength: 8,
    })
    .map((entries) => new Map<string | number, number>(entries)),
  otherwise: fc.constantFrom(null, 0, 0.3, 0.6),
});

describe('catalogue token rows', () => {
  test('answered targets take the form’s values without a call, sparse or not; rankings equal scorePair’s', () => {
    fc.assert(
      fc.property(valuesArb, fc.boolean(), (values, sparse) => {
        const { factor, calls } = tokenFactor(values, (p) => (even(p) ? values : undefined));
        const profile = extendProfile(base, { addFactors: [{ factor, weight: 0.4 }] });
        const engine = new CatalogueEngine(
          planProfile(profile, env)!,
          products,
          undefined,
          sparse ? { sparseKeyLimit: 0, sparseRowUses: 3 } : {},
        );
        for (const e of m.enterprises.slice(0, 25)) {
          const want = referenceRanking(profile, e);
          calls.clear();
          const got = engine.rankMatches(e, Infinity)!;
          expect(got.map((r) => [r.id, r.score, r.factors])).toEqual(want);
          for (const p of products) if (even(p)) expect(calls.get(p.id)).toBeUndefined();
        }
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  test('a target whose hook answers an invalid value is left to score: rankings exact', () => {
    const values = { values: new Map([[TOKENS[0]!, 0.5]]), otherwise: 0.2 };
    const { factor, calls } = tokenFactor(values, () => ({
      values: new Map([[TOKENS[0]!, 2]]),
      otherwise: 0.2,
    }));
    const profile = extendProfile(base, { addFactors: [{ factor, weight: 0.4 }] });
    const engine = new CatalogueEngine(planProfile(profile, env)!, products);
    for (const e of m.enterprises.slice(0, 10)) {
      const want = referenceRanking(profile, e);
      calls.clear();
      const got = engine.rankMatches(e, Infinity)!;
      expect(got.map((r) => [r.id, r.score, r.factors])).toEqual(want);
    }
    expect(calls.size).toBeGreaterThan(0);
  });
});
