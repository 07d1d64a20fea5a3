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
 * `reference`). The bound kernel is kept per target object (and evaluation date and reference
 * data), so scoring many pairs of one target binds it once — the same function either way.
 */
export function scoreThroughKernel<S, T>(
  kernel: NumericKernel<S, T>,
): (ctx: PairContext<S, T>) => FactorValue {
  const bound = new WeakMap<
    object,
    { asOf: string; reference: object; fn: (x: number) => number }
  >();
  return (ctx) => {
    const target = ctx.target as unknown as object;
    let entry = bound.get(target);
    if (!entry || entry.asOf !== ctx.asOf || entry.reference !== ctx.reference) {
      entry = { asOf: ctx.asOf, reference: ctx.reference, fn: kernel.compile(ctx.target, ctx) };
      if (target !== null && typeof target === 'object') bound.set(target, entry);
    }
    return entry.fn(kernel.column(ctx.subject, ctx));
  };
}
