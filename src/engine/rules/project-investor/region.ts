import type { Investor, Project } from '../../../model/types.js';
import { joinAlternatives, regionLabel } from '../../explain/labels.js';
import type { EligibilityRule, ProjectInvestorContext } from '../../types.js';
import { fail, pass } from '../outcome.js';

/**
 * `region` (project–investor): the investor invests everywhere (empty `regions`) or the
 * project's region code starts with one of its prefixes (local funds' reinvestment areas).
 */
export function investorRegionRule(): EligibilityRule<Project, Investor> {
  const name = 'region';
  return {
    name,
    label: { zh: '投资地域', en: 'region' },
    description: {
      zh: '项目所在地在投资方投资地域内',
      en: 'the project is located where the investor invests',
    },
    check({ subject, target, locale }: ProjectInvestorContext) {
      const regions = target.regions;
      if (regions.length === 0 || regions.some((p) => subject.region.startsWith(p))) {
        return pass(subject.region, regions.length > 0 ? regions : null);
      }
      return fail(name, locale, {
        actual: subject.region,
        required: regions,
        message: {
          zh: `项目所在地${regionLabel(subject.region, 'zh')}不在投资方投资地域内`,
          en: `the project’s region ${regionLabel(subject.region, 'en')} is outside the investor’s area`,
        },
        hint: {
          zh: `投资方仅投资${joinAlternatives(
            regions.map((r) => regionLabel(r, 'zh')),
            'zh',
          )}的项目`,
          en: `eligible only for projects located in ${joinAlternatives(
            regions.map((r) => regionLabel(r, 'en')),
            'en',
          )}`,
        },
      });
    },
  };
}
