import { formatMonths } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule, NumericKernel } from '../../types.js';
import { defineRule, testThroughKernel } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';

const inRange = (x: number, min: number, max: number): boolean => x >= min && x <= max;

/** The term needed against the product's term range: 1 inside (ends inclusive), else 0. */
const termInRange: NumericKernel<Enterprise, FinancialProduct> = {
  columnName: 'need.termMonths',
  column: (e) => e.need.termMonths,
  compile:
    ({ termMonths: { min, max } }) =>
    (x) =>
      inRange(x, min, max) ? 1 : 0,
  interval: ({ termMonths: { min, max } }) => [min, max],
};

/**
 * `termRange`: the need's term (months) lies within the product's term range, ends inclusive.
 * Hint: "若期限不超过36个月则符合条件" / "eligible if the term is at most 36 months".
 * Takes no options.
 */
export function termRangeRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('termRange', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'termRange',
    label: { zh: '融资期限', en: 'term' },
    description: {
      zh: '融资期限在产品期限范围内',
      en: 'the term needed lies within the product’s term range',
    },
    kernel: termInRange,
    targetFields: ['termMonths'],
    test: testThroughKernel(termInRange),
    describe({ subject, target, locale }) {
      const term = subject.need.termMonths;
      const { min, max } = target.termMonths;
      return {
        actual: term,
        required: `${formatMonths(min, locale)}–${formatMonths(max, locale)}`,
        failure() {
          const above = term > max;
          const bound = above ? max : min;
          return {
            message: {
              zh: `融资期限${formatMonths(term, 'zh')}${above ? '超过产品最长期限' : '短于产品最短期限'}${formatMonths(bound, 'zh')}`,
              en: `the term of ${formatMonths(term, 'en')} is ${above ? 'longer than the product’s maximum' : 'shorter than the product’s minimum'} of ${formatMonths(bound, 'en')}`,
            },
            hint: {
              zh: `若期限${above ? '不超过' : '不少于'}${formatMonths(bound, 'zh')}则符合条件`,
              en: `eligible if the term is at ${above ? 'most' : 'least'} ${formatMonths(bound, 'en')}`,
            },
            change: above
              ? {
                  key: 'termRange:shorten',
                  label: {
                    zh: '缩短融资期限至产品期限范围内',
                    en: 'shorten the term into the product’s range',
                  },
                }
              : {
                  key: 'termRange:lengthen',
                  label: {
                    zh: '延长融资期限至产品期限范围内',
                    en: 'lengthen the term into the product’s range',
                  },
                },
          };
        },
      };
    },
    spec,
  });
}
