import { INVESTOR_KINDS, type InvestorKind } from '../../../model/enums.js';
import { ROUNDS } from '../../../taxonomy/ladders.js';
import type { Investor, Project } from '../../../model/types.js';
import { INVESTOR_KIND_FIT, INVESTOR_KIND_ROUNDS, type KindRoundFit } from '../../defaults.js';
import type { Factor, ProjectInvestorContext } from '../../types.js';
import {
  listOf,
  recordOf,
  resolvePartOptions,
  shapeOf,
  unitInterval,
} from '../../rules/options.js';
import { projectRoundKey } from '../../rules/subject-keys.js';

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
export function investorKindFitFactor(options?: InvestorKindFitOptions): Factor<Project, Investor> {
  const resolved = resolvePartOptions('investorKindFit', options, {
    rounds: recordOf(
      INVESTOR_KINDS,
      shapeOf({ primary: listOf(ROUNDS), secondary: listOf(ROUNDS) }),
    ),
    fit: shapeOf({ primary: unitInterval, secondary: unitInterval, other: unitInterval }),
  });
  const o = resolved.options;
  const rounds = o.rounds ?? INVESTOR_KIND_ROUNDS;
  const fit = o.fit ?? INVESTOR_KIND_FIT;
  return {
    name: 'investorKindFit',
    side: 'subject',
    label: { zh: '投资方类型契合度', en: 'investor-kind fit' },
    description: {
      zh: '投资方类型的典型投资阶段与项目轮次的吻合程度',
      en: 'how the investor kind’s typical stage focus suits the project’s round',
    },
    key: projectRoundKey,
    score({ subject, target }: ProjectInvestorContext) {
      const focus = rounds[target.kind];
      if (focus.primary.includes(subject.round)) return fit.primary;
      if (focus.secondary.includes(subject.round)) return fit.secondary;
      return fit.other;
    },
    spec: resolved.spec,
  };
}
