/**
 * `finmatch match`: the eligible investors for S&T projects, best first; with `--reverse`, the
 * eligible projects for investors.
 *
 * @module
 */
import type { MatcherOptions } from '../../engine/api.js';
import type { ProjectInvestorProfile } from '../../engine/types.js';
import { EXIT_OK } from '../exit-codes.js';
import {
  byLocale,
  factorLabels,
  formatScore,
  matchJson,
  NAME_MAX_WIDTH,
  topContributions,
} from '../matching/format.js';
import { loadInputs, lookupIds, requireFile, resolveAsOf, resolveK } from '../matching/inputs.js';
import { forEachWithProgress, matcherOptions } from '../matching/matchers.js';
import {
  dataFileOptions,
  idOption,
  MATCHING_OPTIONS,
  PROJECT_INVESTOR_REFERENCE,
} from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand, CliContext } from '../types.js';

/** The `match` command. */
export const matchCommand: CliCommand = {
  name: 'match',
  summary: 'rank the eligible investors for S&T projects (--reverse: projects for investors)',
  usage:
    'finmatch match --projects FILE --investors FILE [--id ID]… [--reverse] [--k N] [--format table|json] [--locale zh|en] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['projects', 'investors'], PROJECT_INVESTOR_REFERENCE),
    ...idOption('project to rank investors for, or with --reverse the investor (default: all)'),
    reverse: {
      type: 'boolean',
      description: 'rank projects for investors instead of investors for projects',
    },
    ...MATCHING_OPTIONS,
  },
  examples: [
    'finmatch match --projects data/projects.jsonl --investors data/investors.jsonl --id proj-0001',
    'finmatch match --projects data/projects.jsonl --investors data/investors.jsonl --reverse --id inv-0001 --format json',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(`unexpected argument ${JSON.stringify(ctx.positionals[0])}`);
    const k = resolveK(ctx);
    const files = ['projects', 'investors', ...PROJECT_INVESTOR_REFERENCE] as const;
    const { asOf } = await resolveAsOf(ctx, files);
    const inputs = await loadInputs(ctx, files);
    const { projectInvestorProfile } = await import('../../engine/index.js');
    const profile = await loadProfileOption(ctx, projectInvestorProfile);
    const options = matcherOptions(ctx, inputs, asOf, profile);
    const projects = requireFile(inputs, 'projects');
    const investors = requireFile(inputs, 'investors');
    const ids = ctx.strings('id');
    return ctx.flag('reverse')
      ? runReverse(ctx, k, asOf, ids, projects.records, investors, options)
      : runForward(ctx, k, asOf, ids, projects, investors.records, options);
  },
};

type Inputs = Awaited<ReturnType<typeof loadInputs>>;
type ProjectsFile = NonNullable<Inputs['projects']>;
type InvestorsFile = NonNullable<Inputs['investors']>;
type Options = MatcherOptions<ProjectInvestorProfile>;

async function runForward(
  ctx: CliContext,
  k: number,
  asOf: string,
  ids: string[],
  projects: ProjectsFile,
  investors: InvestorsFile['records'],
  options: Options,
): Promise<number> {
  const subjects =
    ids.length > 0
      ? lookupIds(ctx, projects, ids, { zh: '项目', en: 'project' })
      : projects.records;
  const { createInvestorMatcher } = await import('../../engine/index.js');
  const matcher = createInvestorMatcher(investors, options);
  const investorById = new Map(matcher.investors.map((i) => [i.id, i]));
  const label = factorLabels(matcher.profile, ctx.locale);
  await forEachWithProgress(ctx, 'matching investors', subjects, (project) => {
    const matches = matcher.rankInvestors(project, { k });
    if (ctx.format === 'json') {
      ctx.printJsonLine({
        projectId: project.id,
        matches: matches.map((m) => matchJson('investorId', m.investorId, m)),
      });
      return;
    }
    ctx.println(
      byLocale(
        ctx,
        `项目 ${project.id} ${project.name}：${matches.length} 家符合条件的投资机构（评估日 ${asOf}）`,
        `Project ${project.id} ${project.name}: ${matches.length} eligible investors (as of ${asOf})`,
      ),
    );
    ctx.printTable(
      [
        { header: byLocale(ctx, '排名', 'Rank'), align: 'right' },
        { header: byLocale(ctx, '投资机构', 'Investor') },
        { header: byLocale(ctx, '名称', 'Name'), maxWidth: NAME_MAX_WIDTH },
        { header: byLocale(ctx, '得分', 'Score'), align: 'right' },
        { header: byLocale(ctx, '主要贡献', 'Top contributions') },
      ],
      matches.map((m) => [
        String(m.rank),
        m.investorId,
        investorById.get(m.investorId)?.name ?? '',
        formatScore(m.score),
        topContributions(m.contributions, label),
      ]),
    );
    ctx.println();
  });
  return EXIT_OK;
}

async function runReverse(
  ctx: CliContext,
  k: number,
  asOf: string,
  ids: string[],
  projects: ProjectsFile['records'],
  investors: InvestorsFile,
  options: Options,
): Promise<number> {
  const subjects =
    ids.length > 0
      ? lookupIds(ctx, investors, ids, { zh: '投资机构', en: 'investor' })
      : investors.records;
  const { createProjectIndex } = await import('../../engine/index.js');
  const index = createProjectIndex(projects, options);
  const projectById = new Map(index.projects.map((p) => [p.id, p]));
  const label = factorLabels(index.profile, ctx.locale);
  await forEachWithProgress(ctx, 'matching projects', subjects, (investor) => {
    const matches = index.rankProjects(investor, { k });
    if (ctx.format === 'json') {
      ctx.printJsonLine({
        investorId: investor.id,
        matches: matches.map((m) => matchJson('projectId', m.projectId, m)),
      });
      return;
    }
    ctx.println(
      byLocale(
        ctx,
        `投资机构 ${investor.id} ${investor.name}：${matches.length} 个符合条件的项目（评估日 ${asOf}）`,
        `Investor ${investor.id} ${investor.name}: ${matches.length} eligible projects (as of ${asOf})`,
      ),
    );
    ctx.printTable(
      [
        { header: byLocale(ctx, '排名', 'Rank'), align: 'right' },
        { header: byLocale(ctx, '项目', 'Project') },
        { header: byLocale(ctx, '名称', 'Name'), maxWidth: NAME_MAX_WIDTH },
        { header: byLocale(ctx, '得分', 'Score'), align: 'right' },
        { header: byLocale(ctx, '主要贡献', 'Top contributions') },
      ],
      matches.map((m) => [
        String(m.rank),
        m.projectId,
        projectById.get(m.projectId)?.name ?? '',
        formatScore(m.score),
        topContributions(m.contributions, label),
      ]),
    );
    ctx.println();
  });
  return EXIT_OK;
}
