/**
 * `finmatch match`: the eligible investors for S&T projects, best first; with `--reverse`, the
 * eligible projects for investors.
 *
 * @module
 */
import type { MatcherOptions } from '../../engine/api.js';
import type { ProjectInvestorProfile } from '../../engine/types.js';
import type { Project } from '../../model/types.js';
import { EXIT_OK } from '../exit-codes.js';
import {
  byLocale,
  eligibleCount,
  factorLabels,
  matchesJson,
  matchTable,
  nearMissJson,
  nearMissLines,
  ruleLabels,
  type NearMissNoun,
} from '../matching/format.js';
import {
  requireFile,
  selectSubjects,
  startRanking,
  idLookup,
  type LoadedInputs,
} from '../matching/inputs.js';
import { matcherOptions, printEachSubject } from '../matching/matchers.js';
import {
  dataFileOptions,
  idOption,
  MATCHING_OPTIONS,
  PROJECT_INVESTOR_REFERENCE,
} from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand, CliContext } from '../types.js';

/** How near-miss lines name investors. */
const INVESTORS: NearMissNoun = {
  zh: '投资机构',
  measure: '家',
  en: 'investors',
  enOne: 'investor',
};

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
    'finmatch match --projects data/projects.jsonl --investors data/investors.jsonl --id proj-001',
    'finmatch match --projects data/projects.jsonl --investors data/investors.jsonl --reverse --id inv-001 --format json',
  ],
  async run(ctx) {
    const files = ['projects', 'investors', ...PROJECT_INVESTOR_REFERENCE] as const;
    // --id names projects, or investors with --reverse: that file is read for them only.
    const named = ctx.flag('reverse') ? 'investors' : 'projects';
    const { k, asOf, inputs } = await startRanking(ctx, files, idLookup(ctx, named));
    const { projectInvestorProfile } = await import('../../engine/index.js');
    const profile = await loadProfileOption(ctx, projectInvestorProfile);
    const options = matcherOptions(ctx, inputs, asOf, profile);
    const projects = requireFile(inputs, 'projects');
    const investors = requireFile(inputs, 'investors');
    return ctx.flag('reverse')
      ? runReverse(ctx, k, asOf, projects.records, investors, options)
      : runForward(ctx, k, asOf, projects, investors.records, options);
  },
};

type ProjectsFile = NonNullable<LoadedInputs['projects']>;
type InvestorsFile = NonNullable<LoadedInputs['investors']>;
type Options = MatcherOptions<ProjectInvestorProfile>;

async function runForward(
  ctx: CliContext,
  k: number,
  asOf: string,
  projects: ProjectsFile,
  investors: InvestorsFile['records'],
  options: Options,
): Promise<number> {
  const subjects = selectSubjects(ctx, projects, { zh: '项目', en: 'project' });
  const { createInvestorMatcher } = await import('../../engine/index.js');
  const matcher = createInvestorMatcher(investors, options);
  const investorById = new Map(matcher.investors.map((i) => [i.id, i]));
  const label = factorLabels(matcher.profile, ctx.locale);
  // Titles count every eligible investor, not just the k shown.
  const totals = new Map<string, number>();
  // A project with no eligible investor gets its nearest misses and what would unlock some.
  const ruleLabel = ruleLabels(matcher.profile, ctx.locale);
  const nearMisses = (project: Project) =>
    totals.get(project.id) === 0 ? matcher.nearMisses(project) : undefined;
  const nearMissFooter = (project: Project) => {
    const report = nearMisses(project);
    return report ? nearMissLines(ctx, report, INVESTORS, investorById, ruleLabel) : [];
  };
  await printEachSubject(
    ctx,
    { zh: '匹配投资机构', en: 'matching investors' },
    subjects,
    (project) => {
      totals.set(project.id, matcher.rankInvestors(project, { k: Infinity }).length);
      return matcher.rankInvestors(project, { k });
    },
    {
      json: (project, matches) => {
        const report = nearMisses(project);
        return {
          projectId: project.id,
          matches: matchesJson('investorId', matches),
          ...(report ? { nearMisses: nearMissJson(report, 'investorId') } : {}),
        };
      },
      table: (project, matches) => {
        const investorsCount = (id: string) =>
          eligibleCount(ctx, matches.length, totals.get(id) ?? matches.length, {
            zh: '符合条件的投资机构',
            measure: '家',
            en: 'eligible investors',
          });
        return {
          title: byLocale(
            ctx,
            `项目 ${project.id} ${project.name}：${investorsCount(project.id)}（评估日 ${asOf}）`,
            `Project ${project.id} ${project.name}: ${investorsCount(project.id)} (as of ${asOf})`,
          ),
          ...matchTable(ctx, matches, label, {
            idField: 'investorId',
            header: { zh: '投资机构', en: 'Investor' },
            byId: investorById,
          }),
          footer: nearMissFooter(project),
        };
      },
    },
  );
  return EXIT_OK;
}

async function runReverse(
  ctx: CliContext,
  k: number,
  asOf: string,
  projects: ProjectsFile['records'],
  investors: InvestorsFile,
  options: Options,
): Promise<number> {
  const subjects = selectSubjects(ctx, investors, { zh: '投资机构', en: 'investor' });
  const { createProjectIndex } = await import('../../engine/index.js');
  const index = createProjectIndex(projects, options);
  const projectById = new Map(index.projects.map((p) => [p.id, p]));
  const label = factorLabels(index.profile, ctx.locale);
  // Titles count every eligible project, not just the k shown.
  const totals = new Map<string, number>();
  await printEachSubject(
    ctx,
    { zh: '匹配项目', en: 'matching projects' },
    subjects,
    (investor) => {
      totals.set(investor.id, index.rankProjects(investor, { k: Infinity }).length);
      return index.rankProjects(investor, { k });
    },
    {
      json: (investor, matches) => ({
        investorId: investor.id,
        matches: matchesJson('projectId', matches),
      }),
      table: (investor, matches) => {
        const count = eligibleCount(
          ctx,
          matches.length,
          totals.get(investor.id) ?? matches.length,
          {
            zh: '符合条件的项目',
            measure: '个',
            en: 'eligible projects',
          },
        );
        return {
          title: byLocale(
            ctx,
            `投资机构 ${investor.id} ${investor.name}：${count}（评估日 ${asOf}）`,
            `Investor ${investor.id} ${investor.name}: ${count} (as of ${asOf})`,
          ),
          ...matchTable(ctx, matches, label, {
            idField: 'projectId',
            header: { zh: '项目', en: 'Project' },
            byId: projectById,
          }),
        };
      },
    },
  );
  return EXIT_OK;
}
