/**
 * Every default weight, decay and threshold of the engine's rules, factors and profiles, in
 * one place. Each constant says its range and its effect; where a number comes from policy it
 * cites the domain file it comes from (../shared/domain/*.md). Factor options override these
 * per factory call; profiles override the weights.
 *
 * @module
 */
import type { InvestorKind } from '../model/enums.js';
import type { ChainRole } from '../model/enums.js';
import type { Round, SrdiTier } from '../taxonomy/ladders.js';

/**
 * Months after the evaluation date within which an existing loan must mature for 无还本续贷
 * (renewal without repaying principal first) to apply. products.md A6: "match it to firms
 * whose loan matures within about 3 months". Range: positive integer; default 3.
 */
export const LOAN_RENEWAL_WINDOW_MONTHS = 3;

/**
 * Value of the fit factors (sector, stage, round, TRL) for a target that does not restrict
 * the dimension at all ("all sectors"). A targeted match scores 1, so a specialised product
 * ranks above a generic one for a firm it targets; an untargeted product still scores above
 * a near-miss. Range [0, 1]; default 0.5.
 */
export const UNTARGETED_FIT = 0.5;

/**
 * Stage/round fit when the target lists the subject's stage: 1 for a target listing only that
 * stage, falling linearly by this much as the list widens to the whole ladder (a target
 * listing every stage is as generic as one listing none, {@link UNTARGETED_FIT}).
 * Range [0, 1]; default 0.5.
 */
export const LADDER_BREADTH_PENALTY = 0.5;

/**
 * Stage/round fit lost per ladder step between the subject's position and the nearest listed
 * position, for pairs outside the list (only reachable when the eligibility rule is dropped).
 * Range (0, 1]; default 0.35 (three steps away scores 0).
 */
export const LADDER_DISTANCE_DECAY = 0.35;

/**
 * SRDI tier fit for a product without a minimum tier (aimed at every SME). A product aimed at
 * SRDI firms scores 1 for a firm holding the tier, so SRDI special loans (products.md A1)
 * rank above generic loans for certified firms. Range [0, 1]; default 0.5.
 */
export const SRDI_UNTARGETED_FIT = 0.5;

/**
 * SRDI tier fit lost per tier the firm lacks below the product's minimum (only reachable when
 * the srdiTier rule is dropped). Range (0, 1]; default 0.4.
 */
export const SRDI_SHORTFALL_DECAY = 0.4;

/**
 * Range fit (amount, term, ticket) at the edges of the target's range; the centre (in log
 * space) scores 1 and the value falls linearly to this at either edge. Range [0, 1];
 * default 0.5.
 */
export const RANGE_EDGE_FIT = 0.5;

/**
 * Outside the range, the range fit decays from {@link RANGE_EDGE_FIT} by a factor e for each
 * this many decades (log₁₀ units) beyond the edge. Range (0, ∞); default 0.3 (a need twice
 * the maximum keeps about 37% of the edge value).
 */
export const RANGE_OUTSIDE_DECADES = 0.3;

/**
 * Instrument fit lost per position down the need's list of acceptable instruments: the first
 * choice scores 1, the second 0.8, … Range (0, 1]; default 0.2.
 */
export const INSTRUMENT_RANK_DECAY = 0.2;

/**
 * Collateral fit of a credit-based (unsecured) product for a firm that has collateral: still
 * good (no pledge needed) but the firm is not dependent on it; accepted collateral the firm
 * has adds up to 1 − this. A firm without collateral scores 1: credit loans are the route
 * for asset-light tech firms (products.md: credit loans > 42% of special loans).
 * Range [0, 1]; default 0.8.
 */
export const CREDIT_FOR_SECURED_FIRM_FIT = 0.8;

/**
 * Collateral fit of a secured product for a firm that offers one of its required kinds; the
 * share of the product's required ∪ accepted kinds the firm has adds up to 1 − this.
 * Range [0, 1]; default 0.6.
 */
export const SECURED_MATCH_FIT = 0.6;

/**
 * Region proximity by the finest level at which the product's region list matches the
 * firm's region code (GB/T 2260: 2 digits province, 4 city, 6 district), and for a nationwide
 * product. Local products rank above nationwide ones: local banks and subsidies.
 */
export const REGION_PROXIMITY = Object.freeze({
  /** The product names the firm's district. Default 1. */
  district: 1,
  /** The product names the firm's city. Default 0.85. */
  city: 0.85,
  /** The product names the firm's province. Default 0.7. */
  province: 0.7,
  /** The product has no region restriction. Default 0.4. */
  nationwide: 0.4,
});

/**
 * Policy priority of a product without policy tags. A product whose policy tag matches the
 * firm's situation scores 1 (it brings re-lending or an interest subsidy, products.md A5/A11);
 * a tagged product that does not apply scores 0, below the generic one. Range [0, 1];
 * default 0.25.
 */
export const POLICY_UNTAGGED_FIT = 0.25;

/**
 * Policy priority of a partial match: an `srdiSpecial` product for a 科技和创新型中小企业 (T1),
 * which products.md A1 lists as "sometimes" targeted. Range [0, 1]; default 0.5.
 */
export const POLICY_PARTIAL_FIT = 0.5;

/**
 * SME size standard for industrial firms (srdi.md §7, 工信部联企业〔2011〕300号): a firm is
 * *medium* with at least this many employees **and** {@link MEDIUM_FIRM_MIN_REVENUE}; below
 * either it is small or micro, the target of 普惠小微 (inclusive) products.
 */
export const MEDIUM_FIRM_MIN_EMPLOYEES = 300;

/** Revenue floor of a medium industrial firm, yuan (2000万; srdi.md §7). */
export const MEDIUM_FIRM_MIN_REVENUE = 2e7;

/**
 * Chain/zone fit of a product not aimed at any chain or zone. A product of the firm's chain
 * ("一链一策一批", platform.md §5) scores by the firm's role; a chain product for a firm not on
 * the chain scores 0. Range [0, 1]; default 0.3.
 */
export const CHAIN_ZONE_UNTARGETED_FIT = 0.3;

/** Chain/zone fit when the firm is in one of the product's special zones. Default 0.8. */
export const ZONE_MEMBER_FIT = 0.8;

/**
 * Chain fit by the firm's role on one of the product's chains. Chain-leader firms are the
 * programme's anchors (platform.md §5); suppliers and listed members follow.
 */
export const CHAIN_ROLE_FIT: Readonly<Record<ChainRole, number>> = Object.freeze({
  leader: 1,
  supplier: 0.9,
  member: 0.8,
});

/**
 * Chain fit by role for supply-chain finance, which lends to suppliers on the core firm's
 * confirmed receivables (products.md B, 供应链金融): suppliers first, the core firm last.
 */
export const SUPPLY_CHAIN_ROLE_FIT: Readonly<Record<ChainRole, number>> = Object.freeze({
  leader: 0.6,
  supplier: 1,
  member: 0.8,
});

/**
 * TRL fit lost per level outside the investor's TRL range (only reachable when the trl rule
 * is dropped). Range (0, 1]; default 0.25.
 */
export const TRL_DISTANCE_DECAY = 0.25;

/** How well an investor kind suits a round: primary rounds, secondary rounds, the rest. */
export interface KindRoundFit {
  primary: readonly Round[];
  secondary: readonly Round[];
}

/**
 * Investor kind vs round, from the "Stage focus" column of stages-and-investors.md §4:
 * guidance funds (national VC guidance fund: seed, start-up, early-mid), state VC (angel to
 * pre-IPO, "投早投小"), CVC (A to C), private VC/PE (VC angel–B, PE C–pre-IPO), angels (seed,
 * angel), bank AICs (growth to pre-IPO), insurance funds (late stage, "not early-stage money").
 */
export const INVESTOR_KIND_ROUNDS: Readonly<Record<InvestorKind, KindRoundFit>> = Object.freeze({
  governmentGuidanceFund: { primary: ['seed', 'angel', 'preA', 'A'], secondary: ['B', 'C'] },
  stateVC: { primary: ['angel', 'preA', 'A', 'B'], secondary: ['seed', 'C', 'D', 'preIPO'] },
  corporateVC: { primary: ['A', 'B', 'C'], secondary: ['preA', 'D', 'preIPO'] },
  privateVCPE: { primary: ['A', 'B', 'C'], secondary: ['angel', 'preA', 'D', 'preIPO'] },
  angel: { primary: ['seed', 'angel'], secondary: ['preA'] },
  bankInvestmentArm: { primary: ['C', 'D', 'preIPO'], secondary: ['B'] },
  insuranceFund: { primary: ['D', 'preIPO'], secondary: ['C'] },
});

/** Investor-kind fit of a primary, a secondary and any other round. */
export const INVESTOR_KIND_FIT = Object.freeze({ primary: 1, secondary: 0.6, other: 0.2 });

/**
 * Investor kinds that favour SRDI firms: CVCs ("little giants are a natural fit"), state VC
 * (hard-tech mandate), guidance funds (SME Development Fund: innovative growth SMEs) and bank
 * AICs (T2–T4) — stages-and-investors.md §4, products.md B. Other kinds abstain on the
 * owner-tier factor.
 */
export const SRDI_FAVOURING_KINDS: readonly InvestorKind[] = Object.freeze([
  'corporateVC',
  'stateVC',
  'governmentGuidanceFund',
  'bankInvestmentArm',
]);

/** Owner SRDI tier fit for an SRDI-favouring investor (srdi.md pyramid). */
export const OWNER_TIER_FIT: Readonly<Record<SrdiTier, number>> = Object.freeze({
  none: 0.2,
  techSme: 0.4,
  srdi: 0.6,
  littleGiant: 0.9,
  champion: 1,
});

/**
 * Default factor weights of `enterpriseProductProfile()` (sum 1). Amount and sector carry the
 * most: a product that cannot lend the amount or does not serve the industry is a poor match
 * whatever else fits.
 */
export const ENTERPRISE_PRODUCT_WEIGHTS = Object.freeze({
  sectorFit: 0.15,
  stageFit: 0.1,
  srdiTierFit: 0.1,
  amountFit: 0.15,
  termFit: 0.1,
  instrumentFit: 0.1,
  collateralFit: 0.1,
  regionProximity: 0.05,
  policyPriority: 0.1,
  chainZone: 0.05,
});

/** Default factor weights of `projectInvestorProfile()` (sum 1). */
export const PROJECT_INVESTOR_WEIGHTS = Object.freeze({
  sectorFit: 0.2,
  roundFit: 0.15,
  ticketFit: 0.2,
  trlFit: 0.1,
  regionProximity: 0.1,
  investorKindFit: 0.15,
  ownerSrdiTier: 0.1,
});

/**
 * Weights of the three outcome-learned factors (`targetProfile`, `volumePrior`,
 * `repeatPartner`) in both shipped profiles. They are equal on purpose: each factor maps its
 * log-quantity to a value with the same linear map (`natsToValue`), and their relative scales
 * are fitted jointly on the training outcomes (the θ of `src/learn/history/model.ts`), so equal
 * weights add them as the fitted log-linear model does. Their sum (3) against the attribute
 * factors' sum (1) makes learned evidence lead whenever history is given; without history
 * they abstain and the attribute factors rank alone.
 */
export const LEARNED_FACTOR_WEIGHT = 3;

/** Number of results a ranking call returns when `k` is not given. */
export const DEFAULT_K = 10;

/**
 * Nearest misses a near-miss report lists when `nearest` is not given: enough for an officer
 * to see the closest products without reading the catalogue. Range: integer ≥ 1; default 5.
 */
export const NEAR_MISSES_SHOWN = 5;

/**
 * Unlocking changes a near-miss report lists when `changes` is not given. Range: integer ≥ 1;
 * default 5.
 */
export const UNLOCKING_CHANGES_SHOWN = 5;

/** Largest finite `nearest` / `changes` of a near-miss report (`Infinity` means all). */
export const MAX_NEAR_MISS_LIST = 1_000_000;

/**
 * With re-rankers in the profile, they see this many times `k` candidates (at least
 * {@link RERANK_POOL_MIN}), so diversity can pull from below the top k.
 */
export const RERANK_POOL_MULTIPLIER = 5;

/** Smallest candidate pool handed to re-rankers. */
export const RERANK_POOL_MIN = 50;
