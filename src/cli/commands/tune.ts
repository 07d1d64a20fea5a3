/**
 * `finmatch tune`: searches a profile's factor weights (grid, random or coordinate ascent)
 * on a chosen metric and writes the best profile as JSON that `rank`, `prospect`, `match`
 * (`--profile`) and the API load. With `--learn`, also fits the learned (pairwise logistic)
 * weights and writes them as a profile too.
 *
 * Relevance: interactions dated on or after `--split-date` (default: six months before the
 * evaluation date) are the judgments — funded/approved 2, applied 1; earlier ones are the
 * history given to the matcher.
 *
 * Queries have their own ids. Each subject's judgments form one query keyed by the subject id
 * and dated by its first judgment; with `--holdout-date`, judgments on or after that date form
 * a second query `<subject id>@<date>`, so a subject that came back is two queries.
 *
 * Honesty: the queries (a seeded sample of at most `--queries`) are split into training and
 * held-out queries — by `--holdout-date`, by `--holdout-ids`/`--holdout-file`, or else by a
 * hash of the query id (`--holdout-fraction`). The search, its k-fold cross-validation and
 * the learned model see the training queries' judgments only; the held-out queries score the
 * initial, tuned and learned weights once, at the end.
 *
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { DEFAULT_SPLIT_MONTHS, DEFAULT_TEST_FRACTION } from '../../eval/defaults.js';
import type { QuerySplitOptions } from '../../eval/protocol/splits.js';
import type { Enterprise, Project } from '../../model/types.js';
import { EXIT_OK } from '../exit-codes.js';
import { byLocale } from '../matching/format.js';
import { loadInputs, requireFile, resolveAsOf, skipUnreferenced } from '../matching/inputs.js';
import { dataFileOptions, MATCHING_OPTIONS } from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand } from '../types.js';
import { addMonths, DATE_EXPECTED, isCalendarDate } from '../../util/dates.js';

/** Judgment grade per interaction kind (viewed and declined are not relevance). */
export const TUNE_GRADES: Readonly<Record<string, number>> = { applied: 1, approved: 2, funded: 2 };
/** Default number of queries tuned on (sampled with the seed) — keeps a run to seconds. */
export const DEFAULT_TUNE_QUERIES = 600;

/** The `tune` command. */
export const tuneCommand: CliCommand = {
  name: 'tune',
  summary:
    'tune a profile’s weights on training queries (grid/random/coordinate search, k-fold CV), score them on held-out queries; write it as JSON',
  usage:
    'finmatch tune (--products FILE --enterprises FILE | --investors FILE --projects FILE) --interactions FILE [--metric ndcg@10] [--method coordinate|grid|random] [--folds 3] [--holdout-fraction F | --holdout-date DATE | --holdout-ids LIST | --holdout-file FILE] [--out profile.json] [--tried FILE] [--learn]',
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
      description: 'cross-validation folds over the training queries',
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
      description: 'at most this many judged queries (seeded sample), training and held-out',
    },
    'holdout-fraction': {
      type: 'string',
      valueName: 'F',
      description: `hold out the queries whose id hashes below F, in (0, 1) (the default split, F = ${DEFAULT_TEST_FRACTION})`,
    },
    'holdout-date': {
      type: 'date',
      valueName: 'DATE',
      description:
        'hold out judgments on/after DATE (after --split-date) as queries <subject id>@DATE; earlier ones train',
    },
    'holdout-ids': {
      type: 'string',
      valueName: 'LIST',
      description: 'hold out these comma-separated query ids (a subject id, or <id>@DATE)',
    },
    'holdout-file': {
      type: 'string',
      valueName: 'FILE',
      description:
        'hold out the query ids listed in FILE (one per line or comma-separated; # comments)',
    },
    'split-date': {
      type: 'date',
      valueName: 'DATE',
      description: `interactions on/after DATE are the judgments (default: ${DEFAULT_SPLIT_MONTHS} months before --as-of)`,
    },
    out: {
      type: 'string',
      valueName: 'FILE',
      writes: true,
      description: 'write the best profile as JSON (load with --profile)',
    },
    tried: {
      type: 'string',
      writes: true,
      valueName: 'FILE',
      description: 'write every configuration tried as TSV',
    },
    learn: {
      type: 'boolean',
      description:
        'also fit the learned strategy on the training queries and write it as a profile beside --out (<out>.learned.json)',
    },
  },
  examples: [
    'finmatch tune --products data/products.jsonl --enterprises data/enterprises.jsonl --interactions data/interactions.jsonl --out tuned.json',
    'finmatch tune --products data/products.jsonl --enterprises data/enterprises.jsonl --interactions data/interactions.jsonl --holdout-date 2024-10-01 --learn --out tuned.json',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(
        ctx.t(
          `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
          `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
        ),
      );
    const int = (name: string, min: number) => {
      const raw = ctx.string(name)!;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min)
        ctx.usageError(
          ctx.t(
            `--${name} 须为不小于 ${min} 的整数，收到 ${JSON.stringify(raw)}`,
            `--${name} must be an integer ≥ ${min}, received ${JSON.stringify(raw)}`,
          ),
        );
      return n;
    };
    const folds = int('folds', 2);
    const trials = int('trials', 1);
    const seed = int('seed', 0);
    const maxQueries = int('queries', folds + 1);
    const enterpriseMarket =
      ctx.string('products') !== undefined || ctx.string('enterprises') !== undefined;
    const projectMarket =
      ctx.string('investors') !== undefined || ctx.string('projects') !== undefined;
    if (enterpriseMarket === projectMarket)
      ctx.usageError(
        ctx.t(
          '请给出 --products 和 --enterprises，或 --investors 和 --projects',
          'give either --products and --enterprises, or --investors and --projects',
        ),
      );
    if (ctx.string('interactions') === undefined)
      ctx.usageError(
        ctx.t(
          '必须给出 --interactions：留出的交互记录就是相关性判断',
          '--interactions is required: held-out interactions are the relevance judgments',
        ),
      );
    const holdoutGiven = ['holdout-fraction', 'holdout-date', 'holdout-ids', 'holdout-file'].filter(
      (o) => ctx.string(o) !== undefined,
    );
    if (holdoutGiven.length > 1)
      ctx.usageError(
        ctx.t(
          `${holdoutGiven.map((o) => `--${o}`).join('、')} 最多只能给一个`,
          `give at most one of ${holdoutGiven.map((o) => `--${o}`).join(', ')}`,
        ),
      );
    const files = enterpriseMarket
      ? (['products', 'enterprises', 'interactions', 'institutions', 'chains', 'zones'] as const)
      : (['investors', 'projects', 'interactions', 'chains', 'zones'] as const);
    const { asOf } = await resolveAsOf(ctx, files);
    const split = ctx.string('split-date') ?? addMonths(asOf, -DEFAULT_SPLIT_MONTHS);
    if (!isCalendarDate(split))
      // The default split, not a flag the user gave: say where it came from.
      ctx.usageError(
        ctx.t(
          `默认的 --split-date（--as-of ${asOf} 前 ${DEFAULT_SPLIT_MONTHS} 个月，${split}）须为${DATE_EXPECTED.zh}；请给出 --split-date`,
          `the default --split-date (${DEFAULT_SPLIT_MONTHS} months before --as-of ${asOf}, ${split}) must be ${DATE_EXPECTED.en}; pass --split-date`,
        ),
      );
    const holdoutDate = ctx.string('holdout-date');
    if (holdoutDate !== undefined && !(holdoutDate > split))
      ctx.usageError(
        ctx.t(
          `--holdout-date 须晚于 --split-date ${split}，收到 ${holdoutDate}`,
          `--holdout-date must be after --split-date ${split}, got ${holdoutDate}`,
        ),
      );
    let holdoutFraction = DEFAULT_TEST_FRACTION;
    const fractionText = ctx.string('holdout-fraction');
    if (fractionText !== undefined) {
      holdoutFraction = Number(fractionText);
      if (!(holdoutFraction > 0 && holdoutFraction < 1))
        ctx.usageError(
          ctx.t(
            `--holdout-fraction 须为 (0, 1) 内的数，收到 ${JSON.stringify(fractionText)}`,
            `--holdout-fraction must be a number in (0, 1), received ${JSON.stringify(fractionText)}`,
          ),
        );
    }
    let heldOutIds: string[] | undefined;
    if (ctx.string('holdout-ids') !== undefined)
      heldOutIds = parseIdList(ctx.string('holdout-ids')!);
    const holdoutFile = ctx.string('holdout-file');
    if (holdoutFile !== undefined) {
      let text = '';
      try {
        text = await readFile(holdoutFile, 'utf8');
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        ctx.usageError(
          ctx.t(
            `无法读取 --holdout-file ${holdoutFile}（${String(code ?? '')}）`,
            `cannot read --holdout-file ${holdoutFile}: ${(err as Error).message}`,
          ),
        );
      }
      heldOutIds = parseIdList(text);
    }

    const inputs = await loadInputs(ctx, files);
    // The interactions after the split are judgments, scored, not history: the engine checks
    // the history it is given.
    skipUnreferenced(ctx, inputs, asOf, { interactions: false });
    const interactions = requireFile(inputs, 'interactions').records;
    const itemKind = enterpriseMarket ? 'product' : 'investor';
    const history = interactions.filter((i) => i.itemKind === itemKind && i.date < split);
    // Judgments → queries: one per subject (qid = subject id), and with --holdout-date a
    // second one for the judgments on or after it (qid = <subject id>@<date>). A query is
    // dated by its first judgment, so a date split puts exactly the second kind aside.
    const qrels: Record<string, Record<string, number>> = Object.create(null) as Record<
      string,
      Record<string, number>
    >;
    const queryInfo = new Map<string, { subjectId: string; date: string }>();
    for (const i of interactions) {
      const grade = TUNE_GRADES[i.kind];
      if (i.itemKind !== itemKind || i.date < split || grade === undefined) continue;
      const qid =
        holdoutDate !== undefined && i.date >= holdoutDate
          ? `${i.subjectId}@${holdoutDate}`
          : i.subjectId;
      const info = queryInfo.get(qid);
      if (!info) queryInfo.set(qid, { subjectId: i.subjectId, date: i.date });
      else if (i.date < info.date) info.date = i.date;
      const row = (qrels[qid] ??= Object.create(null) as Record<string, number>);
      row[i.itemId] = Math.max(row[i.itemId] ?? 0, grade);
    }

    const engine = await import('../../engine/index.js');
    const evalModule = await import('../../eval/index.js');
    const { createRandom } = await import('../../util/random.js');
    const subjectsAll: readonly (Enterprise | Project)[] = enterpriseMarket
      ? requireFile(inputs, 'enterprises').records
      : requireFile(inputs, 'projects').records;
    const subjectById = new Map(subjectsAll.map((s) => [s.id, s]));
    const judged = [...queryInfo]
      .filter(([, info]) => subjectById.has(info.subjectId))
      .map(([qid, info]) => ({ qid, subject: subjectById.get(info.subjectId)!, date: info.date }))
      .sort((a, b) => evalModule.compareCodePoints(a.qid, b.qid));
    const queries =
      judged.length > maxQueries
        ? createRandom(`${seed}:tune-sample`).shuffle(judged).slice(0, maxQueries)
        : judged;
    const holdout: QuerySplitOptions =
      holdoutDate !== undefined
        ? { by: 'date', cutoff: holdoutDate }
        : heldOutIds !== undefined
          ? { by: 'ids', testIds: heldOutIds }
          : { by: 'hash', testFraction: holdoutFraction };
    const parts = evalModule.splitQueries(queries, holdout);
    const trainIds = parts.train.map((q) => q.qid).sort(evalModule.compareCodePoints);
    const testIds = parts.test.map((q) => q.qid).sort(evalModule.compareCodePoints);
    if (trainIds.length < folds)
      ctx.usageError(
        ctx.t(
          `只有 ${trainIds.length} 个训练查询（${split} 及之后、未留出的判断），至少需要 ${folds} 个（把 --split-date 提前，或少留出一些）`,
          `only ${trainIds.length} training queries (judgments on or after ${split}, not held out); need at least ${folds} (move --split-date earlier or hold out fewer)`,
        ),
      );
    if (testIds.length === 0)
      ctx.usageError(
        heldOutIds !== undefined
          ? ctx.t(
              '留出的查询 id 中没有一个是有判断的查询',
              'none of the held-out query ids is a judged query',
            )
          : ctx.t(
              '该划分没有留出任何有判断的查询（多留出一些，或把 --holdout-date 提前）',
              'the split holds out no judged query (hold out more, or move --holdout-date earlier)',
            ),
      );
    const profile = enterpriseMarket
      ? ((await loadProfileOption(ctx, engine.enterpriseProductProfile)) ??
        engine.enterpriseProductProfile())
      : ((await loadProfileOption(ctx, engine.projectInvestorProfile)) ??
        engine.projectInvestorProfile());
    const dataset = (enterpriseMarket
      ? {
          market: 'enterpriseProduct',
          subjects: [],
          queries,
          targets: requireFile(inputs, 'products').records,
          interactions: history,
          qrels,
          asOf,
        }
      : {
          market: 'projectInvestor',
          subjects: [],
          queries,
          targets: requireFile(inputs, 'investors').records,
          interactions: history,
          qrels,
          asOf,
        }) as unknown as Parameters<typeof evalModule.buildFeatureTable>[0];
    const bar = ctx.progress({ zh: '为候选打分', en: 'scoring candidates' }, queries.length);
    const table = evalModule.buildFeatureTable(
      dataset,
      profile as Parameters<typeof evalModule.buildFeatureTable>[1],
      {
        onProgress: (done) => bar.update(done),
      },
    );
    bar.done();
    const metric = ctx.string('metric')!;
    const subset = (ids: readonly string[]) =>
      Object.fromEntries(ids.filter((q) => Object.hasOwn(qrels, q)).map((q) => [q, qrels[q]!]));
    // The search only ever sees the training queries' judgments.
    const trainQrels = subset(trainIds);
    const objective = evalModule.featureObjective(table, profile.strategy, trainQrels, metric);
    const initial = Object.fromEntries(table.factorNames.map((n, j) => [n, table.weights[j]!]));
    const search = ctx.progress({ zh: '调参', en: 'tuning' }, 1);
    const result = evalModule.tuneWeights({
      initial,
      queries: trainIds,
      objective,
      method: ctx.string('method') as 'coordinate' | 'grid' | 'random',
      folds,
      trials,
      seed,
    });
    search.done();
    // Held-out judgments are read only here, after every fit.
    const heldOut = evalModule.featureObjective(table, profile.strategy, subset(testIds), metric);
    const tuned = engine.extendProfile(profile as never, {
      name: `${profile.name}-tuned`,
      version: `${profile.version}+tuned.${asOf}`,
      weights: result.best.weights,
    }) as typeof profile;
    const spec = engine.profileToSpec(tuned as never);
    const heldOutScores: Record<string, number> = {
      initial: heldOut(initial, testIds),
      tuned: heldOut(result.best.weights, testIds),
    };
    const summary = {
      metric,
      method: result.method,
      queries: queries.length,
      trainQueries: trainIds.length,
      heldOutQueries: testIds.length,
      holdout:
        holdout.by === 'hash'
          ? { by: 'hash', fraction: holdoutFraction }
          : holdout.by === 'date'
            ? { by: 'date', date: holdoutDate }
            : { by: 'ids', ids: heldOutIds!.length },
      splitDate: split,
      initial: result.initial.score,
      best: result.best.score,
      cvScore: result.cvScore,
      foldScores: result.foldScores,
      heldOut: heldOutScores,
      trainQueryIds: trainIds,
      heldOutQueryIds: testIds,
      weights: result.best.weights,
      trials: result.trials.length,
      profile: spec,
    } as Record<string, unknown>;

    if (ctx.flag('learn')) {
      const examples = evalModule.trainingExamplesFromFeatures(table, trainQrels, trainIds);
      const model = evalModule.trainLinearModel(examples, { factorNames: table.factorNames, seed });
      const strategy = evalModule.learnedStrategy(model);
      heldOutScores.learned = evalModule.featureObjective(
        table,
        strategy,
        subset(testIds),
        metric,
      )({}, testIds);
      summary.learned = {
        weights: Object.fromEntries(model.factorNames.map((n, i) => [n, model.weights[i]])),
        projected: model.projected,
        loss: model.lossHistory.at(-1),
      };
      const out = ctx.string('out');
      if (out) {
        // The learned strategy as a loadable profile (its model inline), beside the tuned one.
        // Its factor weights are the fitted ones too, so the file says what the score uses.
        const learnedProfile = engine.extendProfile(profile as never, {
          name: `${profile.name}-learned`,
          version: `${profile.version}+learned.${asOf}`,
          weights: Object.fromEntries(model.factorNames.map((n, i) => [n, model.weights[i]!])),
          strategy,
        });
        const learnedPath = `${out.replace(/\.json$/, '')}.learned.json`;
        await writeFile(learnedPath, engine.specJson(engine.profileToSpec(learnedProfile)));
        summary.learnedProfile = learnedPath;
      }
    }
    const out = ctx.string('out');
    if (out) await writeFile(out, engine.specJson(spec));
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
    const splitText =
      holdout.by === 'hash'
        ? byLocale(
            ctx,
            `按查询编号哈希留出 ${holdoutFraction}`,
            `hash of query id, ${holdoutFraction} held out`,
          )
        : holdout.by === 'date'
          ? byLocale(ctx, `${holdoutDate} 起的判断留出`, `judgments from ${holdoutDate} held out`)
          : byLocale(ctx, '指定的留出查询', 'given held-out query ids');
    ctx.println(
      byLocale(
        ctx,
        `调优：${trainIds.length} 个训练查询、${testIds.length} 个留出查询（${splitText}），指标 ${metric}，${result.method} 搜索，训练查询上 ${folds} 折交叉验证（评估日 ${asOf}，判断集自 ${split} 起）`,
        `Tuning on ${trainIds.length} training queries, ${testIds.length} held out (${splitText}), metric ${metric}, ${result.method} search, ${folds}-fold CV on the training queries (as of ${asOf}, judgments from ${split})`,
      ),
    );
    const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(4));
    ctx.printTable(
      [
        { header: byLocale(ctx, '项目', 'what') },
        { header: byLocale(ctx, `${metric}（训练）`, `${metric} (training)`), align: 'right' },
        { header: byLocale(ctx, `${metric}（留出）`, `${metric} (held out)`), align: 'right' },
      ],
      [
        [
          byLocale(ctx, '初始权重', 'initial weights'),
          fmt(result.initial.score),
          fmt(heldOutScores.initial),
        ],
        [
          byLocale(ctx, '最优权重', 'best weights'),
          fmt(result.best.score),
          fmt(heldOutScores.tuned),
        ],
        [byLocale(ctx, '交叉验证估计', 'cross-validated estimate'), fmt(result.cvScore), '—'],
        ...(heldOutScores.learned === undefined
          ? []
          : [
              [byLocale(ctx, '学习得到的权重', 'learned weights'), '—', fmt(heldOutScores.learned)],
            ]),
      ],
    );
    ctx.println();
    const shown = [...result.trials]
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 10);
    ctx.println(
      byLocale(
        ctx,
        `尝试过的配置（共 ${result.trials.length} 个，前 10，训练查询上的得分）：`,
        `Configurations tried (${result.trials.length}, best 10, scored on the training queries):`,
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

/** Query ids from a list: one per line or comma-separated; blank lines and `#` comments skipped. */
function parseIdList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
}
