import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { LOAN_RENEWAL_WINDOW_MONTHS } from '../../defaults.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { addMonths } from '../dates.js';
import { fail, pass } from '../outcome.js';

function renewableDue(subject: Enterprise, asOf: string, until: string) {
  return subject.existingLoans.filter(
    (l) => l.renewalWithoutRepayment && l.maturity >= asOf && l.maturity <= until,
  );
}

/** Options of {@link loanRenewalRule}. */
export interface LoanRenewalRuleOptions {
  /** Months after `asOf` within which the loan must mature. Default {@link LOAN_RENEWAL_WINDOW_MONTHS} (3). */
  windowMonths?: number;
}

/**
 * `loanRenewal`: applies to products of type `loanRenewal` only (无还本续贷, products.md A6 —
 * "an attribute of an existing loan, not a new product"). Passes when the enterprise has an
 * existing loan flagged `renewalWithoutRepayment` maturing between `asOf` and `asOf` + 3
 * months (both inclusive). Every other product type passes.
 */
export function loanRenewalRule(
  options: LoanRenewalRuleOptions = {},
): EligibilityRule<Enterprise, FinancialProduct> {
  const name = 'loanRenewal';
  const window = options.windowMonths ?? LOAN_RENEWAL_WINDOW_MONTHS;
  // For a fixed asOf the outcome depends on the firm only through "has a renewable loan due".
  // The window's end depends on `asOf` alone: computed once per date, not once per firm.
  let untilAsOf: string | undefined;
  let untilDay = '';
  const hasDue = (subject: Enterprise, asOf: string): boolean => {
    if (asOf !== untilAsOf) {
      untilDay = addMonths(asOf, window);
      untilAsOf = asOf;
    }
    const until = untilDay;
    for (const l of subject.existingLoans) {
      if (l.renewalWithoutRepayment && l.maturity >= asOf && l.maturity <= until) return true;
    }
    return false;
  };
  return {
    name,
    label: { zh: '续贷条件', en: 'loan renewal' },
    description: {
      zh: `无还本续贷：企业有可续贷的存量贷款在${window}个月内到期`,
      en: `renewal without repayment: a renewable existing loan matures within ${window} months`,
    },
    key: (subject: Enterprise, env) => (hasDue(subject, env.asOf) ? '1' : '0'),
    test: ({ subject, target, asOf }: EnterpriseProductContext) =>
      target.type !== 'loanRenewal' || hasDue(subject, asOf),
    check({ subject, target, locale, asOf }: EnterpriseProductContext) {
      if (target.type !== 'loanRenewal') return pass();
      const until = addMonths(asOf, window);
      const due = renewableDue(subject, asOf, until);
      const required = `${asOf}..${until}`;
      if (due.length > 0)
        return pass(
          due.map((l) => l.maturity),
          required,
        );
      return fail(name, locale, {
        actual: subject.existingLoans.map((l) => l.maturity),
        required,
        message: {
          zh: `企业没有可无还本续贷且在${asOf}至${until}之间到期的存量贷款`,
          en: `no existing loan eligible for renewal without repayment matures between ${asOf} and ${until}`,
        },
        hint: {
          zh: `在可续贷的存量贷款到期前${window}个月内申请则符合条件`,
          en: `eligible within ${window} months before a renewable existing loan matures`,
        },
      });
    },
  };
}
