import { pick } from '../../../i18n/locale.js';
import type { Investor, Project } from '../../../model/types.js';
import { ROUND_NAMES } from '../../../taxonomy/ladders.js';
import { joinAlternatives } from '../../explain/labels.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { projectRoundKey } from '../subject-keys.js';

/**
 * `round`: the investor invests in every round (empty `rounds`: the rule does not apply) or
 * lists the project's round. Takes no options.
 */
export function roundRule(options?: NoOptions): EligibilityRule<Project, Investor> {
  const { spec } = resolvePartOptions('round', options, {});
  return defineRule<Project, Investor>({
    name: 'round',
    label: { zh: '融资轮次', en: 'round' },
    description: {
      zh: '项目融资轮次在投资方关注的轮次内',
      en: 'the project’s round is one the investor invests in',
    },
    key: projectRoundKey,
    test: ({ subject, target }) =>
      target.rounds.length === 0 || target.rounds.includes(subject.round),
    notApplicable: ({ target }) =>
      target.rounds.length === 0
        ? { zh: '该投资方不限轮次', en: 'the investor invests in every round' }
        : undefined,
    describe({ subject, target }) {
      const rounds = target.rounds;
      const names = (l: 'zh' | 'en') =>
        joinAlternatives(
          rounds.map((r) => pick(ROUND_NAMES[r], l)),
          l,
        );
      return {
        actual: subject.round,
        required: rounds.length > 0 ? rounds : null,
        failure: () => ({
          message: {
            zh: `项目处于${ROUND_NAMES[subject.round].zh}，投资方只投${names('zh')}`,
            en: `the project is raising a ${ROUND_NAMES[subject.round].en} round; the investor invests in ${names('en')} only`,
          },
          hint: {
            zh: `项目进入${names('zh')}时符合条件`,
            en: `eligible at the ${names('en')} round`,
          },
        }),
      };
    },
    spec,
  });
}
