/**
 * Implicit-feedback alternating least squares (Hu, Koren & Volinsky 2008). Each (subject, item)
 * pair has a preference p (1 when the net strength is positive, else 0) and a confidence
 * c = 1 + α·|strength|; every unobserved pair has p = 0, c = 1. ALS minimises
 *
 * `Σ_{u,i} c_ui (p_ui − xᵤ·yᵢ)² + λ (Σ‖xᵤ‖² + Σ‖yᵢ‖²)`
 *
 * by updating each subject's vector with the items fixed, then each item's with the subjects
 * fixed. A subject's best vector solves `(YᵀCᵤY + λI) x = YᵀCᵤpᵤ`, and the paper's trick
 * `YᵀCᵤY = YᵀY + Yᵀ(Cᵤ − I)Y` means only its observed items add to YᵀY, which is computed once
 * per half-sweep; the dense n × m matrix is never touched.
 *
 * The default solver does not solve that system exactly: it takes a few conjugate-gradient
 * steps on it, warm-started from the current vector (Takács, Pilászy & Tikk 2011, "Applications
 * of the conjugate gradient method for implicit feedback collaborative filtering"; the
 * `least_squares_cg` of benfred/implicit). A step costs O(f² + nᵤ·f) for a row with nᵤ
 * observed entries, so a sweep costs O(nnz·f + (n + m)·f²) instead of the exact solve's
 * O(nnz·f² + (n + m)·f³). Each step lowers the row's quadratic (CG is a descent method from
 * any start), so the loss still never increases; it just takes a sweep or two more to settle.
 *
 * @module
 */
import { booleanOption, integerOption, readOptions } from '../util/options.js';
import { OptionError } from '../errors.js';
import { createRandom } from '../util/random.js';
import { DEFAULT_ALS_OPTIONS } from './defaults.js';
import {
  createFeedbackStore,
  sortInteractions,
  validateInteractions,
  FEEDBACK_OPTION_KEYS,
  type FeedbackOptions,
} from './feedback.js';
import { checkNormalization, createMaxCache, normalizeScore, topK } from './normalize.js';
import type {
  CollaborativeModel,
  RecommendOptions,
  ScoreNormalization,
  UpdateReport,
} from './types.js';

/**
 * How a sweep updates each row's vector:
 *
 * - `cg`: `cgSteps` conjugate-gradient steps warm-started from the current vector, O(f² + nᵤ·f)
 *   per step for a row with nᵤ observed entries. Default: a sweep costs a fraction of an exact
 *   one, and after the same sweeps the loss is within a fraction of a percent of the exact
 *   solver's (test/collab/als-solver.test.ts).
 * - `exact`: the row's minimiser by Cholesky, O(nᵤ·f² + f³) per row. Each half-sweep is an
 *   exact block minimisation; for a reference, or when f is small.
 */
export type AlsSolver = 'cg' | 'exact';

/** Options of {@link fitAls}; defaults in {@link DEFAULT_ALS_OPTIONS}. */
export interface AlsOptions extends FeedbackOptions {
  /** Latent dimensions f, integer in [1, 1024]. Default 32. */
  factors?: number;
  /** L2 regularisation λ ≥ 0. Default 0.1. */
  regularization?: number;
  /** Confidence slope α ≥ 0 (c = 1 + α·|strength|). Default 4. */
  alpha?: number;
  /** Alternating sweeps, integer ≥ 1. Default 15. */
  iterations?: number;
  /** How each row's vector is updated in a sweep; see {@link AlsSolver}. Default `cg`. */
  solver?: AlsSolver;
  /** Conjugate-gradient steps per row and sweep (with `solver: 'cg'`), integer ≥ 1. Default 3. */
  cgSteps?: number;
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
  /**
   * Called after each sweep with the 1-based iteration and the loss. Given a callback, the
   * sweeps run inside `fitAls` instead of on first use.
   */
  onIteration?: (iteration: number, loss: number) => void;
}

/** A fitted ALS model. */
export interface AlsModel extends CollaborativeModel {
  readonly method: 'als';
  /**
   * Loss after each full sweep of the initial fit, non-increasing; empty when there was nothing
   * to fit (no valid interactions). Reading it runs the sweeps if they have not run yet.
   */
  readonly lossHistory: readonly number[];
  /** Latent dimensions f. */
  readonly factors: number;
  /** The current loss (recomputed; O(nnz·f + (n + m)·f²)). */
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
 * Validation and aggregation happen here; the sweeps run on the first call that needs a latent
 * vector of a subject or item with history (`score`, `raw`, `recommend`, the vectors and
 * embeddings, `loss`, `lossHistory`, `addInteractions`), or here when `onIteration` is given.
 * So a model asked only about subjects without history (which it cannot score) never fits,
 * and there is nothing to fit without interactions. The result does not depend on when the
 * sweeps run.
 *
 * `addInteractions` is a **fold-in**, an approximation: it re-solves only the touched subjects
 * (new ones included), then, with `foldInItems`, the touched items and those subjects again,
 * holding every other vector fixed. Those few rows are solved exactly (Cholesky) whatever the
 * `solver`, but the untouched vectors do not move as they would in a refit, so the model
 * drifts from a full refit as updates accumulate. Refit periodically (e.g. nightly or after
 * ~10% new interactions).
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
  /** Latent vectors, row-major with stride f: subject u at X[u·f …], item i at Y[i·f …]. */
  let X: Float64Array = new Float64Array(0);
  let Y: Float64Array = new Float64Array(0);
  const itemRandom = createRandom(o.seed).fork('items');

  const subjectOf = (id: string): number => {
    let u = subjectIndex.get(id);
    if (u === undefined) {
      u = subjectIds.length;
      subjectIndex.set(id, u);
      subjectIds.push(id);
      rows.push(new Map());
      X = withCapacity(X, (u + 1) * f);
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
      Y = withCapacity(Y, (i + 1) * f);
      for (let k = 0; k < f; k++) Y[i * f + k] = itemRandom.normal() * o.initScale;
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

  const rowUpdate = (solver: AlsSolver): RowUpdate => ({
    f,
    ridge: ridgeOf(o.regularization),
    solver,
    cgSteps: o.cgSteps,
  });
  const computeLoss = (): number => {
    const n = subjectIds.length;
    const m = itemIds.length;
    return lossOf(sparseRows(rows, null, o.alpha), X, Y, gramOf(Y, m, f), gramOf(X, n, f), o);
  };

  const lossHistory: number[] = [];
  let fitted = false;
  const ensureFitted = () => {
    if (fitted) return;
    fitted = true;
    const n = subjectIds.length;
    const m = itemIds.length;
    // Nothing can be learned without an observed pair: every vector would stay as it is.
    if (n === 0 || m === 0) return;
    const bySubject = sparseRows(rows, null, o.alpha);
    const byItem = sparseRows(cols, null, o.alpha);
    const update = rowUpdate(o.solver);
    // YᵀY of the current items serves the subjects' half-sweep and, after the items' half-sweep,
    // the loss (Σᵤ xᵤᵀ(YᵀY)xᵤ = ⟨YᵀY, XᵀX⟩), then the next subjects' half-sweep.
    let itemGram = gramOf(Y, m, f);
    for (let it = 1; it <= o.iterations; it++) {
      updateRows(bySubject, X, Y, itemGram, update);
      const subjectGram = gramOf(X, n, f);
      updateRows(byItem, Y, X, subjectGram, update);
      itemGram = gramOf(Y, m, f);
      const loss = lossOf(bySubject, X, Y, itemGram, subjectGram, o);
      lossHistory.push(loss);
      context.onIteration?.(it, loss);
    }
  };
  if (context.onIteration) ensureFitted();

  const rawAt = (u: number, i: number): number => dotAt(X, u * f, Y, i * f, f);
  const raw = (subjectId: string, itemId: string): number | null => {
    const u = subjectIndex.get(subjectId);
    const i = itemIndex.get(itemId);
    if (u === undefined || i === undefined) return null;
    ensureFitted();
    return rawAt(u, i);
  };
  const subjectMax = (subjectId: string): number =>
    maxCache.get(subjectId, () => {
      const u = subjectIndex.get(subjectId)!;
      let best = 0;
      for (let i = 0; i < itemIds.length; i++) {
        const s = rawAt(u, i);
        if (s > best) best = s;
      }
      return best;
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
    get lossHistory(): readonly number[] {
      ensureFitted();
      return lossHistory;
    },
    factors: f,
    loss() {
      ensureFitted();
      return computeLoss();
    },
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
      ensureFitted();
      const known = rows[u]!;
      const entries: [string, number][] = [];
      for (let i = 0; i < itemIds.length; i++) {
        if (excludeKnown && (known.get(i) ?? 0) > 0) continue;
        entries.push([itemIds[i]!, rawAt(u, i)]);
      }
      const max = maxFor(subjectId);
      return topK(entries, k, (r) => normalizeScore(r, o.normalization, max));
    },
    addInteractions(values: readonly unknown[]): UpdateReport {
      // Fold-in starts from the fit of the interactions the model was created with.
      ensureFitted();
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
      const exact = rowUpdate('exact');
      const userRows = sparseRows(rows, userList, o.alpha);
      const solveUsers = () => updateRows(userRows, X, Y, gramOf(Y, itemIds.length, f), exact);
      if (userList.length > 0) solveUsers();
      if (o.foldInItems && itemList.length > 0) {
        const itemRows = sparseRows(cols, itemList, o.alpha);
        updateRows(itemRows, Y, X, gramOf(X, subjectIds.length, f), exact);
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
      if (u === undefined) return null;
      ensureFitted();
      return X.slice(u * f, (u + 1) * f);
    },
    itemVector(id) {
      const i = itemIndex.get(id);
      if (i === undefined) return null;
      ensureFitted();
      return Y.slice(i * f, (i + 1) * f);
    },
    subjectEmbedding(id) {
      const cached = subjectEmbeddings.get(id);
      if (cached) return cached;
      const u = subjectIndex.get(id);
      if (u === undefined) return null;
      ensureFitted();
      const max = maxFor(id);
      const out = new Float32Array(f);
      // normalizeScore gives 0 for every item when max ≤ 0: the zero vector does too.
      if (max > 0) for (let k = 0; k < f; k++) out[k] = X[u * f + k]! / max;
      subjectEmbeddings.set(id, out);
      return out;
    },
    itemEmbedding(id) {
      const cached = itemEmbeddings.get(id);
      if (cached) return cached;
      const i = itemIndex.get(id);
      if (i === undefined) return null;
      ensureFitted();
      const out = Float32Array.from(Y.subarray(i * f, (i + 1) * f));
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
    | 'solver'
    | 'cgSteps'
    | 'seed'
    | 'initScale'
    | 'foldInItems'
    | 'normalization'
  >
>;

/** The keys {@link AlsOptions} may have; any other key is an OptionError. */
export const ALS_OPTION_KEYS = [
  ...FEEDBACK_OPTION_KEYS,
  'factors',
  'regularization',
  'alpha',
  'iterations',
  'solver',
  'cgSteps',
  'seed',
  'initScale',
  'foldInItems',
  'normalization',
] as const;

/** Largest `iterations` of ALS (each is a full pass over both sides). */
export const MAX_ALS_ITERATIONS = 10_000;
/** Largest `cgSteps` per row and iteration. */
export const MAX_ALS_CG_STEPS = 1_000;

function resolveOptions(alsOptions: AlsOptions): ResolvedAlsOptions {
  const options = readOptions(alsOptions, ALS_OPTION_KEYS, 'options') as AlsOptions;
  const d = DEFAULT_ALS_OPTIONS;
  const r: ResolvedAlsOptions = {
    factors: options.factors ?? d.factors,
    regularization: options.regularization ?? d.regularization,
    alpha: options.alpha ?? d.alpha,
    iterations: options.iterations ?? d.iterations,
    solver: options.solver ?? d.solver,
    cgSteps: options.cgSteps ?? d.cgSteps,
    seed: options.seed ?? d.seed,
    initScale: options.initScale ?? d.initScale,
    foldInItems: options.foldInItems ?? true,
    normalization: checkNormalization(options.normalization),
  };
  if (!(Number.isInteger(r.factors) && r.factors >= 1 && r.factors <= 1024)) {
    throw new OptionError('factors', 'factors must be an integer in [1, 1024]');
  }
  integerOption(r.iterations, 'iterations', { min: 1, max: MAX_ALS_ITERATIONS });
  if (r.solver !== 'cg' && r.solver !== 'exact') {
    throw new OptionError('solver', "solver must be 'cg' or 'exact'");
  }
  integerOption(r.cgSteps, 'cgSteps', { min: 1, max: MAX_ALS_CG_STEPS });
  integerOption(r.seed, 'seed', { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  booleanOption(r.foldInItems, 'foldInItems', true);
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

/** λ added to the diagonal; a tiny ridge keeps the system positive definite when λ = 0. */
function ridgeOf(regularization: number): number {
  return regularization > 0 ? regularization : 1e-9;
}

/** The array itself when it holds `length` values, else a copy grown geometrically. */
function withCapacity(a: Float64Array, length: number): Float64Array {
  if (length <= a.length) return a;
  const grown = new Float64Array(Math.max(length, 2 * a.length));
  grown.set(a);
  return grown;
}

/**
 * Some rows of one side's observed entries in compressed form: sparse row r updates latent row
 * `rows[r]` and holds entries `offsets[r] … offsets[r + 1] − 1`, each the other side's index,
 * c − 1 and c·p. Built once per fit, so the sweeps read flat arrays, not maps.
 */
interface SparseRows {
  rows: Int32Array;
  offsets: Int32Array;
  indices: Int32Array;
  /** c − 1 = α·|strength|: what the entry adds to YᵀY's weight. */
  extra: Float64Array;
  /** c·p: the entry's weight in the right-hand side (0 unless the preference is positive). */
  target: Float64Array;
}

/** Compresses `lists` (every row when `which` is `null`), entries in map order. */
function sparseRows(
  lists: readonly ReadonlyMap<number, number>[],
  which: readonly number[] | null,
  alpha: number,
): SparseRows {
  const rowList = which ?? lists.map((_, r) => r);
  let nnz = 0;
  for (const r of rowList) nnz += lists[r]!.size;
  const out: SparseRows = {
    rows: Int32Array.from(rowList),
    offsets: new Int32Array(rowList.length + 1),
    indices: new Int32Array(nnz),
    extra: new Float64Array(nnz),
    target: new Float64Array(nnz),
  };
  let e = 0;
  for (let r = 0; r < rowList.length; r++) {
    for (const [j, strength] of lists[rowList[r]!]!) {
      const extra = alpha * Math.abs(strength);
      out.indices[e] = j;
      out.extra[e] = extra;
      out.target[e] = strength > 0 ? 1 + extra : 0;
      e++;
    }
    out.offsets[r + 1] = e;
  }
  return out;
}

/** How {@link updateRows} updates a row. */
interface RowUpdate {
  f: number;
  /** Added to the diagonal of every row's system. */
  ridge: number;
  solver: AlsSolver;
  cgSteps: number;
}

/** Below this squared residual norm a row is solved: the CG stopping rule of benfred/implicit. */
const CG_RESIDUAL_EPSILON = 1e-20;

/**
 * Updates every row of `sparse` in `target` (stride f) against `other` fixed, `gram` = otherᵀ
 * other: row x moves towards the solution of `A x = b`,
 * `A = gram + ridge·I + Σⱼ (cⱼ − 1) yⱼyⱼᵀ`, `b = Σⱼ cⱼ pⱼ yⱼ` over the row's entries j.
 */
function updateRows(
  sparse: SparseRows,
  target: Float64Array,
  other: Float64Array,
  gram: Float64Array,
  update: RowUpdate,
): void {
  const { f, ridge } = update;
  const { rows, offsets, indices, extra, target: weight } = sparse;
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  const system = update.solver === 'exact' ? new Float64Array(f * f) : null;
  for (let s = 0; s < rows.length; s++) {
    const xo = rows[s]! * f;
    const start = offsets[s]!;
    const end = offsets[s + 1]!;
    if (system) {
      solveRow(target, xo, other, gram, ridge, indices, extra, weight, start, end, f, system, r);
      continue;
    }
    // Residual r = b − A x at the current x (the warm start).
    multiplyGram(gram, ridge, target, xo, r, f);
    for (let a = 0; a < f; a++) r[a] = -r[a]!;
    for (let e = start; e < end; e++) {
      const yo = indices[e]! * f;
      const coef = weight[e]! - extra[e]! * dotAt(other, yo, target, xo, f);
      if (coef === 0) continue;
      for (let a = 0; a < f; a++) r[a] = r[a]! + coef * other[yo + a]!;
    }
    let rsOld = 0;
    for (let a = 0; a < f; a++) {
      p[a] = r[a]!;
      rsOld += r[a]! * r[a]!;
    }
    if (rsOld < CG_RESIDUAL_EPSILON) continue;
    for (let step = 0; step < update.cgSteps; step++) {
      // ap = A p without forming A.
      multiplyGram(gram, ridge, p, 0, ap, f);
      for (let e = start; e < end; e++) {
        const yo = indices[e]! * f;
        const w = extra[e]!;
        if (w === 0) continue;
        let t = 0;
        for (let a = 0; a < f; a++) t += other[yo + a]! * p[a]!;
        t *= w;
        for (let a = 0; a < f; a++) ap[a] = ap[a]! + t * other[yo + a]!;
      }
      let pAp = 0;
      for (let a = 0; a < f; a++) pAp += p[a]! * ap[a]!;
      if (!(pAp > 0)) break;
      const stepSize = rsOld / pAp;
      let rsNew = 0;
      for (let a = 0; a < f; a++) {
        target[xo + a] = target[xo + a]! + stepSize * p[a]!;
        const ra = r[a]! - stepSize * ap[a]!;
        r[a] = ra;
        rsNew += ra * ra;
      }
      if (rsNew < CG_RESIDUAL_EPSILON) break;
      const beta = rsNew / rsOld;
      for (let a = 0; a < f; a++) p[a] = r[a]! + beta * p[a]!;
      rsOld = rsNew;
    }
  }
}

/**
 * out = (gram + ridge·I) v[vo …], gram f × f row-major. The hot loop of a CG sweep (f² of its
 * O(f² + nᵤ·f) per step), so it keeps four partial sums: about 1.7× faster in V8 than one.
 */
function multiplyGram(
  gram: Float64Array,
  ridge: number,
  v: Float64Array,
  vo: number,
  out: Float64Array,
  f: number,
): void {
  const tail = f - (f % 4);
  for (let a = 0; a < f; a++) {
    const go = a * f;
    let t0 = ridge * v[vo + a]!;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    let b = 0;
    for (; b < tail; b += 4) {
      t0 += gram[go + b]! * v[vo + b]!;
      t1 += gram[go + b + 1]! * v[vo + b + 1]!;
      t2 += gram[go + b + 2]! * v[vo + b + 2]!;
      t3 += gram[go + b + 3]! * v[vo + b + 3]!;
    }
    for (; b < f; b++) t0 += gram[go + b]! * v[vo + b]!;
    out[a] = t0 + t1 + (t2 + t3);
  }
}

/**
 * Solves one row's system exactly by Cholesky (symmetric positive definite since ridge > 0),
 * writing x into `target[xo …]`. `system` (f × f) and `rhs` (f) are scratch.
 */
function solveRow(
  target: Float64Array,
  xo: number,
  other: Float64Array,
  gram: Float64Array,
  ridge: number,
  indices: Int32Array,
  extra: Float64Array,
  weight: Float64Array,
  start: number,
  end: number,
  f: number,
  system: Float64Array,
  rhs: Float64Array,
): void {
  system.set(gram);
  rhs.fill(0);
  for (let k = 0; k < f; k++) system[k * f + k] = system[k * f + k]! + ridge;
  for (let e = start; e < end; e++) {
    const yo = indices[e]! * f;
    const c = weight[e]!;
    if (c !== 0) for (let k = 0; k < f; k++) rhs[k] = rhs[k]! + c * other[yo + k]!;
    const w = extra[e]!;
    if (w === 0) continue;
    // The lower triangle is all Cholesky reads.
    for (let k = 0; k < f; k++) {
      const wk = w * other[yo + k]!;
      for (let l = 0; l <= k; l++) system[k * f + l] = system[k * f + l]! + wk * other[yo + l]!;
    }
  }
  // In place: the lower triangle becomes L with A = L Lᵀ.
  for (let j = 0; j < f; j++) {
    let d = system[j * f + j]!;
    for (let k = 0; k < j; k++) d -= system[j * f + k]! * system[j * f + k]!;
    // Rounding can make a numerically singular pivot non-positive; the ridge floors it.
    const ljj = Math.sqrt(d > 0 ? d : ridge);
    system[j * f + j] = ljj;
    for (let i = j + 1; i < f; i++) {
      let s = system[i * f + j]!;
      for (let k = 0; k < j; k++) s -= system[i * f + k]! * system[j * f + k]!;
      system[i * f + j] = s / ljj;
    }
  }
  // L z = b, then Lᵀ x = z.
  for (let i = 0; i < f; i++) {
    let s = rhs[i]!;
    for (let k = 0; k < i; k++) s -= system[i * f + k]! * rhs[k]!;
    rhs[i] = s / system[i * f + i]!;
  }
  for (let i = f - 1; i >= 0; i--) {
    let s = rhs[i]!;
    for (let k = i + 1; k < f; k++) s -= system[k * f + i]! * rhs[k]!;
    rhs[i] = s / system[i * f + i]!;
  }
  for (let k = 0; k < f; k++) target[xo + k] = rhs[k]!;
}

/** Gram matrix VᵀV (f × f, row-major) of the first `count` rows of `v` (stride f). O(count·f²). */
function gramOf(v: Float64Array, count: number, f: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let r = 0; r < count; r++) {
    const ro = r * f;
    for (let a = 0; a < f; a++) {
      const va = v[ro + a]!;
      if (va === 0) continue;
      const go = a * f;
      for (let b = a; b < f; b++) g[go + b] = g[go + b]! + va * v[ro + b]!;
    }
  }
  for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a]!;
  return g;
}

/**
 * The ALS loss from the two Gram matrices: over all pairs with c = 1, p = 0 the sum is
 * Σᵤ xᵤᵀ(YᵀY)xᵤ = ⟨YᵀY, XᵀX⟩, and each observed pair replaces its term, c(p − s)² − s² =
 * c·p − 2c·p·s + (c − 1)s² (p² = p). O(nnz·f + f²).
 */
function lossOf(
  bySubject: SparseRows,
  X: Float64Array,
  Y: Float64Array,
  itemGram: Float64Array,
  subjectGram: Float64Array,
  o: ResolvedAlsOptions,
): number {
  const f = o.factors;
  let loss = 0;
  for (let k = 0; k < f * f; k++) loss += itemGram[k]! * subjectGram[k]!;
  const { rows, offsets, indices, extra, target } = bySubject;
  for (let s = 0; s < rows.length; s++) {
    const xo = rows[s]! * f;
    for (let e = offsets[s]!; e < offsets[s + 1]!; e++) {
      const score = dotAt(X, xo, Y, indices[e]! * f, f);
      const cp = target[e]!;
      loss += cp - 2 * cp * score + extra[e]! * score * score;
    }
  }
  let norms = 0;
  for (let k = 0; k < f; k++) norms += itemGram[k * f + k]! + subjectGram[k * f + k]!;
  return loss + o.regularization * norms;
}

function dotAt(a: Float64Array, ao: number, b: Float64Array, bo: number, f: number): number {
  let s = 0;
  for (let k = 0; k < f; k++) s += a[ao + k]! * b[bo + k]!;
  return s;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
