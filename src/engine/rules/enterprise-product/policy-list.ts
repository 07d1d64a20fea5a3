import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { POLICY_LIST_NAMES, joinNames, namesOf } from '../../explain/labels.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { policyListsKey } from '../subject-keys.js';

/**
 * `policyList`: the enterprise is on every official list the product requires, e.g. the
 * re-loan candidate list (products.md A5: banks lend "by reference to candidate-enterprise
 * lists supplied by industry authorities") or an equipment-renewal project list (A11).
 * Not applicable to a product requiring no list. Takes no options.
 */
export function policyListRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('policyList', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'policyList',
    label: { zh: '政策名单', en: 'policy list' },
    description: {
      zh: '企业已列入产品要求的全部政策名单',
      en: 'the enterprise is on every official list the product requires',
    },
    key: policyListsKey,
    targetFields: ['requiredPolicyLists'],
    test: ({ subject, target }) =>
      target.requiredPolicyLists.every((l) => subject.policyLists.includes(l)),
    notApplicable: ({ target }) =>
      target.requiredPolicyLists.length === 0
        ? { zh: '该产品不要求列入政策名单', en: 'the product requires no official list' }
        : undefined,
    describe({ subject, target }) {
      const required = target.requiredPolicyLists;
      return {
        actual: subject.policyLists,
        required: required.length > 0 ? required : null,
        failure() {
          const missing = required.filter((l) => !subject.policyLists.includes(l));
          const names = (l: 'zh' | 'en') => joinNames(namesOf(POLICY_LIST_NAMES, missing, l), l);
          return {
            message: {
              zh: `企业未列入${names('zh')}`,
              en: `the enterprise is not on the ${names('en')}`,
            },
            hint: { zh: `需列入${names('zh')}`, en: `eligible once on the ${names('en')}` },
            change: {
              key: `policyList:${[...missing].sort().join('+')}`,
              label: { zh: `列入${names('zh')}`, en: `get on the ${names('en')}` },
            },
          };
        },
      };
    },
    spec,
  });
}
