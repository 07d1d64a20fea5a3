import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { STAGES, stageRank } from '../../../taxonomy/ladders.js';
import { stageKey } from '../../rules/subject-keys.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';
import { resolvePartOptions } from '../../rules/options.js';
import { LADDER_FIT_OPTION_CHECKS, ladderFit, type LadderFitOptions } from '../ladder-fit.js';

/** Options of {@link stageFitFactor} (see {@link ladderFit}). */
export type StageFitOptions = LadderFitOptions;

/**
 * `stageFit`: how squarely the product aims at the enterprise's stage. A product for exactly
 * that stage scores 1; a broad product less (every stage = 0.5, like an unrestricted one);
 * outside the list it decays per stage of distance. In [0, 1].
 */
export function stageFitFactor(options?: StageFitOptions): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('stageFit', options, LADDER_FIT_OPTION_CHECKS);
  const o = resolved.options;
  return {
    name: 'stageFit',
    side: 'target',
    label: { zh: '阶段契合度', en: 'stage fit' },
    description: {
      zh: '产品面向的发展阶段与企业所处阶段的吻合程度',
      en: 'how squarely the product targets the enterprise’s development stage',
    },
    key: stageKey,
    targetFields: ['stages'],
    score: ({ subject, target }: EnterpriseProductContext) =>
      ladderFit(stageRank(subject.stage), target.stages.map(stageRank), STAGES.length, o),
    spec: resolved.spec,
  };
}
