import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { POLICY_LIST_NAMES, joinNames, namesOf } from '../../explain/labels.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { fail, pass } from '../outcome.js';
import { policyListsKey } from '../subject-keys.js';

/**
 * `policyList`: the enterprise is on every official list the product requires, e.g. the
 * re-loan candidate list (products.md A5: banks lend "by reference to candidate-enterprise
 * lists supplied by industry authorities") or an equipment-renewal project list (A11).
 */
export function policyListRule(): EligibilityRule<Enterprise, FinancialProduct> {
  const name = 'policyList';
  return {
    name,
    label: { zh: '政策名单', en: 'policy list' },
    description: {
      zh: '企业已列入产品要求的全部政策名单',
      en: 'the enterprise is on every official list the product requires',
    },
    key: policyListsKey,
    test: ({ subject, target }: EnterpriseProductContext) =>
      target.requiredPolicyLists.every((l) => subject.policyLists.includes(l)),
    check({ subject, target, locale }: EnterpriseProductContext) {
      const required = target.requiredPolicyLists;
      const missing = required.filter((l) => !subject.policyLists.includes(l));
      if (missing.length === 0)
        return pass(subject.policyLists, required.length > 0 ? required : null);
      return fail(name, locale, {
        actual: subject.policyLists,
        required,
        message: {
          zh: `企业未列入${joinNames(namesOf(POLICY_LIST_NAMES, missing, 'zh'), 'zh')}`,
          en: `the enterprise is not on the ${joinNames(namesOf(POLICY_LIST_NAMES, missing, 'en'), 'en')}`,
        },
        hint: {
          zh: `需列入${joinNames(namesOf(POLICY_LIST_NAMES, missing, 'zh'), 'zh')}`,
          en: `eligible once on the ${joinNames(namesOf(POLICY_LIST_NAMES, missing, 'en'), 'en')}`,
        },
      });
    },
  };
}
