/**
 * The metrics, one file each, and the name parser.
 *
 * @module
 */
export { createAveragePrecision } from './average-precision.js';
export { createHit } from './hit.js';
export { createNdcg, dcg, idealDcg } from './ndcg.js';
export { createPrecision } from './precision.js';
export { createRecall } from './recall.js';
export { createReciprocalRank } from './reciprocal-rank.js';
export { METRIC_ALIASES, parseMetricName, parseMetricNames, type FamilySpelling } from './names.js';
export type { Metric, MetricFamily } from './types.js';
