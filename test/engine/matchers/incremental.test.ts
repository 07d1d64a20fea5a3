import { describe, expect, test } from 'vitest';
import { createEnterpriseIndex, createProductMatcher } from '../../../src/engine/index.js';
import { generateMarket } from '../../../src/generate/index.js';
import { ValidationError } from '../../../src/errors.js';

/** Incremental updates must give exactly what a rebuild over the same records gives. */
describe('incremental updates', () => {
  const market = generateMarket({ seed: 8, scale: 'small' });
  const asOf = market.manifest.asOf;
  const products = market.products.slice(0, 40);

  test('EnterpriseIndex: upsert (add and replace) and remove equal a rebuild', () => {
    const base = market.enterprises.slice(0, 1500);
    const added = market.enterprises.slice(1500, 1700);
    const index = createEnterpriseIndex(base, { asOf });
    // Replace some enterprises with a changed need, add new ones, remove others.
    const changed = base
      .slice(0, 50)
      .map((e) => ({ ...e, need: { ...e.need, amount: e.need.amount * 2 } }));
    index.upsertEnterprises([...changed, ...added]);
    const removedIds = base.slice(100, 160).map((e) => e.id);
    expect(index.removeEnterprises([...removedIds, 'no-such-id'])).toBe(removedIds.length);
    const current = new Map(base.map((e) => [e.id, e]));
    for (const e of [...changed, ...added]) current.set(e.id, e);
    for (const id of removedIds) current.delete(id);
    const rebuilt = createEnterpriseIndex([...current.values()], { asOf });
    expect(index.enterprises.map((e) => e.id)).toEqual(rebuilt.enterprises.map((e) => e.id));
    for (const p of products)
      expect(index.prospectEnterprises(p, { k: 25 })).toEqual(
        rebuilt.prospectEnterprises(p, { k: 25 }),
      );
  });

  test('ProductMatcher: upsert and remove equal a rebuild; invalid input changes nothing', () => {
    const matcher = createProductMatcher(products, { asOf });
    const extra = market.products.slice(40, 60);
    const changed = { ...products[0]!, amount: { min: 1e5, max: 5e8 } };
    matcher.upsertProducts([changed, ...extra]);
    expect(matcher.removeProducts([products[1]!.id])).toBe(1);
    const expected = [changed, ...products.slice(2), ...extra];
    const rebuilt = createProductMatcher(expected, { asOf });
    for (const e of market.enterprises.slice(0, 40))
      expect(matcher.rankProducts(e, { k: 10 })).toEqual(rebuilt.rankProducts(e, { k: 10 }));
    const before = matcher.products;
    expect(() => matcher.upsertProducts([{ ...extra[0]!, amount: { min: 5, max: 1 } }])).toThrow(
      ValidationError,
    );
    expect(matcher.products).toBe(before);
  });
});
