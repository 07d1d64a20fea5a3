import { pick } from '../../../i18n/locale.js';
import type { Investor, Project } from '../../../model/types.js';
import { ROUND_NAMES } from '../../../taxonomy/ladders.js';
import { joinAlternatives } from '../../explain/labels.js';
import type { EligibilityRule, ProjectInvestorContext } from '../../types.js';
import { fail, pass } from '../outcome.js';

/** `round`: the investor invests in every round (empty `rounds`) or lists the project's round. */
export function roundRule(): EligibilityRule<Project, Investor> {
  const name = 'round';
  return {
    name,
    label: { zh: '融资轮次', en: 'round' },
    description: {
      zh: '项目融资轮次在投资方关注的轮次内',
      en: 'the project’s round is one the investor invests in',
    },
    check({ subject, target, locale }: ProjectInvestorContext) {
      const rounds = target.rounds;
      if (rounds.length === 0 || rounds.includes(subject.round)) {
        return pass(subject.round, rounds.length > 0 ? rounds : null);
      }
      const names = (l: 'zh' | 'en') =>
        joinAlternatives(
          rounds.map((r) => pick(ROUND_NAMES[r], l)),
          l,
        );
      return fail(name, locale, {
        actual: subject.round,
        required: rounds,
        message: {
          zh: `项目处于${ROUND_NAMES[subject.round].zh}，投资方只投${names('zh')}`,
          en: `the project is raising a ${ROUND_NAMES[subject.round].en} round; the investor invests in ${names('en')} only`,
        },
        hint: {
          zh: `项目进入${names('zh')}时符合条件`,
          en: `eligible at the ${names('en')} round`,
        },
      });
    },
  };
}
