/**
 * The collaborative signal: interactions → implicit feedback → a model (ALS or item–item
 * co-occurrence) → the `collaborative` factor.
 *
 * @module
 */
export {
  DEFAULT_FEEDBACK_WEIGHTS,
  DEFAULT_HALF_LIFE_DAYS,
  DEFAULT_ALS_OPTIONS,
  DEFAULT_COOCCURRENCE_OPTIONS,
  ALS_FOLD_IN_TOLERANCE,
} from './defaults.js';
export {
  createFeedbackStore,
  validateInteractions,
  sortInteractions,
  type FeedbackOptions,
  type FeedbackStore,
  type PairFeedback,
  type ValidatedInteractions,
  type ValidateInteractionsOptions,
} from './feedback.js';
export { fitAls, type AlsOptions, type AlsModel, type FitAlsContext } from './als.js';
export {
  fitCooccurrence,
  type CooccurrenceOptions,
  type CooccurrenceModel,
  type FitCooccurrenceContext,
} from './cooccurrence.js';
export {
  collaborativeFactor,
  DEFAULT_COLLABORATIVE_METHOD,
  type CollaborativeFactorOptions,
  type CollaborativeFactor,
} from './factor.js';
export type {
  CollaborativeMethod,
  CollaborativeModel,
  ScoreNormalization,
  RecommendedItem,
  RecommendOptions,
  UpdateReport,
} from './types.js';
