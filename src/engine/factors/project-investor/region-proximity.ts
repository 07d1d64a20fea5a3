import type { Investor, Project } from '../../../model/types.js';
import { REGION_PROXIMITY } from '../../defaults.js';
import type { Factor, ProjectInvestorContext } from '../../types.js';
import { resolvePartOptions } from '../../rules/options.js';
import { projectRegionKey } from '../../rules/subject-keys.js';
import {
  regionProximity,
  regionProximityLevels,
  type RegionProximityLevels,
} from '../region-proximity.js';

/** Options of {@link investorRegionFactor}. */
export interface InvestorRegionOptions {
  /** Values by level. Default {@link REGION_PROXIMITY}. */
  levels?: RegionProximityLevels;
}

/**
 * `regionProximity` (project–investor, side `both`): a local fund investing in the project's
 * district, city or province beats a nationwide investor (local reinvestment ratios,
 * stages-and-investors.md §4). In [0, 1].
 */
export function investorRegionFactor(options?: InvestorRegionOptions): Factor<Project, Investor> {
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
      zh: '投资方投资地域与项目所在地的接近程度',
      en: 'how local the investor is to the project',
    },
    key: projectRegionKey,
    score: ({ subject, target }: ProjectInvestorContext) =>
      regionProximity(subject.region, target.regions, levels),
    spec: resolved.spec,
  };
}
