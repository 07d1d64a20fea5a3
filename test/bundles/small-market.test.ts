/**
 * The issue-#13 measurement on the small generated market: how often the two best bundles of
 * an enterprise are the same bundle with one member swapped for another of the same
 * instrument at an identical score, before and after collapsing.
 */
import { describe, expect, it } from 'vitest';
import { buildBundles } from '../../src/bundles/build.js';
import type { ProductBundle } from '../../src/engine/api.js';
import { createProductMatcher } from '../../src/engine/index.js';
import { generateMarket } from '../../src/generate/index.js';

/** Enterprises measured (the first ones of the market; the whole market takes ~10 s). */
const MEASURED = 1200;

describe('bundles on the small market (seed 1)', () => {
  const market = generateMarket({ seed: 1, scale: 'small' });
  const matcher = createProductMatcher(market.products, { asOf: market.manifest.asOf });
  const byId = new Map(matcher.products.map((p) => [p.id, p]));

  /** Same size, same score, exactly one product different and of the same instrument. */
  const swapOfOne = (a: ProductBundle, b: ProductBundle): boolean => {
    if (a.score !== b.score || a.productIds.length !== b.productIds.length) return false;
    const onlyA = a.productIds.filter((id) => !b.productIds.includes(id));
    const onlyB = b.productIds.filter((id) => !a.productIds.includes(id));
    return (
      onlyA.length === 1 && byId.get(onlyA[0]!)!.instrument === byId.get(onlyB[0]!)!.instrument
    );
  };

  it('top two bundles are no longer one bundle with an interchangeable member', () => {
    let withTwo = 0;
    let before = 0;
    let after = 0;
    for (const enterprise of market.enterprises.slice(0, MEASURED)) {
      const matches = matcher.rankProducts(enterprise, { k: Infinity });
      const raw = buildBundles({ enterprise, matches, products: byId, k: 2, collapse: false });
      if (raw.length < 2) continue;
      withTwo++;
      if (swapOfOne(raw[0]!, raw[1]!)) before++;
      const collapsed = buildBundles({ enterprise, matches, products: byId, k: 2 });
      if (collapsed.length === 2 && swapOfOne(collapsed[0]!, collapsed[1]!)) after++;
    }
    // Uncollapsed, most enterprises with bundles see the same loan twice with another insurer
    // or guarantor (on the whole market: 159 of 237 enterprises with bundles).
    expect(withTwo).toBeGreaterThan(0);
    expect(before / withTwo).toBeGreaterThan(0.3);
    expect(after).toBe(0);
  });
});
