/**
 * `finmatch/eval`: offline evaluation of rankings with trec_eval's semantics — metrics,
 * TREC and JSONL run/qrels files, significance tests, splits and baselines, market
 * metrics and an HTML report.
 *
 * @packageDocumentation
 */
export * from './defaults.js';
export type { Run, Qrels } from './types.js';
export {
  compareTrecOrder,
  compareCodePoints,
  rankDocuments,
  judgeRanking,
  UNJUDGED,
  type JudgedRanking,
  type ScoredDocument,
} from './ranking.js';
export * from './metrics/index.js';
export {
  evaluate,
  type EvaluateOptions,
  type EvaluationResult,
  type NoRelevantPolicy,
  type SkipReason,
  type SkippedQuery,
} from './evaluate.js';
export * from './io/trec.js';
export * from './io/jsonl.js';
export * from './io/files.js';
export type { LineIssue, ParsedTable, TableKind } from './io/issues.js';
export {
  logGamma,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSidedP,
} from './stats/special.js';
export { pairedTTest, type TTestResult } from './stats/t-test.js';
export {
  pairedRandomisationTest,
  type RandomisationOptions,
  type RandomisationResult,
} from './stats/randomisation.js';
export * from './compare.js';
export * from './protocol/splits.js';
export * from './protocol/baselines.js';
export * from './protocol/queries.js';
export * from './market/coverage.js';
export * from './market/exposure.js';
export * from './market/diversity.js';
export * from './market/assignment.js';
export {
  renderReport,
  type ReportInput,
  type ReportRun,
  type ReportTable,
  type TuningPoint,
  type ExposureEntry,
} from './report.js';
export { escapeHtml } from './report-svg.js';
export {
  benchmarkProfile,
  benchmarkReportTables,
  buildFeatureTable,
  datasetQueries,
  enterpriseFeatureTokens,
  featureObjective,
  INTERACTION_FACTORS,
  projectFeatureTokens,
  runFromFeatures,
  topOfRun,
  trainingExamplesFromFeatures,
  type BaselineComparison,
  type BenchmarkDataset,
  type BenchmarkOptions,
  type BenchmarkResult,
  type BenchmarkRow,
  type BuildFeatureTableOptions,
  type FeatureTable,
  type QueryFeatures,
} from './benchmark.js';
export * from '../learn/index.js';
export * from '../tune/index.js';
