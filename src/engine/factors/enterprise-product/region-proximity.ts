import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { REGION_PROXIMITY } from '../../defaults.js';
import { regionKey } from '../../rules/subject-keys.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';
import { resolvePartOptions } from '../../rules/options.js';
import {
  regionProximity,
  regionProximityLevels,
  type RegionProximityLevels,
} from '../region-proximity.js';

/** Options of {@link regionProximityFactor}. */
export interface RegionProximityOptions {
  /** Values by level. Default {@link REGION_PROXIMITY}. */
  levels?: RegionProximityLevels;
}

/**
 * `regionProximity`: a product restricted to the firm's district (1) beats one for its city
 * (0.85), its province (0.7) and a nationwide product (0.4): local banks know local firms and
 * local subsidies stack. 0 outside the product's regions. In [0, 1].
 */
export function regionProximityFactor(
  options?: RegionProximityOptions,
): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('regionProximity', options, {
    levels: regionProximityLevels,
  });
  const o = resolved.options;
  const levels = o.levels ?? REGION_PROXIMITY;
  return {
    name: 'regionProximity',
    side: 'both',
    label: { zh: '地域邻近度', en: 'regional proximity' },
    description: {
      zh: '产品服务地区与企业所在地的接近程度（区县 > 地市 > 省 > 全国）',
      en: 'how local the product is to the enterprise (district > city > province > nationwide)',
    },
    key: regionKey,
    targetFields: ['regions'],
    score: ({ subject, target }: EnterpriseProductContext) =>
      regionProximity(subject.region, target.regions, levels),
    spec: resolved.spec,
  };
}
