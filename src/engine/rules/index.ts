/**
 * Eligibility rules: hard constraints, one file each. Enterprise–product rules live in
 * `enterprise-product/`, project–investor rules in `project-investor/`. Every shipped rule is
 * made by {@link defineRule} (its `check` is built from its `test`), carries a fast-path hook
 * and a `PartSpec`; {@link SHIPPED_RULES} lists their factories by market and kind.
 *
 * @module
 */
import type { Enterprise, FinancialProduct, Investor, Project } from '../../model/types.js';
import type { EligibilityRule } from '../types.js';
import { amountRangeRule } from './enterprise-product/amount-range.js';
import { collateralRule } from './enterprise-product/collateral.js';
import { instrumentRule } from './enterprise-product/instrument.js';
import { loanRenewalRule } from './enterprise-product/loan-renewal.js';
import { policyListRule } from './enterprise-product/policy-list.js';
import { regionRule } from './enterprise-product/region.js';
import { revenueRule } from './enterprise-product/revenue.js';
import { sectorRule } from './enterprise-product/sector.js';
import { srdiTierRule } from './enterprise-product/srdi-tier.js';
import { stageRule } from './enterprise-product/stage.js';
import { termRangeRule } from './enterprise-product/term-range.js';
import { yearsOperatingRule } from './enterprise-product/years-operating.js';
import { investorInstrumentRule } from './project-investor/instrument.js';
import { investorRegionRule } from './project-investor/region.js';
import { roundRule } from './project-investor/round.js';
import { investorSectorRule } from './project-investor/sector.js';
import { ticketRule } from './project-investor/ticket.js';
import { trlRule } from './project-investor/trl.js';

export {
  amountRangeRule,
  termRangeRule,
  regionRule,
  sectorRule,
  stageRule,
  srdiTierRule,
  yearsOperatingRule,
  revenueRule,
  collateralRule,
  instrumentRule,
  policyListRule,
  loanRenewalRule,
  ticketRule,
  roundRule,
  trlRule,
  investorSectorRule,
  investorRegionRule,
  investorInstrumentRule,
};
export type { LoanRenewalRuleOptions } from './enterprise-product/loan-renewal.js';
export { investorInstruments } from './project-investor/instrument.js';
export { subjectKey } from './subject-key.js';
export {
  defineRule,
  everyValuePasses,
  testThroughKernel,
  type RuleDefinition,
  type PairDescription,
  type FailureText,
} from './define-rule.js';
export type { NoOptions } from './options.js';
export {
  srdiCertificateStatus,
  type SrdiCertificateStatus as SrdiCertificateCheck,
} from './srdi-certificate.js';

/**
 * A shipped rule factory as the registry holds it: called with the options of a
 * `PartSpec` (validated by the factory, which throws an `OptionError` for bad ones).
 */
// Options come from data (a spec) and are validated at run time by each factory.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RuleFactory<S, T> = (options?: any) => EligibilityRule<S, T>;

/**
 * The factories of every shipped rule, by market and kind (the rule's default name, its
 * `spec.kind`): `SHIPPED_RULES[market][spec.kind](spec.options)` rebuilds a shipped rule.
 * Both markets have rules named `sector`, `region` and `instrument`, hence one table per
 * market. Frozen; no import side effects.
 */
export const SHIPPED_RULES: Readonly<{
  enterpriseProduct: Readonly<Record<string, RuleFactory<Enterprise, FinancialProduct>>>;
  projectInvestor: Readonly<Record<string, RuleFactory<Project, Investor>>>;
}> = Object.freeze({
  enterpriseProduct: Object.freeze({
    amountRange: amountRangeRule,
    termRange: termRangeRule,
    instrument: instrumentRule,
    region: regionRule,
    sector: sectorRule,
    stage: stageRule,
    srdiTier: srdiTierRule,
    yearsOperating: yearsOperatingRule,
    revenue: revenueRule,
    collateral: collateralRule,
    policyList: policyListRule,
    loanRenewal: loanRenewalRule,
  }),
  projectInvestor: Object.freeze({
    ticket: ticketRule,
    round: roundRule,
    trl: trlRule,
    sector: investorSectorRule,
    region: investorRegionRule,
    instrument: investorInstrumentRule,
  }),
});
