/**
 * Every tunable of the collaborative signal, with its range, effect and why it has its value.
 * The numbers quoted for the method choice come from `bench/collab.bench.mjs` (leave-one-out,
 * hide each subject's latest positive item, rank every item it has not used, HR@10 / nDCG@10).
 *
 * @module
 */
import type { InteractionKind } from '../model/enums.js';

/**
 * How strongly each interaction kind says "this subject wants this item", in units of one view.
 * The sign is the preference direction: positive kinds add to the pair's strength, `declined`
 * subtracts from it.
 *
 * - `viewed` 1: weakest, cheap and noisy.
 * - `applied` 3: the subject spent effort (documents, a credit check).
 * - `approved` 6: the institution agreed the pair fits.
 * - `funded` 10: money moved; the strongest evidence of a good pair.
 * - `declined` −5: the institution refused (or the subject withdrew). We treat it as a
 *   *confident negative*, not as missing data: a pair that was applied for (+3) and declined
 *   (−5) ends with net strength −2, so its preference is 0 with confidence 1 + α·2 (ALS), and it
 *   is not a positive item for co-occurrence. A decline after an approval (+3 +6 −5 = +4) stays
 *   a weak positive: the subject and item were found to fit before the deal fell through.
 */
export const DEFAULT_FEEDBACK_WEIGHTS: Readonly<Record<InteractionKind, number>> = Object.freeze({
  viewed: 1,
  applied: 3,
  approved: 6,
  funded: 10,
  declined: -5,
});

/**
 * Half-life of an interaction's weight, in days before `asOf`: an interaction that old counts
 * half. Range (0, ∞); `null` switches decay off. Two years: a financing relationship stays
 * informative about a few product cycles, but products, policies and an enterprise's stage
 * change, so a five-year-old loan should count much less than last quarter's.
 */
export const DEFAULT_HALF_LIFE_DAYS = 730;

/**
 * Options of implicit-feedback ALS (Hu, Koren & Volinsky 2008, "Collaborative Filtering for
 * Implicit Feedback Datasets").
 */
export const DEFAULT_ALS_OPTIONS = Object.freeze({
  /**
   * Latent dimensions f, integer in [1, 1024]. A sweep costs O(cgSteps·(nnz·f + (n+m)·f²)) with
   * the default `cg` solver, O(nnz·f² + (n+m)·f³) with `exact`.
   */
  factors: 32,
  /** L2 regularisation λ of both factor matrices, ≥ 0. Larger shrinks towards popularity. */
  regularization: 0.1,
  /**
   * Confidence slope α: c = 1 + α·|net strength|. ≥ 0. The paper uses 40 for raw TV-watching
   * counts; our strengths are already weighted (a funding counts 10), so α is smaller.
   */
  alpha: 4,
  /**
   * Alternating sweeps (users then items), integer ≥ 1; cost is linear in it. 15, as in
   * benfred/implicit: with the default `cg` solver, leave-one-out HR@10 averaged over seeds 1–3
   * is at or above the exact solver's at the former 12 sweeps on every row of
   * `bench/collab.bench.mjs` (Crunchbase latest pair .080 vs .078, latest round .094 vs .094;
   * generated enterprise → product .073 vs .071, project → investor .233 vs .233), where CG at
   * 12 sweeps fell slightly short on three of the four. The loss still falls slowly after 15
   * (20 sweeps: Crunchbase .081 / .096, for a third more time).
   */
  iterations: 15,
  /**
   * How each row is updated in a sweep (`AlsSolver`): `cg`, a few conjugate-gradient steps
   * warm-started from the current vector (Takács, Pilászy & Tikk 2011; benfred/implicit's
   * default), or `exact`, a Cholesky solve per row.
   */
  solver: 'cg' as const,
  /**
   * Conjugate-gradient steps per row and sweep, integer ≥ 1. benfred/implicit's default; the
   * paper finds 2–4 steps per sweep reach the exact solver's accuracy at the same number of
   * sweeps, and the warm start carries each row's progress into the next sweep.
   */
  cgSteps: 3,
  /** Seed of the random initial factors. */
  seed: 1,
  /** Standard deviation of the initial factors. */
  initScale: 0.1,
});

/** Options of item–item co-occurrence. */
export const DEFAULT_COOCCURRENCE_OPTIONS = Object.freeze({
  /**
   * Shrinkage λ of `sim(i, j) = co(i, j) / (√(nᵢ·nⱼ) + λ)`, ≥ 0. Pulls similarities of rarely
   * seen items towards 0, so two items that share their only subject are not "identical".
   */
  shrinkage: 5,
});

/**
 * Tolerance of ALS fold-in versus a full refit: the largest absolute difference of raw scores
 * (which estimate a 0/1 preference) over every pair, on a small identifiable problem (as many
 * factors as planted clusters; test/collab/als.test.ts measures 0.03–0.06). Fold-in holds the
 * untouched vectors fixed, so it is an approximation that drifts as updates accumulate; refit
 * periodically (e.g. nightly, or after ~10% new interactions). With more factors than the data
 * supports a refit is not unique (two seeds differ by more than fold-in does), so compare
 * rankings there, not raw scores.
 */
export const ALS_FOLD_IN_TOLERANCE = 0.1;
