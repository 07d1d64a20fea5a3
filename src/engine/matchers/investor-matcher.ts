/**
 * `createInvestorMatcher`: ranks investors for S&T projects and explains any pair.
 *
 * @module
 */
import { UnknownIdError } from '../../errors.js';
import { parseAll, parseRecord } from '../../model/parse.js';
import type { Investor, InvestorInput, Project, ProjectInput } from '../../model/types.js';
import type { InvestorMatch, InvestorMatcher, MatcherOptions, RankOptions } from '../api.js';
import { prepareProfile } from '../pipeline.js';
import { projectInvestorProfile } from '../profiles/project-investor.js';
import type { Explanation, ProjectInvestorProfile } from '../types.js';
import { resolveMatcherOptions, resolveRankOptions, sortById } from './options.js';
import { compileTargets } from '../../compile/compile.js';

/**
 * Builds an investor matcher over `investors` (validated; kept in id order; factors prepared
 * once on them). Results of the default reciprocal profile carry `sides`: the project's and
 * the investor's own scores. Re-ranking group: the investor kind.
 */
export function createInvestorMatcher(
  investors: readonly (InvestorInput | Investor)[],
  options?: MatcherOptions<ProjectInvestorProfile>,
): InvestorMatcher {
  const resolved = resolveMatcherOptions(options, 'projectInvestor', projectInvestorProfile);
  const { asOf, locale, reference, interactions, subjects } = resolved;
  const all = Object.freeze(sortById(parseAll('investor', investors, { locale })));
  const byId = new Map(all.map((i) => [i.id, i]));
  const prepared = prepareProfile(resolved.profile, {
    targets: all,
    subjects,
    interactions,
    reference,
    asOf,
  });
  const parseProject = (p: ProjectInput | Project) => parseRecord('project', p, { locale });
  const ranker = compileTargets(prepared, { asOf, locale, reference }, all, (i) => i.kind);
  return {
    investors: all,
    profile: resolved.profile,
    plan: ranker.plan,
    rankInvestors(project: ProjectInput | Project, rankOptions?: RankOptions): InvestorMatch[] {
      const { k, includeRules, includeIneligible } = resolveRankOptions(rankOptions);
      const subject = parseProject(project);
      return ranker
        .rank(subject, { k, includeRules, includeIneligible })
        .map(({ id, ...rest }) => ({ investorId: id, ...rest }));
    },
    explain(project: ProjectInput | Project, investorId: string): Explanation {
      const subject = parseProject(project);
      const investor = byId.get(investorId);
      if (!investor) {
        throw new UnknownIdError(
          investorId,
          locale === 'en'
            ? `unknown investor id ${JSON.stringify(investorId)}`
            : `未知的投资方 id ${JSON.stringify(investorId)}`,
        );
      }
      return ranker.explain(subject, investor);
    },
  };
}
