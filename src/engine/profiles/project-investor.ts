/**
 * The shipped project–investor profile.
 *
 * @module
 */
import type { Investor, Project } from '../../model/types.js';
import { LEARNED_FACTOR_WEIGHT, PROJECT_INVESTOR_WEIGHTS } from '../defaults.js';
import {
  investorKindFitFactor,
  investorRegionFactor,
  investorSectorFitFactor,
  ownerSrdiTierFactor,
  roundFitFactor,
  ticketFitFactor,
  trlFitFactor,
} from '../factors/index.js';
import {
  investorInstrumentRule,
  investorRegionRule,
  investorSectorRule,
  roundRule,
  ticketRule,
  trlRule,
} from '../rules/index.js';
import { reciprocalStrategy } from '../strategies/reciprocal.js';
import type { ProjectInvestorProfile } from '../types.js';
import { defineProfile } from './define.js';
import {
  repeatPartnerFactor,
  targetProfileFactor,
  softWithHistory,
  volumePriorFactor,
} from '../../learn/factors/index.js';

/** Version of {@link projectInvestorProfile}. */
export const PROJECT_INVESTOR_PROFILE_VERSION = '1.1.0';

/**
 * The default project–investor profile `projectInvestor` 1.1.0: the six rules (ticket,
 * round, TRL, sector, region, instrument), seven factors weighted by
 * {@link PROJECT_INVESTOR_WEIGHTS} and the reciprocal (harmonic-mean) strategy: the project's
 * side (ticket, investor kind, region) and the investor's side (sector, round, TRL, owner
 * tier, region) must both fit.
 * The three outcome-learned factors (each {@link LEARNED_FACTOR_WEIGHT}, on both sides: an
 * outcome is a deal both sides accepted) abstain without interaction history and lead with it.
 * With outcome history, the five thesis rules (ticket, round, TRL, sector, region) stop
 * filtering and become soft (`soft:<rule>` factors with penalties learned from outcomes,
 * {@link softWithHistory}); the instrument rule stays hard.
 */
export function projectInvestorProfile(): ProjectInvestorProfile {
  const w = PROJECT_INVESTOR_WEIGHTS;
  // An investor's declared thesis (ticket, rounds, TRL, sectors, regions) filters until there
  // are outcomes; then outcomes say how strictly each holds (a learned penalty).
  const preferences = [
    ticketRule(),
    roundRule(),
    trlRule(),
    investorSectorRule(),
    investorRegionRule(),
  ].map((rule) => softWithHistory<Project, Investor>(rule));
  return defineProfile<Project, Investor>({
    name: 'projectInvestor',
    version: PROJECT_INVESTOR_PROFILE_VERSION,
    market: 'projectInvestor',
    rules: [...preferences.map((p) => p.rule), investorInstrumentRule()],
    factors: [
      { factor: investorSectorFitFactor(), weight: w.sectorFit },
      { factor: roundFitFactor(), weight: w.roundFit },
      { factor: ticketFitFactor(), weight: w.ticketFit },
      { factor: trlFitFactor(), weight: w.trlFit },
      { factor: investorRegionFactor(), weight: w.regionProximity },
      { factor: investorKindFitFactor(), weight: w.investorKindFit },
      { factor: ownerSrdiTierFactor(), weight: w.ownerSrdiTier },
      { factor: targetProfileFactor(), weight: LEARNED_FACTOR_WEIGHT },
      { factor: volumePriorFactor(), weight: LEARNED_FACTOR_WEIGHT },
      { factor: repeatPartnerFactor(), weight: LEARNED_FACTOR_WEIGHT },
      ...preferences.map((p) => ({ factor: p.factor, weight: LEARNED_FACTOR_WEIGHT })),
    ],
    strategy: reciprocalStrategy(),
  });
}
