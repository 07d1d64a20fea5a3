/**
 * Factors: soft fits in [0, 1], one file each. Enterprise–product factors live in
 * `enterprise-product/`, project–investor factors in `project-investor/`; the shared shapes
 * (log-range fit, ladder fit, region proximity) in this folder.
 *
 * @module
 */
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
export { logRangeFit, type RangeFitOptions } from './range-fit.js';
export { ladderFit, type LadderFitOptions } from './ladder-fit.js';
export { regionProximity, type RegionProximityLevels } from './region-proximity.js';
