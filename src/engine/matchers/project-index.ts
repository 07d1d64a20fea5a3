/**
 * `createProjectIndex`: ranks S&T projects for an investor (the reverse direction of
 * {@link createInvestorMatcher}, same profile and same pair scores) — the generic index
 * ({@link createSubjectIndex}) on the project–investor market.
 *
 * @module
 */
import type { Investor, InvestorInput, Project, ProjectInput } from '../../model/types.js';
import type { MatcherOptions, ProjectIndex, ProjectMatch, RankOptions } from '../api.js';
import type { ProjectInvestorProfile } from '../types.js';
import { createSubjectIndex, PROJECT_INVESTOR } from './market.js';
import { matchAs } from './match-id.js';

/**
 * Builds an index over `projects` (validated; kept in id order; factors prepared once with the
 * projects as subjects), kept current by `upsertProjects` / `removeProjects`. Re-ranking group:
 * the project's sector section.
 */
export function createProjectIndex(
  projects: readonly (ProjectInput | Project)[],
  options?: MatcherOptions<ProjectInvestorProfile>,
): ProjectIndex {
  const core = createSubjectIndex<Project, Investor>(PROJECT_INVESTOR, projects, options);
  return {
    get projects() {
      return core.subjects;
    },
    profile: core.profile,
    plan: core.plan,
    rankProjects: (investor: InvestorInput | Investor, rankOptions?: RankOptions): ProjectMatch[] =>
      core.rank(investor, rankOptions).map((c) => matchAs(c, 'projectId')),
    upsertProjects(records: readonly (ProjectInput | Project)[]): void {
      core.upsert(records);
    },
    removeProjects: (ids: readonly string[]): number => core.remove(ids),
  };
}
