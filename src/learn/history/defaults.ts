/**
 * Every constant of the outcome-learned factors (target profile, volume prior, repeat
 * partner), in one place. Ranges and effects are documented on each; the fitted values
 * (smoothing strength, half-life, feature weights) are chosen by validation on the training
 * interactions in `prepare` from the candidates listed here.
 *
 * @module
 */
import type { InteractionKind } from '../../model/enums.js';

/**
 * How much one interaction of each kind says that the target financed the subject. A pair's
 * evidence is its strongest interaction (an enterprise that viewed, applied and was funded
 * counts once, as funded). `declined` is negative evidence: the target saw the subject and
 * said no; it is subtracted from the target's counts (never below zero).
 */
export const OUTCOME_WEIGHTS: Readonly<Record<InteractionKind, number>> = Object.freeze({
  funded: 1,
  approved: 1,
  applied: 0.3,
  viewed: 0.05,
  declined: -0.5,
});

/** Outcome weight from which a pair counts as financed (funded, approved) in explanations. */
export const FINANCED_WEIGHT = 1;

/**
 * How much a target's declines count against subjects like those it declined, relative to
 * its financings: the profile lift subtracts this times log(P_declined / P_financed) per
 * feature value. Matches the weight of a decline against a funding in {@link OUTCOME_WEIGHTS}.
 */
export const DECLINE_LIFT_WEIGHT = 0.5;

/**
 * Half-lives tried for the time decay of evidence, in days (`Infinity` = no decay). A pair
 * `d` days before `asOf` weighs `2^(−d / halfLife)`. The one with the best validation
 * likelihood is used (separately for the repeat-partner signal). No shorter candidate: on the
 * real held-out benchmarks (`bench/real-data/holdout.mjs`) a one-year half-life won the
 * latest-period validation and the temporal split but lost to naive Bayes on the random split
 * (Crunchbase 2013, new companies: nDCG@10 0.156 against 0.162), while four years or no decay
 * beat it under both protocols.
 */
export const HALF_LIFE_CANDIDATES_DAYS: readonly number[] = Object.freeze([
  Number.POSITIVE_INFINITY,
  1461,
]);

/**
 * Smoothing strengths tried (Dirichlet pseudo-counts toward the parent distribution, at
 * every level of a feature's hierarchy and of the target hierarchy target → institution →
 * product type → everyone). Larger = closer to the parent.
 */
export const SMOOTHING_CANDIDATES: readonly number[] = Object.freeze([0.5, 2, 8]);

/** Used when there is too little history to validate: the middle candidates. */
export const DEFAULT_SMOOTHING = 2;
/** See {@link DEFAULT_SMOOTHING}. */
export const DEFAULT_HALF_LIFE_DAYS = 1461;

/**
 * Share of the training pairs (the latest by date) held out to choose the smoothing, the
 * half-life and the feature weights. The final tables are then counted on every pair.
 */
export const VALIDATION_SHARE = 0.2;
/** Fewer held-out pairs than this: no validation, defaults and unit weights are used. */
export const MIN_VALIDATION_PAIRS = 30;
/** At most this many held-out pairs are used to fit weights (deterministic subsample). */
export const MAX_VALIDATION_PAIRS = 2000;
/**
 * Negatives sampled per held-out pair for the sampled-softmax weight fit (every target when
 * the catalogue is smaller).
 */
export const VALIDATION_NEGATIVES = 31;
/** Gradient steps (Adam) of the weight fit, its step size and the L2 pull toward weight 1. */
export const WEIGHT_FIT_STEPS = 100;
/** See {@link WEIGHT_FIT_STEPS}. */
export const WEIGHT_FIT_LEARNING_RATE = 0.05;
/** See {@link WEIGHT_FIT_STEPS}. */
export const WEIGHT_FIT_L2 = 0.01;
/** Largest fitted weight of one signal (keeps a degenerate validation set from exploding). */
export const MAX_SIGNAL_WEIGHT = 4;

/**
 * Half the span, in nats, of the linear map from a learned log-quantity to a factor value:
 * value = clamp(0.5 + z / (2·span), 0, 1). 0.5 is "as typical as the average target"; each
 * nat (a factor e of evidence) adds 1/(2·span). All three learned factors use this one map, so
 * in a weighted sum with equal weights their contributions add like their log-quantities.
 */
export const LEARNED_SPAN_NATS = 12;

/** Pseudo-volume added to every target's decayed positive volume before the log (prior). */
export const VOLUME_PSEUDO_COUNT = 0.5;

/** Explanations name at most this many feature values that moved the target profile. */
export const EXPLAIN_TOP_FEATURES = 3;

/**
 * Penalty of a failing soft rule, in nats, when there is no history to learn it from (a pair
 * failing it is treated as e³ ≈ 20 times less likely to be financed).
 */
export const DEFAULT_SOFT_RULE_PENALTY_NATS = 3;
/**
 * Largest learned soft-rule penalty, in nats (e⁴ ≈ 55×). Declared ranges are often derived
 * from the very deals they are learned on, where no financed pair fails them; the cap keeps a
 * soft rule soft.
 */
export const MAX_SOFT_RULE_PENALTY_NATS = 4;
/** Random subject–target pairs drawn to measure how often a soft rule fails in general. */
export const SOFT_RULE_BASELINE_SAMPLE = 2000;
