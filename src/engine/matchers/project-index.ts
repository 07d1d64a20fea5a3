/**
 * `createProjectIndex`: ranks S&T projects for an investor (the reverse direction of
 * {@link createInvestorMatcher}, same profile and same pair scores).
 *
 * @module
 */
import { parseAll, parseRecord } from '../../model/parse.js';
import type { Investor, InvestorInput, Project, ProjectInput } from '../../model/types.js';
import type { MatcherOptions, ProjectIndex, ProjectMatch, RankOptions } from '../api.js';
import { prepareProfile } from '../pipeline.js';
import { projectInvestorProfile } from '../profiles/project-investor.js';
import type { ProjectInvestorProfile } from '../types.js';
import {
  checkIds,
  mergeSubjects,
  resolveMatcherOptions,
  resolveRankOptions,
  sortById,
} from './options.js';
import { compileSubjects } from '../../compile/compile.js';

/**
 * Builds an index over `projects` (validated; kept in id order; factors prepared once with the
 * projects as subjects). Re-ranking group: the project's sector section.
 */
export function createProjectIndex(
  projects: readonly (ProjectInput | Project)[],
  options?: MatcherOptions<ProjectInvestorProfile>,
): ProjectIndex {
  const resolved = resolveMatcherOptions(options, 'projectInvestor', projectInvestorProfile);
  const { asOf, locale, reference, interactions, subjects, targets } = resolved;
  const all = Object.freeze(sortById(parseAll('project', projects, { locale })));
  const prepared = prepareProfile(resolved.profile, {
    targets: [],
    subjects: mergeSubjects(all, subjects),
    interactions,
    reference,
    asOf,
    historyTargets: targets,
  });
  // Columnar when the plan allows (the same results as the reference loop), kept current.
  const ranker = compileSubjects(prepared, { asOf, locale, reference }, all, (p) =>
    p.sector.slice(0, 1),
  );
  return {
    get projects() {
      return ranker.subjects;
    },
    profile: resolved.profile,
    plan: ranker.plan,
    rankProjects(investor: InvestorInput | Investor, rankOptions?: RankOptions): ProjectMatch[] {
      const { k, includeRules } = resolveRankOptions(rankOptions);
      const target = parseRecord('investor', investor, { locale });
      return ranker
        .rank(target, { k, includeRules })
        .map(({ id, ...rest }) => ({ projectId: id, ...rest }));
    },
    upsertProjects(records: readonly (ProjectInput | Project)[]): void {
      ranker.upsert(parseAll('project', records, { locale }));
    },
    removeProjects(ids: readonly string[]): number {
      return ranker.remove(checkIds(ids, locale));
    },
  };
}
