import { formatYuan } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { fail, pass } from '../outcome.js';

const meets = (revenue: number, min: number | undefined): boolean =>
  min === undefined || revenue >= min;

/** `revenue`: annual revenue ≥ the product's `minAnnualRevenue` (absent = no minimum). */
export function revenueRule(): EligibilityRule<Enterprise, FinancialProduct> {
  const name = 'revenue';
  return {
    name,
    label: { zh: '营业收入', en: 'revenue' },
    description: {
      zh: '企业年营业收入达到产品门槛',
      en: 'the enterprise’s annual revenue meets the product’s minimum',
    },
    test: ({ subject, target }: EnterpriseProductContext) =>
      meets(subject.annualRevenue, target.minAnnualRevenue),
    kernel: {
      columnName: 'annualRevenue',
      column: (e: Enterprise) => e.annualRevenue,
      compile:
        ({ minAnnualRevenue }: FinancialProduct) =>
        (x: number) =>
          meets(x, minAnnualRevenue) ? 1 : 0,
    },
    check({ subject, target, locale }: EnterpriseProductContext) {
      const revenue = subject.annualRevenue;
      const min = target.minAnnualRevenue;
      if (min === undefined || meets(revenue, min)) return pass(revenue, min ?? null);
      return fail(name, locale, {
        actual: revenue,
        required: min,
        message: {
          zh: `年营业收入${formatYuan(revenue, 'zh')}低于产品门槛${formatYuan(min, 'zh')}`,
          en: `annual revenue of ${formatYuan(revenue, 'en')} is below the product’s minimum of ${formatYuan(min, 'en')}`,
        },
        hint: {
          zh: `若年营业收入不低于${formatYuan(min, 'zh')}则符合条件`,
          en: `eligible if annual revenue is at least ${formatYuan(min, 'en')}`,
        },
      });
    },
  };
}
