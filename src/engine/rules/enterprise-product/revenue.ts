import { formatYuan } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule, NumericKernel } from '../../types.js';
import { defineRule, everyValuePasses, testThroughKernel } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';

/** Annual revenue against the product's minimum (absent = none): 1 when met, else 0. */
const revenueMeetsMinimum: NumericKernel<Enterprise, FinancialProduct> = {
  columnName: 'annualRevenue',
  column: (e) => e.annualRevenue,
  compile: ({ minAnnualRevenue: min }) =>
    min === undefined ? everyValuePasses : (x) => (x >= min ? 1 : 0),
  // Without a minimum every value passes, NaN too: not an interval's form.
  interval: ({ minAnnualRevenue: min }) => (min === undefined ? undefined : [min, Infinity]),
};

/**
 * `revenue`: annual revenue ≥ the product's `minAnnualRevenue` (absent = no minimum: the rule
 * does not apply). Takes no options.
 */
export function revenueRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('revenue', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'revenue',
    label: { zh: '营业收入', en: 'revenue' },
    description: {
      zh: '企业年营业收入达到产品门槛',
      en: 'the enterprise’s annual revenue meets the product’s minimum',
    },
    kernel: revenueMeetsMinimum,
    targetFields: ['minAnnualRevenue'],
    test: testThroughKernel(revenueMeetsMinimum),
    notApplicable: ({ target }) =>
      target.minAnnualRevenue === undefined
        ? { zh: '该产品不设营业收入门槛', en: 'the product sets no revenue minimum' }
        : undefined,
    describe({ subject, target }) {
      const revenue = subject.annualRevenue;
      const min = target.minAnnualRevenue ?? 0;
      return {
        actual: revenue,
        required: target.minAnnualRevenue ?? null,
        failure: () => ({
          message: {
            zh: `年营业收入${formatYuan(revenue, 'zh')}低于产品门槛${formatYuan(min, 'zh')}`,
            en: `annual revenue of ${formatYuan(revenue, 'en')} is below the product’s minimum of ${formatYuan(min, 'en')}`,
          },
          hint: {
            zh: `若年营业收入不低于${formatYuan(min, 'zh')}则符合条件`,
            en: `eligible if annual revenue is at least ${formatYuan(min, 'en')}`,
          },
          change: {
            key: 'revenue:raise',
            label: {
              zh: '年营业收入达到产品门槛',
              en: 'raise annual revenue to the product’s minimum',
            },
          },
        }),
      };
    },
    spec,
  });
}
