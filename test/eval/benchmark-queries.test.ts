/**
 * Queries keyed by query id, and the benchmark's held-out protocol: a subject with two
 * queries is two queries; tuned weights and learned models are fitted on training queries and
 * never see held-out judgments; every row is tested against every baseline.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import {
  benchmarkProfile,
  benchmarkReportTables,
  buildFeatureTable,
  evaluate,
  queriesFromSubjects,
  runFromFeatures,
  trainingExamplesFromFeatures,
  type BenchmarkDataset,
  type BenchmarkResult,
  type EvaluationQuery,
} from '../../src/eval/index.js';
import { collaborativeFactor } from '../../src/collab/index.js';
import {
  enterpriseProductProfile,
  extendProfile,
  projectInvestorProfile,
} from '../../src/engine/index.js';
import { generateMarket } from '../../src/generate/index.js';
import type { Enterprise, Project } from '../../src/model/types.js';
import { AS_OF, investor, project } from '../engine/golden/market.js';

describe('a subject with two queries', () => {
  // One project raising twice: a seed round, then (as the same project id) a series A.
  const atSeed = project({
    id: 'J1',
    round: 'seed',
    trl: 4,
    need: { amount: 3e6, instrument: 'equity' },
  });
  const atA = project({
    id: 'J1',
    round: 'A',
    trl: 7,
    need: { amount: 3e7, instrument: 'equity' },
  });
  const investors = [
    investor({ id: 'I-SEED', rounds: ['seed', 'angel'], ticket: { min: 1e6, max: 5e6 } }),
    investor({ id: 'I-A', rounds: ['A', 'B'], ticket: { min: 1e7, max: 1e8 } }),
  ];
  const queries: EvaluationQuery<Project>[] = [
    { qid: 'J1@seed', subject: atSeed, date: '2022-03-01' },
    { qid: 'J1@A', subject: atA, date: '2024-06-01' },
  ];
  const dataset: BenchmarkDataset = {
    market: 'projectInvestor',
    subjects: [atA],
    queries,
    targets: investors,
    interactions: [],
    qrels: { 'J1@seed': { 'I-SEED': 1 }, 'J1@A': { 'I-A': 1 } },
    asOf: AS_OF,
  };

  test('is scored as two queries, each with the subject as it was then', () => {
    const profile = projectInvestorProfile();
    const table = buildFeatureTable(dataset, profile);
    expect([...table.queries.keys()].sort()).toEqual(['J1@A', 'J1@seed']);
    const run = runFromFeatures(table, profile.strategy);
    // Each query ranks the investor of its own round first.
    const first = (qid: string) => Object.entries(run[qid]!).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(first('J1@seed')).toBe('I-SEED');
    expect(first('J1@A')).toBe('I-A');
    const result = evaluate(run, dataset.qrels, { metrics: ['mrr'] });
    expect(result.numQueries).toBe(2);
    expect(result.perQuery).toEqual({ 'J1@A': { mrr: 1 }, 'J1@seed': { mrr: 1 } });
    // Training examples are keyed (and paired) by query id.
    const examples = trainingExamplesFromFeatures(table, dataset.qrels, ['J1@seed']);
    expect(new Set(examples.map((e) => e.query))).toEqual(new Set(['J1@seed']));
  });

  test('without explicit queries a dataset is one query per subject (qid = subject id)', () => {
    const table = buildFeatureTable(
      { ...dataset, queries: undefined, qrels: {} },
      projectInvestorProfile(),
    );
    expect([...table.queries.keys()]).toEqual(['J1']);
    expect(queriesFromSubjects([atA])).toEqual([{ qid: 'J1', subject: atA }]);
  });

  test('duplicate query ids are rejected', () => {
    expect(() =>
      buildFeatureTable(
        { ...dataset, queries: [queries[0]!, { ...queries[1]!, qid: 'J1@seed' }] },
        projectInvestorProfile(),
      ),
    ).toThrow(/appears twice/);
  });
});

/** The generated small market with a temporal split, as bench/real-data builds it. */
function generatedDataset(): Extract<BenchmarkDataset, { market: 'enterpriseProduct' }> {
  const market = generateMarket({ seed: 1, scale: 'small' });
  const asOf = market.manifest.asOf;
  const cut = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
  const ep = market.interactions.filter((i) => i.itemKind === 'product');
  const grade: Record<string, number> = { applied: 1, approved: 2, funded: 2 };
  const qrels: Record<string, Record<string, number>> = {};
  for (const i of ep) {
    if (i.date < cut || grade[i.kind] === undefined) continue;
    const row = (qrels[i.subjectId] ??= {});
    row[i.itemId] = Math.max(row[i.itemId] ?? 0, grade[i.kind]!);
  }
  return {
    market: 'enterpriseProduct',
    subjects: market.enterprises.filter((e) => Object.hasOwn(qrels, e.id)).slice(0, 90),
    targets: market.products,
    interactions: ep.filter((i) => i.date < cut),
    qrels,
    asOf,
  };
}

const profile = extendProfile(enterpriseProductProfile(), {
  name: 'with-collaborative',
  addFactors: [{ factor: collaborativeFactor(), weight: 0.15 }],
});
const FAST = { randomisationTrials: 200, seed: 3 } as const;

describe('benchmarkProfile', () => {
  let dataset: ReturnType<typeof generatedDataset>;
  let result: BenchmarkResult;
  beforeAll(() => {
    dataset = generatedDataset();
    result = benchmarkProfile(dataset, profile, FAST);
  }, 120_000);

  test('scores every row on the same held-out queries, disjoint from the training queries', () => {
    const held = new Set(result.testQueries);
    expect(result.trainQueries.some((q) => held.has(q))).toBe(false);
    expect(result.trainQueries.length).toBeGreaterThan(0);
    expect(result.queries).toBe(result.testQueries.length);
    for (const row of result.rows) {
      expect(row.evaluation.numQueries, row.name).toBe(result.testQueries.length);
      expect(Object.keys(row.evaluation.perQuery).sort()).toEqual(result.testQueries);
    }
  });

  test('shows every baseline and tests every row against each of them (t and randomisation)', () => {
    const baselines = [
      'random',
      'popularity',
      'popularity-region',
      'popularity-sector',
      'naive-bayes',
    ];
    expect(result.baselines).toEqual(baselines);
    expect(result.rows.map((r) => r.name)).toEqual([
      ...baselines,
      'content-only',
      'default',
      'tuned',
      'learned',
    ]);
    for (const row of result.rows) {
      const expected = baselines.filter((b) => b !== row.name);
      expect(Object.keys(row.vsBaselines!), row.name).toEqual(expected);
      for (const c of Object.values(row.vsBaselines!)) {
        expect(c.t.test).toBe('t');
        expect(c.randomisation.test).toBe('randomisation');
        expect(c.t.n).toBe(result.queries);
      }
      if (row.name !== 'popularity') expect(row.vsPopularity).toBe(row.vsBaselines!.popularity);
    }
    const [summary, tests] = benchmarkReportTables(result, { locale: 'en' });
    expect(summary!.rows).toHaveLength(result.rows.length);
    expect(tests!.rows).toHaveLength(result.rows.length * baselines.length - baselines.length);
  });

  test('tuning and learning never see held-out judgments: poisoned held-out qrels change nothing fitted', () => {
    // Poison: every held-out query's only relevant item becomes its worst-scored candidate.
    const defaultRun = runFromFeatures(result.table, profile.strategy, {}, result.testQueries);
    const poisoned: Record<string, Record<string, number>> = { ...dataset.qrels };
    for (const qid of result.testQueries) {
      const worst = Object.entries(defaultRun[qid]!).sort((a, b) => a[1] - b[1])[0]![0];
      poisoned[qid] = { [worst]: 2 };
    }
    const other = benchmarkProfile({ ...dataset, qrels: poisoned }, profile, FAST);
    expect(other.trainQueries).toEqual(result.trainQueries);
    expect(JSON.stringify(other.tunedWeights)).toBe(JSON.stringify(result.tunedWeights));
    expect(JSON.stringify(other.tuningTrials)).toBe(JSON.stringify(result.tuningTrials));
    expect(JSON.stringify(other.learnedModel)).toBe(JSON.stringify(result.learnedModel));
    // …while the held-out scores, which do read those judgments, collapse.
    const tuned = (r: BenchmarkResult) => r.rows.find((x) => x.name === 'tuned')!.evaluation;
    expect(tuned(other).metrics['ndcg@10']).toBeLessThan(tuned(result).metrics['ndcg@10']!);
  }, 120_000);

  test('a subject with a second query is evaluated as two queries', () => {
    const subject = dataset.subjects[0]!;
    const later: Enterprise = {
      ...subject,
      need: { ...subject.need, amount: subject.need.amount * 20 },
    };
    const queries = [
      ...queriesFromSubjects(dataset.subjects),
      { qid: `${subject.id}@later`, subject: later },
    ];
    const qrels = { ...dataset.qrels, [`${subject.id}@later`]: dataset.qrels[subject.id]! };
    const testIds = [subject.id, `${subject.id}@later`, dataset.subjects[1]!.id];
    const r = benchmarkProfile({ ...dataset, queries, qrels }, profile, {
      ...FAST,
      split: { by: 'ids', testIds },
    });
    expect(r.testQueries).toEqual([...testIds].sort());
    const content = r.rows.find((x) => x.name === 'content-only')!;
    expect(Object.keys(content.evaluation.perQuery)).toHaveLength(3);
    // The same subject with a different need is a different query: its ranking differs.
    expect(content.run[`${subject.id}@later`]).not.toEqual(content.run[subject.id]);
  }, 120_000);

  test('a date split fits on the earlier queries', () => {
    const queries = queriesFromSubjects(dataset.subjects).map((q, i) => ({
      ...q,
      date: i % 4 === 0 ? '2025-01-01' : '2024-01-01',
    }));
    const r = benchmarkProfile({ ...dataset, queries }, profile, {
      ...FAST,
      split: { by: 'date', cutoff: '2024-06-01' },
    });
    const later = queries.filter((q) => q.date === '2025-01-01').map((q) => q.qid);
    expect(r.testQueries).toEqual(later.sort());
  }, 120_000);

  test('needs training and at least two held-out queries', () => {
    expect(() =>
      benchmarkProfile(dataset, profile, {
        ...FAST,
        split: { by: 'ids', testIds: [dataset.subjects[0]!.id] },
      }),
    ).toThrow(/at least 2 held-out/);
  });
});
