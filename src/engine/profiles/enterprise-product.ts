/**
 * The shipped enterprise–product profile.
 *
 * @module
 */
import type { Enterprise, FinancialProduct } from '../../model/types.js';
import { ENTERPRISE_PRODUCT_WEIGHTS, LEARNED_FACTOR_WEIGHT } from '../defaults.js';
import {
  amountFitFactor,
  chainZoneFactor,
  collateralFitFactor,
  instrumentFitFactor,
  policyPriorityFactor,
  regionProximityFactor,
  sectorFitFactor,
  srdiTierFitFactor,
  stageFitFactor,
  termFitFactor,
} from '../factors/index.js';
import {
  amountRangeRule,
  collateralRule,
  instrumentRule,
  loanRenewalRule,
  policyListRule,
  regionRule,
  revenueRule,
  sectorRule,
  srdiTierRule,
  stageRule,
  termRangeRule,
  yearsOperatingRule,
} from '../rules/index.js';
import { weightedSumStrategy } from '../strategies/weighted-sum.js';
import type { EnterpriseProductProfile } from '../types.js';
import { defineProfile } from './define.js';
import {
  repeatPartnerFactor,
  targetProfileFactor,
  volumePriorFactor,
} from '../../learn/factors/index.js';

/** Version of {@link enterpriseProductProfile}; bumped whenever its rules or weights change. */
export const ENTERPRISE_PRODUCT_PROFILE_VERSION = '1.1.0';

/**
 * The default enterprise–product profile `enterpriseProduct` 1.1.0: all twelve eligibility
 * rules, the ten attribute factors weighted by {@link ENTERPRISE_PRODUCT_WEIGHTS}, the three
 * outcome-learned factors (`targetProfile`, `volumePrior`, `repeatPartner`, each
 * {@link LEARNED_FACTOR_WEIGHT}) — which abstain without interaction history and lead with it —
 * and the weighted-sum strategy, no re-rankers. A new object each call.
 */
export function enterpriseProductProfile(): EnterpriseProductProfile {
  const w = ENTERPRISE_PRODUCT_WEIGHTS;
  return defineProfile<Enterprise, FinancialProduct>({
    name: 'enterpriseProduct',
    version: ENTERPRISE_PRODUCT_PROFILE_VERSION,
    market: 'enterpriseProduct',
    rules: [
      amountRangeRule(),
      termRangeRule(),
      instrumentRule(),
      regionRule(),
      sectorRule(),
      stageRule(),
      srdiTierRule(),
      yearsOperatingRule(),
      revenueRule(),
      collateralRule(),
      policyListRule(),
      loanRenewalRule(),
    ],
    factors: [
      { factor: sectorFitFactor(), weight: w.sectorFit },
      { factor: stageFitFactor(), weight: w.stageFit },
      { factor: srdiTierFitFactor(), weight: w.srdiTierFit },
      { factor: amountFitFactor(), weight: w.amountFit },
      { factor: termFitFactor(), weight: w.termFit },
      { factor: instrumentFitFactor(), weight: w.instrumentFit },
      { factor: collateralFitFactor(), weight: w.collateralFit },
      { factor: regionProximityFactor(), weight: w.regionProximity },
      { factor: policyPriorityFactor(), weight: w.policyPriority },
      { factor: chainZoneFactor(), weight: w.chainZone },
      { factor: targetProfileFactor(), weight: LEARNED_FACTOR_WEIGHT },
      { factor: volumePriorFactor(), weight: LEARNED_FACTOR_WEIGHT },
      { factor: repeatPartnerFactor(), weight: LEARNED_FACTOR_WEIGHT },
    ],
    strategy: weightedSumStrategy(),
  });
}
