import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { COLLATERAL_NAMES, joinAlternatives, namesOf } from '../../explain/labels.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { fail, pass } from '../outcome.js';
import { collateralKey } from '../subject-keys.js';

const meets = (offered: readonly string[], required: readonly string[]): boolean =>
  required.length === 0 || required.includes('credit') || required.some((c) => offered.includes(c));

/**
 * `collateral`: the product requires no collateral, or the enterprise offers at least one of
 * the required kinds (a product listing `credit` among them is satisfied by every firm).
 */
export function collateralRule(): EligibilityRule<Enterprise, FinancialProduct> {
  const name = 'collateral';
  return {
    name,
    label: { zh: '担保方式', en: 'collateral' },
    description: {
      zh: '企业能提供产品要求的担保方式之一',
      en: 'the enterprise can offer one of the collateral kinds the product requires',
    },
    key: collateralKey,
    test: ({ subject, target }: EnterpriseProductContext) =>
      meets(subject.collateral, target.collateral.required),
    check({ subject, target, locale }: EnterpriseProductContext) {
      const required = target.collateral.required;
      const offered = subject.collateral;
      if (meets(offered, required)) {
        return pass(offered, required.length > 0 ? required : null);
      }
      const names = (l: 'zh' | 'en') => joinAlternatives(namesOf(COLLATERAL_NAMES, required, l), l);
      return fail(name, locale, {
        actual: offered,
        required,
        message: {
          zh: `企业无法提供产品要求的担保方式（${names('zh')}）`,
          en: `the enterprise offers none of the collateral the product requires (${names('en')})`,
        },
        hint: {
          zh: `若能提供${names('zh')}则符合条件`,
          en: `eligible if the enterprise can offer ${names('en')}`,
        },
      });
    },
  };
}
