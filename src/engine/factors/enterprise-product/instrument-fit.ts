import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { INSTRUMENT_RANK_DECAY } from '../../defaults.js';
import { instrumentsKey } from '../../rules/subject-keys.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';
import { nonNegative, resolvePartOptions } from '../../rules/options.js';

/** Options of {@link instrumentFitFactor}. */
export interface InstrumentFitOptions {
  /** Loss per position down the need's instrument list. Default {@link INSTRUMENT_RANK_DECAY} (0.2). */
  rankDecay?: number;
}

/**
 * `instrumentFit`: the position of the product's instrument in the need's list of acceptable
 * instruments, in order of preference: first choice 1, second 0.8, … (not listed: 0). In [0, 1].
 */
export function instrumentFitFactor(
  options?: InstrumentFitOptions,
): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('instrumentFit', options, { rankDecay: nonNegative });
  const o = resolved.options;
  const decay = o.rankDecay ?? INSTRUMENT_RANK_DECAY;
  return {
    name: 'instrumentFit',
    side: 'subject',
    label: { zh: '融资方式偏好', en: 'instrument preference' },
    description: {
      zh: '产品融资方式在企业偏好顺序中的位置（首选最佳）',
      en: 'rank of the product’s instrument in the enterprise’s preferences (first choice best)',
    },
    key: instrumentsKey,
    targetFields: ['instrument'],
    score({ subject, target }: EnterpriseProductContext) {
      const i = subject.need.instruments.indexOf(target.instrument);
      return i < 0 ? 0 : Math.max(0, 1 - i * decay);
    },
    spec: resolved.spec,
  };
}
