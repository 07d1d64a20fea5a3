import { OptionError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';

/**
 * Validates a re-ranker's `k`: a non-negative integer or `Infinity` (everything).
 *
 * @throws {@link OptionError} otherwise.
 */
export function checkK(k: unknown): number {
  if (k === Infinity) return Infinity;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 0) {
    throw new OptionError(
      'k',
      `k must be a non-negative integer or Infinity, received ${describeValue(k)}`,
    );
  }
  return k;
}
