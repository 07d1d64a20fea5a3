import { describe, expect, test } from 'vitest';
import { buildFeatureTable, runFromFeatures } from '../../src/eval/index.js';
import {
  createInvestorMatcher,
  createProductMatcher,
  enterpriseProductProfile,
  extendProfile,
  projectInvestorProfile,
} from '../../src/engine/index.js';
import { generateMarket } from '../../src/generate/index.js';

/** Recombining cached factor values must give exactly the matcher's scores (same arithmetic). */
describe('runFromFeatures', () => {
  const market = generateMarket({ seed: 6, scale: 'small' });
  const asOf = market.manifest.asOf;

  test('enterprise–product: equals rankProducts scores, also after re-weighting', () => {
    const profile = enterpriseProductProfile();
    const subjects = market.enterprises.slice(0, 40);
    const table = buildFeatureTable(
      {
        market: 'enterpriseProduct',
        subjects,
        targets: market.products,
        interactions: [],
        qrels: {},
        asOf,
      },
      profile,
    );
    const run = runFromFeatures(table, profile.strategy);
    const matcher = createProductMatcher(market.products, { asOf, profile });
    for (const e of subjects)
      for (const m of matcher.rankProducts(e, { k: Infinity }))
        expect(Math.abs(run[e.id]![m.productId]! - m.score)).toBeLessThan(1e-12);
    const weights = { sectorFit: 0.5, amountFit: 0 };
    const reweighted = runFromFeatures(table, profile.strategy, weights);

    const other = createProductMatcher(market.products, {
      asOf,
      profile: extendProfile(profile, { weights }),
    });
    for (const e of subjects.slice(0, 10))
      for (const m of other.rankProducts(e, { k: Infinity }))
        expect(Math.abs(reweighted[e.id]![m.productId]! - m.score)).toBeLessThan(1e-12);
  });

  test('project–investor (reciprocal): equals rankInvestors scores', () => {
    const profile = projectInvestorProfile();
    const table = buildFeatureTable(
      {
        market: 'projectInvestor',
        subjects: market.projects,
        targets: market.investors,
        interactions: [],
        qrels: {},
        asOf,
      },
      profile,
    );
    const run = runFromFeatures(table, profile.strategy);
    const matcher = createInvestorMatcher(market.investors, { asOf, profile });
    for (const p of market.projects.slice(0, 60))
      for (const m of matcher.rankInvestors(p, { k: Infinity }))
        expect(Math.abs(run[p.id]![m.investorId]! - m.score)).toBeLessThan(1e-12);
  });
});
