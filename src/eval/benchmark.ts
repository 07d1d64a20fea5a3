/**
 * Benchmarking a profile on a dataset the way an analyst compares strategies: random and
 * popularity baselines, content-only (attributes without interactions), the profile as given,
 * the profile with cross-validated tuned weights, and the learned strategy (cross-validated),
 * each evaluated with trec_eval semantics and compared with popularity by paired tests.
 *
 * Factor values of every eligible (query, candidate) pair are computed once through the
 * public matchers (so the fast path is used where it applies); re-weighting then only
 * recombines them with the profile's strategy, which keeps tuning cheap and exact.
 *
 * Honesty: tuned weights and learned models are always scored on queries they were not fitted
 * on (k-fold over queries; each query's value comes from the fold that held it out).
 *
 * @module
 */
import { OptionError } from '../errors.js';
import { columnarStrategyOf, combineColumnar } from '../fast/plan.js';
import { createInvestorMatcher } from '../engine/matchers/investor-matcher.js';
import { createProductMatcher } from '../engine/matchers/product-matcher.js';
import type { FactorScore, FactorSide, Profile, RankingStrategy } from '../engine/types.js';
import type {
  Enterprise,
  FinancialProduct,
  Interaction,
  Investor,
  Project,
} from '../model/types.js';
import { trainLinearModel, type TrainingExample } from '../learn/train.js';
import { learnedStrategy } from '../learn/learned-strategy.js';
import { tuneWeights, type Weights } from '../tune/tune.js';
import { createRandom } from '../util/random.js';
import { compareRuns, type RunComparison } from './compare.js';
import { evaluate, type EvaluationResult } from './evaluate.js';
import {
  createPopularityBaseline,
  createRandomBaseline,
  runFromScorer,
} from './protocol/baselines.js';
import { compareTrecOrder } from './ranking.js';
import { defineOwn, type Qrels, type Run } from './types.js';

/** One query's eligible candidates and their factor values. */
export interface QueryFeatures {
  /** Candidate ids (eligible targets), in id order. */
  ids: string[];
  /** Factor values, row-major `ids.length × factorNames.length`; NaN = abstained. */
  values: Float64Array;
}

/** Factor values of every eligible pair, computed once. */
export interface FeatureTable {
  factorNames: string[];
  sides: FactorSide[];
  weights: number[];
  queries: Map<string, QueryFeatures>;
}

/** A dataset for {@link benchmarkProfile}. */
export type BenchmarkDataset =
  | {
      market: 'enterpriseProduct';
      subjects: readonly Enterprise[];
      targets: readonly FinancialProduct[];
      interactions: readonly Interaction[];
      qrels: Qrels;
      asOf: string;
    }
  | {
      market: 'projectInvestor';
      subjects: readonly Project[];
      targets: readonly Investor[];
      interactions: readonly Interaction[];
      qrels: Qrels;
      asOf: string;
    };

/**
 * Computes the factor values of every eligible (subject, target) pair with the profile, via
 * the public matcher (rank with k = ∞).
 */
export function buildFeatureTable(
  dataset: BenchmarkDataset,
  profile: Profile<Enterprise, FinancialProduct> | Profile<Project, Investor>,
  options: { onProgress?: (done: number, total: number) => void } = {},
): FeatureTable {
  const factorNames = profile.factors.map((f) => f.factor.name);
  const queries = new Map<string, QueryFeatures>();
  const d = factorNames.length;
  const add = (qid: string, matches: { id: string; factors: Record<string, number | null> }[]) => {
    const sorted = [...matches].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const values = new Float64Array(sorted.length * d);
    sorted.forEach((m, i) =>
      factorNames.forEach((n, j) => (values[i * d + j] = m.factors[n] ?? NaN)),
    );
    queries.set(qid, { ids: sorted.map((m) => m.id), values });
  };
  const total = dataset.subjects.length;
  if (dataset.market === 'enterpriseProduct') {
    const matcher = createProductMatcher(dataset.targets, {
      profile: profile as Profile<Enterprise, FinancialProduct>,
      asOf: dataset.asOf,
      interactions: dataset.interactions,
    });
    dataset.subjects.forEach((s, i) => {
      add(
        s.id,
        matcher
          .rankProducts(s, { k: Infinity })
          .map((m) => ({ id: m.productId, factors: m.factors })),
      );
      if (i % 200 === 0) options.onProgress?.(i, total);
    });
  } else {
    const matcher = createInvestorMatcher(dataset.targets, {
      profile: profile as Profile<Project, Investor>,
      asOf: dataset.asOf,
      interactions: dataset.interactions,
    });
    dataset.subjects.forEach((s, i) => {
      add(
        s.id,
        matcher
          .rankInvestors(s, { k: Infinity })
          .map((m) => ({ id: m.investorId, factors: m.factors })),
      );
      if (i % 200 === 0) options.onProgress?.(i, total);
    });
  }
  options.onProgress?.(total, total);
  return {
    factorNames,
    sides: profile.factors.map((f) => f.factor.side ?? 'both'),
    weights: profile.factors.map((f) => f.weight),
    queries,
  };
}

/**
 * Scores every candidate of the table with `strategy` and the given weights (by factor name;
 * missing names keep the table's weights) and returns a run. Exactly the strategy's
 * arithmetic, so the result equals ranking with the re-weighted profile.
 */
export function runFromFeatures(
  table: FeatureTable,
  strategy: RankingStrategy,
  weights: Weights = {},
  queryIds?: readonly string[],
): Run {
  const run: Record<string, Record<string, number>> = {};
  const d = table.factorNames.length;
  const w = Float64Array.from(table.factorNames, (n, j) => weights[n] ?? table.weights[j]!);
  // The shipped weighted-sum and reciprocal strategies are recombined with the fast path's
  // allocation-free arithmetic (identical to their `combine`); any other strategy is called.
  const columnar = columnarStrategyOf(strategy);
  const sides = Uint8Array.from(table.sides, (s) => (s === 'subject' ? 0 : s === 'target' ? 1 : 2));
  for (const qid of queryIds ?? [...table.queries.keys()]) {
    const q = table.queries.get(qid);
    const row: Record<string, number> = {};
    if (q) {
      for (let i = 0; i < q.ids.length; i++) {
        let score: number;
        if (columnar) {
          score = combineColumnar(columnar, q.values.subarray(i * d, (i + 1) * d), w, sides);
        } else {
          const factors: FactorScore[] = [];
          for (let j = 0; j < d; j++) {
            const v = q.values[i * d + j]!;
            factors.push({
              name: table.factorNames[j]!,
              value: Number.isNaN(v) ? null : v,
              weight: w[j]!,
              side: table.sides[j]!,
            });
          }
          score = strategy.combine({ factors }).score;
        }
        defineOwn(row, q.ids[i]!, score);
      }
    }
    defineOwn(run, qid, row);
  }
  return run;
}

/** Options of {@link benchmarkProfile}. */
export interface BenchmarkOptions {
  /** Metrics to report. Default ndcg@10, recall@10, mrr. */
  metrics?: readonly string[];
  /** Metric that tuning and the learned model optimise / are compared on. Default ndcg@10. */
  objective?: string;
  /** Cross-validation folds for tuning and learning. Default 3. */
  folds?: number;
  seed?: number;
  /** Factors that use interactions (dropped for the content-only run). Default collaborative. */
  interactionFactors?: readonly string[];
  /** Tuning search method. Default coordinate. */
  tuneMethod?: 'grid' | 'random' | 'coordinate';
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** One strategy's evaluation in a benchmark. */
export interface BenchmarkRow {
  name: string;
  evaluation: EvaluationResult;
  /** The run itself (every eligible candidate's score per query). */
  run: Run;
  /** Paired tests against popularity on the objective metric (absent for popularity). */
  vsPopularity?: { t: RunComparison; randomisation: RunComparison };
}

/** What {@link benchmarkProfile} returns. */
export interface BenchmarkResult {
  rows: BenchmarkRow[];
  tunedWeights: Weights;
  learnedWeights: Weights;
  /** Every configuration the final tuning search tried (on all queries), in order. */
  tuningTrials: { index: number; weights: Weights; score: number }[];
  table: FeatureTable;
  queries: number;
}

/**
 * Runs the full comparison. `profile` must already include any text or collaborative factors
 * the caller wants in "default"; content-only drops `interactionFactors` from it.
 */
export function benchmarkProfile(
  dataset: BenchmarkDataset,
  profile: Profile<Enterprise, FinancialProduct> | Profile<Project, Investor>,
  options: BenchmarkOptions = {},
): BenchmarkResult {
  const metrics = [...(options.metrics ?? ['ndcg@10', 'recall@10', 'mrr'])];
  const objective = options.objective ?? 'ndcg@10';
  if (!metrics.includes(objective)) metrics.push(objective);
  const folds = options.folds ?? 3;
  const seed = options.seed ?? 1;
  const qrels = dataset.qrels;
  const queryIds = dataset.subjects
    .map((s) => s.id)
    .filter((id) => Object.hasOwn(qrels, id))
    .sort();
  if (queryIds.length < folds)
    throw new OptionError('qrels', `need at least ${folds} judged queries, got ${queryIds.length}`);
  const evalOpts = { metrics, completeQueries: true } as const;
  const ev = (run: Run) => evaluate(restrict(run, queryIds), restrict(qrels, queryIds), evalOpts);

  const table = buildFeatureTable(dataset, profile, {
    onProgress: (d, t) => options.onProgress?.('features', d, t),
  });
  const targetIds = dataset.targets.map((t) => t.id);
  const rows: BenchmarkRow[] = [];

  const push = (name: string, run: Run): BenchmarkRow => {
    const row: BenchmarkRow = { name, run, evaluation: ev(run) };
    rows.push(row);
    return row;
  };
  push(
    'random',
    runFromScorer(createRandomBaseline({ seed }), { subjects: queryIds, candidates: targetIds }),
  );
  const popularity = push(
    'popularity',
    runFromScorer(
      createPopularityBaseline({ interactions: dataset.interactions, itemOf: (i) => i.itemId }),
      {
        subjects: queryIds,
        candidates: targetIds,
      },
    ),
  ).evaluation;

  const strategy = profile.strategy;
  const interactionFactors = new Set(options.interactionFactors ?? ['collaborative']);
  const contentWeights: Weights = {};
  for (const n of table.factorNames) if (interactionFactors.has(n)) contentWeights[n] = 0;
  const hasInteractionFactor = Object.keys(contentWeights).length > 0;
  if (table.factorNames.every((n) => interactionFactors.has(n)))
    throw new OptionError('profile', 'content-only needs at least one attribute factor');
  push('content-only', runFromFeatures(table, strategy, contentWeights));
  if (hasInteractionFactor) push('default', runFromFeatures(table, strategy));

  // Tuned: k-fold over queries; every query is scored with weights tuned on the other folds.
  const initial: Weights = Object.fromEntries(
    table.factorNames.map((n, j) => [n, table.weights[j]!]),
  );
  const objectiveOf = (w: Weights, qs: readonly string[]) =>
    evaluate(runFromFeatures(table, strategy, w, qs), restrict(qrels, qs), {
      metrics: [objective],
      completeQueries: true,
    }).metrics[objective]!;
  const foldOf = assignFolds(queryIds, folds, seed);
  const tunedRun: Record<string, Record<string, number>> = {};
  const learnedRun: Record<string, Record<string, number>> = {};
  for (let f = 0; f < folds; f++) {
    options.onProgress?.('cross-validation', f, folds);
    const train = queryIds.filter((q) => foldOf.get(q) !== f);
    const test = queryIds.filter((q) => foldOf.get(q) === f);
    const tuned = tuneWeights({
      initial,
      queries: train,
      objective: objectiveOf,
      method: options.tuneMethod ?? 'coordinate',
      folds: 2,
      seed,
      crossValidate: false,
    });
    Object.assign(tunedRun, runFromFeatures(table, strategy, tuned.best.weights, test));
    const model = trainLinearModel(examplesFrom(table, qrels, train), {
      factorNames: table.factorNames,
      seed,
    });
    Object.assign(learnedRun, runFromFeatures(table, learnedStrategy(model), {}, test));
  }
  push('tuned (CV)', tunedRun);
  push('learned (CV)', learnedRun);
  const finalTuned = tuneWeights({
    initial,
    queries: queryIds,
    objective: objectiveOf,
    method: options.tuneMethod ?? 'coordinate',
    folds: 2,
    seed,
    crossValidate: false,
  });
  const finalModel = trainLinearModel(examplesFrom(table, qrels, queryIds), {
    factorNames: table.factorNames,
    seed,
  });

  for (const row of rows) {
    if (row.name === 'popularity') continue;
    row.vsPopularity = {
      t: compareRuns(row.evaluation, popularity, { metric: objective, test: 't' }),
      randomisation: compareRuns(row.evaluation, popularity, {
        metric: objective,
        test: 'randomisation',
        seed,
      }),
    };
  }
  return {
    rows,
    tunedWeights: finalTuned.best.weights,
    tuningTrials: finalTuned.trials,
    learnedWeights: Object.fromEntries(
      finalModel.factorNames.map((n, i) => [n, finalModel.weights[i]!]),
    ),
    table,
    queries: queryIds.length,
  };
}

function examplesFrom(
  table: FeatureTable,
  qrels: Qrels,
  queries: readonly string[],
): TrainingExample[] {
  const d = table.factorNames.length;
  const out: TrainingExample[] = [];
  for (const qid of queries) {
    const q = table.queries.get(qid);
    if (!q) continue;
    const judged = qrels[qid] ?? {};
    for (let i = 0; i < q.ids.length; i++) {
      const features: (number | null)[] = [];
      for (let j = 0; j < d; j++) {
        const v = q.values[i * d + j]!;
        features.push(Number.isNaN(v) ? null : v);
      }
      out.push({
        query: qid,
        item: q.ids[i]!,
        features,
        label: Object.hasOwn(judged, q.ids[i]!) ? judged[q.ids[i]!]! : 0,
      });
    }
  }
  return out;
}

function assignFolds(ids: readonly string[], folds: number, seed: number): Map<string, number> {
  return new Map(
    createRandom(`${seed}:benchmark-folds`)
      .shuffle(ids)
      .map((q, i) => [q, i % folds]),
  );
}

function restrict<T>(
  table: Readonly<Record<string, T>>,
  ids: readonly string[],
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const id of ids)
    if (Object.hasOwn(table, id)) defineOwn(out as Record<string, T>, id, table[id]!);
  return out;
}

/** The top `k` of one run's query as [docid, score] pairs in trec_eval order. */
export function topOfRun(run: Run, qid: string, k: number): [string, number][] {
  return Object.entries(run[qid] ?? {})
    .map(([docid, score]) => ({ docid, score }))
    .sort(compareTrecOrder)
    .slice(0, k)
    .map((x) => [x.docid, x.score]);
}
