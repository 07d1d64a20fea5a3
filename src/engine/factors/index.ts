/**
 * Factors: soft fits in [0, 1], one file each. Enterprise–product factors live in
 * `enterprise-product/`, project–investor factors in `project-investor/`; the shared shapes
 * (log-range fit, ladder fit, region proximity) in this folder. Every shipped factor carries a
 * fast-path hook (a subject key, or a numeric kernel through which its `score` is computed,
 * {@link scoreThroughKernel}) and a `PartSpec`; {@link SHIPPED_FACTORS} lists their
 * factories by market and kind.
 *
 * @module
 */
import type { Enterprise, FinancialProduct, Investor, Project } from '../../model/types.js';
import type { Factor } from '../types.js';
import { amountFitFactor } from './enterprise-product/amount-fit.js';
import { chainZoneFactor } from './enterprise-product/chain-zone.js';
import { collateralFitFactor } from './enterprise-product/collateral-fit.js';
import { instrumentFitFactor } from './enterprise-product/instrument-fit.js';
import { policyPriorityFactor } from './enterprise-product/policy-priority.js';
import { regionProximityFactor } from './enterprise-product/region-proximity.js';
import { sectorFitFactor } from './enterprise-product/sector-fit.js';
import { srdiTierFitFactor } from './enterprise-product/srdi-tier-fit.js';
import { stageFitFactor } from './enterprise-product/stage-fit.js';
import { termFitFactor } from './enterprise-product/term-fit.js';
import { investorKindFitFactor } from './project-investor/investor-kind-fit.js';
import { ownerSrdiTierFactor } from './project-investor/owner-srdi-tier.js';
import { investorRegionFactor } from './project-investor/region-proximity.js';
import { roundFitFactor } from './project-investor/round-fit.js';
import { investorSectorFitFactor } from './project-investor/sector-fit.js';
import { ticketFitFactor } from './project-investor/ticket-fit.js';
import { trlFitFactor } from './project-investor/trl-fit.js';

export { sectorFitFactor, type SectorFitOptions } from './enterprise-product/sector-fit.js';
export { stageFitFactor, type StageFitOptions } from './enterprise-product/stage-fit.js';
export { srdiTierFitFactor, type SrdiTierFitOptions } from './enterprise-product/srdi-tier-fit.js';
export { amountFitFactor, type AmountFitOptions } from './enterprise-product/amount-fit.js';
export { termFitFactor, type TermFitOptions } from './enterprise-product/term-fit.js';
export {
  instrumentFitFactor,
  type InstrumentFitOptions,
} from './enterprise-product/instrument-fit.js';
export {
  collateralFitFactor,
  type CollateralFitOptions,
} from './enterprise-product/collateral-fit.js';
export {
  regionProximityFactor,
  type RegionProximityOptions,
} from './enterprise-product/region-proximity.js';
export {
  policyPriorityFactor,
  policyTagStrength,
  isSmallOrMicro,
  type PolicyPriorityOptions,
} from './enterprise-product/policy-priority.js';
export { chainZoneFactor, type ChainZoneOptions } from './enterprise-product/chain-zone.js';
export {
  investorSectorFitFactor,
  type InvestorSectorFitOptions,
} from './project-investor/sector-fit.js';
export { roundFitFactor, type RoundFitOptions } from './project-investor/round-fit.js';
export { ticketFitFactor, type TicketFitOptions } from './project-investor/ticket-fit.js';
export { trlFitFactor, type TrlFitOptions } from './project-investor/trl-fit.js';
export {
  investorRegionFactor,
  type InvestorRegionOptions,
} from './project-investor/region-proximity.js';
export {
  investorKindFitFactor,
  type InvestorKindFitOptions,
} from './project-investor/investor-kind-fit.js';
export {
  ownerSrdiTierFactor,
  type OwnerSrdiTierOptions,
} from './project-investor/owner-srdi-tier.js';
export { compileLogRangeFit, logRangeFit, type RangeFitOptions } from './range-fit.js';
export { scoreThroughKernel } from './kernel-score.js';
export { ladderFit, type LadderFitOptions } from './ladder-fit.js';
export { regionProximity, type RegionProximityLevels } from './region-proximity.js';

/**
 * A shipped factor factory as the registry holds it: called with the options of a
 * `PartSpec` (validated by the factory, which throws an `OptionError` for bad ones).
 */
// Options come from data (a spec) and are validated at run time by each factory.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FactorFactory<S, T> = (options?: any) => Factor<S, T>;

/**
 * The factories of every shipped factor, by market and kind (the factor's default name, its
 * `spec.kind`): `SHIPPED_FACTORS[market][spec.kind](spec.options)` rebuilds a shipped factor.
 * Both markets have factors named `sectorFit` and `regionProximity`, hence one table per
 * market. Frozen; no import side effects.
 */
export const SHIPPED_FACTORS: Readonly<{
  enterpriseProduct: Readonly<Record<string, FactorFactory<Enterprise, FinancialProduct>>>;
  projectInvestor: Readonly<Record<string, FactorFactory<Project, Investor>>>;
}> = Object.freeze({
  enterpriseProduct: Object.freeze({
    sectorFit: sectorFitFactor,
    stageFit: stageFitFactor,
    srdiTierFit: srdiTierFitFactor,
    amountFit: amountFitFactor,
    termFit: termFitFactor,
    instrumentFit: instrumentFitFactor,
    collateralFit: collateralFitFactor,
    regionProximity: regionProximityFactor,
    policyPriority: policyPriorityFactor,
    chainZone: chainZoneFactor,
  }),
  projectInvestor: Object.freeze({
    sectorFit: investorSectorFitFactor,
    roundFit: roundFitFactor,
    ticketFit: ticketFitFactor,
    trlFit: trlFitFactor,
    regionProximity: investorRegionFactor,
    investorKindFit: investorKindFitFactor,
    ownerSrdiTier: ownerSrdiTierFactor,
  }),
});
