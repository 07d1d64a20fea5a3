/**
 * The generator's own eligibility check, the single place in src/generate that states the
 * eligibility contract: every other module (truth gate, interactions, coverage repair,
 * chains and zones) asks here. It mirrors, rule for rule, the contract the engine's rules
 * implement (src/engine/rules) but is written independently, so an engine bug shows up in
 * the rule-by-rule cross-check (test/integration/generator-engine-agreement.test.ts). The
 * numbers the contract depends on are the engine's and the taxonomy's named constants
 * ({@link LOAN_RENEWAL_WINDOW_MONTHS}; `SRDI_CERTIFICATE_YEARS` through the taxonomy's
 * certificate rule), never re-typed. "Prefix" means the canonical code starts with it.
 *
 * @module
 */
import { LOAN_RENEWAL_WINDOW_MONTHS } from '../engine/defaults.js';
import { effectiveSrdiTier as certificateTierAt } from '../taxonomy/srdi.js';
import type {
  Enterprise,
  FinancialProduct,
  Investor,
  Project,
  SrdiCertification,
} from '../model/types.js';
import { srdiRank, type SrdiTier } from '../taxonomy/ladders.js';
import { addMonths, yearOf } from '../util/dates.js';

/** Enterprise–product rules, in the order they are reported. */
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

/**
 * The same rules, cheapest and most selective first: the order
 * {@link isEnterpriseProductEligible} tries them in (a conjunction, so the order changes
 * only the cost).
 */
export const ENTERPRISE_PRODUCT_CHECK_ORDER: readonly EnterpriseProductRule[] = [
  'instrument',
  'amountRange',
  'termRange',
  'stage',
  'srdiTier',
  'region',
  'sector',
  'yearsOperating',
  'revenue',
  'collateral',
  'policyList',
  'loanRenewal',
];

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
  /**
   * asOf + {@link LOAN_RENEWAL_WINDOW_MONTHS} months (the engine's window): a renewable loan
   * maturing in [asOf, this] qualifies (products.md A6).
   */
  renewalHorizon: string;
}

/** Derives the dates every check needs. */
export function eligibilityDates(asOf: string): EligibilityDates {
  return {
    asOf,
    asOfYear: yearOf(asOf),
    renewalHorizon: addMonths(asOf, LOAN_RENEWAL_WINDOW_MONTHS),
  };
}

/**
 * Effective SRDI tier on `asOf`: the certified tier while the certificate is valid, else
 * `none`. The validity rule (SRDI_CERTIFICATE_YEARS from `certifiedOn`, 29 February, not yet
 * granted, undated) is the taxonomy's, which the engine's srdiTier rule uses too.
 */
export function effectiveSrdiTier(enterprise: Enterprise, asOf: string): SrdiTier {
  return certificateTierAt(enterprise.srdi, asOf).tier;
}

// The taxonomy's answer per certificate object for the last date asked: chains, zones, texts
// and the truth gate ask repeatedly. The generator replaces a certificate, never edits one.
const tierMemo = new WeakMap<SrdiCertification, { asOf: string; tier: SrdiTier }>();

/** {@link effectiveSrdiTier}, memoised per certificate (same result; hot path). */
export function effectiveSrdiTierAt(enterprise: Enterprise, dates: EligibilityDates): SrdiTier {
  const cert = enterprise.srdi;
  if (cert.tier === 'none') return 'none';
  const hit = tierMemo.get(cert);
  if (hit !== undefined && hit.asOf === dates.asOf) return hit.tier;
  const tier = effectiveSrdiTier(enterprise, dates.asOf);
  tierMemo.set(cert, { asOf: dates.asOf, tier });
  return tier;
}

/** True when the enterprise's effective tier on `dates.asOf` ranks at least `min`. */
export function hasEffectiveTier(e: Enterprise, min: SrdiTier, dates: EligibilityDates): boolean {
  return min === 'none' || srdiRank(effectiveSrdiTierAt(e, dates)) >= srdiRank(min);
}

/** True when `code` starts with one of `prefixes` (canonical sector or region codes). */
export function underAnyPrefix(code: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) if (code.startsWith(p)) return true;
  return false;
}

/** True when the region is under one of `regions`, or `regions` is empty (everywhere). */
export function regionServed(region: string, regions: readonly string[]): boolean {
  return regions.length === 0 || underAnyPrefix(region, regions);
}

/** True when the sector is under one target (or there are none) and under no exclusion. */
export function sectorAllowed(
  code: string,
  targets: readonly string[],
  excluded: readonly string[],
): boolean {
  return (targets.length === 0 || underAnyPrefix(code, targets)) && !underAnyPrefix(code, excluded);
}

/** True when `x` lies in [min, max], both ends inclusive. */
function inRange(x: number, { min, max }: { min: number; max: number }): boolean {
  return x >= min && x <= max;
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
      return inRange(e.need.amount, p.amount);
    case 'termRange':
      return inRange(e.need.termMonths, p.termMonths);
    case 'region':
      return regionServed(e.region, p.regions);
    case 'sector':
      return sectorAllowed(e.sector, p.targetSectors, p.excludedSectors);
    case 'stage':
      return p.stages.length === 0 || p.stages.includes(e.stage);
    case 'srdiTier':
      return hasEffectiveTier(e, p.minSrdiTier, dates);
    case 'yearsOperating':
      return (
        p.minYearsOperating === undefined || dates.asOfYear - e.foundedYear >= p.minYearsOperating
      );
    case 'revenue':
      return p.minAnnualRevenue === undefined || e.annualRevenue >= p.minAnnualRevenue;
    case 'collateral':
      // `credit` means unsecured: a product listing it among the required kinds asks for no
      // security, so every firm meets it (docs/rules-and-factors.md, "Eligibility rules",
      // collateralRule).
      return (
        p.collateral.required.length === 0 ||
        p.collateral.required.includes('credit') ||
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

/** True when the enterprise is eligible for the product on `dates.asOf` (passes every rule). */
export function isEnterpriseProductEligible(
  e: Enterprise,
  p: FinancialProduct,
  dates: EligibilityDates,
): boolean {
  for (const r of ENTERPRISE_PRODUCT_CHECK_ORDER)
    if (!checkEnterpriseProductRule(r, e, p, dates)) return false;
  return true;
}

/** Whether one project–investor rule passes. */
export function checkProjectInvestorRule(
  rule: ProjectInvestorRule,
  pr: Project,
  inv: Investor,
): boolean {
  switch (rule) {
    case 'ticket':
      return inRange(pr.need.amount, inv.ticket);
    case 'round':
      return inv.rounds.length === 0 || inv.rounds.includes(pr.round);
    case 'trl':
      return inv.trl === undefined || inRange(pr.trl, inv.trl);
    case 'sector':
      return sectorAllowed(pr.sector, inv.targetSectors, inv.excludedSectors);
    case 'region':
      return regionServed(pr.region, inv.regions);
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
