/**
 * Fit of a positive quantity (amount, term, ticket) against a target's [min, max] range, in
 * log space: amounts spread over orders of magnitude, so 100万 in a 10万–1000万 range sits at
 * the centre.
 *
 * @module
 */
import type { Range } from '../../model/types.js';
import { RANGE_EDGE_FIT, RANGE_OUTSIDE_DECADES } from '../defaults.js';
import { positive, unitInterval, type OptionChecks } from '../rules/options.js';

/** Shape of {@link logRangeFit}. */
export interface RangeFitOptions {
  /** Value at either edge of the range, in [0, 1]. Default {@link RANGE_EDGE_FIT}. */
  edgeFit?: number;
  /** Decades (log₁₀ units) beyond an edge per e-fold decay. Default {@link RANGE_OUTSIDE_DECADES}. */
  outsideDecades?: number;
}

/** Validators of {@link RangeFitOptions}: `edgeFit` in [0, 1], `outsideDecades` > 0. */
export const RANGE_FIT_OPTION_CHECKS: OptionChecks = Object.freeze({
  edgeFit: unitInterval,
  outsideDecades: positive,
});

/**
 * 1 at the log-space centre of `range`, falling linearly to `edgeFit` at either edge and
 * decaying exponentially outside. A degenerate range (`min = max`) scores 1 at its value.
 * Always in [0, 1]; for fixed `range`, non-increasing in the distance from the centre.
 * The same function as {@link compileLogRangeFit} (one implementation), applied once.
 */
export function logRangeFit(value: number, range: Range, options: RangeFitOptions = {}): number {
  return compileLogRangeFit(range, options)(value);
}

/**
 * {@link logRangeFit} with `range` and `options` fixed: the range's logarithms and centre are
 * computed once, for numeric kernels that call it once per candidate. The implementation of
 * the log-range fit: `logRangeFit` calls it.
 */
export function compileLogRangeFit(
  range: Range,
  options: RangeFitOptions = {},
): (value: number) => number {
  const edge = options.edgeFit ?? RANGE_EDGE_FIT;
  const decades = options.outsideDecades ?? RANGE_OUTSIDE_DECADES;
  const lo = Math.log10(range.min);
  const hi = Math.log10(range.max);
  const outside = range.min === range.max ? 1 : edge;
  const centre = (lo + hi) / 2;
  const half = (hi - lo) / 2;
  return (value: number): number => {
    const x = Math.log10(value);
    if (x < lo || x > hi) {
      const beyond = x < lo ? lo - x : x - hi;
      return outside * Math.exp(-beyond / decades);
    }
    if (hi === lo) return 1;
    const offset = Math.abs(x - centre) / half;
    return 1 - (1 - edge) * Math.min(1, offset);
  };
}
