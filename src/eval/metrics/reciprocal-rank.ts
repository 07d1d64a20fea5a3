/**
 * Reciprocal rank (trec_eval `recip_rank`, `m_recip_rank.c`); its mean over queries is MRR.
 *
 * @module
 */
import type { Metric } from './types.js';
import { depth } from './types.js';

/**
 * RR: 1 / rank of the first relevant document, 0 when none is retrieved. With a cut-off
 * (`mrr@k`, not a trec_eval measure; trec_eval gives the same value with `-M k`) only the
 * first k ranks are searched.
 */
export function createReciprocalRank(k?: number): Metric {
  return {
    name: k === undefined ? 'mrr' : `mrr@${k}`,
    family: 'reciprocal_rank',
    cutoff: k,
    trecName: k === undefined ? 'recip_rank' : undefined,
    compute: (ranking) => {
      const limit = depth(ranking, k);
      for (let i = 0; i < limit; i++) {
        if (ranking.rels[i]! >= ranking.relevanceLevel) return 1 / (i + 1);
      }
      return 0;
    },
  };
}
