import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule } from '../../types.js';
import { yearOf } from '../../../util/dates.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { foundedYearKey } from '../subject-keys.js';

/**
 * `yearsOperating`: year(asOf) − foundedYear ≥ the product's `minYearsOperating` (absent = no
 * minimum: the rule does not apply). The hint names the year from which the firm qualifies.
 * Takes no options.
 */
export function yearsOperatingRule(
  options?: NoOptions,
): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('yearsOperating', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'yearsOperating',
    label: { zh: '经营年限', en: 'years operating' },
    description: {
      zh: '企业经营年限达到产品要求',
      en: 'the enterprise has operated at least the product’s minimum number of years',
    },
    key: foundedYearKey,
    targetFields: ['minYearsOperating'],
    test: ({ subject, target, asOf }) =>
      target.minYearsOperating === undefined ||
      yearOf(asOf) - subject.foundedYear >= target.minYearsOperating,
    notApplicable: ({ target }) =>
      target.minYearsOperating === undefined
        ? { zh: '该产品不限经营年限', en: 'the product sets no minimum years of operation' }
        : undefined,
    describe({ subject, target, asOf }) {
      const years = yearOf(asOf) - subject.foundedYear;
      const min = target.minYearsOperating ?? 0;
      return {
        actual: years,
        required: target.minYearsOperating ?? null,
        failure() {
          const from = subject.foundedYear + min;
          return {
            message: {
              zh: `企业成立${Math.max(0, years)}年，产品要求经营满${min}年`,
              en: `the enterprise has operated ${Math.max(0, years)} years; the product requires ${min}`,
            },
            hint: {
              zh: `经营满${min}年后（${from}年起）符合条件`,
              en: `eligible from ${from}, once it has operated ${min} years`,
            },
            change: {
              key: `yearsOperating:${min}`,
              label: { zh: `经营满${min}年`, en: `operate ${min} years` },
              // Operating `min` years also meets every smaller minimum.
              covers: Array.from(
                { length: Math.max(0, min - 1) },
                (_, i) => `yearsOperating:${i + 1}`,
              ),
            },
          };
        },
      };
    },
    spec,
  });
}
