import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { LOAN_RENEWAL_WINDOW_MONTHS } from '../../defaults.js';
import type { EligibilityRule, KeyEnv } from '../../types.js';
import { addMonths } from '../../../util/dates.js';
import { defineRule } from '../define-rule.js';
import { subjectKey } from '../subject-key.js';
import { positiveInteger, resolvePartOptions } from '../options.js';

type Loan = Enterprise['existingLoans'][number];

/** A loan that can be renewed without repayment and matures in [asOf, until]. */
const renewableDue = (l: Loan, asOf: string, until: string): boolean =>
  l.renewalWithoutRepayment && l.maturity >= asOf && l.maturity <= until;

/** Options of {@link loanRenewalRule}. */
export interface LoanRenewalRuleOptions {
  /**
   * Months after `asOf` within which the loan must mature: an integer ≥ 1. Default
   * {@link LOAN_RENEWAL_WINDOW_MONTHS} (3).
   */
  windowMonths?: number;
}

/**
 * `loanRenewal`: applies to products of type `loanRenewal` only (无还本续贷, products.md A6 —
 * "an attribute of an existing loan, not a new product"). Passes when the enterprise has an
 * existing loan flagged `renewalWithoutRepayment` maturing between `asOf` and `asOf` + 3
 * months (both inclusive). Not applicable to every other product type (which it never
 * excludes).
 *
 * @throws {@link OptionError} for an unknown option or a `windowMonths` that is not an integer ≥ 1.
 */
export function loanRenewalRule(
  options?: LoanRenewalRuleOptions,
): EligibilityRule<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('loanRenewal', options, { windowMonths: positiveInteger });
  const window = resolved.options.windowMonths ?? LOAN_RENEWAL_WINDOW_MONTHS;
  // The window's end depends on `asOf` alone: computed once per date, not once per firm.
  let untilAsOf: string | undefined;
  let untilDay = '';
  const windowEnd = (asOf: string): string => {
    if (asOf !== untilAsOf) {
      untilDay = addMonths(asOf, window);
      untilAsOf = asOf;
    }
    return untilDay;
  };
  // For a fixed asOf the outcome depends on the firm only through "has a renewable loan due".
  const hasDue = (subject: Enterprise, asOf: string): boolean => {
    const until = windowEnd(asOf);
    return subject.existingLoans.some((l) => renewableDue(l, asOf, until));
  };
  return defineRule<Enterprise, FinancialProduct>({
    name: 'loanRenewal',
    label: { zh: '续贷条件', en: 'loan renewal' },
    description: {
      zh: `无还本续贷：企业有可续贷的存量贷款在${window}个月内到期`,
      en: `renewal without repayment: a renewable existing loan matures within ${window} months`,
    },
    key: subjectKey(['existingLoans'], (subject: Enterprise, env: KeyEnv) =>
      hasDue(subject, env.asOf) ? '1' : '0',
    ),
    targetFields: ['type'],
    test: ({ subject, target, asOf }) => target.type !== 'loanRenewal' || hasDue(subject, asOf),
    notApplicable: ({ target }) =>
      target.type !== 'loanRenewal'
        ? { zh: '该产品不是续贷产品', en: 'the product is not a renewal product' }
        : undefined,
    describe({ subject, target, asOf }, passed) {
      const until = windowEnd(asOf);
      const failure = () => ({
        message: {
          zh: `企业没有可无还本续贷且在${asOf}至${until}之间到期的存量贷款`,
          en: `no existing loan eligible for renewal without repayment matures between ${asOf} and ${until}`,
        },
        hint: {
          zh: `在可续贷的存量贷款到期前${window}个月内申请则符合条件`,
          en: `eligible within ${window} months before a renewable existing loan matures`,
        },
        change: {
          key: 'loanRenewal:window',
          label: {
            zh: `在可续贷的存量贷款到期前${window}个月内申请`,
            en: `apply within ${window} months before a renewable existing loan matures`,
          },
        },
      });
      // Other product types: the rule does not apply (see notApplicable); nothing to show.
      if (target.type !== 'loanRenewal') return { failure };
      const loans = passed
        ? subject.existingLoans.filter((l) => renewableDue(l, asOf, until))
        : subject.existingLoans;
      return { actual: loans.map((l) => l.maturity), required: `${asOf}..${until}`, failure };
    },
    spec: resolved.spec,
  });
}
