import type { Investor, Project } from '../../../model/types.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { projectTrlKey } from '../subject-keys.js';

/**
 * `trl`: the project's technology readiness level (GB/T 22900, 1–9) lies within the
 * investor's TRL range (absent = any: the rule does not apply). Takes no options.
 */
export function trlRule(options?: NoOptions): EligibilityRule<Project, Investor> {
  const { spec } = resolvePartOptions('trl', options, {});
  return defineRule<Project, Investor>({
    name: 'trl',
    label: { zh: '技术成熟度', en: 'TRL' },
    description: {
      zh: '项目技术成熟度在投资方关注范围内',
      en: 'the project’s technology readiness level is within the investor’s range',
    },
    key: projectTrlKey,
    test: ({ subject, target }) =>
      target.trl === undefined || (subject.trl >= target.trl.min && subject.trl <= target.trl.max),
    notApplicable: ({ target }) =>
      target.trl === undefined
        ? { zh: '该投资方不限技术成熟度', en: 'the investor sets no TRL range' }
        : undefined,
    describe({ subject, target }) {
      const trl = subject.trl;
      const range = target.trl;
      return {
        actual: trl,
        required: range === undefined ? null : `TRL ${range.min}–${range.max}`,
        failure() {
          // Only a pair with a range can fail.
          const { min, max } = range!;
          const above = trl > max;
          const bound = above ? max : min;
          return {
            message: {
              zh: `项目技术成熟度为TRL ${trl}，投资方关注TRL ${min}–${max}`,
              en: `the project is at TRL ${trl}; the investor looks for TRL ${min}–${max}`,
            },
            hint: above
              ? {
                  zh: `投资方只投早期技术（TRL不高于${bound}）`,
                  en: `eligible only for technology at TRL ${bound} or below`,
                }
              : {
                  zh: `技术成熟度达到TRL ${bound}后符合条件`,
                  en: `eligible once the technology reaches TRL ${bound}`,
                },
            // Maturing technology is a change a project makes; an investor wanting earlier
            // technology names none.
            ...(above
              ? {}
              : {
                  change: {
                    key: `trl:${bound}`,
                    label: { zh: `技术成熟度达到TRL ${bound}`, en: `reach TRL ${bound}` },
                  },
                }),
          };
        },
      };
    },
    spec,
  });
}
