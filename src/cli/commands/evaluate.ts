/**
 * `finmatch evaluate --run FILE --qrels FILE`: scores a run against relevance judgments with
 * trec_eval's semantics, prints the means (and per-query values), optionally writes an
 * HTML report.
 *
 * @module
 */
import { basename } from 'node:path';
import { DEFAULT_METRICS, DEFAULT_REPORT_CUTOFFS } from '../../eval/defaults.js';
import type { LineIssue, ParsedTable } from '../../eval/io/issues.js';
import { isStdin } from '../stdin.js';
import type { EvaluationResult } from '../../eval/evaluate.js';
import { FORMAT_OPTION, LOCALE_OPTION } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliCommand, CliContext } from '../types.js';

/** Bad input lines echoed on stderr before the rest are summarised. */
const MAX_ISSUES_SHOWN = 20;

/** The `evaluate` command. */
export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: 'score a run against qrels (trec_eval semantics): nDCG, MAP, MRR, P, recall, hit',
  usage:
    'finmatch evaluate --run FILE --qrels FILE [--metrics LIST] [--format table|json] [--report out.html] [--per-query] [--complete]',
  options: {
    run: {
      type: 'string',
      valueName: 'FILE',
      required: true,
      description:
        'run: TREC "qid Q0 docid rank score tag" lines, or JSONL {qid,docid,score} (.jsonl/.ndjson); - reads standard input',
    },
    qrels: {
      type: 'string',
      valueName: 'FILE',
      required: true,
      description:
        'judgments: TREC "qid 0 docid rel" lines, or JSONL {qid,docid,rel} (.jsonl/.ndjson); - reads standard input',
    },
    metrics: {
      type: 'string',
      short: 'm',
      valueName: 'LIST',
      default: DEFAULT_METRICS.join(','),
      description:
        'comma-separated metrics: ndcg@k, map, map@k, mrr, recall@k, p@k, hit@k (trec_eval names accepted)',
    },
    ...FORMAT_OPTION,
    ...LOCALE_OPTION,
    report: {
      type: 'string',
      valueName: 'FILE',
      writes: true,
      description: 'also write a self-contained HTML report to FILE',
    },
    'per-query': {
      type: 'boolean',
      short: 'q',
      description: 'table output: also list each query (json always does)',
    },
    complete: {
      type: 'boolean',
      short: 'c',
      description:
        'like trec_eval -c: score queries in the qrels but not in the run as 0 and average over all of them',
    },
    'relevance-level': {
      type: 'string',
      short: 'l',
      valueName: 'N',
      default: '1',
      description: 'smallest judgment counted as relevant, like trec_eval -l',
    },
    'no-relevant': {
      type: 'string',
      valueName: 'POLICY',
      choices: ['zero', 'exclude'],
      default: 'zero',
      description:
        'queries without relevant judgments: score 0 and average them (trec_eval) or exclude them',
    },
  },
  examples: [
    'finmatch evaluate --run run.txt --qrels qrels.txt',
    'finmatch evaluate --run run.jsonl --qrels qrels.jsonl --metrics ndcg@10,map,mrr,recall@10,p@10 --format json',
    'finmatch evaluate --run run.txt --qrels qrels.txt --report report.html --locale en',
  ],
  async run(ctx) {
    const { readRunFile, readQrelsFile } = await import('../../eval/io/files.js');
    const { evaluate } = await import('../../eval/evaluate.js');
    const runPath = ctx.string('run')!;
    const qrelsPath = ctx.string('qrels')!;
    const levelText = ctx.string('relevance-level')!;
    if (!/^\d+$/.test(levelText))
      ctx.usageError(
        ctx.t(
          `--relevance-level 须为不小于 0 的整数，收到 ${JSON.stringify(levelText)}`,
          `--relevance-level must be an integer ≥ 0, received ${JSON.stringify(levelText)}`,
        ),
      );

    // Metric names are checked before any file is read, with the message in the run's locale.
    const { parseMetricNames } = await import('../../eval/metrics/names.js');
    try {
      parseMetricNames(ctx.string('metrics')!);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const name = /"([^"]*)"/.exec(message)?.[1] ?? '';
      ctx.usageError(
        ctx.t(
          `--metrics 中的指标 ${JSON.stringify(name)} 无效；可用的指标：p@k、recall@k、hit@k、mrr、mrr@k、map、map@k、ndcg、ndcg@k（k 为正整数，也接受 trec_eval 的名称）`,
          `--metrics: ${message}`,
        ),
      );
    }

    // `-` reads standard input (one of the two at most): JSON Lines when its first line is
    // an object, else TREC text.
    const readTable = async <T>(
      path: string,
      fromFile: (path: string) => Promise<ParsedTable<T>>,
      jsonl: (text: string) => ParsedTable<T>,
      trec: (text: string) => ParsedTable<T>,
    ): Promise<ParsedTable<T>> => {
      if (!isStdin(path)) return fromFile(path);
      const { decodeBytes } = await import('../../io/decode.js');
      const { text } = decodeBytes(await ctx.readStdin(), 'utf8');
      return /^\s*\{/.test(text) ? jsonl(text) : trec(text);
    };
    const { parseRunJsonl, parseQrelsJsonl } = await import('../../eval/io/jsonl.js');
    const { parseTrecRun, parseTrecQrels } = await import('../../eval/io/trec.js');
    const run = await readTable(runPath, readRunFile, parseRunJsonl, parseTrecRun);
    const qrels = await readTable(qrelsPath, readQrelsFile, parseQrelsJsonl, parseTrecQrels);
    reportIssues(ctx, runPath, run.issues);
    reportIssues(ctx, qrelsPath, qrels.issues);

    const options = {
      metrics: ctx.string('metrics')!,
      relevanceLevel: Number(levelText),
      completeQueries: ctx.flag('complete'),
      noRelevant: ctx.string('no-relevant') as 'zero' | 'exclude',
    };
    const result = evaluate(run.table, qrels.table, options);

    if (ctx.format === 'json') {
      ctx.printJsonLine({
        metrics: result.metrics,
        perQuery: result.perQuery,
        numQueries: result.numQueries,
        skipped: result.skipped,
        noRelevant: result.noRelevant,
      });
    } else {
      printTables(ctx, result);
    }

    const reportPath = ctx.string('report');
    if (reportPath !== undefined) {
      const { writeFile } = await import('node:fs/promises');
      const { renderReport } = await import('../../eval/report.js');
      const { parseMetricNames } = await import('../../eval/metrics/names.js');
      const requested = parseMetricNames(options.metrics);
      const ks = [
        ...new Set([
          ...DEFAULT_REPORT_CUTOFFS,
          ...requested.flatMap((m) => (m.cutoff === undefined ? [] : [m.cutoff])),
        ]),
      ].sort((a, b) => a - b);
      const families = [
        ...new Set(
          requested.filter((m) => m.cutoff !== undefined).map((m) => m.name.split('@')[0]!),
        ),
      ];
      const curves =
        families.length === 0
          ? undefined
          : evaluate(run.table, qrels.table, {
              ...options,
              metrics: families.flatMap((f) => ks.map((k) => `${f}@${k}`)),
            });
      const runName = basename(runPath);
      const en = ctx.locale === 'en';
      const metricNames = Object.keys(result.metrics);
      const html = renderReport({
        title: en ? `Evaluation of ${runName}` : `评估报告：${runName}`,
        subtitle: `${en ? 'qrels' : '相关性判断'}: ${basename(qrelsPath)} · ${en ? 'queries' : '查询数'}: ${result.numQueries}`,
        locale: ctx.locale,
        runs: [
          {
            name: runName,
            ks,
            metricsAtK: Object.fromEntries(
              families.map((f) => [f, ks.map((k) => curves!.metrics[`${f}@${k}`]!)]),
            ),
            summary: result.metrics,
          },
        ],
        tables: [
          {
            title: en ? 'Per query' : '逐查询结果',
            columns: [en ? 'query' : '查询', ...metricNames],
            rows: Object.entries(result.perQuery).map(([qid, values]) => [
              qid,
              ...metricNames.map((m) => values[m] ?? null),
            ]),
          },
        ],
      });
      await writeFile(reportPath, html, 'utf8');
      ctx.info(`${en ? 'report written to' : '报告已写入'} ${reportPath}`);
    }
    // Bad lines were counted as skipped (`reportIssues`): the run then exits EXIT_INVALID_DATA.
    return EXIT_OK;
  },
};

function reportIssues(ctx: CliContext, file: string, issues: readonly LineIssue[]): void {
  ctx.skipped(issues.length);
  const path = isStdin(file) ? ctx.t('<标准输入>', '<stdin>') : file;
  for (const issue of issues.slice(0, MAX_ISSUES_SHOWN))
    ctx.stderr.write(
      `${path}:${issue.line}: ${ctx.locale === 'en' ? issue.message : issueZh(issue)}\n`,
    );
  if (issues.length > MAX_ISSUES_SHOWN)
    ctx.stderr.write(
      ctx.t(
        `${path}：另有 ${issues.length - MAX_ISSUES_SHOWN} 行无效\n`,
        `${path}: ${issues.length - MAX_ISSUES_SHOWN} more bad lines\n`,
      ),
    );
  if (issues.length > 0)
    ctx.stderr.write(
      ctx.t(
        `${path}：跳过 ${issues.length} 行无效内容，其余各行已参与评估\n`,
        `${path}: ${issues.length} bad line${issues.length === 1 ? '' : 's'} skipped; the other lines were evaluated\n`,
      ),
    );
}

/**
 * A bad run or qrels line in Chinese, from its code and fields (the readers of finmatch/eval
 * word their messages in English).
 */
function issueZh(issue: LineIssue): string {
  const received = issue.received !== undefined ? `，收到 ${JSON.stringify(issue.received)}` : '';
  switch (issue.code) {
    case 'missing_field':
      return `第 ${issue.line} 行缺少字段 ${issue.path}${received}`;
    case 'too_many_fields':
      return `第 ${issue.line} 行字段过多（id 中不能有空白）${received}`;
    case 'invalid_json':
      return `第 ${issue.line} 行不是有效的 JSON${received}`;
    case 'invalid_type':
      return `第 ${issue.line} 行应为 JSON 对象${received}`;
    case 'duplicate_document':
      return `第 ${issue.line} 行：查询 ${JSON.stringify(issue.recordId ?? '')} 中文档 ${JSON.stringify(issue.received ?? '')} 重复出现，保留第一次`;
    case 'invalid_encoding':
      return `第 ${issue.line} 行不是有效的 UTF-8 文本`;
    default:
      return `第 ${issue.line} 行字段 ${issue.path || '—'} 的值无效${received}`;
  }
}

/** Values printed with this many decimals, as trec_eval prints them. */
const DECIMALS = 4;

function printTables(ctx: CliContext, result: EvaluationResult): void {
  const en = ctx.locale === 'en';
  const names = Object.keys(result.metrics);
  ctx.printTable(
    [{ header: en ? 'metric' : '指标' }, { header: en ? 'mean' : '均值', align: 'right' }],
    names.map((name) => [name, result.metrics[name]!.toFixed(DECIMALS)]),
  );
  if (ctx.flag('per-query')) {
    ctx.println();
    ctx.printTable(
      [
        { header: en ? 'query' : '查询', maxWidth: 40 },
        ...names.map((n) => ({ header: n, align: 'right' as const })),
      ],
      Object.entries(result.perQuery).map(([qid, values]) => [
        qid,
        ...names.map((n) => values[n]!.toFixed(DECIMALS)),
      ]),
    );
  }
  ctx.println();
  const skippedBy = (reason: string) => result.skipped.filter((s) => s.reason === reason).length;
  ctx.println(
    en
      ? `${result.numQueries} queries evaluated; skipped: ${skippedBy('not_in_run')} not in run, ${skippedBy('not_in_qrels')} not in qrels, ${skippedBy('no_relevant')} without relevant documents; ${result.noRelevant.length} with no relevant judgment.`
      : `共评估 ${result.numQueries} 个查询；跳过：运行结果中缺失 ${skippedBy('not_in_run')} 个，无相关性判断 ${skippedBy('not_in_qrels')} 个，因无相关文档排除 ${skippedBy('no_relevant')} 个；无相关文档的查询共 ${result.noRelevant.length} 个。`,
  );
}
