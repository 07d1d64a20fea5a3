/**
 * The matching engine: rules, factors, profiles, the pipeline, explanations and matchers.
 *
 * @module
 */
export * from './rules/index.js';
export * from './factors/index.js';
export * from './profiles/index.js';
export * from './matchers/index.js';
export * as engineDefaults from './defaults.js';
export {
  scorePair,
  scoreFactors,
  explainPair,
  usedWeights,
  prepareProfile,
  FactorValueError,
  type PairScore,
  type ScorePairOptions,
  type Identified,
} from './pipeline.js';
export {
  INSTRUMENT_NAMES,
  COLLATERAL_NAMES,
  POLICY_LIST_NAMES,
  INVESTOR_KIND_NAMES,
} from './explain/labels.js';
export { summarize } from './explain/summary.js';
