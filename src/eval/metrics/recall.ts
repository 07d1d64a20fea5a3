/**
 * Recall at k (trec_eval `recall_k`, `m_recall.c`).
 *
 * @module
 */
import type { Metric } from './types.js';
import { depth, relevantInTop } from './types.js';

/**
 * Recall@k: relevant documents among the first k, divided by the number of relevant judged
 * documents of the query (retrieved or not). 0 when the query has no relevant document.
 */
export function createRecall(k: number): Metric {
  return {
    name: `recall@${k}`,
    family: 'recall',
    cutoff: k,
    trecName: `recall_${k}`,
    compute: (ranking) =>
      ranking.numRelevant === 0
        ? 0
        : relevantInTop(ranking, depth(ranking, k)) / ranking.numRelevant,
  };
}
