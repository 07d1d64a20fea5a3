import type { Investor, Project } from '../../../model/types.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { describeSector, sectorNotApplicable, sectorPasses } from '../sector-check.js';
import { projectSectorKey } from '../subject-keys.js';

/**
 * `sector` (project–investor): the project's sector lies under one of the investor's target
 * sectors (empty = all) and under none of its excluded sectors. Takes no options.
 */
export function investorSectorRule(options?: NoOptions): EligibilityRule<Project, Investor> {
  const { spec } = resolvePartOptions('sector', options, {});
  return defineRule<Project, Investor>({
    name: 'sector',
    label: { zh: '行业', en: 'sector' },
    description: {
      zh: '项目所属行业在投资方关注范围内且未被排除',
      en: 'the project’s sector is targeted by the investor and not excluded',
    },
    key: projectSectorKey,
    test: ({ subject, target }) =>
      sectorPasses(subject.sector, target.targetSectors, target.excludedSectors),
    notApplicable: ({ target }) =>
      sectorNotApplicable(target.targetSectors, target.excludedSectors, {
        zh: '该投资方不限行业',
        en: 'the investor invests in every sector',
      }),
    describe: ({ subject, target }) =>
      describeSector(subject.sector, target.targetSectors, target.excludedSectors, {
        zh: '投资方',
        en: 'investor',
      }),
    spec,
  });
}
