/**
 * Ranking strategies: how factor scores combine into one score (and, for tiered strategies, a
 * sort key). One factory per file; a profile holds the strategy object it was given.
 *
 * - {@link weightedSumStrategy}: Σ wᵢ·fᵢ / Σ wᵢ, the default.
 * - {@link reciprocalStrategy}: two-sided fit for project–investor matching.
 * - {@link lexicographicStrategy}: tiers compared in order (policy priority first, fit second).
 *
 * @module
 */
export {
  weightedSumStrategy,
  weightedSumKernel,
  weightedSum,
  type WeightedSumOptions,
} from './weighted-sum.js';
export { defineStrategy, kernelOutput, type StrategyDefinition } from './define.js';
export {
  reciprocalStrategy,
  combineMeans,
  type ReciprocalMean,
  type ReciprocalOptions,
} from './reciprocal.js';
export { lexicographicStrategy, quantise, type LexicographicOptions } from './lexicographic.js';
export { DEFAULT_TIER_RESOLUTION } from './defaults.js';
