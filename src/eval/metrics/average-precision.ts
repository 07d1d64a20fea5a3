/**
 * Average precision (trec_eval `map`, `m_map.c`, and `map_cut_k`, `m_map_cut.c`).
 *
 * @module
 */
import type { Metric } from './types.js';
import { depth } from './types.js';

/**
 * AP: the sum of the precision at the rank of each relevant retrieved document, divided by
 * the number of relevant judged documents of the query, retrieved or not (so relevant
 * documents never retrieved contribute 0). With a cut-off only the first k ranks are
 * summed and the divisor stays the same (trec_eval `map_cut_k`). 0 when the query has no
 * relevant document.
 */
export function createAveragePrecision(k?: number): Metric {
  return {
    name: k === undefined ? 'map' : `map@${k}`,
    family: 'average_precision',
    cutoff: k,
    trecName: k === undefined ? 'map' : `map_cut_${k}`,
    compute: (ranking) => {
      if (ranking.numRelevant === 0) return 0;
      const limit = depth(ranking, k);
      let found = 0;
      let sum = 0;
      for (let i = 0; i < limit; i++) {
        if (ranking.rels[i]! >= ranking.relevanceLevel) {
          found++;
          sum += found / (i + 1);
        }
      }
      return sum / ranking.numRelevant;
    },
  };
}
