import type { Investor, Project } from '../../../model/types.js';
import { TRL_DISTANCE_DECAY, UNTARGETED_FIT } from '../../defaults.js';
import type { Factor, ProjectInvestorContext } from '../../types.js';
import { nonNegative, resolvePartOptions, unitInterval } from '../../rules/options.js';
import { projectTrlKey } from '../../rules/subject-keys.js';

/** Options of {@link trlFitFactor}. */
export interface TrlFitOptions {
  /** Investor without a TRL range. Default {@link UNTARGETED_FIT} (0.5). */
  untargeted?: number;
  /** Loss per level outside the range. Default {@link TRL_DISTANCE_DECAY} (0.25). */
  distanceDecay?: number;
}

/**
 * `trlFit` (side `target`): the project's TRL within the investor's range scores 1; outside
 * it loses 0.25 per level; an investor without a range scores 0.5. In [0, 1].
 */
export function trlFitFactor(options?: TrlFitOptions): Factor<Project, Investor> {
  const resolved = resolvePartOptions('trlFit', options, {
    untargeted: unitInterval,
    distanceDecay: nonNegative,
  });
  const o = resolved.options;
  const untargeted = o.untargeted ?? UNTARGETED_FIT;
  const decay = o.distanceDecay ?? TRL_DISTANCE_DECAY;
  return {
    name: 'trlFit',
    side: 'target',
    label: { zh: '技术成熟度契合度', en: 'TRL fit' },
    description: {
      zh: '项目技术成熟度（TRL）与投资方关注区间的吻合程度',
      en: 'how the project’s TRL matches the investor’s TRL range',
    },
    key: projectTrlKey,
    score({ subject, target }: ProjectInvestorContext) {
      const range = target.trl;
      if (range === undefined) return untargeted;
      const d =
        subject.trl < range.min ? range.min - subject.trl : Math.max(0, subject.trl - range.max);
      return Math.max(0, 1 - d * decay);
    },
    spec: resolved.spec,
  };
}
