/**
 * Normalised discounted cumulative gain (trec_eval `ndcg_cut_k`, `m_ndcg_cut.c`, and
 * `ndcg` without a cut-off).
 *
 * @module
 */
import type { JudgedRanking } from '../ranking.js';
import type { Metric } from './types.js';
import { depth } from './types.js';

/**
 * nDCG@k as trec_eval 9 computes it:
 * - gain of a retrieved document = its judgment when positive, else 0 (linear gain; the
 *   relevance level does not apply, a judgment of 1 has gain 1 even under `-l 2`);
 * - discount of rank r = log2(r + 1), so rank 1 is undiscounted (trec_eval ≥ 9.0; 8.x
 *   used log2(r) from rank 2 on);
 * - ideal DCG@k = DCG of the query's positive judgments sorted by decreasing gain, taken
 *   over **all** judged documents, retrieved or not, and cut at k;
 * - 0 when the ideal DCG is 0 (no positive judgment).
 */
export function createNdcg(k?: number): Metric {
  return {
    name: k === undefined ? 'ndcg' : `ndcg@${k}`,
    family: 'ndcg',
    cutoff: k,
    trecName: k === undefined ? 'ndcg' : `ndcg_cut_${k}`,
    compute: (ranking) => {
      const ideal = idealDcg(ranking, k);
      return ideal > 0 ? dcg(ranking, k) / ideal : 0;
    },
  };
}

/** Discounted cumulative gain of the retrieved ranking, cut at k. */
export function dcg(ranking: JudgedRanking, k: number | undefined): number {
  const limit = depth(ranking, k);
  let sum = 0;
  for (let i = 0; i < limit; i++) {
    const gain = ranking.rels[i]!;
    if (gain > 0) sum += gain / Math.log2(i + 2);
  }
  return sum;
}

/** DCG of the ideal ranking, cut at k. */
export function idealDcg(ranking: JudgedRanking, k: number | undefined): number {
  const gains = ranking.idealGains;
  const limit = k === undefined ? gains.length : Math.min(gains.length, k);
  let sum = 0;
  for (let i = 0; i < limit; i++) sum += gains[i]! / Math.log2(i + 2);
  return sum;
}
