/**
 * Eligibility rules: hard constraints, one file each. Enterprise–product rules live in
 * `enterprise-product/`, project–investor rules in `project-investor/`.
 *
 * @module
 */
export { amountRangeRule } from './enterprise-product/amount-range.js';
export { termRangeRule } from './enterprise-product/term-range.js';
export { regionRule } from './enterprise-product/region.js';
export { sectorRule } from './enterprise-product/sector.js';
export { stageRule } from './enterprise-product/stage.js';
export { srdiTierRule } from './enterprise-product/srdi-tier.js';
export { yearsOperatingRule } from './enterprise-product/years-operating.js';
export { revenueRule } from './enterprise-product/revenue.js';
export { collateralRule } from './enterprise-product/collateral.js';
export { instrumentRule } from './enterprise-product/instrument.js';
export { policyListRule } from './enterprise-product/policy-list.js';
export { loanRenewalRule, type LoanRenewalRuleOptions } from './enterprise-product/loan-renewal.js';
export { ticketRule } from './project-investor/ticket.js';
export { roundRule } from './project-investor/round.js';
export { trlRule } from './project-investor/trl.js';
export { investorSectorRule } from './project-investor/sector.js';
export { investorRegionRule } from './project-investor/region.js';
export { investorInstrumentRule, investorInstruments } from './project-investor/instrument.js';
export {
  srdiCertificateStatus,
  type SrdiCertificateStatus as SrdiCertificateCheck,
} from './srdi-certificate.js';
