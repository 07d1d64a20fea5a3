import { formatYuan } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule, NumericKernel } from '../../types.js';
import { defineRule, testThroughKernel } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';

const inRange = (x: number, min: number, max: number): boolean => x >= min && x <= max;

/** The amount needed against the product's amount range: 1 inside (ends inclusive), else 0. */
const amountInRange: NumericKernel<Enterprise, FinancialProduct> = {
  columnName: 'need.amount',
  column: (e) => e.need.amount,
  compile:
    ({ amount: { min, max } }) =>
    (x) =>
      inRange(x, min, max) ? 1 : 0,
  interval: ({ amount: { min, max } }) => [min, max],
};

/**
 * `amountRange`: the need's amount lies within the product's amount range (both ends
 * inclusive). Fails with a hint naming the bound to meet: "若融资金额不超过500万元则符合条件".
 * Takes no options.
 */
export function amountRangeRule(
  options?: NoOptions,
): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('amountRange', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'amountRange',
    label: { zh: '融资金额', en: 'amount' },
    description: {
      zh: '融资金额在产品额度范围内',
      en: 'the amount needed lies within the product’s amount range',
    },
    kernel: amountInRange,
    targetFields: ['amount'],
    test: testThroughKernel(amountInRange),
    describe({ subject, target, locale }) {
      const amount = subject.need.amount;
      const { min, max } = target.amount;
      return {
        actual: amount,
        required: `${formatYuan(min, locale)}–${formatYuan(max, locale)}`,
        failure() {
          const above = amount > max;
          const bound = above ? max : min;
          return {
            message: {
              zh: `融资金额${formatYuan(amount, 'zh')}${above ? '超过产品上限' : '低于产品下限'}${formatYuan(bound, 'zh')}`,
              en: `the amount ${formatYuan(amount, 'en')} is ${above ? 'above the product’s maximum' : 'below the product’s minimum'} of ${formatYuan(bound, 'en')}`,
            },
            hint: {
              zh: `若融资金额${above ? '不超过' : '不低于'}${formatYuan(bound, 'zh')}则符合条件`,
              en: `eligible if the amount is at ${above ? 'most' : 'least'} ${formatYuan(bound, 'en')}`,
            },
            change: above
              ? {
                  key: 'amountRange:lower',
                  label: {
                    zh: '调低融资金额至产品额度范围内',
                    en: 'lower the requested amount into the product’s range',
                  },
                }
              : {
                  key: 'amountRange:raise',
                  label: {
                    zh: '调高融资金额至产品额度范围内',
                    en: 'raise the requested amount into the product’s range',
                  },
                },
          };
        },
      };
    },
    spec,
  });
}
