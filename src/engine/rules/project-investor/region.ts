import type { Investor, Project } from '../../../model/types.js';
import { joinAlternatives, regionLabel } from '../../explain/labels.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { projectRegionKey } from '../subject-keys.js';

/**
 * `region` (project–investor): the investor invests everywhere (empty `regions`) or the
 * project's region code starts with one of its prefixes (local funds' reinvestment areas).
 * Takes no options.
 */
export function investorRegionRule(options?: NoOptions): EligibilityRule<Project, Investor> {
  const { spec } = resolvePartOptions('region', options, {});
  return defineRule<Project, Investor>({
    name: 'region',
    label: { zh: '投资地域', en: 'region' },
    description: {
      zh: '项目所在地在投资方投资地域内',
      en: 'the project is located where the investor invests',
    },
    key: projectRegionKey,
    test: ({ subject, target }) =>
      target.regions.length === 0 || target.regions.some((p) => subject.region.startsWith(p)),
    notApplicable: ({ target }) =>
      target.regions.length === 0
        ? { zh: '该投资方不限投资地域', en: 'the investor invests in every region' }
        : undefined,
    describe({ subject, target }) {
      const regions = target.regions;
      return {
        actual: subject.region,
        required: regions.length > 0 ? regions : null,
        failure: () => ({
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
        }),
      };
    },
    spec,
  });
}
