/**
 * Fast-path planning: decides whether a profile can run columnar (every rule and factor
 * declares a `key`, a `kernel` or `vectors` hook; the strategy is reproducible or is called per
 * candidate) and lists the distinct keys and numeric columns the subjects must be encoded on.
 *
 * @module
 */
import type { Locale } from '../i18n/locale.js';
import type {
  ColumnarStrategy,
  EligibilityRule,
  Factor,
  FactorScore,
  FactorSide,
  KeyEnv,
  MarketReference,
  NumericKernel,
  Profile,
  RankingStrategy,
  SubjectKey,
  SubjectVector,
  VectorHook,
} from '../engine/types.js';

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
  weights: Float64Array;
  /** Per factor: 0 subject, 1 target, 2 both. */
  sides: Uint8Array;
  sideNames: FactorSide[];
  factorNames: string[];
  /** The strategy computed in the columnar loop, or null: call `profile.strategy` per candidate. */
  strategy: ColumnarStrategy | null;
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
  return {
    profile,
    env,
    keys,
    columns,
    vectors,
    rules,
    factors,
    weights: Float64Array.from(profile.factors, (f) => f.weight),
    sides: Uint8Array.from(sideNames, (s) => (s === 'subject' ? 0 : s === 'target' ? 1 : 2)),
    sideNames,
    factorNames: profile.factors.map((f) => f.factor.name),
    strategy: columnarStrategyOf(profile.strategy),
  };
}

/**
 * The columnar form of `strategy`: its own `columnar` declaration (the shipped `weightedSum`
 * and `reciprocal` strategies declare theirs), else null — the strategy is then called per
 * candidate.
 */
export function columnarStrategyOf(strategy: RankingStrategy): ColumnarStrategy | null {
  return strategy.columnar ?? null;
}

/**
 * The score of one candidate from its factor values (NaN = abstained), with exactly the
 * arithmetic, in exactly the order, of `weightedSumStrategy` / `reciprocalStrategy`.
 */
export function combineColumnar(
  strategy: ColumnarStrategy,
  values: Float64Array,
  weights: Float64Array,
  sides: Uint8Array,
): number {
  const n = values.length;
  if (strategy.kind === 'weightedSum') {
    const redistribute = strategy.redistributeAbstained;
    let total = 0;
    for (let i = 0; i < n; i++) if (values[i] === values[i] || !redistribute) total += weights[i]!;
    let score = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      score += total > 0 && v === v ? (weights[i]! * v) / total : 0;
    }
    return Math.min(1, Math.max(0, score));
  }
  const s = sideScore(values, weights, sides, 0);
  const t = sideScore(values, weights, sides, 1);
  if (strategy.mean === 'arithmetic') return (s + t) / 2;
  if (strategy.mean === 'geometric') return Math.sqrt(s * t);
  return s + t > 0 ? (2 * s * t) / (s + t) : 0;
}

function sideScore(values: Float64Array, weights: Float64Array, sides: Uint8Array, side: number) {
  const n = values.length;
  let weight = 0;
  for (let i = 0; i < n; i++) {
    if ((sides[i] === side || sides[i] === 2) && values[i] === values[i]) weight += weights[i]!;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if ((sides[i] !== side && sides[i] !== 2) || v !== v) continue;
    sum += weight > 0 ? (weights[i]! * v) / weight : 0;
  }
  return Math.min(1, Math.max(0, sum));
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
