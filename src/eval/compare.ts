/**
 * `compareRuns`: is run A better than run B on a metric, beyond chance?
 *
 * @module
 */
import { OptionError } from '../errors.js';
import { DEFAULT_ALPHA } from './defaults.js';
import { parseMetricName } from './metrics/names.js';
import { compareCodePoints } from './ranking.js';
import { pairedRandomisationTest } from './stats/randomisation.js';
import { pairedTTest } from './stats/t-test.js';

/**
 * The paired tests `compareRuns` offers:
 * - `t`: paired Student t-test (parametric; assumes roughly normal differences);
 * - `randomisation`: paired randomisation test (no distributional assumption; seeded).
 */
export type SignificanceTest = 't' | 'randomisation';

/** Per-query values of a run, as in `EvaluationResult.perQuery`. */
export interface PerQueryValues {
  perQuery: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Options of {@link compareRuns}. */
export interface CompareRunsOptions {
  /** The metric compared, any accepted spelling (`ndcg@10`, `ndcg_cut_10`). */
  metric: string;
  /** Default `t`. */
  test?: SignificanceTest;
  /** Significance level, in (0, 1). Default {@link DEFAULT_ALPHA} (0.05). */
  alpha?: number;
  /** Randomisation test only: trials (default 10,000). */
  trials?: number;
  /** Randomisation test only: seed. */
  seed?: number | string;
}

/** What {@link compareRuns} returns. */
export interface RunComparison {
  /** Canonical metric name. */
  metric: string;
  test: SignificanceTest;
  /** Queries paired: those evaluated in both runs. */
  n: number;
  /** Mean of A over the paired queries. */
  meanA: number;
  /** Mean of B over the paired queries. */
  meanB: number;
  /** meanA − meanB. */
  diff: number;
  /** Two-sided p-value. */
  pValue: number;
  alpha: number;
  /** pValue < alpha. */
  significant: boolean;
  /** Queries evaluated in only one of the runs, left out of the test. */
  unpaired: string[];
}

/**
 * Compares two evaluations query by query on one metric with a paired two-sided test.
 * Queries are paired by id; queries present in only one evaluation are listed in
 * `unpaired` and left out (evaluate both runs with `completeQueries` to pair every query
 * of the qrels).
 *
 * @example
 * ```ts
 * const cmp = compareRuns(evaluate(runA, qrels), evaluate(runB, qrels), { metric: 'ndcg@10' });
 * if (cmp.significant) console.log(`A − B = ${cmp.diff} (p = ${cmp.pValue})`);
 * ```
 * @throws An {@link OptionError} for an unknown metric or test, a metric missing from either
 *   evaluation, a bad alpha, or fewer than 2 paired queries.
 */
export function compareRuns(
  a: PerQueryValues,
  b: PerQueryValues,
  options: CompareRunsOptions,
): RunComparison {
  const metric = parseMetricName(options.metric).name;
  const test = options.test ?? 't';
  if (test !== 't' && test !== 'randomisation') {
    throw new OptionError(
      'test',
      `test must be 't' or 'randomisation', received ${JSON.stringify(test)}`,
    );
  }
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0 && alpha < 1))
    throw new OptionError('alpha', `alpha must be in (0, 1), received ${String(alpha)}`);

  const paired = Object.keys(a.perQuery)
    .filter((q) => Object.hasOwn(b.perQuery, q))
    .sort(compareCodePoints);
  const unpaired = [
    ...Object.keys(a.perQuery).filter((q) => !Object.hasOwn(b.perQuery, q)),
    ...Object.keys(b.perQuery).filter((q) => !Object.hasOwn(a.perQuery, q)),
  ].sort(compareCodePoints);
  const valuesA = paired.map((q) => metricValue(a, q, metric, 'a'));
  const valuesB = paired.map((q) => metricValue(b, q, metric, 'b'));
  if (paired.length < 2) {
    throw new OptionError(
      'a',
      `compareRuns needs at least 2 queries evaluated in both runs, found ${paired.length}`,
    );
  }
  const pValue =
    test === 't'
      ? pairedTTest(valuesA, valuesB).pValue
      : pairedRandomisationTest(valuesA, valuesB, { trials: options.trials, seed: options.seed })
          .pValue;
  const meanA = mean(valuesA);
  const meanB = mean(valuesB);
  return {
    metric,
    test,
    n: paired.length,
    meanA,
    meanB,
    diff: meanA - meanB,
    pValue,
    alpha,
    significant: pValue < alpha,
    unpaired,
  };
}

function metricValue(run: PerQueryValues, qid: string, metric: string, option: string): number {
  const value = run.perQuery[qid]![metric];
  if (typeof value !== 'number') {
    throw new OptionError(
      option,
      `metric ${metric} was not computed for query ${JSON.stringify(qid)}; evaluate with it first`,
    );
  }
  return value;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
