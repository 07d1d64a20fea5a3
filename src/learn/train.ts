/**
 * Trains a linear model over factor values — the learned strategy's weights — with logistic
 * loss, pointwise (relevant vs not) or pairwise (for pairs in one query, the more relevant item
 * should score higher). Solved by Newton's method (IRLS) with `ml-matrix`.
 *
 * The model is kept explainable: weights are projected onto the non-negative orthant after
 * fitting (a factor can only help a pair), so the learned strategy is a weighted sum whose
 * contributions add up to the score. Projection is documented in {@link LinearModel.projected}.
 *
 * @module
 */
import { Matrix, solve } from 'ml-matrix';
import { OptionError } from '../errors.js';
import { createRandom } from '../util/random.js';
import { LEARN_DEFAULTS } from './defaults.js';

/** One training example: the factor values of a (query, item) pair and its relevance. */
export interface TrainingExample {
  /** Query (subject) id: pairs are formed within one query. */
  query: string;
  /** Item (target) id, for determinism. */
  item: string;
  /** Factor values in the order of `factorNames`; `null` (abstained) is treated as 0. */
  features: readonly (number | null)[];
  /** Graded relevance (≥ 1 relevant, 0 not). */
  label: number;
}

/** Options of {@link trainLinearModel}. */
export interface TrainOptions {
  factorNames: readonly string[];
  mode?: 'pointwise' | 'pairwise';
  l2?: number;
  iterations?: number;
  tolerance?: number;
  maxPairsPerQuery?: number;
  seed?: number;
}

/** A trained linear model over named factors, serialisable as JSON. */
export interface LinearModel {
  kind: 'finmatch.linear-model';
  version: 1;
  mode: 'pointwise' | 'pairwise';
  factorNames: string[];
  /** Raw fitted weights before projection (may be negative). */
  rawWeights: number[];
  /** Non-negative weights used for ranking. */
  weights: number[];
  /** Names of factors whose fitted weight was negative and projected to 0. */
  projected: string[];
  intercept: number;
  /** Training log-loss per Newton iteration (falls as it converges). */
  lossHistory: number[];
  examples: number;
}

/**
 * Fits the model. Deterministic for a seed. Throws {@link OptionError} on empty or
 * inconsistent input.
 */
export function trainLinearModel(
  examples: readonly TrainingExample[],
  options: TrainOptions,
): LinearModel {
  const mode = options.mode ?? LEARN_DEFAULTS.mode;
  const l2 = options.l2 ?? LEARN_DEFAULTS.l2;
  const iterations = options.iterations ?? LEARN_DEFAULTS.iterations;
  const tolerance = options.tolerance ?? LEARN_DEFAULTS.tolerance;
  const names = [...options.factorNames];
  const d = names.length;
  if (d === 0) throw new OptionError('factorNames', 'factorNames must not be empty');
  if (!(l2 >= 0) || !Number.isFinite(l2))
    throw new OptionError('l2', `l2 must be a finite number ≥ 0, received ${l2}`);
  for (const [i, e] of examples.entries()) {
    if (e.features.length !== d)
      throw new OptionError(
        'examples',
        `example ${i} (${e.query}/${e.item}) has ${e.features.length} features, expected ${d}`,
      );
    for (const v of e.features)
      if (v !== null && !Number.isFinite(v))
        throw new OptionError(
          'examples',
          `example ${i} (${e.query}/${e.item}) has a non-finite feature`,
        );
    if (!Number.isFinite(e.label))
      throw new OptionError(
        'examples',
        `example ${i} (${e.query}/${e.item}) has a non-finite label`,
      );
  }
  const sorted = [...examples].sort((a, b) => cmp(a.query, b.query) || cmp(a.item, b.item));
  const rows: number[][] = [];
  const targets: number[] = [];
  if (mode === 'pointwise') {
    for (const e of sorted) {
      rows.push([1, ...e.features.map((v) => v ?? 0)]);
      targets.push(e.label >= 1 ? 1 : 0);
    }
  } else {
    const rng = createRandom(options.seed ?? LEARN_DEFAULTS.seed);
    const cap = options.maxPairsPerQuery ?? LEARN_DEFAULTS.maxPairsPerQuery;
    let start = 0;
    while (start < sorted.length) {
      let end = start;
      while (end < sorted.length && sorted[end]!.query === sorted[start]!.query) end++;
      const group = sorted.slice(start, end);
      let pairs: [TrainingExample, TrainingExample][] = [];
      for (const a of group) for (const b of group) if (a.label > b.label) pairs.push([a, b]);
      if (pairs.length > cap) pairs = rng.shuffle(pairs).slice(0, cap);
      // Each pair appears in both orientations so the problem is symmetric (no intercept needed).
      for (const [a, b] of pairs) {
        const diff = a.features.map((v, i) => (v ?? 0) - (b.features[i] ?? 0));
        rows.push([0, ...diff]);
        targets.push(1);
        rows.push([0, ...diff.map((x) => -x)]);
        targets.push(0);
      }
      start = end;
    }
  }
  if (rows.length === 0)
    throw new OptionError(
      'examples',
      mode === 'pairwise'
        ? 'no query has items of different relevance: nothing to learn'
        : 'no examples',
    );

  const X = new Matrix(rows);
  const y = targets;
  const p = d + 1;
  let w = new Array<number>(p).fill(0);
  const lossHistory: number[] = [];
  let prevLoss = Infinity;
  for (let it = 0; it < iterations; it++) {
    const z = X.mmul(Matrix.columnVector(w)).getColumn(0);
    const mu = z.map(sigmoid);
    let loss = 0;
    for (let i = 0; i < y.length; i++)
      loss -= y[i]! * logSafe(mu[i]!) + (1 - y[i]!) * logSafe(1 - mu[i]!);
    loss = loss / y.length + (l2 / 2) * w.slice(1).reduce((s, v) => s + v * v, 0);
    lossHistory.push(loss);
    if (prevLoss - loss < tolerance && it > 0) break;
    prevLoss = loss;
    // Newton step: (XᵀSX/n + λI) Δ = Xᵀ(y − μ)/n − λw
    const n = y.length;
    const H = new Matrix(p, p);
    const g = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const s = mu[i]! * (1 - mu[i]!);
      const r = rows[i]!;
      const err = y[i]! - mu[i]!;
      for (let a = 0; a < p; a++) {
        g[a]! += (r[a]! * err) / n;
        const ra = r[a]! * s;
        if (ra === 0) continue;
        for (let b = a; b < p; b++) H.set(a, b, H.get(a, b) + (ra * r[b]!) / n);
      }
    }
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < a; b++) H.set(a, b, H.get(b, a));
      const reg = a === 0 ? 1e-9 : l2;
      H.set(a, a, H.get(a, a) + reg);
      if (a > 0) g[a]! -= l2 * w[a]!;
    }
    const step = solve(H, Matrix.columnVector(g)).getColumn(0);
    w = w.map((v, i) => v + step[i]!);
  }
  const rawWeights = w.slice(1);
  const weights = rawWeights.map((v) => (v > 0 ? v : 0));
  const projected = names.filter((_, i) => !(rawWeights[i]! > 0));
  if (weights.every((v) => v === 0)) {
    throw new OptionError(
      'examples',
      'every fitted weight is ≤ 0: the factors do not separate relevant from non-relevant items',
    );
  }
  return {
    kind: 'finmatch.linear-model',
    version: 1,
    mode,
    factorNames: names,
    rawWeights,
    weights,
    projected,
    intercept: w[0]!,
    lossHistory,
    examples: sorted.length,
  };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
function logSafe(x: number): number {
  return Math.log(Math.max(x, 1e-300));
}
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
