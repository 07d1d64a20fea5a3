/**
 * `createInvestorMatcher`: ranks investors for S&T projects and explains any pair — the
 * generic catalogue matcher ({@link createTargetMatcher}) on the project–investor market.
 *
 * @module
 */
import type { Investor, InvestorInput, Project, ProjectInput } from '../../model/types.js';
import type {
  InvestorMatch,
  InvestorMatcher,
  MatcherOptions,
  NearMissOptions,
  RankOptions,
} from '../api.js';
import type { Explanation, ProjectInvestorProfile } from '../types.js';
import { createTargetMatcher, PROJECT_INVESTOR, type TargetMatcher } from './market.js';
import { matchAs } from './match-id.js';

/** The core behind each matcher {@link createInvestorMatcher} made (weakly held). */
const cores = new WeakMap<object, TargetMatcher<Project, Investor>>();

/**
 * The catalogue core of a matcher made by {@link createInvestorMatcher}, else undefined: lets
 * `assign` score an event's pairs in bulk (`TargetMatcher.scorePairs`) with a given matcher.
 *
 * @internal
 */
export function investorMatcherCore(
  matcher: unknown,
): TargetMatcher<Project, Investor> | undefined {
  return typeof matcher === 'object' && matcher !== null ? cores.get(matcher) : undefined;
}

/**
 * Builds an investor matcher over `investors` (validated; kept in id order; factors prepared
 * once on them). Results of the default reciprocal profile carry `sides`: the project's and
 * the investor's own scores. Re-ranking group: the investor kind.
 */
export function createInvestorMatcher(
  investors: readonly (InvestorInput | Investor)[],
  options?: MatcherOptions<ProjectInvestorProfile>,
): InvestorMatcher {
  const core = createTargetMatcher<Project, Investor>(PROJECT_INVESTOR, investors, options);
  const matcher: InvestorMatcher = {
    get investors() {
      return core.targets;
    },
    profile: core.profile,
    get plan() {
      return core.plan;
    },
    rankInvestors: (project: ProjectInput | Project, rankOptions?: RankOptions): InvestorMatch[] =>
      core.rank(project, rankOptions).map((c) => matchAs(c, 'investorId')),
    explain: (project: ProjectInput | Project, investorId: string): Explanation =>
      core.explain(project, investorId),
    nearMisses: (project: ProjectInput | Project, nearMissOptions?: NearMissOptions) =>
      core.nearMisses(project, nearMissOptions),
    upsertInvestors(records: readonly (InvestorInput | Investor)[]): void {
      core.upsert(records);
    },
    removeInvestors: (ids: readonly string[]): number => core.remove(ids),
  };
  cores.set(matcher, core);
  return matcher;
}
