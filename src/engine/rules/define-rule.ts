/**
 * One factory for every shipped rule: the rule's predicate is written once (`test`), and
 * `check` is built from it — `test` decides pass or fail, the rule's description of the pair
 * only supplies what explanations show (what the subject has, what is required, and on failure
 * the message, hint and change). So `check(ctx).passed === test(ctx)` holds by construction.
 * A rule that only applies when the target requires something (`notApplicable`) reports the
 * other pairs as not applicable, never as a pass.
 *
 * @module
 */
import type { LocalizedText } from '../../i18n/locale.js';
import type {
  EligibilityRule,
  ExclusionReason,
  NumericKernel,
  PairContext,
  PartSpec,
  SubjectKey,
} from '../types.js';
import { fail, notApplicable, pass, type ChangeSpec } from './outcome.js';

/**
 * The message, hint and change of a failing pair, in both locales (as {@link fail} takes
 * them). The hint says what would make this pair pass; the change names the same remedy
 * without pair-specific numbers, so near misses can be counted by it.
 */
export interface FailureText {
  message: LocalizedText;
  hint: LocalizedText;
  /** Omitted when the subject cannot change what failed (its region, its sector). */
  change?: ChangeSpec;
}

/** What a rule shows about one pair. */
export interface PairDescription {
  /** What the subject has; omitted on a pass that checked nothing (`null` on a failure). */
  actual?: ExclusionReason['actual'];
  /** What the target requires; omitted on a pass that checked nothing (`null` on a failure). */
  required?: ExclusionReason['required'];
  /** The message and hint; called only when the pair fails. */
  failure(): FailureText;
}

/** What {@link defineRule} is given. */
export interface RuleDefinition<S, T> {
  /** The rule's name (also its default, and its registry kind for shipped rules). */
  name: string;
  label?: LocalizedText;
  description: LocalizedText;
  /** The rule's predicate: the only place pass or fail is decided. */
  test(ctx: PairContext<S, T>): boolean;
  /**
   * For a rule that only applies when the target requires something: why it does not apply to
   * this pair (without the "not applicable" prefix, e.g. "the product is not a renewal
   * product"), or `undefined` when it applies. Decided from the pair alone; `test` must be
   * true whenever it gives a reason (a rule that does not apply never excludes).
   */
  notApplicable?(ctx: PairContext<S, T>): LocalizedText | undefined;
  /**
   * Describes the pair for explanations, given the verdict of `test`; never decides it. Must
   * not throw on valid records.
   */
  describe(ctx: PairContext<S, T>, passed: boolean): PairDescription;
  /** Fast-path hook: see {@link SubjectKey}. */
  key?: SubjectKey<S>;
  /** Fast-path hook: see {@link NumericKernel}; then `test` should be {@link testThroughKernel}. */
  kernel?: NumericKernel<S, T>;
  /** Fast-path hook: the target's fields `test` reads, see {@link EligibilityRule.targetFields}. */
  targetFields?: readonly string[];
  /** How to rebuild the rule from data. */
  spec?: PartSpec;
}

/** The rule whose `check` is built from `test` and `describe`. */
export function defineRule<S, T>(definition: RuleDefinition<S, T>): EligibilityRule<S, T> {
  const {
    name,
    test,
    describe,
    key,
    kernel,
    targetFields,
    spec,
    label,
    notApplicable: reasonNotApplicable,
  } = definition;
  return {
    name,
    ...(label !== undefined ? { label } : {}),
    description: definition.description,
    ...(key !== undefined ? { key } : {}),
    ...(kernel !== undefined ? { kernel } : {}),
    ...(targetFields !== undefined ? { targetFields: Object.freeze([...targetFields]) } : {}),
    test,
    check(ctx: PairContext<S, T>) {
      const passed = test(ctx);
      if (passed && reasonNotApplicable !== undefined) {
        const why = reasonNotApplicable(ctx);
        if (why !== undefined) return notApplicable(why, ctx.locale);
      }
      const d = describe(ctx, passed);
      if (passed) return pass(d.actual, d.required);
      return fail(name, ctx.locale, {
        actual: d.actual ?? null,
        required: d.required ?? null,
        ...d.failure(),
      });
    },
    ...(spec !== undefined ? { spec } : {}),
  };
}

/**
 * The compiled function of a rule kernel for a target the rule does not constrain: 1 for every
 * number, NaN included. A {@link NumericKernel}'s `compile` may return this very function (for
 * example when the product sets no revenue minimum); the columnar fast path then skips the
 * rule for that target instead of testing every candidate with it. Returning any other
 * function that is 1 everywhere is also correct, only not recognised.
 */
export const everyValuePasses: (x: number) => number = Object.freeze(() => 1);

/**
 * The predicate of a rule on one continuous quantity, as its kernel computes it: the kernel
 * bound to the pair's target, applied to the pair's subject column, equal to 1. So the
 * columnar fast path and `test` run the same arithmetic.
 */
export function testThroughKernel<S, T>(
  kernel: NumericKernel<S, T>,
): (ctx: PairContext<S, T>) => boolean {
  return (ctx) => kernel.compile(ctx.target, ctx)(kernel.column(ctx.subject, ctx)) === 1;
}
