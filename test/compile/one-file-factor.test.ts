/**
 * Adding a factor is one file plus one line in a profile: it runs on the fast path (the plan
 * says so, and the columnar results equal the reference loop's), explains itself, and saves
 * in a profile spec by name, to be supplied on load.
 */
import { describe, expect, test } from 'vitest';
import {
  createEnterpriseIndex,
  createProductMatcher,
  enterpriseProductProfile,
  extendProfile,
  profileFromSpec,
  profileToSpec,
} from '../../src/index.js';
import { generateMarket } from '../../src/generate/index.js';
import { rdIntensityFitFactor } from './fixtures/rd-intensity-fit.js';
import { referenceOnly } from './helpers.js';

const market = generateMarket({ seed: 12, scale: 'small' });
const asOf = market.manifest.asOf;

describe('a factor added in one file', () => {
  // The one line.
  const profile = extendProfile(enterpriseProductProfile(), {
    addFactors: [{ factor: rdIntensityFitFactor(), weight: 0.2 }],
  });

  test('runs on the fast path and equals the reference loop', () => {
    const fast = createProductMatcher(market.products, { asOf, profile });
    expect(fast.plan.path).toBe('columnar');
    expect(fast.plan.parts.find((p) => p.name === 'rdIntensityFit')?.runs).toBe('kernel');
    const slow = createProductMatcher(market.products, { asOf, profile: referenceOnly(profile) });
    expect(slow.plan.path).toBe('reference');
    for (const e of market.enterprises.slice(0, 50))
      expect(fast.rankProducts(e, { k: 10 })).toEqual(slow.rankProducts(e, { k: 10 }));
    const index = createEnterpriseIndex(market.enterprises, { asOf, profile });
    const slowIndex = createEnterpriseIndex(market.enterprises, {
      asOf,
      profile: referenceOnly(profile),
    });
    for (const p of market.products.slice(0, 10))
      expect(index.prospectEnterprises(p, { k: 10 })).toEqual(
        slowIndex.prospectEnterprises(p, { k: 10 }),
      );
  });

  test('explains itself with the weight it used', () => {
    const matcher = createProductMatcher(market.products, { asOf, profile, locale: 'en' });
    const e = market.enterprises[1]!;
    const top = matcher.rankProducts(e, { k: 1 })[0]!;
    const x = matcher.explain(e, top.productId);
    expect(x.evidence.rdIntensityFit?.[0]).toMatch(/^R&D intensity/);
    expect(x.summary.some((l) => l.startsWith('R&D intensity fit contributed'))).toBe(true);
    expect(x.contributions.rdIntensityFit).toBeCloseTo(
      x.weights.rdIntensityFit! * x.factors.rdIntensityFit!,
      12,
    );
  });

  test('saves in a spec by name and loads when supplied', () => {
    const spec = JSON.parse(JSON.stringify(profileToSpec(profile)));
    expect(() => profileFromSpec(spec)).toThrow(/factor "rdIntensityFit"/);
    const loaded = profileFromSpec(spec, {
      market: 'enterpriseProduct',
      factors: { rdIntensityFit: rdIntensityFitFactor },
    });
    const a = createProductMatcher(market.products, { asOf, profile });
    const b = createProductMatcher(market.products, { asOf, profile: loaded });
    for (const e of market.enterprises.slice(0, 20))
      expect(b.rankProducts(e, { k: 10 })).toEqual(a.rankProducts(e, { k: 10 }));
  });
});
