/**
 * Re-rankers: second-phase passes over the top of a ranked list. They change ranks only, never
 * scores, and never add a candidate.
 *
 * - {@link mmrReranker}: maximal-marginal-relevance diversity.
 * - {@link exposureQuotaReranker}: at most n per institution in the top k.
 *
 * @module
 */
export {
  mmrReranker,
  defaultCandidateSimilarity,
  groupedCosineSimilarity,
  type CandidateSimilarity,
  type MmrOptions,
} from './mmr.js';
export { exposureQuotaReranker, type ExposureQuotaOptions } from './exposure-quota.js';
export {
  DEFAULT_MMR_LAMBDA,
  DEFAULT_MMR_GROUP_WEIGHT,
  DEFAULT_QUOTA_BACKFILL,
} from './defaults.js';
