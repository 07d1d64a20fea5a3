import { pick } from '../../../i18n/locale.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { INSTRUMENT_NAMES, joinNames, namesOf } from '../../explain/labels.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { instrumentsKey } from '../subject-keys.js';

/**
 * `instrument`: the need's acceptable instruments include the product's instrument. Takes no
 * options.
 */
export function instrumentRule(options?: NoOptions): EligibilityRule<Enterprise, FinancialProduct> {
  const { spec } = resolvePartOptions('instrument', options, {});
  return defineRule<Enterprise, FinancialProduct>({
    name: 'instrument',
    label: { zh: '融资方式', en: 'instrument' },
    description: {
      zh: '产品的融资方式是企业可接受的方式之一',
      en: 'the product’s instrument is one the enterprise accepts',
    },
    key: instrumentsKey,
    targetFields: ['instrument'],
    test: ({ subject, target }) => subject.need.instruments.includes(target.instrument),
    describe({ subject, target }) {
      const accepted = subject.need.instruments;
      return {
        actual: accepted,
        required: target.instrument,
        failure() {
          const product = INSTRUMENT_NAMES[target.instrument];
          return {
            message: {
              zh: `企业仅接受${joinNames(namesOf(INSTRUMENT_NAMES, accepted, 'zh'), 'zh')}，产品为${product.zh}`,
              en: `the enterprise accepts only ${joinNames(namesOf(INSTRUMENT_NAMES, accepted, 'en'), 'en')}; the product is ${pick(product, 'en')}`,
            },
            hint: {
              zh: `若融资需求接受${product.zh}方式则符合条件`,
              en: `eligible if the need accepts ${product.en}`,
            },
            change: {
              key: `instrument:${target.instrument}`,
              label: { zh: `接受${product.zh}方式`, en: `accept ${product.en}` },
            },
          };
        },
      };
    },
    spec,
  });
}
