import type { Investor, Project } from '../../../model/types.js';
import { sectorSimilarity } from '../../../taxonomy/sectors.js';
import { UNTARGETED_FIT } from '../../defaults.js';
import type { Factor, ProjectInvestorContext } from '../../types.js';
import { resolvePartOptions, unitInterval } from '../../rules/options.js';
import { projectSectorKey } from '../../rules/subject-keys.js';

/** Options of {@link investorSectorFitFactor}. */
export interface InvestorSectorFitOptions {
  /** Value for an investor without target sectors. Default {@link UNTARGETED_FIT} (0.5). */
  untargeted?: number;
}

/**
 * `sectorFit` (project–investor, side `target`: does the project suit the investor's thesis):
 * best sector similarity between the project and the investor's target sectors; 0.5 for a
 * generalist investor. In [0, 1].
 */
export function investorSectorFitFactor(
  options?: InvestorSectorFitOptions,
): Factor<Project, Investor> {
  const resolved = resolvePartOptions('sectorFit', options, { untargeted: unitInterval });
  const o = resolved.options;
  const untargeted = o.untargeted ?? UNTARGETED_FIT;
  return {
    name: 'sectorFit',
    side: 'target',
    label: { zh: '行业契合度', en: 'sector fit' },
    description: {
      zh: '项目行业与投资方关注行业的接近程度',
      en: 'closeness of the project’s sector to the investor’s target sectors',
    },
    key: projectSectorKey,
    score({ subject, target }: ProjectInvestorContext) {
      if (target.targetSectors.length === 0) return untargeted;
      let best = 0;
      for (const t of target.targetSectors)
        best = Math.max(best, sectorSimilarity(subject.sector, t));
      return best;
    },
    spec: resolved.spec,
  };
}
