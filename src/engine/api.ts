/**
 * The public matching API's types (the names are a contract). Implementations live in
 * `src/engine/matchers/`.
 *
 * @module
 */
import type { Locale } from '../i18n/locale.js';
import type {
  Enterprise,
  EnterpriseInput,
  FinancialProduct,
  FinancialProductInput,
  IndustrialChain,
  Institution,
  Interaction,
  Investor,
  InvestorInput,
  Project,
  ProjectInput,
  SpecialZone,
} from '../model/types.js';
import type {
  ProfilePlan,
  EnterpriseProductProfile,
  ExclusionReason,
  Explanation,
  FactorValue,
  ProjectInvestorProfile,
  RuleResult,
} from './types.js';

/** Options shared by every matcher and index constructor. */
export interface MatcherOptions<P> {
  /** The profile to rank with. Defaults to the shipped profile of the market. */
  profile?: P;
  /** Evaluation date, YYYY-MM-DD. Default: today (UTC). Fix it for reproducible rankings. */
  asOf?: string;
  /** Language of messages and hints. Default `zh`. */
  locale?: Locale;
  /** Reference data: chains, zones, institutions. */
  chains?: readonly IndustrialChain[];
  zones?: readonly SpecialZone[];
  institutions?: readonly Institution[];
  /**
   * Interaction history (views, applications, approvals, funding, declines), given to factors
   * that `prepare` on it: the learned factors (past-partner profile, track record, repeat
   * partner) and the collaborative factor. Interactions dated after `asOf` are ignored.
   */
  interactions?: readonly Interaction[];
  /**
   * The records of the subjects named in `interactions` (the enterprises or projects that were
   * financed, as they were then), so the learned factors can count their features: the
   * past-partner profile learns what each target financed from them. Enterprise records for
   * an enterprise–product matcher, project records for a project–investor matcher. An index
   * (`createEnterpriseIndex`, `createProjectIndex`) also uses its own records.
   */
  subjects?: readonly (EnterpriseInput | Enterprise | ProjectInput | Project)[];
  /**
   * The records of the targets named in `interactions` (products or investors), for an index
   * (`createEnterpriseIndex`, `createProjectIndex`), which has no catalogue of its own: the
   * learned factors back a product off to its institution and type, and fit on the same
   * targets as a matcher over that catalogue, so prospecting and ranking agree. Matchers use
   * their catalogue and ignore it.
   */
  targets?: readonly (FinancialProductInput | FinancialProduct | InvestorInput | Investor)[];
}

/** Options of a ranking call. */
export interface RankOptions {
  /** How many results. Default 10. Must be a positive integer (or Infinity for all). */
  k?: number;
  /** Include every rule's outcome in each result. Default false. */
  includeRules?: boolean;
  /**
   * `rankProducts` and `rankInvestors`: also return the ineligible targets, after every eligible one (so the list is a full
   * ranking, as evaluation needs): each with `eligible: false`, its failed rules in
   * `exclusions`, and ordered among themselves by the score their factors would give. `k`
   * counts both. Default false (only eligible targets).
   */
  includeIneligible?: boolean;
}

/** Common fields of every ranked result. */
export interface MatchBase {
  /** In [0, 1]. */
  score: number;
  /** 1-based position. */
  rank: number;
  /** Each factor's contribution; for additive strategies they add up to `score`. */
  contributions: Record<string, number>;
  /** Raw factor values (`null` = abstained). */
  factors: Record<string, FactorValue>;
  /** Two-sided strategies: the subject's and the target's own scores. */
  sides?: { subject: number; target: number };
  /** Rule outcomes, when `includeRules` was set. */
  rules?: RuleResult[];
  /** `false` on the ineligible results `includeIneligible` appends (absent otherwise). */
  eligible?: false;
  /** On those results: every rule that failed, with its hint. */
  exclusions?: ExclusionReason[];
}

/** A product ranked for an enterprise. */
export interface ProductMatch extends MatchBase {
  productId: string;
}
/** An enterprise found when prospecting for a product. */
export interface EnterpriseMatch extends MatchBase {
  enterpriseId: string;
}
/** An investor ranked for a project. */
export interface InvestorMatch extends MatchBase {
  investorId: string;
}
/** A project ranked for an investor. */
export interface ProjectMatch extends MatchBase {
  projectId: string;
}

/** A set of complementary products that together cover an enterprise's need. */
export interface ProductBundle {
  /** Product ids, the anchor (largest share) first. */
  productIds: string[];
  score: number;
  rank: number;
  /** Share of the need amount each product covers, by product id. */
  coverage: Record<string, number>;
  /** Fraction of the need covered in total, in [0, 1]. */
  covered: number;
  /** Each part's contribution to the bundle score (they add up to `score`). */
  contributions: Record<string, number>;
  /** Why this combination, in the requested locale. */
  summary: string[];
  /**
   * Interchangeable members: for a product of `productIds`, the products (sorted by id) that
   * can replace it with the same score, coverage and contributions. Swaps combine freely:
   * every bundle obtained by swapping any keyed products for one of their alternatives was an
   * equivalent bundle, collapsed into this one (see `collapseEquivalentBundles`). `{}` when
   * nothing is interchangeable.
   */
  alternatives: Record<string, string[]>;
  /**
   * One short line, in the requested locale: why this bundle is listed and how it differs
   * from the better-placed ones (products swapped, added or dropped; coverage; score gap).
   */
  reason: string;
}

/** Options of a near-miss report. */
export interface NearMissOptions {
  /**
   * How many nearest misses to list: an integer from 1 to 1,000,000, or `Infinity` for every
   * ineligible target. Default `NEAR_MISSES_SHOWN` (5).
   */
  nearest?: number;
  /**
   * How many unlocking changes to list: an integer from 1 to 1,000,000, or `Infinity` for all.
   * Default `UNLOCKING_CHANGES_SHOWN` (5).
   */
  changes?: number;
}

/** A target the subject is not eligible for, with every rule it fails. */
export interface NearMiss {
  /** The product's or investor's id. */
  targetId: string;
  /** Every failed rule, in profile order, with its message, hint and change. */
  failed: ExclusionReason[];
}

/** One change and the targets it alone would make eligible. */
export interface UnlockingChange {
  /** The change's key, as the rule names it (`srdiTier:renew`, `amountRange:lower`). */
  key: string;
  /** The change in the report's locale: "renew (复核) the SRDI certificate". */
  label: string;
  /** The rule that names it. */
  rule: string;
  /** How many targets this change alone would make eligible (= `targetIds.length`). */
  count: number;
  /** Those targets, in id order. */
  targetIds: string[];
}

/** What `nearMisses` returns for one subject (enterprise or project). */
export interface NearMissReport {
  /** The enterprise's or project's id. */
  subjectId: string;
  /** Targets the subject is eligible for. */
  eligible: number;
  /** Targets it is not eligible for. */
  ineligible: number;
  /**
   * The ineligible targets it misses by the least, at most `nearest`: fewest failed rules
   * first, then those whose every failure names a change the subject can make, then by id.
   */
  nearest: NearMiss[];
  /**
   * Single changes, each with the targets it alone would make eligible (targets whose every
   * failed rule names that change or a weaker one it covers, `RuleChange.covers`), at most
   * `changes`: most targets first, then by key. Targets needing two or more changes, or
   * failing a rule that names none (region, sector), are in no entry.
   */
  changes: UnlockingChange[];
}

/** Ranks products for enterprises (the platform backend's use). */
export interface ProductMatcher {
  /** The eligible products for `enterprise`, best first, at most `k`. */
  rankProducts(enterprise: EnterpriseInput | Enterprise, options?: RankOptions): ProductMatch[];
  /** Full explanation of one enterprise–product pair, eligible or not. */
  explain(enterprise: EnterpriseInput | Enterprise, productId: string): Explanation;
  /**
   * Why an enterprise gets few or no products, and what would change that: the products it
   * misses by the fewest rules (each failed rule with its hint), and the single changes that
   * would make the most products eligible, counted by change ("renew (复核) the SRDI
   * certificate: 14 products"), most first, ties by change key. Each change is the one the
   * failing rule names in its explanation (`ExclusionReason.change`), in the matcher's locale.
   *
   * @example
   * const { nearest, changes } = matcher.nearMisses(enterprise, { nearest: 3 });
   * // changes[0] → { key: 'srdiTier:renew', label: 'renew (复核) the SRDI certificate', count: 14, … }
   * @throws ValidationError for an invalid enterprise record; OptionError for a bad option.
   */
  nearMisses(enterprise: EnterpriseInput | Enterprise, options?: NearMissOptions): NearMissReport;
  /** Complementary product combinations covering the need. */
  recommendBundles(
    enterprise: EnterpriseInput | Enterprise,
    options?: { k?: number; membersPerInstrument?: number },
  ): ProductBundle[];
  /** The products, validated, in id order (current after updates). */
  readonly products: readonly FinancialProduct[];
  readonly profile: EnterpriseProductProfile;
  /**
   * How the profile runs here: which parts run columnar and which part, by name, forces the
   * reference path (both give the same results; the reference path is slower).
   */
  readonly plan: ProfilePlan;
  /**
   * Adds products or replaces those with the same id, without rebuilding anything on the
   * enterprise side. The catalogue side (factor preparation over the catalogue, the compiled
   * catalogue) is refreshed — O(catalogue). Invalid records throw one ValidationError and
   * change nothing.
   */
  upsertProducts(products: readonly (FinancialProductInput | FinancialProduct)[]): void;
  /** Removes products by id; returns how many existed. */
  removeProducts(ids: readonly string[]): number;
}

/** Filters applied when prospecting. */
export interface ProspectFilter {
  /** Region prefixes (province, city, district). */
  regions?: readonly string[];
  /** Sector prefixes. */
  sectors?: readonly string[];
  /** Chain ids: the enterprise must be on one. */
  chains?: readonly string[];
  /** Zone ids: the enterprise must be in one. */
  zones?: readonly string[];
  /** Any predicate over the enterprise. */
  where?: (enterprise: Enterprise) => boolean;
}

/**
 * Options of {@link EnterpriseIndex.prospectEnterprises}: the ranking options, a filter, and
 * an `offset` for pagination (as Orama's `offset`): skip the first `offset` results of the
 * full ranking and return the next `k`. Ranks stay positions in the full ranking, so pages
 * `offset = 0, k, 2k, …` concatenate to the unpaginated list.
 */
export interface ProspectOptions extends RankOptions {
  /** Only enterprises passing this filter are ranked. */
  filter?: ProspectFilter;
  /** Results to skip before the first returned one: an integer ≥ 0. Default 0. */
  offset?: number;
}

/** One enterprise's products in a chain/zone batch. */
export interface BatchRanking {
  enterpriseId: string;
  matches: ProductMatch[];
}

/** Prospects enterprises for products (the bank's use). */
export interface EnterpriseIndex {
  /** The best eligible enterprises for `product`, at most `k`. */
  prospectEnterprises(
    product: FinancialProductInput | FinancialProduct,
    options?: ProspectOptions,
  ): EnterpriseMatch[];
  /**
   * "One chain, one policy, one batch": every enterprise of a chain (or zone), with its ranked
   * products from `products`, in one call. Enterprises are in id order.
   */
  rankBatch(
    selector: { chainId: string } | { zoneId: string },
    products: readonly (FinancialProductInput | FinancialProduct)[],
    options?: RankOptions,
  ): BatchRanking[];
  /**
   * Full explanation of one indexed enterprise with a product, eligible or not — the same
   * explanation a product matcher gives for that pair (same rules, weights really used,
   * contributions), so a bank explains a prospect without building a second matcher.
   * `product` is a product record (as given to `prospectEnterprises`) or the id of one of the
   * `targets` option's products.
   *
   * @throws UnknownIdError for an enterprise id not in the index or a product id not among
   * `targets`; ValidationError for an invalid product record.
   */
  explain(
    enterpriseId: string,
    product: string | FinancialProductInput | FinancialProduct,
  ): Explanation;
  /** The enterprises, validated, in id order (current after updates). */
  readonly enterprises: readonly Enterprise[];
  readonly profile: EnterpriseProductProfile;
  /**
   * How the profile runs here: which parts run columnar and which part, by name, forces the
   * reference path (both give the same results; the reference path is slower).
   */
  readonly plan: ProfilePlan;
  /**
   * Adds enterprises or replaces those with the same id without a rebuild: the columnar index
   * appends or rewrites their rows (dictionaries grow; compiled products are kept and catch up
   * with the new rows on their next prospect, which walks its remembered order with the
   * changed rows taken apart, or scans afresh past 1,024 changes).
   * Factors prepared on a corpus at construction (text, collaborative) keep that corpus's
   * statistics until the index is rebuilt. Invalid records throw one ValidationError and
   * change nothing.
   */
  upsertEnterprises(enterprises: readonly (EnterpriseInput | Enterprise)[]): void;
  /** Removes enterprises by id (tombstoned, compacted later); returns how many existed. */
  removeEnterprises(ids: readonly string[]): number;
}

/** Ranks investors for projects. */
export interface InvestorMatcher {
  rankInvestors(project: ProjectInput | Project, options?: RankOptions): InvestorMatch[];
  explain(project: ProjectInput | Project, investorId: string): Explanation;
  /**
   * The project's near misses over the investors: as {@link ProductMatcher.nearMisses}
   * ("reach TRL 6: 4 investors").
   */
  nearMisses(project: ProjectInput | Project, options?: NearMissOptions): NearMissReport;
  /** The investors, validated, in id order (current after updates). */
  readonly investors: readonly Investor[];
  /** Adds investors or replaces those with the same id (the catalogue is re-prepared, as `upsertProducts`). */
  upsertInvestors(investors: readonly (InvestorInput | Investor)[]): void;
  /** Removes investors by id; returns how many existed. */
  removeInvestors(ids: readonly string[]): number;
  readonly profile: ProjectInvestorProfile;
  /**
   * How the profile runs here: which parts run columnar and which part, by name, forces the
   * reference path (both give the same results; the reference path is slower).
   */
  readonly plan: ProfilePlan;
}

/** Ranks projects for investors (the reverse direction). */
export interface ProjectIndex {
  rankProjects(investor: InvestorInput | Investor, options?: RankOptions): ProjectMatch[];
  /** Adds projects or replaces those with the same id without a rebuild (as `upsertEnterprises`). */
  upsertProjects(projects: readonly (ProjectInput | Project)[]): void;
  /** Removes projects by id; returns how many existed. */
  removeProjects(ids: readonly string[]): number;
  readonly projects: readonly Project[];
  readonly profile: ProjectInvestorProfile;
  /**
   * How the profile runs here: which parts run columnar and which part, by name, forces the
   * reference path (both give the same results; the reference path is slower).
   */
  readonly plan: ProfilePlan;
}
