import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { COLLATERAL_NAMES, joinAlternatives, namesOf } from '../../explain/labels.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { collateralKey } from '../subject-keys.js';

const meets = (offered: readonly string[], required: readonly string[]): boolean =>
  required.length === 0 || required.includes('credit') || required.some((c) => offered.includes(c));

/**
 * `collateral`: the product requires no collateral, or the enterprise offers at least one of
 * the required kinds (a product listing `credit` among them is satisfied by every firm).
 * Applies only when the product requires collateral: not applicable to a product requiring
 * none or accepting credit (unsecured). Takes no options.
 */
export function collateralRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('collateral', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'collateral',
    label: { zh: '担保方式', en: 'collateral' },
    description: {
      zh: '企业能提供产品要求的担保方式之一',
      en: 'the enterprise can offer one of the collateral kinds the product requires',
    },
    key: collateralKey,
    targetFields: ['collateral'],
    test: ({ subject, target }) => meets(subject.collateral, target.collateral.required),
    notApplicable({ target }) {
      const required = target.collateral.required;
      if (required.length === 0)
        return { zh: '该产品不要求担保', en: 'the product requires no collateral' };
      if (required.includes('credit'))
        return {
          zh: '该产品接受信用（无抵押）方式',
          en: 'the product accepts credit (unsecured) lending',
        };
      return undefined;
    },
    describe({ subject, target }) {
      const required = target.collateral.required;
      const names = (l: 'zh' | 'en') => joinAlternatives(namesOf(COLLATERAL_NAMES, required, l), l);
      return {
        actual: subject.collateral,
        required: required.length > 0 ? required : null,
        failure: () => ({
          message: {
            zh: `企业无法提供产品要求的担保方式（${names('zh')}）`,
            en: `the enterprise offers none of the collateral the product requires (${names('en')})`,
          },
          hint: {
            zh: `若能提供${names('zh')}则符合条件`,
            en: `eligible if the enterprise can offer ${names('en')}`,
          },
          change: {
            key: `collateral:${[...required].sort().join('|')}`,
            label: { zh: `提供${names('zh')}`, en: `offer ${names('en')}` },
          },
        }),
      };
    },
    spec,
  });
}
