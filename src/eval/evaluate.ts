/**
 * `evaluate`: a run against qrels, per query and averaged, with trec_eval's semantics.
 *
 * @module
 */
import { describeValue } from '../util/describe.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import {
  DEFAULT_MAX_DOCS_PER_QUERY,
  DEFAULT_METRICS,
  DEFAULT_RELEVANCE_LEVEL,
} from './defaults.js';
import { parseMetricNames } from './metrics/names.js';
import type { Metric } from './metrics/types.js';
import { compareCodePoints, judgeRanking, rankDocuments } from './ranking.js';
import { defineOwn, getOwn, type Qrels, type Run } from './types.js';
import {
  booleanOption,
  enumOption,
  integerOption,
  readOptions,
  stringArrayOption,
} from '../util/options.js';

/**
 * What to do with a query whose qrels hold no relevant document:
 * - `zero` (default, trec_eval's behaviour): it is evaluated, every metric is 0 for it, and
 *   it counts in the means. trec_eval does not drop such queries: `te_calc_avg_meas_s`
 *   divides by every query with both results and qrels (`num_q`), and map, recall,
 *   recip_rank, P, success and ndcg_cut all give 0 when `num_rel` is 0.
 * - `exclude`: it is left out of `perQuery` and of the means, and listed in `skipped`.
 *
 * Either way its id is listed in {@link EvaluationResult.noRelevant}.
 */
export type NoRelevantPolicy = 'zero' | 'exclude';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Metric names (see `parseMetricName`) or one comma-separated string. Default {@link DEFAULT_METRICS}. */
  metrics?: readonly string[] | string;
  /** Smallest relevant judgment, trec_eval `-l`. Integer ≥ 0, default 1. */
  relevanceLevel?: number;
  /**
   * trec_eval `-c`: also evaluate queries that are in the qrels but absent from the run;
   * they score 0 on every metric and count in the means. Default `false`: only queries in
   * both the run and the qrels are evaluated.
   */
  completeQueries?: boolean;
  /** trec_eval `-M`: keep only the first n documents of each query. Default: no limit. */
  maxDocsPerQuery?: number;
  /** Queries without relevant documents; default `zero`. See {@link NoRelevantPolicy}. */
  noRelevant?: NoRelevantPolicy;
}

/**
 * Why a query is not in `perQuery`:
 * - `not_in_qrels`: the run has it, the qrels do not (trec_eval ignores it too);
 * - `not_in_run`: the qrels have it, the run does not, and `completeQueries` is off;
 * - `no_relevant`: no relevant judgment and `noRelevant: 'exclude'`.
 */
export type SkipReason = 'not_in_qrels' | 'not_in_run' | 'no_relevant';

/** A query left out of the evaluation, and why. */
export interface SkippedQuery {
  qid: string;
  reason: SkipReason;
}

/** What {@link evaluate} returns. */
export interface EvaluationResult {
  /** Mean of each metric over the evaluated queries, keyed by canonical name (`p@10`). NaN when no query was evaluated. */
  metrics: Record<string, number>;
  /** Each evaluated query's values, queries in code-point order of their ids. */
  perQuery: Record<string, Record<string, number>>;
  /** Queries not evaluated, with the reason. */
  skipped: SkippedQuery[];
  /** Queries (evaluated or not) whose qrels hold no document judged ≥ the relevance level. */
  noRelevant: string[];
  /** Number of evaluated queries, the divisor of the means (trec_eval `num_q`). */
  numQueries: number;
}

/**
 * Evaluates a run against qrels. Each query's documents are sorted by score, ties broken by
 * document id in descending code-point order (trec_eval's rule, see `compareTrecOrder`);
 * unjudged and negatively judged documents are non-relevant.
 *
 * @example
 * ```ts
 * const result = evaluate(run, qrels, { metrics: ['ndcg@10', 'map', 'mrr'] });
 * result.metrics['ndcg@10']; // mean over queries
 * ```
 * @throws An `OptionError` for an unknown option key (with a did-you-mean), unknown
 * metric names or invalid option values.
 * @throws A {@link ValidationError} when a score is not a finite number or a judgment not an integer.
 */
export function evaluate(run: Run, qrels: Qrels, options?: EvaluateOptions): EvaluationResult {
  const o = readOptions(options, EVALUATE_OPTION_KEYS);
  const metrics = parseMetricNames(checkMetricNames(o.metrics));
  const relevanceLevel = checkRelevanceLevel(o.relevanceLevel);
  const maxDocs = checkMaxDocs(o.maxDocsPerQuery);
  const policy = checkPolicy(o.noRelevant);
  const complete = booleanOption(o.completeQueries, 'completeQueries', false);
  validateTables(run, qrels);

  const qids = new Set([...Object.keys(run), ...Object.keys(qrels)]);
  const ordered = [...qids].sort(compareCodePoints);
  const perQuery: Record<string, Record<string, number>> = {};
  const skipped: SkippedQuery[] = [];
  const noRelevant: string[] = [];
  const sums = new Map<string, number>(metrics.map((m) => [m.name, 0]));
  let numQueries = 0;

  for (const qid of ordered) {
    const results = getOwn(run, qid);
    const judgments = getOwn(qrels, qid);
    if (judgments === undefined) {
      skipped.push({ qid, reason: 'not_in_qrels' });
      continue;
    }
    const hasRelevant = Object.values(judgments).some((rel) => rel >= relevanceLevel);
    if (!hasRelevant) noRelevant.push(qid);
    if (results === undefined && !complete) {
      skipped.push({ qid, reason: 'not_in_run' });
      continue;
    }
    if (!hasRelevant && policy === 'exclude') {
      skipped.push({ qid, reason: 'no_relevant' });
      continue;
    }
    const ranked = results === undefined ? [] : rankDocuments(results, maxDocs);
    const values = computeAll(metrics, judgeRanking(ranked, judgments, relevanceLevel));
    defineOwn(perQuery, qid, values);
    for (const m of metrics) sums.set(m.name, sums.get(m.name)! + values[m.name]!);
    numQueries++;
  }

  const means: Record<string, number> = {};
  for (const m of metrics)
    means[m.name] = numQueries === 0 ? Number.NaN : sums.get(m.name)! / numQueries;
  return { metrics: means, perQuery, skipped, noRelevant, numQueries };
}

function computeAll(
  metrics: readonly Metric[],
  ranking: ReturnType<typeof judgeRanking>,
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const m of metrics) values[m.name] = m.compute(ranking);
  return values;
}

/** The keys {@link EvaluateOptions} may have; any other key is an OptionError. */
const EVALUATE_OPTION_KEYS = [
  'metrics',
  'relevanceLevel',
  'completeQueries',
  'maxDocsPerQuery',
  'noRelevant',
] as const;

function checkMetricNames(names: unknown): readonly string[] | string {
  if (names === undefined) return DEFAULT_METRICS;
  if (typeof names === 'string') return names;
  return stringArrayOption(names, 'metrics');
}

function checkRelevanceLevel(level: unknown): number {
  return integerOption(level, 'relevanceLevel', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    default: DEFAULT_RELEVANCE_LEVEL,
  });
}

function checkMaxDocs(max: unknown): number {
  return integerOption(max, 'maxDocsPerQuery', {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    infinity: true,
    default: DEFAULT_MAX_DOCS_PER_QUERY,
  });
}

function checkPolicy(policy: unknown): NoRelevantPolicy {
  return enumOption<NoRelevantPolicy>(policy, 'noRelevant', ['zero', 'exclude'], 'zero');
}

/** Largest number of issues gathered before giving up, so a huge bad file stays readable. */
const MAX_REPORTED_ISSUES = 100;

function validateTables(run: Run, qrels: Qrels): void {
  for (const [kind, table] of [
    ['run', run],
    ['qrels', qrels],
  ] as const) {
    if (table === null || typeof table !== 'object' || Array.isArray(table))
      throw new ValidationError(kind, [
        {
          recordId: '',
          path: '',
          code: 'invalid_type',
          message: `${kind} must be an object { qid: { docid: number } }, received ${describeValue(table)}`,
          expected: 'an object { qid: { docid: number } }',
        },
      ]);
  }
  const runIssues = tableIssues(run, 'run');
  if (runIssues.length > 0) throw new ValidationError('run', runIssues);
  const qrelsIssues = tableIssues(qrels, 'qrels');
  if (qrelsIssues.length > 0) throw new ValidationError('qrels', qrelsIssues);
}

/** Scores must be finite numbers, judgments integers (trec_eval reads them with `atol`). */
function tableIssues(table: Run | Qrels, kind: 'run' | 'qrels'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const expected = kind === 'run' ? 'a finite score' : 'an integer relevance judgment';
  for (const qid of Object.keys(table)) {
    const row: unknown = table[qid];
    if (typeof row !== 'object' || row === null) {
      issues.push({
        recordId: qid,
        path: '',
        code: 'invalid_type',
        message: `${kind} query ${JSON.stringify(qid)} is not an object of documents`,
        expected: 'an object { docid: number }',
      });
      continue;
    }
    for (const [docid, value] of Object.entries(row)) {
      if (issues.length >= MAX_REPORTED_ISSUES) return issues;
      const ok =
        kind === 'run'
          ? typeof value === 'number' && Number.isFinite(value)
          : Number.isSafeInteger(value);
      if (!ok) {
        issues.push({
          recordId: qid,
          path: docid,
          code: 'invalid_type',
          message: `${kind} value of document ${JSON.stringify(docid)} is ${String(value)}; expected ${expected}`,
          received: String(value),
          expected,
        });
      }
    }
  }
  return issues;
}
