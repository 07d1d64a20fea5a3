/**
 * Tunables of product bundles ("股贷债保" combinations), in one place. Sources:
 * ../shared/domain/products.md (A4 "中试险 + 研发贷", government financing guarantee, VC/PE and
 * AIC equity with 投贷联动) and stages-and-investors.md §4.
 *
 * @module
 */
import type { Instrument } from '../model/enums.js';

/** Bundles returned by default. Range: positive integer; default 5. */
export const DEFAULT_BUNDLE_K = 5;

/**
 * Members kept per instrument before combining: the best `n` eligible products of each
 * instrument (by match score). Keeps the search to at most C(7n, 3) triples (7 instruments)
 * instead of every triple of the catalogue. Products named in a kept member's `combinesWith`
 * are kept too when eligible. Range: positive integer; default 5.
 */
export const BUNDLE_MEMBERS_PER_INSTRUMENT = 5;

/**
 * Instruments that put money towards the need; their amounts make the coverage. Insurance
 * and guarantee do not: they de-risk a funding part (products.md A4, guarantee row).
 */
export const FUNDING_INSTRUMENTS: readonly Instrument[] = ['loan', 'equity', 'bond', 'leasing'];

/**
 * Instrument pairs that complement each other without an explicit `combinesWith` link:
 * - loan + insurance: R&D / pilot-test insurance de-risks a bank loan ("中试险 + 研发贷", A4;
 *   tech insurance row);
 * - loan + guarantee: a government financing guarantee backs the loan ("follows the loan",
 *   risk-sharing 2:8 with banks);
 * - equity + loan: investment–loan linkage (投贷联动, stages-and-investors.md §4).
 */
export const COMPLEMENTARY_INSTRUMENTS: readonly (readonly [Instrument, Instrument])[] = [
  ['loan', 'insurance'],
  ['loan', 'guarantee'],
  ['equity', 'loan'],
];

/**
 * Share β of the bundle's quality given to a declared `combinesWith` link between its members:
 * quality = (1 − β)·mean(member scores) + β·[declared link]. Institutions that designed two
 * products to work together (中试险 + 研发贷) get that combination ranked above an ad-hoc one of
 * equal member scores. Range [0, 1]; default 0.1.
 */
export const COMBINES_WITH_BONUS = 0.1;

/**
 * Penalty for overshooting the need (when the parts' minimum amounts add up to more than the
 * enterprise asked for): the score is multiplied by `1 − penalty·min(1, overshoot / need)`.
 * Range [0, 1]; default 0.5 (borrowing twice the need halves the score).
 */
export const OVERSHOOT_PENALTY = 0.5;
