import { describe, expect, test } from 'vitest';
import { createProductMatcher } from '../../../src/engine/index.js';
import { generateMarket } from '../../../src/generate/index.js';

describe('ProductMatcher.recommendBundles', () => {
  const market = generateMarket({ seed: 2, scale: 'small' });
  const matcher = createProductMatcher(market.products, {
    asOf: market.manifest.asOf,
    locale: 'en',
  });

  test('bundles are made of eligible products of different instruments, with contributions that add up', () => {
    let seen = 0;
    for (const enterprise of market.enterprises.slice(0, 60)) {
      const eligible = new Set(
        matcher.rankProducts(enterprise, { k: Infinity }).map((m) => m.productId),
      );
      const bundles = matcher.recommendBundles(enterprise, { k: 3 });
      expect(bundles.length).toBeLessThanOrEqual(3);
      for (const b of bundles) {
        seen++;
        expect(b.productIds.length).toBeGreaterThanOrEqual(2);
        for (const id of b.productIds) expect(eligible.has(id)).toBe(true);
        const instruments = b.productIds.map(
          (id) => matcher.products.find((p) => p.id === id)!.instrument,
        );
        expect(new Set(instruments).size).toBe(instruments.length);
        const sum = Object.values(b.contributions).reduce((s, v) => s + v, 0);
        expect(Math.abs(sum - b.score)).toBeLessThan(1e-9);
        expect(b.covered).toBeGreaterThan(0);
        expect(b.covered).toBeLessThanOrEqual(1);
        expect(b.summary.length).toBeGreaterThan(0);
      }
      bundles.forEach((b, i) => expect(b.rank).toBe(i + 1));
    }
    expect(seen).toBeGreaterThan(0);
  });
});
