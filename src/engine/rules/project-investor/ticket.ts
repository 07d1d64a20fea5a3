import { formatYuan } from '../../../i18n/locale.js';
import type { Investor, Project } from '../../../model/types.js';
import type { EligibilityRule, NumericKernel } from '../../types.js';
import { defineRule, testThroughKernel } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';

/** The amount sought against the investor's ticket range: 1 inside (ends inclusive), else 0. */
const amountInTicket: NumericKernel<Project, Investor> = {
  columnName: 'need.amount',
  column: (p) => p.need.amount,
  compile:
    ({ ticket: { min, max } }) =>
    (x) =>
      x >= min && x <= max ? 1 : 0,
  interval: ({ ticket: { min, max } }) => [min, max],
};

/**
 * `ticket`: the project's need lies within the investor's ticket range, ends inclusive. Takes
 * no options.
 */
export function ticketRule(options?: NoOptions): EligibilityRule<Project, Investor> {
  const { spec } = resolvePartOptions('ticket', options, {});
  return defineRule<Project, Investor>({
    name: 'ticket',
    label: { zh: '单笔投资额', en: 'ticket' },
    description: {
      zh: '项目融资额在投资方单笔投资额范围内',
      en: 'the amount sought lies within the investor’s ticket range',
    },
    kernel: amountInTicket,
    test: testThroughKernel(amountInTicket),
    describe({ subject, target, locale }) {
      const amount = subject.need.amount;
      const { min, max } = target.ticket;
      return {
        actual: amount,
        required: `${formatYuan(min, locale)}–${formatYuan(max, locale)}`,
        failure() {
          const above = amount > max;
          const bound = above ? max : min;
          return {
            message: {
              zh: `融资额${formatYuan(amount, 'zh')}${above ? '超过投资方单笔上限' : '低于投资方单笔下限'}${formatYuan(bound, 'zh')}`,
              en: `the amount ${formatYuan(amount, 'en')} is ${above ? 'above the investor’s largest' : 'below the investor’s smallest'} ticket of ${formatYuan(bound, 'en')}`,
            },
            hint: {
              zh: `若融资金额${above ? '不超过' : '不低于'}${formatYuan(bound, 'zh')}则符合条件`,
              en: `eligible if the amount is at ${above ? 'most' : 'least'} ${formatYuan(bound, 'en')}`,
            },
            change: above
              ? {
                  key: 'ticket:lower',
                  label: {
                    zh: '调低融资额至投资方单笔投资额范围内',
                    en: 'lower the amount sought into the investor’s ticket range',
                  },
                }
              : {
                  key: 'ticket:raise',
                  label: {
                    zh: '调高融资额至投资方单笔投资额范围内',
                    en: 'raise the amount sought into the investor’s ticket range',
                  },
                },
          };
        },
      };
    },
    spec,
  });
}
