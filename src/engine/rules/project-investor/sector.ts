import type { Investor, Project } from '../../../model/types.js';
import type { EligibilityRule, ProjectInvestorContext } from '../../types.js';
import { checkSector } from '../sector-check.js';

/**
 * `sector` (project–investor): the project's sector lies under one of the investor's target
 * sectors (empty = all) and under none of its excluded sectors.
 */
export function investorSectorRule(): EligibilityRule<Project, Investor> {
  return {
    name: 'sector',
    label: { zh: '行业', en: 'sector' },
    description: {
      zh: '项目所属行业在投资方关注范围内且未被排除',
      en: 'the project’s sector is targeted by the investor and not excluded',
    },
    check: ({ subject, target, locale }: ProjectInvestorContext) =>
      checkSector('sector', subject.sector, target.targetSectors, target.excludedSectors, locale, {
        zh: '投资方',
        en: 'investor',
      }),
  };
}
