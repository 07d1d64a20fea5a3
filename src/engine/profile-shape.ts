/**
 * The one check that a value is shaped like a {@link Profile}, for public functions that take
 * a built profile (`profileToSpec`, `explainPlan`): a typed error instead of a TypeError.
 *
 * @module
 */
import { ProfileError } from '../errors.js';
import { describeValue } from '../util/describe.js';
import type { Profile } from './types.js';

/**
 * Throws a {@link ProfileError} naming `where` unless `value` has the rules, factors,
 * re-rankers and strategy of a profile.
 */
export function assertProfile<S, T>(value: Profile<S, T>, where: string): void {
  if (
    value === null ||
    typeof value !== 'object' ||
    !Array.isArray(value.rules) ||
    !Array.isArray(value.factors) ||
    !Array.isArray(value.rerankers) ||
    value.strategy === null ||
    typeof value.strategy !== 'object'
  )
    throw new ProfileError(
      `${where} needs a profile (rules, factors, strategy, rerankers), received ${describeValue(value)}`,
    );
}
