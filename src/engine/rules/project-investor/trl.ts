import type { Investor, Project } from '../../../model/types.js';
import type { EligibilityRule, ProjectInvestorContext } from '../../types.js';
import { fail, pass } from '../outcome.js';

/**
 * `trl`: the project's technology readiness level (GB/T 22900, 1–9) lies within the
 * investor's TRL range (absent = any).
 */
export function trlRule(): EligibilityRule<Project, Investor> {
  const name = 'trl';
  return {
    name,
    label: { zh: '技术成熟度', en: 'TRL' },
    description: {
      zh: '项目技术成熟度在投资方关注范围内',
      en: 'the project’s technology readiness level is within the investor’s range',
    },
    check({ subject, target, locale }: ProjectInvestorContext) {
      const trl = subject.trl;
      const range = target.trl;
      if (range === undefined) return pass(trl, null);
      const required = `TRL ${range.min}–${range.max}`;
      if (trl >= range.min && trl <= range.max) return pass(trl, required);
      const above = trl > range.max;
      const bound = above ? range.max : range.min;
      return fail(name, locale, {
        actual: trl,
        required,
        message: {
          zh: `项目技术成熟度为TRL ${trl}，投资方关注TRL ${range.min}–${range.max}`,
          en: `the project is at TRL ${trl}; the investor looks for TRL ${range.min}–${range.max}`,
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
      });
    },
  };
}
