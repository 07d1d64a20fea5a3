import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { srdiRank } from '../../../taxonomy/ladders.js';
import { SRDI_SHORTFALL_DECAY, SRDI_UNTARGETED_FIT } from '../../defaults.js';
import { srdiCertificateStatus } from '../../rules/srdi-certificate.js';
import { effectiveSrdiKey } from '../../rules/subject-keys.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';
import { nonNegative, resolvePartOptions, unitInterval } from '../../rules/options.js';

/** Options of {@link srdiTierFitFactor}. */
export interface SrdiTierFitOptions {
  /** Value for a product without a minimum tier. Default {@link SRDI_UNTARGETED_FIT} (0.5). */
  untargeted?: number;
  /** Loss per tier below the product's minimum. Default {@link SRDI_SHORTFALL_DECAY} (0.4). */
  shortfallDecay?: number;
}

/**
 * `srdiTierFit`: how well the enterprise's *effective* SRDI tier (expired certificates count
 * as none) matches the product's target tier. A product aimed at SRDI tiers scores 1 for a
 * firm at or above its minimum — being above is fine — so SRDI special loans rank above
 * generic products (0.5) for certified firms. Below the minimum it decays per missing tier.
 * Non-decreasing in the firm's tier. In [0, 1].
 */
export function srdiTierFitFactor(
  options?: SrdiTierFitOptions,
): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('srdiTierFit', options, {
    untargeted: unitInterval,
    shortfallDecay: nonNegative,
  });
  const o = resolved.options;
  const untargeted = o.untargeted ?? SRDI_UNTARGETED_FIT;
  const decay = o.shortfallDecay ?? SRDI_SHORTFALL_DECAY;
  return {
    name: 'srdiTierFit',
    side: 'target',
    label: { zh: '专精特新契合度', en: 'SRDI tier fit' },
    description: {
      zh: '企业有效专精特新等级与产品目标等级的吻合程度',
      en: 'how well the enterprise’s valid SRDI tier matches the product’s target tier',
    },
    key: effectiveSrdiKey,
    targetFields: ['minSrdiTier'],
    score({ subject, target, asOf }: EnterpriseProductContext) {
      const min = srdiRank(target.minSrdiTier);
      const tier = srdiRank(srdiCertificateStatus(subject.srdi, asOf).effectiveTier);
      if (min === 0) return untargeted;
      if (tier >= min) return 1;
      return Math.max(0, 1 - (min - tier) * decay);
    },
    spec: resolved.spec,
  };
}
