/**
 * The shape every metric shares.
 *
 * @module
 */
import type { JudgedRanking } from '../ranking.js';

/**
 * The metric families `finmatch/eval` computes, each in its own file:
 * - `precision`: P@k, relevant documents in the top k divided by k;
 * - `recall`: relevant documents in the top k divided by all relevant judged documents;
 * - `hit`: 1 when a relevant document is in the top k (trec_eval `success`);
 * - `reciprocal_rank`: 1 / rank of the first relevant document (MRR once averaged);
 * - `average_precision`: AP (MAP once averaged);
 * - `ndcg`: normalised discounted cumulative gain with graded gains.
 */
export type MetricFamily =
  'precision' | 'recall' | 'hit' | 'reciprocal_rank' | 'average_precision' | 'ndcg';

/** A per-query effectiveness measure. Values lie in [0, 1]. */
export interface Metric {
  /** Canonical name, the key in results: `ndcg@10`, `map`, `p@5`… */
  readonly name: string;
  /** The family it belongs to. */
  readonly family: MetricFamily;
  /** The cut-off k, or `undefined` for the whole ranking. */
  readonly cutoff: number | undefined;
  /** trec_eval's name for the same measure (`ndcg_cut_10`, `P_5`), when trec_eval has one. */
  readonly trecName: string | undefined;
  /** The value for one query. */
  compute(ranking: JudgedRanking): number;
}

/** Number of ranks a cut-off looks at: `k`, or all of them when there is no cut-off. */
export function depth(ranking: JudgedRanking, cutoff: number | undefined): number {
  const n = ranking.rels.length;
  return cutoff === undefined ? n : Math.min(n, cutoff);
}

/** Relevant documents among the first `limit` ranks. */
export function relevantInTop(ranking: JudgedRanking, limit: number): number {
  let count = 0;
  for (let i = 0; i < limit; i++) if (ranking.rels[i]! >= ranking.relevanceLevel) count++;
  return count;
}
