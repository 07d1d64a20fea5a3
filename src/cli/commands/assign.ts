/**
 * `finmatch assign`: assigns S&T projects to investors with limited capacity ("一月一链"
 * matchmaking events), stable (no project and investor would both rather be together) or
 * optimal (largest total score).
 *
 * @module
 */
import { EXIT_OK } from '../exit-codes.js';
import { byLocale, formatScore, NAME_MAX_WIDTH } from '../matching/format.js';
import { loadInputs, requireFile, resolveAsOf, skipUnreferenced } from '../matching/inputs.js';
import { matcherOptions } from '../matching/matchers.js';
import {
  dataFileOptions,
  MATCHING_OPTIONS,
  PROJECT_INVESTOR_REFERENCE,
} from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand } from '../types.js';

/** `assign` has no `--k`: every eligible pair is considered. */
const { k: _k, ...ASSIGN_MATCHING_OPTIONS } = MATCHING_OPTIONS;

/** The `assign` command. */
export const assignCommand: CliCommand = {
  name: 'assign',
  summary: 'assign S&T projects to investors under capacity (stable or optimal)',
  usage:
    'finmatch assign --projects FILE --investors FILE [--method stable|optimal] [--chain ID] [--explain] [--format table|json] [--locale zh|en] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['projects', 'investors'], PROJECT_INVESTOR_REFERENCE),
    method: {
      type: 'string',
      valueName: 'METHOD',
      choices: ['stable', 'optimal'],
      default: 'stable',
      description:
        'stable: project-proposing deferred acceptance (no blocking pair); optimal: largest total score',
    },
    chain: {
      type: 'string',
      valueName: 'ID',
      description: 'only the projects on this industrial chain (a "one month, one chain" event)',
    },
    explain: {
      type: 'boolean',
      description:
        'also print the preference lists the assignment used and every eligible pair with its score',
    },
    ...ASSIGN_MATCHING_OPTIONS,
  },
  examples: [
    'finmatch assign --projects data/projects.jsonl --investors data/investors.jsonl --method optimal',
    'finmatch assign --projects data/projects.jsonl --investors data/investors.jsonl --chain chain-01 --explain --format json',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(
        ctx.t(
          `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
          `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
        ),
      );
    const method = ctx.string('method') as 'stable' | 'optimal';
    const files = ['projects', 'investors', ...PROJECT_INVESTOR_REFERENCE] as const;
    const { asOf } = await resolveAsOf(ctx, files);
    const inputs = await loadInputs(ctx, files);
    skipUnreferenced(ctx, inputs, asOf);
    const investors = requireFile(inputs, 'investors').records;
    let projects = requireFile(inputs, 'projects').records;
    const chainId = ctx.string('chain');
    if (chainId !== undefined) {
      if (inputs.chains && !inputs.chains.records.some((c) => c.id === chainId))
        ctx.usageError(
          byLocale(
            ctx,
            `未知的产业链 id ${JSON.stringify(chainId)}（--chains 文件中没有）`,
            `unknown chain id ${JSON.stringify(chainId)}: not in the --chains file`,
          ),
        );
      projects = projects.filter((p) => p.chains.includes(chainId));
      if (projects.length === 0)
        ctx.usageError(
          byLocale(
            ctx,
            `产业链 ${JSON.stringify(chainId)} 上没有项目`,
            `no project is on chain ${JSON.stringify(chainId)}`,
          ),
        );
    }

    const { projectInvestorProfile } = await import('../../engine/index.js');
    const { assign } = await import('../../assign/index.js');
    const profile = await loadProfileOption(ctx, projectInvestorProfile);
    const started = performance.now();
    const result = assign(projects, investors, {
      method,
      matcherOptions: matcherOptions(ctx, inputs, asOf, profile),
      locale: ctx.locale,
    });
    const elapsedMs = performance.now() - started;
    let used = 0;
    let capacity = 0;
    for (const c of Object.values(result.capacityUse)) {
      used += c.used;
      capacity += c.capacity;
    }

    if (ctx.format === 'json') {
      ctx.printJsonLine({
        method: result.method,
        assignments: result.assignments,
        unassigned: result.unassigned,
        totalScore: result.totalScore,
        capacityUse: result.capacityUse,
        ...(ctx.flag('explain') ? { preferences: result.preferences, pairs: result.pairs } : {}),
      });
      return EXIT_OK;
    }
    const projectById = new Map(projects.map((p) => [p.id, p]));
    const investorById = new Map(investors.map((i) => [i.id, i]));
    ctx.println(
      byLocale(
        ctx,
        `${method === 'stable' ? '稳定匹配' : '最优匹配'}：${projects.length} 个项目，${investors.length} 家投资机构，${result.pairs.length} 个可匹配组合（评估日 ${asOf}，${(elapsedMs / 1000).toFixed(2)} 秒）`,
        `${method} assignment: ${projects.length} projects, ${investors.length} investors, ${result.pairs.length} eligible pairs (as of ${asOf}, ${(elapsedMs / 1000).toFixed(2)} s)`,
      ),
    );
    ctx.printTable(
      [
        { header: byLocale(ctx, '项目', 'Project') },
        { header: byLocale(ctx, '项目名称', 'Project name'), maxWidth: NAME_MAX_WIDTH },
        { header: byLocale(ctx, '投资机构', 'Investor') },
        { header: byLocale(ctx, '机构名称', 'Investor name'), maxWidth: NAME_MAX_WIDTH },
        { header: byLocale(ctx, '得分', 'Score'), align: 'right' },
      ],
      result.assignments.map((a) => [
        a.projectId,
        projectById.get(a.projectId)?.name ?? '',
        a.investorId,
        investorById.get(a.investorId)?.name ?? '',
        formatScore(a.score),
      ]),
    );
    ctx.println();
    ctx.println(
      byLocale(
        ctx,
        `已匹配 ${result.assignments.length} 个项目，未匹配 ${result.unassigned.length} 个；总分 ${formatScore(result.totalScore)}；投资机构名额使用 ${used}/${capacity}。`,
        `${result.assignments.length} projects assigned, ${result.unassigned.length} unassigned; total score ${formatScore(result.totalScore)}; investor capacity used ${used}/${capacity}.`,
      ),
    );
    if (result.unassigned.length > 0)
      ctx.println(`${byLocale(ctx, '未匹配', 'Unassigned')}: ${result.unassigned.join(', ')}`);
    if (ctx.flag('explain')) {
      ctx.println();
      ctx.println(byLocale(ctx, '各项目的偏好（前 5）', 'Preferences of each project (top 5)'));
      for (const [projectId, list] of Object.entries(result.preferences.projects)) {
        ctx.println(
          `  ${projectId}: ${list
            .slice(0, 5)
            .map((p) => `${p.investorId} ${formatScore(p.score)}`)
            .join(', ')}`,
        );
      }
    }
    return EXIT_OK;
  },
};
