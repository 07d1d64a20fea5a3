/**
 * Fast-path planning: decides whether a profile can run columnar (every rule and factor
 * declares a `key`, a `kernel` or `vectors` hook; the strategy is reproducible or is called per
 * candidate) and lists the distinct keys and numeric columns the subjects must be encoded on.
 *
 * @module
 */
import { assertProfile } from '../engine/profile-shape.js';
import type { Locale } from '../i18n/locale.js';
import type {
  EligibilityRule,
  PartPlan,
  ProfilePlan,
  Factor,
  FactorScore,
  FactorSide,
  KeyEnv,
  MarketReference,
  NumericKernel,
  Profile,
  StrategyKernel,
  SubjectKey,
  SubjectVector,
  VectorHook,
} from '../engine/types.js';
import { combinesByKernel, kernelOutput } from '../engine/strategies/define.js';
import { namedRecords } from '../util/named-records.js';
import type { RankedCandidate } from './reference.js';

/** How one rule runs on the fast path. */
export type RulePlan<S, T> =
  | { kind: 'key'; rule: EligibilityRule<S, T>; key: number }
  | { kind: 'kernel'; rule: EligibilityRule<S, T>; column: number; kernel: NumericKernel<S, T> };

/** How one factor runs on the fast path. */
export type FactorPlan<S, T> =
  | { kind: 'key'; factor: Factor<S, T>; key: number }
  | { kind: 'kernel'; factor: Factor<S, T>; column: number; kernel: NumericKernel<S, T> }
  | { kind: 'vector'; factor: Factor<S, T>; vector: number; hook: VectorHook<S, T, SubjectVector> };

/** The evaluation setting of a plan: date, locale and reference data. */
export interface FastEnv extends KeyEnv {
  locale: Locale;
  reference: MarketReference;
}

export type { PartPlan, ProfilePlan };

/** A profile compiled for the columnar path. */
export interface FastPlan<S, T> {
  profile: Profile<S, T>;
  env: FastEnv;
  /** Distinct subject keys, in first-use order. */
  keys: SubjectKey<S>[];
  /** Distinct numeric columns, in first-use order. */
  columns: { name: string; column: (subject: S, env: KeyEnv) => number }[];
  /** Distinct vector hooks, in first-use order. */
  vectors: VectorHook<S, T, SubjectVector>[];
  rules: RulePlan<S, T>[];
  factors: FactorPlan<S, T>[];
  /** The weights the strategy's kernel is given (`kernel.weights` of the profile's). */
  weights: Float64Array;
  /** Per factor: 0 subject, 1 target, 2 both. */
  sides: Uint8Array;
  sideNames: FactorSide[];
  factorNames: string[];
  /**
   * The strategy's kernel bound to the profile's factors, run in the columnar loop; null for a
   * strategy without one (custom `combine` only): it is then called per candidate.
   */
  strategy: StrategyKernel | null;
}

/**
 * Plans `profile` for the fast path, or returns null when some rule or factor has no
 * fast-path hook (the caller then uses the reference path).
 */
export function planProfile<S, T>(profile: Profile<S, T>, env: FastEnv): FastPlan<S, T> | null {
  const keys: SubjectKey<S>[] = [];
  const columns: FastPlan<S, T>['columns'] = [];
  const vectors: VectorHook<S, T, SubjectVector>[] = [];
  const keyIndex = (k: SubjectKey<S>) => {
    let i = keys.indexOf(k);
    if (i < 0) i = keys.push(k) - 1;
    return i;
  };
  const columnIndex = (kernel: NumericKernel<S, T>) => {
    let i = columns.findIndex((c) => c.name === kernel.columnName);
    if (i < 0) i = columns.push({ name: kernel.columnName, column: kernel.column }) - 1;
    return i;
  };
  const rules: RulePlan<S, T>[] = [];
  for (const rule of profile.rules) {
    if (rule.key) rules.push({ kind: 'key', rule, key: keyIndex(rule.key) });
    else if (rule.kernel)
      rules.push({ kind: 'kernel', rule, column: columnIndex(rule.kernel), kernel: rule.kernel });
    else return null;
  }
  const factors: FactorPlan<S, T>[] = [];
  for (const { factor } of profile.factors) {
    if (factor.key) factors.push({ kind: 'key', factor, key: keyIndex(factor.key) });
    else if (factor.kernel)
      factors.push({
        kind: 'kernel',
        factor,
        column: columnIndex(factor.kernel),
        kernel: factor.kernel,
      });
    else if (factor.vectors) {
      const v = vectors.indexOf(factor.vectors);
      factors.push({
        kind: 'vector',
        factor,
        vector: v >= 0 ? v : vectors.push(factor.vectors) - 1,
        hook: factor.vectors,
      });
    } else return null;
  }
  const sideNames = profile.factors.map((f) => f.factor.side ?? 'both');
  const factorNames = profile.factors.map((f) => f.factor.name);
  const nominal = Float64Array.from(profile.factors, (f) => f.weight);
  const strategy = profile.strategy.compile?.(factorNames) ?? null;
  return {
    profile,
    env,
    keys,
    columns,
    vectors,
    rules,
    factors,
    weights: strategy ? strategy.weights(nominal) : nominal,
    sides: Uint8Array.from(sideNames, (s) => (s === 'subject' ? 0 : s === 'target' ? 1 : 2)),
    sideNames,
    factorNames,
    strategy,
  };
}

/**
 * Which parts of `profile` run columnar and which force the reference path, by name: the
 * same decision {@link planProfile} takes, as data. Pass a prepared profile (factors such as
 * text or learned ones gain their hook when prepared).
 *
 * @throws {@link ProfileError} when `profile` is not a profile.
 */
export function explainPlan<S, T>(profile: Profile<S, T>): ProfilePlan {
  assertProfile(profile, 'explainPlan');
  const parts: PartPlan[] = [];
  const forcedBy: string[] = [];
  for (const rule of profile.rules) {
    const runs = rule.key ? 'key' : rule.kernel ? 'kernel' : 'reference';
    if (runs === 'reference') forcedBy.push(`rule "${rule.name}"`);
    parts.push({ part: 'rule', name: rule.name, runs });
  }
  for (const { factor } of profile.factors) {
    const runs = factor.key
      ? 'key'
      : factor.kernel
        ? 'kernel'
        : factor.vectors
          ? 'vectors'
          : 'reference';
    if (runs === 'reference') forcedBy.push(`factor "${factor.name}"`);
    parts.push({ part: 'factor', name: factor.name, runs });
  }
  parts.push({
    part: 'strategy',
    name: profile.strategy.name,
    runs: profile.strategy.compile ? 'kernel' : 'perCandidate',
  });
  for (const r of profile.rerankers)
    parts.push({ part: 'reranker', name: r.name, runs: 'topOfList' });
  return { path: forcedBy.length === 0 ? 'columnar' : 'reference', forcedBy, parts };
}

/**
 * Whether candidates are ordered by the kernel's score alone (a kernel without a sort key):
 * the columnar loops then keep a bounded heap of scores.
 */
export function scoresAlone<S, T>(plan: FastPlan<S, T>): boolean {
  return plan.strategy !== null && plan.strategy.sortKeyLength === 0;
}

/**
 * Score and sort key of one candidate for strategies the heap cannot order by score alone:
 * the kernel with an output for tiered strategies, else the custom strategy's `combine`.
 */
export function scoreWithSortKey<S, T>(
  plan: FastPlan<S, T>,
  values: Float64Array,
): { score: number; sortKey?: readonly number[] } {
  const kernel = plan.strategy;
  if (kernel) {
    const out = kernelOutput(values.length, kernel.sortKeyLength);
    const score = kernel.score(values, plan.weights, plan.sides, out);
    return kernel.sortKeyLength > 0 ? { score, sortKey: Array.from(out.sortKey) } : { score };
  }
  const c = plan.profile.strategy.combine({ factors: factorScoresOf(plan, values) });
  return c.sortKey ? { score: c.score, sortKey: c.sortKey } : { score: c.score };
}

/**
 * Writer of a ranking's results straight from the plan's strategy kernel: given a candidate's
 * factor values (NaN = abstained), the result {@link finishRanking} writes for the pair
 * `combine` scored — the factor record, then the score and contributions from the kernel's
 * per-pair form (the arithmetic `combine` runs, on the weights the plan gives the kernel), the
 * records from generated literals ({@link namedRecords}), keys in the same order — with no
 * object per factor.
 */
export interface KernelResults {
  /**
   * Whether the profile's factors still have the names and sides the plan took: a factor
   * object renamed (or given another side) since is followed by `combine`, not by the plan,
   * so its rankings are written the per-factor way.
   */
  current(): boolean;
  write(id: string, rank: number, values: Float64Array): RankedCandidate;
}

/**
 * The {@link KernelResults} of `plan`, or null unless its strategy kernel orders by score
 * alone, the strategy's `combine` is that kernel's ({@link combinesByKernel}) and the profile
 * has no re-rankers. The catalogue's `rankMatches` and the prospect's results are written by
 * it (not with rule results, which come from the reference scoring).
 */
export function kernelResults<S, T>(plan: FastPlan<S, T>): KernelResults | null {
  const kernel = plan.strategy;
  if (
    !kernel ||
    !scoresAlone(plan) ||
    !combinesByKernel(plan.profile.strategy) ||
    plan.profile.rerankers.length > 0
  )
    return null;
  const { weights, sides, factorNames, sideNames } = plan;
  const parts = plan.profile.factors;
  const out = kernelOutput(plan.factors.length, 0);
  const records = namedRecords(factorNames);
  return {
    current() {
      for (let f = 0; f < parts.length; f++) {
        const { factor } = parts[f]!;
        if (factor.name !== factorNames[f] || (factor.side ?? 'both') !== sideNames[f])
          return false;
      }
      return true;
    },
    write(id, rank, values) {
      // The factor record first: a kernel may write to the values it is given.
      const factors = records.factors(values);
      const score = kernel.score(values, weights, sides, out);
      const contributions = records.contributions(out.contributions);
      // Keys in this order: id, score, rank, contributions, factors, sides (as finishRanking).
      return kernel.twoSided
        ? {
            id,
            score,
            rank,
            contributions,
            factors,
            sides: { subject: out.sides[0]!, target: out.sides[1]! },
          }
        : { id, score, rank, contributions, factors };
    },
  };
}

/** The factor scores a strategy sees, from columnar values (NaN = abstained). */
export function factorScoresOf<S, T>(plan: FastPlan<S, T>, values: Float64Array): FactorScore[] {
  const out: FactorScore[] = [];
  for (let i = 0; i < plan.factorNames.length; i++) {
    const v = values[i]!;
    out.push({
      name: plan.factorNames[i]!,
      value: v === v ? v : null,
      weight: plan.weights[i]!,
      side: plan.sideNames[i]!,
    });
  }
  return out;
}

/**
 * Float64 dot product of a subject vector and a Float32 target vector, i = 0..n−1 (the order
 * `VectorHook` documents); for a sparse subject vector, over its nonzero components in
 * ascending index order — the same additions, since the dense loop's other terms are zeros.
 */
export function dot32(a: SubjectVector, b: Float32Array): number {
  let s = 0;
  if (a instanceof Float32Array) {
    for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
    return s;
  }
  const { indices, values } = a;
  for (let k = 0; k < indices.length; k++) s += values[k]! * b[indices[k]!]!;
  return s;
}
