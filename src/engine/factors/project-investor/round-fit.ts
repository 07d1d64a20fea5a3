import type { Investor, Project } from '../../../model/types.js';
import { ROUNDS, roundRank } from '../../../taxonomy/ladders.js';
import type { Factor, ProjectInvestorContext } from '../../types.js';
import { resolvePartOptions } from '../../rules/options.js';
import { projectRoundKey } from '../../rules/subject-keys.js';
import { LADDER_FIT_OPTION_CHECKS, ladderFit, type LadderFitOptions } from '../ladder-fit.js';

/** Options of {@link roundFitFactor} (see {@link ladderFit}). */
export type RoundFitOptions = LadderFitOptions;

/**
 * `roundFit` (side `target`): how squarely the investor focuses on the project's round — a
 * specialist in that round scores 1, a generalist 0.5. In [0, 1].
 */
export function roundFitFactor(options?: RoundFitOptions): Factor<Project, Investor> {
  const resolved = resolvePartOptions('roundFit', options, LADDER_FIT_OPTION_CHECKS);
  const o = resolved.options;
  return {
    name: 'roundFit',
    side: 'target',
    label: { zh: '轮次契合度', en: 'round fit' },
    description: {
      zh: '投资方关注轮次与项目当前轮次的吻合程度',
      en: 'how squarely the investor focuses on the project’s round',
    },
    key: projectRoundKey,
    score: ({ subject, target }: ProjectInvestorContext) =>
      ladderFit(roundRank(subject.round), target.rounds.map(roundRank), ROUNDS.length, o),
    spec: resolved.spec,
  };
}
