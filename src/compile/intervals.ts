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

/**
 * The interval every eligible subject's value on number column `column` lies in: the
 * intersection of the intervals (`intervals`, per rule) of the kernel rules on that column, or
 * null when none of them has one. A candidate of a scan has passed every rule, so its value
 * is in it; a coded kernel factor on the column then need not be computed for the column's
 * other values (`KernelMemo.fill`).
 */
export function columnInterval(
  rules: readonly { kind: string; column?: number }[],
  intervals: readonly (readonly [number, number] | null)[],
  column: number,
): readonly [number, number] | null {
  let lo = -Infinity;
  let hi = Infinity;
  let found = false;
  for (let j = 0; j < rules.length; j++) {
    const r = rules[j]!;
    const interval = intervals[j];
    if (r.kind !== 'kernel' || r.column !== column || !interval) continue;
    found = true;
    lo = Math.max(lo, interval[0]);
    hi = Math.min(hi, interval[1]);
  }
  return found ? [lo, hi] : null;
}
