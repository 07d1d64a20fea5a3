/**
 * Tunables of the weight tuner. One place, each documented.
 *
 * @module
 */
export const TUNE_DEFAULTS = Object.freeze({
  /** Search method. Coordinate ascent scales to many factors; grid is exhaustive but exponential. */
  method: 'coordinate' as 'grid' | 'random' | 'coordinate',
  /** Cross-validation folds over queries (the CV estimate is reported beside the final fit). */
  folds: 3,
  /** Random-search trials. */
  trials: 40,
  /** Coordinate ascent: candidate values tried for each weight, as multiples of its current value, plus 0. */
  multipliers: [0, 0.25, 0.5, 2, 4] as readonly number[],
  /** Coordinate ascent: at most this many passes over all weights. */
  rounds: 4,
  /** Grid: candidate values per weight (absolute). */
  grid: [0, 0.5, 1, 2] as readonly number[],
  /** Random search: weights drawn log-uniformly from [min, max] (and 0 with probability `zeroProbability`). */
  randomRange: [0.05, 5] as readonly [number, number],
  zeroProbability: 0.15,
  /** An improvement smaller than this does not count (avoids chasing float noise). */
  minImprovement: 1e-9,
  seed: 1,
});
