/**
 * Precision at k (trec_eval `P_k`, `m_P.c`).
 *
 * @module
 */
import type { Metric } from './types.js';
import { depth, relevantInTop } from './types.js';

/**
 * P@k: relevant documents among the first k, divided by k. The divisor is k even when
 * fewer than k documents were retrieved: trec_eval assumes non-relevant documents fill the
 * rest (15 retrieved, 4 relevant → P@20 = 4/20).
 */
export function createPrecision(k: number): Metric {
  return {
    name: `p@${k}`,
    family: 'precision',
    cutoff: k,
    trecName: `P_${k}`,
    compute: (ranking) => relevantInTop(ranking, depth(ranking, k)) / k,
  };
}
