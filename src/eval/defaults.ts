/**
 * Every default of `finmatch/eval` in one place, each with its source and range.
 *
 * @module
 */

/**
 * Smallest judgment that counts as relevant, as trec_eval's `-l` option (default 1 there
 * too). Judgments below it (0, negative) and unjudged documents are non-relevant.
 * Range: integers ≥ 0.
 */
export const DEFAULT_RELEVANCE_LEVEL = 1;

/**
 * Documents per query kept after sorting, as trec_eval's `-M` option. trec_eval 9 has no
 * limit by default, and neither do we. Range: integers ≥ 1, or `Infinity`.
 */
export const DEFAULT_MAX_DOCS_PER_QUERY = Number.POSITIVE_INFINITY;

/** Metrics computed when none are requested: the usual trec_eval summary plus hit@10. */
export const DEFAULT_METRICS: readonly string[] = [
  'ndcg@10',
  'map',
  'mrr',
  'recall@10',
  'p@10',
  'hit@10',
];

/** Significance level below which `compareRuns` calls a difference significant. Range (0, 1). */
export const DEFAULT_ALPHA = 0.05;

/**
 * Random sign flips drawn by the paired randomisation test. With 10,000 trials the Monte
 * Carlo standard error of a p-value near 0.05 is about 0.002 (√(p(1−p)/n)), small enough
 * to decide at α = 0.05 in all but borderline cases. Range: integers ≥ 1.
 */
export const DEFAULT_RANDOMISATION_TRIALS = 10_000;

/** Seed of the randomisation test, the random baseline and k-fold splits when none is given. */
export const DEFAULT_SEED = 20_240_601;

/** Folds of {@link kFoldSplit} when none is given. Range: integers ≥ 2. */
export const DEFAULT_FOLDS = 5;

/** Cut-offs drawn on the report's metric@k curves when a run gives no `ks`. */
export const DEFAULT_REPORT_CUTOFFS: readonly number[] = [1, 3, 5, 10, 20];

/**
 * Relative tolerance when the randomisation test compares a permuted statistic with the
 * observed one, so that sums computed in a different order still count as "as extreme".
 */
export const RANDOMISATION_TOLERANCE = 1e-12;

/**
 * Convergence threshold and iteration cap of the incomplete beta continued fraction
 * (Lentz's method, as in Numerical Recipes §6.4). 1e-15 is near double precision.
 */
export const INCOMPLETE_BETA_EPSILON = 1e-15;
/** See {@link INCOMPLETE_BETA_EPSILON}. */
export const INCOMPLETE_BETA_MAX_ITERATIONS = 1_000;

/**
 * Leave-one-out: subjects with fewer interactions than this keep all of them in training,
 * since hiding the only interaction leaves nothing to learn from. Range: integers ≥ 1.
 */
export const DEFAULT_LOO_MIN_INTERACTIONS = 2;

/**
 * Share of queries held out by a hash split ({@link splitQueries} with `by: 'hash'`) when
 * none is given: the benchmark scores every row on these and fits tuned weights and learned
 * models on the rest; `finmatch tune` reports its held-out score on them. 30% keeps enough
 * held-out queries for paired tests while leaving most to fit a handful of weights.
 * Range (0, 1).
 */
export const DEFAULT_TEST_FRACTION = 0.3;

/**
 * Additive (Laplace) smoothing of the naive-Bayes baseline: the pseudo-count added to every
 * (target, token) count and every target's volume, so unseen tokens and targets keep a
 * non-zero probability. 1 is Laplace's rule of succession. Range: > 0.
 */
export const DEFAULT_NAIVE_BAYES_SMOOTHING = 1;

/**
 * Region granularity of the benchmark's popularity-by-region baseline: the first this many
 * digits of a GB/T 2260 region code, 2 = province (`32` of `320505`): the coarsest level,
 * so that most regions have training history to count. Range: 2, 4 or 6.
 */
export const DEFAULT_BASELINE_REGION_DIGITS = 2;

/**
 * Sector granularity of the benchmark's popularity-by-sector baseline: the first this many
 * characters of a GB/T 4754-2017 code, 3 = section letter and division (`C39` of `C3911`).
 * Range: 1 (section) to 5 (class).
 */
export const DEFAULT_BASELINE_SECTOR_CHARS = 3;

/**
 * Weight of a training interaction in the benchmark's naive-Bayes baseline, by kind: the
 * grades `finmatch tune` gives judgments (funded and approved 2, applied 1); viewed and
 * declined interactions are not financing and count 0.
 */
export const NAIVE_BAYES_INTERACTION_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  funded: 2,
  approved: 2,
  applied: 1,
  viewed: 0,
  declined: 0,
});

/**
 * Default judgment window: interactions from this many calendar months before `--as-of` are
 * the judgments (`finmatch tune --split-date`), the earlier ones the history the profile
 * learns from.
 */
export const DEFAULT_SPLIT_MONTHS = 6;
