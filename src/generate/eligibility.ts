/**
 * The generator's own eligibility check. It mirrors, rule for rule, the eligibility contract
 * the engine's rules implement (src/engine/rules); the two are written independently and
 * cross-checked later. Used to keep the hidden true fit at 0 for ineligible pairs, to draw
 * interactions only among eligible pairs and to guarantee every product and investor has
 * candidates. "Prefix" means the canonical code starts with it.
 *
 * @module
 */
import { effectiveSrdiTier as certificateTierAt } from '../taxonomy/srdi.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../model/types.js';
import { SRDI_CERTIFICATE_YEARS, srdiRank, type SrdiTier } from '../taxonomy/ladders.js';
import { addMonths, addYears, yearOf } from './dates.js';

/** Enterprise–product rules, in the order they are checked. */
export const ENTERPRISE_PRODUCT_RULES = [
  'amountRange',
  'termRange',
  'region',
  'sector',
  'stage',
  'srdiTier',
  'yearsOperating',
  'revenue',
  'collateral',
  'instrument',
  'policyList',
  'loanRenewal',
] as const;
/** Name of an enterprise–product rule. */
export type EnterpriseProductRule = (typeof ENTERPRISE_PRODUCT_RULES)[number];

/** Project–investor rules, in the order they are checked. */
export const PROJECT_INVESTOR_RULES = [
  'ticket',
  'round',
  'trl',
  'sector',
  'region',
  'instrument',
] as const;
/** Name of a project–investor rule. */
export type ProjectInvestorRule = (typeof PROJECT_INVESTOR_RULES)[number];

/** Dates derived once from `asOf`. */
export interface EligibilityDates {
  asOf: string;
  asOfYear: number;
  /** asOf + 3 months: a renewable loan maturing in [asOf, this] qualifies (products.md A6). */
  renewalHorizon: string;
  /** asOf − 3 years: a certificate granted on or before this date has expired (29 Feb aside). */
  certificateCutoff: string;
}

/** Derives the dates every check needs. */
export function eligibilityDates(asOf: string): EligibilityDates {
  return {
    asOf,
    asOfYear: yearOf(asOf),
    renewalHorizon: addMonths(asOf, 3),
    certificateCutoff: addYears(asOf, -SRDI_CERTIFICATE_YEARS),
  };
}

/**
 * Effective SRDI tier on `asOf`: the certified tier while the certificate is valid
 * (no `certifiedOn` → valid; `certifiedOn` + 3 years ≤ asOf → expired → `none`).
 */
export function effectiveSrdiTier(enterprise: Enterprise, asOf: string): SrdiTier {
  // The taxonomy's rule, which the engine's srdiTier rule uses too.
  return certificateTierAt(enterprise.srdi, asOf).tier;
}

/** {@link effectiveSrdiTier} with the cut-off precomputed (same result; hot path). */
export function effectiveSrdiTierAt(enterprise: Enterprise, dates: EligibilityDates): SrdiTier {
  const { tier, certifiedOn } = enterprise.srdi;
  if (certifiedOn === undefined || tier === 'none') return tier;
  // certifiedOn + 3y ≤ asOf ⇔ certifiedOn ≤ asOf − 3y, except for a 29 February grant date
  if (certifiedOn.endsWith('-02-29')) return effectiveSrdiTier(enterprise, dates.asOf);
  return certifiedOn <= dates.certificateCutoff ? 'none' : tier;
}

function startsWithAny(code: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) if (code.startsWith(p)) return true;
  return false;
}

/** True when the sector is under one target (or there are none) and under no exclusion. */
export function sectorAllowed(
  code: string,
  targets: readonly string[],
  excluded: readonly string[],
): boolean {
  return (targets.length === 0 || startsWithAny(code, targets)) && !startsWithAny(code, excluded);
}

/** Whether one enterprise–product rule passes. */
export function checkEnterpriseProductRule(
  rule: EnterpriseProductRule,
  e: Enterprise,
  p: FinancialProduct,
  dates: EligibilityDates,
): boolean {
  switch (rule) {
    case 'amountRange':
      return e.need.amount >= p.amount.min && e.need.amount <= p.amount.max;
    case 'termRange':
      return e.need.termMonths >= p.termMonths.min && e.need.termMonths <= p.termMonths.max;
    case 'region':
      return p.regions.length === 0 || startsWithAny(e.region, p.regions);
    case 'sector':
      return sectorAllowed(e.sector, p.targetSectors, p.excludedSectors);
    case 'stage':
      return p.stages.length === 0 || p.stages.includes(e.stage);
    case 'srdiTier':
      return (
        p.minSrdiTier === 'none' ||
        srdiRank(effectiveSrdiTierAt(e, dates)) >= srdiRank(p.minSrdiTier)
      );
    case 'yearsOperating':
      return (
        p.minYearsOperating === undefined || dates.asOfYear - e.foundedYear >= p.minYearsOperating
      );
    case 'revenue':
      return p.minAnnualRevenue === undefined || e.annualRevenue >= p.minAnnualRevenue;
    case 'collateral':
      return (
        p.collateral.required.length === 0 ||
        p.collateral.required.some((c) => e.collateral.includes(c))
      );
    case 'instrument':
      return e.need.instruments.includes(p.instrument);
    case 'policyList':
      return p.requiredPolicyLists.every((l) => e.policyLists.includes(l));
    case 'loanRenewal':
      return (
        p.type !== 'loanRenewal' ||
        e.existingLoans.some(
          (l) =>
            l.renewalWithoutRepayment &&
            l.maturity >= dates.asOf &&
            l.maturity <= dates.renewalHorizon,
        )
      );
  }
}

/** The enterprise–product rules a pair fails (empty when eligible). */
export function enterpriseProductFailures(
  e: Enterprise,
  p: FinancialProduct,
  dates: EligibilityDates,
): EnterpriseProductRule[] {
  return ENTERPRISE_PRODUCT_RULES.filter((r) => !checkEnterpriseProductRule(r, e, p, dates));
}

/** True when the enterprise is eligible for the product on `dates.asOf`. */
export function isEnterpriseProductEligible(
  e: Enterprise,
  p: FinancialProduct,
  dates: EligibilityDates,
): boolean {
  // Cheapest and most selective rules first; same semantics as checking every rule.
  const need = e.need;
  return (
    need.instruments.includes(p.instrument) &&
    need.amount >= p.amount.min &&
    need.amount <= p.amount.max &&
    need.termMonths >= p.termMonths.min &&
    need.termMonths <= p.termMonths.max &&
    (p.stages.length === 0 || p.stages.includes(e.stage)) &&
    checkEnterpriseProductRule('srdiTier', e, p, dates) &&
    (p.regions.length === 0 || startsWithAny(e.region, p.regions)) &&
    sectorAllowed(e.sector, p.targetSectors, p.excludedSectors) &&
    (p.minYearsOperating === undefined || dates.asOfYear - e.foundedYear >= p.minYearsOperating) &&
    (p.minAnnualRevenue === undefined || e.annualRevenue >= p.minAnnualRevenue) &&
    checkEnterpriseProductRule('collateral', e, p, dates) &&
    checkEnterpriseProductRule('policyList', e, p, dates) &&
    checkEnterpriseProductRule('loanRenewal', e, p, dates)
  );
}

/** Whether one project–investor rule passes. */
export function checkProjectInvestorRule(
  rule: ProjectInvestorRule,
  pr: Project,
  inv: Investor,
): boolean {
  switch (rule) {
    case 'ticket':
      return pr.need.amount >= inv.ticket.min && pr.need.amount <= inv.ticket.max;
    case 'round':
      return inv.rounds.length === 0 || inv.rounds.includes(pr.round);
    case 'trl':
      return inv.trl === undefined || (pr.trl >= inv.trl.min && pr.trl <= inv.trl.max);
    case 'sector':
      return sectorAllowed(pr.sector, inv.targetSectors, inv.excludedSectors);
    case 'region':
      return inv.regions.length === 0 || startsWithAny(pr.region, inv.regions);
    case 'instrument':
      return (
        pr.need.instrument === 'equity' ||
        (inv.kind === 'bankInvestmentArm' && pr.need.instrument === 'loan')
      );
  }
}

/** The project–investor rules a pair fails (empty when eligible). */
export function projectInvestorFailures(pr: Project, inv: Investor): ProjectInvestorRule[] {
  return PROJECT_INVESTOR_RULES.filter((r) => !checkProjectInvestorRule(r, pr, inv));
}

/** True when the project is eligible for the investor. */
export function isProjectInvestorEligible(pr: Project, inv: Investor): boolean {
  for (const r of PROJECT_INVESTOR_RULES) if (!checkProjectInvestorRule(r, pr, inv)) return false;
  return true;
}
