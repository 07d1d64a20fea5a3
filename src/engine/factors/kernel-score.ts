/**
 * A factor on one continuous subject quantity is written once, as its numeric kernel; its
 * per-pair `score` is derived from it here, so the columnar fast path and the object-per-pair
 * path run identical arithmetic.
 *
 * @module
 */
import type { FactorValue, NumericKernel, PairContext } from '../types.js';

/**
 * The `score` of a kernel factor: the kernel bound to the pair's target, applied to the pair's
 * subject column (the pair context serves as the key environment: it has `asOf` and
 * `reference`).
 */
export function scoreThroughKernel<S, T>(
  kernel: NumericKernel<S, T>,
): (ctx: PairContext<S, T>) => FactorValue {
  return (ctx) => kernel.compile(ctx.target, ctx)(kernel.column(ctx.subject, ctx));
}
