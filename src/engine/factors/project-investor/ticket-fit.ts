import type { Investor, Project } from '../../../model/types.js';
import type { Factor, ProjectInvestorContext } from '../../types.js';
import { logRangeFit, type RangeFitOptions } from '../range-fit.js';

/** Options of {@link ticketFitFactor} (see {@link logRangeFit}). */
export type TicketFitOptions = RangeFitOptions;

/**
 * `ticketFit` (side `subject`: can the investor write the cheque the project needs?): the
 * amount sought in the investor's ticket range, log scale, 1 at the centre, 0.5 at the edges.
 * In [0, 1].
 */
export function ticketFitFactor(options: TicketFitOptions = {}): Factor<Project, Investor> {
  return {
    name: 'ticketFit',
    side: 'subject',
    label: { zh: '投资额契合度', en: 'ticket fit' },
    description: {
      zh: '项目融资额在投资方单笔投资区间中的位置（对数尺度）',
      en: 'position of the amount sought in the investor’s ticket range (log scale)',
    },
    score: ({ subject, target }: ProjectInvestorContext) =>
      logRangeFit(subject.need.amount, target.ticket, options),
  };
}
