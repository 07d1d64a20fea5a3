/**
 * Tunables of the learned strategy's trainer. One place, each documented.
 *
 * @module
 */
export const LEARN_DEFAULTS = Object.freeze({
  /** Pointwise (logistic on labels) or pairwise (logistic on score differences, RankNet-style). */
  mode: 'pairwise' as 'pointwise' | 'pairwise',
  /** L2 penalty on the weights (ridge); keeps the Newton system well conditioned. */
  l2: 1e-2,
  /** Newton (IRLS) iterations; the log-loss converges in a handful on these small feature sets. */
  iterations: 25,
  /** Stop when the log-loss improves by less than this between iterations. */
  tolerance: 1e-9,
  /** At most this many pairs per query in pairwise mode (sampled with the seed). */
  maxPairsPerQuery: 200,
  /** Seed for pair sampling. */
  seed: 1,
});
