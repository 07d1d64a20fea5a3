/**
 * Tunables of the assignment algorithms, in one place.
 *
 * @module
 */

/**
 * Tolerance of `optimalAssignment` on path costs: an augmenting path is taken only when it
 * raises the total score by more than this, so float noise never adds a pair that does not
 * help and a pair of score 0 is never added. Scores are in [0, 1] and totals stay below the
 * number of pairs, so 1e-12 is far above the rounding error and far below any real
 * difference. Range (0, 1e-6]; default 1e-12.
 */
export const ASSIGNMENT_SCORE_EPSILON = 1e-12;
