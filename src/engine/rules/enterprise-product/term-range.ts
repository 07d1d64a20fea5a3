import { formatMonths } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { fail, pass } from '../outcome.js';

const inRange = (x: number, min: number, max: number): boolean => x >= min && x <= max;

/**
 * `termRange`: the need's term (months) lies within the product's term range, ends inclusive.
 * Hint: "若期限不超过36个月则符合条件" / "eligible if the term is at most 36 months".
 */
export function termRangeRule(): EligibilityRule<Enterprise, FinancialProduct> {
  const name = 'termRange';
  return {
    name,
    label: { zh: '融资期限', en: 'term' },
    description: {
      zh: '融资期限在产品期限范围内',
      en: 'the term needed lies within the product’s term range',
    },
    test: ({ subject, target }: EnterpriseProductContext) =>
      inRange(subject.need.termMonths, target.termMonths.min, target.termMonths.max),
    kernel: {
      columnName: 'need.termMonths',
      column: (e: Enterprise) => e.need.termMonths,
      compile:
        ({ termMonths: { min, max } }: FinancialProduct) =>
        (x: number) =>
          inRange(x, min, max) ? 1 : 0,
    },
    check({ subject, target, locale }: EnterpriseProductContext) {
      const term = subject.need.termMonths;
      const { min, max } = target.termMonths;
      const required = `${formatMonths(min, locale)}–${formatMonths(max, locale)}`;
      if (inRange(term, min, max)) return pass(term, required);
      const above = term > max;
      const bound = above ? max : min;
      return fail(name, locale, {
        actual: term,
        required,
        message: {
          zh: `融资期限${formatMonths(term, 'zh')}${above ? '超过产品最长期限' : '短于产品最短期限'}${formatMonths(bound, 'zh')}`,
          en: `the term of ${formatMonths(term, 'en')} is ${above ? 'longer than the product’s maximum' : 'shorter than the product’s minimum'} of ${formatMonths(bound, 'en')}`,
        },
        hint: {
          zh: `若期限${above ? '不超过' : '不少于'}${formatMonths(bound, 'zh')}则符合条件`,
          en: `eligible if the term is at ${above ? 'most' : 'least'} ${formatMonths(bound, 'en')}`,
        },
      });
    },
  };
}
