/**
 * Closed vocabularies of the data model. Kept free of zod so the root import stays light;
 * the schemas in `schemas.ts` are built from these tuples.
 *
 * Sources: ../shared/domain/products.md ("股贷债保" families, product types, collateral),
 * stages-and-investors.md §4 (investor kinds), platform.md (zones, policy lists).
 *
 * @module
 */

/**
 * Financing instruments. The four MIIT families "股贷债保" (equity, loan, bond, insurance)
 * plus guarantee, leasing and listing services (regional equity boards, IPO channels).
 */
export const INSTRUMENTS = [
  'loan',
  'equity',
  'bond',
  'insurance',
  'guarantee',
  'leasing',
  'listing',
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** Collateral an enterprise can offer or a product requires/accepts; `credit` means unsecured. */
export const COLLATERAL_KINDS = [
  'credit',
  'realEstate',
  'equipment',
  'ipPledge',
  'receivables',
  'inventory',
  'equityPledge',
  'guarantee',
] as const;
export type CollateralKind = (typeof COLLATERAL_KINDS)[number];

/** Product types named in products.md (A1–A11 and the families around them). */
export const PRODUCT_TYPES = [
  'srdiSpecialLoan',
  'techConversionLoan',
  'digitalTransformationLoan',
  'pilotInsuranceRnDLoan',
  'techReloanLoan',
  'loanRenewal',
  'equipmentRenewalLoan',
  'creditLoan',
  'supplyChainFinance',
  'ipPledgeLoan',
  'mnaLoan',
  'regionalEquityBoard',
  'ipoGreenChannel',
  'bond',
  'ventureEquity',
  'financialLeasing',
  'guarantee',
  'techInsurance',
] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Policy tags on a product, used by the policy-priority factor. */
export const POLICY_TAGS = [
  'techReloan',
  'equipmentRenewal',
  'digitalTransformation',
  'srdiSpecial',
  'green',
  'inclusive',
  'techConversion',
  'pilotInsurance',
] as const;
export type PolicyTag = (typeof POLICY_TAGS)[number];

/**
 * Official lists an enterprise can be on. Re-loans go only to enterprises on the industry
 * authorities' candidate lists (products.md A5); equipment-renewal loans need the project on
 * an NDRC/MIIT list (A11).
 */
export const POLICY_LISTS = [
  'techReloanCandidates',
  'equipmentRenewalProjects',
  'digitalTransformationPilot',
  'highTechEnterprise',
  'keyChainEnterprise',
  'greenFactory',
] as const;
export type PolicyList = (typeof POLICY_LISTS)[number];

/** What the money is for. */
export const PURPOSES = [
  'workingCapital',
  'equipment',
  'rnd',
  'digitalTransformation',
  'techConversion',
  'expansion',
  'mna',
  'listing',
  'refinancing',
  'green',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Kinds of financial institution. */
export const INSTITUTION_KINDS = [
  'bank',
  'insurer',
  'fund',
  'securities',
  'leasing',
  'guarantee',
  'regionalEquityMarket',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** Investor kinds (stages-and-investors.md §4). */
export const INVESTOR_KINDS = [
  'governmentGuidanceFund',
  'stateVC',
  'corporateVC',
  'privateVCPE',
  'angel',
  'bankInvestmentArm',
  'insuranceFund',
] as const;
export type InvestorKind = (typeof INVESTOR_KINDS)[number];

/** Interaction kinds, weakest to strongest signal, plus the negative `declined`. */
export const INTERACTION_KINDS = ['viewed', 'applied', 'approved', 'funded', 'declined'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** An enterprise's position on an industrial chain (platform.md §5). */
export const CHAIN_ROLES = ['leader', 'supplier', 'member'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

/** SRDI rule sets, by the year of their measures (srdi.md §0). */
export const SRDI_RULE_SETS = ['2022', '2026'] as const;
export type SrdiRuleSetId = (typeof SRDI_RULE_SETS)[number];

/** Kinds of special zone (platform.md: 24 zones, e.g. industrial transfer, clusters). */
export const ZONE_KINDS = [
  'industrialTransfer',
  'advancedManufacturingCluster',
  'industrialInternet',
  'fiveG',
  'srdi',
  'green',
  'digitalTransformation',
  'other',
] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** Record kinds, as named by `parseRecord`, `finmatch validate --kind` and the JSON Schemas. */
export const RECORD_KINDS = [
  'enterprise',
  'institution',
  'product',
  'project',
  'investor',
  'interaction',
  'chain',
  'zone',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Each record kind's Chinese name, for messages (the service's and the command line's). */
export const RECORD_KIND_NAMES_ZH: Readonly<Record<RecordKind, string>> = Object.freeze({
  enterprise: '企业',
  institution: '金融机构',
  product: '金融产品',
  project: '科技项目',
  investor: '投资机构',
  interaction: '结果事件',
  chain: '产业链',
  zone: '专区',
});
