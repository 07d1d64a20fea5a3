/**
 * Hit at k, also called success at k (trec_eval `success_k`, `m_success.c`).
 *
 * @module
 */
import type { Metric } from './types.js';
import { depth, relevantInTop } from './types.js';

/** Hit@k: 1 when at least one relevant document is among the first k, else 0. */
export function createHit(k: number): Metric {
  return {
    name: `hit@${k}`,
    family: 'hit',
    cutoff: k,
    trecName: `success_${k}`,
    compute: (ranking) => (relevantInTop(ranking, depth(ranking, k)) > 0 ? 1 : 0),
  };
}
