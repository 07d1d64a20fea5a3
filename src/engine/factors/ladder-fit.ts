/**
 * Fit of a position on an ordered ladder (stage, round) against the positions a target lists.
 *
 * @module
 */
import { LADDER_BREADTH_PENALTY, LADDER_DISTANCE_DECAY, UNTARGETED_FIT } from '../defaults.js';
import { nonNegative, unitInterval, type OptionChecks } from '../rules/options.js';

/** Options of {@link ladderFit}. */
export interface LadderFitOptions {
  /** Value for an empty list (the target accepts every position). Default {@link UNTARGETED_FIT}. */
  untargeted?: number;
  /** Loss as the list widens from one position to the whole ladder. Default {@link LADDER_BREADTH_PENALTY}. */
  breadthPenalty?: number;
  /** Loss per step away from the nearest listed position. Default {@link LADDER_DISTANCE_DECAY}. */
  distanceDecay?: number;
}

/**
 * Validators of {@link LadderFitOptions}: `untargeted` and `breadthPenalty` in [0, 1],
 * `distanceDecay` ≥ 0 (so the fit stays in [0, 1]).
 */
export const LADDER_FIT_OPTION_CHECKS: OptionChecks = Object.freeze({
  untargeted: unitInterval,
  breadthPenalty: unitInterval,
  distanceDecay: nonNegative,
});

/**
 * Listed: 1 − breadthPenalty·(n − 1)/(L − 1) for a list of n of the ladder's L positions (a
 * one-position list scores 1). Not listed: that value times max(0, 1 − d·distanceDecay), d the
 * steps to the nearest listed position. Empty list: `untargeted`. In [0, 1].
 */
export function ladderFit(
  position: number,
  listed: readonly number[],
  ladderLength: number,
  options: LadderFitOptions = {},
): number {
  const untargeted = options.untargeted ?? UNTARGETED_FIT;
  const breadth = options.breadthPenalty ?? LADDER_BREADTH_PENALTY;
  const decay = options.distanceDecay ?? LADDER_DISTANCE_DECAY;
  if (listed.length === 0) return untargeted;
  const n = new Set(listed).size;
  const base = 1 - (breadth * (n - 1)) / Math.max(1, ladderLength - 1);
  let distance = Infinity;
  for (const p of listed) distance = Math.min(distance, Math.abs(p - position));
  return base * Math.max(0, 1 - distance * decay);
}
