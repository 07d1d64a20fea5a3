/**
 * Turning metric names (`ndcg@10`, `P_10`, `ndcg_cut.10`, `recip_rank`…) into metrics.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { createAveragePrecision } from './average-precision.js';
import { createHit } from './hit.js';
import { createNdcg } from './ndcg.js';
import { createPrecision } from './precision.js';
import { createRecall } from './recall.js';
import { createReciprocalRank } from './reciprocal-rank.js';
import type { Metric, MetricFamily } from './types.js';

/** How one family is spelt and whether it needs a cut-off. */
export interface FamilySpelling {
  family: MetricFamily;
  /** `required`: `p` alone is an error; `optional`: `map` and `map@10` both exist. */
  cutoff: 'required' | 'optional';
  create: (k: number | undefined) => Metric;
}

const requireK =
  (create: (k: number) => Metric) =>
  (k: number | undefined): Metric =>
    create(k!);

const PRECISION: FamilySpelling = {
  family: 'precision',
  cutoff: 'required',
  create: requireK(createPrecision),
};
const RECALL: FamilySpelling = {
  family: 'recall',
  cutoff: 'required',
  create: requireK(createRecall),
};
const HIT: FamilySpelling = { family: 'hit', cutoff: 'required', create: requireK(createHit) };
const RR: FamilySpelling = {
  family: 'reciprocal_rank',
  cutoff: 'optional',
  create: createReciprocalRank,
};
const AP: FamilySpelling = {
  family: 'average_precision',
  cutoff: 'optional',
  create: createAveragePrecision,
};
const AP_CUT: FamilySpelling = { ...AP, cutoff: 'required' };
const NDCG: FamilySpelling = { family: 'ndcg', cutoff: 'optional', create: createNdcg };
const NDCG_CUT: FamilySpelling = { ...NDCG, cutoff: 'required' };

/**
 * Every accepted spelling (lower case) of a metric name before its cut-off. Names are
 * matched case-insensitively, and the cut-off follows `@`, `_`, `.` or nothing:
 * `P@10`, `p_10`, `P.10`, `p10` and `precision@10` are one metric.
 */
export const METRIC_ALIASES: Readonly<Record<string, FamilySpelling>> = Object.freeze({
  p: PRECISION,
  precision: PRECISION,
  recall: RECALL,
  r: RECALL,
  hit: HIT,
  hits: HIT,
  success: HIT,
  hit_rate: HIT,
  mrr: RR,
  rr: RR,
  recip_rank: RR,
  reciprocal_rank: RR,
  map: AP,
  ap: AP,
  map_cut: AP_CUT,
  ndcg: NDCG,
  ndcg_cut: NDCG_CUT,
});

const NAME_PATTERN = /^([a-z_]+?)(?:[@._]?(\d+))?$/;

/** What {@link parseMetricName} reports for an unknown name. */
const KNOWN_NAMES_HINT =
  'p@k, recall@k, hit@k (success@k), mrr, mrr@k (recip_rank), map, map@k (map_cut_k), ndcg, ndcg@k (ndcg_cut_k)';

/**
 * Parses one metric name into a {@link Metric}. The canonical name of the result
 * (`metric.name`) is the key under which `evaluate` reports it.
 *
 * @throws An {@link OptionError} (option `metrics`) for an unknown name, a missing cut-off
 *   (`p`), or a cut-off that is not a positive integer.
 */
export function parseMetricName(name: string): Metric {
  const text = name.trim().toLowerCase();
  const match = NAME_PATTERN.exec(text);
  const spelling = match ? METRIC_ALIASES[match[1]!] : undefined;
  if (!match || spelling === undefined || !Object.hasOwn(METRIC_ALIASES, match[1]!)) {
    throw new OptionError(
      'metrics',
      `unknown metric ${JSON.stringify(name)}; expected one of ${KNOWN_NAMES_HINT}`,
    );
  }
  const digits = match[2];
  if (digits === undefined) {
    if (spelling.cutoff === 'required') {
      throw new OptionError(
        'metrics',
        `metric ${JSON.stringify(name)} needs a cut-off, e.g. ${match[1]}@10`,
      );
    }
    return spelling.create(undefined);
  }
  const k = Number(digits);
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new OptionError(
      'metrics',
      `metric ${JSON.stringify(name)} has cut-off ${digits}; expected a positive integer`,
    );
  }
  return spelling.create(k);
}

/**
 * Parses a list of metric names (or one comma-separated string), dropping duplicates that
 * name the same metric (`P@10` and `p_10`), in first-seen order.
 *
 * @throws An {@link OptionError} for an empty list or any invalid name.
 */
export function parseMetricNames(names: readonly string[] | string): Metric[] {
  const list = typeof names === 'string' ? names.split(',') : names;
  const metrics: Metric[] = [];
  const seen = new Set<string>();
  for (const name of list) {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new OptionError(
        'metrics',
        `metric names must be non-empty strings, received ${JSON.stringify(name)}`,
      );
    }
    const metric = parseMetricName(name);
    if (seen.has(metric.name)) continue;
    seen.add(metric.name);
    metrics.push(metric);
  }
  if (metrics.length === 0) throw new OptionError('metrics', 'no metric requested');
  return metrics;
}
