import { describe, expect, test } from 'vitest';
import {
  collaborativeFactor,
  createProductMatcher,
  enterpriseProductProfile,
  extendProfile,
  profileFromSpec,
  profileToSpec,
} from '../../src/index.js';
import { textFactor } from '../../src/text/index.js';
import { learnedStrategy, loadLinearModel, trainLinearModel } from '../../src/eval/index.js';
import { generateMarket } from '../../src/generate/index.js';

describe('profile specs', () => {
  const market = generateMarket({ seed: 4, scale: 'small' });
  const parts = {
    factors: {
      text: () => textFactor() as never,
      collaborative: () => collaborativeFactor() as never,
    },
    learned: (m: unknown) => learnedStrategy(loadLinearModel(m)),
  };

  test('extra factors and weights survive a JSON round trip and rank identically', () => {
    const profile = extendProfile(enterpriseProductProfile(), {
      name: 'withSignals',
      addFactors: [
        { factor: textFactor() as never, weight: 0.2 },
        { factor: collaborativeFactor() as never, weight: 0.1 },
      ],
      weights: { sectorFit: 0.3 },
    });
    const spec = JSON.parse(JSON.stringify(profileToSpec(profile)));
    expect(spec.extraFactors).toEqual(['text', 'collaborative']);
    const loaded = profileFromSpec(spec, parts);
    expect(loaded.factors.map((f) => [f.factor.name, f.weight])).toEqual(
      profile.factors.map((f) => [f.factor.name, f.weight]),
    );
    const opts = { asOf: market.manifest.asOf, interactions: market.interactions };
    const a = createProductMatcher(market.products, { ...opts, profile });
    const b = createProductMatcher(market.products, { ...opts, profile: loaded as typeof profile });
    for (const e of market.enterprises.slice(0, 15))
      expect(b.rankProducts(e, { k: 10 })).toEqual(a.rankProducts(e, { k: 10 }));
  });

  test('a learned strategy saves its model inline and loads back to identical rankings', () => {
    const names = enterpriseProductProfile().factors.map((f) => f.factor.name);
    const model = trainLinearModel(
      names.flatMap((_, i) => [
        {
          query: `q${i}`,
          item: 'a',
          features: names.map((__, j) => 0.6 + 0.04 * ((i + j) % 5)),
          label: 1,
        },
        {
          query: `q${i}`,
          item: 'b',
          features: names.map((__, j) => 0.2 + 0.03 * ((i * j) % 7)),
          label: 0,
        },
      ]),
      { factorNames: names },
    );
    const profile = extendProfile(enterpriseProductProfile(), { strategy: learnedStrategy(model) });
    const spec = JSON.parse(JSON.stringify(profileToSpec(profile)));
    expect(spec.strategy.kind).toBe('learned');
    const loaded = profileFromSpec(spec, parts) as typeof profile;
    const opts = { asOf: market.manifest.asOf };
    const a = createProductMatcher(market.products, { ...opts, profile });
    const b = createProductMatcher(market.products, { ...opts, profile: loaded });
    for (const e of market.enterprises.slice(0, 15))
      expect(b.rankProducts(e, { k: 10 })).toEqual(a.rankProducts(e, { k: 10 }));
  });

  test('loading names what is missing', () => {
    const profile = extendProfile(enterpriseProductProfile(), {
      addFactors: [{ factor: textFactor() as never, weight: 0.2 }],
    });
    expect(() => profileFromSpec(profileToSpec(profile))).toThrow(/factor "text".*parts\.factors/);
  });
});
