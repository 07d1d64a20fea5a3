import type { InvestorKind } from '../../../model/enums.js';
import type { Investor, Project } from '../../../model/types.js';
import { INVESTOR_KIND_FIT, INVESTOR_KIND_ROUNDS, type KindRoundFit } from '../../defaults.js';
import type { Factor, ProjectInvestorContext } from '../../types.js';

/** Options of {@link investorKindFitFactor}. */
export interface InvestorKindFitOptions {
  /** Primary and secondary rounds of each kind. Default {@link INVESTOR_KIND_ROUNDS}. */
  rounds?: Readonly<Record<InvestorKind, KindRoundFit>>;
  /** Values of a primary, secondary and other round. Default {@link INVESTOR_KIND_FIT}. */
  fit?: Readonly<{ primary: number; secondary: number; other: number }>;
}

/**
 * `investorKindFit` (side `subject`: is this kind of money right for the project's stage?):
 * the investor kind's typical stage focus (stages-and-investors.md §4) against the project's
 * round — angels at seed, AICs and insurance money late. 1 primary, 0.6 secondary, 0.2 other.
 */
export function investorKindFitFactor(
  options: InvestorKindFitOptions = {},
): Factor<Project, Investor> {
  const rounds = options.rounds ?? INVESTOR_KIND_ROUNDS;
  const fit = options.fit ?? INVESTOR_KIND_FIT;
  return {
    name: 'investorKindFit',
    side: 'subject',
    label: { zh: '投资方类型契合度', en: 'investor-kind fit' },
    description: {
      zh: '投资方类型的典型投资阶段与项目轮次的吻合程度',
      en: 'how the investor kind’s typical stage focus suits the project’s round',
    },
    score({ subject, target }: ProjectInvestorContext) {
      const focus = rounds[target.kind];
      if (focus.primary.includes(subject.round)) return fit.primary;
      if (focus.secondary.includes(subject.round)) return fit.secondary;
      return fit.other;
    },
  };
}
