/**
 * Implicit-feedback alternating least squares (Hu, Koren & Volinsky 2008). Each (subject, item)
 * pair has a preference p (1 when the net strength is positive, else 0) and a confidence
 * c = 1 + α·|strength|; every unobserved pair has p = 0, c = 1. ALS minimises
 *
 * `Σ_{u,i} c_ui (p_ui − xᵤ·yᵢ)² + λ (Σ‖xᵤ‖² + Σ‖yᵢ‖²)`
 *
 * by solving each subject's vector with the items fixed, then each item's with the subjects
 * fixed. Each solve uses the paper's trick `YᵀCᵤY = YᵀY + Yᵀ(Cᵤ − I)Y`: YᵀY is computed once per
 * half-sweep and only the subject's observed items add to it, so a sweep costs
 * O(nnz·f² + (n + m)·f³) and never touches the dense n × m matrix. Every solve is an exact
 * minimiser, so the loss never increases.
 *
 * @module
 */
import { createRequire } from 'node:module';
import type * as MlMatrix from 'ml-matrix';

/** ml-matrix, loaded on the first fit so that importing finmatch does not pay for it. */
let mlMatrix: typeof MlMatrix | undefined;
function loadMlMatrix(): typeof MlMatrix {
  mlMatrix ??= createRequire(import.meta.url)('ml-matrix') as typeof MlMatrix;
  return mlMatrix;
}
import { OptionError } from '../errors.js';
import { createRandom } from '../util/random.js';
import { DEFAULT_ALS_OPTIONS } from './defaults.js';
import {
  createFeedbackStore,
  sortInteractions,
  validateInteractions,
  type FeedbackOptions,
} from './feedback.js';
import { checkNormalization, createMaxCache, normalizeScore, topK } from './normalize.js';
import type {
  CollaborativeModel,
  RecommendOptions,
  ScoreNormalization,
  UpdateReport,
} from './types.js';

/** Options of {@link fitAls}; defaults in {@link DEFAULT_ALS_OPTIONS}. */
export interface AlsOptions extends FeedbackOptions {
  /** Latent dimensions f, integer ≥ 1. Default 32. */
  factors?: number;
  /** L2 regularisation λ ≥ 0. Default 0.1. */
  regularization?: number;
  /** Confidence slope α ≥ 0 (c = 1 + α·|strength|). Default 4. */
  alpha?: number;
  /** Alternating sweeps, integer ≥ 1. Default 12. */
  iterations?: number;
  /** Seed of the initial item factors. Default 1. */
  seed?: number;
  /** Standard deviation of the initial factors, > 0. Default 0.1. */
  initScale?: number;
  /**
   * In `addInteractions`, also re-solve the touched items' vectors (then the touched subjects'
   * once more). Default `true`; `false` re-solves only subjects, leaving items exactly as fitted.
   */
  foldInItems?: boolean;
  /** Raw → [0, 1] map. Default `subjectMax`. */
  normalization?: ScoreNormalization;
}

/** Context of {@link fitAls}. */
export interface FitAlsContext {
  /** Interaction records; validated, bad ones reported in `model.rejected`. */
  interactions: readonly unknown[];
  options?: AlsOptions;
  /** Called after each sweep with the 1-based iteration and the loss. */
  onIteration?: (iteration: number, loss: number) => void;
}

/** A fitted ALS model. */
export interface AlsModel extends CollaborativeModel {
  readonly method: 'als';
  /** Loss after each full sweep of the initial fit, non-increasing. */
  readonly lossHistory: readonly number[];
  /** Latent dimensions f. */
  readonly factors: number;
  /** The current loss (recomputed; O(nnz·f + n·f²)). */
  loss(): number;
  /** A copy of a subject's latent vector, or `null` when cold. */
  subjectVector(subjectId: string): Float64Array | null;
  /** A copy of an item's latent vector, or `null` when cold. */
  itemVector(itemId: string): Float64Array | null;
  /**
   * The subject's latent vector in Float32, pre-scaled by 1 / (its largest raw score over every
   * item) under `subjectMax` normalisation (unscaled under `clamp`; all zeros when that largest
   * score is ≤ 0, whose normalised scores are all 0), so that
   * `embeddingFit(embeddingDot(subjectEmbedding(u), itemEmbedding(i)))` is the normalised score
   * of (u, i) computed in Float32: within a few 1e-7 of {@link CollaborativeModel.score}. `null`
   * when cold. Cached and shared (do not mutate); `addInteractions` replaces it.
   */
  subjectEmbedding(subjectId: string): Float32Array | null;
  /** The item's latent vector in Float32 (see {@link AlsModel.subjectEmbedding}), or `null` when cold. */
  itemEmbedding(itemId: string): Float32Array | null;
}

/**
 * a·b summed in float64 over the Float32 components for i = 0..n−1: the order the fast path's
 * `VectorHook` contract fixes, so the collaborative factor and the columnar loop give the same
 * bits.
 */
export function embeddingDot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/**
 * The normalised score of a pre-scaled dot product ({@link AlsModel.subjectEmbedding}):
 * min(1, max(0, dot)), in [0, 1]. Under `subjectMax` the cap only absorbs Float32 rounding
 * (the subject's best item has dot ≈ 1).
 */
export function embeddingFit(dot: number): number {
  return dot > 0 ? Math.min(1, dot) : 0;
}

/**
 * Fits implicit-feedback ALS.
 *
 * `addInteractions` is a **fold-in**, an approximation: it re-solves only the touched subjects
 * (new ones included), then, with `foldInItems`, the touched items and those subjects again,
 * holding every other vector fixed. It is exact for the touched rows given the others, but the
 * untouched vectors do not move as they would in a refit, so the model drifts from a full refit
 * as updates accumulate. Refit periodically (e.g. nightly or after ~10% new interactions).
 *
 * @example
 * const model = fitAls({ interactions, options: { factors: 16, seed: 7 } });
 * model.score('E1', 'P9'); // in [0, 1], or null for a cold subject or item
 */
export function fitAls(context: FitAlsContext): AlsModel {
  const o = resolveOptions(context.options ?? {});
  const f = o.factors;
  const seenIds = new Set<string>();
  const { interactions, rejected } = validateInteractions(context.interactions, { seenIds });
  const sorted = sortInteractions(interactions);
  const store = createFeedbackStore({ ...(context.options ?? {}), initial: sorted });
  const maxCache = createMaxCache();
  // Float32 embeddings by id, built on first use; cleared whenever a vector or a max changes.
  const subjectEmbeddings = new Map<string, Float32Array>();
  const itemEmbeddings = new Map<string, Float32Array>();

  // Dense indices in order of first appearance in (date, id) order: deterministic.
  const subjectIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const subjectIds: string[] = [];
  const itemIds: string[] = [];
  /** Per subject: item index → strength; per item: subject index → strength. */
  const rows: Map<number, number>[] = [];
  const cols: Map<number, number>[] = [];
  const X: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const itemRandom = createRandom(o.seed).fork('items');

  const subjectOf = (id: string): number => {
    let u = subjectIndex.get(id);
    if (u === undefined) {
      u = subjectIds.length;
      subjectIndex.set(id, u);
      subjectIds.push(id);
      rows.push(new Map());
      X.push(new Float64Array(f));
    }
    return u;
  };
  const itemOf = (id: string): number => {
    let i = itemIndex.get(id);
    if (i === undefined) {
      i = itemIds.length;
      itemIndex.set(id, i);
      itemIds.push(id);
      cols.push(new Map());
      const v = new Float64Array(f);
      for (let k = 0; k < f; k++) v[k] = itemRandom.normal() * o.initScale;
      Y.push(v);
    }
    return i;
  };
  const setStrength = (subjectId: string, itemId: string, strength: number) => {
    const u = subjectOf(subjectId);
    const i = itemOf(itemId);
    rows[u]!.set(i, strength);
    cols[i]!.set(u, strength);
  };
  for (const i of sorted)
    setStrength(i.subjectId, i.itemId, store.bySubject.get(i.subjectId)!.get(i.itemId)!);

  const solveAll = (
    targets: Float64Array[],
    lists: Map<number, number>[],
    others: Float64Array[],
  ) => {
    const gram = gramOf(others, f);
    for (let a = 0; a < targets.length; a++) targets[a] = solveOne(lists[a]!, others, gram, o);
  };

  const computeLoss = (): number => {
    // Σ over all pairs with c = 1, p = 0 is Σᵤ xᵤᵀ (YᵀY) xᵤ; observed pairs replace their term.
    const gram = gramOf(Y, f);
    let loss = 0;
    for (const x of X) loss += quadratic(x, gram, f);
    for (let u = 0; u < rows.length; u++) {
      const x = X[u]!;
      for (const [i, strength] of rows[u]!) {
        const s = dot(x, Y[i]!, f);
        const p = strength > 0 ? 1 : 0;
        const c = 1 + o.alpha * Math.abs(strength);
        loss += c * (p - s) * (p - s) - s * s;
      }
    }
    let norms = 0;
    for (const x of X) norms += dot(x, x, f);
    for (const y of Y) norms += dot(y, y, f);
    return loss + o.regularization * norms;
  };

  const lossHistory: number[] = [];
  for (let it = 1; it <= o.iterations; it++) {
    solveAll(X, rows, Y);
    solveAll(Y, cols, X);
    const loss = computeLoss();
    lossHistory.push(loss);
    context.onIteration?.(it, loss);
  }

  const raw = (subjectId: string, itemId: string): number | null => {
    const u = subjectIndex.get(subjectId);
    const i = itemIndex.get(itemId);
    if (u === undefined || i === undefined) return null;
    return dot(X[u]!, Y[i]!, f);
  };
  const subjectMax = (subjectId: string): number =>
    maxCache.get(subjectId, () => {
      const x = X[subjectIndex.get(subjectId)!]!;
      let m = 0;
      for (const y of Y) {
        const s = dot(x, y, f);
        if (s > m) m = s;
      }
      return m;
    });
  const maxFor = (subjectId: string) =>
    o.normalization === 'subjectMax' ? subjectMax(subjectId) : 1;
  const positivesOf = (subjectId: string): string[] => {
    const u = subjectIndex.get(subjectId);
    if (u === undefined) return [];
    const out: string[] = [];
    for (const [i, s] of rows[u]!) if (s > 0) out.push(itemIds[i]!);
    return out.sort(compareIds);
  };

  return {
    method: 'als',
    asOf: store.asOf,
    rejected,
    lossHistory,
    factors: f,
    loss: computeLoss,
    hasSubject: (id) => subjectIndex.has(id),
    hasItem: (id) => itemIndex.has(id),
    subjectIds: () => subjectIds.slice().sort(compareIds),
    itemIds: () => itemIds.slice().sort(compareIds),
    positives: positivesOf,
    raw,
    score(subjectId, itemId) {
      const r = raw(subjectId, itemId);
      return r === null ? null : normalizeScore(r, o.normalization, maxFor(subjectId));
    },
    recommend(subjectId, { k, excludeKnown = true }: RecommendOptions) {
      const u = subjectIndex.get(subjectId);
      if (u === undefined) return [];
      const x = X[u]!;
      const known = rows[u]!;
      const entries: [string, number][] = [];
      for (let i = 0; i < Y.length; i++) {
        if (excludeKnown && (known.get(i) ?? 0) > 0) continue;
        entries.push([itemIds[i]!, dot(x, Y[i]!, f)]);
      }
      const max = maxFor(subjectId);
      return topK(entries, k, (r) => normalizeScore(r, o.normalization, max));
    },
    addInteractions(values: readonly unknown[]): UpdateReport {
      const { interactions: added, rejected: bad } = validateInteractions(values, { seenIds });
      const changed = store.add(sortInteractions(added));
      const users = new Set<number>();
      const items = new Set<number>();
      for (const p of changed) {
        setStrength(p.subjectId, p.itemId, p.strength);
        users.add(subjectIndex.get(p.subjectId)!);
        items.add(itemIndex.get(p.itemId)!);
      }
      const userList = [...users].sort((a, b) => a - b);
      const itemList = [...items].sort((a, b) => a - b);
      const solveUsers = () => {
        const gram = gramOf(Y, f);
        for (const u of userList) X[u] = solveOne(rows[u]!, Y, gram, o);
      };
      solveUsers();
      if (o.foldInItems && itemList.length > 0) {
        const gram = gramOf(X, f);
        for (const i of itemList) Y[i] = solveOne(cols[i]!, X, gram, o);
        solveUsers();
      }
      maxCache.clear();
      subjectEmbeddings.clear();
      itemEmbeddings.clear();
      return {
        accepted: added.length,
        rejected: bad,
        touchedSubjects: users.size,
        touchedItems: items.size,
      };
    },
    subjectVector(id) {
      const u = subjectIndex.get(id);
      return u === undefined ? null : Float64Array.from(X[u]!);
    },
    itemVector(id) {
      const i = itemIndex.get(id);
      return i === undefined ? null : Float64Array.from(Y[i]!);
    },
    subjectEmbedding(id) {
      const cached = subjectEmbeddings.get(id);
      if (cached) return cached;
      const u = subjectIndex.get(id);
      if (u === undefined) return null;
      const max = maxFor(id);
      const x = X[u]!;
      const out = new Float32Array(f);
      // normalizeScore gives 0 for every item when max ≤ 0: the zero vector does too.
      if (max > 0) for (let k = 0; k < f; k++) out[k] = x[k]! / max;
      subjectEmbeddings.set(id, out);
      return out;
    },
    itemEmbedding(id) {
      const cached = itemEmbeddings.get(id);
      if (cached) return cached;
      const i = itemIndex.get(id);
      if (i === undefined) return null;
      const out = Float32Array.from(Y[i]!);
      itemEmbeddings.set(id, out);
      return out;
    },
  };
}

type ResolvedAlsOptions = Required<
  Pick<
    AlsOptions,
    | 'factors'
    | 'regularization'
    | 'alpha'
    | 'iterations'
    | 'seed'
    | 'initScale'
    | 'foldInItems'
    | 'normalization'
  >
>;

function resolveOptions(options: AlsOptions): ResolvedAlsOptions {
  const d = DEFAULT_ALS_OPTIONS;
  const r: ResolvedAlsOptions = {
    factors: options.factors ?? d.factors,
    regularization: options.regularization ?? d.regularization,
    alpha: options.alpha ?? d.alpha,
    iterations: options.iterations ?? d.iterations,
    seed: options.seed ?? d.seed,
    initScale: options.initScale ?? d.initScale,
    foldInItems: options.foldInItems ?? true,
    normalization: checkNormalization(options.normalization),
  };
  if (!(Number.isInteger(r.factors) && r.factors >= 1 && r.factors <= 1024)) {
    throw new OptionError('factors', 'factors must be an integer in [1, 1024]');
  }
  if (!(Number.isInteger(r.iterations) && r.iterations >= 1)) {
    throw new OptionError('iterations', 'iterations must be an integer ≥ 1');
  }
  if (!(r.regularization >= 0 && Number.isFinite(r.regularization))) {
    throw new OptionError('regularization', 'regularization must be a finite number ≥ 0');
  }
  if (!(r.alpha >= 0 && Number.isFinite(r.alpha))) {
    throw new OptionError('alpha', 'alpha must be a finite number ≥ 0');
  }
  if (!(r.initScale > 0 && Number.isFinite(r.initScale))) {
    throw new OptionError('initScale', 'initScale must be a finite number > 0');
  }
  return r;
}

/** Gram matrix VᵀV (f × f, row-major) of a list of vectors. O(len·f²). */
function gramOf(vectors: readonly Float64Array[], f: number): Float64Array {
  const g = new Float64Array(f * f);
  for (const v of vectors) {
    for (let a = 0; a < f; a++) {
      const va = v[a]!;
      if (va === 0) continue;
      for (let b = a; b < f; b++) g[a * f + b] = g[a * f + b]! + va * v[b]!;
    }
  }
  for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a]!;
  return g;
}

/**
 * Solves one row: (G + Σⱼ (cⱼ − 1) yⱼyⱼᵀ + λI) x = Σⱼ cⱼ pⱼ yⱼ over the row's observed
 * entries j, with Cholesky (the system is symmetric positive definite for λ > 0).
 */
function solveOne(
  entries: ReadonlyMap<number, number>,
  others: readonly Float64Array[],
  gram: Float64Array,
  o: ResolvedAlsOptions,
): Float64Array {
  const f = o.factors;
  const a = Float64Array.from(gram);
  const b = new Float64Array(f);
  // A tiny ridge keeps the system positive definite when λ = 0 and the row is rank-deficient.
  const ridge = o.regularization > 0 ? o.regularization : 1e-9;
  for (let k = 0; k < f; k++) a[k * f + k] = a[k * f + k]! + ridge;
  for (const [j, strength] of entries) {
    const y = others[j]!;
    const c = 1 + o.alpha * Math.abs(strength);
    const cm1 = c - 1;
    if (strength > 0) for (let k = 0; k < f; k++) b[k] = b[k]! + c * y[k]!;
    if (cm1 === 0) continue;
    for (let k = 0; k < f; k++) {
      const w = cm1 * y[k]!;
      for (let l = k; l < f; l++) a[k * f + l] = a[k * f + l]! + w * y[l]!;
    }
  }
  const rowsA: number[][] = [];
  for (let k = 0; k < f; k++) {
    const row = new Array<number>(f);
    for (let l = 0; l < f; l++) row[l] = l >= k ? a[k * f + l]! : a[l * f + k]!;
    rowsA.push(row);
  }
  const { CholeskyDecomposition, Matrix } = loadMlMatrix();
  const chol = new CholeskyDecomposition(new Matrix(rowsA));
  const x = chol.solve(Matrix.columnVector(Array.from(b)));
  return Float64Array.from(x.getColumn(0));
}

function dot(a: Float64Array, b: Float64Array, f: number): number {
  let s = 0;
  for (let k = 0; k < f; k++) s += a[k]! * b[k]!;
  return s;
}

function quadratic(x: Float64Array, g: Float64Array, f: number): number {
  let s = 0;
  for (let a = 0; a < f; a++) {
    let t = 0;
    for (let b = 0; b < f; b++) t += g[a * f + b]! * x[b]!;
    s += x[a]! * t;
  }
  return s;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
