/**
 * The interval form of rule kernels ({@link NumericKernel.interval}): a kernel rule that passes
 * exactly the values of a closed interval is tested by comparing the column's values with its
 * ends, inline, on both fast paths (prospecting and catalogue ranking).
 *
 * @module
 */
import type { KeyEnv, NumericKernel } from '../engine/types.js';

/**
 * `kernel`'s interval for `target` when it declares one that is an array of two numbers with
 * `min ≤ max` (neither NaN), else null: the compiled function is called instead.
 */
export function ruleInterval<S, T>(
  kernel: NumericKernel<S, T>,
  target: T,
  env: KeyEnv,
): readonly [number, number] | null {
  if (typeof kernel.interval !== 'function') return null;
  const interval: unknown = kernel.interval(target, env);
  if (!Array.isArray(interval) || interval.length !== 2) return null;
  const [min, max] = interval as unknown[];
  return typeof min === 'number' && typeof max === 'number' && min <= max ? [min, max] : null;
}
