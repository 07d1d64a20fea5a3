/**
 * `finmatch tune`: searches a profile's factor weights (grid, random or coordinate ascent)
 * with k-fold cross-validation on a chosen metric, on held-out interactions as relevance, and
 * writes the best profile as JSON that `rank`, `prospect`, `match` (`--profile`) and the API
 * load. With `--learn`, also fits the learned (pairwise logistic) weights and reports them.
 *
 * Relevance: interactions dated on or after `--split-date` (default: six months before the
 * evaluation date) are the judgments — funded/approved 2, applied 1; earlier ones are the
 * history given to the matcher. Queries are the subjects with judgments (a seeded sample of at
 * most `--queries`).
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { EXIT_OK } from '../exit-codes.js';
import { byLocale } from '../matching/format.js';
import { loadInputs, requireFile, resolveAsOf } from '../matching/inputs.js';
import { dataFileOptions, MATCHING_OPTIONS } from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand } from '../types.js';

/** Judgment grade per interaction kind (viewed and declined are not relevance). */
export const TUNE_GRADES: Readonly<Record<string, number>> = { applied: 1, approved: 2, funded: 2 };
/** Default number of queries tuned on (sampled with the seed) — keeps a run to seconds. */
export const DEFAULT_TUNE_QUERIES = 600;

/** The `tune` command. */
export const tuneCommand: CliCommand = {
  name: 'tune',
  summary:
    'tune a profile’s weights by grid/random/coordinate search with k-fold CV; write it as JSON',
  usage:
    'finmatch tune (--products FILE --enterprises FILE | --investors FILE --projects FILE) --interactions FILE [--metric ndcg@10] [--method coordinate|grid|random] [--folds 3] [--out profile.json] [--tried FILE] [--learn]',
  options: {
    ...dataFileOptions(
      [],
      [
        'products',
        'enterprises',
        'projects',
        'investors',
        'interactions',
        'institutions',
        'chains',
        'zones',
      ],
    ),
    ...MATCHING_OPTIONS,
    metric: {
      type: 'string',
      valueName: 'METRIC',
      default: 'ndcg@10',
      description: 'metric to maximise (any finmatch/eval name)',
    },
    method: {
      type: 'string',
      valueName: 'METHOD',
      default: 'coordinate',
      choices: ['coordinate', 'grid', 'random'],
      description: 'search method',
    },
    folds: {
      type: 'string',
      valueName: 'N',
      default: '3',
      description: 'cross-validation folds over queries',
    },
    trials: {
      type: 'string',
      valueName: 'N',
      default: '40',
      description: 'random search: configurations tried',
    },
    seed: {
      type: 'string',
      valueName: 'N',
      default: '1',
      description: 'seed of folds, sampling and random search',
    },
    queries: {
      type: 'string',
      valueName: 'N',
      default: String(DEFAULT_TUNE_QUERIES),
      description: 'at most this many judged subjects (seeded sample)',
    },
    'split-date': {
      type: 'string',
      valueName: 'DATE',
      description:
        'interactions on/after DATE are the judgments (default: 6 months before --as-of)',
    },
    out: {
      type: 'string',
      valueName: 'FILE',
      description: 'write the best profile as JSON (load with --profile)',
    },
    tried: {
      type: 'string',
      valueName: 'FILE',
      description: 'write every configuration tried as TSV',
    },
    learn: {
      type: 'boolean',
      description:
        'also fit the learned strategy and write it as a profile beside --out (<out>.learned.json)',
    },
  },
  examples: [
    'finmatch tune --products data/products.jsonl --enterprises data/enterprises.jsonl --interactions data/interactions.jsonl --out tuned.json',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(`unexpected argument ${JSON.stringify(ctx.positionals[0])}`);
    const int = (name: string, min: number) => {
      const raw = ctx.string(name)!;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min)
        ctx.usageError(`--${name} must be an integer ≥ ${min}, received ${JSON.stringify(raw)}`);
      return n;
    };
    const folds = int('folds', 2);
    const trials = int('trials', 1);
    const seed = int('seed', 0);
    const maxQueries = int('queries', folds);
    const enterpriseMarket =
      ctx.string('products') !== undefined || ctx.string('enterprises') !== undefined;
    const projectMarket =
      ctx.string('investors') !== undefined || ctx.string('projects') !== undefined;
    if (enterpriseMarket === projectMarket)
      ctx.usageError('give either --products and --enterprises, or --investors and --projects');
    if (ctx.string('interactions') === undefined)
      ctx.usageError(
        '--interactions is required: held-out interactions are the relevance judgments',
      );
    const files = enterpriseMarket
      ? (['products', 'enterprises', 'interactions', 'institutions', 'chains', 'zones'] as const)
      : (['investors', 'projects', 'interactions', 'chains', 'zones'] as const);
    const { asOf } = await resolveAsOf(ctx, files);
    const split = ctx.string('split-date') ?? monthsBefore(asOf, 6);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(split))
      ctx.usageError(`--split-date must be YYYY-MM-DD, received ${JSON.stringify(split)}`);
    const inputs = await loadInputs(ctx, files);
    const interactions = requireFile(inputs, 'interactions').records;
    const itemKind = enterpriseMarket ? 'product' : 'investor';
    const history = interactions.filter((i) => i.itemKind === itemKind && i.date < split);
    const qrels: Record<string, Record<string, number>> = {};
    for (const i of interactions) {
      const grade = TUNE_GRADES[i.kind];
      if (i.itemKind !== itemKind || i.date < split || grade === undefined) continue;
      const row = (qrels[i.subjectId] ??= Object.create(null) as Record<string, number>);
      row[i.itemId] = Math.max(row[i.itemId] ?? 0, grade);
    }

    const engine = await import('../../engine/index.js');
    const evalModule = await import('../../eval/index.js');
    const { createRandom } = await import('../../util/random.js');
    const subjectsAll = enterpriseMarket
      ? requireFile(inputs, 'enterprises').records
      : requireFile(inputs, 'projects').records;
    const judged = subjectsAll
      .filter((s) => Object.hasOwn(qrels, s.id))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const subjects =
      judged.length > maxQueries
        ? createRandom(`${seed}:tune-sample`).shuffle(judged).slice(0, maxQueries)
        : judged;
    if (subjects.length < folds)
      ctx.usageError(
        `only ${subjects.length} subjects have interactions on or after ${split}; need at least ${folds} (move --split-date earlier)`,
      );
    const profile = enterpriseMarket
      ? ((await loadProfileOption(ctx, engine.enterpriseProductProfile)) ??
        engine.enterpriseProductProfile())
      : ((await loadProfileOption(ctx, engine.projectInvestorProfile)) ??
        engine.projectInvestorProfile());
    const dataset = (
      enterpriseMarket
        ? {
            market: 'enterpriseProduct',
            subjects,
            targets: requireFile(inputs, 'products').records,
            interactions: history,
            qrels,
            asOf,
          }
        : {
            market: 'projectInvestor',
            subjects,
            targets: requireFile(inputs, 'investors').records,
            interactions: history,
            qrels,
            asOf,
          }
    ) as Parameters<typeof evalModule.buildFeatureTable>[0];
    const bar = ctx.progress('scoring candidates', subjects.length);
    const table = evalModule.buildFeatureTable(
      dataset,
      profile as Parameters<typeof evalModule.buildFeatureTable>[1],
      {
        onProgress: (done) => bar.update(done),
      },
    );
    bar.done();
    const metric = ctx.string('metric')!;
    const restrict = (ids: readonly string[]) =>
      Object.fromEntries(ids.filter((q) => Object.hasOwn(qrels, q)).map((q) => [q, qrels[q]!]));
    const objective = (w: Record<string, number>, qs: readonly string[]) =>
      evalModule.evaluate(
        evalModule.runFromFeatures(table, profile.strategy, w, qs),
        restrict(qs),
        { metrics: [metric], completeQueries: true },
      ).metrics[evalModule.parseMetricName(metric).name]!;
    const initial = Object.fromEntries(table.factorNames.map((n, j) => [n, table.weights[j]!]));
    const search = ctx.progress('tuning', 1);
    const result = evalModule.tuneWeights({
      initial,
      queries: subjects.map((s) => s.id),
      objective,
      method: ctx.string('method') as 'coordinate' | 'grid' | 'random',
      folds,
      trials,
      seed,
    });
    search.done();
    const tuned = engine.extendProfile(profile as never, {
      name: `${profile.name}-tuned`,
      version: `${profile.version}+tuned.${asOf}`,
      weights: result.best.weights,
    }) as typeof profile;
    const spec = engine.profileToSpec(tuned as never);
    const summary = {
      metric,
      method: result.method,
      queries: subjects.length,
      splitDate: split,
      initial: result.initial.score,
      best: result.best.score,
      cvScore: result.cvScore,
      foldScores: result.foldScores,
      weights: result.best.weights,
      trials: result.trials.length,
      profile: spec,
    } as Record<string, unknown>;

    if (ctx.flag('learn')) {
      const examples = [];
      for (const s of subjects) {
        const q = table.queries.get(s.id);
        if (!q) continue;
        const d = table.factorNames.length;
        for (let i = 0; i < q.ids.length; i++) {
          const features = table.factorNames.map((_, j) => {
            const v = q.values[i * d + j]!;
            return Number.isNaN(v) ? null : v;
          });
          examples.push({
            query: s.id,
            item: q.ids[i]!,
            features,
            label: qrels[s.id]?.[q.ids[i]!] ?? 0,
          });
        }
      }
      const model = evalModule.trainLinearModel(examples, { factorNames: table.factorNames, seed });
      summary.learned = {
        weights: Object.fromEntries(model.factorNames.map((n, i) => [n, model.weights[i]])),
        projected: model.projected,
        loss: model.lossHistory.at(-1),
      };
      const out = ctx.string('out');
      if (out) {
        // The learned strategy as a loadable profile (its model inline), beside the tuned one.
        const learnedProfile = engine.extendProfile(profile as never, {
          name: `${profile.name}-learned`,
          version: `${profile.version}+learned.${asOf}`,
          strategy: evalModule.learnedStrategy(model),
        });
        const learnedPath = `${out.replace(/\.json$/, '')}.learned.json`;
        await writeFile(
          learnedPath,
          `${JSON.stringify(engine.profileToSpec(learnedProfile), null, 2)}\n`,
        );
        summary.learnedProfile = learnedPath;
      }
    }
    const out = ctx.string('out');
    if (out) await writeFile(out, `${JSON.stringify(spec, null, 2)}\n`);
    const tried = ctx.string('tried');
    if (tried) {
      const names = table.factorNames;
      const lines = [
        ['index', metric, ...names].join('\t'),
        ...result.trials.map((t) =>
          [t.index, t.score, ...names.map((n) => t.weights[n])].join('\t'),
        ),
      ];
      await writeFile(tried, `${lines.join('\n')}\n`);
    }
    if (ctx.format === 'json') {
      ctx.printJsonLine({ ...summary, tried: result.trials });
      return EXIT_OK;
    }
    ctx.println(
      byLocale(
        ctx,
        `调优：${subjects.length} 个查询，指标 ${metric}，${result.method} 搜索，${folds} 折交叉验证（评估日 ${asOf}，判断集自 ${split} 起）`,
        `Tuning on ${subjects.length} queries, metric ${metric}, ${result.method} search, ${folds}-fold CV (as of ${asOf}, judgments from ${split})`,
      ),
    );
    ctx.printTable(
      [{ header: byLocale(ctx, '项目', 'what') }, { header: metric, align: 'right' }],
      [
        [byLocale(ctx, '初始权重', 'initial weights'), result.initial.score.toFixed(4)],
        [
          byLocale(ctx, '最优权重（训练）', 'best weights (training)'),
          result.best.score.toFixed(4),
        ],
        [
          byLocale(ctx, '交叉验证估计', 'cross-validated estimate'),
          result.cvScore?.toFixed(4) ?? '—',
        ],
      ],
    );
    ctx.println();
    const shown = [...result.trials]
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 10);
    ctx.println(
      byLocale(
        ctx,
        `尝试过的配置（共 ${result.trials.length} 个，前 10）：`,
        `Configurations tried (${result.trials.length}, best 10):`,
      ),
    );
    ctx.printTable(
      [
        { header: '#', align: 'right' },
        { header: metric, align: 'right' },
        { header: byLocale(ctx, '权重', 'weights') },
      ],
      shown.map((t) => [
        String(t.index),
        t.score.toFixed(4),
        Object.entries(t.weights)
          .map(([n, w]) => `${n}=${w}`)
          .join(' '),
      ]),
    );
    if (summary.learned) ctx.println(`\nlearned: ${JSON.stringify(summary.learned)}`);
    if (out)
      ctx.println(
        byLocale(
          ctx,
          `\n最优配置已写入 ${out}（用 --profile 加载）`,
          `\nBest profile written to ${out} (load it with --profile)`,
        ),
      );
    return EXIT_OK;
  },
};

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 - months, Math.min(d, 28)));
  return t.toISOString().slice(0, 10);
}
