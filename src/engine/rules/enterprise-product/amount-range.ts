import { formatYuan } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { fail, pass } from '../outcome.js';

const inRange = (x: number, min: number, max: number): boolean => x >= min && x <= max;

/**
 * `amountRange`: the need's amount lies within the product's amount range (both ends
 * inclusive). Fails with a hint naming the bound to meet: "若融资金额不超过500万元则符合条件".
 */
export function amountRangeRule(): EligibilityRule<Enterprise, FinancialProduct> {
  const name = 'amountRange';
  return {
    name,
    label: { zh: '融资金额', en: 'amount' },
    description: {
      zh: '融资金额在产品额度范围内',
      en: 'the amount needed lies within the product’s amount range',
    },
    test: ({ subject, target }: EnterpriseProductContext) =>
      inRange(subject.need.amount, target.amount.min, target.amount.max),
    kernel: {
      columnName: 'need.amount',
      column: (e: Enterprise) => e.need.amount,
      compile:
        ({ amount: { min, max } }: FinancialProduct) =>
        (x: number) =>
          inRange(x, min, max) ? 1 : 0,
    },
    check({ subject, target, locale }: EnterpriseProductContext) {
      const amount = subject.need.amount;
      const { min, max } = target.amount;
      const required = `${formatYuan(min, locale)}–${formatYuan(max, locale)}`;
      if (inRange(amount, min, max)) return pass(amount, required);
      const above = amount > max;
      const bound = above ? max : min;
      return fail(name, locale, {
        actual: amount,
        required,
        message: {
          zh: `融资金额${formatYuan(amount, 'zh')}${above ? '超过产品上限' : '低于产品下限'}${formatYuan(bound, 'zh')}`,
          en: `the amount ${formatYuan(amount, 'en')} is ${above ? 'above the product’s maximum' : 'below the product’s minimum'} of ${formatYuan(bound, 'en')}`,
        },
        hint: {
          zh: `若融资金额${above ? '不超过' : '不低于'}${formatYuan(bound, 'zh')}则符合条件`,
          en: `eligible if the amount is at ${above ? 'most' : 'least'} ${formatYuan(bound, 'en')}`,
        },
      });
    },
  };
}
