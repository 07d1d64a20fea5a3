/**
 * The generator draws its hidden truth and interactions with its own eligibility check
 * (src/generate/eligibility.ts); the engine has the real rules. Both implement one contract, so
 * they must agree on every pair — otherwise the oracle would reward ineligible products.
 */
import { describe, expect, test } from 'vitest';
import { generateMarket } from '../../src/generate/index.js';
import {
  eligibilityDates,
  isEnterpriseProductEligible,
  isProjectInvestorEligible,
} from '../../src/generate/eligibility.js';
import {
  enterpriseProductProfile,
  projectInvestorProfile,
  scorePair,
} from '../../src/engine/index.js';

describe('generator eligibility agrees with the engine rules', () => {
  const market = generateMarket({ seed: 3, scale: 'small' });
  const asOf = market.manifest.asOf;
  const dates = eligibilityDates(asOf);
  const reference = {};

  test('enterprise–product, on a deterministic sample of pairs', () => {
    const profile = enterpriseProductProfile();
    let checked = 0;
    let eligible = 0;
    for (let i = 0; i < market.enterprises.length; i += 23) {
      const e = market.enterprises[i]!;
      for (const p of market.products) {
        const engine = scorePair(
          profile,
          { subject: e, target: p, asOf, locale: 'en', reference },
          { exhaustive: false },
        ).eligible;
        const generator = isEnterpriseProductEligible(e, p, dates);
        if (engine !== generator)
          throw new Error(
            `disagree on (${e.id}, ${p.id}): engine ${engine}, generator ${generator}`,
          );
        checked++;
        if (engine) eligible++;
      }
    }
    expect(checked).toBeGreaterThan(100_000);
    expect(eligible).toBeGreaterThan(0);
  });

  test('project–investor, every pair', () => {
    const profile = projectInvestorProfile();
    let eligible = 0;
    for (const pr of market.projects) {
      for (const inv of market.investors) {
        const engine = scorePair(
          profile,
          { subject: pr, target: inv, asOf, locale: 'en', reference },
          { exhaustive: false },
        ).eligible;
        expect(engine, `(${pr.id}, ${inv.id})`).toBe(isProjectInvestorEligible(pr, inv));
        if (engine) eligible++;
      }
    }
    expect(eligible).toBeGreaterThan(0);
  });
});
