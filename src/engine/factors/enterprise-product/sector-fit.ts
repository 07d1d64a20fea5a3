import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { sectorSimilarity } from '../../../taxonomy/sectors.js';
import { UNTARGETED_FIT } from '../../defaults.js';
import { sectorKey } from '../../rules/subject-keys.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';
import { resolvePartOptions, unitInterval } from '../../rules/options.js';

/** Options of {@link sectorFitFactor}. */
export interface SectorFitOptions {
  /** Value for a product targeting all sectors. Default {@link UNTARGETED_FIT} (0.5). */
  untargeted?: number;
}

/**
 * `sectorFit`: the best {@link sectorSimilarity} between the enterprise's sector and the
 * product's target sectors (1 when a target contains the sector, 0.8 same group, 0.6 same
 * division, 0.3 same section). A product open to all sectors scores a neutral 0.5, so a
 * product specialised in the firm's industry ranks above a generic one. In [0, 1].
 */
export function sectorFitFactor(options?: SectorFitOptions): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('sectorFit', options, { untargeted: unitInterval });
  const o = resolved.options;
  const untargeted = o.untargeted ?? UNTARGETED_FIT;
  return {
    name: 'sectorFit',
    side: 'both',
    label: { zh: '行业契合度', en: 'sector fit' },
    description: {
      zh: '企业行业与产品目标行业的接近程度（GB/T 4754 层级相似度）',
      en: 'closeness of the enterprise’s sector to the product’s target sectors (GB/T 4754 tree)',
    },
    key: sectorKey,
    targetFields: ['targetSectors'],
    // A product aimed at no sector gives every firm the same value.
    uniformValue: ({ target }) => (target.targetSectors.length === 0 ? untargeted : undefined),
    score({ subject, target }: EnterpriseProductContext) {
      if (target.targetSectors.length === 0) return untargeted;
      let best = 0;
      for (const t of target.targetSectors)
        best = Math.max(best, sectorSimilarity(subject.sector, t));
      return best;
    },
    spec: resolved.spec,
  };
}
