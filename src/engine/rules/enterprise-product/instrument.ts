import { pick } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { INSTRUMENT_NAMES, joinNames, namesOf } from '../../explain/labels.js';
import type { EligibilityRule, EnterpriseProductContext } from '../../types.js';
import { fail, pass } from '../outcome.js';
import { instrumentsKey } from '../subject-keys.js';

/** `instrument`: the need's acceptable instruments include the product's instrument. */
export function instrumentRule(): EligibilityRule<Enterprise, FinancialProduct> {
  const name = 'instrument';
  return {
    name,
    label: { zh: '融资方式', en: 'instrument' },
    description: {
      zh: '产品的融资方式是企业可接受的方式之一',
      en: 'the product’s instrument is one the enterprise accepts',
    },
    key: instrumentsKey,
    test: ({ subject, target }: EnterpriseProductContext) =>
      subject.need.instruments.includes(target.instrument),
    check({ subject, target, locale }: EnterpriseProductContext) {
      const accepted = subject.need.instruments;
      if (accepted.includes(target.instrument)) return pass(accepted, target.instrument);
      const product = INSTRUMENT_NAMES[target.instrument];
      return fail(name, locale, {
        actual: accepted,
        required: target.instrument,
        message: {
          zh: `企业仅接受${joinNames(namesOf(INSTRUMENT_NAMES, accepted, 'zh'), 'zh')}，产品为${product.zh}`,
          en: `the enterprise accepts only ${joinNames(namesOf(INSTRUMENT_NAMES, accepted, 'en'), 'en')}; the product is ${pick(product, 'en')}`,
        },
        hint: {
          zh: `若融资需求接受${product.zh}方式则符合条件`,
          en: `eligible if the need accepts ${product.en}`,
        },
      });
    },
  };
}
