import { formatYuan } from '../../../i18n/locale.js';
import type { Investor, Project } from '../../../model/types.js';
import type { EligibilityRule, ProjectInvestorContext } from '../../types.js';
import { fail, pass } from '../outcome.js';

/** `ticket`: the project's need lies within the investor's ticket range, ends inclusive. */
export function ticketRule(): EligibilityRule<Project, Investor> {
  const name = 'ticket';
  return {
    name,
    label: { zh: '单笔投资额', en: 'ticket' },
    description: {
      zh: '项目融资额在投资方单笔投资额范围内',
      en: 'the amount sought lies within the investor’s ticket range',
    },
    check({ subject, target, locale }: ProjectInvestorContext) {
      const amount = subject.need.amount;
      const { min, max } = target.ticket;
      const required = `${formatYuan(min, locale)}–${formatYuan(max, locale)}`;
      if (amount >= min && amount <= max) return pass(amount, required);
      const above = amount > max;
      const bound = above ? max : min;
      return fail(name, locale, {
        actual: amount,
        required,
        message: {
          zh: `融资额${formatYuan(amount, 'zh')}${above ? '超过投资方单笔上限' : '低于投资方单笔下限'}${formatYuan(bound, 'zh')}`,
          en: `the amount ${formatYuan(amount, 'en')} is ${above ? 'above the investor’s largest' : 'below the investor’s smallest'} ticket of ${formatYuan(bound, 'en')}`,
        },
        hint: {
          zh: `若融资金额${above ? '不超过' : '不低于'}${formatYuan(bound, 'zh')}则符合条件`,
          en: `eligible if the amount is at ${above ? 'most' : 'least'} ${formatYuan(bound, 'en')}`,
        },
      });
    },
  };
}
