/**
 * End to end: an enterprise index whose profile adds the LSA `text` factor and the ALS
 * `collaborative` factor runs them on the columnar fast path (through their `vectors` hooks)
 * and prospects exactly the enterprises, in the order and with the scores, of the reference
 * ranking (scorePair on every pair, best first by compareRanked).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { collaborativeFactor } from '../../src/collab/factor.js';
import { createEnterpriseIndex } from '../../src/engine/matchers/index.js';
import { scorePair, prepareProfile } from '../../src/engine/pipeline.js';
import { extendProfile } from '../../src/engine/profiles/define.js';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import type { EnterpriseProductProfile } from '../../src/engine/types.js';
import { planProfile } from '../../src/compile/plan.js';
import { generateMarket } from '../../src/generate/index.js';
import type { Enterprise, FinancialProduct } from '../../src/model/types.js';
import { textFactor } from '../../src/text/factor.js';
import { compareRanked } from '../../src/util/compare.js';
import { AS_OF, referenceOnly } from '../compile/helpers.js';

const m = generateMarket({ seed: 1, scale: 'small' });
const reference = {
  chains: new Map(m.chains.map((c) => [c.id, c])),
  zones: new Map(m.zones.map((z) => [z.id, z])),
};
const env = { asOf: AS_OF, locale: 'zh' as const, reference };
const byId = <R extends { id: string }>(records: readonly R[]): R[] =>
  [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const enterprises = byId(m.enterprises);
const interactions = byId(m.interactions);

const profile: EnterpriseProductProfile = extendProfile(enterpriseProductProfile(), {
  name: 'withVectors',
  addFactors: [
    { factor: textFactor<Enterprise, FinancialProduct>({ method: 'lsa' }), weight: 0.15 },
    { factor: collaborativeFactor<Enterprise, FinancialProduct>(), weight: 0.1 },
  ],
});
const opts = { asOf: AS_OF, chains: m.chains, zones: m.zones, interactions, profile };
// Prepared as createEnterpriseIndex prepares it: once, no targets, the enterprises in id order.
const prepared = prepareProfile(profile, {
  targets: [],
  subjects: enterprises,
  interactions,
  reference,
  asOf: AS_OF,
  historyTargets: [],
});

/** The reference ranking of a product's prospects: scorePair on every pair, eligible only. */
function referenceProspects(product: FinancialProduct, k: number) {
  return enterprises
    .map((e) => ({ id: e.id, r: scorePair(prepared, { subject: e, target: product, ...env }) }))
    .filter((x) => x.r.eligible)
    .map((x) => ({ id: x.id, score: x.r.score, contributions: x.r.contributions }))
    .sort(compareRanked)
    .slice(0, k);
}

describe('vector hooks on the fast path (createEnterpriseIndex)', () => {
  const fast = createEnterpriseIndex(m.enterprises, opts);

  test('the fast path picks up both factors through their vector hooks', () => {
    const plan = planProfile(prepared, env);
    expect(plan).not.toBeNull();
    const kinds = Object.fromEntries(plan!.factors.map((f) => [f.factor.name, f.kind]));
    expect(kinds).toMatchObject({ text: 'vector', collaborative: 'vector' });
    // Prepared without targets, the text factor indexed the enterprises' texts.
    const text = prepared.factors.find((f) => f.factor.name === 'text')!.factor;
    expect(text).toMatchObject({ corpus: 'subjects', method: 'lsa' });
  });

  test('prospectEnterprises: same ids, order and scores (1e-9) as the scorePair ranking', () => {
    let textSeen = 0;
    let collaborativeSeen = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: m.products.length - 1 }),
        fc.integer({ min: 1, max: 80 }),
        (i, k) => {
          const product = m.products[i]!;
          const got = fast.prospectEnterprises(product, { k });
          const want = referenceProspects(product, k);
          expect(got.map((g) => g.enterpriseId)).toEqual(want.map((w) => w.id));
          got.forEach((g, j) => {
            expect(Math.abs(g.score - want[j]!.score)).toBeLessThanOrEqual(1e-9);
            if (g.factors.text !== null) textSeen++;
            if (g.factors.collaborative !== null) collaborativeSeen++;
          });
        },
      ),
      { numRuns: 25 },
    );
    // Both factors took part (not abstaining everywhere).
    expect(textSeen).toBeGreaterThan(0);
    expect(collaborativeSeen).toBeGreaterThan(0);
  });

  test('equals the reference path of the same prepared factors, result for result', () => {
    // The exactness tests' helper: the same factors without hooks force the object-per-pair path.
    const slow = createEnterpriseIndex(m.enterprises, {
      ...opts,
      profile: referenceOnly(prepared),
    });
    for (const product of m.products.slice(0, 8)) {
      expect(fast.prospectEnterprises(product, { k: 40 })).toEqual(
        slow.prospectEnterprises(product, { k: 40 }),
      );
    }
  });
});
