/**
 * Default tunables of the re-rankers in this folder, in one place. Each says its range and its
 * effect; re-ranker options override them per factory call.
 *
 * @module
 */

/**
 * Trade-off of `mmrReranker` between relevance and novelty: each pick maximises
 * `λ·score − (1 − λ)·max similarity to the picks so far`. λ = 1 keeps the original order;
 * λ = 0 ignores the scores. Range [0, 1]; default 0.7 (relevance still dominates, so a
 * clearly better candidate is not pushed down for a marginally more diverse one).
 */
export const DEFAULT_MMR_LAMBDA = 0.7;

/**
 * Share of the default MMR similarity given to "same group" (the same institution or
 * instrument): similarity = (1 − g)·cosine(features) + g·[same group]. Two candidates of one
 * group are therefore at least this similar even when their factor profiles differ. Range
 * [0, 1]; default 0.5.
 */
export const DEFAULT_MMR_GROUP_WEIGHT = 0.5;

/**
 * Whether `exposureQuotaReranker` fills the places freed by over-quota candidates with the
 * next candidates from lower ranks (`true`), or leaves the list shorter (`false`). Default
 * `true`: a user asking for 10 results gets 10 when 10 respect the quota.
 */
export const DEFAULT_QUOTA_BACKFILL = true;
