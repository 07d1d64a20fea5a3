import { OptionError } from '../../errors.js';
import { functionOption, numberOption, readOptions } from '../../util/options.js';
import type { Reranker, RerankContext, ScoredCandidate } from '../types.js';
import { DEFAULT_MMR_GROUP_WEIGHT, DEFAULT_MMR_LAMBDA } from './defaults.js';
import { checkK } from './k.js';
import { specField } from '../part-spec.js';

/**
 * How alike two candidates are, in [0, 1] (1 = interchangeable). Must be symmetric and must not
 * depend on anything but the two candidates.
 */
export type CandidateSimilarity = (a: ScoredCandidate, b: ScoredCandidate) => number;

/** Options of {@link mmrReranker}. */
export interface MmrOptions {
  /**
   * Relevance–novelty trade-off in [0, 1]: each pick maximises
   * `λ·score − (1 − λ)·max similarity to the picks so far`. Default
   * {@link DEFAULT_MMR_LAMBDA} (0.7); 1 keeps the input order (by score).
   */
  lambda?: number;
  /**
   * Weight `g` in [0, 1] of "same group" in the default similarity
   * (`(1 − g)·cosine + g·[same group]`, see {@link groupedCosineSimilarity}). Default
   * {@link DEFAULT_MMR_GROUP_WEIGHT}. Data, so the re-ranker saves in a profile spec; give
   * either this or `similarity`.
   */
  groupWeight?: number;
  /**
   * Similarity of two candidates, as code. Default: the grouped cosine with `groupWeight`. A
   * re-ranker given a function is custom code: a spec saves it by name, to be supplied on load.
   */
  similarity?: CandidateSimilarity;
}

/**
 * The default MMR similarity: `(1 − g)·cosine(a.features, b.features) + g·[a.group === b.group]`
 * with g = {@link DEFAULT_MMR_GROUP_WEIGHT}. Features are factor values in [0, 1], so the
 * cosine is in [0, 1]; non-finite entries count as 0, and a missing or all-zero vector has
 * cosine 0 with everything. Candidates without a group never share one.
 */
export function defaultCandidateSimilarity(a: ScoredCandidate, b: ScoredCandidate): number {
  return groupedCosineSimilarity(DEFAULT_MMR_GROUP_WEIGHT)(a, b);
}

/**
 * Builds the default similarity with a chosen group weight `g` in [0, 1]:
 * `(1 − g)·cosine(features) + g·[same group]`.
 *
 * @throws `OptionError` when `g` is outside [0, 1].
 */
export function groupedCosineSimilarity(groupWeight: number): CandidateSimilarity {
  numberOption(groupWeight, 'groupWeight', { min: 0, max: 1 });
  return (a, b) => {
    const sameGroup = a.group !== undefined && a.group === b.group ? 1 : 0;
    return (1 - groupWeight) * cosine(a.features, b.features) + groupWeight * sameGroup;
  };
}

/**
 * Maximal marginal relevance (Carbonell & Goldstein, 1998): builds the top `k` greedily, each
 * time taking the candidate that maximises `λ·score − (1 − λ)·max sim(candidate, picked)`, so
 * near-duplicates (same institution, same factor profile) are spread out. Ties go to the higher
 * score, then the smaller id, so the output does not depend on the input order. Costs
 * O(k·n) similarity evaluations for n candidates.
 *
 * Returns at most `k` of the given candidates, unchanged (only their order changes).
 *
 * @throws `OptionError` on an unknown option key (with a did-you-mean), a `lambda` that
 * is not a number in [0, 1], a `similarity` that is not a function, or a `k` that is not a
 * non-negative integer or `Infinity`.
 */
export function mmrReranker(options?: MmrOptions): Reranker {
  const o = readOptions(options, ['lambda', 'groupWeight', 'similarity']);
  const lambda = numberOption(o.lambda, 'lambda', { min: 0, max: 1, default: DEFAULT_MMR_LAMBDA });
  const custom = functionOption<CandidateSimilarity>(o.similarity, 'similarity');
  if (custom && o.groupWeight !== undefined)
    throw new OptionError(
      'groupWeight',
      'give either groupWeight (the default similarity’s group weight) or similarity, not both',
    );
  const groupWeight = numberOption(o.groupWeight, 'groupWeight', {
    min: 0,
    max: 1,
    default: DEFAULT_MMR_GROUP_WEIGHT,
  });
  const similarity = custom ?? groupedCosineSimilarity(groupWeight);
  return {
    name: 'mmr',
    ...specField('mmr', options),
    description: {
      zh: `多样性重排（最大边际相关，λ=${lambda}）：兼顾得分与结果差异，避免同一机构或同质产品扎堆`,
      en: `diversity re-ranking (maximal marginal relevance, λ=${lambda}): balances score against redundancy`,
    },
    rerank({ candidates, k }: RerankContext): ScoredCandidate[] {
      const limit = Math.min(checkK(k), candidates.length);
      const pool = candidates.slice().sort(byScoreThenId);
      const n = pool.length;
      const maxSim = new Float64Array(n);
      const taken = new Uint8Array(n);
      const out: ScoredCandidate[] = [];
      for (let step = 0; step < limit; step++) {
        let best = -1;
        let bestValue = -Infinity;
        for (let i = 0; i < n; i++) {
          if (taken[i]) continue;
          const value = lambda * pool[i]!.score - (1 - lambda) * maxSim[i]!;
          // Strict `>` keeps the earliest in score-then-id order on ties.
          if (value > bestValue) {
            bestValue = value;
            best = i;
          }
        }
        if (best < 0) break;
        taken[best] = 1;
        const picked = pool[best]!;
        out.push(picked);
        if (lambda === 1) continue;
        for (let i = 0; i < n; i++) {
          if (taken[i]) continue;
          const s = clamp01(similarity(pool[i]!, picked));
          if (s > maxSim[i]!) maxSim[i] = s;
        }
      }
      return out;
    },
  };
}

function byScoreThenId(a: ScoredCandidate, b: ScoredCandidate): number {
  if (b.score !== a.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function clamp01(x: number): number {
  return x > 1 ? 1 : x > 0 ? x : 0;
}

function cosine(a: readonly number[] | undefined, b: readonly number[] | undefined): number {
  if (!a || !b) return 0;
  const n = Math.min(a.length, b.length);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < n; i++) {
    const x = finite(a[i]!);
    const y = finite(b[i]!);
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  for (let i = n; i < a.length; i++) na += finite(a[i]!) ** 2;
  for (let i = n; i < b.length; i++) nb += finite(b[i]!) ** 2;
  if (na === 0 || nb === 0) return 0;
  return clamp01(dot / Math.sqrt(na * nb));
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
