/**
 * Benchmarking a profile on a dataset the way an analyst compares strategies: baselines
 * (random, popularity, popularity within the subject's region and sector, a naive-Bayes
 * feature profile), content-only (attributes without interactions), the profile as given,
 * the profile with tuned weights, and the learned strategy, each evaluated with trec_eval
 * semantics on held-out queries and compared with every baseline by paired tests.
 *
 * Queries have their own ids ({@link EvaluationQuery}): a subject may be several queries
 * (one per funding round or application), each with the subject as it was then. A dataset
 * without explicit queries is one query per subject, keyed by the subject id.
 *
 * Factor values of every eligible (query, candidate) pair are computed once through the
 * public matchers (so the fast path is used where it applies); re-weighting then only
 * recombines them with the profile's strategy, which keeps tuning cheap and exact.
 *
 * Honesty: the judged queries are split once into training and held-out queries (by a hash
 * of the query id by default, or by date, or by a given list). Tuned weights and the learned
 * model are fitted on the training queries' judgments only; every row is scored on the
 * held-out queries only, so the paired tests compare all rows on the same queries.
 *
 * @module
 */
import { describeValue } from '../util/describe.js';
import {
  enumOption,
  functionOption,
  integerOption,
  readOptions,
  stringArrayOption,
  stringOption,
} from '../util/options.js';
import { OptionError } from '../errors.js';
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
import { trainLinearModel, type LinearModel, type TrainingExample } from '../learn/train.js';
import { learnedStrategy } from '../learn/learned-strategy.js';
import { tuneWeights, type Objective, type TuneTrial, type Weights } from '../tune/tune.js';
import { compareRuns, type RunComparison } from './compare.js';
import {
  DEFAULT_BASELINE_REGION_DIGITS,
  DEFAULT_BASELINE_SECTOR_CHARS,
  DEFAULT_RANDOMISATION_TRIALS,
  DEFAULT_TEST_FRACTION,
  NAIVE_BAYES_INTERACTION_WEIGHTS,
} from './defaults.js';
import { evaluate, type EvaluationResult } from './evaluate.js';
import { parseMetricName } from './metrics/names.js';
import {
  createNaiveBayesBaseline,
  createPopularityBaseline,
  createRandomBaseline,
  createRegionPopularityBaseline,
  createSectorPopularityBaseline,
  runFromScorer,
  type Scorer,
} from './protocol/baselines.js';
import { checkQueries, queriesFromSubjects, type EvaluationQuery } from './protocol/queries.js';
import { splitQueries, type QuerySplitOptions } from './protocol/splits.js';
import { compareTrecOrder } from './ranking.js';
import type { ReportTable } from './report.js';
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
  /** Per query id. */
  queries: Map<string, QueryFeatures>;
}

/**
 * A dataset for {@link benchmarkProfile}. `subjects` are the subject records (history,
 * baselines); `queries`, when given, are the ranking requests, keyed by query id, each with
 * the subject as it was then; without them every subject is one query keyed by its id.
 * `qrels` are keyed by query id; `interactions` are the history the matcher and the baselines
 * learn from (never the judgments).
 */
export type BenchmarkDataset =
  | {
      market: 'enterpriseProduct';
      subjects: readonly Enterprise[];
      targets: readonly FinancialProduct[];
      interactions: readonly Interaction[];
      qrels: Qrels;
      asOf: string;
      queries?: readonly EvaluationQuery<Enterprise>[];
      /**
       * Records of the subjects named in `interactions` (the history the learned factors count);
       * default `subjects`.
       */
      historySubjects?: readonly Enterprise[];
    }
  | {
      market: 'projectInvestor';
      subjects: readonly Project[];
      targets: readonly Investor[];
      interactions: readonly Interaction[];
      qrels: Qrels;
      asOf: string;
      queries?: readonly EvaluationQuery<Project>[];
      /**
       * Records of the subjects named in `interactions` (the history the learned factors count);
       * default `subjects`.
       */
      historySubjects?: readonly Project[];
    };

/** A dataset's queries: its explicit queries, or one per subject keyed by the subject id. */
export function datasetQueries(dataset: BenchmarkDataset): EvaluationQuery<Enterprise | Project>[] {
  return checkQueries<EvaluationQuery<Enterprise | Project>>(
    dataset.queries ?? queriesFromSubjects<Enterprise | Project>(dataset.subjects),
  );
}

/** Options of {@link buildFeatureTable}. */
export interface BuildFeatureTableOptions {
  /** Only these query ids (default: every query of the dataset). */
  queryIds?: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

/**
 * Computes the factor values of every eligible (query, target) pair with the profile, via
 * the public matcher (rank with k = ∞), ranking each query's subject as recorded in the
 * query. Keyed by query id.
 */
export function buildFeatureTable(
  dataset: BenchmarkDataset,
  profile: Profile<Enterprise, FinancialProduct> | Profile<Project, Investor>,
  options: BuildFeatureTableOptions = {},
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
  let requests = datasetQueries(dataset);
  if (options.queryIds) {
    const wanted = new Set(options.queryIds);
    requests = requests.filter((q) => wanted.has(q.qid));
  }
  const total = requests.length;
  if (dataset.market === 'enterpriseProduct') {
    const matcher = createProductMatcher(dataset.targets, {
      profile: profile as Profile<Enterprise, FinancialProduct>,
      asOf: dataset.asOf,
      interactions: dataset.interactions,
      // The learned factors read the features of the subjects named in the interactions.
      subjects: dataset.historySubjects ?? dataset.subjects,
    });
    requests.forEach((q, i) => {
      add(
        q.qid,
        matcher
          .rankProducts(q.subject as Enterprise, { k: Infinity })
          .map((m) => ({ id: m.productId, factors: m.factors })),
      );
      if (i % 200 === 0) options.onProgress?.(i, total);
    });
  } else {
    const matcher = createInvestorMatcher(dataset.targets, {
      profile: profile as Profile<Project, Investor>,
      asOf: dataset.asOf,
      interactions: dataset.interactions,
      // The learned factors read the features of the subjects named in the interactions.
      subjects: dataset.historySubjects ?? dataset.subjects,
    });
    requests.forEach((q, i) => {
      add(
        q.qid,
        matcher
          .rankInvestors(q.subject as Project, { k: Infinity })
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
  const nominal = Float64Array.from(table.factorNames, (n, j) => weights[n] ?? table.weights[j]!);
  // A strategy with a kernel is run through it, allocation-free (its `combine` is derived from
  // the same kernel); a custom strategy implementing only `combine` is called.
  const kernel = strategy.compile?.(table.factorNames) ?? null;
  const w = kernel ? kernel.weights(nominal) : nominal;
  const sides = Uint8Array.from(table.sides, (s) => (s === 'subject' ? 0 : s === 'target' ? 1 : 2));
  for (const qid of queryIds ?? [...table.queries.keys()]) {
    const q = table.queries.get(qid);
    const row: Record<string, number> = {};
    if (q) {
      for (let i = 0; i < q.ids.length; i++) {
        let score: number;
        if (kernel) {
          score = kernel.score(q.values.subarray(i * d, (i + 1) * d), w, sides);
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
  /**
   * How judged queries are split into training (fitting tuned weights and the learned model)
   * and held-out queries (scoring every row). Default: a hash split holding out
   * {@link DEFAULT_TEST_FRACTION} of the query ids.
   */
  split?: QuerySplitOptions;
  /** @deprecated Ignored: rows are scored on one held-out split (see `split`), not k folds. */
  folds?: number;
  /** Seed of the random baseline, pair sampling, random search and randomisation tests. */
  seed?: number;
  /**
   * Factors that use interactions (dropped for the content-only run). Default
   * {@link INTERACTION_FACTORS}: the collaborative and the three learned factors.
   */
  interactionFactors?: readonly string[];
  /** Tuning search method. Default coordinate. */
  tuneMethod?: 'grid' | 'random' | 'coordinate';
  /**
   * The naive-Bayes baseline's `name=value` tokens of a subject. Default
   * {@link enterpriseFeatureTokens} / {@link projectFeatureTokens}.
   */
  featuresOf?: (subject: Enterprise | Project) => readonly string[];
  /** Sign flips of each randomisation test. Default {@link DEFAULT_RANDOMISATION_TRIALS}. */
  randomisationTrials?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** The keys {@link BenchmarkOptions} may have; any other key is an OptionError. */
const BENCHMARK_OPTION_KEYS = [
  'metrics',
  'objective',
  'split',
  'folds',
  'seed',
  'interactionFactors',
  'tuneMethod',
  'featuresOf',
  'randomisationTrials',
  'onProgress',
] as const;

/** Largest `randomisationTrials`: each trial is one pass over the per-query differences. */
export const MAX_RANDOMISATION_TRIALS = 1_000_000;

/**
 * Checks {@link BenchmarkOptions}: known keys only (did-you-mean on a typo), each value typed
 * and bounded; returns a copy holding only the given options.
 *
 * @throws `OptionError` naming the option.
 */
export function checkBenchmarkOptions(options: unknown): BenchmarkOptions {
  const o = readOptions(options, BENCHMARK_OPTION_KEYS);
  const out: { -readonly [K in keyof BenchmarkOptions]: BenchmarkOptions[K] } = {};
  if (o.metrics !== undefined) out.metrics = stringArrayOption(o.metrics, 'metrics');
  if (o.objective !== undefined) out.objective = stringOption(o.objective, 'objective');
  if (o.split !== undefined) {
    if (o.split === null || typeof o.split !== 'object')
      throw new OptionError('split', `split must be an object, received ${describeValue(o.split)}`);
    out.split = o.split as QuerySplitOptions;
  }
  if (o.folds !== undefined) out.folds = integerOption(o.folds, 'folds', { min: 2, max: 1000 });
  if (o.seed !== undefined)
    out.seed = integerOption(o.seed, 'seed', {
      min: Number.MIN_SAFE_INTEGER,
      max: Number.MAX_SAFE_INTEGER,
    });
  if (o.interactionFactors !== undefined)
    out.interactionFactors = stringArrayOption(o.interactionFactors, 'interactionFactors');
  if (o.tuneMethod !== undefined)
    out.tuneMethod = enumOption<'grid' | 'random' | 'coordinate'>(o.tuneMethod, 'tuneMethod', [
      'grid',
      'random',
      'coordinate',
    ]);
  const featuresOf = functionOption<NonNullable<BenchmarkOptions['featuresOf']>>(
    o.featuresOf,
    'featuresOf',
  );
  if (featuresOf) out.featuresOf = featuresOf;
  if (o.randomisationTrials !== undefined)
    out.randomisationTrials = integerOption(o.randomisationTrials, 'randomisationTrials', {
      min: 1,
      max: MAX_RANDOMISATION_TRIALS,
    });
  const onProgress = functionOption<NonNullable<BenchmarkOptions['onProgress']>>(
    o.onProgress,
    'onProgress',
  );
  if (onProgress) out.onProgress = onProgress;
  return out;
}

/** Names of the shipped factors that learn from interactions (absent from content-only). */
export const INTERACTION_FACTORS: readonly string[] = Object.freeze([
  'collaborative',
  'targetProfile',
  'volumePrior',
  'repeatPartner',
]);

/** Paired tests of a row against one baseline on the objective metric. */
export interface BaselineComparison {
  t: RunComparison;
  randomisation: RunComparison;
}

/** One strategy's evaluation in a benchmark, on the held-out queries. */
export interface BenchmarkRow {
  name: string;
  evaluation: EvaluationResult;
  /** The run itself (every eligible candidate's score per held-out query). */
  run: Run;
  /** Whether the row is a baseline (every other row is tested against each baseline). */
  baseline?: boolean;
  /** Paired tests against each baseline (by baseline name), the row itself excluded. */
  vsBaselines?: Record<string, BaselineComparison>;
  /** Paired tests against popularity (absent for popularity); `vsBaselines.popularity`. */
  vsPopularity?: BaselineComparison;
}

/** What {@link benchmarkProfile} returns. */
export interface BenchmarkResult {
  rows: BenchmarkRow[];
  /** Names of the baseline rows, in row order. */
  baselines: string[];
  /** Weights tuned on the training queries (the "tuned" row's weights). */
  tunedWeights: Weights;
  /** Weights of the model learned on the training queries (the "learned" row's model). */
  learnedWeights: Weights;
  learnedModel: LinearModel;
  /** Every configuration the tuning search tried (objective on the training queries), in order. */
  tuningTrials: TuneTrial[];
  table: FeatureTable;
  /** Number of held-out queries every row is evaluated on. */
  queries: number;
  /** Judged query ids the tuned weights and learned model were fitted on, sorted. */
  trainQueries: string[];
  /** Judged query ids every row was scored on, sorted. */
  testQueries: string[];
}

/**
 * Runs the full comparison. `profile` must already include any text or collaborative factors
 * the caller wants in "default"; content-only drops `interactionFactors` from it.
 *
 * @throws An {@link OptionError} when the split leaves no training query or fewer than 2
 *   held-out queries, or the profile has no attribute factor.
 */
export function benchmarkProfile(
  dataset: BenchmarkDataset,
  profile: Profile<Enterprise, FinancialProduct> | Profile<Project, Investor>,
  benchmarkOptions?: BenchmarkOptions,
): BenchmarkResult {
  const options = checkBenchmarkOptions(benchmarkOptions);
  const metrics = [...(options.metrics ?? ['ndcg@10', 'recall@10', 'mrr'])];
  const objective = parseMetricName(options.objective ?? 'ndcg@10').name;
  if (!metrics.map((m) => parseMetricName(m).name).includes(objective)) metrics.push(objective);
  const seed = options.seed ?? 1;
  const qrels = dataset.qrels;
  const judged = datasetQueries(dataset).filter((q) => Object.hasOwn(qrels, q.qid));
  const split = splitQueries(
    judged,
    options.split ?? { by: 'hash', testFraction: DEFAULT_TEST_FRACTION },
  );
  const trainIds = split.train.map((q) => q.qid);
  const testIds = split.test.map((q) => q.qid);
  if (trainIds.length === 0)
    throw new OptionError('split', 'the split leaves no judged training query to fit on');
  if (testIds.length < 2)
    throw new OptionError(
      'split',
      `need at least 2 held-out judged queries, the split leaves ${testIds.length}`,
    );
  const evalOpts = { metrics, completeQueries: true } as const;
  const testQrels = restrict(qrels, testIds);
  const ev = (run: Run) => evaluate(restrict(run, testIds), testQrels, evalOpts);

  const table = buildFeatureTable(dataset, profile, {
    queryIds: [...trainIds, ...testIds],
    onProgress: (d, t) => options.onProgress?.('features', d, t),
  });
  const rows: BenchmarkRow[] = [];
  const push = (name: string, run: Run, baseline = false): BenchmarkRow => {
    const row: BenchmarkRow = { name, run, evaluation: ev(run), ...(baseline ? { baseline } : {}) };
    rows.push(row);
    return row;
  };

  options.onProgress?.('baselines', 0, 1);
  const testQueries = split.test.map((q) => ({ qid: q.qid, subjectId: q.subject.id }));
  const targetIds = dataset.targets.map((t) => t.id);
  for (const scorer of benchmarkBaselines(dataset, judged, options, seed))
    push(scorer.name, runFromScorer(scorer, { queries: testQueries, candidates: targetIds }), true);

  const strategy = profile.strategy;
  const interactionFactors = new Set(options.interactionFactors ?? INTERACTION_FACTORS);
  const contentWeights: Weights = {};
  for (const n of table.factorNames) if (interactionFactors.has(n)) contentWeights[n] = 0;
  const hasInteractionFactor = Object.keys(contentWeights).length > 0;
  if (table.factorNames.every((n) => interactionFactors.has(n)))
    throw new OptionError('profile', 'content-only needs at least one attribute factor');
  push('content-only', runFromFeatures(table, strategy, contentWeights, testIds));
  if (hasInteractionFactor) push('default', runFromFeatures(table, strategy, {}, testIds));

  // Tuned and learned: fitted on the training queries' judgments, scored on held-out queries.
  options.onProgress?.('tuning', 0, 1);
  const initial: Weights = Object.fromEntries(
    table.factorNames.map((n, j) => [n, table.weights[j]!]),
  );
  const tuned = tuneWeights({
    initial,
    queries: trainIds,
    objective: featureObjective(table, strategy, restrict(qrels, trainIds), objective),
    method: options.tuneMethod ?? 'coordinate',
    seed,
    crossValidate: false,
  });
  push('tuned', runFromFeatures(table, strategy, tuned.best.weights, testIds));
  options.onProgress?.('learning', 0, 1);
  const model = trainLinearModel(trainingExamplesFromFeatures(table, qrels, trainIds), {
    factorNames: table.factorNames,
    seed,
  });
  push('learned', runFromFeatures(table, learnedStrategy(model), {}, testIds));

  options.onProgress?.('significance', 0, 1);
  const baselineRows = rows.filter((r) => r.baseline);
  const trials = options.randomisationTrials ?? DEFAULT_RANDOMISATION_TRIALS;
  for (const row of rows) {
    const vs: Record<string, BaselineComparison> = {};
    for (const base of baselineRows) {
      if (base === row) continue;
      defineOwn(vs, base.name, {
        t: compareRuns(row.evaluation, base.evaluation, { metric: objective, test: 't' }),
        randomisation: compareRuns(row.evaluation, base.evaluation, {
          metric: objective,
          test: 'randomisation',
          seed,
          trials,
        }),
      });
    }
    row.vsBaselines = vs;
    if (Object.hasOwn(vs, 'popularity')) row.vsPopularity = vs.popularity;
  }
  return {
    rows,
    baselines: baselineRows.map((r) => r.name),
    tunedWeights: tuned.best.weights,
    tuningTrials: tuned.trials,
    learnedWeights: Object.fromEntries(model.factorNames.map((n, i) => [n, model.weights[i]!])),
    learnedModel: model,
    table,
    queries: testIds.length,
    trainQueries: trainIds,
    testQueries: testIds,
  };
}

/**
 * The benchmark's baselines, fitted on the dataset's history (never on qrels): random,
 * popularity, popularity within the subject's province and sector division, and naive Bayes
 * on the subject's feature tokens weighted by {@link NAIVE_BAYES_INTERACTION_WEIGHTS}.
 */
function benchmarkBaselines(
  dataset: BenchmarkDataset,
  queries: readonly EvaluationQuery<Enterprise | Project>[],
  options: BenchmarkOptions,
  seed: number,
): Scorer[] {
  const targets = new Set(dataset.targets.map((t) => t.id));
  const history = dataset.interactions.filter((i) => targets.has(i.itemId));
  const subjectById = new Map<string, Enterprise | Project>();
  // A subject known only through its queries is read from its first query (in qid order).
  for (const q of queries)
    if (!subjectById.has(q.subject.id)) subjectById.set(q.subject.id, q.subject);
  for (const s of dataset.historySubjects ?? []) subjectById.set(s.id, s);
  for (const s of dataset.subjects) subjectById.set(s.id, s);
  const queryById = new Map(queries.map((q) => [q.qid, q.subject]));
  const recordOf = (subjectId: string, queryId?: string) => {
    const atQuery = queryId === undefined ? undefined : queryById.get(queryId);
    return atQuery?.id === subjectId ? atQuery : subjectById.get(subjectId);
  };
  const tokens =
    options.featuresOf ??
    (dataset.market === 'enterpriseProduct'
      ? (s: Enterprise | Project) => enterpriseFeatureTokens(s as Enterprise)
      : (s: Enterprise | Project) => projectFeatureTokens(s as Project));
  const common = {
    interactions: history,
    itemOf: (i: Interaction) => i.itemId,
    subjectOf: (i: Interaction) => i.subjectId,
  };
  return [
    createRandomBaseline({ seed }),
    createPopularityBaseline({ interactions: dataset.interactions, itemOf: (i) => i.itemId }),
    createRegionPopularityBaseline({
      ...common,
      regionOf: (id, qid) => recordOf(id, qid)?.region.slice(0, DEFAULT_BASELINE_REGION_DIGITS),
    }),
    createSectorPopularityBaseline({
      ...common,
      sectorOf: (id, qid) => recordOf(id, qid)?.sector.slice(0, DEFAULT_BASELINE_SECTOR_CHARS),
    }),
    createNaiveBayesBaseline({
      ...common,
      weightOf: (i) => NAIVE_BAYES_INTERACTION_WEIGHTS[i.kind] ?? 0,
      featuresOf: (id, qid) => {
        const record = recordOf(id, qid);
        return record ? tokens(record) : [];
      },
    }),
  ];
}

/**
 * An enterprise's categorical features as `name=value` tokens for the naive-Bayes baseline:
 * sector division, province, stage, SRDI tier, the need's instruments, purpose and amount
 * band (power of ten), collateral kinds, chains, zones, policy lists and custom attributes.
 */
export function enterpriseFeatureTokens(e: Enterprise): string[] {
  return [
    `sector=${e.sector.slice(0, DEFAULT_BASELINE_SECTOR_CHARS)}`,
    `region=${e.region.slice(0, DEFAULT_BASELINE_REGION_DIGITS)}`,
    `stage=${e.stage}`,
    `srdi=${e.srdi?.tier ?? 'none'}`,
    ...(e.need?.instruments ?? []).map((x) => `instrument=${x}`),
    ...(e.need ? [`purpose=${e.need.purpose}`, `amount=${amountBand(e.need.amount)}`] : []),
    ...(e.collateral ?? []).map((c) => `collateral=${c}`),
    ...(e.chains ?? []).map((c) => `chain=${c.chainId}`),
    ...(e.zones ?? []).map((z) => `zone=${z}`),
    ...(e.policyLists ?? []).map((p) => `policy=${p}`),
    ...attributeTokens(e.attributes),
  ];
}

/**
 * A project's categorical features as `name=value` tokens for the naive-Bayes baseline:
 * sector division, province, round, TRL, instrument, amount band (power of ten), the owner's
 * SRDI tier, chains and custom attributes.
 */
export function projectFeatureTokens(p: Project): string[] {
  return [
    `sector=${p.sector.slice(0, DEFAULT_BASELINE_SECTOR_CHARS)}`,
    `region=${p.region.slice(0, DEFAULT_BASELINE_REGION_DIGITS)}`,
    `round=${p.round}`,
    `trl=${p.trl}`,
    `instrument=${p.need.instrument}`,
    `amount=${amountBand(p.need.amount)}`,
    `srdi=${p.ownerSrdiTier ?? 'none'}`,
    ...(p.chains ?? []).map((c) => `chain=${c}`),
    ...attributeTokens(p.attributes),
  ];
}

/** Custom attributes as tokens: categorical values as they are, numbers by power-of-ten band. */
function attributeTokens(
  attributes: Readonly<Record<string, string | number | boolean>> | undefined,
) {
  if (!attributes) return [];
  return Object.keys(attributes)
    .sort()
    .map((k) => {
      const v = attributes[k]!;
      return `attr.${k}=${typeof v === 'number' ? amountBand(v) : String(v)}`;
    });
}

/** The power of ten below an amount (`1e6` for 3,500,000), a categorical size band. */
function amountBand(amount: number): string {
  return amount > 0 ? `1e${Math.floor(Math.log10(amount))}` : '0';
}

/**
 * The tuning objective over a feature table: the mean of `metric` over the given query ids
 * when the table is recombined with `strategy` and the candidate weights, judged by `qrels`
 * (queries absent from the qrels are not scored; judged queries the run lacks score 0).
 */
export function featureObjective(
  table: FeatureTable,
  strategy: RankingStrategy,
  qrels: Qrels,
  metric: string,
): Objective {
  const name = parseMetricName(metric).name;
  return (weights, queryIds) =>
    evaluate(runFromFeatures(table, strategy, weights, queryIds), restrict(qrels, queryIds), {
      metrics: [name],
      completeQueries: true,
    }).metrics[name]!;
}

/**
 * Training examples for {@link trainLinearModel} from a feature table: every eligible
 * candidate of each given query, labelled with its judgment (0 when unjudged). Only the
 * listed queries' judgments are read, so passing training query ids keeps held-out labels
 * out of the fit.
 */
export function trainingExamplesFromFeatures(
  table: FeatureTable,
  qrels: Qrels,
  queryIds: readonly string[],
): TrainingExample[] {
  const d = table.factorNames.length;
  const out: TrainingExample[] = [];
  for (const qid of queryIds) {
    const q = table.queries.get(qid);
    if (!q) continue;
    const judged = Object.hasOwn(qrels, qid) ? qrels[qid]! : {};
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

/**
 * The benchmark as report tables for {@link renderReport}: every row's metrics on the
 * held-out queries, then each row against each baseline on the objective (difference of
 * means and the two-sided p-values of the paired t and randomisation tests).
 */
export function benchmarkReportTables(
  result: BenchmarkResult,
  options: { title?: string; locale?: 'zh' | 'en' } = {},
): ReportTable[] {
  const en = options.locale === 'en';
  const title = options.title ?? (en ? 'Benchmark' : '基准评测');
  const metricNames = Object.keys(result.rows[0]?.evaluation.metrics ?? {});
  const comparisons = result.rows.flatMap((row) =>
    Object.entries(row.vsBaselines ?? {}).map(([base, c]) => [
      row.name,
      base,
      c.t.diff,
      c.t.pValue,
      c.randomisation.pValue,
    ]),
  );
  const metric = result.rows.find((r) => r.vsBaselines)?.vsBaselines;
  const objective = metric ? Object.values(metric)[0]?.t.metric : undefined;
  return [
    {
      title: en
        ? `${title}: ${result.queries} held-out queries (${result.trainQueries.length} for fitting)`
        : `${title}：${result.queries} 个留出查询（${result.trainQueries.length} 个用于拟合）`,
      columns: [en ? 'strategy' : '策略', ...metricNames],
      rows: result.rows.map((r) => [
        r.baseline ? `${r.name} (${en ? 'baseline' : '基线'})` : r.name,
        ...metricNames.map((m) => r.evaluation.metrics[m] ?? null),
      ]),
    },
    {
      title: en
        ? `${title}: paired tests against each baseline (${objective ?? 'objective'})`
        : `${title}：与各基线的配对检验（${objective ?? '目标指标'}）`,
      columns: en
        ? ['strategy', 'baseline', 'Δ', 'p (t)', 'p (randomisation)']
        : ['策略', '基线', 'Δ', 'p（t 检验）', 'p（随机化检验）'],
      rows: comparisons,
    },
  ];
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
