import { pick } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { STAGE_NAMES } from '../../../taxonomy/ladders.js';
import { joinAlternatives } from '../../explain/labels.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { stageKey } from '../subject-keys.js';

/**
 * `stage`: the product serves every stage (empty `stages`: the rule does not apply) or lists
 * the enterprise's stage. A failure names no change (a stage is reached, not chosen). Takes
 * no options.
 */
export function stageRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('stage', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'stage',
    label: { zh: '发展阶段', en: 'stage' },
    description: {
      zh: '企业发展阶段在产品支持的阶段内',
      en: 'the enterprise’s development stage is one the product serves',
    },
    key: stageKey,
    targetFields: ['stages'],
    test: ({ subject, target }) =>
      target.stages.length === 0 || target.stages.includes(subject.stage),
    notApplicable: ({ target }) =>
      target.stages.length === 0
        ? { zh: '该产品不限发展阶段', en: 'the product serves every stage' }
        : undefined,
    describe({ subject, target }) {
      const stages = target.stages;
      const names = (l: 'zh' | 'en') =>
        joinAlternatives(
          stages.map((s) => pick(STAGE_NAMES[s], l)),
          l,
        );
      return {
        actual: subject.stage,
        required: stages.length === 0 ? null : stages,
        failure: () => ({
          message: {
            zh: `企业处于${STAGE_NAMES[subject.stage].zh}，产品面向${names('zh')}企业`,
            en: `the enterprise is at the ${STAGE_NAMES[subject.stage].en} stage; the product serves ${names('en')}`,
          },
          hint: {
            zh: `企业发展到${names('zh')}时符合条件`,
            en: `eligible at the ${names('en')} stage`,
          },
        }),
      };
    },
    spec,
  });
}
