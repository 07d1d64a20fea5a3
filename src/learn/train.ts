/**
 * Trains a linear model over factor values — the learned strategy's weights — with logistic
 * loss, pointwise (relevant vs not) or pairwise (for pairs in one query, the more relevant item
 * should score higher). Solved by Newton's method (IRLS) with `ml-matrix`.
 *
 * The model is kept explainable: weights are constrained to be non-negative (a factor can only
 * help a pair) by active-set refits — factors whose weight comes out ≤ 0 are held at 0 and the
 * others refitted — so the learned strategy is a weighted sum whose contributions add up to
 * the score. The factors held at 0 are listed in {@link LinearModel.projected}.
 *
 * @module
 */
import { Matrix, solve } from 'ml-matrix';
import { OptionError } from '../errors.js';
import { createRandom } from '../util/random.js';
import { LEARN_DEFAULTS } from './defaults.js';

/** One training example: the factor values of a (query, item) pair and its relevance. */
export interface TrainingExample {
  /**
   * Query id (not subject id: a subject may be several queries): pairs are formed within one
   * query. Pass the training queries' examples only; the fit reads every label it is given.
   */
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
  /** Weights of the first, unconstrained fit (may be negative). */
  rawWeights: number[];
  /** Non-negative weights used for ranking. */
  weights: number[];
  /** Names of factors held at 0 by the non-negative (active-set) refits. */
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
  const p = d + 1;
  // Active-set refits: fit, drop the factors whose weight came out ≤ 0, refit the others with
  // those held at 0, until every active weight is positive (a non-negative logistic fit, so
  // the learned strategy stays an explainable weighted sum).
  const active = new Array<boolean>(p).fill(true);
  const first = fitNewton(X, rows, targets, active, { l2, iterations, tolerance });
  let fit = first;
  for (let round = 0; round < d; round++) {
    let dropped = false;
    for (let a = 1; a < p; a++) {
      if (active[a] && !(fit.w[a]! > 0)) {
        active[a] = false;
        dropped = true;
      }
    }
    if (!dropped || !active.slice(1).some(Boolean)) break;
    fit = fitNewton(X, rows, targets, active, { l2, iterations, tolerance });
  }
  const rawWeights = first.w.slice(1);
  const weights = fit.w.slice(1).map((v, i) => (active[i + 1] && v > 0 ? v : 0));
  const projected = names.filter((_, i) => !(weights[i]! > 0));
  const lossHistory = fit.lossHistory;
  const w = fit.w;
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

/** Newton (IRLS) on the logistic loss with L2, inactive coordinates held at 0. */
function fitNewton(
  X: Matrix,
  rows: readonly (readonly number[])[],
  y: readonly number[],
  active: readonly boolean[],
  opts: { l2: number; iterations: number; tolerance: number },
): { w: number[]; lossHistory: number[] } {
  const p = active.length;
  const n = y.length;
  let w = new Array<number>(p).fill(0);
  const lossHistory: number[] = [];
  let prevLoss = Infinity;
  for (let it = 0; it < opts.iterations; it++) {
    const z = X.mmul(Matrix.columnVector(w)).getColumn(0);
    const mu = z.map(sigmoid);
    let loss = 0;
    for (let i = 0; i < n; i++) loss -= y[i]! * logSafe(mu[i]!) + (1 - y[i]!) * logSafe(1 - mu[i]!);
    loss = loss / n + (opts.l2 / 2) * w.slice(1).reduce((s, v) => s + v * v, 0);
    lossHistory.push(loss);
    if (prevLoss - loss < opts.tolerance && it > 0) break;
    prevLoss = loss;
    // Newton step: (XᵀSX/n + λI) Δ = Xᵀ(y − μ)/n − λw, over the active coordinates only.
    const H = new Matrix(p, p);
    const g = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const s = mu[i]! * (1 - mu[i]!);
      const r = rows[i]!;
      const err = y[i]! - mu[i]!;
      for (let a = 0; a < p; a++) {
        if (!active[a]) continue;
        g[a]! += (r[a]! * err) / n;
        const ra = r[a]! * s;
        if (ra === 0) continue;
        for (let b = a; b < p; b++) if (active[b]) H.set(a, b, H.get(a, b) + (ra * r[b]!) / n);
      }
    }
    for (let a = 0; a < p; a++) {
      if (!active[a]) {
        H.set(a, a, 1);
        g[a] = 0;
        continue;
      }
      for (let b = 0; b < a; b++) H.set(a, b, H.get(b, a));
      const reg = a === 0 ? 1e-9 : opts.l2;
      H.set(a, a, H.get(a, a) + reg);
      if (a > 0) g[a]! -= opts.l2 * w[a]!;
    }
    const step = solve(H, Matrix.columnVector(g)).getColumn(0);
    w = w.map((v, i) => v + step[i]!);
  }
  return { w, lossHistory };
}
