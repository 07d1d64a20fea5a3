import { INVESTOR_KINDS, type InvestorKind } from '../../../model/enums.js';
import type { Investor, Project } from '../../../model/types.js';
import { SRDI_TIERS, type SrdiTier } from '../../../taxonomy/ladders.js';
import { OWNER_TIER_FIT, SRDI_FAVOURING_KINDS } from '../../defaults.js';
import type { Factor, ProjectInvestorContext } from '../../types.js';
import { listOf, recordOf, resolvePartOptions, unitInterval } from '../../rules/options.js';
import { ownerSrdiTierKey } from '../../rules/subject-keys.js';

/** Options of {@link ownerSrdiTierFactor}. */
export interface OwnerSrdiTierOptions {
  /** Investor kinds that favour SRDI owners. Default {@link SRDI_FAVOURING_KINDS}. */
  favouringKinds?: readonly InvestorKind[];
  /** Value by the owner's tier. Default {@link OWNER_TIER_FIT}. */
  tierFit?: Readonly<Record<SrdiTier, number>>;
}

/**
 * `ownerSrdiTier` (side `target`): for investors that favour SRDI firms (CVCs, state VC,
 * guidance funds, AICs), the project owner's SRDI tier — little giants and champions first.
 * Abstains (`null`) for other investor kinds, so their weight goes to the other factors.
 * Non-decreasing in the tier. In [0, 1] or null.
 */
export function ownerSrdiTierFactor(options?: OwnerSrdiTierOptions): Factor<Project, Investor> {
  const resolved = resolvePartOptions('ownerSrdiTier', options, {
    favouringKinds: listOf(INVESTOR_KINDS),
    tierFit: recordOf(SRDI_TIERS, unitInterval),
  });
  const o = resolved.options;
  const kinds = o.favouringKinds ?? SRDI_FAVOURING_KINDS;
  const tierFit = o.tierFit ?? OWNER_TIER_FIT;
  return {
    name: 'ownerSrdiTier',
    side: 'target',
    label: { zh: '项目方专精特新等级', en: 'owner SRDI tier' },
    description: {
      zh: '偏好专精特新企业的投资方：项目所属企业的专精特新等级',
      en: 'for investors favouring SRDI firms: the project owner’s SRDI tier',
    },
    key: ownerSrdiTierKey,
    score: ({ subject, target }: ProjectInvestorContext) =>
      kinds.includes(target.kind) ? tierFit[subject.ownerSrdiTier] : null,
    spec: resolved.spec,
  };
}
